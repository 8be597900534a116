"""A hold raised after a shortlist or selection: the decision is marked blocked (decision,
score and submission pages, the ranking row, the API), the round's owner and the approver
are emailed, selecting stays impossible until a manager clears the hold, and clearing it
lifts the block, which the audit trail says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory, submitted_with_checks
from vetting.audit import engagement_audit
from vetting.models import Decision, Flag, ReferenceCheck, Submission, User
from vetting.roles import Role
from vetting.services import (
    ServiceError,
    decision_record,
    flag_clear,
    record_fingerprint,
    referee_submit,
)

pytestmark = pytest.mark.django_db

LAPTOP = ("203.0.113.7", "Mozilla/5.0 (Macintosh) Firefox/130.0")
AGREEING = {
    "relationship_confirmed": True,
    "relationship": "client",
    "verdicts": {},
    "rating_relationships": 4,
    "rating_honesty": 4,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "Listened to our customers first.",
    "concerns": "",
}
BLOCKED = "Blocked: a new hold was raised after this decision"


@pytest.fixture
def approver(db: None) -> User:
    return UserFactory(email="approver@example.com", first_name="Ada", role=Role.PROCUREMENT)


@pytest.fixture
def run(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    """Call a service and let what it queued after the commit run (the emails)."""

    def call(service: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def shortlisted(procurement, consultant, approver, run) -> Submission:
    """Clara submitted with two reference checks still open, and was shortlisted."""
    submission = run(submitted_with_checks, consultant=consultant, owner=procurement)
    run(
        decision_record,
        submission=submission,
        by=procurement,
        outcome="shortlisted",
        rationale="Strong measured results.",
        approver=approver,
    )
    mail.outbox.clear()
    return submission


def _hold_raised(submission: Submission, run: Callable[..., Any]) -> ReferenceCheck:
    """A referee answers from the device the consultant answered from: a hold."""
    check = submission.reference_checks.first()
    record_fingerprint(submission=submission, ip=LAPTOP[0], user_agent=LAPTOP[1])
    run(
        referee_submit,
        check=check,
        data={
            **AGREEING,
            "period_from": check.claimed_from,
            "period_to": check.claimed_to,
        },
        ip=LAPTOP[0],
        user_agent=LAPTOP[1],
        opened_at=None,
    )
    assert Flag.objects.holds().filter(submission=submission).exists()
    return check


def _decision(submission: Submission) -> Decision:
    return Decision.objects.get(submission=submission)


def test_a_hold_raised_after_a_shortlist_blocks_the_decision(shortlisted, run):
    _hold_raised(shortlisted, run)

    decision = _decision(shortlisted)
    assert decision.is_blocked
    assert decision.outcome == "shortlisted"  # the outcome stands
    shortlisted.refresh_from_db()
    assert shortlisted.status == "shortlisted"


def test_the_owner_and_the_approver_are_emailed_once_and_the_consultant_not(
    shortlisted, procurement, approver, consultant, run
):
    _hold_raised(shortlisted, run)
    second = shortlisted.reference_checks.last()
    run(
        referee_submit,
        check=second,
        data={**AGREEING, "period_from": second.claimed_from, "period_to": second.claimed_to},
        ip=LAPTOP[0],
        user_agent=LAPTOP[1],
        opened_at=None,
    )

    told = sorted(m.to[0] for m in mail.outbox if "Blocked" in m.subject)
    assert told == sorted([procurement.email, approver.email])
    (message,) = [m for m in mail.outbox if m.to == [approver.email]]
    body = " ".join(message.body.split())
    assert "cannot be shortlisted or selected again until a manager" in body
    assert reverse("submissions:decide", args=[shortlisted.pk]) in message.body
    assert not [m for m in mail.outbox if m.to == [consultant.email] and "hold" in m.body]


def test_selecting_stays_impossible_until_a_manager_clears_the_hold(
    shortlisted, procurement, manager, run
):
    _hold_raised(shortlisted, run)

    for outcome in ("selected", "shortlisted"):
        with pytest.raises(ServiceError, match="must be cleared by a manager"):
            decision_record(
                submission=shortlisted, by=procurement, outcome=outcome, rationale="Go."
            )
    for hold in Flag.objects.holds().filter(submission=shortlisted):
        run(flag_clear, flag=hold, by=manager, note="Shared office; called the referee back.")

    assert not _decision(shortlisted).is_blocked
    decision_record(submission=shortlisted, by=procurement, outcome="selected", rationale="Go.")
    assert _decision(shortlisted).outcome == "selected"


def test_the_block_lifts_only_when_the_last_hold_is_cleared(shortlisted, manager, run):
    _hold_raised(shortlisted, run)
    second = shortlisted.reference_checks.last()
    run(
        referee_submit,
        check=second,
        data={**AGREEING, "period_from": second.claimed_from, "period_to": second.claimed_to},
        ip=LAPTOP[0],
        user_agent=LAPTOP[1],
        opened_at=None,
    )
    first, *rest = Flag.objects.holds().filter(submission=shortlisted)
    assert rest

    flag_clear(flag=first, by=manager, note="Checked by phone.")
    assert _decision(shortlisted).is_blocked
    for hold in rest:
        flag_clear(flag=hold, by=manager, note="Checked by phone.")
    assert not _decision(shortlisted).is_blocked


def test_a_rejection_is_not_blocked_by_a_later_hold(shortlisted, procurement, run):
    decision_record(submission=shortlisted, by=procurement, outcome="rejected", rationale="No.")

    _hold_raised(shortlisted, run)

    assert not _decision(shortlisted).is_blocked
    assert not [m for m in mail.outbox if "Blocked" in m.subject]


def test_rejecting_a_blocked_decision_lifts_the_block(shortlisted, procurement, run):
    _hold_raised(shortlisted, run)

    decision_record(submission=shortlisted, by=procurement, outcome="rejected", rationale="No.")

    assert not _decision(shortlisted).is_blocked


def test_the_audit_trail_says_who_blocked_and_who_lifted_it(shortlisted, manager, run):
    _hold_raised(shortlisted, run)
    for hold in Flag.objects.holds().filter(submission=shortlisted):
        flag_clear(flag=hold, by=manager, note="Called the referee back.")

    sentences = [e.sentence for e in engagement_audit(shortlisted.engagement).entries]

    name = shortlisted.consultant.name
    assert (
        f"System blocked the decision on {name}: a new hold was raised after it, so {name} "
        "cannot be shortlisted or selected until a manager clears it."
    ) in sentences
    assert (
        f"{manager.display_name} lifted the block on the decision on {name}: no hold is left."
    ) in sentences


# --- Where it shows ---------------------------------------------------------------------------


def test_the_decision_score_and_submission_pages_show_the_block(
    client, shortlisted, procurement, run
):
    _hold_raised(shortlisted, run)
    client.force_login(procurement)

    for name in ("submissions:decide", "submissions:score", "submissions:read"):
        page = client.get(reverse(name, args=[shortlisted.pk]))
        assert BLOCKED in page.text, name


def test_the_ranking_row_shows_the_block(client, shortlisted, procurement, run):
    client.force_login(procurement)
    ranking = reverse("engagements:ranking", args=[shortlisted.engagement_id])
    assert "decision-blocked" not in client.get(ranking).text

    _hold_raised(shortlisted, run)

    row = client.get(ranking).text.split('data-testid="ranking"')[1]
    assert BLOCKED in row


def test_the_api_shows_the_block_on_the_decision_and_the_ranking_row(shortlisted, procurement, run):
    api = APIClient()
    api.force_authenticate(procurement)
    _hold_raised(shortlisted, run)

    (decision,) = api.get("/api/v1/decisions/").json()["results"]
    (row,) = api.get(f"/api/v1/engagements/{shortlisted.engagement_id}/ranking/").json()["results"]

    assert decision["blocked"] is True and decision["blocked_at"]
    assert row["decision_blocked"] is True


def test_a_blind_reviewer_and_the_consultant_do_not_see_the_block(
    client, shortlisted, consultant, run
):
    reviewer = UserFactory(email="panel@example.com", role=Role.PROCUREMENT)
    shortlisted.engagement.reviewers.add(reviewer)
    _hold_raised(shortlisted, run)
    api = APIClient()
    api.force_authenticate(reviewer)

    (decision,) = api.get("/api/v1/decisions/").json()["results"]
    (row,) = api.get(f"/api/v1/engagements/{shortlisted.engagement_id}/ranking/").json()["results"]
    client.force_login(reviewer)
    read = client.get(reverse("submissions:read", args=[shortlisted.pk]))
    client.force_login(consultant)
    own = client.get(reverse("submissions:read", args=[shortlisted.pk]))

    assert decision["blocked"] is None and decision["blocked_at"] is None
    assert row["decision_blocked"] is None
    assert BLOCKED not in read.text
    assert "hold" not in own.text.lower()
