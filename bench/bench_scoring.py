"""Scoring benchmarks.

1. Pure scoring, CPU time on one core, measured side by side in one run:
   - the previous scoring service (commit BASELINE, read from git), for comparison;
   - this one, scoring cards whose answers it has not seen (every text analysed);
   - this one, re-scoring after a review changed (what a recompute does: the answers are
     locked, so what was read from them is remembered; ratings, references and the hash
     are computed again).
   A realistic card: seven answers (the demo consultants' own texts, each made unique),
   two completed reference checks, two submitted reviews over every criterion.
2. The bulk recompute of 10,000 submissions on PostgreSQL, side by side with the previous
   recompute service (BASELINE_RECOMPUTE, read from git): cold with no stored readings,
   cold with readings stored (cards deleted, or every card changed as by a new rubric),
   and warm (nothing written); wall and CPU seconds, and whether every run stored the same
   cards, byte for byte.

Run: `make bench` (everything), `python bench/bench_scoring.py --pure` (no database) or
`--bulk` (only the recompute); BENCH_DATABASE_URL chooses the PostgreSQL database. With
`--no-previous` the bulk part leaves out the previous recompute service (its cold run is the
slowest part: for iterating), and `--repeat N` runs this service's four runs N times.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_PURE = 3_000
REPEATS = 5
N_BULK = 10_000
# The scoring service before the concept rules (issue 11): 1,600 cards/s was its figure.
BASELINE = "682cc2e"
# The recompute service before issue 14 (instances, a rank per batch, no stored readings).
BASELINE_RECOMPUTE = "209d5c2"
TEXT_KEYS = ("business_background", "greatest_accomplishment", "media_vs_marketing", "first_steps")


def realistic_inputs(scoring: Any, n: int, seed: int = 11) -> list[Any]:
    """n realistic cards for a scoring module (`scoring.ScoringInput` and friends)."""
    from vetting.demo.answers import ANSWERS
    from vetting.scoring.rubric import CRITERION_KEYS, DEFAULT_WEIGHTS

    people = [a for a in ANSWERS.values() if all(k in a for k in TEXT_KEYS)]
    rng = random.Random(seed)
    inputs = []
    for i in range(n):
        own = rng.choice(people)
        texts = {k: f"{rng.choice(people)[k]} (Case {i}.)" for k in TEXT_KEYS}
        accomplishments = tuple(
            scoring.Accomplishment(
                item["area"], item["what"], item["result"], item.get("evidence_url", ""), j + 1
            )
            for j, item in enumerate(own["accomplishments"])
        )
        panel = rng.randint(2, 4)
        reviews = tuple(
            scoring.Review(r + 1, {k: min(5, panel + rng.randint(0, 1)) for k in CRITERION_KEYS})
            for r in range(2)
        )
        references = tuple(
            scoring.ReferenceEvidence(
                2 * i + k, k + 1, "completed", True, True, {0: "confirmed"}, 4, 5, 4, "yes"
            )
            for k in range(2)
        )
        inputs.append(
            scoring.ScoringInput(
                years_social=rng.randint(2, 15),
                years_clients=rng.randint(1, 10),
                accomplishments=accomplishments,
                texts=texts,
                services_offered=rng.randint(3, 9),
                services_declined=rng.randint(0, 3),
                services_total=14,
                reviews=reviews,
                references=references,
                weights={k: float(v) for k, v in DEFAULT_WEIGHTS.items()},
            )
        )
    return inputs


def one_review_changed(inputs: list[Any]) -> list[Any]:
    """The same cards after one reviewer moved one rating (new objects, as a recompute
    builds them from the database)."""
    changed = []
    for data in inputs:
        first = data.reviews[0]
        ratings = {**first.ratings, "references": 6 - first.ratings["references"]}
        reviews = (dataclasses.replace(first, ratings=ratings), *data.reviews[1:])
        changed.append(dataclasses.replace(data, reviews=reviews))
    return changed


def cpu_per_card(
    score: Callable[[Any], Any], make: Callable[[], list[Any]], before: Callable[[], None]
) -> float:
    """The best of REPEATS runs: CPU seconds per card (inputs built outside the clock)."""
    best = float("inf")
    for _ in range(REPEATS):
        inputs = make()
        before()
        started = time.process_time()
        for data in inputs:
            score(data)
        best = min(best, (time.process_time() - started) / len(inputs))
    return best


def legacy_scoring() -> ModuleType | None:
    """The scoring package as it was at BASELINE, loaded from git into a scratch package."""
    folder = Path(tempfile.mkdtemp(prefix="winnow-baseline-"))
    package = folder / "baseline_scoring"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ("rubric", "text_signals", "card"):
        try:
            source = subprocess.run(  # noqa: S603
                ["git", "show", f"{BASELINE}:vetting/scoring/{name}.py"],  # noqa: S607
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
        (package / f"{name}.py").write_text(
            source.replace("from vetting.scoring.", "from baseline_scoring.")
        )
    sys.path.insert(0, str(folder))
    spec = importlib.util.find_spec("baseline_scoring.card")
    return importlib.import_module("baseline_scoring.card") if spec else None


def forget_answers() -> None:
    from vetting.scoring.card import forget

    forget()


def pure() -> None:
    from vetting.scoring import card as scoring

    n = N_PURE
    baseline = legacy_scoring()
    lines = []
    old = None
    if baseline is not None:
        old = cpu_per_card(baseline.score, lambda: realistic_inputs(baseline, n), lambda: None)
        lines.append((f"previous service ({BASELINE})", old))
    first = cpu_per_card(
        lambda d: scoring.score(d, digest=d.digest()),
        lambda: realistic_inputs(scoring, n, seed=random.randrange(10**6)),
        forget_answers,
    )
    lines.append(("first scoring (every answer read)", first))
    seen = realistic_inputs(scoring, n)
    for data in seen:
        scoring.score(data)
    again = cpu_per_card(
        lambda d: scoring.score(d, digest=d.digest()),
        lambda: one_review_changed(seen),
        lambda: None,
    )
    lines.append(("re-scoring after a review", again))
    print(f"Pure scoring, {n} realistic cards, CPU time on one core (best of {REPEATS}):")
    for label, seconds in lines:
        ratio = f"  {old / seconds:5.1f}x the previous" if old else ""
        print(f"  {label:<38} {1 / seconds:>9,.0f} cards/s  {seconds * 1e6:7.1f} µs{ratio}")


def previous_recompute() -> ModuleType | None:
    """The recompute service as it was at BASELINE_RECOMPUTE (model instances, a rank per
    batch of 500, every text read in each process), loaded from git, on today's models."""
    try:
        source = subprocess.run(  # noqa: S603
            ["git", "show", f"{BASELINE_RECOMPUTE}:vetting/services/scoring.py"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp(prefix="winnow-recompute-")) / "previous_recompute.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("previous_recompute", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cards_fingerprint(ids: list[int]) -> str:
    """One hash of every stored card of these submissions (hash, totals, rank, data)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(string_agg(concat_ws('|', submission_id, inputs_hash, total, low, high,"
            " rank, red_flags, green_flags, holds, references_done, reviews_done, data::text),"
            " ',' ORDER BY submission_id)) FROM vetting_scorecard WHERE submission_id = ANY(%s)",
            [ids],
        )
        return cursor.fetchone()[0]


def bulk(*, previous_too: bool = True, repeat: int = 1) -> None:
    from bench.setup import django_on_postgres, machine

    url = django_on_postgres()
    from bench.generate import generate
    from vetting.models import Engagement, ScoreCard, Submission, TextReading
    from vetting.models.engagements import SCORED_STATUSES
    from vetting.scoring.card import forget
    from vetting.services.scoring import scorecards_recompute_all

    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    title = f"Bench recompute {N_BULK}"
    engagement = Engagement.objects.filter(title=title).first()
    if engagement is None:
        started = time.perf_counter()
        engagement = generate(N_BULK, title=title)
        print(f"Generated {N_BULK} submissions in {time.perf_counter() - started:.1f} s")
    submissions = Submission.objects.filter(engagement=engagement, status__in=SCORED_STATUSES)
    ids = list(submissions.order_by("pk").values_list("pk", flat=True))
    cards = ScoreCard.objects.filter(submission__in=submissions)

    def readings_forgotten() -> None:
        cards.delete()
        TextReading.objects.all().delete()

    def rubric_changed() -> None:
        cards.update(inputs_hash="")

    def nothing() -> None:
        pass

    def now() -> int:
        return scorecards_recompute_all(submissions)

    runs: list[tuple[str, Callable[[], int], Callable[[], None]]] = []
    previous = previous_recompute() if previous_too else None
    if previous is not None:

        def before() -> int:
            # As the command ran it: batches of 500, each ranking the round.
            return sum(
                previous.scorecards_recompute(ids[i : i + 500]) for i in range(0, len(ids), 500)
            )

        runs += [
            (f"previous ({BASELINE_RECOMPUTE}), cold: cards deleted", before, cards.delete),
            (f"previous ({BASELINE_RECOMPUTE}), warm: inputs unchanged", before, nothing),
        ]
    runs += [
        ("cold, first reading: cards and readings deleted", now, readings_forgotten),
        ("cold, readings stored: cards deleted", now, cards.delete),
        ("cold, readings stored: every card changed", now, rubric_changed),
        ("warm: inputs unchanged, nothing written", now, nothing),
    ] * max(repeat, 1)
    print(f"Bulk recompute of {len(ids)} submissions (each run in a fresh state: caches cleared)")
    print(f"  {'run':<58} {'wall s':>7} {'cpu s':>6} {'cards/s':>8} {'written':>8}")
    fingerprints = {}
    for label, run, prepare in runs:
        prepare()
        forget()  # nothing remembered in this process: as in a new one
        started, cpu = time.perf_counter(), time.process_time()
        written = run()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"  {label:<58} {elapsed:7.1f} {cpu:6.1f} {len(ids) / elapsed:8,.0f} {written:8}",
            flush=True,
        )
        fingerprints.setdefault(label.startswith("previous"), set()).add(cards_fingerprint(ids))
    same = len(set().union(*fingerprints.values())) == 1
    whose = "the previous code's" if previous is not None else "the same"
    print(f"  every run stored {whose} cards byte for byte: {'yes' if same else 'NO'}")


def main(argv: list[str]) -> None:
    from bench.setup import machine

    print(f"Machine: {machine()}, {time.strftime('%Y-%m-%d')}")
    if "--bulk" not in argv:
        pure()
    if "--pure" not in argv:
        repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
        bulk(previous_too="--no-previous" not in argv, repeat=repeat)


if __name__ == "__main__":
    main(sys.argv[1:])
