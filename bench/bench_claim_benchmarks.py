"""Claim-level reference benchmarks at 10,000 completed checks: what the summary table
costs and saves.

Builds, inside a transaction rolled back at the end, one organisation's history: 2,000
consultants, each with a submitted self-assessment (four accomplishments in random areas)
in each of five rounds and one completed check judging them (random verdicts and
relationships): 10,000 checks, 40,000 judged claims. Then times, wall clock, median of
REPEATS runs:

- the organisation's table as the page builds it (`organisation_claim_benchmarks`: the
  summary rows summed in one query);
- one consultant's lines against the norm (`submission_claim_benchmarks`);
- what completing a check adds (`claim_tallies_refresh` of one consultant);
- the alternative the summary table replaces: counting every completed check and its
  answers per request (`services.benchmarks.check_tallies` over all 10,000);
- the full rebuild (`claim_tallies_rebuild`, the management command), once.

Run: `python bench/bench_claim_benchmarks.py` (BENCH_DATABASE_URL chooses the database;
`--checks N` another size).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import django_on_postgres, machine  # noqa: E402

CHECKS = 10_000
ROUNDS = 5
REPEATS = 15


def _median_ms(call: Callable[[], Any], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _history(checks: int) -> tuple[Any, Any, Any]:
    from django.utils import timezone

    from consultants.models import Consultant
    from vetting.models import (
        Answer,
        CheckStatus,
        Engagement,
        EngagementStatus,
        Organisation,
        Questionnaire,
        ReferenceCheck,
        Submission,
        SubmissionStatus,
        User,
    )

    rng = random.Random(19)
    now = timezone.now()
    owner = User.objects.create(email="bench-benchmarks@example.com", first_name="Bench")
    organisation = Organisation.objects.create(name="Bench benchmarks", slug="bench-benchmarks")
    organisation.memberships.create(user=owner, role="admin")
    questionnaire = Questionnaire.objects.default()
    question = questionnaire.questions.get(key="accomplishments")
    rounds = [
        Engagement.objects.create(
            owner=owner,
            organisation=organisation,
            title=f"Bench round {n}",
            target_market="x",
            goals="x",
            timing="x",
            questionnaire=questionnaire,
            deadline=now,
            status=EngagementStatus.DECIDED,
        )
        for n in range(ROUNDS)
    ]
    consultants = Consultant.objects.bulk_create(
        Consultant(name=f"Bench {n}", email=f"bench{n}@benchmarks.example")
        for n in range(checks // ROUNDS)
    )
    submissions = Submission.objects.bulk_create(
        Submission(
            engagement=engagement,
            consultant=consultant,
            invited_by=owner,
            status=SubmissionStatus.REJECTED,
            submitted_at=now,
        )
        for engagement in rounds
        for consultant in consultants
    )
    areas = ("monetization", "pr", "database_building")
    verdicts = ("confirmed", "confirmed", "partly", "not_confirmed", "dont_know")
    Answer.objects.bulk_create(
        Answer(
            submission=s,
            question=question,
            value=[{"area": rng.choice(areas), "what": "x" * 20} for _ in range(4)],
            is_complete=True,
        )
        for s in submissions
    )
    ReferenceCheck.objects.bulk_create(
        ReferenceCheck(
            submission=s,
            referee_name="Referee",
            referee_email="referee@example.com",
            referee_company="Client",
            referee_role="CMO",
            claimed_relationship=rng.choice(("client", "client", "employer", "peer")),
            claimed_from=date(2022, 1, 1),
            requested_by=owner,
            due_at=now + timedelta(days=1),
            status=CheckStatus.COMPLETED,
            completed_at=now,
            relationship_confirmed=True,
            verdicts={str(i): rng.choice(verdicts) for i in range(4)},
        )
        for s in submissions
    )
    return owner, organisation, submissions[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=CHECKS)
    args = parser.parse_args()
    django_on_postgres()
    from django.db import connection, transaction

    from vetting.models import CheckStatus, ReferenceCheck
    from vetting.selectors.benchmarks import (
        organisation_claim_benchmarks,
        submission_claim_benchmarks,
    )
    from vetting.services.benchmarks import (
        CHECK_FIELDS,
        check_tallies,
        claim_tallies_rebuild,
        claim_tallies_refresh,
    )

    print(f"Claim benchmarks at {args.checks:,} completed checks ({machine()}, PostgreSQL)")
    with transaction.atomic():
        start = time.perf_counter()
        owner, organisation, submission = _history(args.checks)
        print(f"  history built in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        pairs = claim_tallies_rebuild(organisation_id=organisation.pk)
        print(f"  full rebuild ({pairs:,} consultants): {time.perf_counter() - start:.1f} s")
        rows = organisation.claim_tallies.count()
        print(f"  summary rows: {rows:,}")
        figures = {
            "organisation table (summary rows)": lambda: organisation_claim_benchmarks(
                owner, organisation
            ),
            "one consultant's lines": lambda: submission_claim_benchmarks(owner, submission),
            "refresh on completing a check": lambda: claim_tallies_refresh(
                organisation_id=organisation.pk, consultant_id=submission.consultant_id
            ),
            "counting every check per request": lambda: check_tallies(
                ReferenceCheck.objects.filter(
                    status=CheckStatus.COMPLETED,
                    submission__engagement__organisation=organisation,
                ).values(*CHECK_FIELDS)
            ),
        }
        for name, call in figures.items():
            print(f"  {name}: median {_median_ms(call):.1f} ms")
        transaction.set_rollback(True)
    connection.close()


if __name__ == "__main__":
    main()
