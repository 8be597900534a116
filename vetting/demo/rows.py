"""Helpers the demo modules share for writing rows: an upsert that puts a row back to its
seeded values (so running the seed again resets the demo instead of adding to it), and
repeatable moments, so every run spreads the demo's times the same way."""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Model

from vetting.models import User

M = TypeVar("M", bound=Model)


def upsert(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any], *, by: User | None = None
) -> M:
    """Find the row by `lookup` (or start it) and give it `values`: running the seed again
    resets the demo instead of adding to it. `by` is who the history records as the author."""
    row = model._default_manager.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(row, name, value)
    row._history_user = by
    row.full_clean()
    row.save()
    return row


def moment(start: datetime, end: datetime, salt: str) -> datetime:
    """A repeatable moment between start and end, spread differently for each salt."""
    return start + (end - start) * (zlib.crc32(salt.encode()) % 1000 / 1000)
