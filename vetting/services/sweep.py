"""The sweeper: work that should have happened and has not, queued again through the outbox.

Each rule finds a state that a task should have moved on (an open round's invitation not
sent, a referee not asked, a submission without a card, an export still queued) and
enqueues that task under the key the service uses, so work already recorded is not queued
twice. Then the outbox hands out again what was sent long ago and never ran (a broker that
lost its queue), and forgets old done rows. Beat runs it every five minutes
(`manage.py outbox sweep` by hand).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from celery import Task
from django.conf import settings
from django.utils import timezone

from vetting import outbox
from vetting.models import (
    Channel,
    CheckStatus,
    EngagementStatus,
    Export,
    ExportStatus,
    Invitation,
    ReferenceCheck,
    Submission,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.services.references import reference_request_key
from vetting.tasks import (
    build_export,
    recompute_scorecards,
    send_invitation,
    send_reference_request,
)

# Rows looked at per rule and run; the next run takes the rest.
SWEEP_LIMIT = 1000


def work_sweep() -> dict[str, int]:
    """Queue what is missing; returns how many tasks each rule queued, how many sent rows
    were handed out again and how many done rows were forgotten."""
    found = {
        "invitations": _enqueue_all(_unsent_invitations()),
        "reference_requests": _enqueue_all(_unsent_reference_requests()),
        "score_cards": _enqueue_all(_missing_cards()),
        "exports": _enqueue_all(_queued_exports()),
    }
    found["rearmed"] = outbox.rearm(
        sent_before=settings.OUTBOX_SWEEP_GRACE, max_attempts=settings.OUTBOX_MAX_ATTEMPTS
    )
    found["purged"] = outbox.purge(done_before=timedelta(days=settings.OUTBOX_KEEP_DAYS))
    return found


# A task, its arguments and its outbox key (None: the default one, as the service uses).
Work = tuple[Task, tuple[Any, ...], str | None]


def _enqueue_all(work: Iterator[Work]) -> int:
    return sum(outbox.enqueue(task, *args, key=key) for task, args, key in work)


def _unsent_invitations() -> Iterator[Work]:
    invitations = Invitation.objects.filter(
        sent_at__isnull=True, submission__engagement__status=EngagementStatus.OPEN
    ).values_list("pk", flat=True)
    for pk in invitations[:SWEEP_LIMIT]:
        yield send_invitation, (pk,), None


def _unsent_reference_requests() -> Iterator[Work]:
    checks = ReferenceCheck.objects.filter(
        channel=Channel.WEB,
        status=CheckStatus.REQUESTED,
        sent_at__isnull=True,
        token_expires_at__gt=timezone.now(),
    ).only("pk", "token_expires_at")
    for check in checks[:SWEEP_LIMIT]:
        yield send_reference_request, (check.pk,), reference_request_key(check)


def _missing_cards() -> Iterator[Work]:
    """Submissions handed in a while ago without a card (a fresh one has its recompute on
    the way, under a key of its own)."""
    submissions = Submission.objects.filter(
        status__in=SCORED_STATUSES,
        scorecard__isnull=True,
        submitted_at__lt=timezone.now() - settings.OUTBOX_SWEEP_GRACE,
    ).values_list("pk", flat=True)
    for pk in submissions[:SWEEP_LIMIT]:
        yield recompute_scorecards, ([pk],), f"scorecard:{pk}"


def _queued_exports() -> Iterator[Work]:
    exports = Export.objects.filter(status=ExportStatus.QUEUED).values_list("pk", flat=True)
    for pk in exports[:SWEEP_LIMIT]:
        yield build_export, (pk,), None
