"""A buyer signs in, opens the ranking of a scored round, filters and sorts it in place,
compares three consultants, downloads the ranking as XLSX and records a decision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from consultants.models import Consultant
from tests.factories import PASSWORD, EngagementFactory, UserFactory, submitted_quickly
from vetting.models import Decision, Engagement, EngagementStatus, ScoreCard, User
from vetting.roles import Role
from vetting.scoring.rubric import CRITERIA
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Social marketing for the Ledgerly launch"
SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "dashboard.png"
# name, years in social media, years for clients (more for clients than in social media at
# all raises a red flag), evidence for the accomplishment
PEOPLE = [
    ("Amara Lewis", 11, 7, "https://lewis.example/cases/ledgerly"),
    ("Ben Ortiz", 9, 6, ""),
    ("Chloe Park", 8, 9, ""),
    ("Daniel Reyes", 6, 4, ""),
    ("Elena Novak", 5, 6, ""),
    ("Farid Haddad", 4, 3, ""),
    ("Grace Kim", 2, 1, ""),
    ("Hugo Brandt", 1, 2, ""),
]
RED_FLAGGED = ["Chloe Park", "Elena Novak", "Hugo Brandt"]
RATIONALE = "Measured results for two payroll start-ups; the strongest pitch of the round."


def scored_round() -> tuple[User, Engagement]:
    owner = UserFactory(
        email="priya@northwind.example", first_name="Priya", last_name="Shah", role=Role.PROCUREMENT
    )
    engagement = EngagementFactory(
        owner=owner, title=TITLE, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(UserFactory(role=Role.MANAGER))
    submissions = [
        submitted_quickly(
            engagement, name=name, years_social=social, years_clients=clients, evidence_url=url
        )
        for name, social, clients, url in PEOPLE
    ]
    for submission in submissions:  # fixed agencies, so that the screenshot stays the same
        Consultant.objects.filter(pk=submission.consultant_id).update(
            agency=f"{submission.consultant.name.split()[-1]} Social"
        )
    scorecards_recompute([s.pk for s in submissions])
    return owner, engagement


def sign_in_and_open_the_ranking(page: Page, base_url: str, owner: User) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(owner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello Priya")).to_be_visible()
    page.get_by_test_id("home-engagements").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=f"Ranking: {TITLE}")).to_be_visible()


def consultants(page: Page) -> Locator:
    """The consultant links of the ranking's rows, top to bottom."""
    return page.get_by_test_id("ranking").locator("tbody tr td:nth-child(3) a")


def test_a_buyer_sorts_filters_compares_exports_and_decides(
    page: Page, live_server, console_errors, tmp_path: Path
):
    owner, engagement = scored_round()
    page.set_viewport_size({"width": 1366, "height": 900})

    sign_in_and_open_the_ranking(page, live_server.url, owner)

    expect(page.get_by_test_id("ranking-count")).to_have_text("8 consultants")
    expect(consultants(page).first).to_have_text("Amara Lewis")
    expect(page.locator("#distribution-chart")).to_have_attribute("data-drawn", "1")
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Filtering and sorting swap the table in place (a marker on the window survives) and
    # keep the address shareable.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Flags").select_option("red")
    expect(page).to_have_url(re.compile(r"[?&]flag=red(&|$)"))
    expect(page.get_by_test_id("ranking-count")).to_have_text("3 consultants")
    expect(consultants(page)).to_have_text(["Chloe Park", "Elena Novak", "Hugo Brandt"])

    ranking = page.get_by_test_id("ranking")
    ranking.get_by_role("link", name="Consultant", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]flag=red&(.+&)?sort=name$"))
    expect(consultants(page)).to_have_text(RED_FLAGGED)
    ranking.get_by_role("link", name="Consultant", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]flag=red&(.+&)?sort=name&dir=desc$"))
    expect(consultants(page)).to_have_text(RED_FLAGGED[::-1])
    expect(ranking.get_by_role("columnheader", name="Consultant")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert page.evaluate("window.stillTheSamePage") is True

    # Compare the three.
    for name in RED_FLAGGED:
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare ticked").click()
    expect(page.get_by_role("heading", name="Compare 3 consultants")).to_be_visible()
    expect(page.get_by_test_id("compare").locator("thead th")).to_have_text(
        ["Row", *RED_FLAGGED[::-1]]
    )
    radar = page.locator("canvas#compare-radar")
    expect(radar).to_be_visible()
    expect(radar).to_have_attribute("data-drawn", "1")

    # Download the ranking as a spreadsheet from the round's page.
    page.get_by_role("link", name=f"{TITLE}: ranking").click()
    page.get_by_test_id("engagement-nav").get_by_role("link", name="Overview").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {name for name, *_ in PEOPLE} <= cells

    # Decide on the best of the round.
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/ranking/")
    page.get_by_role("link", name="Decide on Amara Lewis").click()
    expect(page.get_by_role("heading", name="Decide on Amara Lewis")).to_be_visible()
    page.get_by_label("Shortlist").check()
    page.get_by_label("Rationale").fill(RATIONALE)
    expect(page.get_by_label("Approved by")).to_have_value(str(owner.pk))
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_text("Decision recorded for Amara Lewis.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Ranking: {TITLE}")).to_be_visible()
    row = page.get_by_test_id("ranking").get_by_role("row", name=re.compile("Amara Lewis"))
    expect(row).to_contain_text("Shortlisted")
    decision = Decision.objects.get(submission__consultant__name="Amara Lewis")
    assert (decision.outcome, decision.rationale, decision.approver) == (
        "shortlisted",
        RATIONALE,
        owner,
    )
    [email] = [m for m in mail.outbox if m.to == [decision.submission.consultant.email]]
    assert RATIONALE not in email.body
    assert console_errors == []


