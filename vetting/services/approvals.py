"""Routed approvals of decisions (issue 18, part 3).

A round may have an approval route: ordered steps, each a label ("Procurement lead") and an
approver from the round's organisation (`approval_route_set`, by its owner). With a route, a
decision recorded on a submission (`services.decisions.decision_record`) does not take
effect: it starts an `Approval` (`approval_request`) that waits on step 1's approver, then
step 2's, and so on. The last approval makes the decision take effect
(`decisions.decision_take_effect`: the consultant learns the outcome only then); a rejection
ends the route (nothing takes effect, the decider is told); "changes requested" sends it back
to the decider, whose amended decision starts the route again from step 1 (a new round; the
earlier answers stay in the record). A shortlist or selection cannot be approved while a
hold flag stands on the consultant.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vetting import outbox
from vetting.access import buyer_side_people, require
from vetting.concurrency import claim_version
from vetting.models import (
    Approval,
    ApprovalAction,
    ApprovalAnswer,
    ApprovalState,
    ApprovalStep,
    Decision,
    Engagement,
    Flag,
    Outcome,
    Submission,
    User,
)
from vetting.services.errors import ServiceError
from vetting.tasks import (
    notify_approval_answered,
    notify_approval_blocked,
    notify_approval_requested,
)

HOLD_BLOCKS = (Outcome.SHORTLIST, Outcome.SELECT)
MAX_STEPS = 4  # the route page's rows (forms.approvals.ROUTE_ROWS)


def approval_route_set(
    *, engagement: Engagement, by: User, steps: Sequence[tuple[str, User]]
) -> list[ApprovalStep]:
    """Set the round's approval route: `steps` in order, each (label, approver); none
    removes the route (decisions then take effect at once). Refused while a decision is
    waiting on the route (an approval pending, or sent back for changes)."""
    require(by, "vetting.run_engagement", engagement)
    if len(steps) > MAX_STEPS:
        raise ServiceError(_("A route has at most %(max)s steps.") % {"max": MAX_STEPS})
    cleaned: list[tuple[str, User]] = []
    allowed = buyer_side_people(organisation=engagement.organisation_id)
    for position, (label, approver) in enumerate(steps, start=1):
        label = (label or "").strip()
        if not label:
            raise ServiceError(
                _('Step %(position)s: give it a label, e.g. "Budget holder".')
                % {"position": position}
            )
        if approver is None or not allowed.filter(pk=approver.pk).exists():
            raise ServiceError(
                _(
                    "Step %(position)s (%(label)s): the approver must be a procurement, "
                    "manager or reviewer member of the round's organisation."
                )
                % {"position": position, "label": label}
            )
        cleaned.append((label, approver))
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if Approval.objects.open().filter(submission__engagement=engagement).exists():
            raise ServiceError(
                _(
                    "A decision is waiting on this route (for an approval, or for changes its "
                    "decider was asked for): the route can change once it is approved or "
                    "rejected."
                )
            )
        current = list(engagement.approval_steps.order_by("position"))
        if [(s.label, s.approver_id) for s in current] == [(lb, a.pk) for lb, a in cleaned]:
            return current
        for step in current:
            step._history_user = by  # type: ignore[attr-defined]
            step.delete()
        created = []
        for position, (label, approver) in enumerate(cleaned, start=1):
            step = ApprovalStep(
                engagement=engagement, position=position, label=label, approver=approver
            )
            step._history_user = by  # type: ignore[attr-defined]
            step.full_clean()
            step.save()
            created.append(step)
        return created


def approval_request(
    *,
    submission: Submission,
    by: User,
    outcome: str,
    rationale: str,
    agreed_price: Decimal | None,
) -> Approval:
    """The decider's decision on `submission` goes to the round's route, from step 1: a new
    approval, or the one sent back for changes, amended (its next round). Called by
    `decision_record` in its transaction, with the submission locked and its checks made.
    Refused while an approval of this submission waits on an approver."""
    steps = list(submission.engagement.approval_steps.order_by("position"))
    if not steps:
        raise ServiceError(_("This round has no approval route."))
    approval = Approval.objects.select_for_update().open().filter(submission=submission).first()
    if approval is not None and approval.state == ApprovalState.PENDING:
        first = steps[approval.step - 1] if approval.step <= len(steps) else steps[0]
        raise ServiceError(
            _(
                "A decision on this consultant is already waiting for approval (step "
                "%(step)s, %(label)s: %(approver)s). It can be changed if the approver asks "
                "for changes."
            )
            % {
                "step": approval.step,
                "label": first.label,
                "approver": first.approver.display_name,
            }
        )
    now = timezone.now()
    if approval is None:
        approval = Approval(submission=submission, round=1)
    else:
        approval.round += 1
        approval.version += 1
    approval.outcome = outcome
    approval.rationale = rationale
    approval.agreed_price = None if outcome == Outcome.REJECT else agreed_price
    approval.requested_by = by
    approval.requested_at = now
    approval.state = ApprovalState.PENDING
    approval.step = 1
    approval.closed_at = None
    approval._history_user = by  # type: ignore[attr-defined]
    approval.full_clean()
    approval.save()
    _ask(approval)
    return approval


def approvals_recount(*users: User) -> None:
    """Keep each person's count of decisions waiting on them (the navigation's badge)."""
    for user in {u.pk: u for u in users if u is not None}.values():
        count = Approval.objects.waiting_on(user).count()
        User.objects.filter(pk=user.pk).update(approvals_waiting=count)
        user.approvals_waiting = count


def _current_approver(approval: Approval) -> User | None:
    step = (
        ApprovalStep.objects.select_related("approver")
        .filter(engagement_id=approval.submission.engagement_id, position=approval.step)
        .first()
    )
    return step.approver if step else None


def _ask(approval: Approval) -> None:
    """Email the current step's approver (after the commit; once per round and step)."""
    approvals_recount(_current_approver(approval))
    outbox.enqueue(
        notify_approval_requested,
        approval.pk,
        key=f"notify_approval_requested:{approval.pk}:{approval.round}:{approval.step}",
    )


