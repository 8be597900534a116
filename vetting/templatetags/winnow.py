"""Small template helpers."""

from __future__ import annotations

import json
from typing import Any

from django import template

from vetting.models.questionnaires import AccomplishmentArea
from vetting.scoring import evidence
from vetting.scoring.answers import QUESTION_LABELS
from vetting.scoring.rubric import CRITERION_KEYS

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
def area_label(value: Any) -> str:
    """An accomplishment's area as people read it: "monetization" -> "Monetization (revenue,
    sales, leads)"; an unknown value shows as stored."""
    try:
        return AccomplishmentArea(value).label
    except ValueError:
        return value or ""


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


@register.filter
def pairs_first(pairs: Any) -> list[Any]:
    return [first for first, _ in pairs]


@register.filter
def pairs_second(pairs: Any) -> list[Any]:
    return [second for _, second in pairs]


@register.filter
def jsonify(value: Any) -> str:
    """JSON for a data- attribute; the template's autoescaping makes it safe there."""
    return json.dumps(value)


@register.filter
def zip_with(first: Any, second: Any) -> list[tuple[Any, Any]]:
    return list(zip(first, second, strict=False))


@register.filter
def radar_series(submissions: Any) -> list[dict[str, Any]]:
    """Each submission's criteria (0-100) for the compare page's radar chart."""
    series = []
    for submission in submissions:
        card = getattr(submission, "scorecard", None)
        values = [
            round((getattr(card, key, None) or 0) * 100) if card else 0 for key in CRITERION_KEYS
        ]
        series.append({"label": submission.consultant.name, "values": values})
    return series


@register.filter
def evidence_lines(value: Any) -> list[str]:
    """A flag's evidence as labelled lines ("Referee said: Peer")."""
    return evidence.describe(value)


@register.filter
def rule_label(code: Any) -> str:
    """A text rule's code as words ("buyers_own_people" -> "buyers own people")."""
    return str(code).replace("_", " ")


@register.filter
def question_label(key: Any) -> str:
    """A scored question's key as the name a buyer reads."""
    return QUESTION_LABELS.get(str(key), str(key).replace("_", " "))
