"""Feeding the pure scoring service from the database, and storing its cards.

`scorecard_recompute` is idempotent: unchanged inputs (same hash) write nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Prefetch, QuerySet, Value
from django.db.models.functions import Floor, Least
from django.utils import timezone

from consultants.models import Service
from vetting import outbox
from vetting.models import (
    Answer,
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
from vetting.scoring.reference_flags import period_drift
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.tasks import recompute_scorecards


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _evidence(check: ReferenceCheck, *, today: date) -> scoring.ReferenceEvidence:
    """What a finished check says, for the score. The period agrees when the flags'
    rule (`reference_flags.period_drift`) finds no drift."""
    consistent = not period_drift(
        (check.claimed_from, check.claimed_to), (check.period_from, check.period_to), today=today
    )
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


def scorable(ids: Iterable[int]) -> QuerySet[Submission]:
    """Submissions with everything the scoring service reads, in a fixed number of queries
    however many there are (one per relation)."""
    finished = ReferenceCheck.objects.exclude(
        status__in=[CheckStatus.REQUESTED, CheckStatus.IN_PROGRESS]
    ).order_by("pk")
    return (
        Submission.objects.filter(pk__in=list(ids), status__in=SCORED_STATUSES)
        .select_related("engagement", "consultant")
        .annotate(
            offered=Count("consultant__services_offered", distinct=True),
            declined=Count("consultant__services_not_offered", distinct=True),
        )
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch(
                "reviews",
                queryset=Review.objects.counted().prefetch_related("ratings").order_by("pk"),
                to_attr="counted_reviews",
            ),
            Prefetch("reference_checks", queryset=finished, to_attr="finished_checks"),
            Prefetch("consensus_ratings", queryset=Consensus.objects.order_by("criterion")),
            Prefetch("flags", queryset=Flag.objects.order_by("pk")),
        )
        .order_by("pk")
    )


def scoring_input(
    submission: Submission, *, services_total: int, today: date | None = None
) -> scoring.ScoringInput:
    """Everything the scoring service needs about one submission (loaded by `scorable`),
    as plain data. `today` closes the open ends of periods (default: the local date)."""
    today = today or timezone.localdate()
    answers = {a.question.key: a.value for a in submission.answers.all()}
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
    reviews = [
        scoring.Review(
            review.reviewer_id,
            {r.criterion: r.rating for r in review.ratings.all() if r.rating},
            review.recommendation,
        )
        for review in submission.counted_reviews
    ]
    return scoring.ScoringInput(
        years_social=_int(answers.get("years_social_media")),
        years_clients=_int(answers.get("years_for_clients")),
        accomplishments=accomplishments,
        texts=texts,
        services_offered=submission.offered,
        services_declined=submission.declined,
        services_total=services_total,
        reviews=tuple(sorted(reviews, key=lambda r: r.reviewer_id)),
        references=tuple(_evidence(c, today=today) for c in submission.finished_checks),
        references_required=submission.engagement.references_required,
        consensus={
            c.criterion: scoring.Consensus(c.rating, c.reason)
            for c in submission.consensus_ratings.all()
        },
        weights={k: float(v) for k, v in submission.engagement.weights.items()},
        stored_flags=tuple(
            scoring.StoredFlag(
                f.code, f.kind, f.severity, f.message, f.hold, f.cleared_at is not None
            )
            for f in submission.flags.all()
        ),
    )


def _card_fields(
    card: scoring.Card, data: scoring.ScoringInput, submission: Submission
) -> dict[str, object]:
    return {
        "engagement_id": submission.engagement_id,
        "references_done": sum(1 for e in data.references if e.status == "completed"),
        "reviews_done": len(data.reviews),
        "rubric_version": card.rubric_version,
        "inputs_hash": card.inputs_hash,
        "total": card.total,
        "low": card.low,
        "high": card.high,
        "red_flags": sum(1 for f in card.flags if f.polarity == "red"),
        "green_flags": sum(1 for f in card.flags if f.polarity == "green"),
        "holds": sum(1 for f in card.flags if f.hold),
        **{c.key: c.value for c in card.criteria},
        "data": card.as_dict(),
    }


def scorecards_recompute(ids: Iterable[int]) -> int:
    """Score a batch of submissions; write only the cards whose inputs changed. Returns
    how many cards were written. About ten queries per batch, whatever its size."""
    ids = list(ids)
    services_total = Service.objects.filter(active=True).count()
    submissions = list(scorable(ids))
    existing = {
        card.submission_id: card
        for card in ScoreCard.objects.filter(submission__in=[s.pk for s in submissions]).only(
            "pk", "submission_id", "inputs_hash"
        )
    }
    now = timezone.now()
    create, update = [], []
    for submission in submissions:
        data = scoring_input(submission, services_total=services_total)
        digest = data.digest()
        old = existing.get(submission.pk)
        if old is not None and old.inputs_hash == digest:
            continue
        fields = _card_fields(scoring.score(data, digest=digest), data, submission)
        if old is None:
            create.append(ScoreCard(submission=submission, computed_at=now, **fields))
        else:
            for name, value in fields.items():
                setattr(old, name, value)
            old.computed_at = now
            update.append(old)
    ids = list(ids)
    # Ranks move when a card changes, or when a submission leaves the round (withdrawn).
    stale = create or update or len(submissions) < len(set(ids))
    with transaction.atomic():
        ScoreCard.objects.bulk_create(create)
        ScoreCard.objects.bulk_update(update, [*CARD_FIELDS, "computed_at"])
        if stale:
            engagements = Submission.objects.filter(pk__in=ids).values_list(
                "engagement_id", flat=True
            )
            for engagement_id in sorted(set(engagements)):
                rerank(engagement_id)
    return len(create) + len(update)


def rerank(engagement_id: int) -> None:
    """Store each card's position in its engagement (1 = highest total; ties by
    submission). One UPDATE with a window function; withdrawn submissions lose their rank."""
    cards = ScoreCard._meta.db_table
    submissions = Submission._meta.db_table
    statuses = ", ".join(["%s"] * len(SCORED_STATUSES))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {cards} SET rank = NULL WHERE submission_id IN ("  # noqa: S608
            f"SELECT id FROM {submissions} WHERE engagement_id = %s "
            f"AND status NOT IN ({statuses}))",
            [engagement_id, *SCORED_STATUSES],
        )
        cursor.execute(
            f"UPDATE {cards} SET rank = ranked.position FROM ("  # noqa: S608
            f"SELECT c.id AS card_id, ROW_NUMBER() OVER (ORDER BY c.total DESC, "
            f"c.submission_id) AS position FROM {cards} c JOIN {submissions} s "
            f"ON s.id = c.submission_id WHERE s.engagement_id = %s AND s.status IN "
            f"({statuses})) AS ranked WHERE {cards}.id = ranked.card_id",
            [engagement_id, *SCORED_STATUSES],
        )
    # The score distribution changes with the ranks: compute it now, once, for the pages.
    refresh_distribution(engagement_id)


def distribution_key(engagement_id: int) -> str:
    return f"score-distribution:{engagement_id}"


def refresh_distribution(engagement_id: int) -> list[int]:
    """How many submissions score 0-9, 10-19, ... 90-100, kept in the cache."""
    counts = distribution_counts(engagement_id)
    cache.set(distribution_key(engagement_id), counts, None)
    return counts


def distribution_counts(engagement_id: int) -> list[int]:
    """How many ranked submissions score 0-9, 10-19, ... 90-100 (one query; reads only)."""
    buckets = (
        ScoreCard.objects.filter(engagement_id=engagement_id, rank__isnull=False)
        .annotate(bucket=Least(Floor(F("total") / Value(10.0)), Value(9.0)))
        .values("bucket")
        .annotate(n=Count("pk"))
    )
    counts = [0] * 10
    for row in buckets:
        counts[int(row["bucket"])] = row["n"]
    return counts


CARD_FIELDS = [
    "engagement_id",
    "rubric_version",
    "inputs_hash",
    "total",
    "low",
    "high",
    "red_flags",
    "green_flags",
    "holds",
    "references_done",
    "reviews_done",
    *CRITERION_KEYS,
    "data",
]


def scorecard_recompute(submission_id: int) -> bool:
    """Score one submission; True if its stored card changed (False: inputs unchanged)."""
    return scorecards_recompute([submission_id]) == 1


RECOMPUTE_BATCH = 500


def queue_recompute(submission_ids: Iterable[int]) -> None:
    """Recompute after the current transaction commits, in batches of ids."""
    ids = sorted(set(submission_ids))
    for start in range(0, len(ids), RECOMPUTE_BATCH):
        batch = ids[start : start + RECOMPUTE_BATCH]
        # Every change is a new effect: the key is unique (the inputs hash makes a repeat cheap).
        outbox.enqueue(recompute_scorecards, batch, key=f"recompute_scorecards:{uuid.uuid4().hex}")