def _holds(submission: Submission) -> int:
    return Flag.objects.holds().filter(submission=submission).count()


def hold_message(approval: Approval, holds: int) -> str:
    values = {"holds": holds, "name": approval.submission.consultant.name}
    if approval.outcome == Outcome.SELECT:
        return (
            ngettext(
                "The route is blocked: %(holds)s hold flag (suspected reference fraud) on "
                "%(name)s must be cleared by a manager before this select can be approved. You "
                "can still reject it or ask for changes.",
                "The route is blocked: %(holds)s hold flags (suspected reference fraud) on "
                "%(name)s must be cleared by a manager before this select can be approved. You "
                "can still reject it or ask for changes.",
                holds,
            )
            % values
        )
    return (
        ngettext(
            "The route is blocked: %(holds)s hold flag (suspected reference fraud) on "
            "%(name)s must be cleared by a manager before this shortlist can be approved. "
            "You can still reject it or ask for changes.",
            "The route is blocked: %(holds)s hold flags (suspected reference fraud) on "
            "%(name)s must be cleared by a manager before this shortlist can be approved. "
            "You can still reject it or ask for changes.",
            holds,
        )
        % values
    )


def approval_hold_raised(*, submission: Submission) -> Approval | None:
    """A hold was just raised on this submission (`decisions.decision_block_for_hold`
    calls this in its transaction): a shortlist or selection waiting on its route is
    blocked (no step may approve it while the hold stands), and its current approver and
    its decider are told. None if no such approval waits."""
    approval = (
        Approval.objects.filter(
            submission=submission, state=ApprovalState.PENDING, outcome__in=HOLD_BLOCKS
        )
        .order_by("-pk")
        .first()
    )
    if approval is None:
        return None
    holds = Flag.objects.holds().filter(submission=submission).order_by("-pk").first()
    outbox.enqueue(
        notify_approval_blocked,
        approval.pk,
        key=f"notify_approval_blocked:{approval.pk}:{holds.pk if holds else 0}",
    )
    return approval


