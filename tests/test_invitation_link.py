"""The private link in an invitation email: random, hashed, expiring, single-use."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, consultant_user
from vetting.models import EngagementStatus, Invitation, User
from vetting.roles import Role
from vetting.services import invite_existing, invite_new
from vetting.tokens import hash_token

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def open_round(procurement):
    return EngagementFactory(owner=procurement, status=EngagementStatus.OPEN, title="Ledgerly")


def _emailed_path(django_capture_on_commit_callbacks, **invite) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        invite.pop("service")(**invite)
    return re.search(r"http://127\.0\.0\.1:8000(/\S+/)", mail.outbox[-1].body).group(1)


@pytest.fixture
def nadia_link(open_round, procurement, django_capture_on_commit_callbacks) -> str:
    """The sign-up link emailed to Nadia Karim, invited by address (no account yet)."""
    return _emailed_path(
        django_capture_on_commit_callbacks,
        service=invite_new,
        engagement=open_round,
        by=procurement,
        name="Nadia Karim",
        email="nadia@karim.example",
    )


def test_a_new_consultant_signs_up_through_the_link_and_lands_on_the_assessment(client, nadia_link):
    page = client.get(nadia_link)
    assert "invites you" in page.text
    assert "Ledgerly" in page.text
    assert 'value="nadia@karim.example"' in page.text
    response = client.post(
        nadia_link,
        {"first_name": "Nadia", "last_name": "Karim", "password1": PASSWORD, "password2": PASSWORD},
    )

    invitation = Invitation.objects.get()
    user = User.objects.get(email="nadia@karim.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:answer", args=[invitation.submission.pk])
    assert user.has_role(Role.CONSULTANT)
    assert invitation.submission.consultant.user == user
    assert invitation.accepted_at is not None
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("first_name", "N" * 151, 150),
        ("last_name", "K" * 151, 150),
        ("password1", "x" * 129, 128),
        ("password2", "x" * 129, 128),
    ],
)
def test_an_overlong_field_is_a_form_error_next_to_it(client, nadia_link, field, value, limit):
    data = {"first_name": "Nadia", "last_name": "Karim", "password1": PASSWORD}
    data["password2"] = PASSWORD

    response = client.post(nadia_link, {**data, field: value})

    assert response.status_code == 200
    assert f"too long: the limit is {limit}." in " ".join(response.context["form"].errors[field])
    assert f'id="error_1_id_{field}"' in response.text
    assert not User.objects.filter(email="nadia@karim.example").exists()


def test_the_token_has_256_bits_and_only_its_hash_is_stored(nadia_link):
    token = nadia_link.strip("/").split("/")[-1]

    invitation = Invitation.objects.get()
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values().get())


def test_a_used_link_does_not_sign_anyone_up_again(client, nadia_link):
    data = {
        "first_name": "Nadia",
        "last_name": "Karim",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post(nadia_link, data)
    client.post(reverse("logout"))

    again = client.post(nadia_link, {**data, "first_name": "Mallory"})

    assert again.status_code == 302
    assert again["Location"].startswith(reverse("login"))
    assert User.objects.filter(email="nadia@karim.example").get().first_name == "Nadia"


def test_an_unknown_link_says_so_without_an_error(client):
    response = client.get(reverse("invitations:accept", args=["not-a-real-token"]))

    assert response.status_code == 404
    assert "This invitation link does not work" in response.text


def test_an_expired_link_says_so(client, nadia_link):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(nadia_link)

    assert response.status_code == 410
    assert "This invitation has expired" in response.text


def test_an_existing_consultant_is_asked_to_sign_in_and_lands_on_the_assessment(
    client, open_round, procurement, consultant, django_capture_on_commit_callbacks
):
    path = _emailed_path(
        django_capture_on_commit_callbacks,
        service=invite_existing,
        engagement=open_round,
        by=procurement,
        consultant=consultant.consultant,
    )
    submission = Invitation.objects.get().submission

    assert path == reverse("submissions:answer", args=[submission.pk])
    assert client.get(path)["Location"].startswith(reverse("login"))
    client.force_login(consultant)
    assert client.get(path).status_code == 200


def test_guessing_links_is_rate_limited(client, settings):
    for n in range(30):
        client.get(reverse("invitations:accept", args=[f"guess-{n}"]))

    response = client.get(reverse("invitations:accept", args=["guess-final"]))

    assert response.status_code == 429


@pytest.mark.parametrize("status", [EngagementStatus.CLOSED, EngagementStatus.DECIDED])
def test_a_link_to_a_closed_engagement_says_so_before_sign_up_and_stays_unspent(
    client, open_round, procurement, nadia_link, status
):
    open_round.status = status
    open_round.save()
    data = {"first_name": "Nadia", "last_name": "Karim", "password1": PASSWORD}

    page = client.get(nadia_link)
    posted = client.post(nadia_link, {**data, "password2": PASSWORD})

    for response in (page, posted):
        assert response.status_code == 410
        assert "This engagement is closed" in response.text
        assert "Create your Winnow account" not in response.text
        assert procurement.display_name in response.text  # whom to ask
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.token_hash is not None
    assert not User.objects.filter(email="nadia@karim.example").exists()


def test_a_used_link_says_so_on_the_sign_in_page_and_leads_back_to_the_assessment(
    client, nadia_link
):
    data = {"first_name": "Nadia", "last_name": "Karim", "password1": PASSWORD}
    client.post(nadia_link, {**data, "password2": PASSWORD})
    client.post(reverse("logout"))

    response = client.get(nadia_link, follow=True)

    answer_url = reverse("submissions:answer", args=[Invitation.objects.get().submission.pk])
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next={answer_url}"
    assert "This invitation has already been used: sign in to continue." in response.text
    signed_in = client.post(
        response.redirect_chain[-1][0],
        {"username": "nadia@karim.example", "password": PASSWORD},
    )
    assert signed_in["Location"] == answer_url


def test_an_address_that_signed_up_meanwhile_joins_the_round_only_when_they_continue(
    client, nadia_link
):
    nadia = consultant_user(email="nadia@karim.example", first_name="Nadia", last_name="Karim")
    invitation = Invitation.objects.get()

    shown = client.get(nadia_link)

    assert shown.status_code == 200
    assert 'data-testid="claim-invitation"' in shown.text
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # a GET writes nothing
    assert invitation.submission.consultant.user_id != nadia.pk

    continued = client.post(nadia_link)

    assert continued["Location"].startswith(reverse("login"))
    invitation = Invitation.objects.select_related("submission__consultant").get()
    assert invitation.accepted_at is not None
    assert invitation.submission.consultant.user_id == nadia.pk
