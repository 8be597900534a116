"""Reads behind routed approvals: the "My approvals" queue (a constant number of queries)
and one approval's progress along its route, round by round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext as _

from vetting import access
from vetting.models import (
    Approval,
    ApprovalAction,
    ApprovalState,
    ApprovalStep,
    Flag,
    Membership,
    User,
)


def with_hold(approvals: QuerySet[Approval]) -> QuerySet[Approval]:
    """Annotated `on_hold`: a hold flag stands on the consultant (`Approval.route_blocked`
    then says whether it blocks this approval)."""
    holds = Flag.objects.holds().filter(submission=OuterRef("submission"))
    return approvals.annotate(on_hold=Exists(holds))


def with_approval_price_shown(user: User, approvals: QuerySet[Approval]) -> QuerySet[Approval]:
    """Annotated `price_shown` (`access.sees_approval_price` in SQL): who sees the
    consultant's price, and the route's approvers of the round's organisation."""
    if not user.is_authenticated:
        return approvals.annotate(price_shown=Value(False, output_field=BooleanField()))
    shown = access.prices_shown(user, "submission__")
    if not shown:  # an empty Q: staff see every price
        return approvals.annotate(price_shown=Value(True, output_field=BooleanField()))
    on_route = Exists(
        ApprovalStep.objects.filter(engagement=OuterRef("submission__engagement"), approver=user)
    )
    member = Exists(
        Membership.objects.filter(
            organisation=OuterRef("submission__engagement__organisation"), user=user
        )
    )
    return approvals.annotate(
        price_shown=Case(
            When(shown | (Q(on_route) & Q(member)), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def approval_queue(user: User) -> list[Approval]:
    """The decisions waiting on `user`'s approval, oldest first, with the current step's
    label, the round, the consultant, the decider and whether a hold blocks it. One query."""
    label = ApprovalStep.objects.filter(
        engagement=OuterRef("submission__engagement"), position=OuterRef("step")
    ).values("label")[:1]
    steps = (
        ApprovalStep.objects.filter(engagement=OuterRef("submission__engagement"))
        .order_by()
        .values("engagement")
    )
    total = steps.annotate(n=Count("pk")).values("n")[:1]
    rows = (
        access.visible_approvals(user, Approval.objects.waiting_on(user))
        .select_related("submission__consultant", "submission__engagement", "requested_by")
        .annotate(step_label=Subquery(label), steps_total=Subquery(total))
        .order_by("requested_at", "pk")
    )
    return list(with_hold(rows))


def approval_detail(user: User, pk: int) -> Approval | None:
    """One approval the user may see, with its submission, round, decider and decision."""
    return (
        with_hold(access.visible_approvals(user))
        .select_related(
            "submission__consultant",
            "submission__engagement__owner",
            "requested_by",
            "decision",
        )
        .filter(pk=pk)
        .first()
    )


def latest_approval(user: User, submission_id: int) -> Approval | None:
    """The submission's newest approval the user may see (None without a route)."""
    return (
        with_hold(access.visible_approvals(user))
        .select_related("submission__engagement", "requested_by", "decision")
        .filter(submission_id=submission_id)
        .order_by("-requested_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class StepLine:
    position: int
    label: str
    approver: str
    state: str  # approved, rejected, changes, waiting, upcoming
    note: str = ""
    at: datetime | None = None

    @property
    def state_label(self) -> str:
        return {
            "approved": _("Approved"),
            "rejected": _("Rejected"),
            "changes": _("Changes requested"),
            "waiting": _("Waiting"),
            "upcoming": _("Not yet"),
        }[self.state]


@dataclass(frozen=True)
class RoundLines:
    number: int
    current: bool
    steps: list[StepLine]


def approval_progress(approval: Approval) -> list[RoundLines]:
    """The route's progress, newest round first: each round's answered steps (who, what,
    the note, when); for an open approval's current round, the steps still to come from
    the route. Two queries."""
    actions = list(
        ApprovalAction.objects.filter(approval=approval)
        .select_related("approver")
        .order_by("round", "step", "acted_at", "pk")
    )
    route = (
        list(
            ApprovalStep.objects.filter(engagement_id=approval.submission.engagement_id)
            .select_related("approver")
            .order_by("position")
        )
        if approval.state == ApprovalState.PENDING
        else []
    )
    rounds: list[RoundLines] = []
    for number in range(approval.round, 0, -1):
        lines = [
            StepLine(a.step, a.label, a.approver.display_name, a.answer, a.note, a.acted_at)
            for a in actions
            if a.round == number
        ]
        current = number == approval.round
        if current and route:
            answered = {line.position for line in lines}
            for step in route:
                if step.position in answered:
                    continue
                state = "waiting" if step.position == approval.step else "upcoming"
                lines.append(StepLine(step.position, step.label, step.approver.display_name, state))
        rounds.append(RoundLines(number, current, lines))
    return rounds
