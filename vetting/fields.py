"""Form fields that refuse values the database cannot hold with the usual message instead of
a 500: model choices with an id beyond a bigint (a crafted 2**80 would otherwise reach the
query), and moments with an offset PostgreSQL refuses (Python allows up to 24 hours, the
database 15:59)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1


def _plausible(value: Any) -> bool:
    try:
        return 0 < int(str(value)) <= LARGEST_ID
    except (TypeError, ValueError):
        return False


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _plausible(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for item in value or []:
            if not _plausible(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class UtcDateTimeField(forms.DateTimeField):
    """A moment, read in UTC: "2026-12-05T10:00-18:59" is the same moment as
    "2026-12-06T04:59Z", which every database stores."""

    def to_python(self, value: Any) -> Any:
        moment = super().to_python(value)
        if moment is None or moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # past year 9999 in UTC
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
