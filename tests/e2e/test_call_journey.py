"""A manager signs in, finds an unassigned reference call in the queue, claims it, logs a
voicemail, then records the call and sees it waiting for a second pair of eyes."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from tests.factories import PASSWORD, UserFactory, consultant_user, submitted_with_checks
from vetting.models import Channel, CheckStatus, ReferenceCheck
from vetting.roles import Role
from vetting.services import call_claim

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTES = (
    "Reached her on the second try. Confirmed the LinkedIn programme and the dates; "
    'in her words: "she told us about the slow first quarter before we asked".'
)


def _rate(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def _said(answers: Locator, term: str) -> Locator:
    """The answer next to a term of the referee's answers."""
    term_only = re.compile(rf"^{re.escape(term)}$")
    return answers.locator("dt", has_text=term_only).locator("xpath=following-sibling::dd[1]")


def test_a_manager_claims_an_unassigned_call_logs_a_voicemail_and_records_the_call(
    page: Page, live_server, console_errors
):
    consultant = consultant_user(first_name="Clara", last_name="Okafor")
    # A round checked by phone: submitting queues two calls and emails no referee.
    submission = submitted_with_checks(consultant=consultant, check_by_phone=True)
    ours, theirs = submission.reference_checks.order_by("pk")
    assert {ours.channel, theirs.channel} == {Channel.PHONE}
    call_claim(check=theirs, by=UserFactory(role=Role.MANAGER, first_name="Rosa"))
    assert not [m for m in mail.outbox if m.to[0] in (ours.referee_email, theirs.referee_email)]
    manager = UserFactory(role=Role.MANAGER, first_name="Marcus", last_name="Lee")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(manager.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reference calls").click()
    expect(page.get_by_role("heading", name="Reference calls")).to_be_visible()
    expect(page.get_by_text("You have no calls claimed.")).to_be_visible()

    page.get_by_role("link", name="Unassigned", exact=True).click()
    expect(page.get_by_role("link", name="Unassigned", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    calls = page.get_by_test_id("calls")
    expect(calls).to_contain_text(ours.referee_name)
    expect(calls).not_to_contain_text(theirs.referee_name)  # Rosa has that one
    calls.get_by_role("link", name=f"Open the call to {ours.referee_name}").click()

    expect(page.get_by_role("heading", name=ours.referee_name)).to_be_visible()
    expect(page.get_by_role("heading", name="Call script")).to_be_visible()
    page.get_by_role("button", name="Claim this call").click()
    expect(page.get_by_text("The call is yours.")).to_be_visible()

    _rate(page, "Outcome", "Voicemail")
    page.get_by_label("Note (optional)").fill("Left a message with her assistant.")
    page.get_by_role("button", name="Log attempt").click()
    expect(page.get_by_text("Attempt logged.")).to_be_visible()
    attempts = page.get_by_test_id("attempts")
    expect(attempts).to_contain_text("Voicemail by Marcus Lee")
    expect(attempts).to_contain_text("Left a message with her assistant.")
    expect(page.get_by_text("(1 so far)")).to_be_visible()

    page.get_by_role("link", name="Record the call").click()
    expect(
        page.get_by_role("heading", name=f"Record the call with {ours.referee_name}")
    ).to_be_visible()
    _rate(page, "Is that how you worked together?", "Yes")
    _rate(page, "Did they build relationships", "4")
    _rate(page, "How honest and open were they", "5")
    _rate(page, "How did their results compare", "4")
    _rate(page, "Would you hire them again?", "Yes")
    page.get_by_label("Their strengths").fill("Listens first; trains the client's own team.")
    page.get_by_label("Any concerns").fill("Slow first quarter.")
    page.get_by_label("Call notes").fill(NOTES)
    page.get_by_role("button", name="Save the call").click()

    expect(page.get_by_text("The call is recorded.")).to_be_visible()
    answers = page.get_by_test_id("answers")
    expect(answers).to_contain_text("(call by Marcus Lee)")
    expect(_said(answers, "Relationship")).to_have_text("Confirmed")
    expect(_said(answers, "Honesty and transparency")).to_have_text("5 / 5")
    expect(_said(answers, "Would hire again")).to_have_text("Yes")
    expect(_said(answers, "Strengths")).to_have_text("Listens first; trains the client's own team.")
    expect(page.get_by_text("she told us about the slow first quarter")).to_be_visible()
    expect(
        page.get_by_text("Waiting for a second manager or the buyer to review these notes.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Claim this call")).to_have_count(0)

    ours = ReferenceCheck.objects.get(pk=ours.pk)
    assert ours.status == CheckStatus.COMPLETED
    assert ours.recorded_by == ours.assigned_to == manager
    assert ours.call_notes == NOTES
    assert [a.outcome for a in ours.attempts.order_by("at", "pk")] == ["voicemail", "reached"]
    assert console_errors == []
