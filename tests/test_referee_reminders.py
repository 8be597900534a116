"""Referees who have not answered are reminded after 3 and 7 days (the second reminder also
queues a call), and managers get one morning digest of overdue calls."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from tests.factories import UserFactory, submitted_with_checks
from vetting.models import Channel, CheckStatus, ReferenceCheck, Submission, User
from vetting.notifications import send_call_digest, send_referee_reminders
from vetting.roles import Role
from vetting.services import (
    call_claim,
    call_close_unreachable,
    call_log_attempt,
    referee_decline,
    referee_submit,
    submission_withdraw,
)

pytestmark = pytest.mark.django_db

AGREEING = {
    "relationship_confirmed": True,
    "relationship": "client",
    "period_from": date(2021, 1, 1),
    "period_to": date(2023, 6, 30),
    "rating_relationships": 4,
    "rating_honesty": 4,
    "rating_results": 4,
    "would_hire_again": "yes",
}


def days_later(days: float) -> datetime:
    """A moment `days` after the requests went out (a minute's margin for the test's own
    running time)."""
    return timezone.now() + timedelta(days=days, minutes=1)


@pytest.fixture
def submission(procurement, consultant, django_capture_on_commit_callbacks) -> Submission:
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted_with_checks(consultant=consultant, owner=procurement)
    mail.outbox.clear()  # the requests themselves; these tests are about what follows
    return submission


@pytest.fixture
def second_manager(db) -> User:
    return UserFactory(email="manager2@example.com", first_name="Sam", role=Role.MANAGER)


def reminded(submission: Submission) -> dict[str, list[str]]:
    """Referee address -> the bodies of the reminders they received."""
    referees = set(submission.reference_checks.values_list("referee_email", flat=True))
    found: dict[str, list[str]] = {}
    for message in mail.outbox:
        if message.to[0] in referees:
            assert message.subject.startswith("Reminder: a short reference for")
            found.setdefault(message.to[0], []).append(message.body)
    return found


# Reminders to referees


def test_nobody_is_reminded_before_three_days(submission):
    assert send_referee_reminders(now=days_later(2.9)) == 0
    assert mail.outbox == []


def test_referees_are_reminded_once_three_days_after_the_request(submission):
    assert send_referee_reminders(now=days_later(3)) == 2
    assert send_referee_reminders(now=days_later(3)) == 0
    assert send_referee_reminders(now=days_later(5)) == 0

    bodies = reminded(submission)
    assert sorted(len(b) for b in bodies.values()) == [1, 1]
    for (body,) in bodies.values():
        assert "may call you" not in body
    assert {c.channel for c in submission.reference_checks.all()} == {Channel.WEB}


def test_the_reminder_carries_a_fresh_link_that_replaces_the_first(client, submission):
    check = submission.reference_checks.first()
    send_referee_reminders(now=days_later(3))

    (body,) = reminded(submission)[check.referee_email]
    path = re.search(r"http://127\.0\.0\.1:8000(/r/\S+/)", body).group(1)

    assert client.get(path).status_code == 200


def test_the_seven_day_reminder_goes_once_and_queues_a_call(submission):
    send_referee_reminders(now=days_later(3))

    assert send_referee_reminders(now=days_later(7)) == 2
    assert send_referee_reminders(now=days_later(7)) == 0
    assert send_referee_reminders(now=days_later(8)) == 0

    for first, second in reminded(submission).values():
        assert "may call you" not in first
        assert "may call you at the number" in " ".join(second.split())
    for check in submission.reference_checks.all():
        assert (check.channel, check.status) == (Channel.PHONE, CheckStatus.REQUESTED)
        assert check.phone_fallback_at is not None
    assert set(ReferenceCheck.objects.calls().open()) == set(submission.reference_checks.all())


def test_a_referee_who_answers_after_the_second_reminder_leaves_the_call_queue(client, submission):
    check = submission.reference_checks.first()
    send_referee_reminders(now=days_later(7))
    (body,) = reminded(submission)[check.referee_email]
    path = re.search(r"http://127\.0\.0\.1:8000(/r/\S+/)", body).group(1)

    response = client.post(path, {**AGREEING, "relationship_confirmed": "yes"})

    assert "Thank you" in response.text
    assert check not in ReferenceCheck.objects.calls().open()
    assert ReferenceCheck.objects.get(pk=check.pk).status == CheckStatus.COMPLETED


def test_referees_who_answered_or_declined_are_not_reminded(submission):
    answered, declined = submission.reference_checks.all()
    referee_submit(check=answered, data=AGREEING, ip="198.51.100.1", user_agent="Firefox")
    referee_decline(check=declined, reason="Not my place.", ip="198.51.100.2", user_agent="Edge")

    sent = [send_referee_reminders(now=days_later(days)) for days in (3, 7)]

    assert sent == [0, 0]
    assert mail.outbox == []
    assert {c.channel for c in submission.reference_checks.all()} == {Channel.WEB}


def test_referees_of_a_consultant_who_withdrew_are_not_reminded(submission, consultant):
    submission_withdraw(submission=submission, by=consultant)

    sent = [send_referee_reminders(now=days_later(days)) for days in (3, 7)]

    assert sent == [0, 0]
    assert not ReferenceCheck.objects.calls().open().exists()


# The managers' call digest


@pytest.fixture
def calls(procurement, consultant) -> list[ReferenceCheck]:
    """Two calls to make, due three days from now."""
    submission = submitted_with_checks(
        consultant=consultant, owner=procurement, check_by_phone=True
    )
    return list(submission.reference_checks.all())


def morning(days: int, hour: int = 6) -> datetime:
    """`days` from today at `hour`: mornings well apart from midnight, so two runs at
    different hours fall on the same day."""
    today = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days)


def digests() -> dict[str, EmailMessage]:
    return {m.to[0]: m for m in mail.outbox if "overdue reference call" in m.subject}


def test_no_digest_goes_out_while_no_call_is_overdue(calls, manager):
    assert send_call_digest(now=morning(1)) == 0
    assert mail.outbox == []


def test_every_manager_gets_one_digest_a_day_listing_the_overdue_calls(
    calls, manager, second_manager
):
    assert send_call_digest(now=morning(4)) == 2
    assert send_call_digest(now=morning(4, hour=10)) == 0

    sent = digests()
    assert set(sent) == {manager.email, second_manager.email}
    for message in sent.values():
        assert message.subject == "2 overdue reference calls"
        for call in calls:
            assert f"{call.referee_name} ({call.referee_company})" in message.body
        assert "not claimed" in message.body


def test_the_digest_goes_again_the_next_day_while_calls_stay_overdue(calls, manager):
    send_call_digest(now=morning(4))

    assert send_call_digest(now=morning(5)) == 1
    assert [m.to for m in mail.outbox] == [[manager.email], [manager.email]]


def test_a_call_claimed_by_one_manager_is_only_in_their_digest(calls, manager, second_manager):
    mine, unclaimed = calls
    call_claim(check=mine, by=manager)

    send_call_digest(now=morning(4))

    sent = digests()
    assert mine.referee_name in sent[manager.email].body
    assert "claimed by you" in sent[manager.email].body
    assert mine.referee_name not in sent[second_manager.email].body
    assert unclaimed.referee_name in sent[second_manager.email].body
    assert sent[second_manager.email].subject == "1 overdue reference call"


def test_finished_calls_are_not_in_the_digest(calls, manager):
    for call in calls:
        call_claim(check=call, by=manager)
        for _ in range(3):
            call_log_attempt(check=call, by=manager, outcome="no_answer")
        call_close_unreachable(check=call, by=manager)

    assert send_call_digest(now=morning(4)) == 0
