"""Feeding the pure scoring service from the database, and storing its cards.

`scorecards_recompute` is idempotent: unchanged inputs (same hash) write nothing. Inputs
are read as plain rows (`values_list`, no model instances), and what reading an answer
text finds is stored (`TextReading`), so that a text is read once, when its answers are
first scored, and not again by every later recompute in another process.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, NamedTuple

import orjson
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Floor, Least
from django.utils import timezone

from consultants.models import Consultant, Service
from vetting import freshness, outbox
from vetting.models import (
    Answer,
    Clarification,
    ClarificationAbout,
    ClarificationStatus,
    Consensus,
    CopyMatch,
    Engagement,
    Flag,
    Question,
    ReferenceCheck,
    Review,
    ReviewRating,
    ScoreCard,
    Submission,
    TextReading,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.questionnaires import CUSTOM_POSITIONS
from vetting.models.references import CheckStatus
from vetting.scoring import card as scoring
from vetting.scoring import readings
from vetting.scoring.buyer import KNOCKOUT
from vetting.scoring.inputs import clarified_text
from vetting.scoring.reference_flags import period_drift
from vetting.scoring.rubric import CRITERION_KEYS, criteria_of
from vetting.scoring.said import Said
from vetting.services import bulk
from vetting.tasks import recompute_scorecards

CORE = len(CRITERION_KEYS)  # the core criteria come first on a card, then the template's own


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class Scorable(NamedTuple):
    """One submission as the scoring service reads it."""

    submission_id: int
    engagement_id: int
    data: scoring.ScoringInput


class Loaded(NamedTuple):
    scorable: list[Scorable]  # in submission order
    unscored: dict[int, int]  # submission -> engagement, for ids not (or no longer) scored


# Fields read per finished reference check, in `_evidence`'s order.
CHECK_FIELDS = (
    "submission_id",
    "pk",
    "reference_id",
    "status",
    "relationship_confirmed",
    "claimed_from",
    "claimed_to",
    "period_from",
    "period_to",
    "verdicts",
    "rating_relationships",
    "rating_honesty",
    "rating_results",
    "would_hire_again",
    "strengths",
    "concerns",
    "call_notes",
)


def _evidence(row: tuple[Any, ...], *, today: date) -> scoring.ReferenceEvidence:
    """What a finished check (a row of CHECK_FIELDS) says, for the score. The period agrees
    when the flags' rule (`reference_flags.period_drift`) finds no drift."""
    (
        _,
        pk,
        reference_id,
        status,
        relationship_confirmed,
        claimed_from,
        claimed_to,
        period_from,
        period_to,
        verdicts,
        rating_relationships,
        rating_honesty,
        rating_results,
        would_hire_again,
        strengths,
        concerns,
        call_notes,
    ) = row
    consistent = not period_drift((claimed_from, claimed_to), (period_from, period_to), today=today)
    return scoring.ReferenceEvidence(
        check_id=pk,
        reference_id=reference_id,
        status=status,
        relationship_confirmed=relationship_confirmed,
        period_consistent=consistent,
        verdicts={int(k): v for k, v in (verdicts or {}).items()},
        rating_relationships=rating_relationships,
        rating_honesty=rating_honesty,
        rating_results=rating_results,
        would_hire_again=would_hire_again,
        free_text=" ".join(filter(None, [strengths, concerns, call_notes])),
    )


