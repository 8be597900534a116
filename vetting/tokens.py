"""Private links: random tokens of which only a hash is stored, and the signed sign-up link
(nothing is stored before an address is proven)."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core import signing

TOKEN_BYTES = 32  # 256 bits of randomness


def new_token() -> tuple[str, str]:
    """A fresh (raw token for the link, SHA-256 hex digest to store) pair."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


SIGN_UP_SALT = "winnow.sign-up"


def sign_up_token(*, email: str, first_name: str, last_name: str) -> str:
    """The token of the link that proves a sign-up's address: the name and address,
    signed and timestamped (no password: it is chosen at the link)."""
    claim = {"email": email, "first_name": first_name, "last_name": last_name}
    return signing.dumps(claim, salt=SIGN_UP_SALT, compress=True)


def sign_up_token_read(token: str) -> dict[str, Any]:
    """The sign-up behind a link. Raises signing.SignatureExpired after
    SIGNUP_LINK_TIMEOUT seconds, signing.BadSignature for anything not ours."""
    return signing.loads(token, salt=SIGN_UP_SALT, max_age=settings.SIGNUP_LINK_TIMEOUT)


FORM_CLOCK_SALT = "winnow.referee-form-clock"


def form_clock_start(check_id: int) -> str:
    """When a referee is shown the form, signed into the form itself (a GET writes
    nothing): the start of the clock for "completed too fast"."""
    return signing.dumps({"check": check_id, "at": time.time()}, salt=FORM_CLOCK_SALT)


def form_clock_read(value: str, check_id: int) -> datetime | None:
    """When the form was shown, if `value` is our signature for this check (and not older
    than a link lives); None otherwise: an answer that never saw the form took no time."""
    try:
        clock = signing.loads(
            value, salt=FORM_CLOCK_SALT, max_age=settings.REFERENCE_LINK_DAYS * 86400
        )
    except signing.BadSignature:
        return None
    if not isinstance(clock, dict) or clock.get("check") != check_id:
        return None
    return datetime.fromtimestamp(float(clock["at"]), tz=UTC)
