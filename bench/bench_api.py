"""API lists benchmark: the submissions and score-cards lists of one engagement at N = 100
and N = 10,000 submissions, in the same run on PostgreSQL, through DRF with a personal
token (as a script would call them): the median of 30 requests, the bytes of a page of 50,
and the ratio 10,000 / 100 (target: about 1, the lists cost the same at any size).

Each list is timed as numbered pages (the default: a count and page 1), as cursor pages
(`?paginate=cursor`: the first page, and one a quarter into the round) and, for score
cards, with the whole cards (`?expand=card`) next to the summaries.

Run: python bench/bench_api.py (own database: BENCH_DATABASE_URL, e.g.
postgres://postgres@127.0.0.1:5432/winnow_bench_api; the first run generates and scores the
rounds, a few minutes at 10,000)."""

from __future__ import annotations

import base64
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup import django_on_postgres, machine

SIZES = (100, 10_000)
RUNS = 30


def engagement_of(size: int) -> Any:
    from bench.generate import scored_round

    return scored_round(size, title=f"Bench API {size}")


def cursor_at(pk: int) -> str:
    """DRF's cursor for the page after the row with this id (as a `next` link holds it)."""
    return base64.b64encode(f"p={pk}".encode()).decode()


def timed(client: Any, requests: dict[int, tuple[str, dict[str, Any]]]) -> dict[int, Any]:
    """Per size, the median seconds over RUNS requests and the bytes of one response. The
    sizes take turns, request by request, so that a busy moment on the machine lands on
    both alike."""
    samples: dict[int, list[float]] = {size: [] for size in requests}
    sizes: dict[int, int] = {}
    for run in range(3 + RUNS):  # the first 3 warm up: connections, caches
        for size, (path, params) in requests.items():
            started = time.perf_counter()
            response = client.get(path, params)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.content[:300]
            if run >= 3:
                samples[size].append(elapsed)
            sizes[size] = len(response.content)
            assert len(response.json()["results"]) == 50
    return {size: (statistics.median(samples[size]), sizes[size]) for size in requests}


def cases(engagement: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    from vetting.models import ScoreCard, Submission

    one = {"engagement": engagement.pk}
    submissions = Submission.objects.filter(engagement=engagement).order_by("pk")
    cards = ScoreCard.objects.filter(submission__engagement=engagement).order_by("pk")
    deep_submission = submissions.values_list("pk", flat=True)[submissions.count() // 4]
    deep_card = cards.values_list("pk", flat=True)[cards.count() // 4]
    subs, score = "/api/v1/submissions/", "/api/v1/score-cards/"
    return {
        "submissions, page 1": (subs, one),
        "submissions, cursor first": (subs, {**one, "paginate": "cursor"}),
        "submissions, cursor deep": (subs, {**one, "cursor": cursor_at(deep_submission)}),
        "score cards, page 1": (score, one),
        "score cards, cursor deep": (score, {**one, "cursor": cursor_at(deep_card)}),
        "score cards, expand=card": (score, {**one, "expand": "card"}),
    }


def main() -> None:
    url = django_on_postgres()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    setup_test_environment()  # allows the test client's host; DEBUG stays as set
    print(f"Machine: {machine()}; database {url.rsplit('@', 1)[-1]}")
    engagements = {size: engagement_of(size) for size in SIZES}
    # Fresh planner statistics, as autovacuum keeps them on a live database.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = APIClient()
    token = AuthToken.objects.create(engagements[SIZES[0]].owner)[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    small, large = SIZES
    every = {size: cases(engagement) for size, engagement in engagements.items()}
    print(
        f"{'list (page of 50)':<28} {'N=' + format(small, ','):>10} {'N=' + format(large, ','):>10}"
        f" {'ratio':>6} {'bytes/page':>11}"
    )
    for name in every[small]:
        result = timed(client, {size: every[size][name] for size in SIZES})
        (low, _), (high, size) = result[small], result[large]
        print(f"{name:<28} {low * 1000:7.1f} ms {high * 1000:7.1f} ms {high / low:6.2f} {size:11,}")
    print(f"Median over {RUNS} requests each, through DRF with a personal token.")


if __name__ == "__main__":
    main()
