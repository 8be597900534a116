"""Two tabs on one self-assessment: the second tab's autosave does not replace what the
first saved; it shows both texts beside the answer and lets the consultant keep either.
The same for a reviewer's draft review. Emptying a required answer says it is saved and
still needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import htmx_settled, sign_in
from tests.factories import (
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
)
from vetting.models import Answer, EngagementStatus, Review
from vetting.roles import Role
from vetting.services import review_start

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEY = "media_vs_marketing"
TAB_A = "Tab A: social media is the channel; marketing is the plan that decides what runs there."
TAB_B = "Tab B: media is where a message appears; marketing chooses the message and the audience."
# Beside Playwright's own output (not committed): to look at the conflict box by eye.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def _saved(key: str) -> str:
    return Answer.objects.get(question__key=key).value


def _type(page: Page, text: str) -> None:
    """Replace the answer's text and leave the field: its change event saves at once."""
    field = page.locator(f"#id_{KEY}")
    field.fill(text)
    field.blur()


def test_a_second_tab_does_not_overwrite_the_first_and_either_text_can_be_kept(
    page: Page, live_server, console_errors
):
    user = consultant_user(first_name="Clara", last_name="Okafor")
    engagement = EngagementFactory(status=EngagementStatus.OPEN, title="Ledgerly launch")
    submission = SubmissionFactory(engagement=engagement, consultant=user.consultant)
    sign_in(page, live_server.url, user)
    url = f"{live_server.url}/submissions/{submission.pk}/answer/"
    tab_a = page
    tab_a.goto(url)
    tab_b = page.context.new_page()
    tab_b_errors: list[str] = []
    tab_b.on("console", lambda m: tab_b_errors.append(m.text) if m.type == "error" else None)
    tab_b.goto(url)  # both tabs loaded the answer before either saved it

    _type(tab_a, TAB_A)
    expect(tab_a.locator(f"#status-{KEY}")).to_contain_text("Saved")
    _type(tab_b, TAB_B)

    status_b = tab_b.locator(f"#status-{KEY}")
    expect(status_b).to_contain_text("Not saved: this answer was changed in another tab")
    box = tab_b.get_by_test_id(f"conflict-{KEY}")
    expect(box.get_by_test_id("conflict-saved")).to_contain_text(TAB_A)
    expect(box.get_by_test_id("conflict-mine")).to_contain_text(TAB_B)
    expect(tab_b.locator(f"#id_{KEY}")).to_have_value(TAB_B)  # nothing typed is lost
    assert _saved(KEY) == TAB_A
    SCREENSHOTS.mkdir(exist_ok=True)
    tab_b.locator(f"#q-{KEY}").screenshot(path=SCREENSHOTS / "answer_conflict.png")
    tab_b.set_viewport_size({"width": 390, "height": 844})
    box.screenshot(path=SCREENSHOTS / "answer_conflict_phone.png")
    tab_b.set_viewport_size({"width": 1280, "height": 800})

    # Typing on in tab B still does not save over tab A: only a choice does.
    _type(tab_b, TAB_B + " And measures it.")
    expect(box.get_by_test_id("conflict-mine")).to_contain_text("And measures it.")
    assert _saved(KEY) == TAB_A

    # Keep mine, from the keyboard: tab B's text is saved, the box goes, focus is back
    # in the answer.
    htmx_settled(tab_b)
    box.get_by_role("button", name="Keep mine").focus()
    tab_b.keyboard.press("Enter")
    expect(status_b).to_contain_text("Your text from this tab replaced the other one.")
    expect(box.get_by_role("button")).to_have_count(0)
    expect(tab_b.locator(f"#id_{KEY}")).to_be_focused()
    assert _saved(KEY) == TAB_B + " And measures it."

    # Tab A is now the stale one; it takes the saved text instead of its own.
    _type(tab_a, TAB_A + " Edited again.")
    box_a = tab_a.get_by_test_id(f"conflict-{KEY}")
    expect(box_a.get_by_test_id("conflict-saved")).to_contain_text("And measures it.")
    htmx_settled(tab_a)
    box_a.get_by_role("button", name="Use the saved one").click()
    expect(tab_a.locator(f"#id_{KEY}")).to_have_value(TAB_B + " And measures it.")
    expect(tab_a.locator(f"#id_{KEY}")).to_be_focused()
    expect(tab_a.locator(f"#status-{KEY}")).to_contain_text("Showing the saved answer")
    expect(tab_a.get_by_test_id(f"conflict-{KEY}").get_by_role("button")).to_have_count(0)

    # And tab A's next edit saves normally, against the version it now shows.
    _type(tab_a, TAB_A + " Final.")
    expect(tab_a.locator(f"#status-{KEY}")).to_contain_text(re.compile(r"Saved \d\d:\d\d:\d\d"))
    assert _saved(KEY) == TAB_A + " Final."
    assert console_errors == []
    assert tab_b_errors == []


def test_emptying_a_required_answer_says_it_is_saved_and_still_needed(
    page: Page, live_server, console_errors
):
    user = consultant_user()
    engagement = EngagementFactory(status=EngagementStatus.OPEN)
    submission = SubmissionFactory(engagement=engagement, consultant=user.consultant)
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/answer/")
    years = page.locator("#id_years_social_media")
    years.fill("9")
    years.blur()
    status = page.locator("#status-years_social_media")
    expect(status).to_contain_text("complete")

    years.fill("")
    years.blur()

    expect(status).to_contain_text("This answer is required before you submit.")
    assert Answer.objects.get(question__key="years_social_media").value is None
    assert console_errors == []


def test_a_second_tab_does_not_overwrite_a_draft_review_and_either_can_be_kept(
    page: Page, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT)
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    submission = submitted_quickly(engagement, name="Amara Lewis")
    review_start(submission=submission, by=owner, has_conflict=False)
    sign_in(page, live_server.url, owner)
    url = f"{live_server.url}/submissions/{submission.pk}/review/"
    tab_a = page
    tab_a.goto(url)
    tab_b = page.context.new_page()
    tab_b.goto(url)

    tab_a.locator("input[name='rating_references'][value='5']").check()
    expect(tab_a.locator("#review-status")).to_contain_text("Draft saved")
    tab_b.locator("input[name='rating_references'][value='2']").check()

    expect(tab_b.locator("#review-status")).to_contain_text("Not saved: this review was changed")
    box = tab_b.get_by_test_id("review-conflict")
    expect(box).to_contain_text("References: rating")
    expect(tab_b.locator("input[name='rating_references'][value='2']")).to_be_checked()
    review = Review.objects.get(reviewer=owner)
    assert review.ratings.get(criterion="references").rating == 5
    SCREENSHOTS.mkdir(exist_ok=True)
    box.screenshot(path=SCREENSHOTS / "review_conflict.png")

    htmx_settled(tab_b)
    box.get_by_role("button", name="Keep mine").click()
    expect(tab_b.locator("#review-status")).to_contain_text("replaced the other one")
    expect(box.get_by_role("button")).to_have_count(0)
    assert review.ratings.get(criterion="references").rating == 2

    # Tab B's next change saves normally; tab A, now stale, takes the saved review.
    tab_b.locator("input[name='rating_references'][value='3']").check()
    expect(tab_b.locator("#review-status")).to_contain_text("Draft saved")
    tab_a.locator("input[name='rating_accomplishments'][value='4']").check()
    tab_a.get_by_test_id("review-conflict").get_by_role("link", name="Use the saved one").click()
    expect(tab_a.locator("input[name='rating_references'][value='3']")).to_be_checked()
    assert review.ratings.get(criterion="references").rating == 3
    assert console_errors == []
