"""A referee follows the emailed link on their phone, forgets one rating, fixes it without
retyping anything, sends the reference, and finds the link used up; the buyer reads it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.factories import (
    PASSWORD,
    VALID_ANSWERS,
    EngagementFactory,
    SubmissionFactory,
    complete_answers,
    consultant_user,
    offer_references,
)
from vetting.models import CheckStatus, EngagementStatus, ReferenceCheck
from vetting.services import answer_save, submission_submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STRENGTHS = "She asked who our buyers were before proposing anything, and told us bad news early."


def _submitted_with_one_cited_reference() -> ReferenceCheck:
    """An open round the consultant answered and submitted, offering one reference whom an
    accomplishment cites: submitting requests the check and emails the referee (inline)."""
    consultant = consultant_user(first_name="Clara", last_name="Okafor")
    engagement = EngagementFactory(
        status=EngagementStatus.OPEN, references_required=1, opened_at=timezone.now()
    )
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    [reference] = offer_references(submission, consultant, count=1)
    accomplishment = VALID_ANSWERS["accomplishments"][0] | {"reference": str(reference.pk)}
    answer_save(
        submission=submission,
        by=consultant,
        question=engagement.questionnaire.questions.get(key="accomplishments"),
        raw=[accomplishment],
    )
    submission_submit(submission=submission, by=consultant)
    return ReferenceCheck.objects.get(submission=submission)


def _referee_path(check: ReferenceCheck) -> str:
    """The path of the link in the referee's email (SITE_URL's origin is not the live server)."""
    [email] = [m for m in mail.outbox if m.to == [check.referee_email]]
    link = re.search(r"https?://\S+/r/\S+/", email.body)
    assert link, email.body
    return urlsplit(link.group()).path


def _rate(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_a_referee_answers_on_a_phone_fixes_a_missing_rating_and_the_link_is_then_used_up(
    page: Page, browser: Browser, live_server, console_errors
):
    check = _submitted_with_one_cited_reference()
    path = _referee_path(check)

    context = browser.new_context(**PHONE)
    referee = context.new_page()
    referee_errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            referee_errors.append(message.text)

    referee.on("console", record)
    referee.goto(live_server.url + path)
    expect(referee.get_by_role("heading", name="A reference for Clara Okafor")).to_be_visible()
    expect(referee.get_by_text("What Clara Okafor told us")).to_be_visible()
    # The page fits the phone's width: nothing to scroll sideways.
    assert referee.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    _rate(referee, "Is that how you worked together?", "Yes")
    _rate(referee, "Ran a LinkedIn community programme", "Confirmed")
    _rate(referee, "Did they build relationships", "5")
    # No honesty rating.
    _rate(referee, "How did their results compare", "4")
    _rate(referee, "Would you hire them again?", "Yes")
    referee.get_by_label("Their strengths").fill(STRENGTHS)
    referee.get_by_role("button", name="Send the reference").click()

    expect(referee.get_by_role("alert")).to_contain_text("Some answers need fixing")
    honesty = referee.get_by_role("group", name="How honest and open were they")
    expect(honesty).to_have_attribute("aria-invalid", "true")
    expect(honesty).to_contain_text("Choose a rating from 1 to 5.")
    results = referee.get_by_role("group", name="How did their results compare")
    expect(results).not_to_have_attribute("aria-invalid", "true")
    expect(results.get_by_label("4", exact=True)).to_be_checked()
    expect(referee.get_by_label("Their strengths")).to_have_value(STRENGTHS)

    _rate(referee, "How honest and open were they", "5")
    referee.get_by_role("button", name="Send the reference").click()
    expect(referee.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(
        referee.get_by_text("The link in your email cannot be used to answer again")
    ).to_be_visible()

    check.refresh_from_db()
    assert check.status == CheckStatus.COMPLETED
    assert (check.rating_relationships, check.rating_honesty, check.rating_results) == (5, 5, 4)
    assert check.relationship_confirmed is True
    assert check.verdicts == {"0": "confirmed"}
    assert check.would_hire_again == "yes"
    assert check.strengths == STRENGTHS
    assert check.referee_ip == "127.0.0.1" and check.form_seconds > 0
    assert not check.link_is_usable
    # A scripted browser answers in seconds, so the fraud rule for rushed forms fires; no other.
    assert list(check.flags.values_list("code", flat=True)) == ["form_too_fast"]
    assert referee_errors == []

    again = referee.goto(live_server.url + path)
    expect(
        referee.get_by_role("heading", name="You have already replied: thank you")
    ).to_be_visible()
    # The used link answers 410 (the form is gone), and Chromium logs every 4xx page as an
    # error.
    assert again is not None and again.status == 410
    assert referee_errors == [
        "Failed to load resource: the server responded with a status of 410 (Gone)"
    ]
    context.close()

    # The buyer reads the answer, with the rushed form flagged.
    owner = check.submission.engagement.owner
    page.goto(f"{live_server.url}/accounts/login/?next={check.get_absolute_url()}")
    page.get_by_label("Email address").fill(owner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("answers")).to_contain_text(STRENGTHS)
    expect(page.get_by_test_id("answers")).to_contain_text("(web form)")
    expect(page.get_by_test_id("flags")).to_contain_text("The reference form was completed in")
    assert console_errors == []
