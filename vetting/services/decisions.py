"""Decisions: shortlist, select or reject, with a rationale and an approver."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vetting import outbox
from vetting.access import is_buyer_side, require
from vetting.concurrency import claim_version
from vetting.models import (
    Approval,
    Decision,
    Engagement,
    EngagementStatus,
    Flag,
    Outcome,
    Submission,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.services.approvals import approval_hold_raised, approval_request
from vetting.services.errors import ServiceError
from vetting.tasks import notify_decision_blocked, send_decision_outcome
from vetting.webhooks import events as webhook_events

HOLD_BLOCKS = (Outcome.SHORTLIST, Outcome.SELECT)


def decision_record(
    *,
    submission: Submission,
    by: User,
    outcome: str,
    rationale: str,
    approver: User | None = None,
    agreed_price: Decimal | None = None,
    expected_version: int | None = None,
) -> Decision | Approval:
    """Record (or change) the decision on one submission. Uncleared hold flags (suspected
    reference fraud) block shortlisting and selecting. `agreed_price` (in the round's
    currency, 0 or more) is kept with a shortlist or a selection, never with a rejection.

    `expected_version` is the decision's version the form was opened on, 0 for "no decision
    yet" (so a second tab deciding for the first time is refused, not silently replacing
    the first), None to skip the check. The consultant is emailed, after the commit, only
    when the outcome changes.

    In a round with an approval route the decision does not take effect yet: it goes to
    the route's first approver and the Approval is returned (`services.approvals`); the
    decision takes effect when the last step approves."""
    require(by, "vetting.decide_submission", submission)
    approver = approver or by
    if not is_buyer_side(approver):
        raise ServiceError(_("The approver must be a procurement or manager colleague."))
    if not rationale.strip():
        raise ServiceError(_("Write the rationale: it is kept with the decision."))
    if outcome not in Outcome.values:
        raise ServiceError(_("Choose shortlist, select or reject."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status not in SCORED_STATUSES:
            raise ServiceError(_("Only a submitted self-assessment can be decided."))
        holds = Flag.objects.holds().filter(submission=submission).count()
        if outcome in HOLD_BLOCKS and holds:
            raise ServiceError(
                ngettext(
                    "%(holds)s hold flag (suspected reference fraud) must be cleared by a "
                    "manager before this consultant can be shortlisted or selected.",
                    "%(holds)s hold flags (suspected reference fraud) must be cleared by a "
                    "manager before this consultant can be shortlisted or selected.",
                    holds,
                )
                % {"holds": holds}
            )
        decision = Decision.objects.filter(submission=submission).first()
        if decision is not None:
            claim_version(decision, expected_version)
        if submission.engagement.approval_steps.exists():
            # A routed round: the decision waits on its approvers (services.approvals),
            # which make it take effect when the last step approves.
            return approval_request(
                submission=submission,
                by=by,
                outcome=outcome,
                rationale=rationale.strip(),
                agreed_price=agreed_price,
            )
        return decision_take_effect(
            submission=submission,
            decision=decision,
            by=by,
            outcome=outcome,
            rationale=rationale.strip(),
            approver=approver,
            agreed_price=agreed_price,
            decided_by=by,
        )


def decision_take_effect(
    *,
    submission: Submission,
    decision: Decision | None,
    by: User,
    outcome: str,
    rationale: str,
    approver: User,
    agreed_price: Decimal | None,
    decided_by: User,
) -> Decision:
    """The decision takes effect: the Decision is written, the submission takes its status,
    the consultant is emailed the outcome (after the commit, only when it changed) and the
    engagement is marked decided once every submission has one. Everything that follows
    from "the decision stands" belongs here, in this one place.

    Call in the transaction that holds the submission's lock (`select_for_update`), with
    its checks made (holds; an existing decision's version claimed with
    `claim_version`): `decision_record` calls it at once for a round with
    no approval route, `services.approvals` when the route's last step approves (then
    `by` is that approver, `decided_by` the person who recorded the decision)."""
    if decision is None:
        decision = Decision(submission=submission, decided_by=decided_by, decided_at=timezone.now())
    changed = decision.pk is None or decision.outcome != outcome
    was_selected = decision.pk is not None and decision.outcome == Outcome.SELECT
    decision.outcome = outcome
    decision.rationale = rationale
    decision.approver = approver
    decision.agreed_price = None if outcome == Outcome.REJECT else agreed_price
    decision.decided_by = decided_by
    decision.decided_at = timezone.now()
    # Recorded with no hold standing (a shortlist or a selection), or a rejection, which
    # a hold does not block: a block from before no longer applies.
    decision.blocked_at = None
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
        # Imported here: the vendor (and delivery) services build on the submission and
        # reference services, which import this module.
        from vetting.services.delivery import delivery_review_cancel, delivery_review_schedule
        from vetting.services.vendors import vendor_register_enter, vendor_register_leave

        if outcome == Outcome.SELECT:
            vendor_register_enter(decision=decision, by=by)
            delivery_review_schedule(decision=decision, by=by)
        elif was_selected:
            vendor_register_leave(decision=decision, by=by)
            delivery_review_cancel(decision=decision, by=by)
    webhook_events.decision_recorded(decision)
    engagement_mark_decided(engagement=submission.engagement, by=by)
    return decision


BLOCKED = "A new hold was raised after this decision"
UNBLOCKED = "The holds raised after this decision are cleared or no longer apply"


def decision_block_for_hold(*, submission: Submission) -> Decision | None:
    """A hold was just raised on this submission (call in the transaction that raised it):
    a shortlist or selection made before it is marked blocked, and the round's owner and
    the decision's approver are told. The outcome stands; shortlisting or selecting again
    is refused (`decision_record`) until a manager clears the hold. None if nothing was
    blocked now (no decision, a rejection, or blocked already)."""
    # The submission's lock orders this against `decision_record`: either the decision is
    # committed first and is blocked here, or it waits and sees the hold.
    Submission.objects.select_for_update().filter(pk=submission.pk).exists()
    # A shortlist or selection still on its approval route is blocked there too.
    approval_hold_raised(submission=submission)
    decision = Decision.objects.select_for_update().filter(submission=submission).first()
    if decision is None or decision.outcome not in HOLD_BLOCKS or decision.is_blocked:
        return None
    decision.blocked_at = timezone.now()
    decision._history_user = None  # type: ignore[attr-defined]  # raised by the rules
    decision._change_reason = BLOCKED  # type: ignore[attr-defined]
    decision.save(update_fields=["blocked_at"])
    outbox.enqueue(
        notify_decision_blocked,
        decision.pk,
        key=f"notify_decision_blocked:{decision.pk}:{decision.blocked_at.isoformat()}",
    )
    return decision


def decision_unblock_if_cleared(*, submission: Submission, by: User | None) -> Decision | None:
    """A hold on this submission was just cleared by `by`, or withdrawn by the rules (call
    in the same transaction): once no hold is left, a blocked decision is no longer
    blocked. None if it still is, or was not."""
    if Flag.objects.holds().filter(submission=submission).exists():
        return None
    decision = (
        Decision.objects.select_for_update()
        .filter(submission=submission, blocked_at__isnull=False)
        .first()
    )
    if decision is None:
        return None
    decision.blocked_at = None
    decision._history_user = by  # type: ignore[attr-defined]
    decision._change_reason = UNBLOCKED  # type: ignore[attr-defined]
    decision.save(update_fields=["blocked_at"])
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
