"""The API validates input with the same forms as the pages, so a rule (and its message)
lives in one place. These helpers run a form on JSON data and raise DRF's 400."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from rest_framework import serializers


def as_form_data(data: dict[str, Any]) -> QueryDict:
    """JSON values as a form would post them (lists as repeated keys, booleans as on/off)."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, (list, tuple)):
            query.setlist(key, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                query[key] = "on"
        elif value is not None:
            query[key] = str(value)
    return query


def validated(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a 400 with its errors by field."""
    if not form.is_valid():
        errors = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in form.errors.items()
        }
        raise serializers.ValidationError(errors)
    return form.cleaned_data
