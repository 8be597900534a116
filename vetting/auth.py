"""Sign-in helpers."""

from __future__ import annotations

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    """The key django-axes counts failures under: emails compare without case, so
    "Ann@X.com" and "ann@x.com" share one counter."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
