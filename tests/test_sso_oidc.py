"""Single sign-on through a real OpenID Connect provider (django-oauth-toolkit in its own
process, tests/oidc_provider): a person signs in at their organisation's provider and lands
in it with the role their groups map to; an address outside the verified domains, groups
that map to no role, or a forged answer are refused with a clear page and no account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import UserFactory, consultant_user
from tests.oidc_provider.process import Provider, oidc_provider
from tests.sso_helpers import (
    PROVIDER_USERS,
    leaving_for,
    northwind_with_oidc,
    provider_sign_in,
)
from vetting.models import Membership, User
from vetting.services.organisations import SESSION_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CALLBACK = "http://testserver/accounts/oidc/northwind-retail/login/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    scratch = Path(tmp_path_factory.mktemp("oidc"))
    with oidc_provider(scratch, redirect_uris=[CALLBACK], users=PROVIDER_USERS) as running:
        yield running


def _sign_in(client: Client, who: str, username: str):
    started = client.post("/accounts/sso/", {"who": who})
    assert started.status_code == 200, started.content[:500]
    callback = provider_sign_in(leaving_for(started.content), username, stop_at=CALLBACK)
    return client.get(callback.removeprefix("http://testserver"))


def test_a_new_person_signs_in_with_the_provider_and_lands_in_the_organisation_as_mapped(
    client: Client, provider: Provider
) -> None:
    northwind = northwind_with_oidc(provider)

    response = _sign_in(client, "alice@northwind.test", "alice")

    assert response.status_code == 302
    alice = User.objects.get(email="alice@northwind.test")
    assert (alice.first_name, alice.last_name) == ("Alice", "Admin")
    assert not alice.has_usable_password()
    assert Membership.objects.get(user=alice, organisation=northwind).role == "admin"
    assert int(client.session["_auth_user_id"]) == alice.pk
    assert client.session[SESSION_KEY] == northwind.pk
    assert client.get("/organisation/").status_code == 200


def test_the_role_follows_the_provider_groups_at_every_sign_in(
    client: Client, provider: Provider
) -> None:
    northwind = northwind_with_oidc(provider)
    bob = UserFactory(email="bob@northwind.test")
    Membership.objects.create(organisation=northwind, user=bob, role="admin")

    _sign_in(client, "northwind-retail", "bob")

    assert Membership.objects.get(user=bob, organisation=northwind).role == "reviewer"
    assert int(client.session["_auth_user_id"]) == bob.pk


def test_an_address_outside_the_verified_domains_is_refused_with_a_clear_page(
    client: Client, provider: Provider
) -> None:
    northwind_with_oidc(provider)

    response = _sign_in(client, "northwind-retail", "eve")

    assert response.status_code == 403
    assert b"eve@elsewhere.test is not an address of Northwind Retail" in response.content
    assert b"northwind.test" in response.content
    assert not User.objects.filter(email="eve@elsewhere.test").exists()
    assert "_auth_user_id" not in client.session


def test_groups_that_map_to_no_role_are_refused_unless_everyone_has_one(
    client: Client, provider: Provider
) -> None:
    northwind = northwind_with_oidc(provider)

    refused = _sign_in(client, "carol@northwind.test", "carol")
    assert refused.status_code == 403
    assert b"give you no role" in refused.content
    assert not User.objects.filter(email="carol@northwind.test").exists()

    northwind.single_sign_on.group_roles += "\n*=reviewer"
    northwind.single_sign_on.save()
    _sign_in(Client(), "carol@northwind.test", "carol")
    assert Membership.objects.get(user__email="carol@northwind.test").role == "reviewer"


def test_a_consultant_account_does_not_join_through_sso(client: Client, provider: Provider) -> None:
    northwind_with_oidc(provider)
    consultant_user(email="alice@northwind.test")

    response = _sign_in(client, "northwind-retail", "alice")

    assert response.status_code == 403
    assert b"consultant" in response.content
    assert not Membership.objects.filter(user__email="alice@northwind.test").exists()


def test_a_forged_callback_is_refused_with_a_clear_page(client: Client, provider: Provider) -> None:
    northwind_with_oidc(provider)

    response = client.get(
        "/accounts/oidc/northwind-retail/login/callback/?code=forged&state=forged"
    )

    assert response.status_code == 400
    assert b"could not be accepted" in response.content
    assert "_auth_user_id" not in client.session
