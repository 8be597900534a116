"""The reference-check section of a submission's page: the owner is offered only the
references that can be checked, and told why the others are not offered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ReferenceFactory, submitted_with_checks
from vetting.models import Channel, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(procurement, consultant) -> Submission:
    """Two references checked on submit, plus one without consent and one never offered."""
    submitted = submitted_with_checks(consultant=consultant, owner=procurement)
    profile = consultant.consultant
    ReferenceFactory(consultant=profile, name="Nadia Shy", consent_to_contact=False)
    ReferenceFactory(consultant=profile, name="Omar Ready", role="CMO", company="Brightly")
    return submitted


def section(client, submission) -> str:
    page = client.get(reverse("submissions:read", args=[submission.pk])).text
    return page.split('data-testid="reference-checks"')[1].split("</section>")[0]


def test_only_references_with_consent_and_not_yet_checked_are_offered(
    client, procurement, submission
):
    client.force_login(procurement)

    html = section(client, submission)

    select = html.split("<select")[1].split("</select>")[0]
    assert "Omar Ready, CMO at Brightly" in select
    assert "Nadia Shy" not in select
    for check in submission.reference_checks.all():
        assert check.referee_name not in select


def test_the_references_not_offered_are_listed_with_the_reason(client, procurement, submission):
    client.force_login(procurement)

    html = section(client, submission)

    hint = html.split('data-testid="references-not-offered"')[1]
    assert "Nadia Shy: has not agreed to be contacted" in hint
    for check in submission.reference_checks.all():
        assert f"{check.referee_name}: already checked for this submission." in hint


def test_with_no_reference_left_to_check_the_form_gives_way_to_a_note(
    client, procurement, submission
):
    submission.consultant.references.filter(name="Omar Ready").update(consent_to_contact=False)
    client.force_login(procurement)

    html = section(client, submission)

    assert "<select" not in html
    assert "No other reference of this consultant can be checked now." in html


def test_requesting_a_reference_that_is_not_offered_is_refused(client, procurement, submission):
    shy = submission.consultant.references.get(name="Nadia Shy")
    client.force_login(procurement)

    response = client.post(
        reverse("checks:request", args=[submission.pk]),
        {"reference": shy.pk, "channel": Channel.WEB},
        follow=True,
    )

    assert "Choose one of the references offered" in response.text
    assert not submission.reference_checks.filter(reference=shy).exists()
