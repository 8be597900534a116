"""Choices whose labels are translated (`gettext_lazy`) but read as plain strings.

`Status.SUBMITTED.label` gives the label as a `str` in the active language, like
`get_status_display()` does, so that a label reaching an export cell, JSON or a comparison
is text, never a lazy translation object. `Status.choices` and `Status.labels` keep the lazy
labels, for the form and model fields declared at import time (translated when shown).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.enums import ChoicesType, enum_property


class TranslatedChoicesType(ChoicesType):
    @property
    def choices(cls) -> list[tuple[Any, Any]]:
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member._label_) for member in cls]


class TextChoices(models.TextChoices, metaclass=TranslatedChoicesType):
    @enum_property
    def label(self) -> str:
        return str(self._label_)
