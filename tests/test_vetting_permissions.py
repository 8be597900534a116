"""A consultant's invitation stays out of sight while its round is a draft. (Who may open the
engagement and submission pages is in tests/permission_matrix.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory, SubmissionFactory
from vetting.models import EngagementStatus

pytestmark = pytest.mark.django_db


def test_a_consultant_does_not_see_an_invitation_to_a_draft_round(client, consultant):
    draft = EngagementFactory(status=EngagementStatus.DRAFT)
    submission = SubmissionFactory(engagement=draft, consultant=consultant.consultant)
    client.force_login(consultant)

    assert client.get(reverse("submissions:answer", args=[submission.pk])).status_code == 404
    assert draft.title not in client.get(reverse("my_invitations")).text
