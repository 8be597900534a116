"""Choices whose labels are translated (`gettext_lazy`) but read as plain strings.

`Status.SUBMITTED.label` gives the label as a `str` in the active language, like
`get_status_display()` does, so that a label reaching an export cell, JSON or a comparison
is text, never a lazy translation object. `Status.choices` keeps the lazy labels, for form
fields and model fields declared at import time.
"""

from __future__ import annotations

from django.db import models
from django.db.models.enums import enum_property


class TextChoices(models.TextChoices):
    @enum_property
    def label(self) -> str:
        return str(self._label_)
