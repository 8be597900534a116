"""Scoring benchmarks.

1. Pure scoring, CPU time on one core, measured side by side in one run:
   - the previous scoring service (commit BASELINE, read from git), for comparison;
   - this one, scoring cards whose answers it has not seen (every text analysed);
   - this one, re-scoring after a review changed (what a recompute does: the answers are
     locked, so what was read from them is remembered; ratings, references and the hash
     are computed again).
   A realistic card: seven answers (the demo consultants' own texts, each made unique),
   two completed reference checks, two submitted reviews over every criterion.
2. The bulk recompute of 10,000 submissions on PostgreSQL (cold, then warm).

Run: `make bench` (everything) or `python bench/bench_scoring.py --pure` (no database).
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


def bulk() -> None:
    from bench.setup import django_on_postgres, machine

    url = django_on_postgres()
    from bench.generate import generate
    from vetting.models import Engagement, ScoreCard, Submission
    from vetting.services.scoring import scorecards_recompute

    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    title = f"Bench recompute {N_BULK}"
    engagement = Engagement.objects.filter(title=title).first()
    if engagement is None:
        started = time.perf_counter()
        engagement = generate(N_BULK, title=title)
        print(f"Generated {N_BULK} submissions in {time.perf_counter() - started:.1f} s")
    ids = list(Submission.objects.filter(engagement=engagement).values_list("pk", flat=True))
    ScoreCard.objects.filter(submission__in=ids).delete()
    for label in ("cold (every card written)", "warm (inputs unchanged, nothing written)"):
        started = time.perf_counter()
        written = sum(scorecards_recompute(ids[i : i + 500]) for i in range(0, len(ids), 500))
        elapsed = time.perf_counter() - started
        print(
            f"Bulk recompute, {label}: {len(ids)} submissions in {elapsed:.1f} s = "
            f"{len(ids) / elapsed:,.0f}/s, {written} written"
        )


def main(argv: list[str]) -> None:
    from bench.setup import machine

    print(f"Machine: {machine()}, {time.strftime('%Y-%m-%d')}")
    pure()
    if "--pure" not in argv:
        bulk()


if __name__ == "__main__":
    main(sys.argv[1:])
