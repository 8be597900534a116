"""A worker killed mid-task (its main process and its pool child, SIGKILL): the message it
held comes back after the broker's visibility timeout and the task completes exactly once."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import EngagementFactory
from tests.faults.conftest import EMAIL_TIME_LIMIT, TASK_TIME_LIMIT, Stack, Visits, report
from tests.faults.stack import wait_for
from vetting.models import Invitation, OutboxMessage, SentEmail, User
from vetting.services import invite_new

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]


def test_an_invitation_whose_worker_was_killed_mid_send_is_sent_exactly_once_after_redelivery(
    stack: Stack, visits: Visits, procurement: User
):
    draft = EngagementFactory(owner=procurement)
    invite_new(engagement=draft, by=procurement, name="Fay", email="fay@x.example")
    (stack.mail_dir / "hold").write_text("")  # the worker's next send waits here
    visits.client.force_login(procurement)

    opened = visits.post(reverse("engagements:open", args=[draft.pk]))
    wait_for(lambda: (stack.mail_dir / "holding").exists(), timeout=30, what="the send to start")
    pids = stack.worker.kill()
    killed_at = time.monotonic()
    report(
        f"Worker mid-task: killed the worker's main process and pool child {pids} "
        "(SIGKILL) while it was sending an invitation"
    )

    assert opened.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None  # the send's transaction died with the worker
    assert not SentEmail.objects.exists()
    (stack.mail_dir / "hold").unlink()
    stack.worker.start()

    wait_for(stack.mailbox.messages, timeout=60, what="the invitation to be redelivered")
    redelivered = time.monotonic() - killed_at
    visibility = 2 * max(EMAIL_TIME_LIMIT, TASK_TIME_LIMIT)
    report(
        f"  redelivered and sent {redelivered:.1f} s after the kill (worker's visibility "
        f"timeout {visibility} s; {settings.BROKER_VISIBILITY_TIMEOUT} s in production)"
    )
    wait_for(
        lambda: OutboxMessage.objects.filter(done_at__isnull=False).exists(),
        timeout=30,
        what="the task to finish",
    )
    time.sleep(1)  # room for a second delivery, which would add a second email

    assert stack.mailbox.to() == ["fay@x.example"]
    assert SentEmail.objects.filter(key=f"invitation:{invitation.pk}").count() == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    report("  delivered afterwards: 1 email, to fay@x.example")
