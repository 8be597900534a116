"""The emails of the vetting process: invitations with private links, and deadline reminders.
Each email goes once, however often its task runs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, SubmissionFactory
from vetting.models import Engagement, EngagementStatus, Invitation, SubmissionStatus, User
from vetting.notifications import (
    due_reminder,
    notify_submission_submitted,
    send_deadline_reminders,
    send_invitation,
)
from vetting.services import engagement_open, invite_existing, invite_new
from vetting.tokens import hash_token

TITLE = "Social marketing for Ledgerly"
TOKEN_LINK = re.compile(re.escape(settings.SITE_URL) + r"/invitations/([A-Za-z0-9_-]+)/")


def open_round(owner: User, **fields: object) -> Engagement:
    fields.setdefault("status", EngagementStatus.OPEN)
    return EngagementFactory(owner=owner, title=TITLE, **fields)


def stored_in(text: str) -> list[str]:
    """Every text column of every table (history included) that holds `text`."""
    return [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and model._base_manager.filter(**{f"{field.attname}__contains": text}).exists()
    ]


# Invitations


@pytest.mark.django_db
def test_someone_without_an_account_gets_a_single_use_sign_up_link(procurement):
    submission = invite_new(
        engagement=open_round(procurement), by=procurement, name="Nina", email="nina@x.example"
    )
    invitation = submission.invitation

    assert send_invitation(invitation.pk) is True

    [message] = mail.outbox
    assert message.to == ["nina@x.example"]
    assert message.subject == f"{procurement.display_name} invites you to a vetting round: {TITLE}"
    token = TOKEN_LINK.search(message.body).group(1)
    assert reverse("invitations:accept", args=[token]) == f"/invitations/{token}/"
    assert "this link is for you only and works once" in message.body
    assert TOKEN_LINK.search(message.alternatives[0][0]).group(1) == token
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert invitation.sent_at is not None
    assert stored_in(token) == []
    assert stored_in(invitation.token_hash) == ["vetting.Invitation.token_hash"]  # not in history


@pytest.mark.django_db
def test_a_consultant_with_an_account_is_sent_to_the_answer_page(procurement, consultant):
    submission = invite_existing(
        engagement=open_round(procurement), by=procurement, consultant=consultant.consultant
    )

    send_invitation(submission.invitation.pk)

    [message] = mail.outbox
    assert message.to == ["consultant@example.com"]
    link = settings.SITE_URL + reverse("submissions:answer", args=[submission.pk])
    assert f"Sign in and answer here:\n{link}" in message.body
    assert not TOKEN_LINK.search(message.body)
    assert Invitation.objects.get(pk=submission.invitation.pk).token_hash is None


@pytest.mark.django_db
def test_an_invitation_is_sent_once_however_often_the_task_runs(procurement):
    submission = invite_new(
        engagement=open_round(procurement), by=procurement, name="Nina", email="nina@x.example"
    )
    invitation = submission.invitation
    send_invitation(invitation.pk)
    first_hash = Invitation.objects.get(pk=invitation.pk).token_hash

    assert send_invitation(invitation.pk) is False

    assert len(mail.outbox) == 1
    # The link already sent keeps working: no second token replaced it.
    assert Invitation.objects.get(pk=invitation.pk).token_hash == first_hash


@pytest.mark.django_db
def test_nothing_is_sent_while_the_engagement_is_a_draft(procurement):
    submission = invite_new(
        engagement=open_round(procurement, status=EngagementStatus.DRAFT),
        by=procurement,
        name="Nina",
        email="nina@x.example",
    )

    assert send_invitation(submission.invitation.pk) is False

    assert mail.outbox == []
    invitation = Invitation.objects.get(pk=submission.invitation.pk)
    assert (invitation.sent_at, invitation.token_hash) == (None, None)


@pytest.mark.django_db
def test_the_submission_emails_go_once_however_often_the_task_runs(procurement, consultant):
    submission = SubmissionFactory(
        engagement=open_round(procurement),
        consultant=consultant.consultant,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )

    assert notify_submission_submitted(submission.pk) == 2
    assert notify_submission_submitted(submission.pk) == 0

    assert sorted(m.to[0] for m in mail.outbox) == [
        "consultant@example.com",
        "procurement@example.com",
    ]
    link = settings.SITE_URL + reverse("submissions:read", args=[submission.pk])
    assert all(link in m.body for m in mail.outbox)


# Which reminder is due


DEADLINE = datetime(2026, 3, 20, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before_deadline", "expected"),
    [
        (timedelta(days=5), None),
        (timedelta(days=3, seconds=1), None),
        (timedelta(days=3), "3d"),
        (timedelta(days=1, seconds=1), "3d"),
        (timedelta(days=1), "1d"),
        (timedelta(seconds=1), "1d"),
        (timedelta(0), None),
        (timedelta(hours=-1), None),
    ],
)
def test_the_reminder_due_depends_on_the_time_left(before_deadline, expected):
    assert due_reminder(DEADLINE, DEADLINE - before_deadline) == expected


# Sending reminders


@pytest.fixture
def now() -> datetime:
    return timezone.now()


def reminders(now: datetime) -> list[tuple[str, str]]:
    send_deadline_reminders(now=now)
    return [(m.to[0], m.subject) for m in mail.outbox]


def three_days_left(email: str) -> tuple[str, str]:
    return (email, f'A few days left: your self-assessment for "{TITLE}"')


def one_day_left(email: str) -> tuple[str, str]:
    return (email, f'Less than a day left: your self-assessment for "{TITLE}"')


@pytest.mark.django_db
def test_consultants_who_have_not_submitted_are_reminded_three_days_before(
    procurement, consultant, now
):
    engagement = open_round(procurement, deadline=now + timedelta(days=2, hours=12))
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)

    assert reminders(now) == [three_days_left("consultant@example.com")]

    link = settings.SITE_URL + reverse("submissions:answer", args=[submission.pk])
    assert link in mail.outbox[0].body
    assert "2 days, 12 hours from now" in mail.outbox[0].body.replace("\xa0", " ")
    assert "You have not submitted it yet." in mail.outbox[0].body


@pytest.mark.django_db
def test_consultants_who_have_not_submitted_are_reminded_the_day_before(
    procurement, consultant, now
):
    engagement = open_round(procurement, deadline=now + timedelta(hours=20))
    SubmissionFactory(
        engagement=engagement, consultant=consultant.consultant, status=SubmissionStatus.IN_PROGRESS
    )

    assert reminders(now) == [one_day_left("consultant@example.com")]
    assert "20 hours from now" in mail.outbox[0].body.replace("\xa0", " ")
    assert "Your draft answers are saved." in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [SubmissionStatus.SUBMITTED, SubmissionStatus.WITHDRAWN, SubmissionStatus.UNDER_REVIEW],
)
def test_consultants_who_submitted_or_withdrew_are_not_reminded(
    procurement, consultant, other_consultant, now, status
):
    engagement = open_round(procurement, deadline=now + timedelta(hours=20))
    SubmissionFactory(engagement=engagement, consultant=consultant.consultant, status=status)
    SubmissionFactory(engagement=engagement, consultant=other_consultant.consultant)

    assert reminders(now) == [one_day_left("other@example.com")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [EngagementStatus.DRAFT, EngagementStatus.CLOSED, EngagementStatus.DECIDED]
)
def test_nobody_is_reminded_of_an_engagement_that_is_not_open(procurement, consultant, now, status):
    engagement = open_round(procurement, status=status, deadline=now + timedelta(hours=20))
    SubmissionFactory(engagement=engagement, consultant=consultant.consultant)

    assert reminders(now) == []


@pytest.mark.django_db
@pytest.mark.parametrize("left", [timedelta(days=4), timedelta(minutes=-5)])
def test_nobody_is_reminded_long_before_or_after_the_deadline(procurement, consultant, now, left):
    engagement = open_round(procurement, deadline=now + left)
    SubmissionFactory(engagement=engagement, consultant=consultant.consultant)

    assert reminders(now) == []


@pytest.mark.django_db
def test_each_reminder_goes_once_however_often_the_task_runs(procurement, consultant, now):
    deadline = now + timedelta(days=2, hours=12)
    SubmissionFactory(
        engagement=open_round(procurement, deadline=deadline), consultant=consultant.consultant
    )

    send_deadline_reminders(now=now)
    send_deadline_reminders(now=now + timedelta(hours=1))  # the next hourly run
    sent_at_three_days = reminders(now + timedelta(hours=2))
    send_deadline_reminders(now=deadline - timedelta(hours=12))
    sent = reminders(deadline - timedelta(hours=11))

    assert sent_at_three_days == [three_days_left("consultant@example.com")]
    assert sent == [
        three_days_left("consultant@example.com"),
        one_day_left("consultant@example.com"),
    ]
    assert send_deadline_reminders(now=deadline - timedelta(hours=1)) == 0


def test_a_reminder_to_someone_without_an_account_carries_a_fresh_sign_up_link(
    procurement, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.DRAFT)
    invite_new(engagement=engagement, by=procurement, name="Nina", email="nina@x.example")
    with django_capture_on_commit_callbacks(execute=True):
        engagement_open(engagement=engagement, by=procurement)
    Engagement.objects.filter(pk=engagement.pk).update(
        deadline=timezone.now() + timedelta(hours=20)
    )
    Invitation.objects.update(expires_at=timezone.now() + timedelta(hours=20))

    assert send_deadline_reminders() == 1

    token = re.search(r"/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)
    assert Invitation.objects.get().token_hash == hash_token(token)
    assert "replaces the one in earlier emails" in mail.outbox[-1].body


@pytest.mark.django_db
def test_an_invitation_by_address_to_an_account_greets_the_account_holder(procurement, consultant):
    submission = invite_new(
        engagement=open_round(procurement), by=procurement, name="Olivia", email=consultant.email
    )

    send_invitation(submission.invitation.pk)

    [message] = mail.outbox
    assert message.body.startswith(f"Hello {consultant.consultant.name},")
    assert "Olivia" not in message.body and "Olivia" not in message.alternatives[0][0]
