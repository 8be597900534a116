"""Single sign-on with SAML 2.0: Winnow sends an AuthnRequest to the organisation's
identity provider, and the signed answer (made here with a key pair created for the test)
signs the person in to the organisation with their mapped role; an answer whose signature
does not match (tampered with after signing, or signed by another key) or that has expired
is refused with a clear page and signs nobody in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.saml_idp import (
    ENTITY_ID,
    SSO_URL,
    SamlIdp,
    make_idp,
    request_id,
    signed_response,
    tampered,
)
from tests.sso_helpers import leaving_for
from vetting.models import Membership, Organisation, SingleSignOn, User
from vetting.services.organisations import SESSION_KEY, organisation_create

pytestmark = pytest.mark.django_db

ACS = "http://testserver/accounts/saml/northwind-retail/acs/"
AUDIENCE = "http://testserver/accounts/saml/northwind-retail/metadata/"
HOST = {"host": "testserver"}  # a browser always sends it; python3-saml reads it


@pytest.fixture(scope="module")
def idp() -> SamlIdp:
    return make_idp()


@pytest.fixture
def northwind(idp: SamlIdp) -> Organisation:
    organisation = organisation_create(
        name="Northwind Retail",
        by=UserFactory(email="founder@northwind.test"),
        domains=["northwind.test"],
    )
    SingleSignOn.objects.create(
        organisation=organisation,
        enabled=True,
        protocol="saml",
        saml_entity_id=ENTITY_ID,
        saml_sso_url=SSO_URL,
        saml_certificate=idp.cert_body,
        group_roles="winnow-buyers=procurement\nwinnow-admins=admin",
    )
    return organisation


def _start(client: Client) -> str:
    page = client.post("/accounts/sso/", {"who": "sam@northwind.test"}, headers=HOST)
    assert page.status_code == 200, page.content[:300]
    url = leaving_for(page.content)
    assert url.startswith(SSO_URL + "?SAMLRequest=")
    return request_id(url)


def _post_answer(client: Client, encoded: str):
    kept = client.post(
        "/accounts/saml/northwind-retail/acs/", {"SAMLResponse": encoded}, headers=HOST
    )
    assert kept.status_code == 302
    return client.get(kept["Location"], headers=HOST)


def _answer(idp: SamlIdp, wanted: str, **changes: object) -> str:
    fields = {
        "in_response_to": wanted,
        "acs_url": ACS,
        "audience": AUDIENCE,
        "email": "sam@northwind.test",
        "groups": ["winnow-buyers", "everyone"],
    }
    return signed_response(idp, **{**fields, **changes})


def test_a_signed_answer_signs_the_person_in_to_the_organisation_with_the_mapped_role(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    wanted = _start(client)

    response = _post_answer(client, _answer(idp, wanted))

    assert response.status_code == 302, response.content[:500]
    sam = User.objects.get(email="sam@northwind.test")
    assert (sam.first_name, sam.last_name) == ("Sam", "Lee")
    assert Membership.objects.get(user=sam, organisation=northwind).role == "procurement"
    assert int(client.session["_auth_user_id"]) == sam.pk
    assert client.session[SESSION_KEY] == northwind.pk


def test_an_answer_changed_after_signing_is_refused_with_a_clear_page(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    wanted = _start(client)
    forged = tampered(_answer(idp, wanted), "winnow-buyers", "winnow-admins")

    response = _post_answer(client, forged)

    assert response.status_code == 400
    assert b"could not be accepted: its signature does not match" in response.content
    assert b"Northwind Retail" in response.content
    assert not User.objects.filter(email="sam@northwind.test").exists()
    assert "_auth_user_id" not in client.session


def test_an_answer_signed_by_another_key_is_refused(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    wanted = _start(client)

    response = _post_answer(client, _answer(make_idp(), wanted))

    assert response.status_code == 400
    assert b"its signature does not match" in response.content
    assert not User.objects.filter(email="sam@northwind.test").exists()


def test_an_expired_answer_is_refused_with_a_clear_page(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    wanted = _start(client)

    response = _post_answer(client, _answer(idp, wanted, valid_for=timedelta(minutes=-10)))

    assert response.status_code == 400
    assert b"could not be accepted: it has expired" in response.content
    assert "_auth_user_id" not in client.session


def test_an_answer_nobody_asked_for_is_refused(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    response = _post_answer(client, _answer(idp, "_never-sent"))

    assert response.status_code == 400
    assert b"does not belong to a sign-in started in this browser" in response.content
    assert not User.objects.filter(email="sam@northwind.test").exists()


def test_a_signed_answer_for_an_address_outside_the_domains_is_refused(
    client: Client, idp: SamlIdp, northwind: Organisation
) -> None:
    wanted = _start(client)

    response = _post_answer(client, _answer(idp, wanted, email="sam@elsewhere.test"))

    assert response.status_code == 403
    assert b"is not an address of Northwind Retail" in response.content
    assert not User.objects.filter(email="sam@elsewhere.test").exists()


def test_the_settings_page_reads_idp_metadata(client: Client, idp: SamlIdp, northwind) -> None:
    admin = Membership.objects.get(organisation=northwind, role="admin").user
    client.force_login(admin)
    metadata = (
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/e">'
        f'<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        f'<md:KeyDescriptor use="signing">'
        f'<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
        f"<ds:X509Certificate>{idp.cert_body}</ds:X509Certificate></ds:X509Data>"
        f"</ds:KeyInfo></md:KeyDescriptor>"
        f'<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso"/>'
        f"</md:IDPSSODescriptor></md:EntityDescriptor>"
    )

    response = client.post(
        "/organisation/sso/",
        {
            "enabled": "on",
            "protocol": "saml",
            "saml_metadata": metadata,
            "groups_claim": "groups",
            "group_roles": "winnow-admins=admin",
            "domains": "northwind.test",
            "password_sign_in": "on",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    sso = SingleSignOn.objects.get(organisation=northwind)
    assert (sso.saml_entity_id, sso.saml_sso_url) == (
        "https://idp.example.test/e",
        "https://idp.example.test/sso",
    )
    assert sso.saml_certificate == idp.cert_body


def test_winnow_serves_its_service_provider_metadata_for_the_idp(
    client: Client, northwind: Organisation
) -> None:
    response = client.get("/accounts/saml/northwind-retail/metadata/", headers=HOST)

    assert response.status_code == 200
    assert f'entityID="{AUDIENCE}"'.encode() in response.content
    assert f'Location="{ACS}"'.encode() in response.content
