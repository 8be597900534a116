"""Single sign-on rules without a provider: groups to roles, who may sign in by password,
the admins' settings page (the secret never shown back), and the sign-in page's entry."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.sso_helpers import leaving_for
from vetting.models import Membership, SingleSignOn
from vetting.services.organisations import organisation_create
from vetting.services.sso import (
    SsoRefused,
    group_roles_parse,
    groups_in,
    role_from_groups,
    sso_member_sign_in,
)

MAPPING = {"winnow-admins": "admin", "buyers": "procurement", "panel": "reviewer"}


def test_the_strongest_mapped_role_wins():
    assert role_from_groups(MAPPING, ["panel", "buyers"]) == "procurement"
    assert role_from_groups(MAPPING, ["panel", "winnow-admins"]) == "admin"


def test_unmapped_groups_give_no_role_unless_everyone_has_one():
    assert role_from_groups(MAPPING, ["sales"]) is None
    assert role_from_groups({**MAPPING, "*": "reviewer"}, ["sales"]) == "reviewer"


def test_a_mapping_line_must_name_a_group_and_a_role():
    assert group_roles_parse("# admins\nwinnow-admins = Admin\n\n*=reviewer") == {
        "winnow-admins": "admin",
        "*": "reviewer",
    }
    with pytest.raises(ValueError, match="Line 2"):
        group_roles_parse("a=admin\nb=owner")


def test_groups_come_from_userinfo_the_id_token_or_saml_attributes():
    assert groups_in({"userinfo": {"groups": ["a", "b"]}, "id_token": {}}, "groups") == ["a", "b"]
    assert groups_in({"id_token": {"roles": "a"}}, "roles") == ["a"]
    assert groups_in({"memberOf": ["x"]}, "memberOf") == ["x"]
    assert groups_in({"userinfo": {}}, "groups") == []


@pytest.fixture
def northwind(db: None):
    organisation = organisation_create(
        name="Northwind Retail",
        by=UserFactory(email="founder@northwind.test"),
        domains=["northwind.test"],
    )
    SingleSignOn.objects.create(
        organisation=organisation,
        enabled=True,
        oidc_issuer="https://idp.northwind.test",
        oidc_client_id="winnow",
        oidc_client_secret="a-long-client-secret-9f3k",
        group_roles="buyers=procurement",
    )
    return organisation


def test_sign_in_refuses_an_address_outside_the_domains_and_writes_nothing(northwind):
    with pytest.raises(SsoRefused, match=r"only admits addresses at northwind\.test"):
        sso_member_sign_in(organisation=northwind, email="x@northwind.test.evil", groups=["buyers"])
    assert not Membership.objects.filter(user__email="x@northwind.test.evil").exists()


def test_a_member_of_an_sso_only_organisation_is_sent_to_its_sign_in(northwind, client: Client):
    member = UserFactory(email="pat@northwind.test")
    Membership.objects.create(organisation=northwind, user=member, role="procurement")
    northwind.password_sign_in = False
    northwind.save()

    response = client.post("/accounts/login/", {"username": member.email, "password": PASSWORD})

    assert response.status_code == 200
    assert b"Sign in with Northwind Retail" in response.content
    assert b"?who=northwind-retail" in response.content
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_does_not_tell_that_the_organisation_uses_sso(northwind, client: Client):
    member = UserFactory(email="pat@northwind.test")
    Membership.objects.create(organisation=northwind, user=member, role="procurement")
    northwind.password_sign_in = False
    northwind.save()

    response = client.post("/accounts/login/", {"username": member.email, "password": "wrong"})

    assert b"Northwind" not in response.content


def test_staff_keep_their_password_whatever_the_organisation_says(northwind, client: Client):
    admin = UserFactory(email="ops@northwind.test", is_staff=True)
    Membership.objects.create(organisation=northwind, user=admin, role="admin")
    northwind.password_sign_in = False
    northwind.save()

    response = client.post("/accounts/login/", {"username": admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == admin.pk


def _admin_client(northwind) -> Client:
    client = Client()
    client.force_login(Membership.objects.get(organisation=northwind, role="admin").user)
    return client


SETTINGS = {
    "enabled": "on",
    "protocol": "oidc",
    "oidc_issuer": "https://login.northwind.test/realms/main",
    "oidc_client_id": "winnow-web",
    "oidc_client_secret": "",
    "groups_claim": "groups",
    "group_roles": "winnow-admins=admin\r\n*=reviewer",
    "domains": "northwind.test, @shop.northwind.test",
    "password_sign_in": "on",
}


def test_the_admin_saves_the_provider_and_the_secret_is_never_shown_back(northwind):
    client = _admin_client(northwind)

    page = client.get("/organisation/sso/")
    assert b"a-long-client-secret-9f3k" not in page.content
    assert b"\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa29f3k" in page.content
    assert b"/accounts/oidc/northwind-retail/login/callback/" in page.content

    response = client.post("/organisation/sso/", SETTINGS)

    assert response.status_code == 302
    sso = SingleSignOn.objects.get(organisation=northwind)
    assert sso.oidc_client_id == "winnow-web"
    assert sso.oidc_client_secret == "a-long-client-secret-9f3k"  # kept: the field was empty
    assert sso.group_roles == "winnow-admins=admin\n*=reviewer"
    northwind.refresh_from_db()
    assert northwind.domains == ["northwind.test", "shop.northwind.test"]
    assert b"a-long-client-secret-9f3k" not in client.get("/organisation/sso/").content


def test_password_sign_in_stays_on_until_sso_works(northwind):
    client = _admin_client(northwind)
    data = {**SETTINGS, "password_sign_in": ""}
    data.pop("enabled")

    response = client.post("/organisation/sso/", data)

    assert response.status_code == 422
    assert b"Password sign-in stays on" in response.content
    northwind.refresh_from_db()
    assert northwind.password_sign_in is True


def test_a_bad_mapping_or_certificate_is_refused_at_the_field(northwind):
    client = _admin_client(northwind)
    data = {
        **SETTINGS,
        "group_roles": "admins=boss",
        "protocol": "saml",
        "saml_certificate": "not a certificate",
    }

    response = client.post("/organisation/sso/", data)

    assert response.status_code == 422
    assert b"Line 1" in response.content
    assert b"This is not a PEM certificate." in response.content


def test_a_member_who_is_not_admin_may_not_open_the_settings(northwind):
    member = UserFactory(email="rev@northwind.test")
    Membership.objects.create(organisation=northwind, user=member, role="reviewer")
    client = Client()
    client.force_login(member)

    assert client.get("/organisation/sso/").status_code == 403
    assert client.post("/organisation/sso/", SETTINGS).status_code == 403


def test_the_sign_in_page_offers_the_organisation_entry(client: Client, db: None):
    page = client.get("/accounts/login/")
    assert b"Sign in with your organisation" in page.content
    assert b'href="/accounts/sso/"' in page.content


def test_an_unknown_organisation_is_told_at_the_field(client: Client, northwind):
    response = client.post("/accounts/sso/", {"who": "someone@unknown.test"})
    assert response.status_code == 422
    assert b"No organisation signs in with single sign-on" in response.content


def test_an_address_in_the_domain_goes_to_the_organisation_provider(client: Client, northwind):
    from unittest import mock

    config = {
        "issuer": "https://idp.northwind.test",
        "authorization_endpoint": "https://idp.northwind.test/authorize",
        "token_endpoint": "https://idp.northwind.test/token",
        "userinfo_endpoint": "https://idp.northwind.test/userinfo",
        "jwks_uri": "https://idp.northwind.test/jwks",
    }
    with mock.patch(
        "allauth.socialaccount.providers.openid_connect.views."
        "OpenIDConnectOAuth2Adapter.openid_config",
        new_callable=mock.PropertyMock,
        return_value=config,
    ):
        response = client.post("/accounts/sso/", {"who": "Pat@Northwind.test"})

    assert response.status_code == 200
    url = leaving_for(response.content)
    assert url.startswith("https://idp.northwind.test/authorize?")
    assert "client_id=winnow" in url
    assert b'http-equiv="refresh"' in response.content


def test_sso_does_not_take_over_an_account_of_another_organisation(northwind):
    """An organisation's admins choose its provider and its domains: what it asserts must
    not open an account that another organisation shares."""
    rival = organisation_create(name="Rival Retail", by=UserFactory(email="rita@rival.test"))
    shared = UserFactory(email="pat@northwind.test")
    Membership.objects.create(organisation=rival, user=shared, role="admin")

    with pytest.raises(SsoRefused, match="also belongs to another organisation"):
        sso_member_sign_in(organisation=northwind, email=shared.email, groups=["buyers"])

    assert not Membership.objects.filter(organisation=northwind, user=shared).exists()


def test_sso_never_signs_in_a_staff_account(northwind):
    staff = UserFactory(email="ops@northwind.test", is_staff=True)

    with pytest.raises(SsoRefused, match="administers this Winnow"):
        sso_member_sign_in(organisation=northwind, email=staff.email, groups=["buyers"])


def test_a_domain_belongs_to_one_organisation_only(northwind):
    rival_admin = UserFactory(email="rita@rival.test")
    organisation_create(name="Rival Retail", by=rival_admin)
    client = Client()
    client.force_login(rival_admin)

    response = client.post(
        "/organisation/sso/",
        {**SETTINGS, "oidc_client_secret": "another-secret-0000", "domains": "northwind.test"},
    )

    assert response.status_code == 422
    assert b"northwind.test is a verified domain of another organisation" in response.content
