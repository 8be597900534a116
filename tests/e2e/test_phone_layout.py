"""On a phone, wide tables scroll inside their own box: the page itself never pans sideways
into blank space (screen-reader-only labels inside a table used to stretch it)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import (
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    ReferenceFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
)
from vetting.models import EngagementStatus
from vetting.models.references import Channel
from vetting.roles import Role
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def sideways_overflow(page: Page) -> int:
    """How many pixels the page can be dragged to the right beyond the screen."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_wide_tables_scroll_inside_their_box_on_a_phone(
    page: Page, live_server, console_errors
) -> None:
    owner = UserFactory(role=Role.PROCUREMENT)
    manager = UserFactory(role=Role.MANAGER)
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(manager)
    submissions = [submitted_quickly(engagement) for _ in range(3)]
    scorecards_recompute([s.pk for s in submissions])
    FlagFactory(reference_check__submission=submissions[0])
    ReferenceCheckFactory(submission=submissions[1], channel=Channel.PHONE)
    consultant = consultant_user()
    ReferenceFactory.create_batch(2, consultant=consultant.consultant)
    page.set_viewport_size(PHONE)
    pages = {
        owner: [
            f"/engagements/{engagement.pk}/",
            f"/engagements/{engagement.pk}/ranking/",
            f"/engagements/{engagement.pk}/audit/",
            f"/engagements/{engagement.pk}/report/",
            f"/submissions/{submissions[0].pk}/report/",
            "/reviews/",
        ],
        manager: ["/calls/?show=unassigned", "/discrepancies/"],
        consultant: ["/profile/"],
    }

    for user, paths in pages.items():
        page.context.clear_cookies()
        sign_in(page, live_server.url, user)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("main table").first).to_be_visible()
            assert sideways_overflow(page) == 0, path

    assert console_errors == []


@pytest.mark.parametrize("width", [1400, 1280, 1200, 1024])
def test_a_long_name_in_the_account_menu_never_widens_the_page(
    page: Page, live_server, console_errors, width: int
) -> None:
    """A manager has the most links; with a long name and the role badge the bar overflowed
    1280 px (a random name in the browser sweep found it). The name is cut with an
    ellipsis and reads whole on hover; below 1200 px the links fold behind the menu button."""
    name = "Christopher Alexander Montgomery-Whitworth"
    manager = UserFactory(role=Role.MANAGER, first_name=name, last_name="Fitzgerald-Hamilton")
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server.url, manager)

    page.goto(f"{live_server.url}/home/")

    assert sideways_overflow(page) == 0
    account = page.get_by_test_id("account-menu")
    expect(account.locator(".account-name")).to_have_attribute(
        "title", f"{name} Fitzgerald-Hamilton"
    )
    if width >= 1200:
        box = account.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    else:
        expect(page.locator(".navbar-toggler")).to_be_visible()
    assert console_errors == []
