"""Query-string filters that mean what the schema says: a value of the wrong type is a 400.

django-filter reads a boolean it does not recognise (`?consent_to_contact=null`, `=yes`)
as "no filter", so a typo silently returns everything. Here a boolean filter takes `true`
or `false` (any case) and refuses the rest; list endpoints build their filter sets on
`FilterSet` (the auto-generated ones too, through `FilterBackend`), so every boolean model
field filters strictly.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as drf_filters
from django_filters.rest_framework.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

BOOLEANS = {"true": True, "false": False}


class StrictBooleanField(forms.Field):
    """`true` or `false` (any case); absent means no filter."""

    widget = forms.TextInput
    default_error_messages = {"invalid": gettext_lazy("Give true or false.")}

    def to_python(self, value: Any) -> bool | None:
        if value in self.empty_values:
            return None
        try:
            return BOOLEANS[str(value).lower()]
        except KeyError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class FilterSet(drf_filters.FilterSet):
    """django-filter's FilterSet for DRF, with strict booleans for boolean model fields."""

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }


class FilterBackend(drf_filters.DjangoFilterBackend):
    """Builds a view's `filterset_fields` on our strict `FilterSet`. An invalid value is a
    400 with the field's error (django-filter's default), and so are two things
    django-filter lets pass: several values for a filter that takes one (it reads the
    last) and an empty value for a typed one (it reads "no filter")."""

    filterset_base = FilterSet

    def get_filterset(
        self, request: Request, queryset: QuerySet, view: APIView
    ) -> django_filters.FilterSet | None:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            problems = {
                name: [problem]
                for name, filter_ in filterset.filters.items()
                if (problem := _query_problem(filter_, request.query_params.getlist(name)))
            }
            if problems:
                raise ValidationError(problems)
        return filterset


def _query_problem(filter_: django_filters.Filter, values: list[str]) -> str | None:
    if len(values) > 1 and not getattr(filter_.field.widget, "allow_multiple_selected", False):
        return _("Give one value.")
    if "" in values and not isinstance(filter_.field, forms.CharField):
        return _("Give a value, or leave the parameter out.")
    return None
