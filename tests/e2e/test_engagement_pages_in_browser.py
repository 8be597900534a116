"""An engagement's pages in Chromium: the tabs, home and the score page on a phone, the
compare limit in the ranking and the score range that refuses to run backwards."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import (
    EngagementFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.models import Engagement, EngagementStatus, User
from vetting.roles import Role
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def a_round(owner: User, size: int = 6) -> Engagement:
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    submissions = [submitted_quickly(engagement, years_social=3 + i) for i in range(size)]
    scorecards_recompute([s.pk for s in submissions])
    return engagement


def top(page: Page, name: str) -> float:
    return page.get_by_role("heading", name=name, exact=True).bounding_box()["y"]


def test_on_a_phone_home_shows_what_needs_you_before_the_activity_and_nothing_spills(
    page: Page, live_server, console_errors
) -> None:
    owner = UserFactory(role=Role.PROCUREMENT)
    engagement = a_round(owner)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, owner)

    page.goto(f"{live_server.url}/home/")

    assert top(page, "My engagements") < top(page, "Needs you") < top(page, "Recent activity")
    expect(page.get_by_test_id("home-engagements").get_by_test_id("pipeline").first).to_have_text(
        "6 submitted"
    )
    page.goto(f"{live_server.url}/submissions/{engagement.submissions.first().pk}/score/")
    points = page.get_by_test_id("criteria").get_by_role("columnheader", name="Points")
    box = points.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    tabs = [f"/engagements/{engagement.pk}/", f"/engagements/{engagement.pk}/ranking/"]
    for path in tabs:
        page.goto(f"{live_server.url}{path}")
        links = page.get_by_test_id("engagement-nav").get_by_role("link")
        expect(links).to_have_text(
            ["Overview", "Ranking", "Value", "Calibration", "Audit trail", "Report"]
        )
        rows = {link.bounding_box()["y"] for link in links.all()}
        assert len(rows) == 1, f"the tabs wrap on {path}"
    assert console_errors == []


def test_the_ranking_lets_four_be_ticked_and_refuses_a_backwards_score_range(
    page: Page, live_server, console_errors
) -> None:
    owner = UserFactory(role=Role.PROCUREMENT)
    engagement = a_round(owner)
    sign_in(page, live_server.url, owner)
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/ranking/")
    boxes = page.locator("#compare-form input[type=checkbox][name=s]")

    for i in range(4):
        boxes.nth(i).check()

    expect(page.get_by_text("4 ticked, the most that fit side by side")).to_be_visible()
    expect(boxes.nth(4)).to_be_disabled()
    boxes.nth(0).uncheck()
    expect(boxes.nth(4)).to_be_enabled()
    boxes.nth(0).check()

    page.get_by_label("Score from").fill("50")
    page.get_by_label("to", exact=True).fill("30")
    page.get_by_label("to", exact=True).press("Enter")

    error = page.locator("#score-range-errors")
    expect(error).to_have_text("Must be at least the “Score from” (50): a range goes low to high.")
    expect(page.get_by_label("to", exact=True)).to_have_value("30")
    expect(page.get_by_label("to", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("ranking-count")).to_have_text("6 consultants")
    page.get_by_label("to", exact=True).fill("100")
    page.get_by_label("to", exact=True).press("Enter")
    expect(error).to_have_text("")
    expect(page.get_by_label("to", exact=True)).not_to_have_attribute("aria-invalid", "true")
    assert console_errors == []
