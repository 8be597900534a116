"""Small pieces the process endpoints share: JSON bodies, form errors by API field, and the
owner rule."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from vetting.api.parsers import BoundedJSONParser


class JsonBodies:
    """Endpoints whose bodies nest (ratings by criterion, verdicts by accomplishment) take
    JSON only: a form encoding of them would be ambiguous."""

    parser_classes = [BoundedJSONParser]


ID_MAX = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id in the query string, such as `?engagement=3`: a whole number that fits a
    database integer (anything else is a 400, not a failed query)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


def fits_an_id(value: Any) -> bool:
    """A whole number a database integer holds (given as a number or as digits)."""
    if isinstance(value, bool):
        return False
    try:
        return 0 <= int(str(value)) <= ID_MAX
    except ValueError:
        return False


def body(request: Request) -> dict[str, Any]:
    """The request's JSON object (a list or a bare value is a 400, not a crash)."""
    data = request.data
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return data


def as_choice(data: dict[str, Any], key: str, yes: str = "yes", no: str = "no") -> None:
    """A JSON boolean for a yes/no radio field of a page's form (anything else stays as
    sent, so that the form reports it)."""
    value = data.get(key)
    if isinstance(value, bool):
        data[key] = yes if value else no


def nested_errors(form: forms.BaseForm, groups: dict[str, str]) -> dict[str, Any]:
    """The form's errors by API field: `rating_<criterion>` becomes
    `{"ratings": {"<criterion>": [...]}}` for `groups={"rating_": "ratings"}`."""
    errors: dict[str, Any] = {}
    for field, messages in form.errors.items():
        name = "non_field_errors" if field == "__all__" else field
        for prefix, group in groups.items():
            if name.startswith(prefix):
                errors.setdefault(group, {})[name.removeprefix(prefix)] = messages
                break
        else:
            errors[name] = messages
    return errors


def validated_nested(form: forms.BaseForm, groups: dict[str, str]) -> dict[str, Any]:
    if not form.is_valid():
        raise serializers.ValidationError(nested_errors(form, groups))
    return form.cleaned_data


def dict_of(data: dict[str, Any], key: str, known: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """An optional object of values by key (criteria, accomplishment indexes); unknown keys
    are a 400 on that field."""
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise serializers.ValidationError(
            {key: [_("Give an object keyed by %(keys)s") % {"keys": ", ".join(known)}]}
        )
    unknown = sorted(set(map(str, value)) - set(known))
    if unknown:
        raise serializers.ValidationError(
            {key: [_("Unknown key: %(keys)s.") % {"keys": ", ".join(unknown)}]}
        )
    return value
