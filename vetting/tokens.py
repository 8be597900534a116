"""Private links: random tokens of which only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits of randomness


def new_token() -> tuple[str, str]:
    """A fresh (raw token for the link, SHA-256 hex digest to store) pair."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
