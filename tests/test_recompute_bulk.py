"""Bulk recompute reads its inputs as plain rows and stores text readings; its cards must be
exactly those the previous code wrote (same inputs hash, data, totals and ranks), or every
card would be rewritten after a deploy and the ranking would move."""

from __future__ import annotations

import io
import json
import threading
import time
from datetime import date
from typing import Any, NamedTuple

import orjson
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultants.models import Service
from tests.conftest import need
from tests.factories import (
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.management.commands.recompute_scores import Command, Progress
from vetting.models import (
    Answer,
    Consensus,
    EngagementStatus,
    Flag,
    ReferenceCheck,
    Review,
    ReviewRating,
    ReviewStatus,
    ScoreCard,
    Submission,
    SubmissionStatus,
    TextReading,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import CheckStatus
from vetting.roles import Role
from vetting.scoring import card as scoring
from vetting.scoring.card import forget
from vetting.scoring.readings import READER_VERSION, scored_texts
from vetting.scoring.reference_flags import period_drift
from vetting.services import scoring as scoring_service
from vetting.services.scoring import (
    CARD_FIELDS,
    _json_default,
    scorecards_recompute,
    scorecards_recompute_all,
    scoring_inputs,
)

# --- The reader as it was (model instances and prefetches), kept here as the reference ------


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def previous_scorable(ids: list[int]) -> list[Submission]:
    finished = ReferenceCheck.objects.exclude(
        status__in=[CheckStatus.REQUESTED, CheckStatus.IN_PROGRESS]
    ).order_by("pk")
    return list(
        Submission.objects.filter(pk__in=ids, status__in=SCORED_STATUSES)
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


def previous_input(submission: Submission, *, services_total: int) -> scoring.ScoringInput:
    today = timezone.localdate()
    answers = {a.question.key: a.value for a in submission.answers.all()}
    return scoring.ScoringInput(
        years_social=_int(answers.get("years_social_media")),
        years_clients=_int(answers.get("years_for_clients")),
        accomplishments=tuple(
            scoring.Accomplishment(
                area=str(item.get("area", "")),
                what=str(item.get("what", "")),
                result=str(item.get("result", "")),
                evidence_url=str(item.get("evidence_url", "")),
                reference_id=_int(item.get("reference")),
            )
            for item in (answers.get("accomplishments") or [])
            if isinstance(item, dict)
        ),
        texts={
            key: value
            for key, value in answers.items()
            if isinstance(value, str) and key not in ("years_social_media", "years_for_clients")
        },
        services_offered=submission.offered,
        services_declined=submission.declined,
        services_total=services_total,
        reviews=tuple(
            sorted(
                (
                    scoring.Review(
                        review.reviewer_id,
                        {r.criterion: r.rating for r in review.ratings.all() if r.rating},
                        review.recommendation,
                    )
                    for review in submission.counted_reviews
                ),
                key=lambda r: r.reviewer_id,
            )
        ),
        references=tuple(
            scoring.ReferenceEvidence(
                check_id=c.pk,
                reference_id=c.reference_id,
                status=c.status,
                relationship_confirmed=c.relationship_confirmed,
                period_consistent=not period_drift(
                    (c.claimed_from, c.claimed_to), (c.period_from, c.period_to), today=today
                ),
                verdicts={int(k): v for k, v in (c.verdicts or {}).items()},
                rating_relationships=c.rating_relationships,
                rating_honesty=c.rating_honesty,
                rating_results=c.rating_results,
                would_hire_again=c.would_hire_again,
                free_text=" ".join(filter(None, [c.strengths, c.concerns, c.call_notes])),
            )
            for c in submission.finished_checks
        ),
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


def previous_cards(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows the previous recompute stored, with the ranks it gave (by total, then id)."""
    total = Service.objects.filter(active=True).count()
    rows = {}
    for submission in previous_scorable(ids):
        data = previous_input(submission, services_total=total)
        card = scoring.score(data)
        rows[submission.pk] = {
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
            "knockouts": 0,  # the core questions have no must-have
            **{c.key: c.value for c in card.criteria},
            "custom": {},  # the core template has no criteria of its own
            "data": card.as_dict(),
        }
    for engagement in {row["engagement_id"] for row in rows.values()}:
        mine = sorted(
            (pk for pk, row in rows.items() if row["engagement_id"] == engagement),
            key=lambda pk: (-rows[pk]["total"], pk),
        )
        for position, pk in enumerate(mine, start=1):
            rows[pk]["rank"] = position
    return rows


def stored_cards(ids: list[int]) -> dict[int, dict[str, Any]]:
    return {
        row["submission_id"]: {k: v for k, v in row.items() if k != "submission_id"}
        for row in ScoreCard.objects.filter(submission__in=ids).values(
            "submission_id", *CARD_FIELDS, "rank"
        )
    }


# --- A varied round ---------------------------------------------------------------------


def varied_round(count: int) -> list[int]:
    """`count` submissions in one open round (plus one withdrawn), covering what the
    reader reads: reviews (counted, draft, conflicted, overridden), consensus, reference
    checks (completed with verdicts, declined, unreachable, still open, an open-ended
    period), flags (a hold, a cleared one), services offered and declined, missing and
    blank answers and odd values."""
    owner = UserFactory(role=Role.PROCUREMENT)
    reviewers = [UserFactory(role=Role.MANAGER) for _ in range(3)]
    engagement = EngagementFactory(
        owner=owner,
        status=EngagementStatus.OPEN,
        weights={"references": 30, "accomplishments": 10.5},
    )
    services = list(Service.objects.all()[:6])
    submissions = []
    for i in range(count):
        submission = submitted_quickly(
            engagement,
            years_social=2 + i % 9,
            years_clients=i % 7,
            evidence_url="" if i % 2 else "https://example.com/c",
        )
        submissions.append(submission)
        consultant = submission.consultant
        consultant.services_offered.set(services[: i % 5])
        consultant.services_not_offered.set(services[5:] if i % 3 == 0 else [])
        answers = {a.question.key: a for a in submission.answers.select_related("question")}
        if i % 4 == 1:
            answers["first_steps"].delete()  # missing
        if i % 4 == 2:
            answers["media_vs_marketing"].value = "   "  # blank
            answers["media_vs_marketing"].save()
            answers["years_for_clients"].value = "many"  # not a number
            answers["years_for_clients"].save()
        answers["greatest_accomplishment"].value += f" Case {i}: leads up {10 + i}%."
        answers["greatest_accomplishment"].save()
        for r, reviewer in enumerate(reviewers[: 1 + i % 3]):
            review = Review.objects.create(
                submission=submission,
                reviewer=reviewer,
                status=ReviewStatus.SUBMITTED if r != 2 or i % 2 else ReviewStatus.DRAFT,
                has_conflict=r == 1 and i % 5 == 0,
                conflict_overridden_at=timezone.now() if r == 1 and i % 10 == 0 else None,
                recommendation=["yes", "no", "strong_yes"][r],
                submitted_at=timezone.now(),
            )
            ReviewRating.objects.bulk_create(
                ReviewRating(
                    review=review,
                    criterion=key,
                    rating=None if key == "references" and r else 1 + (i + r * 2) % 5,
                )
                for key in ("media_vs_marketing", "accomplishments", "references")
            )
        if i % 3 == 0:
            Consensus.objects.create(
                submission=submission,
                criterion="accomplishments",
                rating=3,
                reason="Agreed.",
                by=owner,
            )
        status = ["completed", "declined", "unreachable", CheckStatus.IN_PROGRESS][i % 4]
        check = ReferenceCheckFactory(
            submission=submission,
            status=status,
            relationship_confirmed=True if status == "completed" else None,
            period_from=date(2021, 1, 1) if status == "completed" else None,
            period_to=None,
            claimed_to=None if i % 2 else date(2023, 6, 30),
            verdicts={"0": "confirmed", "1": "partly"} if status == "completed" else {},
            rating_honesty=4 if status == "completed" else None,
            would_hire_again="maybe" if status == "completed" else "",
            strengths="Knew our buyers." if i % 2 else "",
        )
        if i % 5 == 0:
            FlagFactory(reference_check=check, submission=submission, hold=True)
        if i % 5 == 1:
            FlagFactory(reference_check=check, submission=submission, cleared_at=timezone.now())
    withdrawn = submitted_quickly(engagement)
    Submission.objects.filter(pk=withdrawn.pk).update(status=SubmissionStatus.WITHDRAWN)
    return [s.pk for s in submissions] + [withdrawn.pk]


@pytest.fixture
def round_ids(db: None) -> list[int]:
    forget()
    return varied_round(12)


def test_the_inputs_read_as_rows_equal_the_inputs_read_as_models(round_ids):
    total = Service.objects.filter(active=True).count()
    before = {s.pk: previous_input(s, services_total=total) for s in previous_scorable(round_ids)}

    now = {
        item.submission_id: item.data
        for item in scoring_inputs(Submission.objects.filter(pk__in=round_ids)).scorable
    }

    assert now == before  # the withdrawn submission is left out by both
    assert {pk: d.digest() for pk, d in now.items()} == {pk: d.digest() for pk, d in before.items()}


def test_recompute_stores_the_cards_and_ranks_the_previous_code_stored(round_ids):
    expected = previous_cards(round_ids)

    written = scorecards_recompute(round_ids)

    assert written == len(expected) == len(round_ids) - 1
    assert stored_cards(round_ids) == expected


def test_a_bulk_run_stores_the_same_cards_ranked_once_at_the_end(round_ids):
    expected = previous_cards(round_ids)
    submissions = Submission.objects.filter(pk__in=round_ids, status__in=SCORED_STATUSES)
    done = []

    written = scorecards_recompute_all(
        submissions, batch_size=5, progress=lambda n, w: done.append((n, w))
    )

    assert written == len(expected)
    assert done == [(5, 5), (10, 10), (12, 12)]
    assert stored_cards(round_ids) == expected


def test_a_second_run_with_unchanged_inputs_writes_nothing(round_ids):
    scorecards_recompute(round_ids)
    before = stored_cards(round_ids)
    stamps = dict(ScoreCard.objects.values_list("submission_id", "computed_at"))

    assert scorecards_recompute(round_ids) == 0
    assert scorecards_recompute_all(Submission.objects.filter(pk__in=round_ids)) == 0
    assert stored_cards(round_ids) == before
    assert dict(ScoreCard.objects.values_list("submission_id", "computed_at")) == stamps


def test_a_changed_card_is_rewritten_in_place_keeping_its_id(round_ids):
    scorecards_recompute(round_ids)
    ids = dict(ScoreCard.objects.values_list("submission_id", "pk"))
    first = round_ids[0]
    Answer.objects.filter(submission_id=first, question__key="years_social_media").update(value=1)

    assert scorecards_recompute(round_ids) == 1
    assert dict(ScoreCard.objects.values_list("submission_id", "pk")) == ids
    assert stored_cards(round_ids) == previous_cards(round_ids)


def test_cards_scored_from_stored_readings_equal_cards_read_from_scratch(round_ids):
    scorecards_recompute(round_ids)
    scratch = stored_cards(round_ids)
    loaded = scoring_inputs(Submission.objects.filter(pk__in=round_ids)).scorable
    texts = {pair for item in loaded for pair in scored_texts(item.data.texts)}
    assert TextReading.objects.filter(version=READER_VERSION).count() == len(texts)  # one each

    ScoreCard.objects.all().delete()
    forget()  # a new process: nothing read yet, the stored readings are all it has
    scorecards_recompute(round_ids)

    assert stored_cards(round_ids) == scratch


def test_readings_of_a_changed_reader_are_not_used(round_ids, monkeypatch):
    scorecards_recompute(round_ids)
    TextReading.objects.update(reading={"signals": [], "evidence": []})  # wrong on purpose
    monkeypatch.setattr("vetting.scoring.readings.READER_VERSION", "another")
    ScoreCard.objects.all().delete()
    forget()

    scorecards_recompute(round_ids)

    assert stored_cards(round_ids) == previous_cards(round_ids)


# The savepoint; services, submissions, engagements, answers, reviews, ratings, checks,
# consensus, flags, stored hashes; then, when cards change, stored readings and (in a
# savepoint) the cards' upsert and the new readings; the rank (two UPDATEs and the
# distribution: the withdrawn submission leaves the ranking on every run); the round's data
# version (vetting/freshness.py: its kept pages are out of date); the buyer's own questions
# answered (none here); the accepted clarifications (none here); the release; the
# copied-answer matches (none here).
QUERIES = {"cards written": 24, "nothing written": 19}


@pytest.mark.parametrize("run", QUERIES)
def test_recompute_needs_the_same_queries_for_few_and_many_submissions(db, run):
    def queries(count: int) -> int:
        ids = varied_round(count)
        forget()
        if run == "nothing written":
            scorecards_recompute(ids)
        with CaptureQueriesContext(connection) as context:
            scorecards_recompute(ids)
        return len(context.captured_queries)

    assert queries(2) == queries(9) == QUERIES[run]


def test_the_command_shows_progress_once_a_tenth_off_a_terminal(round_ids):
    out, err = io.StringIO(), io.StringIO()

    call_command("recompute_scores", "--batch-size", "1", stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    assert 1 < len(lines) <= 11
    assert lines[-1].startswith("100% 12/12 (12 written)")
    assert "cards/s" in lines[-1] and "s left" in lines[-1]
    assert "12 submission(s) scored" in out.getvalue()
    assert ScoreCard.objects.filter(rank__isnull=False).count() == 12


def test_on_a_terminal_the_progress_is_one_bar_redrawn_in_place():
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    progress = Progress(Command(stdout=io.StringIO(), stderr=terminal), 4)

    progress(2, 1)
    progress(4, 3)

    shown = terminal.getvalue()
    assert shown.count("\r") == 2 and shown.endswith("\n") and shown.count("\n") == 1
    assert f"\r[{'#' * 15}{'.' * 15}]  50% 2/4 (1 written)" in shown
    assert f"\r[{'#' * 30}] 100% 4/4 (3 written)" in shown


def test_card_data_is_compressed_with_lz4_on_postgresql(postgres):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'vetting_scorecard'::regclass AND attname = 'data'"
        )
        assert cursor.fetchone() == ("l",)


def test_the_command_deletes_readings_of_earlier_text_rules(round_ids):
    TextReading.objects.create(
        version="earlier", text_hash="0" * 64, question="first_steps", reading={}
    )
    out = io.StringIO()

    call_command("recompute_scores", stdout=out, stderr=io.StringIO())

    assert not TextReading.objects.exclude(version=READER_VERSION).exists()
    assert TextReading.objects.exists()  # this run's readings stay
    assert "1 reading(s) of earlier text rules deleted." in out.getvalue()


# --- PostgreSQL's bulk path: COPY, and reads and writes in threads --------------------------


def stored_rows(ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """Every column of the stored cards but the time they were computed, the card data as
    PostgreSQL prints it back (byte for byte)."""
    columns = [
        f.column
        for f in ScoreCard._meta.concrete_fields
        if f.name not in ("computed_at", "data", "submission")
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT submission_id, {', '.join(connection.ops.quote_name(c) for c in columns)},"  # noqa: S608
            " data::text FROM vetting_scorecard WHERE submission_id = ANY(%s)",
            [ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_cards_copied_in_bulk_are_the_cards_inserted_by_the_orm(postgres, round_ids):
    submissions = Submission.objects.filter(pk__in=round_ids)
    scorecards_recompute(round_ids)  # INSERT ... ON CONFLICT by bulk_create (json.dumps)
    inserted = stored_rows(round_ids)

    ScoreCard.objects.all().delete()
    scorecards_recompute_all(submissions, batch_size=5)  # COPY, a new card each
    copied = stored_rows(round_ids)
    ids = dict(ScoreCard.objects.values_list("submission_id", "pk"))
    ScoreCard.objects.update(inputs_hash="")  # every card changed, as by a new rubric
    assert scorecards_recompute_all(submissions, batch_size=5) == len(round_ids) - 1
    updated = stored_rows(round_ids)

    assert {pk: row[1:] for pk, row in copied.items()} == {
        pk: row[1:] for pk, row in inserted.items()
    }  # all but the card's id
    assert updated == copied  # changed cards keep their id (and rank) too
    assert dict(ScoreCard.objects.values_list("submission_id", "pk")) == ids
    assert stored_cards(round_ids) == previous_cards(round_ids)


def test_card_data_serialised_by_orjson_is_the_json_the_orm_writes(round_ids):
    scorecards_recompute(round_ids)

    for data in ScoreCard.objects.values_list("data", flat=True):
        fast = orjson.dumps(data, default=_json_default, option=orjson.OPT_NON_STR_KEYS)
        assert json.loads(fast) == json.loads(json.dumps(data))
    point = Point(1, 2.5)
    assert json.loads(orjson.dumps({"p": point}, default=_json_default)) == {"p": [1, 2.5]}


class Point(NamedTuple):
    x: int
    y: float


def bulk_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("bulk-")]


def own_connections(settled_at: int | None = None) -> int:
    """This process's connections to the test database. With `settled_at`, wait (up to two
    seconds) for the count to come down to it: a backend stays in pg_stat_activity for a
    moment after its client closed the connection, while its process exits."""
    deadline = time.monotonic() + 2
    while True:
        count = _own_connections()
        if settled_at is None or count <= settled_at or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def _own_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name = (SELECT application_name FROM pg_stat_activity "
            "WHERE pid = pg_backend_pid()) AND client_port IS NOT NULL"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_batches_are_read_and_stored_in_threads(monkeypatch):
    need(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://...")
    ids = varied_round(12)
    forget()
    expected = previous_cards(ids)
    where = []
    for name in ("_scorecards_read", "_scorecards_store"):
        original = getattr(scoring_service, name)

        def spy(*args: Any, original: Any = original, name: str = name, **kwargs: Any) -> Any:
            where.append((name, threading.current_thread().name.split("_")[0]))
            return original(*args, **kwargs)

        monkeypatch.setattr(scoring_service, name, spy)
    connections_before = own_connections()
    done = []

    written = scorecards_recompute_all(
        Submission.objects.filter(pk__in=ids, status__in=SCORED_STATUSES),
        batch_size=5,
        progress=lambda n, w: done.append((n, w)),
    )

    assert written == 12
    assert done == [(5, 5), (10, 10), (12, 12)]  # reported once each batch is stored
    assert stored_cards(ids) == expected
    assert sorted(set(where)) == [
        ("_scorecards_read", "bulk-reader"),
        ("_scorecards_store", "bulk-writer"),
    ]
    assert bulk_threads() == []
    # the threads' connections are closed
    assert own_connections(settled_at=connections_before) == connections_before


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_fails_to_be_stored_stops_the_run_after_the_ones_before(monkeypatch):
    need(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://...")
    ids = varied_round(12)
    forget()
    store = scoring_service._scorecards_store
    calls = []

    def second_fails(scored: Any, *, copy: bool) -> None:
        calls.append(len(scored.cards))
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        store(scored, copy=copy)

    monkeypatch.setattr(scoring_service, "_scorecards_store", second_fails)

    with pytest.raises(RuntimeError, match="went away"):
        scorecards_recompute_all(Submission.objects.filter(pk__in=ids), batch_size=5)

    assert ScoreCard.objects.count() == 5  # the first batch, committed
    assert bulk_threads() == []
