"""Shared by the single sign-on tests: the test provider's people, an organisation set up
for single sign-on, and a person signing in at the provider with a plain HTTP session."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import requests

from tests.factories import UserFactory
from tests.oidc_provider.process import Provider
from vetting.models import Organisation, SingleSignOn
from vetting.services.organisations import organisation_create

PROVIDER_PASSWORD = "provider-pass-1"
PROVIDER_USERS = [
    {
        "username": "alice",
        "email": "alice@northwind.test",
        "first_name": "Alice",
        "last_name": "Admin",
        "groups": ["winnow-admins", "staff-everyone"],
    },
    {
        "username": "bob",
        "email": "bob@northwind.test",
        "first_name": "Bob",
        "last_name": "Bright",
        "groups": ["winnow-reviewers"],
    },
    {"username": "carol", "email": "carol@northwind.test", "groups": []},
    {"username": "eve", "email": "eve@elsewhere.test", "groups": ["winnow-admins"]},
]
for _person in PROVIDER_USERS:
    _person["password"] = PROVIDER_PASSWORD

GROUP_ROLES = "winnow-admins=admin\nwinnow-reviewers=reviewer"


def northwind_with_oidc(provider: Provider, **changes: object) -> Organisation:
    """Northwind Retail (slug northwind-retail), verified domain northwind.test, single
    sign-on through the test provider; its first admin signs in with a password."""
    organisation = organisation_create(
        name="Northwind Retail",
        by=UserFactory(email="founder@northwind.test"),
        domains=["northwind.test"],
    )
    SingleSignOn.objects.create(
        organisation=organisation,
        enabled=True,
        protocol="oidc",
        oidc_issuer=provider.issuer,
        oidc_client_id=provider.client_id,
        oidc_client_secret=provider.client_secret,
        group_roles=GROUP_ROLES,
        **changes,
    )
    return organisation


def leaving_for(page: bytes) -> str:
    """Where Winnow's "taking you to your provider" page goes next."""
    found = re.search(rb'id="sso-continue" href="([^"]+)"', page)
    assert found, page[:500]
    return html.unescape(found.group(1).decode())


def provider_sign_in(authorize_url: str, username: str, stop_at: str) -> str:
    """Sign in at the provider as `username` and follow its redirects until one leaves for
    `stop_at` (Winnow's callback): that URL, with the code and state."""
    session = requests.Session()
    url = authorize_url
    for _ in range(10):
        if url.startswith(stop_at):
            return url
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code in (301, 302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        if "csrfmiddlewaretoken" in response.text:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
            nxt = re.search(r'name="next" value="([^"]*)"', response.text)
            response = session.post(
                url,
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "username": username,
                    "password": PROVIDER_PASSWORD,
                    "next": nxt.group(1).replace("&amp;", "&") if nxt else "",
                },
                headers={"Referer": url},
                allow_redirects=False,
                timeout=10,
            )
            assert response.status_code == 302, response.text[:500]
            url = urljoin(url, response.headers["Location"])
            continue
        raise AssertionError(f"Unexpected answer from the provider at {url}: {response.text[:300]}")
    raise AssertionError("Too many redirects at the provider")
