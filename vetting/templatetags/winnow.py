"""Small template helpers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django import template

from vetting import badges, i18n
from vetting.access import can
from vetting.answers import ITEM_LIMITS
from vetting.i18n import LANGUAGE_CHOICES, criterion_words, in_sentence, question_words, say_again
from vetting.models.questionnaires import AccomplishmentArea
from vetting.money import format_money

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
def answer_display(value: Any, question: Any) -> str:
    """`{{ field.value|answer_display:field.question }}`: see `vetting.answers.answer_display`."""
    from vetting.answers import answer_display as display

    return display(question, value)


@register.filter
def area_label(value: Any) -> str:
    """An accomplishment's area as people read it: "monetization" -> "Monetization (revenue,
    sales, leads)"; an unknown value shows as stored."""
    try:
        return AccomplishmentArea(value).label
    except ValueError:
        return value or ""


@register.simple_tag(name="status_badge")
def status_badge_tag(value: Any, label: Any) -> str:
    """`{% status_badge check.status check.get_status_display %}`: a status as a badge, the
    same for every model (vetting/badges.py)."""
    return badges.status_badge(str(value), str(label))


@register.simple_tag
def item_limit(name: str) -> int:
    """The text limit of an accomplishment's field ("what", "result", "evidence_url")."""
    return ITEM_LIMITS[name]


@register.filter
def area_short_label(value: Any) -> str:
    """An accomplishment's area by its name alone: "monetization" -> "Monetization"."""
    try:
        return AccomplishmentArea(value).short_label
    except ValueError:
        return value or ""


@register.filter(name="in_sentence", is_safe=True)
def in_sentence_filter(value: Any) -> Any:
    """`{{ label|in_sentence }}`: a label as it stands inside a sentence in the reader's
    language (vetting.i18n.in_sentence): "in progress" in English, "Kunde" in German. A
    list gives a list (`answers|in_sentence|join:", "`)."""
    if isinstance(value, list | tuple):
        return [in_sentence(item) for item in value]
    return in_sentence(value)


@register.filter
def subtract(value: Any, other: Any) -> float:
    return float(value) - float(other)


@register.simple_tag
def language_names() -> list[tuple[str, str]]:
    """The languages, each in its own name ("Deutsch", not the reader's word for it)."""
    return LANGUAGE_CHOICES


@register.filter
def criterion_named(key: Any, criteria: Any) -> str:
    """A criterion's name from its key, among an engagement's `criteria`, in the reader's
    language: `{{ rating.criterion|criterion_named:engagement.criteria }}`."""
    for item in criteria or ():
        found = item.get("key") if isinstance(item, Mapping) else getattr(item, "key", None)
        if found == key:
            return criterion_words(item)[0]
    return str(key).replace("_", " ")


@register.filter
def criterion_label(item: Any) -> str:
    """A criterion's name in the reader's language (a Criterion or a card's criterion)."""
    return criterion_words(item)[0]


@register.filter
def criterion_summary(item: Any) -> str:
    return criterion_words(item)[1]


@register.filter
def money(value: Any, currency: Any) -> str:
    """An amount in a currency, in the reader's language (vetting/money.py): 1234.5, "EUR"
    -> "1,234.50 EUR" in English, "1.234,50 EUR" in German. Empty for no amount."""
    return format_money(value, currency)


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
def jsonify(value: Any) -> str:
    """JSON for a data- attribute; the template's autoescaping makes it safe there."""
    return json.dumps(value)


@register.filter
def zip_with(first: Any, second: Any) -> list[tuple[Any, Any]]:
    return list(zip(first, second, strict=False))


@register.filter
def evidence_lines(value: Any) -> list[str]:
    """A flag's evidence as labelled lines ("Referee said: Peer"), in the reader's language."""
    return i18n.evidence_lines(value)


@register.filter
def said(record: Any, field: str) -> str:
    """A sentence the scoring service wrote on a card or a flag (`record`: a dict of the card,
    or a model), in the reader's language: `{{ flag|said:"message" }}` (see
    vetting/scoring/said.py)."""
    if isinstance(record, Mapping):
        return say_again(record.get(field), record.get(f"{field}_said"))
    return say_again(getattr(record, field, ""), getattr(record, f"{field}_said", None))


@register.filter
def rule_label(code: Any) -> str:
    """A text rule's code as words ("buyers_own_people" -> "buyers own people")."""
    return str(code).replace("_", " ")


@register.filter
def question_label(key: Any) -> str:
    """A scored question's key as the name a buyer reads, in their language."""
    return question_words(key)


@register.simple_tag
def may(perm: str, user: Any, obj: Any = None) -> bool:
    """`{% may "vetting.view_scores" user submission as sees %}`: the access layer's answer,
    as `{% has_perm %}` gives it, without asking Django's model permissions (a query)."""
    return can(user, perm, obj)
