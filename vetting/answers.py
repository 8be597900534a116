"""Checking one answer against its question's limits.

An answer is saved as typed (a draft) even when it does not meet the limits yet, so nothing
is lost; `check_answer` says whether it is complete and, if not, what to fix.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from vetting.limits import check_length, text_length
from vetting.models.questionnaires import AccomplishmentArea, Question, QuestionKind

ITEM_FIELDS = ("area", "what", "result", "evidence_url", "reference")
# The limits of an accomplishment's fields (the page's counters read them too).
ITEM_LIMITS = {"what": 1000, "result": 500, "evidence_url": 500}
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Checked:
    value: Any  # what to store: the cleaned value when complete, else the raw input
    complete: bool
    errors: list[str] = field(default_factory=list)
    # Accomplishments: per item, field -> message.
    item_errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or any(self.item_errors))


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    return False


def check_answer(question: Question, raw: Any, *, reference_ids: Collection[int] = ()) -> Checked:
    """Check `raw` (a string, or a list of accomplishment dicts) against `question`."""
    if question.kind == QuestionKind.NUMBER:
        return _check_number(question, raw)
    if question.kind == QuestionKind.TEXT:
        return _check_text(question, raw)
    return _check_accomplishments(question, raw, reference_ids)


def _required(question: Question) -> Checked:
    if question.required:
        return Checked(None, False, ["This question needs an answer before you submit."])
    return Checked(None, True)


def _check_number(question: Question, raw: Any) -> Checked:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return _required(question)
    try:
        number = int(text)
    except ValueError:
        return Checked(text, False, ["Enter a whole number of years, for example 6."])
    low, high = question.min_value, question.max_value
    if low is not None and number < low:
        return Checked(text, False, [f"Enter a number of at least {low}."])
    if high is not None and number > high:
        return Checked(text, False, [f"Enter a number of at most {high}."])
    return Checked(number, True)


def _check_text(question: Question, raw: Any) -> Checked:
    text = str(raw) if raw is not None else ""
    if not text.strip():
        return _required(question)
    length = text_length(text)
    if question.min_length and length < question.min_length:
        return Checked(
            text,
            False,
            [
                f"Write at least {question.min_length} characters (you have {length}): "
                "buyers look for specifics."
            ],
        )
    too_long = check_length(text, question.max_length)
    if too_long:
        return Checked(text, False, [too_long])
    return Checked(text, True)


def _check_item(item: dict[str, str], reference_ids: Collection[int]) -> dict[str, str]:
    errors = {}
    if item["area"] not in AccomplishmentArea.values:
        errors["area"] = "Choose monetization, PR or database building."
    what = item["what"].strip()
    if len(what) < 20:
        errors["what"] = "Say what you did in at least 20 characters."
    for name, limit in ITEM_LIMITS.items():
        too_long = check_length(item[name], limit)
        if too_long:
            errors[name] = too_long
    url = item["evidence_url"].strip()
    if url and "evidence_url" not in errors:
        try:
            _url(url)
        except ValidationError:
            errors["evidence_url"] = "Enter a full web address, starting with https://."
    if item["reference"]:
        try:
            known = int(item["reference"]) in reference_ids
        except ValueError:
            known = False
        if not known:
            errors["reference"] = "Choose one of the references named on your profile."
    return errors


def normalise_items(raw: Any) -> list[dict[str, str]]:
    """Keep the item fields we know, as strings, and drop rows left entirely empty."""
    items = []
    for row in raw if isinstance(raw, list) else []:
        if not isinstance(row, dict):
            continue
        item = {name: str(row.get(name) or "") for name in ITEM_FIELDS}
        if any(item[name].strip() for name in ITEM_FIELDS if name != "area"):
            items.append(item)
    return items


def _check_accomplishments(question: Question, raw: Any, reference_ids: Collection[int]) -> Checked:
    items = normalise_items(raw)
    if not items:
        checked = _required(question)
        checked.value = []
        return checked
    item_errors = [_check_item(item, reference_ids) for item in items]
    errors = []
    low, high = question.min_items or 0, question.max_items
    if len(items) < low:
        errors.append(f"List at least {low} accomplishment{'s' if low > 1 else ''}.")
    if high is not None and len(items) > high:
        errors.append(f"List {high} accomplishments at most; keep your strongest.")
    complete = not errors and not any(item_errors)
    return Checked(items, complete, errors, item_errors)


# Answers checked against each other. They never block submitting (the scoring flags them);
# the consultant is warned next to the question so a typo can be fixed.
YEARS_SOCIAL, YEARS_CLIENTS = "years_social_media", "years_for_clients"


def cross_warnings(values: Mapping[str, Any]) -> dict[str, str]:
    """Question key -> a warning, from the answers' values by question key."""
    social, clients = values.get(YEARS_SOCIAL), values.get(YEARS_CLIENTS)
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (social, clients))
    if numbers and clients > social:
        return {
            YEARS_CLIENTS: "More years for clients than years in social media: check the figures."
        }
    return {}
