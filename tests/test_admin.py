"""The Django admin for staff: questionnaires are frozen once answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory, SubmissionFactory
from vetting.models import Answer, EngagementStatus, Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(consultant) -> Questionnaire:
    questionnaire = Questionnaire.objects.default()
    submission = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=consultant.consultant,
    )
    Answer.objects.create(
        submission=submission, question=questionnaire.questions.first(), value="9"
    )
    return questionnaire


def test_an_answered_questionnaire_cannot_be_changed_in_place(client, staff, answered):
    client.force_login(staff)
    url = reverse("admin:vetting_questionnaire_change", args=[answered.pk])

    page = client.get(url)
    client.post(url, {"title": "Rewritten", "is_default": "on"})

    assert page.status_code == 200
    assert "View questionnaire" in page.text  # read-only view
    answered.refresh_from_db()
    assert answered.title != "Rewritten"


def test_new_version_copies_the_questions_and_can_be_edited(client, staff, answered):
    client.force_login(staff)

    client.post(
        reverse("admin:vetting_questionnaire_changelist"),
        {"action": "make_new_version", "_selected_action": [answered.pk]},
    )

    copy = Questionnaire.objects.get(version=answered.version + 1)
    assert [q.key for q in copy.questions.all()] == [q.key for q in answered.questions.all()]
    page = client.get(reverse("admin:vetting_questionnaire_change", args=[copy.pk]))
    assert "Change questionnaire" in page.text


@pytest.mark.parametrize(
    "name",
    [
        "admin:vetting_engagement_changelist",
        "admin:vetting_submission_changelist",
        "admin:vetting_invitation_changelist",
        "admin:consultants_consultant_changelist",
        "admin:vetting_user_changelist",
        "admin:vetting_clarification_changelist",
        "admin:vetting_comment_changelist",
        "admin:vetting_approval_changelist",
        "admin:vetting_webhookendpoint_changelist",
        "admin:vetting_vendorentry_changelist",
        "admin:vetting_profilelink_changelist",
        "admin:vetting_scorerelease_changelist",
        "admin:vetting_deliveryreview_changelist",
        "admin:vetting_outcomeweighting_changelist",
    ],
)
def test_staff_browse_the_records(client, staff, answered, name):
    client.force_login(staff)

    assert client.get(reverse(name)).status_code == 200
