"""Small template helpers."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`mapping|get_item:key`, trying the key as given and as an int (ids come as strings)."""
    if not mapping or key in (None, ""):
        return None
    if key in mapping:
        return mapping[key]
    try:
        return mapping.get(int(key))
    except (TypeError, ValueError):
        return None


@register.filter
def subtract(value: Any, other: Any) -> float:
    return float(value) - float(other)


@register.filter
def percent(value: Any) -> str:
    """0.734 -> "73%"."""
    if value is None:
        return ""
    return f"{float(value) * 100:.0f}%"


@register.filter
def percent_number(value: Any) -> str:
    """0.734 -> "73.40", for SVG widths (never a locale's decimal comma)."""
    return f"{float(value or 0) * 100:.2f}"
