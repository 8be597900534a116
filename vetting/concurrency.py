"""Optimistic locking for records two people (or two browser tabs) can edit at once.

A form carries the version it was rendered from; the service locks the row, compares, and
bumps the version. A stale form is refused with a clear message instead of silently
overwriting someone else's change. Version 0 means "I saw no record yet": a form that
creates the record (a first decision) is refused if someone created it meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# The code of the form error that says "someone changed this meanwhile": the form error
# partial shows it on its own, not as a field problem.
STALE = "stale"
NONE_YET = 0


class StaleVersionError(Exception):
    """The record changed since the form was opened."""

    def __init__(
        self,
        *,
        current_version: int | None = None,
        changed_by: str = "",
        changed_at: datetime | None = None,
        current: Any = None,
    ) -> None:
        super().__init__()
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        # What the record holds now, for an editor that shows it beside what this tab
        # typed (an autosaved answer; the API's 409). None when the caller does not say.
        self.current = current

    @property
    def message(self) -> str:
        at = (
            # Translators: a date format (Django's `date` filter letters): the time and day
            # of the change, as in "14:05, 4 March 2026".
            date_format(timezone.localtime(self.changed_at), _("H:i, j F Y"))
            if self.changed_at
            else ""
        )
        if self.changed_by and at:
            message = _(
                "This record was changed in another window or by someone else (by %(name)s, "
                "at %(time)s) while you were editing. Your changes were not saved; they are "
                "kept below. Check them against the current version, then save again to "
                "replace it."
            )
        elif self.changed_by:
            message = _(
                "This record was changed in another window or by someone else (by %(name)s) "
                "while you were editing. Your changes were not saved; they are kept below. "
                "Check them against the current version, then save again to replace it."
            )
        elif at:
            message = _(
                "This record was changed in another window or by someone else (at %(time)s) "
                "while you were editing. Your changes were not saved; they are kept below. "
                "Check them against the current version, then save again to replace it."
            )
        else:
            message = _(
                "This record was changed in another window or by someone else while you were "
                "editing. Your changes were not saved; they are kept below. Check them "
                "against the current version, then save again to replace it."
            )
        return message % {"name": self.changed_by, "time": at}

    def __str__(self) -> str:
        return self.message


def _last_change(instance: models.Model) -> tuple[str, datetime | None]:
    """Who made the latest change and when, from the record's history if it keeps one."""
    if instance.pk is None:
        return "", None
    history = getattr(instance, "history", None)
    latest = history.order_by("-history_date").first() if history is not None else None
    if latest is None:
        return "", None
    user = latest.history_user
    return (getattr(user, "display_name", "") or str(user or "")), latest.history_date


def claim_version(instance: models.Model, expected_version: int | None) -> None:
    """Lock the row, check the version the editor saw, and move the instance to the next one.

    Call inside `transaction.atomic()`. `expected_version=None` skips the comparison (a
    service acting on fresh data, such as a management command). An instance not saved yet
    is at version 0 (`NONE_YET`): an editor who saw a record that is gone is refused too.
    """
    current = (
        NONE_YET
        if instance.pk is None
        else type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .get()
    )
    if expected_version is not None and current != expected_version:
        changed_by, changed_at = _last_change(instance)
        raise StaleVersionError(
            current_version=current, changed_by=changed_by, changed_at=changed_at
        )
    instance.version = current + 1


def refuse_stale(form: forms.BaseForm, exc: StaleVersionError) -> None:
    """Show a stale-version refusal on the form, once and on its own (the form error partial
    tells it apart from field problems), and move the form to the current version so that
    saving again, after checking, deliberately replaces the newer change. What the user
    typed stays in the form."""
    form.add_error(None, ValidationError(exc.message, code=STALE))
    if exc.current_version is not None and "version" in form.fields:
        data: Any = form.data.copy()
        data[form.add_prefix("version")] = exc.current_version
        form.data = data
