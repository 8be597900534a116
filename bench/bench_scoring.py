"""Scoring benchmarks: pure throughput (cards per second on one core) and the bulk recompute
of 10,000 submissions on PostgreSQL. Run: `make bench` (or python bench/bench_scoring.py)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup import django_on_postgres, machine

N_PURE = 5_000
N_BULK = 10_000


def pure_inputs(n: int) -> list:
    from bench.generate import GREEN, RED
    from vetting.scoring.card import (
        Accomplishment,
        ReferenceEvidence,
        Review,
        ScoringInput,
    )
    from vetting.scoring.rubric import CRITERION_KEYS

    rng = random.Random(11)
    inputs = []
    for i in range(n):
        text = " ".join(rng.choice(GREEN + RED) for _ in range(5))
        inputs.append(
            ScoringInput(
                years_social=rng.randint(0, 20),
                years_clients=rng.randint(0, 15),
                accomplishments=tuple(
                    Accomplishment("pr", "Coverage in trade press", "12 articles", "", 1)
                    for _ in range(rng.randint(1, 4))
                ),
                texts=dict.fromkeys(
                    (
                        "business_background",
                        "greatest_accomplishment",
                        "media_vs_marketing",
                        "first_steps",
                    ),
                    text,
                ),
                reviews=tuple(
                    Review(r, {k: rng.randint(1, 5) for k in CRITERION_KEYS}) for r in range(2)
                ),
                references=(
                    ReferenceEvidence(
                        i, 1, "completed", True, True, {0: "confirmed"}, 4, 4, 3, "yes"
                    ),
                ),
            )
        )
    return inputs


def main() -> None:
    url = django_on_postgres()
    from bench.generate import generate
    from vetting.models import ScoreCard, Submission
    from vetting.scoring.card import score
    from vetting.services.scoring import scorecards_recompute

    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    inputs = pure_inputs(N_PURE)
    started = time.perf_counter()
    for data in inputs:
        score(data)
    pure = time.perf_counter() - started
    print(f"Pure scoring: {N_PURE} cards in {pure:.2f} s = {N_PURE / pure:,.0f} cards/s (one core)")

    from vetting.models import Engagement

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


if __name__ == "__main__":
    main()
