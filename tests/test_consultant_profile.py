"""A consultant keeps their profile: validation, services, optimistic locking, history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from consultants.models import Consultant, Service
from consultants.services import consultant_update
from vetting.concurrency import StaleVersionError

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(consultant) -> Consultant:
    return consultant.consultant


def _form(profile: Consultant, **changes: object) -> dict[str, object]:
    data = {
        "name": "Clara Okafor",
        "agency": "Okafor Social",
        "headline": "Social marketing for B2B software",
        "email": "clara@okafor.example",
        "phone": "+44 161 496 0000",
        "website": "https://okafor.example",
        "location": "Manchester, UK",
        "business_background": "Eight years in B2B marketing and PR before social.",
        "services_offered": [],
        "services_not_offered": [],
        "version": profile.version,
    }
    data.update(changes)
    return data


def test_a_consultant_saves_their_profile_and_sees_it(client, consultant, profile):
    strategy = Service.objects.get(name="Social marketing strategy")
    ads = Service.objects.get(name="Paid social advertising")
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, services_offered=[strategy.pk], services_not_offered=[ads.pk]),
        follow=True,
    )

    assert "Your profile is saved." in response.text
    profile.refresh_from_db()
    assert profile.headline == "Social marketing for B2B software"
    assert list(profile.services_offered.all()) == [strategy]
    assert list(profile.services_not_offered.all()) == [ads]
    assert profile.version == 2
    offered = response.text.split('data-testid="services-offered"')[1].split("</ul>")[0]
    assert "Social marketing strategy" in offered


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("website", "http://", "Enter a valid URL."),
        ("phone", "call me maybe", "Enter a phone number with digits"),
        ("name", "", "This field is required."),
        ("business_background", "x" * 2001, "1 character too long: the limit is 2,000."),
        ("headline", "h" * 172, "12 characters too long: the limit is 160."),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_typed_is_lost(
    client, consultant, profile, field, value, message
):
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]), _form(profile, **{field: value})
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert f'id="error_1_id_{field}"' in response.text  # shown next to the field
    assert "Manchester, UK" in response.text  # the rest of the form is still filled in
    profile.refresh_from_db()
    assert profile.version == 1


@pytest.mark.parametrize("taken_by", ["other_consultant", "invitee"])
def test_a_profile_cannot_list_an_address_another_profile_uses(
    client, consultant, other_consultant, profile, taken_by
):
    if taken_by == "invitee":  # a profile an invitation started, not signed up yet
        Consultant.objects.create(name="Nina Newcomer", email="nina@agency.example")
        address = "Nina@Agency.Example"
    else:
        address = other_consultant.consultant.email.upper()
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]), _form(profile, email=address)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Another consultant's profile already uses this email address. Give an address of your own."
    ]
    assert 'id="error_1_id_email"' in response.text  # shown next to the field
    assert f'value="{address}"' in response.text  # what was typed stays
    profile.refresh_from_db()
    assert profile.email == consultant.email


def test_a_consultant_keeps_their_own_address_in_another_case(client, consultant, profile):
    client.force_login(consultant)

    client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, email=consultant.email.upper()),
    )

    profile.refresh_from_db()
    assert profile.email == consultant.email.upper()


def test_a_profile_that_shared_its_address_before_the_rule_still_saves(client, consultant, profile):
    Consultant.objects.create(name="Clara (invited earlier)", email=consultant.email)
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, email=consultant.email),
        follow=True,
    )

    assert "Your profile is saved." in response.text


def test_the_api_refuses_an_address_another_profile_uses(consultant, other_consultant, profile):
    api = APIClient()
    _, raw = AuthToken.objects.create(consultant)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")

    response = api.patch(
        f"/api/v1/consultants/{profile.pk}/",
        {"email": other_consultant.consultant.email, "version": profile.version},
        format="json",
    )

    assert response.status_code == 400
    assert "Another consultant's profile already uses this email address" in str(response.json())
    profile.refresh_from_db()
    assert profile.email == consultant.email


def test_a_service_cannot_be_both_offered_and_declined(client, consultant, profile):
    ads = Service.objects.get(name="Paid social advertising")
    client.force_login(consultant)

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, services_offered=[ads.pk], services_not_offered=[ads.pk]),
    )

    assert response.context["form"].errors["services_not_offered"] == [
        "A service cannot be both offered and not offered: Paid social advertising."
    ]


def test_html_typed_into_the_profile_is_shown_as_text(client, consultant, profile, procurement):
    client.force_login(consultant)
    client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, headline="<script>alert('x')</script>", business_background="<b>bold</b>"),
    )
    client.force_login(procurement)

    response = client.get(reverse("consultants:detail", args=[profile.pk]))

    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in response.text


def test_a_stale_form_does_not_overwrite_a_newer_save(client, consultant, profile):
    client.force_login(consultant)
    opened_at = profile.version
    client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, headline="Saved from the first tab"),
    )

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, headline="Typed in the second tab", version=opened_at),
    )

    assert response.status_code == 200
    html = response.text
    assert html.count('data-testid="stale-version"') == 1  # said once, on its own
    assert html.count("while you were editing") == 1
    assert "Some answers need fixing" not in html  # no field is wrong
    assert "Typed in the second tab" in html  # kept in the form
    profile.refresh_from_db()
    assert profile.headline == "Saved from the first tab"


def test_the_update_service_refuses_a_stale_version(profile, consultant):
    with pytest.raises(StaleVersionError):
        consultant_update(
            consultant=profile,
            by=consultant,
            data={"headline": "late"},
            services_offered=[],
            services_not_offered=[],
            expected_version=profile.version + 5,
        )


def test_profile_changes_are_recorded_with_who_and_what(client, consultant, profile):
    client.force_login(consultant)
    client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, headline="A sharper headline"),
    )

    latest = profile.history.latest()
    assert latest.history_user == consultant
    assert latest.headline == "A sharper headline"
    response = client.get(reverse("consultants:history", args=[profile.pk]))
    assert "Profile changed" in response.text
    assert "A sharper headline" in response.text
    assert "Clara Okafor" in response.text  # who


def test_the_profile_tells_a_new_consultant_what_to_do_next(client, consultant, profile):
    client.force_login(consultant)

    response = client.get(reverse("consultants:detail", args=[profile.pk]))

    steps = response.text.split('data-testid="next-steps"')[1].split("</div>")[0]
    assert "Name at least two references (0 so far)." in steps
    assert "Tick the services you offer." in steps


def test_buyers_do_not_see_the_consultants_to_do_list(client, procurement, profile):
    client.force_login(procurement)

    response = client.get(reverse("consultants:detail", args=[profile.pk]))

    assert 'data-testid="next-steps"' not in response.text
    assert "Edit profile" not in response.text


def test_service_changes_show_in_the_history_as_part_of_the_same_save(client, consultant, profile):
    strategy = Service.objects.get(name="Social marketing strategy")
    client.force_login(consultant)
    client.post(
        reverse("consultants:edit", args=[profile.pk]),
        _form(profile, headline="New headline", services_offered=[strategy.pk]),
    )

    entries = client.get(reverse("consultants:history", args=[profile.pk])).context["entries"]

    latest = entries[0]
    assert latest.what == "Profile"
    assert latest.kind == "changed"
    assert {c.field: c.new for c in latest.changes}["services offered"] == strategy.name
    assert {c.field: c.new for c in latest.changes}["headline"] == "New headline"
