"""What a request says about the person sending it, for the fraud signals of reference
checks (the referee's address and browser against the consultant's)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_fingerprint(request: HttpRequest) -> tuple[str | None, str]:
    """The address and browser of a request (behind a proxy, the client's address)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    count = settings.AXES_IPWARE_PROXY_COUNT or 0
    ip = request.META.get("REMOTE_ADDR")
    if count and forwarded:
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        ip = parts[-count] if len(parts) >= count else ip
    return ip, request.META.get("HTTP_USER_AGENT", "")[:300]