def _services_count(through: type[models.Model]) -> Coalesce:
    """How many services the submission's consultant lists in one of the two lists."""
    rows = (
        through.objects.filter(consultant_id=OuterRef("consultant_id"))
        .order_by()
        .values("consultant_id")
        .annotate(n=Count("service_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows by their first value (a submission or review id), in the rows' order."""
    found: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
    return found


class Related(NamedTuple):
    """What the scoring service reads besides the submission row, grouped by submission
    (ratings by review)."""

    answers: dict[int, list[tuple[Any, ...]]]
    reviews: dict[int, list[tuple[Any, ...]]]
    ratings: dict[int, list[tuple[Any, ...]]]
    checks: dict[int, list[tuple[Any, ...]]]
    consensus: dict[int, list[tuple[Any, ...]]]
    flags: dict[int, list[tuple[Any, ...]]]
    # The buyer's own questions these submissions answered, by question id: what scoring
    # reads of them (vetting/scoring/buyer.py). Empty for rounds on the core questions.
    buyer: dict[int, tuple[Any, ...]]
    # Accepted clarifications (vetting/models/clarifications.py), in the order accepted.
    clarified: dict[int, list[tuple[Any, ...]]] = {}
    # Copied-answer matches (vetting/models/copies.py), largest share first per question.
    copied: dict[int, list[tuple[Any, ...]]] = {}


def _related(pks: QuerySet[Submission]) -> Related:
    """Nine queries, each selecting by a subquery on the submissions (no list of ids)."""
    counted = Review.objects.counted().filter(submission_id__in=pks)
    return Related(
        answers=_grouped(
            Answer.objects.filter(submission_id__in=pks).values_list(
                "submission_id", "question__key", "value", "question_id"
            )
        ),
        reviews=_grouped(
            counted.order_by("pk").values_list(
                "submission_id", "pk", "reviewer_id", "recommendation"
            )
        ),
        ratings=_grouped(
            ReviewRating.objects.filter(review__in=counted.values("pk"))
            .order_by("review_id", "pk")
            .values_list("review_id", "criterion", "rating")
        ),
        checks=_grouped(
            ReferenceCheck.objects.filter(submission_id__in=pks)
            .exclude(status__in=[CheckStatus.REQUESTED, CheckStatus.IN_PROGRESS])
            .order_by("pk")
            .values_list(*CHECK_FIELDS)
        ),
        consensus=_grouped(
            Consensus.objects.filter(submission_id__in=pks)
            .order_by("criterion")
            .values_list("submission_id", "criterion", "rating", "reason")
        ),
        flags=_grouped(
            Flag.objects.filter(submission_id__in=pks)
            .order_by("pk")
            .values_list(
                "submission_id",
                "code",
                "kind",
                "severity",
                "message",
                "hold",
                "cleared_at",
                "message_said",
            )
        ),
        buyer={
            row[0]: row[1:]
            for row in Question.objects.filter(
                position__gte=CUSTOM_POSITIONS, answers__submission_id__in=pks
            )
            .distinct()
            .values_list(
                "pk",
                "key",
                "prompt",
                "criterion",
                "kind",
                "options",
                "must_have",
                "bands",
                "unit",
                "read_signals",
            )
        },
        clarified=_grouped(
            Clarification.objects.filter(
                submission_id__in=pks,
                status=ClarificationStatus.ACCEPTED,
                about__in=COUNTED_SUBJECTS,
            )
            .order_by("settled_at", "pk")
            .values_list(
                "submission_id",
                "about",
                "question__key",
                "question__criterion",
                "reference_id",
                "settled_at",
                "text",
                "reply__text",
            )
        ),
        copied=_grouped(
            CopyMatch.objects.filter(submission_id__in=pks)
            .order_by("question_key", "-share", "source_submitted_at", "pk")
            .values_list(
                "submission_id",
                "question_key",
                "share",
                "source_id",
                "source_question_key",
                "source_submitted_at",
            )
        ),
    )


def _copied(rows: Iterable[tuple[Any, ...]]) -> list[scoring.Copied]:
    """One per answer found elsewhere: the largest share (its rows come largest first)."""
    found: dict[str, scoring.Copied] = {}
    for _, key, share, source_id, other_key, earlier in rows:
        if key not in found:
            found[key] = scoring.Copied(
                key,
                round(share, 2),
                "boilerplate" if source_id is None else "consultant",
                other_key if source_id is not None else "",
                timezone.localdate(earlier).isoformat() if earlier else "",
            )
    return list(found.values())


# What an accepted clarification may be about to count on the card: an answer or a
# reference's claim. One about the commercial proposal does not: the score card is shown
# where prices may be sealed, and the price is scored apart (the value ranking).
COUNTED_SUBJECTS = (ClarificationAbout.ANSWER, ClarificationAbout.REFERENCE)


def _clarified(rows: Iterable[tuple[Any, ...]]) -> list[scoring.Clarified]:
    """The accepted clarifications of one submission, as the scoring service reads them."""
    found = []
    for _, about, key, criterion, reference_id, settled_at, asked, reply in rows:
        if about == ClarificationAbout.REFERENCE:
            key, criterion = f"reference:{reference_id}", "references"
        on = timezone.localdate(settled_at).isoformat()
        found.append(scoring.Clarified(key, criterion or "", on, asked, reply or ""))
    return found


def _buyer_answer(question: tuple[Any, ...], value: Any) -> scoring.BuyerAnswer:
    key, prompt, criterion, kind, options, must_have, bands, unit, read = question
    return scoring.BuyerAnswer(
        key=key,
        prompt=prompt,
        criterion=criterion,
        kind=kind,
        value=value,
        options=tuple(
            (str(o.get("key")), str(o.get("label", "")), o.get("points"))
            for o in options or ()
            if isinstance(o, dict)
        ),
        must_have=must_have,
        bands=tuple(
            (b["min"], b.get("max"), b["points"])
            for b in bands or ()
            if isinstance(b, dict) and "min" in b and "points" in b
        ),
        unit=unit,
        read=read,
    )


def _own_criteria(custom: list[dict[str, Any]] | None) -> tuple[tuple[str, str], ...]:
    """A template's own criteria as the scoring service takes them: (key, label)."""
    return tuple((c.key, c.label) for c in criteria_of(custom)[CORE:])


def scoring_inputs(submissions: QuerySet[Submission], *, today: date | None = None) -> Loaded:
    """Everything the scoring service needs about these submissions, as plain rows read
    with `values_list` (no model instances): eleven queries however many there are. `today`
    closes the open ends of periods (default: the local date)."""
    today = today or timezone.localdate()
    services_total = Service.objects.filter(active=True).count()
    rows = (
        submissions.annotate(
            offered=_services_count(Consultant.services_offered.through),
            declined=_services_count(Consultant.services_not_offered.through),
        )
        .order_by("pk")
        .values_list("pk", "engagement_id", "status", "offered", "declined")
    )
    scored = [row for row in rows if row[2] in SCORED_STATUSES]
    unscored = {row[0]: row[1] for row in rows if row[2] not in SCORED_STATUSES}
    engagements = {
        pk: (required, {k: float(v) for k, v in weights.items()}, _own_criteria(custom))
        for pk, required, weights, custom in Engagement.objects.filter(
            pk__in={row[1] for row in scored}
        ).values_list("pk", "references_required", "weights", "questionnaire__custom_criteria")
    }
    related = _related(submissions.filter(status__in=SCORED_STATUSES).values("pk"))
    found = []
    for pk, engagement_id, _, offered, declined in scored:
        required, weights, criteria = engagements[engagement_id]
        data = _scoring_input(
            pk,
            related,
            services=(offered, declined, services_total),
            references_required=required,
            weights=weights,
            criteria=criteria,
            today=today,
        )
        found.append(Scorable(pk, engagement_id, data))
    return Loaded(found, unscored)


def _scoring_input(
    pk: int,
    related: Related,
    *,
    services: tuple[int, int, int],
    references_required: int,
    weights: dict[str, float],
    criteria: tuple[tuple[str, str], ...] = (),
    today: date,
) -> scoring.ScoringInput:
    """One submission's inputs, from its rows."""
    rows = related.answers.get(pk, ())
    buyer = related.buyer
    answers = {key: value for _, key, value, question in rows if question not in buyer}
    clarified = _clarified(related.clarified.get(pk, ()))
    # In the order of their keys: the inputs hash must not depend on the rows' order.
    own = sorted((key, _buyer_answer(buyer[q], value)) for _, key, value, q in rows if q in buyer)
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
        key: clarified_text(value, [c.reply for c in clarified if c.subject == key])
        for key, value in answers.items()
        if isinstance(value, str) and key not in ("years_social_media", "years_for_clients")
    }
    reviews = [
        scoring.Review(
            reviewer_id,
            {c: rating for _, c, rating in related.ratings.get(review_id, ()) if rating},
            recommendation,
        )
        for _, review_id, reviewer_id, recommendation in related.reviews.get(pk, ())
    ]
    offered, declined, total = services
    return scoring.ScoringInput(
        years_social=_int(answers.get("years_social_media")),
        years_clients=_int(answers.get("years_for_clients")),
        accomplishments=accomplishments,
        texts=texts,
        services_offered=offered,
        services_declined=declined,
        services_total=total,
        reviews=tuple(sorted(reviews, key=lambda r: r.reviewer_id)),
        references=tuple(_evidence(c, today=today) for c in related.checks.get(pk, ())),
        references_required=references_required,
        consensus={c: scoring.Consensus(r, why) for _, c, r, why in related.consensus.get(pk, ())},
        weights=weights,
        stored_flags=tuple(
            scoring.StoredFlag(
                # What the message says rides along for the card's readers; the inputs hash
                # reads the text only.
                code,
                kind,
                severity,
                Said(message, said) if said else message,
                hold,
                cleared is not None,
            )
            for _, code, kind, severity, message, hold, cleared, said in related.flags.get(pk, ())
        ),
        buyer=tuple(answer for _, answer in own),
        criteria=criteria,
        clarified=tuple(clarified),
        copied=tuple(_copied(related.copied.get(pk, ()))),
    )


def _card_fields(card: scoring.Card, item: Scorable) -> dict[str, object]:
    return {
        "engagement_id": item.engagement_id,
        "references_done": sum(1 for e in item.data.references if e.status == "completed"),
        "reviews_done": len(item.data.reviews),
        "rubric_version": card.rubric_version,
        "inputs_hash": card.inputs_hash,
        "total": card.total,
        "low": card.low,
        "high": card.high,
        "red_flags": sum(1 for f in card.flags if f.polarity == "red"),
        "green_flags": sum(1 for f in card.flags if f.polarity == "green"),
        "holds": sum(1 for f in card.flags if f.hold),
        "knockouts": sum(1 for f in card.flags if f.code == KNOCKOUT),
        # The core criteria have a column each; the template's own are kept by key.
        **{c.key: c.value for c in card.criteria[:CORE]},
        "custom": {c.key: c.value for c in card.criteria[CORE:]},
        "data": card.as_dict(),
    }


def _readings_stored(
    items: list[Scorable],
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The texts of these submissions' answers that have a reading, as (question, text) ->
    the text's hash, and the readings stored for them (one query), as (hash, question) ->
    the reading's JSON text (parsed later by orjson: the JSONField's json.loads took
    three times as long)."""
    wanted = {
        (question, text): readings.text_hash(text)
        for item in items
        for question, text in readings.scored_texts(item.data.texts)
    }
    if not wanted:
        return wanted, {}
    stored = {
        (text_hash, question): reading
        for text_hash, question, reading in TextReading.objects.filter(
            version=readings.READER_VERSION, text_hash__in=set(wanted.values())
        )
        .annotate(text=Cast("reading", TextField()))
        .values_list("text_hash", "question", "text")
    }
    return wanted, stored


def _readings_ready(
    wanted: dict[tuple[str, str], str], stored: dict[tuple[str, str], str]
) -> list[TextReading]:
    """Hand the readings of the `wanted` texts to the scoring service: those `stored`, and
    those of texts read here for the first time, returned unsaved for the caller to store
    with the cards (`_readings_stored` gives both arguments)."""
    ready, new = [], []
    for (question, text), text_hash in wanted.items():
        found = stored.get((text_hash, question))
        if found is None:
            reading = readings.text_read(question, text)
            new.append(
                TextReading(
                    version=readings.READER_VERSION,
                    text_hash=text_hash,
                    question=question,
                    reading=readings.reading_json(reading),
                )
            )
        else:
            reading = readings.reading_from_json(orjson.loads(found))
        ready.append((question, text, reading))
    readings.readings_remember(ready)
    return new


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch builds tens of thousands of small objects (rows, inputs, cards) that all
    live until it is written, without reference cycles: the cyclic collector's passes over
    them were half of a batch's CPU time. It is paused for one batch (or a whole bulk run)
    and runs by its usual thresholds after.

    What is still alive at the end (mostly the scoring service's caches: about 1.5 million
    objects after 10,000 cards) is moved to the oldest generation unvisited (`freeze` then
    `unfreeze`): left among the young, all of it would be visited by the next collection,
    1-2 s after each bulk run. The oldest generation is still collected, less often. (A
    process that froze objects itself, as before forking, would find them unfrozen: none
    of this project's does.)"""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()


class Read(NamedTuple):
    """What a batch needs from the database before it is scored."""

    changed: list[tuple[Scorable, str]]  # submissions whose inputs changed, with the new hash
    stale: set[int]  # engagements of submissions no longer scored
    wanted: dict[tuple[str, str], str]  # the changed submissions' texts (`_readings_stored`)
    stored: dict[tuple[str, str], str]  # and their stored readings


class Scored(NamedTuple):
    """A batch scored and not yet stored."""

    cards: list[dict[str, Any]]  # the changed and new cards' fields, with submission_id
    readings: list[TextReading]  # texts read for the first time (unsaved)
    stale: set[int]  # engagements whose ranks may have moved


def _scorecards_write(submissions: QuerySet[Submission]) -> tuple[int, set[int]]:
    """Score a batch of submissions and write the cards whose inputs changed, without
    ranking: how many were written, and the engagements whose ranks may have moved (a card
    changed, or a submission left the round). A fixed number of queries per batch."""
    with _collector_paused():
        scored = _scorecards_score(_scorecards_read(submissions))
        _scorecards_store(scored, copy=False)
    return len(scored.cards), scored.stale


def _scorecards_read(submissions: QuerySet[Submission]) -> Read:
    """Read a batch's inputs, find those that changed (their stored hash differs), and
    read the stored readings of their texts."""
    loaded = scoring_inputs(submissions)
    stored = dict(
        ScoreCard.objects.filter(
            submission__in=submissions.filter(status__in=SCORED_STATUSES).values("pk")
        ).values_list("submission_id", "inputs_hash")
    )
    changed = []
    for item in loaded.scorable:
        digest = item.data.digest()
        if stored.get(item.submission_id) != digest:
            changed.append((item, digest))
    stale = set(loaded.unscored.values())
    if not changed:
        return Read([], stale, {}, {})
    return Read(changed, stale, *_readings_stored([item for item, _ in changed]))


def _scorecards_score(read: Read) -> Scored:
    """Score the changed submissions of a batch (no query)."""
    new = _readings_ready(read.wanted, read.stored)
    cards, stale = [], set(read.stale)
    for item, digest in read.changed:
        fields = _card_fields(scoring.score(item.data, digest=digest), item)
        cards.append({"submission_id": item.submission_id, **fields})
        stale.add(item.engagement_id)
    return Scored(cards, new, stale)


def _scorecards_store(scored: Scored, *, copy: bool) -> None:
    """Store a scored batch's cards (new and changed alike: a changed card keeps its id
    and rank) and its new readings, in one transaction. `copy`: on PostgreSQL, by COPY
    and one upsert from it (`bulk.copy_upsert`), for large batches; otherwise, and
    elsewhere, by one INSERT ... ON CONFLICT (a CASE per column, as bulk_update writes,
    costs O(batch²))."""
    if not scored.cards:
        return
    now = timezone.now()
    with transaction.atomic():
        if copy and connection.vendor == "postgresql":
            _cards_copy(scored.cards, now=now)
        else:
            ScoreCard.objects.bulk_create(
                [ScoreCard(computed_at=now, **fields) for fields in scored.cards],
                update_conflicts=True,
                unique_fields=["submission"],
                update_fields=[*CARD_FIELDS, "computed_at"],
            )
        TextReading.objects.bulk_create(scored.readings, ignore_conflicts=True)


def _cards_copy(cards: list[dict[str, Any]], *, now: datetime) -> None:
    """Upsert cards by COPY (PostgreSQL), as `bulk_create(update_conflicts=True)` would:
    a new card gets every column (the model's defaults where the scoring gives none), a
    stored one only CARD_FIELDS and computed_at. The card data is serialised by orjson,
    five times faster than `json.dumps` (what the JSONField uses) on these 20 KB
    documents; PostgreSQL stores both as the same jsonb (it keeps no key order, spacing
    or spelling of numbers), so the stored cards are the same."""
    meta = ScoreCard._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    data, custom = meta.get_field("data"), meta.get_field("custom")
    defaults = {f.attname: f.get_default() for f in fields}
    given = {"computed_at": now}
    rows = (
        [
            orjson.dumps(card["data"], default=_json_default, option=orjson.OPT_NON_STR_KEYS)
            if field is data
            else orjson.dumps(card.get("custom") or {})
            if field is custom
            else card.get(field.attname, given.get(field.attname, defaults[field.attname]))
            for field in fields
        ]
        for card in cards
    )
    bulk.copy_upsert(
        table=meta.db_table,
        columns=[f.column for f in fields],
        rows=rows,
        conflict=meta.get_field("submission").column,
        update=[meta.get_field(name).column for name in [*CARD_FIELDS, "computed_at"]],
        jsonb=[data.column, custom.column],
    )


def _json_default(value: object) -> object:
    """What `json.dumps` serialises and orjson does not: tuple subclasses (named tuples),
    as lists."""
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def scorecards_recompute(ids: Iterable[int]) -> int:
    """Score a batch of submissions; write only the cards whose inputs changed, then rank
    their engagements again. Returns how many cards were written. A fixed number of
    queries per batch, whatever its size."""
    with transaction.atomic():
        written, stale = _scorecards_write(Submission.objects.filter(pk__in=list(ids)))
        for engagement_id in sorted(stale):
            rerank(engagement_id)
    return written


BULK_BATCH = 2000


def scorecards_recompute_all(
    submissions: QuerySet[Submission],
    *,
    batch_size: int = BULK_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score many submissions in batches (runs of ids, so that no query carries a list of
    them) and rank each engagement once, at the end, not once per batch. `progress(done,
    written)` is called after each batch is stored. A card a batch creates has no rank
    until the end of the run, and one it changes keeps its old rank until then.

    On PostgreSQL cards are stored by COPY, and, outside a transaction, three things run
    at once: a thread reads the next batch, this one scores a batch, and another thread
    stores the batch before it, each thread on its own connection (each batch is its own
    transaction either way)."""
    ids = list(submissions.order_by("pk").values_list("pk", flat=True))
    size = max(batch_size, 1)
    stale: set[int] = set()
    written = 0

    def reporter(done: int, count: int) -> Callable[[], None]:
        def report() -> None:
            nonlocal written
            written += count
            if progress is not None:
                progress(done, written)

        return report

    threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
    runs = [ids[start : start + size] for start in range(0, len(ids), size)]
    with (
        _collector_paused(),
        bulk.Prefetched(
            lambda run: _scorecards_read(submissions.filter(pk__gte=run[0], pk__lte=run[-1])),
            runs,
            threaded=threaded,
        ) as reads,
        bulk.BackgroundWriter(threaded=threaded) as writer,
    ):
        done = 0
        for run, read in zip(runs, reads, strict=True):
            scored = _scorecards_score(read)
            stale |= scored.stale
            done += len(run)
            writer.submit(
                lambda scored=scored: _scorecards_store(scored, copy=True),
                reporter(done, len(scored.cards)),
            )
    with transaction.atomic():
        for engagement_id in sorted(stale):
            rerank(engagement_id)
    return written


def readings_prune() -> int:
    """Delete the text readings of earlier reading rules (never used again); how many."""
    deleted, _ = TextReading.objects.exclude(version=readings.READER_VERSION).delete()
    return deleted


def rerank(engagement_id: int) -> None:
    """Store each card's position in its engagement (1 = highest total; ties by
    submission). One UPDATE with a window function, writing only the cards whose position
    moved; withdrawn submissions lose their rank."""
    cards = ScoreCard._meta.db_table
    submissions = Submission._meta.db_table
    statuses = ", ".join(["%s"] * len(SCORED_STATUSES))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {cards} SET rank = NULL WHERE rank IS NOT NULL AND submission_id IN ("  # noqa: S608
            f"SELECT id FROM {submissions} WHERE engagement_id = %s "
            f"AND status NOT IN ({statuses}))",
            [engagement_id, *SCORED_STATUSES],
        )
        cursor.execute(
            f"UPDATE {cards} SET rank = ranked.position FROM ("  # noqa: S608
            f"SELECT c.id AS card_id, ROW_NUMBER() OVER (ORDER BY c.total DESC, "
            f"c.submission_id) AS position FROM {cards} c JOIN {submissions} s "
            f"ON s.id = c.submission_id WHERE s.engagement_id = %s AND s.status IN "
            f"({statuses})) AS ranked WHERE {cards}.id = ranked.card_id "
            f"AND {cards}.rank IS DISTINCT FROM ranked.position",
            [engagement_id, *SCORED_STATUSES],
        )
    # The score distribution changes with the ranks: compute it now, once, for the pages.
    refresh_distribution(engagement_id)
    # The cards written in bulk before this (no model signals) and the ranks: the round's
    # cached pages are now out of date.
    freshness.touch([engagement_id])


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
    "knockouts",
    "references_done",
    "reviews_done",
    *CRITERION_KEYS,
    "custom",
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
