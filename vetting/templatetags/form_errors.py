"""`{% form_errors form %}`: the one place a form's error summary is rendered.

A stale-version refusal (someone changed the record while you were editing) is not a field
problem: it is shown on its own, once, and the "each one is marked below" summary appears
only when a field is actually marked.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

from vetting.concurrency import STALE

register = template.Library()


@register.inclusion_tag("includes/form_errors.html")
def form_errors(
    form: forms.BaseForm, non_field_inline: bool = False, current_url: str = ""
) -> dict[str, Any]:
    """`non_field_inline`: the page shows the other form-wide errors itself, next to the
    fields they concern (the engagement's weights); `current_url`: where the current
    version of the record can be read."""
    errors = form.non_field_errors().as_data()
    stale = [e for e in errors if e.code == STALE]
    others = [m for e in errors if e.code != STALE for m in e.messages]
    fields_marked = any(name != NON_FIELD_ERRORS for name in form.errors)
    return {
        "stale": [m for e in stale for m in e.messages][:1],
        "others": [] if non_field_inline else others,
        "summary": fields_marked or (non_field_inline and bool(others)),
        "current_url": current_url,
    }


@register.filter
def without_stale(form: forms.BaseForm) -> list[str]:
    """The form-wide errors other than a stale-version refusal (for pages that show them
    next to the fields they concern)."""
    return [m for e in form.non_field_errors().as_data() if e.code != STALE for m in e.messages]
