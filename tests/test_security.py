"""Security headers and template hygiene."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, submitted_with_checks
from vetting.models import EngagementStatus
from vetting.services import invite_new

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/"])
@pytest.mark.django_db
def test_every_page_sends_a_self_only_content_security_policy(client, url):
    response = client.get(url)

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _page_templates() -> list[Path]:
    return [p for p in TEMPLATES.rglob("*.html") if "emails" not in p.parts]


@pytest.mark.parametrize("template", _page_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_style_or_safe_filter(template):
    text = template.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+=\"", text), "inline event handler"
    assert not re.search(r"<style", text), "inline <style>"
    assert not re.search(r"\sstyle=\"", text), "inline style attribute"
    assert "|safe" not in text
    assert "autoescape off" not in text


@pytest.mark.django_db
def test_static_assets_are_served_from_our_own_origin(client):
    page = client.get("/accounts/login/").text

    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert sources
    assert all(src.startswith("/static/") for src in sources)
    for src in sources:
        assert client.get(src).status_code == 200, src


@pytest.mark.django_db
def test_htmx_is_version_2(client):
    asset = client.get("/static/vendor/htmx/htmx.min.js")
    content = b"".join(asset.streaming_content)

    assert b'version:"2.' in content


# Cache-Control: what a signed-in user sees, and confidential anonymous pages, are never
# stored by a browser or a proxy.

NO_STORE = {"private", "no-store"}


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    "url", ["/", "/my/invitations/", "/profile/", "/accounts/tokens/", "/accounts/login/"]
)
@pytest.mark.django_db
def test_every_page_to_a_signed_in_user_is_private_and_not_stored(client, consultant, url):
    client.force_login(consultant)

    response = client.get(url)

    assert _directives(response) >= NO_STORE, (response.status_code, url)
    assert "public" not in _directives(response)


@pytest.mark.django_db
def test_a_signed_in_users_error_and_redirect_responses_are_not_stored_either(client, consultant):
    client.force_login(consultant)

    assert _directives(client.get("/engagements/999999/")) >= NO_STORE
    assert _directives(client.get("/home/")) >= NO_STORE


@pytest.mark.django_db
def test_api_responses_to_a_token_or_a_session_are_private_and_not_stored(procurement):
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(procurement)[1]}")
    by_session = APIClient()
    by_session.force_login(procurement)

    for api in (by_token, by_session):
        assert _directives(api.get("/api/v1/engagements/")) >= NO_STORE
        assert _directives(api.get("/api/v1/engagements/999999/")) >= NO_STORE


@pytest.mark.django_db
def test_anonymous_public_pages_keep_their_caching(client):
    for url in ("/", "/accounts/signup/", "/api/schema/"):
        assert "no-store" not in _directives(client.get(url)), url


@pytest.mark.django_db
def test_static_files_and_healthz_are_unaffected(client, consultant):
    client.force_login(consultant)

    static = client.get("/static/vendor/htmx/htmx.min.js")
    health = client.get("/healthz")

    assert "public" in _directives(static)  # WhiteNoise's own header
    # never_cache's own header, as before.
    assert _directives(health) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


@pytest.mark.django_db
def test_the_referees_form_is_not_stored_even_anonymously(
    client, procurement, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check = submitted_with_checks(consultant=consultant, owner=procurement)
        check = check.reference_checks.first()
    (email,) = [m for m in mail.outbox if m.to == [check.referee_email]]
    path = re.search(r"http://127\.0\.0\.1:8000(/r/(\S+)/)", email.body)

    page = client.get(path.group(1))
    api = client.get(f"/api/v1/referee/{path.group(2)}/")

    assert page.status_code == api.status_code == 200
    assert _directives(page) >= NO_STORE
    assert _directives(api) >= NO_STORE


@pytest.mark.django_db
def test_the_invitation_page_is_not_stored_even_anonymously(
    client, procurement, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        invite_new(engagement=engagement, by=procurement, name="Nadia K", email="n@k.example")
    path = re.search(r"http://127\.0\.0\.1:8000(/invitations/\S+/)", mail.outbox[-1].body)

    response = client.get(path.group(1))

    assert response.status_code == 200
    assert _directives(response) >= NO_STORE
