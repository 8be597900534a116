"""A selected vendor approaches its review date: the register shows them due, the schedule
opens a re-vetting round, the consultant finds their last answers filled in, changes one
and says what changed, and the buyer reads the change side by side on the differences page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Response, expect

from tests.e2e.conftest import sign_in
from tests.vendor_helpers import selected_vendor
from vetting.models import Revetting, VendorEntry
from vetting.services.scoring import scorecards_recompute
from vetting.services.vendors import revettings_open_due

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/vendors"
NEW_ANSWER = (
    "Took a payroll start-up from no social presence to half of its pipeline in eighteen "
    "months, with a community run by its own support staff."
)


def _autosaved(key: str, value: str) -> Callable[[Response], bool]:
    def carries(response: Response) -> bool:
        if not urlsplit(response.url).path.endswith(f"/answers/{key}/"):
            return False
        return parse_qs(response.request.post_data or "").get(key) == [value]

    return carries


def test_a_vendor_due_for_review_is_revetted_and_the_differences_are_shown(
    page: Page, live_server, console_errors, procurement, consultant
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    VendorEntry.objects.filter(pk=entry.pk).update(
        review_on=timezone.localdate() + timedelta(days=20)
    )
    name = consultant.consultant.name

    # The buyer sees the vendor due for review in the register.
    sign_in(page, live_server.url, procurement)
    page.get_by_role("button", name="More").click()  # the pages opened now and then
    page.get_by_role("link", name="Vendors").click()
    row = page.get_by_test_id(f"vendor-{consultant.consultant.pk}")
    expect(row.get_by_test_id("vendor-due")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/register.png", full_page=True)

    # The daily schedule opens the re-vetting round (and only one, however often it runs).
    assert revettings_open_due() == 1
    assert revettings_open_due() == 0
    revetting = Revetting.objects.select_related("engagement").get()
    row.get_by_role("link", name=name).click()
    expect(page.get_by_test_id("revettings")).to_contain_text("by the schedule")
    page.screenshot(path=f"{SHOTS}/entry.png", full_page=True)

    # The consultant finds their last answers filled in, changes one, says what changed.
    context = page.context.browser.new_context()
    them = context.new_page()
    sign_in(them, live_server.url, consultant)
    them.goto(f"{live_server.url}/submissions/{revetting.submission_id}/answer/")
    expect(them.get_by_test_id("revetting-changes")).to_be_visible()
    field = them.locator("#id_greatest_accomplishment")
    expect(field).to_have_value(
        "Took a payroll start-up from no social presence to a quarter of its pipeline in "
        "eighteen months, with a community run by its own support staff."
    )
    with them.expect_response(_autosaved("greatest_accomplishment", NEW_ANSWER)):
        field.fill(NEW_ANSWER)
        field.blur()
    them.get_by_role("textbox", name="What changed since your last round?").fill(
        "Our payroll client grew: the community now brings half of its pipeline."
    )
    them.get_by_test_id("save-changes").click()
    expect(them.get_by_text("Saved what changed since your last round.")).to_be_visible()
    them.once("dialog", lambda dialog: dialog.accept())
    them.get_by_role("button", name="Submit self-assessment").click()
    expect(them.get_by_text("Your self-assessment is submitted and locked.")).to_be_visible()
    them.screenshot(path=f"{SHOTS}/answer.png", full_page=True)
    context.close()
    scorecards_recompute([revetting.submission_id])  # what the queued recompute does

    # The buyer opens the re-vetting round and reads the differences side by side.
    page.goto(live_server.url + revetting.engagement.get_absolute_url())
    page.get_by_test_id("differences-link").click()
    expect(page.get_by_test_id("what-changed")).to_contain_text("half of its pipeline")
    changed = page.get_by_test_id("answer-changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("del.diff-removed")).to_have_text("a quarter")
    expect(changed.locator("ins.diff-added")).to_have_text("half")
    expect(page.get_by_test_id("score-changes")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/differences.png", full_page=True)
    assert console_errors == []
