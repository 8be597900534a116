"""The outbox: side effects recorded with the change, published after the commit, relayed
when the broker was down, swept when they went missing, and each done once.

"The broker is down" here is a Redis URL on a local port nobody listens on, so these tests
need no services; tests/faults/ repeats the story with a real Redis, worker and PostgreSQL.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, ReferenceCheckFactory, SubmissionFactory
from tests.faults.stack import spare_port
from vetting import outbox
from vetting.models import (
    EngagementStatus,
    Export,
    Invitation,
    OutboxMessage,
    ScoreCard,
    SentEmail,
    SubmissionStatus,
)
from vetting.services import engagement_open, invite_new
from vetting.services.sweep import work_sweep
from vetting.tasks import send_welcome_email

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(celery_conf: Callable[..., None]) -> Iterator[None]:
    """Tasks go to a broker that refuses connections."""
    celery_conf(task_always_eager=False, broker_url=f"redis://127.0.0.1:{spare_port()}/0")
    outbox._paused_until = 0.0
    yield
    outbox._paused_until = 0.0
    outbox._forget_connection()


@pytest.fixture
def draft_with_invitations(procurement):
    draft = EngagementFactory(owner=procurement, title="Social marketing for Ledgerly")
    for n in range(3):
        invite_new(engagement=draft, by=procurement, name=f"Nina {n}", email=f"nina{n}@x.example")
    return draft


def test_opening_a_round_while_the_broker_is_down_succeeds_and_the_invitations_wait(
    client, procurement, draft_with_invitations, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(procurement)
    url = reverse("engagements:open", args=[draft_with_invitations.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    draft_with_invitations.refresh_from_db()
    assert draft_with_invitations.status == EngagementStatus.OPEN
    # One try found the broker down; the other two were left to the relay at once.
    assert list(OutboxMessage.objects.values_list("sent_at", "attempts")) == [
        (None, 1),
        (None, 0),
        (None, 0),
    ]
    assert "Connection refused" in OutboxMessage.objects.first().last_error
    assert mail.outbox == []


def test_when_the_broker_is_back_the_relay_sends_each_waiting_invitation_once(
    procurement,
    draft_with_invitations,
    broker_down,
    celery_conf,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_open(engagement=draft_with_invitations, by=procurement)
    celery_conf(task_always_eager=True)  # the broker is back (and runs tasks inline here)
    OutboxMessage.objects.update(available_at=timezone.now())  # the failed one's wait is over

    assert outbox.relay() == 3
    assert outbox.relay() == 0

    assert sorted(m.to[0] for m in mail.outbox) == [f"nina{n}@x.example" for n in range(3)]
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()


def test_a_relay_that_finds_the_broker_down_stops_and_leaves_the_rest_waiting(
    procurement, draft_with_invitations, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_open(engagement=draft_with_invitations, by=procurement)
    OutboxMessage.objects.update(available_at=timezone.now() - timedelta(seconds=1))

    assert outbox.relay() == 0

    # One more try of the first, then the broker was known to be down.
    assert list(OutboxMessage.objects.values_list("attempts", flat=True)) == [2, 0, 0]
    assert not OutboxMessage.objects.filter(sent_at__isnull=False).exists()


def test_a_side_effect_is_recorded_with_the_change_and_vanishes_with_its_rollback(
    procurement, draft_with_invitations
):
    with pytest.raises(RuntimeError), transaction.atomic():
        engagement_open(engagement=draft_with_invitations, by=procurement)
        assert OutboxMessage.objects.count() == 3
        raise RuntimeError("something later in the same change failed")

    assert not OutboxMessage.objects.exists()


def test_enqueueing_the_same_effect_twice_records_it_once(consultant):
    assert outbox.enqueue(send_welcome_email, consultant.pk) is True
    assert outbox.enqueue(send_welcome_email, consultant.pk) is False

    assert list(OutboxMessage.objects.values_list("key", "task", "args")) == [
        (f"send_welcome_email:{consultant.pk}", send_welcome_email.name, [consultant.pk])
    ]


def test_a_task_that_ran_marks_its_row_done(consultant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(send_welcome_email, consultant.pk)

    message = OutboxMessage.objects.get()
    assert message.sent_at is not None
    assert message.done_at is not None
    assert message.attempts == 1
    assert len(mail.outbox) == 1


def test_when_the_mail_server_fails_in_the_embedded_mode_the_request_succeeds_and_the_email_waits(
    client, procurement, draft_with_invitations, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("mail server away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    monkeypatch.setattr("vetting.tasks.send_invitation.max_retries", 0)
    client.force_login(procurement)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("engagements:open", args=[draft_with_invitations.pk]))

    assert response.status_code == 302
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3
    assert not SentEmail.objects.exists()

    monkeypatch.undo()
    OutboxMessage.objects.update(available_at=timezone.now())
    call_command("outbox", "relay", stdout=io.StringIO())
    assert len(mail.outbox) == 3


def test_the_sweeper_queues_an_open_rounds_invitation_that_was_never_queued(
    procurement, django_capture_on_commit_callbacks
):
    round_ = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    submission = SubmissionFactory(engagement=round_)
    Invitation.objects.create(
        submission=submission, name="Ida", email="ida@x.example", expires_at=round_.deadline
    )

    with django_capture_on_commit_callbacks(execute=True):
        found = work_sweep()
        again = work_sweep()

    assert found["invitations"] == 1
    assert again["invitations"] == 0
    assert [m.to for m in mail.outbox] == [["ida@x.example"]]


def test_the_sweeper_leaves_a_draft_rounds_invitations_alone(procurement, draft_with_invitations):
    assert work_sweep()["invitations"] == 0
    assert mail.outbox == []


def test_the_sweeper_asks_a_referee_who_was_never_asked(django_capture_on_commit_callbacks):
    check = ReferenceCheckFactory(token_expires_at=timezone.now() + timedelta(days=14))

    with django_capture_on_commit_callbacks(execute=True):
        assert work_sweep()["reference_requests"] == 1
        assert work_sweep()["reference_requests"] == 0

    check.refresh_from_db()
    assert check.sent_at is not None
    assert [m.to for m in mail.outbox] == [[check.referee_email]]


def test_the_sweeper_scores_a_submission_handed_in_without_a_card(
    settings, django_capture_on_commit_callbacks
):
    handed_in = timezone.now() - settings.OUTBOX_SWEEP_GRACE - timedelta(minutes=1)
    submission = SubmissionFactory(status=SubmissionStatus.SUBMITTED, submitted_at=handed_in)
    just_now = SubmissionFactory(status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert work_sweep()["score_cards"] == 1

    assert ScoreCard.objects.filter(submission=submission).exists()
    assert not ScoreCard.objects.filter(submission=just_now).exists()  # its own is on the way


def test_the_sweeper_hands_out_again_a_task_the_broker_lost(consultant):
    """Published, then the broker lost its queue (a restart without persistence)."""
    message = OutboxMessage.objects.create(
        task=send_welcome_email.name,
        args=[consultant.pk],
        key=f"send_welcome_email:{consultant.pk}",
        sent_at=timezone.now() - timedelta(hours=1),
        attempts=1,
    )

    assert work_sweep()["rearmed"] == 1
    assert outbox.relay() == 1

    message.refresh_from_db()
    assert message.done_at is not None
    assert message.attempts == 2
    assert len(mail.outbox) == 1


def test_the_sweeper_leaves_a_recent_task_to_the_broker(consultant):
    OutboxMessage.objects.create(
        task=send_welcome_email.name, args=[consultant.pk], key="k", sent_at=timezone.now()
    )

    assert work_sweep()["rearmed"] == 0


def test_the_sweeper_gives_up_after_the_last_attempt(consultant, settings):
    OutboxMessage.objects.create(
        task=send_welcome_email.name,
        args=[consultant.pk],
        key="k",
        sent_at=timezone.now() - timedelta(hours=1),
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
    )

    assert work_sweep()["rearmed"] == 0


def test_the_sweeper_queues_an_export_that_never_started(
    procurement, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    round_ = EngagementFactory(owner=procurement)
    export = Export.objects.create(engagement=round_, requested_by=procurement, format="csv")

    with django_capture_on_commit_callbacks(execute=True):
        assert work_sweep()["exports"] == 1

    export.refresh_from_db()
    assert export.status == "done"


def test_the_sweeper_forgets_rows_done_long_ago(settings):
    old = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS + 1)
    OutboxMessage.objects.create(task="t", key="old", sent_at=old, done_at=old)
    OutboxMessage.objects.create(task="t", key="new", sent_at=old, done_at=timezone.now())

    assert work_sweep()["purged"] == 1
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == ["new"]


def test_the_outbox_status_command_lists_what_waits_and_what_gave_up(settings, capsys):
    OutboxMessage.objects.create(task="t", key="waiting")
    OutboxMessage.objects.create(
        task="t",
        key="hopeless",
        sent_at=timezone.now(),
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
        last_error="SMTPRecipientsRefused",
    )

    call_command("outbox", "status")

    out = capsys.readouterr().out
    assert "Waiting to be published: 1" in out
    assert "Gave up after 10 tries: hopeless SMTPRecipientsRefused" in out


def test_retry_gives_what_the_sweeper_gave_up_on_one_more_try_and_sends_it(settings, consultant):
    """After the cause is fixed (say the mail relay refused for a day), the operator gives
    the given-up rows one more try; a row with another key, or one still trying, is left."""
    gave_up = {
        "task": send_welcome_email.name,
        "sent_at": timezone.now() - timedelta(days=1),
        "attempts": settings.OUTBOX_MAX_ATTEMPTS,
        "last_error": "SMTPRecipientsRefused",
    }
    OutboxMessage.objects.create(key="welcome:a", args=[consultant.pk], **gave_up)
    OutboxMessage.objects.create(key="welcome:b", args=[consultant.pk], **gave_up)
    OutboxMessage.objects.create(
        task=send_welcome_email.name, key="still trying", sent_at=timezone.now(), attempts=1
    )
    out = io.StringIO()

    call_command("outbox", "retry", "--key", "welcome:a", stdout=out)

    assert "Given one more try: 1." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[consultant.email]]
    done = OutboxMessage.objects.filter(done_at__isnull=False)
    assert list(done.values_list("key", flat=True)) == ["welcome:a"]

    call_command("outbox", "retry", stdout=out)

    assert "Given one more try: 1." in out.getvalue().splitlines()[-2]
    assert OutboxMessage.objects.get(key="welcome:b").done_at is not None
    assert len(mail.outbox) == 1  # the same welcome, already sent: done without a second
    assert OutboxMessage.objects.get(key="still trying").sent_at is not None  # untouched


def test_every_side_effect_goes_through_the_outbox():
    """No task is queued past the outbox: a direct publish is lost when the broker is down."""
    direct = re.compile(r"\.(delay_on_commit|delay|apply_async|send_task)\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("vetting", "consultants")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "outbox.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if direct.search(line)
    ]
    assert offenders == []
