"""Personal API tokens on the profile: created and shown once, stored as a digest only,
revoked by their owner alone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import UserFactory
from vetting.models import User

pytestmark = pytest.mark.django_db


def create_token(client, user: User) -> str:
    client.force_login(user)
    response = client.post(reverse("api_token_create"))
    assert response.status_code == 200
    assert "This is the only time the token is shown" in response.text
    assert response["Cache-Control"].startswith("max-age=0")
    return response.context["raw"]


def test_the_account_menu_links_to_the_tokens_page(client, consultant):
    client.force_login(consultant)

    response = client.get(reverse("my_invitations"))

    assert reverse("api_tokens") in response.text


def test_a_new_token_authenticates_api_requests(client, procurement):
    raw = create_token(client, procurement)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")

    response = api.get("/api/v1/engagements/")

    assert response.status_code == 200


def test_only_a_digest_of_the_token_is_stored(client, procurement):
    raw = create_token(client, procurement)

    (token,) = AuthToken.objects.filter(user=procurement).values()
    assert raw not in str(token)
    assert token["token_key"] == raw[: len(token["token_key"])] and len(token["token_key"]) < 16
    page = client.get(reverse("api_tokens"))
    assert token["token_key"] in page.text and raw not in page.text


def test_a_revoked_token_is_refused(client, procurement):
    raw = create_token(client, procurement)
    digest = AuthToken.objects.get(user=procurement).digest

    response = client.post(reverse("api_token_revoke", args=[digest]), follow=True)

    assert "revoked" in response.text
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/engagements/").status_code == 401


def test_nobody_revokes_another_users_token(client, procurement, outsider):
    create_token(client, procurement)
    digest = AuthToken.objects.get(user=procurement).digest
    client.force_login(outsider)

    response = client.post(reverse("api_token_revoke", args=[digest]))

    assert response.status_code == 404
    assert AuthToken.objects.filter(digest=digest).exists()


def test_revoking_and_creating_take_a_post(client, procurement):
    client.force_login(procurement)

    assert client.get(reverse("api_token_create")).status_code == 405
    assert client.get(reverse("api_token_revoke", args=["abc"])).status_code == 405


def test_the_tokens_page_asks_to_sign_in(client):
    response = client.get(reverse("api_tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_holds_a_limited_number_of_tokens(client):
    user = UserFactory()
    for _ in range(20):
        AuthToken.objects.create(user)
    client.force_login(user)

    response = client.post(reverse("api_token_create"), follow=True)

    assert "revoke one before creating another" in response.text
    assert AuthToken.objects.filter(user=user).count() == 20


def test_the_page_lists_only_ones_own_tokens(client, procurement, outsider):
    AuthToken.objects.create(outsider)
    mine, _ = AuthToken.objects.create(procurement)
    client.force_login(procurement)

    response = client.get(reverse("api_tokens"))

    assert [t.digest for t in response.context["tokens"]] == [mine.digest]


def test_the_interactive_docs_are_served_from_our_files_and_lead_back_to_the_app(client):
    response = client.get("/api/docs/")

    html = response.text
    assert response.status_code == 200
    assert 'href="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css' in html
    assert "<style" not in html and "<script>" not in html  # the CSP allows neither
    assert f'href="{reverse("home")}"' in html
    assert f'href="{reverse("api_tokens")}"' in html


def test_revoking_asks_for_confirmation_naming_the_token(client, procurement):
    create_token(client, procurement)
    token = AuthToken.objects.get(user=procurement)

    html = client.get(reverse("api_tokens")).text

    assert f'data-confirm="Revoke the token {token.token_key}…?' in html
