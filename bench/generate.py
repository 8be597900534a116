"""Data for the benchmarks: one engagement with N submitted consultants, each with seven
answers, two submitted reviews, two completed reference checks, and (optionally) score
cards. Written with bulk_create: fast, and without history rows."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from consultants.models import Consultant, Reference
from vetting.models import (
    Answer,
    Engagement,
    EngagementStatus,
    Questionnaire,
    ReferenceCheck,
    Review,
    ReviewRating,
    ReviewStatus,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.scoring.rubric import CRITERION_KEYS

GREEN = [
    "We start from your target market and the timing of your launch.",
    "Your own support team answers the community; I coach them weekly.",
    "We listen first, then measure leads and revenue every month.",
    "Owning bad feedback in the open built trust with customers.",
    "Eight years in B2B marketing and PR, leading a sales team.",
]
RED = [
    "First we launch a Twitter campaign to go viral.",
    "We do it all: posting, ads, influencers, everything social.",
    "We will run your community for you, so your team never has to.",
    "Free earned reach: no budget needed.",
]


def _text(rng: random.Random, red_share: float) -> str:
    pool = [rng.choice(RED) if rng.random() < red_share else rng.choice(GREEN) for _ in range(4)]
    return " ".join(pool) + " " + "Specific plan details follow. " * rng.randint(1, 6)


@transaction.atomic
def generate(n: int, *, title: str, seed: int = 7) -> Engagement:
    rng = random.Random(seed)
    now = timezone.now()
    owner, _ = User.objects.get_or_create(
        email="bench.owner@winnow.test", defaults={"first_name": "Bench", "last_name": "Owner"}
    )
    owner.groups.add(Group.objects.get(name="procurement"))
    reviewers = []
    for i in range(2):
        reviewer, _ = User.objects.get_or_create(
            email=f"bench.reviewer{i}@winnow.test", defaults={"first_name": f"Reviewer {i}"}
        )
        reviewer.groups.add(Group.objects.get(name="manager"))
        reviewers.append(reviewer)
    questionnaire = Questionnaire.objects.default()
    questions = {q.key: q for q in questionnaire.questions.all()}
    engagement = Engagement.objects.create(
        owner=owner,
        title=title,
        target_market="Finance teams at mid-size software companies",
        goals="Qualified demo requests",
        timing="Next quarter",
        questionnaire=questionnaire,
        deadline=now + timedelta(days=30),
        status=EngagementStatus.OPEN,
    )
    engagement.reviewers.set(reviewers)

    consultants = Consultant.objects.bulk_create(
        Consultant(
            name=f"Consultant {title[:12]} {i:05d}",
            agency=f"Agency {i % 97}",
            email=f"c{i}.{seed}.{title[:6].replace(' ', '')}@bench.example",
            location=rng.choice(["London", "Berlin", "Madrid", "Leeds", "Lagos"]),
            headline="Social marketing consultant",
        )
        for i in range(n)
    )
    references = Reference.objects.bulk_create(
        Reference(
            consultant=c,
            name=f"Referee {j} of {c.pk}",
            email=f"ref{j}.{c.pk}@client{j}.example",
            company=f"Client {j}",
            role="Head of Marketing",
            period_from=date(2020, 1, 1),
            period_to=date(2022, 12, 31),
            can_confirm="Grew qualified leads from social by a third in a year.",
            consent_to_contact=True,
        )
        for c in consultants
        for j in range(2)
    )
    submissions = Submission.objects.bulk_create(
        Submission(
            engagement=engagement,
            consultant=c,
            invited_by=owner,
            status=SubmissionStatus.UNDER_REVIEW,
            submitted_at=now - timedelta(days=rng.randint(1, 9)),
        )
        for c in consultants
    )
    answers = []
    for index, submission in enumerate(submissions):
        red = rng.random() * 0.8
        ref = references[2 * index]
        values: dict[str, Any] = {
            "years_social_media": rng.randint(0, 20),
            "years_for_clients": rng.randint(0, 15),
            "accomplishments": [
                {
                    "area": rng.choice(["monetization", "pr", "database_building"]),
                    "what": "Ran a community programme for a payroll start-up.",
                    "result": rng.choice(["Leads up 38%", "", "More followers"]),
                    "evidence_url": rng.choice(["", "https://example.com/case"]),
                    "reference": str(ref.pk) if rng.random() < 0.6 else "",
                }
                for _ in range(rng.randint(1, 4))
            ],
        }
        for key in (
            "business_background",
            "greatest_accomplishment",
            "media_vs_marketing",
            "first_steps",
        ):
            values[key] = _text(rng, red)
        answers += [
            Answer(submission=submission, question=questions[key], value=value, is_complete=True)
            for key, value in values.items()
        ]
    Answer.objects.bulk_create(answers, batch_size=2000)

    reviews = Review.objects.bulk_create(
        Review(
            submission=s,
            reviewer=r,
            status=ReviewStatus.SUBMITTED,
            has_conflict=False,
            recommendation=rng.choice(["no", "yes", "strong_yes"]),
            submitted_at=now,
        )
        for s in submissions
        for r in reviewers
    )
    ReviewRating.objects.bulk_create(
        (
            ReviewRating(review=review, criterion=key, rating=rng.randint(1, 5))
            for review in reviews
            for key in CRITERION_KEYS
        ),
        batch_size=5000,
    )
    ReferenceCheck.objects.bulk_create(
        (
            ReferenceCheck(
                submission=s,
                reference=ref,
                referee_name=ref.name,
                referee_email=ref.email,
                referee_company=ref.company,
                referee_role=ref.role,
                claimed_relationship=ref.relationship,
                claimed_from=ref.period_from,
                claimed_to=ref.period_to,
                channel="web",
                status="completed",
                requested_by=owner,
                requested_at=now - timedelta(days=8),
                due_at=now + timedelta(days=2),
                relationship_confirmed=True,
                relationship=ref.relationship,
                period_from=ref.period_from,
                period_to=ref.period_to,
                verdicts={"0": rng.choice(["confirmed", "partly", "not_confirmed"])},
                rating_relationships=rng.randint(1, 5),
                rating_honesty=rng.randint(1, 5),
                rating_results=rng.randint(1, 5),
                would_hire_again=rng.choice(["yes", "maybe", "no"]),
                completed_at=now,
            )
            for s, refs in zip(
                submissions,
                (references[i : i + 2] for i in range(0, len(references), 2)),
                strict=True,
            )
            for ref in refs
        ),
        batch_size=2000,
    )
    return engagement


def scored_round(size: int, *, title: str) -> Engagement:
    """The bench round of `size` submissions called `title`, generated once (seed `size`) and
    scored: cards whose inputs and rubric version did not change are not written again.
    Says how long it took and how many cards it wrote."""
    import time

    from vetting.models import Submission
    from vetting.services import scorecards_recompute

    started = time.perf_counter()
    engagement = Engagement.objects.filter(title=title).first()
    if engagement is None:
        engagement = generate(size, title=title, seed=size)
    ids = list(Submission.objects.filter(engagement=engagement).values_list("pk", flat=True))
    written = sum(scorecards_recompute(ids[i : i + 500]) for i in range(0, len(ids), 500))
    print(
        f"  {size:,} submissions ready in {time.perf_counter() - started:.0f} s "
        f"({written} cards written)"
    )
    return engagement
