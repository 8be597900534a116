"""/api/v1/submissions/{id}/proposal/: read under the same rule as the pages (sealed from a
reviewer until their review), written by the consultant while a draft through the pages'
forms and service, its totals from the same builder."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, SubmissionFactory, submitted_review
from vetting.models import CommercialProposal, EngagementStatus, Submission, User

pytestmark = pytest.mark.django_db

BODY = {
    "pricing_model": "mixed",
    "currency": "GBP",
    "minimum_term_months": 3,
    "notice_period_days": 30,
    "ad_spend_fee_percent": None,
    "assumptions": "Content approved within two days.",
    "version": 0,
    "lines": [
        {"description": "Strategy", "quantity": "1", "unit_price": "1500", "unit": "month"},
        {"description": "Launch video", "quantity": 2, "unit_price": 4000, "unit": "deliverable"},
    ],
}


def api(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def draft(consultant: User, owner: User, reviewer: User) -> Submission:
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now(), term_months=12
    )
    engagement.reviewers.add(reviewer)
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def url(submission: Submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/proposal/"


def test_the_consultant_saves_a_proposal_and_gets_its_totals(consultant, draft):
    response = api(consultant).put(url(draft), BODY, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert [line["total"] for line in body["lines"]] == ["18000.00", "8000.00"]
    assert body["price"]["total"] == "26000.00"
    assert body["version"] == 1
    assert CommercialProposal.objects.get(submission=draft).assumptions == BODY["assumptions"]


def test_a_refused_line_is_reported_by_its_position_and_field(consultant, draft):
    bad = {**BODY, "lines": [BODY["lines"][0], {**BODY["lines"][1], "unit_price": "-5"}]}

    response = api(consultant).put(url(draft), bad, format="json")

    assert response.status_code == 400
    assert response.json()["lines"][0] == {}
    assert "unit_price" in response.json()["lines"][1]
    assert not CommercialProposal.objects.filter(submission=draft).exists()


def test_a_stale_version_is_a_conflict(consultant, draft):
    api(consultant).put(url(draft), BODY, format="json")

    response = api(consultant).put(url(draft), {**BODY, "version": 0}, format="json")

    assert response.status_code == 409


def test_the_owner_reads_the_proposal_a_reviewer_only_after_their_review(
    consultant, owner, reviewer, draft
):
    api(consultant).put(url(draft), BODY, format="json")

    before = api(reviewer).get(url(draft))
    owners = api(owner).get(url(draft))
    draft.status = "submitted"
    draft.submitted_at = timezone.now()
    draft.save()
    submitted_review(draft, reviewer)
    after = api(reviewer).get(url(draft))

    assert before.status_code == 404
    assert owners.status_code == after.status_code == 200
    assert Decimal(after.json()["price"]["total"]) == Decimal(26000)


def test_nobody_else_can_tell_whether_there_is_a_proposal(consultant, other_consultant, draft):
    without = api(other_consultant).get(url(draft))
    api(consultant).put(url(draft), BODY, format="json")
    with_one = api(other_consultant).get(url(draft))

    assert without.status_code == with_one.status_code == 404
    assert without.content == with_one.content


def test_the_schema_describes_the_proposal_endpoint() -> None:
    schema = api(None).get("/api/schema/?format=json").json()

    operations = schema["paths"]["/api/v1/submissions/{submission_pk}/proposal/"]
    assert set(operations) >= {"get", "put"}
    assert "lines" in schema["components"]["schemas"]["ProposalWriteRequest"]["properties"]
