"""Feeding the pure scoring service from the database, and storing its cards.

`scorecard_recompute` is idempotent: unchanged inputs (same hash) write nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from consultants.models import Service
from vetting.models import (
    Consensus,
    Flag,
    ReferenceCheck,
    Review,
    ScoreCard,
    Submission,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import CheckStatus
from vetting.scoring import card as scoring
from vetting.scoring.reference_flags import PERIOD_TOLERANCE_MONTHS
from vetting.tasks import recompute_scorecard


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _months(a: object, b: object) -> int:
    return abs((a.year - b.year) * 12 + (a.month - b.month))  # type: ignore[attr-defined]


def _evidence(check: ReferenceCheck) -> scoring.ReferenceEvidence:
    consistent = True
    if check.period_from and _months(check.period_from, check.claimed_from) > (
        PERIOD_TOLERANCE_MONTHS
    ):
        consistent = False
    if (
        check.period_to
        and check.claimed_to
        and _months(check.period_to, check.claimed_to) > (PERIOD_TOLERANCE_MONTHS)
    ):
        consistent = False
    return scoring.ReferenceEvidence(
        check_id=check.pk,
        reference_id=check.reference_id,
        status=check.status,
        relationship_confirmed=check.relationship_confirmed,
        period_consistent=consistent,
        verdicts={int(k): v for k, v in (check.verdicts or {}).items()},
        rating_relationships=check.rating_relationships,
        rating_honesty=check.rating_honesty,
        rating_results=check.rating_results,
        would_hire_again=check.would_hire_again,
        free_text=" ".join(filter(None, [check.strengths, check.concerns, check.call_notes])),
    )


def scoring_input(
    submission: Submission, *, services_total: int | None = None
) -> scoring.ScoringInput:
    """Everything the scoring service needs about one submission, as plain data."""
    answers = {a.question.key: a.value for a in submission.answers.select_related("question")}
    accomplishments = tuple(
        scoring.Accomplishment(
            area=str(item.get("area", "")),
            what=str(item.get("what", "")),
            result=str(item.get("result", "")),
            evidence_url=str(item.get("evidence_url", "")),
            reference_id=_int(item.get("reference")),
        )
        for item in (answers.get("accomplishments") or [])
        if isinstance(item, dict)
    )
    texts = {
        key: value
        for key, value in answers.items()
        if isinstance(value, str) and key not in ("years_social_media", "years_for_clients")
    }
    reviews = []
    for review in (
        Review.objects.counted().filter(submission=submission).prefetch_related("ratings")
    ):
        ratings = {r.criterion: r.rating for r in review.ratings.all() if r.rating}
        reviews.append(scoring.Review(review.reviewer_id, ratings, review.recommendation))
    consultant = submission.consultant
    return scoring.ScoringInput(
        years_social=_int(answers.get("years_social_media")),
        years_clients=_int(answers.get("years_for_clients")),
        accomplishments=accomplishments,
        texts=texts,
        services_offered=consultant.services_offered.count(),
        services_declined=consultant.services_not_offered.count(),
        services_total=(
            services_total
            if services_total is not None
            else Service.objects.filter(active=True).count()
        ),
        reviews=tuple(sorted(reviews, key=lambda r: r.reviewer_id)),
        references=tuple(
            _evidence(c)
            for c in submission.reference_checks.exclude(
                status__in=[CheckStatus.REQUESTED, CheckStatus.IN_PROGRESS]
            ).order_by("pk")
        ),
        references_required=submission.engagement.references_required,
        consensus={
            c.criterion: scoring.Consensus(c.rating, c.reason)
            for c in Consensus.objects.filter(submission=submission)
        },
        weights={k: float(v) for k, v in submission.engagement.weights.items()},
        stored_flags=tuple(
            scoring.StoredFlag(
                f.code, f.kind, f.severity, f.message, f.hold, f.cleared_at is not None
            )
            for f in Flag.objects.filter(submission=submission).order_by("pk")
        ),
    )


def scorecard_recompute(submission_id: int, *, services_total: int | None = None) -> bool:
    """Score one submission; returns True if the stored card changed."""
    submission = (
        Submission.objects.select_related("engagement", "consultant")
        .filter(pk=submission_id, status__in=SCORED_STATUSES)
        .first()
    )
    if submission is None:
        return False
    data = scoring_input(submission, services_total=services_total)
    digest = data.digest()
    existing = ScoreCard.objects.filter(submission=submission).only("inputs_hash").first()
    if existing is not None and existing.inputs_hash == digest:
        return False
    card = scoring.score(data)
    with transaction.atomic():
        ScoreCard.objects.update_or_create(
            submission=submission,
            defaults={
                "rubric_version": card.rubric_version,
                "inputs_hash": card.inputs_hash,
                "total": card.total,
                "low": card.low,
                "high": card.high,
                "red_flags": sum(1 for f in card.flags if f.polarity == "red"),
                "green_flags": sum(1 for f in card.flags if f.polarity == "green"),
                "holds": sum(1 for f in card.flags if f.hold),
                "data": card.as_dict(),
            },
        )
    return True


def queue_recompute(submission_ids: Iterable[int]) -> None:
    """Recompute after the current transaction commits."""
    for submission_id in sorted(set(submission_ids)):
        recompute_scorecard.delay_on_commit(submission_id)
