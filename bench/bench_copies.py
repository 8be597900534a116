"""Copied answers: flagging one new submission against 100,000 stored answers.

Builds (once, then reused) 25,000 submitted self-assessments of four long answers each in
their own rounds on PostgreSQL, with text of realistic vocabulary: words drawn with their
frequency in the field's own writing (the demo consultants' answers, the shipped
boilerplate, the rubric's lexicon), sentences of 8 to 22 words with function words between,
so that common phrases recur as they do between honest answers. Their prints, LSH bands and
shingle counts are written with COPY, as `copies_backfill` would have left them.

Then, REPEATS times: a new consultant submits four long answers (one a light edit of a
stored answer, so that a match is confirmed and recorded), and `submission_copies_check`
is timed, wall clock: fingerprinting, storing the prints and bands, counting the shingles,
the band lookup of candidates in the database, the exact check of each candidate and the
matches written. Each run is rolled back, so the next one meets the same 100,000.

Run: `python bench/bench_copies.py` (BENCH_DATABASE_URL chooses the database; `--answers N`
another size; `--repeat N` more runs).
"""

from __future__ import annotations

import argparse
import io
import itertools
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import django_on_postgres, machine  # noqa: E402

ANSWERS = 100_000
REPEATS = 7
TARGET = 1.0  # seconds to flag one new submission
TEXT_KEYS = ("business_background", "greatest_accomplishment", "media_vs_marketing", "first_steps")
TITLE = "Bench: copied answers"
FUNCTION_WORDS = tuple(
    """the a and to of in for with we our I my their on at by from that it as was were this
    they them is are be so then when who which after before into through about""".split()  # noqa: SIM905
)


def vocabulary() -> tuple[list[str], list[float]]:
    """The field's content words with their frequency in its own writing."""
    from vetting.demo.answers import ANSWERS as DEMO
    from vetting.scoring.copies import STOP_WORDS, boilerplate

    corpus = [b.text for b in boilerplate()]
    for answers in DEMO.values():
        corpus.extend(v for v in answers.values() if isinstance(v, str))
    corpus.append((ROOT / "vetting" / "scoring" / "lexicon.py").read_text())
    counts = Counter(
        w
        for text in corpus
        for w in re.findall(r"[a-z][a-z'-]+", text.lower())
        if w not in STOP_WORDS and len(w) > 2
    )
    words = [w for w, _ in counts.most_common()]
    # Zipf over the ranks: common words of the field recur, rare ones make answers differ.
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words, weights = vocabulary()
    cumulative = list(itertools.accumulate(weights))
    found = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(5, 9)):
            length = rng.randint(8, 22)
            content = rng.choices(words, cum_weights=cumulative, k=length)
            sentence = []
            for word in content:
                if rng.random() < 0.45:
                    sentence.append(rng.choice(FUNCTION_WORDS))
                sentence.append(word)
            sentences.append(" ".join(sentence).capitalize() + ".")
        found.append(" ".join(sentences))
    return found


def light_edit(text: str, rng: random.Random) -> str:
    """Sentences reordered, one word in twelve changed, a sentence added."""
    sentences = [s for s in text.split(". ") if s]
    rng.shuffle(sentences)
    edited = ". ".join(sentences).split()
    for i in range(0, len(edited), 12):
        edited[i] = rng.choice(["clients", "growth", "launched", "built", "team"])
    return " ".join(edited) + " I would bring the same care to your brand."


