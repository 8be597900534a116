"""A consultant shares their verified profile: they create a link from their navigation,
a buyer opens it in a fresh browser (no account) and sees the confirmed claims, the
consultant revokes the link, the buyer's browser now gets the "no longer works" page, and
the consultant sees the view that was logged."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import (
    EngagementFactory,
    ReferenceCheckFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
)
from vetting.models import CheckStatus, EngagementStatus
from vetting.roles import Role
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/p4"


def test_a_consultant_shares_revokes_and_sees_the_view_logged(
    page: Page, browser: Browser, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT)
    consultant = consultant_user(email="clara@example.com", first_name="Clara", last_name="Okafor")
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    submission = submitted_quickly(engagement, consultant=consultant.consultant)
    scorecards_recompute([submission.pk])
    ReferenceCheckFactory(
        submission=submission,
        status=CheckStatus.COMPLETED,
        completed_at=timezone.now(),
        relationship="client",
        verdicts={"0": "confirmed"},
        strengths="Words of the referee that stay with the buyer.",
    )

    # The consultant creates a link from their navigation, and sees the preview.
    sign_in(page, live_server.url, consultant)
    page.get_by_role("link", name="Verified profile").click()
    expect(page.get_by_test_id("preview")).to_contain_text("Ran a LinkedIn community")
    page.get_by_label("Who it is for").fill("Ledgerly procurement")
    page.get_by_role("button", name="Create the link").click()
    link = page.get_by_test_id("new-link").input_value()
    page.screenshot(path=f"{SCREENSHOTS}/link_created.png", full_page=True)

    # A buyer opens it in a fresh browser, with no account.
    buyer = browser.new_context()
    public = buyer.new_page()
    public.goto(link)
    profile = public.get_by_test_id("verified-profile")
    expect(profile).to_contain_text("Ran a LinkedIn community programme")
    expect(profile).to_contain_text("by a client in")
    expect(profile).not_to_contain_text("Words of the referee")
    public.screenshot(path=f"{SCREENSHOTS}/public_profile.png", full_page=True)

    # The consultant revokes it; the buyer's browser now learns only that it stopped.
    page.goto(f"{live_server.url}/my/verified-profile/")
    row = page.get_by_test_id("link-row").filter(has_text="Ledgerly procurement")
    expect(row).to_contain_text("1 view")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_test_id("link-row").first).to_contain_text("Revoked")
    public.reload()
    expect(public.get_by_test_id("link-gone")).to_contain_text("This link no longer works")
    expect(public.locator("body")).not_to_contain_text("Ran a LinkedIn")
    public.screenshot(path=f"{SCREENSHOTS}/link_gone.png", full_page=True)

    # The view is in the link's log.
    page.get_by_test_id("link-row").first.get_by_test_id("view-count").click()
    expect(page.get_by_test_id("views")).to_contain_text("Chrome on a computer")
    page.screenshot(path=f"{SCREENSHOTS}/links_page.png", full_page=True)
    buyer.close()
    assert console_errors == []
