"""A consultant names references: add, edit, remove, with clear validation and history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultants.models import Consultant, Reference
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Tom Reid",
    "email": "tom.reid@ledgerly.example",
    "phone": "+44 20 7946 0326",
    "company": "Ledgerly",
    "role": "VP Marketing",
    "relationship": "client",
    "period_from": "2021-03-01",
    "period_to": "2023-06-30",
    "can_confirm": "Grew trial sign-ups from LinkedIn communities by 38% in a year.",
    "consent_to_contact": "on",
}


@pytest.fixture
def profile(consultant) -> Consultant:
    return consultant.consultant


def _add(client, profile: Consultant, **changes: object):
    return client.post(
        reverse("consultants:reference_create", args=[profile.pk]), {**VALID, **changes}
    )


def test_a_consultant_adds_a_reference_and_sees_it_on_their_profile(client, consultant, profile):
    client.force_login(consultant)

    response = _add(client, profile)

    assert response.status_code == 302
    reference = profile.references.get()
    assert reference.name == "Tom Reid"
    assert reference.consent_to_contact is True
    page = client.get(response["Location"])
    references = page.text.split('data-testid="references"')[1]
    assert "Tom Reid" in references
    assert "Mar 2021 – Jun 2023" in references


def test_save_and_add_another_returns_to_an_empty_reference_form(client, consultant, profile):
    client.force_login(consultant)

    response = _add(client, profile, add_another="1")

    assert response["Location"] == reverse("consultants:reference_create", args=[profile.pk])


def test_an_ongoing_relationship_has_no_end_date(client, consultant, profile):
    client.force_login(consultant)

    _add(client, profile, period_to="")

    reference = profile.references.get()
    assert reference.is_ongoing
    page = client.get(reverse("consultants:detail", args=[profile.pk]))
    assert "Mar 2021 – now" in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "tom at ledgerly", "Enter a valid email address."),
        ("period_to", "2020-01-01", "The end of the period must be after its start."),
        ("period_from", "not a date", "Enter a valid date."),
        ("can_confirm", "Nice guy.", "Ensure this value has at least 20 characters"),
        ("can_confirm", "y" * 1001, "1 character too long: the limit is 1,000."),
        ("relationship", "cousin", "Select a valid choice."),
        ("phone", "ring ring", "Enter a phone number with digits"),
        ("company", "", "This field is required."),
    ],
)
def test_bad_reference_input_is_refused_next_to_its_field_keeping_what_was_typed(
    client, consultant, profile, field, value, message
):
    client.force_login(consultant)

    response = _add(client, profile, **{field: value})

    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert 'value="Tom Reid"' in response.text
    assert not profile.references.exists()


def test_dates_in_the_future_are_refused(client, consultant, profile):
    client.force_login(consultant)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = _add(client, profile, period_from=tomorrow, period_to="")

    assert response.context["form"].errors["period_from"] == [
        "The start of the period cannot be in the future."
    ]


def test_the_same_reference_email_cannot_be_named_twice_whatever_its_case(
    client, consultant, profile
):
    ReferenceFactory(consultant=profile, email="tom.reid@ledgerly.example")
    client.force_login(consultant)

    response = _add(client, profile, email="Tom.Reid@Ledgerly.example")

    assert response.context["form"].errors["email"] == [
        "You already named a reference with this email address."
    ]
    assert profile.references.count() == 1


def test_two_consultants_may_name_the_same_reference(client, other_consultant, consultant):
    ReferenceFactory(consultant=consultant.consultant, email="tom.reid@ledgerly.example")
    client.force_login(other_consultant)

    response = _add(client, other_consultant.consultant)

    assert response.status_code == 302


def test_a_consultant_cannot_be_their_own_reference(client, consultant, profile):
    client.force_login(consultant)

    response = _add(client, profile, email=profile.email.upper())

    assert response.context["form"].errors["email"] == [
        "This is your own email address. A reference must be someone else."
    ]


def test_a_consultant_edits_a_reference(client, consultant, profile):
    reference = ReferenceFactory(consultant=profile, name="Tom Reid", role="Director")
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:reference_edit", args=[reference.pk]),
        {**VALID, "email": reference.email, "role": "VP Marketing"},
    )

    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.role == "VP Marketing"


def test_editing_a_reference_keeps_its_own_email_allowed(client, consultant, profile):
    reference = ReferenceFactory(consultant=profile, email="tom.reid@ledgerly.example")
    client.force_login(consultant)

    response = client.post(reverse("consultants:reference_edit", args=[reference.pk]), VALID)

    assert response.status_code == 302


def test_a_consultant_removes_a_reference_after_confirming(client, consultant, profile):
    reference = ReferenceFactory(consultant=profile, name="Tom Reid")
    client.force_login(consultant)

    confirm = client.get(reverse("consultants:reference_delete", args=[reference.pk]))
    assert "Remove Tom Reid?" in confirm.text
    response = client.post(reverse("consultants:reference_delete", args=[reference.pk]))

    assert response.status_code == 302
    assert not Reference.objects.filter(pk=reference.pk).exists()


def test_reference_changes_are_kept_in_the_profile_history(client, consultant, profile):
    client.force_login(consultant)
    _add(client, profile)
    reference = profile.references.get()
    client.post(
        reverse("consultants:reference_edit", args=[reference.pk]),
        {**VALID, "role": "Chief Marketing Officer"},
    )
    client.post(reverse("consultants:reference_delete", args=[reference.pk]))

    kinds = [r.history_type for r in Reference.history.filter(id=reference.pk)]
    assert sorted(kinds) == ["+", "-", "~"]
    assert {r.history_user for r in Reference.history.filter(id=reference.pk)} == {consultant}
    page = client.get(reverse("consultants:history", args=[profile.pk]))
    assert "Reference: Tom Reid created" in page.text
    assert "Reference: Tom Reid deleted" in page.text
    assert "Chief Marketing Officer" in page.text
