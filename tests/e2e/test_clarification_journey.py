"""A clarification round trip changes the score with its reason shown: a reviewer asks the
consultant to clarify an unclear answer; the consultant follows the emailed link and
replies beside their locked answer; the reviewer accepts the reply, and the score card
shows the new score and says why."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import (
    EngagementFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
    submitted_review,
)
from vetting.models import Answer, EngagementStatus, ScoreCard
from vetting.roles import Role
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UNCLEAR = "We post on every platform every day and grow followers fast for all our clients."
ASKED = "What is the difference between social media and social marketing, for us?"
REPLY = (
    "Social media is the channel where people connect; social marketing is the plan that "
    "uses it to deliver value to your target market and, later, a message: for you, finance "
    "leads who ask for a demo. We start by listening to what your customers say, and your "
    "own support team answers the community."
)
SCREENSHOTS = "/tmp/clarify"


def _link(email: mail.EmailMessage, base_url: str) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+#clarification-\d+)", email.body)
    assert found, email.body
    return base_url + found.group(1)


def test_a_clarification_round_trip_changes_the_score_with_its_reason_shown(
    page: Page, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya")
    reviewer = UserFactory(role=Role.MANAGER, first_name="Rhea", email="rhea@buyer.example")
    consultant = consultant_user(email="clara@example.com")
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(reviewer)
    submission = submitted_quickly(engagement, consultant=consultant.consultant)
    Answer.objects.filter(submission=submission, question__key="media_vs_marketing").update(
        value=UNCLEAR
    )
    submitted_review(submission, reviewer)
    scorecards_recompute([submission.pk])
    before = ScoreCard.objects.get(submission=submission).total
    mail.outbox.clear()

    # The reviewer asks, beside the unclear answer.
    sign_in(page, live_server.url, reviewer)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/")
    answer = page.get_by_test_id("answer-media_vs_marketing")
    answer.get_by_text("Ask the consultant to clarify this answer").click()
    ask = answer.get_by_test_id("clarification-ask-media_vs_marketing")
    ask.get_by_label("Your question").fill(ASKED)
    ask.get_by_role("button", name="Ask").click()
    thread = page.get_by_test_id("answer-media_vs_marketing").get_by_test_id("clarification-thread")
    expect(thread).to_contain_text(ASKED)
    expect(thread).to_contain_text("Open")

    # The consultant is emailed; the link opens their locked answer with the request beside.
    [asked] = [m for m in mail.outbox if m.to == [consultant.email]]
    page.context.clear_cookies()
    sign_in(page, live_server.url, consultant)
    page.goto(_link(asked, live_server.url))
    answer = page.get_by_test_id("answer-media_vs_marketing")
    expect(answer).to_contain_text(UNCLEAR)  # the submitted answer, unchanged
    expect(answer.get_by_test_id("clarification-due")).to_contain_text("reply by")
    answer.get_by_label("Your reply").fill(REPLY)
    page.screenshot(path=f"{SCREENSHOTS}/consultant_reply.png", full_page=True)
    answer.get_by_role("button", name="Send the reply").click()
    expect(page.get_by_test_id("clarification-reply")).to_contain_text("listening")
    expect(page.get_by_test_id("answer-media_vs_marketing")).to_contain_text(UNCLEAR)

    # The reviewer is told, accepts, and the score card shows the new score and why.
    [answered] = [m for m in mail.outbox if m.to == [reviewer.email]]
    page.context.clear_cookies()
    sign_in(page, live_server.url, reviewer)
    page.goto(_link(answered, live_server.url))
    page.screenshot(path=f"{SCREENSHOTS}/threads_page.png", full_page=True)
    page.get_by_role("button", name="Accept the reply").click()
    expect(page.get_by_test_id("clarification-accepted")).to_contain_text("Accepted by Rhea")

    after = ScoreCard.objects.get(submission=submission).total
    assert after > before
    page.goto(f"{live_server.url}/submissions/{submission.pk}/score/")
    expect(page.get_by_test_id("total")).to_contain_text(f"{after:.0f}")
    today = timezone.localdate().strftime("%-d %b")
    expect(page.get_by_test_id("clarified-media_vs_marketing").first).to_contain_text(
        f"Clarified on {today}: “{ASKED}”"
    )
    expect(page.get_by_test_id("highlight-media_vs_marketing")).to_contain_text("listening")
    page.screenshot(path=f"{SCREENSHOTS}/score_card.png", full_page=True)
    assert console_errors == []