def test_filtering_after_sorting_keeps_the_sort(page: Page, live_server, console_errors):
    owner, _ = scored_round()
    sign_in_and_open_the_ranking(page, live_server.url, owner)
    header = page.get_by_test_id("ranking").get_by_role("link", name="Consultant", exact=True)
    header.click()
    expect(page).to_have_url(re.compile(r"sort=name$"))
    page.get_by_test_id("ranking").get_by_role("link", name="Consultant", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=name&dir=desc$"))

    page.get_by_label("Flags").select_option("red")

    expect(page.get_by_test_id("ranking-count")).to_have_text("3 consultants")
    expect(consultants(page)).to_have_text(RED_FLAGGED[::-1], timeout=2000)
    expect(page).to_have_url(re.compile(r"sort=name&dir=desc$"), timeout=1000)
    assert console_errors == []


def test_each_rows_bars_are_named_and_drawn_after_an_in_place_sort(
    page: Page, live_server, console_errors
):
    """The interval and the criteria bars are drawn by cached CSS from classes, and app.js
    names each row's bars from the column's key: a screen reader and a pointer read every
    criterion with its value, in rows swapped in by a sort too."""
    owner, _ = scored_round()
    card = ScoreCard.objects.get(submission__consultant__name="Amara Lewis")
    lines = [
        f"{n} {c.label}: "
        + ("no data" if getattr(card, c.key) is None else f"{getattr(card, c.key) * 100:.0f}%")
        for n, c in enumerate(CRITERIA, start=1)
    ]
    interval = f"Amara Lewis {card.total:.0f}, likely between {card.low:.0f} and {card.high:.0f}"
    shots = Path(settings.BASE_DIR) / "test-results"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        sign_in_and_open_the_ranking(page, live_server.url, owner)
        row = page.get_by_test_id("ranking").get_by_role("row", name=re.compile("Amara Lewis"))

        bars = row.get_by_role("img", name=", ".join(lines))
        expect(bars).to_have_attribute("title", ",\n".join(lines))  # on hover
        drawn = row.get_by_role("img", name=interval)
        expect(drawn).to_be_visible()
        # the likely range spans its share of the bar (to within a pixel or two)
        width_of = "e => [e.getBoundingClientRect().width, getComputedStyle(e, '::before').width]"
        whole, span = drawn.evaluate(width_of)
        share = round(card.high) - round(card.low)
        assert abs(float(span.removesuffix("px")) - whole * share / 100) < 2
        page.screenshot(path=str(shots / f"ranking-{width}.png"), full_page=True)
        row.screenshot(path=str(shots / f"ranking-row-{width}.png"))
        page.context.clear_cookies()

    sign_in_and_open_the_ranking(page, live_server.url, owner)
    page.get_by_test_id("ranking").get_by_role("link", name="Consultant", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=name$"))
    row = page.get_by_test_id("ranking").get_by_role("row", name=re.compile("Amara Lewis"))
    expect(row.get_by_role("img", name=", ".join(lines))).to_be_visible()
    assert console_errors == []
