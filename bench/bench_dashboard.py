"""Dashboard benchmark: the engagement ranking (first page, sorted by score) at N = 100 and
N = 10,000 submissions, and a trivial template view, in the same run on PostgreSQL.

Targets: the page at 10,000 no more than 2x the page at 100, and no more than 10x the
trivial view. Run: `make bench` (or python bench/bench_dashboard.py)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup import django_on_postgres, machine

SIZES = (100, 10_000)
RUNS = 40


def engagement_of(size: int):
    from bench.generate import generate
    from vetting.models import Engagement, Submission
    from vetting.services.scoring import scorecards_recompute

    title = f"Bench dashboard {size}"
    engagement = Engagement.objects.filter(title=title).first()
    started = time.perf_counter()
    if engagement is None:
        engagement = generate(size, title=title, seed=size)
    # Score (again): a no-op for cards whose inputs and rubric version did not change.
    ids = list(Submission.objects.filter(engagement=engagement).values_list("pk", flat=True))
    written = sum(scorecards_recompute(ids[i : i + 500]) for i in range(0, len(ids), 500))
    print(
        f"  {size} submissions ready in {time.perf_counter() - started:.0f} s "
        f"({written} cards written)"
    )
    return engagement


def timed(client, url: str) -> float:
    for _ in range(5):  # warm up: connections, template cache
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(samples)


def main() -> None:
    url = django_on_postgres()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # allows the test client's host; DEBUG stays off
    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    engagements = {size: engagement_of(size) for size in SIZES}
    # Fresh planner statistics, as autovacuum keeps them on a live database: right after
    # bulk inserts PostgreSQL still believes the tables are tiny and skips the ranking index.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    owner = engagements[SIZES[0]].owner
    client = Client()
    client.force_login(owner)
    results = {"trivial": timed(client, reverse("password_change"))}
    for size, engagement in engagements.items():
        results[size] = timed(client, reverse("engagements:ranking", args=[engagement.pk]))
    for key, seconds in results.items():
        label = "trivial template view" if key == "trivial" else f"ranking at N = {key:,}"
        print(f"  {label:<26} median {seconds * 1000:7.1f} ms over {RUNS} requests")
    small, large, trivial = results[SIZES[0]], results[SIZES[1]], results["trivial"]
    print(f"Ratio N={SIZES[1]:,} / N={SIZES[0]}: {large / small:.2f} (target <= 2)")
    print(f"Ratio N={SIZES[1]:,} / trivial view: {large / trivial:.2f} (target <= 10)")


if __name__ == "__main__":
    main()
