"""Text limits, one rule for every limited field of the app.

A field keeps everything typed or pasted: the page never sets the browser's `maxlength`
(which cuts a paste without a word), a counter next to the field says how much is too long,
and the server refuses the value with the same words at the field, keeping what was typed.

Characters are counted as a person sees them: a line break is one character whatever the
browser sent (forms post "\\r\\n"), and the blank space around the text does not count.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import ngettext

LIMIT_ATTR = "data-limit"


def text_length(value: str) -> int:
    """The length a person sees (and the page's counter shows)."""
    return len(value.replace("\r\n", "\n").strip())


def too_long_message(*, limit: int, length: int) -> str:
    """ "312 characters too long: the limit is 4,000." """
    over = length - limit
    return ngettext(
        "%(over)s character too long: the limit is %(limit)s.",
        "%(over)s characters too long: the limit is %(limit)s.",
        over,
    ) % {
        "over": number_format(over, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


def check_length(value: str, limit: int | None) -> str:
    """The too-long message for `value`, or "" when it fits (or there is no limit)."""
    if not limit:
        return ""
    length = text_length(value)
    return too_long_message(limit=limit, length=length) if length > limit else ""


@deconstructible
class TooLongValidator(MaxLengthValidator):
    """Django's MaxLengthValidator, saying how much is too long in plain words."""

    def __call__(self, value: Any) -> None:
        message = check_length(str(value), self.limit_value)
        if message:
            raise ValidationError(message, code=self.code, params={"limit_value": self.limit_value})


def limit_field(field: forms.Field) -> None:
    """Give a form field with a `max_length` the app's limit: the plain refusal, and the
    `data-limit` attribute the page's counter reads instead of the browser's `maxlength`."""
    limit = getattr(field, "max_length", None)
    if not limit or getattr(field, "limited", False):
        return
    field.limited = True
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(TooLongValidator(int(limit)))
    field.widget.attrs.pop("maxlength", None)
    if not field.widget.is_hidden:
        field.widget.attrs[LIMIT_ATTR] = str(limit)


class TextLimits(forms.BaseForm):
    """Every form of the app mixes this in first, so that every limited field follows the
    one rule above (a test checks each form class). Fields a form adds after its own
    `__init__` are limited when first used: rendering and validating both go through
    `form[name]`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit_field(field)

    def __getitem__(self, name: str) -> forms.BoundField:
        if name not in self._bound_fields_cache and name in self.fields:
            limit_field(self.fields[name])
        return super().__getitem__(name)
