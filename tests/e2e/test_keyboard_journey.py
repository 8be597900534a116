"""A consultant with no mouse: signs in, opens their invitation, answers the last questions,
adds an accomplishment and submits, with the keyboard alone (Tab, Shift+Tab, arrows, typing,
Enter). Where the focus is must be visible at every step, and it stays where the person is
working when htmx swaps something in: on the field while "Saved" appears, in the new row
after "Add an accomplishment" (which re-renders the whole question)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SAVED
from tests.factories import (
    PASSWORD,
    VALID_ANSWERS,
    EngagementFactory,
    SubmissionFactory,
    consultant_user,
    offer_references,
)
from vetting.models import EngagementStatus
from vetting.services import answer_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The questions the consultant answers in the browser; the others were saved earlier.
LEFT = {"first_steps", "accomplishments"}

# The focused element, and whether a sighted keyboard user can see it is: an outline or a
# focus ring (box-shadow) that differs from how the element looks unfocused.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {id: "", name: "", visible: false};
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || (style.boxShadow && style.boxShadow !== "none");
  const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim();
  return {id: el.id, name: name.slice(0, 80), visible: el.matches(":focus-visible") && ring};
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUS)


def tab_to(page: Page, *, id: str = "", name: str = "", back: bool = False) -> None:
    """Press Tab (Shift+Tab going back) until the focus is on the element with this id, or
    whose text is `name`; its focus must show."""
    key = "Shift+Tab" if back else "Tab"
    trail = []
    for _ in range(80):
        page.keyboard.press(key)
        now = focused(page)
        trail.append(now["id"] or now["name"])
        if (id and now["id"] == id) or (name and now["name"] == name):
            assert now["visible"], f"the focus on {now} does not show"
            return
    raise AssertionError(f"Tab never reached {id or name!r}, only {trail}")


def test_a_consultant_submits_a_self_assessment_with_the_keyboard_alone(
    page: Page, live_server, console_errors
):
    user = consultant_user(email="kit@keys.example", first_name="Kit", last_name="Keys")
    round_ = EngagementFactory(
        title="Keyboard round", status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    submission = SubmissionFactory(engagement=round_, consultant=user.consultant)
    for question in round_.questionnaire.questions.exclude(key__in=LEFT):
        answer_save(
            submission=submission, by=user, question=question, raw=VALID_ANSWERS[question.key]
        )
    offer_references(submission, user)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Signing in.
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, id="id_username")
    page.keyboard.type(user.email)
    tab_to(page, id="id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/my/invitations/$"))

    # The invitation, then the self-assessment.
    tab_to(page, name="Continue the self-assessment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Keyboard round")

    # A text answer: the focus stays in the field while the autosave says "Saved".
    tab_to(page, id="id_first_steps")
    page.keyboard.type(VALID_ANSWERS["first_steps"])
    expect(page.locator("#status-first_steps")).to_have_text(SAVED)
    assert focused(page)["id"] == "id_first_steps"

    # The first accomplishment: its area with the arrow keys, then what and the result.
    tab_to(page, id="id_accomplishments-0-area")
    page.keyboard.press("ArrowDown")  # the first area after "Choose…"
    tab_to(page, id="id_accomplishments-0-what")
    page.keyboard.type(VALID_ANSWERS["accomplishments"][0]["what"])
    page.keyboard.press("Tab")
    page.keyboard.type(VALID_ANSWERS["accomplishments"][0]["result"])
    expect(page.locator("#status-accomplishments")).to_have_text(SAVED)

    # A second one: the question is re-rendered whole; the focus goes to the new row.
    tab_to(page, name="Add an accomplishment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Accomplishment 2")).to_be_visible()
    expect(page.locator("#id_accomplishments-1-area")).to_be_focused()
    assert focused(page)["visible"], "the focus in the new row does not show"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, id="id_accomplishments-1-what")
    page.keyboard.type("Set up a listening programme and a monthly board report.")
    page.keyboard.press("Tab")
    page.keyboard.type("1,200 new opted-in contacts in year one")
    # Back up with Shift+Tab to check the row kept what was typed.
    tab_to(page, id="id_accomplishments-1-what", back=True)
    expect(page.locator("#id_accomplishments-1-what")).to_have_value(re.compile("listening"))
    expect(page.locator("#status-accomplishments")).to_have_text(SAVED)
    expect(page.get_by_test_id("progress")).to_contain_text("7 of 7 answered")

    # Submitting: Enter on the button, then the confirmation (a browser dialog).
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, name="Submit self-assessment")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your self-assessment is submitted and locked.")).to_be_visible()
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert console_errors == []
