"""The API tests' world: one named user per role, an open engagement with a submitted
self-assessment in every state the permissions depend on (reviews, reference checks by web
and by phone, a flag, score cards, a decision), a draft in a second round, and a personal
token per user. Built through the services, like the pages' tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.response import Response
from rest_framework.test import APIClient

from tests.factories import (
    EngagementFactory,
    FlagFactory,
    ReferenceFactory,
    SubmissionFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
    submitted_review,
    submitted_with_checks,
)
from vetting import services
from vetting.models import Channel, EngagementStatus, Outcome, User
from vetting.roles import Role
from vetting.tokens import new_token

# The roles of the permission matrix, in the order its rows list the expected statuses.
ROLES = (
    "owner",  # procurement, runs the engagements
    "reviewer",  # a manager assigned to review them
    "other_procurement",
    "manager",  # a manager who does not review them (still runs calls across rounds)
    "consultant",  # submitted in the first round, drafting in the second
    "other_consultant",  # submitted (and was decided) in the first round
    "outsider",  # signed in, no role
    "anonymous",
)

# What the referee says on the web form or on a call: the claims of ReferenceFactory.
REFEREE_ANSWERS: dict[str, Any] = {
    "relationship_confirmed": True,
    "period_from": "2021-01-01",
    "period_to": "2023-06-30",
    "rating_relationships": 4,
    "rating_honesty": 5,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "She asked who our buyers were before proposing anything.",
}


@dataclass
class World:
    users: dict[str, User | None]
    tokens: dict[str, str]
    ids: dict[str, int | str] = field(default_factory=dict)

    def client(self, role: str) -> APIClient:
        client = APIClient()
        if self.tokens.get(role):
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def call(self, role: str, method: str, path: str, data: Any = None) -> Response:
        client = self.client(role)
        return getattr(client, method)(path.format(**self.ids), data, format="json")


def build_world() -> World:
    owner = UserFactory(email="owner@example.com", role=Role.PROCUREMENT)
    reviewer = UserFactory(email="reviewer@example.com", role=Role.MANAGER)
    users: dict[str, User | None] = {
        "owner": owner,
        "reviewer": reviewer,
        "other_procurement": UserFactory(email="buyer2@example.com", role=Role.PROCUREMENT),
        "manager": UserFactory(email="caller@example.com", role=Role.MANAGER),
        "consultant": consultant_user(email="clara@example.com"),
        "other_consultant": consultant_user(email="otto@example.com"),
        "outsider": UserFactory(email="outsider@example.com"),
        "anonymous": None,
    }
    consultant, other = users["consultant"], users["other_consultant"]

    # The first round: the consultant submitted with two references (web checks).
    submission = submitted_with_checks(consultant=consultant, owner=owner)
    engagement = submission.engagement
    engagement.reviewers.add(reviewer)
    web, phone = submission.reference_checks.order_by("pk")
    services.check_set_channel(check=phone, by=owner, channel=Channel.PHONE)
    services.call_claim(check=phone, by=reviewer)
    # A third reference, checked by a call the reviewer recorded; a fourth to request.
    third, fourth = ReferenceFactory.create_batch(2, consultant=consultant.consultant)
    recorded = services.check_request(
        submission=submission, reference=third, by=owner, channel=Channel.PHONE
    )
    services.call_claim(check=recorded, by=reviewer)
    said = {
        **REFEREE_ANSWERS,
        "relationship": third.relationship,
        "period_from": third.period_from,
        "period_to": third.period_to,
    }
    services.call_record(check=recorded, by=reviewer, data=said, notes="Confirmed everything.")
    raw, web.token_hash = new_token()
    web.save()
    flag = FlagFactory(reference_check=web)

    # The owner reviewed and submitted; the reviewer started a draft (so is still blind).
    owner_review = submitted_review(submission, owner)
    draft_review = services.review_for(submission=submission, reviewer=reviewer)
    services.review_declare_conflict(review=draft_review, by=reviewer, has_conflict=False)

    # The other consultant submitted too, and was rejected; the reviewer has not declared
    # a conflict on it yet.
    decided = submitted_quickly(engagement, consultant=other.consultant)
    services.scorecards_recompute([submission.pk, decided.pk])
    decision = services.decision_record(
        submission=decided, by=owner, outcome=Outcome.REJECT, rationale="Too little B2B."
    )
    undeclared = services.review_for(submission=decided, reviewer=reviewer)

    # The second round: the consultant is still drafting.
    second = EngagementFactory(owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now())
    second.reviewers.add(reviewer)
    draft = SubmissionFactory(engagement=second, consultant=consultant.consultant)

    tokens = {role: AuthToken.objects.create(user)[1] for role, user in users.items() if user}
    ids = {  # short names, for the permission matrix's paths
        "eng": engagement.pk,
        "second": second.pk,
        "sub": submission.pk,
        "decided": decided.pk,
        "draft": draft.pk,
        "web": web.pk,
        "phone": phone.pk,
        "recorded": recorded.pk,
        "flag": flag.pk,
        "ownrev": owner_review.pk,
        "myrev": draft_review.pk,
        "undeclared": undeclared.pk,
        "card": submission.scorecard.pk,
        "decision": decision.pk,
        "cons": consultant.consultant.pk,
        "ref": third.pk,
        "fourth": fourth.pk,
        "token": raw,
    }
    return World(users=users, tokens=tokens, ids=ids)


@contextmanager
def shared_world(django_db_blocker: Any) -> Iterator[World]:
    """One world for a whole test module (building it costs a few seconds): each test runs
    in its own savepoint inside this transaction, which is rolled back at the end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
