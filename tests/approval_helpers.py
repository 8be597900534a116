"""The permission world's routed round (tests/api_world.py): a round of the default
organisation whose approval route is the reviewer after (step 1, "Procurement lead"), then
the manager off the panel (step 2, "Budget holder"); the consultant submitted to it and the
owner's shortlist waits on step 1."""

from __future__ import annotations

from django.utils import timezone

from tests.factories import EngagementFactory, submitted_quickly
from vetting import services
from vetting.models import Approval, Engagement, EngagementStatus, Outcome, User
from vetting.services.approvals import approval_route_set


def approval_world(
    *, owner: User, panel: list[User], first: User, second: User, consultant: User
) -> tuple[Engagement, Approval]:
    routed = EngagementFactory(
        owner=owner,
        title="Routed round",
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
    )
    routed.reviewers.add(*panel)
    approval_route_set(
        engagement=routed,
        by=owner,
        steps=[("Procurement lead", first), ("Budget holder", second)],
    )
    submission = submitted_quickly(routed, consultant=consultant.consultant)
    approval = services.decision_record(
        submission=submission,
        by=owner,
        outcome=Outcome.SHORTLIST,
        rationale="The strongest B2B references of the round.",
    )
    assert isinstance(approval, Approval)
    return routed, approval
