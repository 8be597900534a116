"""Decisions: shortlist, select or reject, with a rationale and an approver."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vetting import outbox
from vetting.access import is_buyer_side, require
from vetting.concurrency import claim_version
from vetting.models import (
    Decision,
    Engagement,
    EngagementStatus,
    Flag,
    Outcome,
    Submission,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.services.errors import ServiceError
from vetting.tasks import send_decision_outcome

HOLD_BLOCKS = (Outcome.SHORTLIST, Outcome.SELECT)


def decision_record(
    *,
    submission: Submission,
    by: User,
    outcome: str,
    rationale: str,
    approver: User | None = None,
    expected_version: int | None = None,
) -> Decision:
    """Record (or change) the decision on one submission. Uncleared hold flags (suspected
    reference fraud) block shortlisting and selecting.

    `expected_version` is the decision's version the form was opened on, 0 for "no decision
    yet" (so a second tab deciding for the first time is refused, not silently replacing
    the first), None to skip the check. The consultant is emailed, after the commit, only
    when the outcome changes."""
    require(by, "vetting.decide_submission", submission)
    approver = approver or by
    if not is_buyer_side(approver):
        raise ServiceError("The approver must be a procurement or manager colleague.")
    if not rationale.strip():
        raise ServiceError("Write the rationale: it is kept with the decision.")
    if outcome not in Outcome.values:
        raise ServiceError("Choose shortlist, select or reject.")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status not in SCORED_STATUSES:
            raise ServiceError("Only a submitted self-assessment can be decided.")
        holds = Flag.objects.holds().filter(submission=submission).count()
        if outcome in HOLD_BLOCKS and holds:
            raise ServiceError(
                f"{holds} hold flag{'s' if holds > 1 else ''} (suspected reference fraud) must "
                "be cleared by a manager before this consultant can be shortlisted or selected."
            )
        decision = Decision.objects.filter(submission=submission).first()
        if decision is None:
            decision = Decision(submission=submission, decided_by=by, decided_at=timezone.now())
        else:
            claim_version(decision, expected_version)
        changed = decision.pk is None or decision.outcome != outcome
        decision.outcome = outcome
        decision.rationale = rationale.strip()
        decision.approver = approver
        decision.decided_by = by
        decision.decided_at = timezone.now()
        decision._history_user = by  # type: ignore[attr-defined]
        decision.full_clean()
        decision.save()
        submission.status = outcome
        submission._history_user = by  # type: ignore[attr-defined]
        submission.save()
        if changed:
            outbox.enqueue(
                send_decision_outcome,
                submission.pk,
                outcome,
                key=f"send_decision_outcome:{submission.pk}:{decision.version}",
            )
        engagement_mark_decided(engagement=submission.engagement, by=by)
    return decision


def engagement_mark_decided(*, engagement: Engagement, by: User) -> bool:
    """A closed engagement is decided once every submitted self-assessment has a decision."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.status != EngagementStatus.CLOSED:
        return False
    scored = engagement.submissions.filter(status__in=SCORED_STATUSES)
    if not scored.exists() or scored.filter(decision__isnull=True).exists():
        return False
    engagement.status = EngagementStatus.DECIDED
    engagement._history_user = by  # type: ignore[attr-defined]
    engagement.save()
    return True
