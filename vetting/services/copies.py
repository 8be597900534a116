"""Copied and templated answers: fingerprint a submitted self-assessment's long answers and
find where else their words appear (issue 19).

`submission_copies_check` runs after a submission is submitted (through the outbox: it
never slows the request and is never lost) and from `manage.py copies_backfill`. For each
long text answer it stores the answer's print (its shingle hashes) and LSH bands, counts
the shingles the consultant had not used before in their document frequency, then finds
candidates by band in the database (every process shares that index) and confirms each
on the stored shingles: the share of the LATER answer found in the earlier one, common
phrases left out. A consultant's own earlier answers are never a match; of two matching
answers, the later submission's is flagged. Matches against the known boilerplate
(vetting/data/boilerplate/) are found the same way, in memory (a few dozen passages).

Idempotent: an answer with a print is not read again (`recheck=True` reads it again, for a
new boilerplate passage or a changed rule), and a match is recorded once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from vetting.models import (
    Answer,
    AnswerBand,
    AnswerPrint,
    CopyMatch,
    QuestionKind,
    ShingleCount,
    Submission,
)
from vetting.scoring import copies
from vetting.services.scoring import queue_recompute

# Answers read for copies: long texts (the core questions' and the buyer's own).
READ_KINDS = (QuestionKind.TEXT,)


@dataclass(frozen=True)
class CopyCheck:
    printed: int  # answers fingerprinted now
    matches: int  # matches found now (on this submission or on later ones)
    changed: tuple[int, ...]  # submissions whose card moves (recompute queued)


@dataclass(frozen=True)
class _Print:
    pk: int
    answer_id: int
    submission_id: int
    consultant_id: int
    question_key: str
    submitted_at: datetime
    hashes: np.ndarray

    def earlier_than(self, other: _Print) -> bool:
        return (self.submitted_at, self.submission_id) < (other.submitted_at, other.submission_id)


def submission_copies_check(*, submission: Submission, recheck: bool = False) -> CopyCheck:
    """Fingerprint the submission's long answers and record where their words appear."""
    with transaction.atomic():
        submission = Submission.objects.select_related("consultant").get(pk=submission.pk)
        if submission.submitted_at is None:
            return CopyCheck(0, 0, ())
        answers = list(
            Answer.objects.filter(
                submission=submission, question__kind__in=READ_KINDS
            ).select_related("question")
        )
        if recheck:
            AnswerPrint.objects.filter(answer__in=answers).delete()
            CopyMatch.objects.filter(answer__in=answers).delete()
        printed = set(
            AnswerPrint.objects.filter(answer__in=answers).values_list("answer_id", flat=True)
        )
        texts = {
            a: a.value
            for a in answers
            if a.pk not in printed and isinstance(a.value, str) and a.value.strip()
        }
        if not texts:
            return CopyCheck(0, 0, ())
        new = _prints_store(submission, texts, recount=not recheck)
        found = _matches_find(new)
        CopyMatch.objects.bulk_create(found, ignore_conflicts=True)
        changed = tuple(sorted({m.submission_id for m in found}))
        if changed:
            queue_recompute(changed)
    return CopyCheck(len(new), len(found), changed)


def submissions_copies_backfill(
    *, submissions: Iterable[Submission], recheck: bool = False
) -> Iterable[CopyCheck]:
    """Check each submission in turn (in the order given: earliest submitted first keeps the
    earlier one the original), yielding each result for a progress display."""
    for submission in submissions:
        yield submission_copies_check(submission=submission, recheck=recheck)


def _prints_store(
    submission: Submission, texts: dict[Answer, str], *, recount: bool
) -> list[_Print]:
    """The answers' prints and bands, and the document frequency of their new shingles."""
    consultant_id = submission.consultant_id
    earlier = [
        copies.unpacked(data)
        for data in AnswerPrint.objects.filter(consultant_id=consultant_id).values_list(
            "shingles", flat=True
        )
    ]
    prints, bands, new_hashes = [], [], []
    for answer, text in texts.items():
        hashes = copies.fingerprint(text)
        prints.append(
            AnswerPrint(
                answer=answer,
                submission=submission,
                consultant_id=consultant_id,
                question_key=answer.question.key,
                submitted_at=submission.submitted_at,
                shingles=copies.packed(hashes),
                size=len(hashes),
            )
        )
        fresh = copies.consultants_new(hashes, earlier)
        earlier.append(hashes)
        new_hashes.append(fresh)
    AnswerPrint.objects.bulk_create(prints)  # primary keys set on SQLite and PostgreSQL
    found = []
    for row in prints:
        hashes = copies.unpacked(row.shingles)
        bands.extend(AnswerBand(print=row, band=b, hash=h) for b, h in copies.bands_of(hashes))
        found.append(
            _Print(
                row.pk,
                row.answer_id,
                submission.pk,
                consultant_id,
                row.question_key,
                row.submitted_at,
                hashes,
            )
        )
    AnswerBand.objects.bulk_create(bands, batch_size=1000)
    if recount and new_hashes:
        shingles_count(np.unique(np.concatenate(new_hashes)))
    return found


