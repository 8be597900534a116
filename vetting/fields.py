"""Model choice fields that refuse ids the database cannot hold (a crafted 2**80 would
otherwise reach the query and fail with a 500) with the usual "not a valid choice"."""

from __future__ import annotations

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
