"""The reference-check pages: only managers change a check, a consultant sees counts but no
referee's answers, and the call queue's query count. (Who may open which check page is in
tests/permission_matrix.py: managers run calls across engagements; the owner and reviewers
see their engagements' checks; consultants and outsiders see none, 404.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    ReferenceFactory,
    SubmissionFactory,
)
from vetting.models import Channel, EngagementStatus, Flag, ReferenceCheck, SubmissionStatus
from vetting.services.references import _new_check

pytestmark = pytest.mark.django_db

OK = 200


@pytest.fixture
def objects(owner, reviewer, consultant):
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    engagement.reviewers.add(reviewer)
    submission = SubmissionFactory(
        engagement=engagement,
        consultant=consultant.consultant,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    reference = ReferenceFactory(consultant=consultant.consultant)
    check = _new_check(submission, reference, owner, Channel.PHONE)
    flag = Flag.objects.create(
        submission=submission,
        reference_check=check,
        kind="fraud",
        code="test",
        severity="high",
        message="Test flag",
        hold=True,
    )
    return {"check": check.pk, "flag": flag.pk, "submission": submission.pk}


@pytest.mark.parametrize("role", ["owner", "reviewer", "manager", "consultant", "outsider"])
def test_only_managers_change_a_check_by_posting(client, request, objects, role):
    client.force_login(request.getfixturevalue(role))

    client.post(reverse("checks:claim", args=[objects["check"]]))
    client.post(reverse("checks:clear_flag", args=[objects["flag"]]), {"note": "fine"})

    check = ReferenceCheck.objects.get(pk=objects["check"])
    flag = Flag.objects.get(pk=objects["flag"])
    claimed_by_manager = role == "manager"
    assert (check.assigned_to is not None) == claimed_by_manager
    assert (flag.cleared_at is not None) == claimed_by_manager


def test_the_consultant_sees_counts_but_no_flags_or_referee_answers(client, objects, consultant):
    client.force_login(consultant)

    response = client.get(reverse("submissions:read", args=[objects["submission"]]), follow=True)

    assert "Reference checks: 1 requested, 0 completed." in response.text
    assert "Test flag" not in response.text
    assert 'data-testid="reference-checks"' not in response.text


def _calls(n: int, owner) -> None:
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    for _ in range(n):
        submission = SubmissionFactory(engagement=engagement)
        _new_check(
            submission, ReferenceFactory(consultant=submission.consultant), owner, Channel.PHONE
        )


@pytest.mark.parametrize("show", ["open", "unassigned", "overdue", "mine", "done"])
def test_the_call_queue_costs_the_same_queries_with_3_or_40_calls(
    client, manager, procurement, show
):
    _calls(3, procurement)
    client.force_login(manager)
    url = reverse("checks:calls") + f"?show={show}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == OK
    _calls(37, procurement)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    if show in ("open", "unassigned"):
        assert len(response.context["checks"]) == 40
    # user, user's groups, the calls with submission, consultant, engagement,
    # assignee and attempt counts
    assert len(few) == len(many) == 3