def shingles_count(hashes: np.ndarray) -> None:
    """Add one consultant to each shingle's count: one statement per thousand, an upsert
    that SQLite (3.24+) and PostgreSQL both read."""
    table = ShingleCount._meta.db_table
    values = [int(h) for h in hashes]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 1000):
            chunk = values[start : start + 1000]
            cursor.execute(
                f"INSERT INTO {table} (hash, consultants) VALUES "  # noqa: S608 (table name)
                + ", ".join(["(%s, 1)"] * len(chunk))
                + f" ON CONFLICT (hash) DO UPDATE SET consultants = {table}.consultants + 1",
                chunk,
            )


def _common(hashes: Iterable[np.ndarray]) -> set[int]:
    """The shingles among these used by so many consultants that they are phrases of the
    field (one query)."""
    every = [h for h in hashes if len(h)]
    if not every:
        return set()
    values = [int(h) for h in np.unique(np.concatenate(every))]
    return set(
        ShingleCount.objects.filter(
            hash__in=values, consultants__gte=copies.COMMON_CONSULTANTS
        ).values_list("hash", flat=True)
    )


def _candidates(found: _Print) -> list[_Print]:
    """Other consultants' prints sharing a band with this one, most bands first."""
    bands = copies.bands_of(found.hashes)
    if not bands:
        return []
    ids = list(
        AnswerBand.objects.filter(reduce(or_, [Q(band=b, hash=h) for b, h in bands]))
        .exclude(print__consultant_id=found.consultant_id)
        .values("print_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "print_id")
        .values_list("print_id", flat=True)[: copies.CANDIDATES]
    )
    return _prints_read(AnswerPrint.objects.filter(pk__in=ids))


def _prints_read(prints: QuerySet[AnswerPrint]) -> list[_Print]:
    """Stored prints as _Print, their shingles unpacked. One query."""
    rows = prints.values_list(
        "pk",
        "answer_id",
        "submission_id",
        "consultant_id",
        "question_key",
        "submitted_at",
        "shingles",
    )
    return [_Print(*row[:-1], copies.unpacked(row[-1])) for row in rows]


def _matches_find(new: list[_Print]) -> list[CopyMatch]:
    found: list[CopyMatch] = []
    own_prints = _OwnPrints()
    for own in new:
        for name, share in copies.boilerplate_matches(own.hashes):
            found.append(_match(own, None, share, boilerplate=name))
        candidates = _candidates(own)
        common = _common([own.hashes, *[c.hashes for c in candidates]])
        for other in candidates:
            later, earlier = (other, own) if own.earlier_than(other) else (own, other)
            share = copies.containment(later.hashes, earlier.hashes, common)
            if share >= copies.COPY_FLAG and not own_prints.reused(later, earlier, common):
                found.append(_match(later, earlier, share))
    return found


class _OwnPrints:
    """A consultant's own prints, read once per check: a later answer that reuses its
    consultant's own answer from before the "earlier" one is not a copy of it (the earlier
    one copied theirs)."""

    def __init__(self) -> None:
        self.by_consultant: dict[int, list[_Print]] = {}

    def reused(self, later: _Print, earlier: _Print, common: set[int]) -> bool:
        if later.consultant_id not in self.by_consultant:
            self.by_consultant[later.consultant_id] = _prints_read(
                AnswerPrint.objects.filter(consultant_id=later.consultant_id)
            )
        return any(
            mine.earlier_than(earlier)
            and copies.containment(later.hashes, mine.hashes, common) >= copies.COPY_FLAG
            for mine in self.by_consultant[later.consultant_id]
        )


def _match(
    later: _Print, earlier: _Print | None, share: float, *, boilerplate: str = ""
) -> CopyMatch:
    fields: dict[str, Any] = {}
    if earlier is not None:
        fields = {
            "source_id": earlier.answer_id,
            "source_submission_id": earlier.submission_id,
            "source_question_key": earlier.question_key,
            "source_submitted_at": earlier.submitted_at,
        }
    return CopyMatch(
        answer_id=later.answer_id,
        submission_id=later.submission_id,
        question_key=later.question_key,
        share=round(min(share, 1.0), 4),
        boilerplate=boilerplate,
        **fields,
    )
