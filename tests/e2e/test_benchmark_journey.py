"""A buyer reads the reference benchmarks: from the navigation, the organisation's table
shows a rate with its range and n where enough claims were checked and "too few" elsewhere,
with the chart drawn beside it; the consultant's score page sets their confirmations
against the norm."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.benchmark_helpers import checked_claims, open_round
from tests.e2e.conftest import sign_in
from tests.factories import UserFactory, consultant_user
from vetting.roles import Role
from vetting.services import scorecards_recompute
from vetting.services.benchmarks import claim_tallies_rebuild

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/p2/shots"


def test_a_buyer_reads_the_benchmarks_and_a_consultants_claims_against_them(
    page: Page, live_server, console_errors, settings
):
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 20
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya")
    engagement = open_round(owner)
    verdicts = ["confirmed"] * 3 + ["partly", "not_confirmed"]
    for _ in range(5):  # 25 database-building claims judged by clients
        claims = [("database_building", v) for v in verdicts] + [("pr", "confirmed")]
        checked_claims(engagement, consultant_user().consultant, claims)
    clara = consultant_user(first_name="Clara", last_name="Okafor").consultant
    mine = checked_claims(engagement, clara, [("database_building", "confirmed")] * 2)
    claim_tallies_rebuild()
    scorecards_recompute([mine.pk])

    sign_in(page, live_server.url, owner)
    page.get_by_role("button", name="More").click()  # the pages opened now and then
    page.get_by_role("link", name="Benchmarks").click()

    expect(page.get_by_role("heading", name="Reference benchmarks")).to_be_visible()
    cell = page.get_by_test_id("cell-database_building-client")
    expect(cell).to_contain_text("n=27")
    expect(page.get_by_test_id("cell-pr-client")).to_contain_text(
        "Too few checked claims (5); needs 20"
    )
    expect(page.locator("#benchmarks-chart[data-drawn='1']")).to_be_attached()
    page.screenshot(path=f"{SCREENSHOTS}/organisation.png", full_page=True)

    page.goto(f"{live_server.url}/submissions/{mine.pk}/score/")
    line = page.get_by_test_id("claim-line-database_building-client")
    expect(line).to_contain_text(
        "2 of 2 database-building claims confirmed by clients; such claims are confirmed 70% "
        "of the time (n=25"
    )
    page.get_by_test_id("claim-benchmarks").screenshot(path=f"{SCREENSHOTS}/score_card.png")
    assert console_errors == []
