"""Checked claims from past rounds, so that the claim-level reference benchmarks show
something on a new installation: the open round's submitted consultants each answered two
earlier rounds of the organisation (their answers as in the open round, their list of
accomplishments as below, naming their own client reference), and that referee's completed
check judged every accomplishment (rows written straight, as the rest of the demo's
history); then the summary table is rebuilt.

Stated pattern: database-building and monetization claims judged by clients are plenty (the
rate is shown), PR claims are few (7, below the minimum sample of 20: the page says "too
few").
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from consultants.models import Reference, Relationship
from vetting.demo.rows import upsert
from vetting.models import (
    Answer,
    CheckStatus,
    Engagement,
    EngagementStatus,
    ReferenceCheck,
    Submission,
    SubmissionStatus,
    User,
    Verdict,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.services.benchmarks import claim_tallies_rebuild

C, P, N, D = Verdict.CONFIRMED, Verdict.PARTLY, Verdict.NOT_CONFIRMED, Verdict.DONT_KNOW
# Per past submission, in order: the client's verdicts on two database-building and two
# monetization claims, and on one PR claim (None: no PR claim). Seven PR claims in all.
PAST: tuple[tuple[tuple[str, str, str, str], str | None], ...] = (
    ((C, C, C, P), C),
    ((C, N, C, C), N),
    ((C, C, P, N), C),
    ((N, C, C, D), P),
    ((C, P, N, C), C),
    ((C, C, C, C), N),
    ((P, N, C, P), C),
    ((C, C, D, C), None),
    ((N, C, C, N), None),
    ((C, D, P, C), None),
    ((C, C, C, P), None),
    ((C, N, N, C), None),
    ((C, C, P, C), None),
    ((D, C, C, N), None),
    ((C, P, C, C), None),
    ((N, C, N, C), None),
)
AREAS = ("database_building", "database_building", "monetization", "monetization")
WHAT = {
    "database_building": "Built a mailing list of store-fitting buyers from LinkedIn groups.",
    "monetization": "Turned community posts into booked demos with a tracked offer.",
    "pr": "Placed our founder's story in two trade magazines.",
}


def _referee(submission: Submission) -> Reference | None:
    """The reference the past claims name: a chosen client, else the first chosen."""
    chosen = list(submission.chosen_references.order_by("pk"))
    clients = [r for r in chosen if r.relationship == Relationship.CLIENT]
    return (clients or chosen or [None])[0]


def _past_submission(
    engagement: Engagement, source: Submission, owner: User, days_ago: int
) -> Submission:
    """The source's consultant's submission to the past round, with the source's answers."""
    now = timezone.now()
    submission = Submission.objects.filter(
        engagement=engagement, consultant=source.consultant
    ).first() or Submission(engagement=engagement, consultant=source.consultant)
    submission.invited_by = owner
    submission.status = SubmissionStatus.REJECTED
    submission.started_at = now - timedelta(days=days_ago + 10)
    submission.submitted_at = now - timedelta(days=days_ago)
    submission.save()
    submission.chosen_references.set(source.chosen_references.all())
    for answer in source.answers.exclude(question__key="accomplishments"):
        Answer.objects.update_or_create(
            submission=submission,
            question=answer.question,
            defaults={"value": answer.value, "is_complete": answer.is_complete},
        )
    return submission


def _claims(submission: Submission, question: Any, referee: Reference, pr: str | None) -> None:
    areas = [*AREAS, *(["pr"] if pr else [])]
    Answer.objects.update_or_create(
        submission=submission,
        question=question,
        defaults={
            "value": [
                {
                    "area": area,
                    "what": WHAT[area],
                    "result": "Measured and reported monthly.",
                    "evidence_url": "",
                    "reference": str(referee.pk),
                }
                for area in areas
            ],
            "is_complete": True,
        },
    )


def _check(submission: Submission, owner: User, referee: Reference, verdicts: dict) -> None:
    done = submission.submitted_at + timedelta(days=5)
    ReferenceCheck.objects.create(
        submission=submission,
        reference=referee,
        referee_name=referee.name,
        referee_email=referee.email,
        referee_phone=referee.phone,
        referee_company=referee.company,
        referee_role=referee.role,
        claimed_relationship=referee.relationship,
        claimed_from=referee.period_from,
        claimed_to=referee.period_to,
        claimed_confirm=referee.can_confirm,
        requested_by=owner,
        requested_at=submission.submitted_at,
        due_at=submission.submitted_at + timedelta(days=10),
        status=CheckStatus.COMPLETED,
        completed_at=done,
        relationship_confirmed=True,
        relationship=referee.relationship,
        period_from=referee.period_from,
        period_to=referee.period_to,
        verdicts=verdicts,
        rating_relationships=4,
        rating_honesty=4,
        rating_results=4,
        would_hire_again="yes",
    )


def seed_claim_history(*, open_round: Engagement, owner: User) -> int:
    """Two past rounds of the open round's organisation, answered by its submitted
    consultants, each with a completed check (running it again resets them); returns how
    many checks it wrote."""
    organisation = open_round.organisation
    question = open_round.questionnaire.questions.get(key="accomplishments")
    sources = list(
        open_round.submissions.filter(status__in=SCORED_STATUSES).order_by("consultant__email")
    )
    rows = iter(PAST)
    written = 0
    for number, days_ago in ((1, 400), (2, 220)):
        engagement = upsert(
            Engagement,
            {"title": f"Past round {number}: social selling for {organisation.name}"[:160]},
            {
                "owner": owner,
                "organisation": organisation,
                "target_market": "Buyers of store fittings across Europe.",
                "goals": "A mailing list of buyers, and revenue from it.",
                "timing": "Earlier years.",
                "questionnaire": open_round.questionnaire,
                "weights": dict(open_round.weights),
                "references_required": open_round.references_required,
                "deadline": timezone.now() - timedelta(days=days_ago - 5),
                "status": EngagementStatus.DECIDED,
            },
            by=owner,
        )
        for source in sources:
            referee = _referee(source)
            row = next(rows, None)
            if referee is None or row is None:
                continue
            client, pr = row
            submission = _past_submission(engagement, source, owner, days_ago)
            _claims(submission, question, referee, pr)
            submission.reference_checks.all().delete()
            verdicts = [*client, *([pr] if pr else [])]
            _check(submission, owner, referee, {str(i): v for i, v in enumerate(verdicts)})
            written += 1
    claim_tallies_rebuild(organisation_id=organisation.pk)
    return written