def _copy(cursor: Any, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(str(v) for v in row) + "\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def build(n_answers: int) -> None:
    """n_answers stored answers (a quarter as many submissions), with their prints."""
    from django.db import connection, transaction

    from consultants.models import Consultant
    from vetting.models import (
        Answer,
        AnswerBand,
        AnswerPrint,
        Engagement,
        EngagementStatus,
        Question,
        Questionnaire,
        ShingleCount,
        Submission,
        SubmissionStatus,
        User,
    )
    from vetting.scoring import copies

    have = AnswerPrint.objects.filter(submission__engagement__title=TITLE).count()
    if have >= n_answers:
        print(f"  {have:,} stored answers already built: reused")
        return
    Engagement.objects.filter(title=TITLE).delete()
    started = time.perf_counter()
    owner, _ = User.objects.get_or_create(
        email="bench-copies@winnow.test", defaults={"first_name": "Bench"}
    )
    questionnaire = Questionnaire.objects.default()
    questions = {q.key: q for q in Question.objects.filter(questionnaire=questionnaire)}
    n_subs = n_answers // len(TEXT_KEYS)
    per_round = 500
    with transaction.atomic():
        rounds = Engagement.objects.bulk_create(
            Engagement(
                title=TITLE,
                owner=owner,
                questionnaire=questionnaire,
                status=EngagementStatus.CLOSED,
                deadline=datetime(2026, 1, 1, tzinfo=UTC),
            )
            for _ in range(n_subs // per_round + 1)
        )
        people = Consultant.objects.bulk_create(
            (Consultant(name=f"Bench {i}", email=f"b{i}@bench.example") for i in range(n_subs)),
            batch_size=5000,
        )
        day = datetime(2025, 1, 1, tzinfo=UTC)
        subs = Submission.objects.bulk_create(
            (
                Submission(
                    engagement=rounds[i // per_round],
                    consultant=person,
                    invited_by=owner,
                    status=SubmissionStatus.SUBMITTED,
                    submitted_at=day + timedelta(minutes=i),
                )
                for i, person in enumerate(people)
            ),
            batch_size=5000,
        )
        words = texts(n_answers, seed=19)
        answers = Answer.objects.bulk_create(
            (
                Answer(
                    submission=sub,
                    question=questions[key],
                    value=words[i * len(TEXT_KEYS) + k],
                    is_complete=True,
                )
                for i, sub in enumerate(subs)
                for k, key in enumerate(TEXT_KEYS)
            ),
            batch_size=5000,
        )
        print(f"  rows: {time.perf_counter() - started:.0f} s")
        prints, bands, counts = [], [], Counter()
        fingerprinted = time.perf_counter()
        for pk, answer in enumerate(answers, start=1):
            sub = subs[(pk - 1) // len(TEXT_KEYS)]
            hashes = copies.fingerprint(answer.value)
            prints.append(
                (
                    pk,
                    answer.pk,
                    sub.pk,
                    sub.consultant_id,
                    answer.question.key,
                    sub.submitted_at.isoformat(),
                    "\\\\x" + copies.packed(hashes).hex(),
                    len(hashes),
                )
            )
            bands.extend((pk, b, h) for b, h in copies.bands_of(hashes))
            counts.update(hashes.tolist())  # one consultant per answer here, near enough
        print(f"  fingerprints: {time.perf_counter() - fingerprinted:.0f} s")
        with connection.cursor() as cursor:
            first = AnswerPrint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            prints = [(pk + first, *rest) for pk, *rest in prints]
            bands = [(pk + first, b, h) for pk, b, h in bands]
            raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
            _copy(
                raw,
                AnswerPrint._meta.db_table,
                [
                    "id",
                    "answer_id",
                    "submission_id",
                    "consultant_id",
                    "question_key",
                    "submitted_at",
                    "shingles",
                    "size",
                ],
                prints,
            )
            _copy(raw, AnswerBand._meta.db_table, ["print_id", "band", "hash"], bands)
            table = AnswerPrint._meta.db_table  # ours: not input
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
            ShingleCount.objects.all().delete()
            _copy(raw, ShingleCount._meta.db_table, ["hash", "consultants"], counts.items())
            cursor.execute("ANALYZE")
    print(
        f"  built {len(answers):,} answers, {len(bands):,} band rows, {len(counts):,} distinct "
        f"shingles in {time.perf_counter() - started:.0f} s"
    )


def flag_once(rng: random.Random, stored: list[str]) -> tuple[float, int]:
    """One new submission of four long answers (one lightly edited from a stored answer),
    checked and rolled back: its wall time, and the matches found."""
    from django.db import transaction

    from consultants.models import Consultant
    from vetting.models import (
        Answer,
        Engagement,
        Question,
        Submission,
        SubmissionStatus,
    )
    from vetting.services.copies import submission_copies_check

    engagement = Engagement.objects.filter(title=TITLE).first()
    questions = {q.key: q for q in Question.objects.filter(questionnaire=engagement.questionnaire)}
    new = [*texts(3, seed=rng.randint(0, 10**9)), light_edit(rng.choice(stored), rng)]
    with transaction.atomic():
        person = Consultant.objects.create(name="New", email="new@bench.example")
        submission = Submission.objects.create(
            engagement=engagement,
            consultant=person,
            invited_by=engagement.owner,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=datetime(2026, 12, 1, tzinfo=UTC),
        )
        Answer.objects.bulk_create(
            Answer(submission=submission, question=questions[k], value=t, is_complete=True)
            for k, t in zip(TEXT_KEYS, new, strict=True)
        )
        started = time.perf_counter()
        result = submission_copies_check(submission=submission)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, result.matches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=ANSWERS)
    parser.add_argument("--repeat", type=int, default=REPEATS)
    options = parser.parse_args()
    url = django_on_postgres()
    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    print(f"Copied answers: flagging one new submission against {options.answers:,} answers")
    build(options.answers)
    from vetting.models import Answer

    stored = list(
        Answer.objects.filter(submission__engagement__title=TITLE)
        .order_by("?")
        .values_list("value", flat=True)[:200]
    )
    rng = random.Random(7)
    flag_once(rng, stored)  # warm: imports, the boilerplate's prints, the lemma cache
    runs = [flag_once(rng, stored) for _ in range(options.repeat)]
    seconds = [s for s, _ in runs]
    median, worst = statistics.median(seconds), max(seconds)
    print(
        f"  {options.repeat} runs: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms; "
        f"matches found per run {sorted({m for _, m in runs})}"
    )
    print(f"Ratio median / target {TARGET:.0f} s: {median / TARGET:.2f} (target < 1)")


if __name__ == "__main__":
    main()
