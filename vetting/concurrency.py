"""Optimistic locking for records two people (or two browser tabs) can edit at once.

A form carries the version it was rendered from; the service locks the row, compares, and
bumps the version. A stale form is refused with a clear message instead of silently
overwriting someone else's change.
"""

from __future__ import annotations

from django.db import models


class StaleVersionError(Exception):
    """The record changed since the form was opened."""

    message = (
        "This record was changed in another window or by someone else since you opened it. "
        "Your changes are still in the form but were not saved: reload the page to see the "
        "latest version, then apply them again."
    )

    def __str__(self) -> str:
        return self.message


def claim_version(instance: models.Model, expected_version: int | None) -> None:
    """Lock the row, check the version the editor saw, and move the instance to the next one.

    Call inside `transaction.atomic()`. `expected_version=None` skips the comparison (a
    service acting on fresh data, such as a management command).
    """
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .get()
    )
    if expected_version is not None and current != expected_version:
        raise StaleVersionError
    instance.version = current + 1