def approval_act(
    *,
    approval: Approval,
    by: User,
    answer: str,
    note: str = "",
    expected_version: int | None = None,
) -> Approval:
    """The current step's approver answers: approve (the next step is asked; after the last,
    the decision takes effect), reject (the route ends; the decision does not take effect)
    or ask for changes (back to the decider). A note is required to reject or ask for
    changes. `expected_version`: the approval's version the page showed (two tabs or two
    approvers cannot both answer one step)."""
    require(by, "vetting.view_approval", approval)
    if answer not in ApprovalAnswer.values:
        raise ServiceError(_("Approve, reject, or ask for changes."))
    note = (note or "").strip()
    if answer != ApprovalAnswer.APPROVED and not note:
        raise ServiceError(
            _("Write a note: the decider needs to know why it was rejected.")
            if answer == ApprovalAnswer.REJECTED
            else _("Write a note: say what the decider should change.")
        )
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=approval.submission_id)
        claim_version(approval, expected_version)
        approval.refresh_from_db()
        if approval.state != ApprovalState.PENDING:
            raise ServiceError(
                _("This approval is no longer waiting on anyone (%(state)s).")
                % {"state": approval.get_state_display()}
            )
        steps = list(submission.engagement.approval_steps.select_related("approver"))
        step = steps[approval.step - 1]
        require(by, "vetting.act_on_approval", approval)
        if answer == ApprovalAnswer.APPROVED and approval.outcome in HOLD_BLOCKS:
            holds = _holds(submission)
            if holds:
                raise ServiceError(hold_message(approval, holds))
        now = timezone.now()
        action = ApprovalAction(
            approval=approval,
            round=approval.round,
            step=approval.step,
            label=step.label,
            approver=by,
            answer=answer,
            note=note,
            acted_at=now,
        )
        action._history_user = by  # type: ignore[attr-defined]
        action.full_clean()
        action.save()
        approval.version += 1
        approval._history_user = by  # type: ignore[attr-defined]
        if answer == ApprovalAnswer.APPROVED and approval.step < len(steps):
            approval.step += 1
            approval.save()
            _ask(approval)
            approvals_recount(by)
            return approval
        if answer == ApprovalAnswer.APPROVED:
            _complete(approval, submission=submission, by=by, now=now)
        else:
            approval.state = (
                ApprovalState.REJECTED
                if answer == ApprovalAnswer.REJECTED
                else ApprovalState.CHANGES
            )
            if approval.state == ApprovalState.REJECTED:
                approval.closed_at = now
                _emit_completed(approval)
            approval.save()
        approvals_recount(by)
        outbox.enqueue(
            notify_approval_answered,
            action.pk,
            key=f"notify_approval_answered:{action.pk}",
        )
        return approval


def _complete(approval: Approval, *, submission: Submission, by: User, now: object) -> None:
    """The last step approved: the decision takes effect, and the route is closed."""
    from vetting.services.decisions import decision_take_effect

    decision = Decision.objects.filter(submission=submission).first()
    if decision is not None:
        claim_version(decision, None)
    submission.engagement = Engagement.objects.get(pk=submission.engagement_id)
    decision = decision_take_effect(
        submission=submission,
        decision=decision,
        by=by,
        outcome=approval.outcome,
        rationale=approval.rationale,
        approver=by,
        agreed_price=approval.agreed_price,
        decided_by=approval.requested_by,
    )
    approval.state = ApprovalState.APPROVED
    approval.closed_at = now  # type: ignore[assignment]
    approval.decision = decision
    approval.save()
    _emit_completed(approval)


def _emit_completed(approval: Approval) -> None:
    """The route ended (approved at its last step: the decision took effect; or rejected):
    the webhook event "approval.completed", in this transaction. Ids and states only."""
    from vetting import webhooks

    submission = approval.submission
    webhooks.emit(
        "approval.completed",
        organisation=submission.engagement.organisation_id,
        subject=approval,
        data=lambda: {
            "approval": {
                "id": approval.pk,
                "result": approval.state,
                "outcome": approval.outcome,
                "round": approval.round,
                "closed_at": approval.closed_at.isoformat().replace("+00:00", "Z"),
                "decision": {"id": approval.decision_id} if approval.decision_id else None,
            },
            "submission": {
                "id": submission.pk,
                "engagement": {"id": submission.engagement_id},
                "consultant": {"id": submission.consultant_id},
            },
        },
    )
