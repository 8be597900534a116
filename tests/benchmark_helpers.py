"""Builders for the claim benchmarks' tests: a completed reference check judging a
consultant's claims, as rows (cheap: no email, no scoring), in a round of its own."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.factories import EngagementFactory, ReferenceCheckFactory, SubmissionFactory
from vetting.models import (
    Answer,
    CheckStatus,
    Engagement,
    EngagementStatus,
    Questionnaire,
    Submission,
    SubmissionStatus,
    User,
)


def open_round(owner: User) -> Engagement:
    return EngagementFactory(owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now())


def accomplishments_question() -> Any:
    return Questionnaire.objects.default().questions.get(key="accomplishments")


def checked_claims(
    engagement: Engagement,
    consultant: Any,
    claims: list[tuple[str, str]],
    claimed: str = "client",
    **check: Any,
) -> Submission:
    """A completed check by a referee claimed as `claimed` judging `claims` (area, verdict):
    accomplishments added to the consultant's submitted self-assessment in the round."""
    submission = Submission.objects.filter(engagement=engagement, consultant=consultant).first()
    if submission is None:
        submission = SubmissionFactory(
            engagement=engagement,
            consultant=consultant,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
    answer, _ = Answer.objects.get_or_create(
        submission=submission,
        question=accomplishments_question(),
        defaults={"value": [], "is_complete": True},
    )
    first = len(answer.value)
    answer.value = answer.value + [{"area": area, "what": "x" * 20} for area, _ in claims]
    answer.save()
    ReferenceCheckFactory(
        submission=submission,
        reference__relationship=claimed,
        status=CheckStatus.COMPLETED,
        completed_at=timezone.now(),
        relationship_confirmed=check.pop("relationship_confirmed", True),
        verdicts={str(first + i): verdict for i, (_, verdict) in enumerate(claims)},
        **check,
    )
    return submission
