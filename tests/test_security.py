"""Security headers and template hygiene."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
