"""Signing webhook requests, and verifying them (for receivers, and our tests).

Standard Webhooks (https://www.standardwebhooks.com): each request carries
`webhook-id` (the event's id, the idempotency key), `webhook-timestamp` (Unix seconds) and
`webhook-signature` ("v1," + base64 of HMAC-SHA256 over "<id>.<timestamp>.<body>" keyed with
the endpoint's secret). The `standardwebhooks` package does the HMAC and the checks; a
receiver in any language can do the same with its standard library (docs/webhooks.md).

Secrets are "whsec_" + base64 of 32 random bytes: the form the Standard Webhooks libraries
read (they base64-decode what follows the prefix, so a URL-safe token would be mangled).
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

__all__ = ["WebhookVerificationError", "headers_for", "new_secret", "sign", "verify"]

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)
# A request older (or newer) than this is refused by `verify`: a replay of a captured request.
TOLERANCE_SECONDS = 5 * 60


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: "v1,<base64 HMAC-SHA256>"."""
    return Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, tz=UTC), body)


def headers_for(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


def verify(secret: str, body: bytes, headers: Mapping[str, str]) -> Any:
    """The payload (parsed JSON) if the headers sign this body with this secret within the
    5-minute window; WebhookVerificationError otherwise (tampered body, wrong secret,
    missing headers, a timestamp too old or too new)."""
    return Webhook(secret).verify(body, {k.lower(): v for k, v in headers.items()})
