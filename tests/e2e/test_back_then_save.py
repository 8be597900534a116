"""Back, then Save again, on New engagement leads to the draft already made, not a copy.
Chromium fetches the form page again on Back (so anything the page carried is new) and puts
back what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import UserFactory
from vetting.models import Engagement
from vetting.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Social marketing partner for the Northwind launch"
FIELDS = {
    "Title": TITLE,
    "Target market": "Operations leaders at mid-sized UK manufacturers.",
    "Goals": "400 qualified demo requests in two quarters.",
    "Timing": "Launch at the supply-chain expo in six weeks.",
}


def test_back_then_save_again_shows_the_draft_already_made_instead_of_a_copy(
    page: Page, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya")
    sign_in(page, live_server.url, owner)
    page.goto(f"{live_server.url}/engagements/")
    page.get_by_role("link", name="New engagement").click()
    deadline = timezone.localtime(timezone.now() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    for label, value in FIELDS.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("The engagement is saved as a draft.")).to_be_visible()
    draft_url = page.url

    page.go_back()
    expect(page.get_by_role("heading", name="New engagement")).to_be_visible()
    # Whatever the browser restored, the form says the same as before.
    for label, value in FIELDS.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_role("button", name="Save as draft").click()

    expect(
        page.get_by_text("You created this engagement a moment ago with the same details")
    ).to_be_visible()
    assert page.url == draft_url
    assert Engagement.objects.filter(title=TITLE).count() == 1

    # A reload of the form, a changed title: that is a second round on purpose.
    page.goto(f"{live_server.url}/engagements/")
    page.get_by_role("link", name="New engagement").click()
    for label, value in {**FIELDS, "Title": TITLE + ", wave 2"}.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("The engagement is saved as a draft.")).to_be_visible()
    assert Engagement.objects.count() == 2
    assert console_errors == []
