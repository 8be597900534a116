"""Single sign-on in the browser, through a real OpenID Connect provider (a second process,
tests/oidc_provider): a new person at Northwind Retail signs in with their organisation from
the sign-in page, lands in Northwind with the role their provider groups give (admin), sees the
Northwind round whose panel she is put on, and cannot reach Rival Retail's round by its URL
or through the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import EngagementFactory, UserFactory
from tests.oidc_provider.process import Provider, oidc_provider
from tests.sso_helpers import PROVIDER_PASSWORD, PROVIDER_USERS, northwind_with_oidc
from vetting.models import Membership
from vetting.roles import Role
from vetting.services.organisations import organisation_create

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    callback = f"{live_server.url}/accounts/oidc/northwind-retail/login/callback/"
    scratch = Path(tmp_path_factory.mktemp("oidc-e2e"))
    with oidc_provider(scratch, redirect_uris=[callback], users=PROVIDER_USERS) as running:
        yield running


def test_a_person_signs_in_with_their_organisation_and_sees_only_its_rounds(
    page: Page, live_server, provider: Provider, console_errors
) -> None:
    base = live_server.url
    northwind = northwind_with_oidc(provider)
    founder = Membership.objects.get(organisation=northwind).user
    ours = EngagementFactory(owner=founder, title="Northwind spring launch")
    rival_owner = UserFactory(email="rita@rival.test", role=Role.PROCUREMENT)
    Membership.objects.filter(user=rival_owner).delete()
    rival = organisation_create(name="Rival Retail", by=rival_owner)
    theirs = EngagementFactory(owner=rival_owner, organisation=rival, title="Rival secret round")
    assert ours.organisation_id == northwind.pk

    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Sign in with your organisation").click()
    page.get_by_label("Your work email or your organisation's short name").fill(
        "alice@northwind.test"
    )
    page.get_by_role("button", name="Continue to your organisation").click()

    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()

    page.wait_for_url(f"{base}/**")
    page.get_by_test_id("account-menu").click()
    expect(page.get_by_test_id("current-organisation")).to_have_text("Working in Northwind Retail")
    alice = Membership.objects.get(user__email="alice@northwind.test")
    assert (alice.organisation_id, alice.role) == (northwind.pk, "admin")

    page.goto(f"{base}/organisation/")
    expect(page.get_by_test_id("member-alice@northwind.test")).to_contain_text("Alice Admin")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "sso_landed.png", full_page=True)
    # As an admin she sees the organisation's single sign-on, never its client secret.
    page.get_by_role("link", name="Single sign-on").click()
    expect(page.get_by_role("heading", name="Single sign-on", level=1)).to_be_visible()
    expect(page.get_by_label("Client ID")).to_have_value(provider.client_id)
    expect(page.get_by_label("Client secret")).to_have_value("")
    expect(page.get_by_test_id("oidc-redirect")).to_have_text(
        f"{base}/accounts/oidc/northwind-retail/login/callback/"
    )
    assert provider.client_secret not in page.content()
    page.screenshot(path=SCREENSHOTS / "sso_settings.png", full_page=True)

    ours.reviewers.add(alice.user)  # the founder puts her on the panel of their round
    page.goto(f"{base}/engagements/{ours.pk}/")
    expect(page.get_by_role("heading", name="Northwind spring launch")).to_be_visible()
    response = page.goto(f"{base}/engagements/{theirs.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_text("Rival secret round")).to_have_count(0)

    api = page.request.get(f"{base}/api/v1/engagements/{theirs.pk}/")
    assert api.status == 404
    listed = page.request.get(f"{base}/api/v1/engagements/")
    assert listed.ok
    titles = [row["title"] for row in listed.json()["results"]]
    assert "Northwind spring launch" in titles
    assert "Rival secret round" not in titles
    # The two 404s asked for above are the only errors the browser logged (no CSP refusal).
    assert [e for e in console_errors if "404 (Not Found)" not in e] == []
