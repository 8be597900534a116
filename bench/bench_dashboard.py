"""Dashboard benchmark: the engagement ranking (first page, sorted by score) at N = 100 and
N = 10,000 submissions, and a trivial template view, in the same run on PostgreSQL; then,
at 10,000, the HTML size of page 1 (whole and as the htmx table) and page 100 against
page 1 (the whole request, and the query that reads its rows).

Targets: the page at 10,000 no more than 2x the page at 100, and no more than 10x the
trivial view; page 1 at most 60 KB of HTML; page 100 as fast as page 1 (ratio about 1).
Run: `make bench` (or python bench/bench_dashboard.py)."""

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
    from bench.generate import scored_round
    from vetting.services.scoring import refresh_distribution

    engagement = scored_round(size, title=f"Bench dashboard {size}")
    # The page reads the score distribution from the cache that re-ranking fills; this
    # process's cache starts empty when nothing was re-scored, so fill it as a server's is.
    refresh_distribution(engagement.pk)
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


def row_query(engagement, number: int, *, window: bool) -> float:
    """Median time of the query that reads page `number`'s rows in the default order: from
    the stored ranks (`window`, as the page does) or skipping the rows before (OFFSET)."""
    from vetting import selectors

    samples = []
    for _ in range(RUNS):
        paginator = selectors.RankingPaginator(selectors.ranking(engagement), 50, window=window)
        assert paginator.count  # counted apart, as the page does
        started = time.perf_counter()
        rows = list(paginator.page(number).object_list)
        samples.append(time.perf_counter() - started)
        assert len(rows) == 50
    return statistics.median(samples)


def deep_pages(client, engagement) -> None:
    """Page 1 against page 100 of the same ranking: sizes, request and row-query times."""
    from django.urls import reverse

    first = reverse("engagements:ranking", args=[engagement.pk])
    deep = f"{first}?page=100"
    page = client.get(first).content
    table = client.get(first, headers={"HX-Request": "true"}).content
    print(
        f"  page 1 HTML: {len(page) / 1024:.1f} KB whole, {len(table) / 1024:.1f} KB as the "
        f"htmx table (target <= 60 KB)"
    )
    request = {url: timed(client, url) for url in (first, deep)}
    rows = {n: row_query(engagement, n, window=True) for n in (1, 100)}
    offset = row_query(engagement, 100, window=False)
    for label, url, n in (("page 1", first, 1), ("page 100", deep, 100)):
        print(
            f"  {label:<9} median {request[url] * 1000:7.1f} ms a request, "
            f"{rows[n] * 1000:6.1f} ms its row query"
        )
    print(f"  page 100 read with OFFSET instead (as before): {offset * 1000:6.1f} ms")
    print(
        f"Ratio page 100 / page 1: {request[deep] / request[first]:.2f} a request, "
        f"{rows[100] / rows[1]:.2f} the row query (target about 1); "
        f"OFFSET / rank window at page 100: {offset / rows[100]:.1f}"
    )


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
    print(f"Ranking at N = {SIZES[1]:,}, page 1 against page 100:")
    deep_pages(client, engagements[SIZES[1]])


if __name__ == "__main__":
    main()
