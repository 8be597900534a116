"""Every list endpoint costs the same number of queries with 3 rows as with 60 (a page of
50): related rows come joined or prefetched, never one query per row.

AUTH in the comments below is the two queries of token authentication: the token with its
user, and the user's expired tokens (which django-rest-knox deletes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import (
    ConsultantFactory,
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    ReferenceFactory,
    ServiceFactory,
    SubmissionFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.models import (
    CallAttempt,
    Decision,
    EngagementStatus,
    Review,
    ReviewRating,
    ReviewStatus,
    ScoreCard,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


def queries(user: User, path: str, rows: int) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    if "count" in body:
        assert body["count"] == rows
    else:  # cursor pages have no count: the first page holds up to 50
        assert len(body["results"]) == min(rows, 50)
    return len(context)


def same_with_3_and_60(user: User, path: str, add: Callable[[int], Any]) -> int:
    add(3)
    few = queries(user, path, 3)
    add(57)
    many = queries(user, path, 60)
    assert few == many
    return many


@pytest.fixture
def round_(procurement: User, manager: User) -> Any:
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    return engagement


def submitted(engagement: Any) -> Any:
    return SubmissionFactory(
        engagement=engagement,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


def test_engagements(procurement, manager):
    def add(n: int) -> None:
        for _ in range(n):
            engagement = EngagementFactory(owner=procurement)
            engagement.reviewers.add(manager, UserFactory(role=Role.MANAGER))
            SubmissionFactory(engagement=engagement)

    # AUTH, count, the page of engagements with their submission counts, their reviewers
    assert same_with_3_and_60(procurement, "/api/v1/engagements/", add) == 5


def test_consultants(procurement):
    offered = ServiceFactory(name="Community management")

    def add(n: int) -> None:
        for consultant in ConsultantFactory.create_batch(n):
            consultant.services_offered.add(offered)
            ReferenceFactory(consultant=consultant)

    # AUTH, the user's groups, count, the page, services offered, services not offered,
    # references
    assert same_with_3_and_60(procurement, "/api/v1/consultants/", add) == 8


def test_references(procurement):
    # AUTH, the user's groups, count, the page with their consultants
    assert same_with_3_and_60(procurement, "/api/v1/references/", _references) == 5


def _references(n: int) -> None:
    ReferenceFactory.create_batch(n)


def test_submissions(procurement, round_):
    def add(n: int) -> None:
        for _ in range(n):
            submission = SubmissionFactory(engagement=round_)
            submission.chosen_references.add(ReferenceFactory(consultant=submission.consultant))

    # AUTH, count, the page with engagement, consultant and progress, the chosen references
    assert same_with_3_and_60(procurement, "/api/v1/submissions/", add) == 5


def test_submissions_in_cursor_pages(procurement, round_):
    def add(n: int) -> None:
        for _ in range(n):
            SubmissionFactory(engagement=round_)

    # AUTH, the page with engagement, consultant and progress, the chosen references (no
    # count)
    path = "/api/v1/submissions/?paginate=cursor"
    assert same_with_3_and_60(procurement, path, add) == 4


def test_reviews(procurement, manager, round_):
    def add(n: int) -> None:
        for _ in range(n):
            review = Review.objects.create(
                submission=submitted(round_), reviewer=manager, status=ReviewStatus.SUBMITTED
            )
            ReviewRating.objects.bulk_create(
                ReviewRating(review=review, criterion=key, rating=3) for key in CRITERION_KEYS
            )

    # AUTH, count, the page with reviewers (blind rule in the same query), their ratings
    assert same_with_3_and_60(procurement, "/api/v1/reviews/", add) == 5


def test_reference_checks(procurement, round_):
    def add(n: int) -> None:
        for _ in range(n):
            check = ReferenceCheckFactory(submission=submitted(round_))
            CallAttempt.objects.create(reference_check=check, by=procurement, outcome="no_answer")
            FlagFactory(reference_check=check)

    # AUTH, the user's groups, count, the page with submission and consultant, the
    # attempts, the flags
    assert same_with_3_and_60(procurement, "/api/v1/reference-checks/", add) == 7


def test_flags(manager):
    def add(n: int) -> None:
        FlagFactory.create_batch(n)

    # AUTH, the user's groups, count, the page
    assert same_with_3_and_60(manager, "/api/v1/flags/", add) == 5


def test_score_cards(procurement, round_):
    def add(n: int) -> None:
        for _ in range(n):
            ScoreCard.objects.create(
                submission=submitted(round_),
                rubric_version="1",
                inputs_hash="0" * 64,
                total=60,
                low=50,
                high=70,
                data={"criteria": [], "flags": []},
            )

    # AUTH, count, the page with submission and consultant (the owner is staff-free: the
    # blind-review filter is SQL, it needs no group lookup); the same with whole cards, and
    # in cursor pages without the count
    assert same_with_3_and_60(procurement, "/api/v1/score-cards/", add) == 4
    ScoreCard.objects.all().delete()
    assert same_with_3_and_60(procurement, "/api/v1/score-cards/?expand=card", add) == 4
    ScoreCard.objects.all().delete()
    assert same_with_3_and_60(procurement, "/api/v1/score-cards/?paginate=cursor", add) == 3


def test_decisions(procurement, round_):
    def add(n: int) -> None:
        for _ in range(n):
            Decision.objects.create(
                submission=submitted(round_),
                outcome="rejected",
                rationale="Too little B2B.",
                approver=procurement,
                decided_by=procurement,
                decided_at=timezone.now(),
            )

    # AUTH, the caller's roles (whether blocks are shown: flags are hidden from blind
    # reviewers), count, the page with submission and consultant
    assert same_with_3_and_60(procurement, "/api/v1/decisions/", add) == 5


def test_ranking(procurement, round_):
    def add(n: int) -> None:
        ids = [submitted_quickly(round_).pk for _ in range(n)]
        scorecards_recompute(ids)

    # AUTH, the engagement, its reviewers, count, the page with consultant, score card and
    # decision
    path = f"/api/v1/engagements/{round_.pk}/ranking/"
    assert same_with_3_and_60(procurement, path, add) == 6
