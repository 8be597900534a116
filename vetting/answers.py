"""Checking one answer against its question's limits.

An answer is saved as typed (a draft) even when it does not meet the limits yet, so nothing
is lost; `check_answer` says whether it is complete and, if not, what to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def check_answer(
    question: Question,
    raw: Any,
    *,
    reference_ids: Collection[int] = (),
    file_ids: Collection[int] = (),
) -> Checked:
    """Check `raw` against `question`: a string (numbers, texts, a choice's key, yes/no,
    dates, addresses), a list of keys (several choices) or of accomplishment dicts."""
    kind = question.kind
    if kind == QuestionKind.ACCOMPLISHMENTS:
        return _check_accomplishments(question, raw, reference_ids, file_ids)
    if kind == QuestionKind.FILE:
        return _check_files(question, raw, file_ids)
    return CHECKS[kind](question, raw)


def _check_files(question: Question, raw: Any, file_ids: Collection[int]) -> Checked:
    """A file question: the ids of the files attached to it (see services.evidence)."""
    listed = file_ids_of(raw if isinstance(raw, list) else ([raw] if raw else []))
    if not listed:
        checked = _required(question)
        checked.value = []
        return checked
    if any(file_id not in file_ids for file_id in listed):
        return Checked(
            listed, False, [_("A file listed here is not attached any more: attach it again.")]
        )
    low, high = question.min_items or 0, question.max_items
    if len(listed) < low:
        message = ngettext(
            "Attach at least %(count)s file.", "Attach at least %(count)s files.", low
        ) % {"count": low}
        return Checked(listed, False, [message])
    if high is not None and len(listed) > high:
        message = ngettext(
            "Attach %(count)s file at most.", "Attach %(count)s files at most.", high
        ) % {"count": high}
        return Checked(listed, False, [message])
    return Checked(listed, True)


def _required(question: Question) -> Checked:
    if question.required:
        return Checked(None, False, [_("This question needs an answer before you submit.")])
    return Checked(None, True)


def _check_number(question: Question, raw: Any) -> Checked:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return _required(question)
    try:
        number = int(text)
    except ValueError:
        message = (
            _("Enter a whole number of %(unit)s, for example 6.") % {"unit": question.shown_unit}
            if question.unit
            else _("Enter a whole number, for example 6.")
        )
        return Checked(text, False, [message])
    low, high = question.min_value, question.max_value
    if low is not None and number < low:
        return Checked(text, False, [_("Enter a number of at least %(low)s.") % {"low": low}])
    if high is not None and number > high:
        return Checked(text, False, [_("Enter a number of at most %(high)s.") % {"high": high}])
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
                ngettext(
                    "Write at least %(count)s character (you have %(length)s): "
                    "buyers look for specifics.",
                    "Write at least %(count)s characters (you have %(length)s): "
                    "buyers look for specifics.",
                    question.min_length,
                )
                % {"count": question.min_length, "length": length}
            ],
        )
    too_long = check_length(text, question.max_length)
    if too_long:
        return Checked(text, False, [too_long])
    return Checked(text, True)


def _check_short_text(question: Question, raw: Any) -> Checked:
    """One line: what a long text checks, with line breaks folded into spaces."""
    text = " ".join(str(raw).split()) if raw is not None else ""
    return _check_text(question, text)


def _check_single_choice(question: Question, raw: Any) -> Checked:
    key = str(raw).strip() if raw is not None else ""
    if not key:
        return _required(question)
    if key not in question.option_labels:
        return Checked(key, False, [_("Choose one of the options given.")])
    return Checked(key, True)


def _check_multiple_choice(question: Question, raw: Any) -> Checked:
    values = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    known = question.option_labels
    # In the options' order, each once: the same choices read the same however ticked.
    chosen = [key for key in known if key in {str(v) for v in values}]
    if not values:
        checked = _required(question)
        checked.value = []
        return checked
    if len(chosen) < len(set(map(str, values))):
        return Checked(chosen, False, [_("Choose among the options given.")])
    low, high = question.min_items or 0, question.max_items
    if len(chosen) < low:
        return Checked(chosen, False, [_("Choose at least %(count)s.") % {"count": low}])
    if high is not None and len(chosen) > high:
        return Checked(chosen, False, [_("Choose %(count)s at most.") % {"count": high}])
    return Checked(chosen, True)


YES = frozenset({"yes", "true", "1", "on"})
NO = frozenset({"no", "false", "0", "off"})


def _check_yes_no(question: Question, raw: Any) -> Checked:
    if isinstance(raw, bool):
        return Checked(raw, True)
    text = str(raw).strip().lower() if raw is not None else ""
    if not text:
        return _required(question)
    if text in YES or text in NO:
        return Checked(text in YES, True)
    return Checked(text, False, [_("Answer yes or no.")])


def _check_date(question: Question, raw: Any) -> Checked:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return _required(question)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return Checked(text, False, [_("Enter a date as year-month-day, for example 2027-03-01.")])
    return Checked(day.isoformat(), True)


def _check_url(question: Question, raw: Any) -> Checked:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return _required(question)
    too_long = check_length(text, question.max_length or 500)
    if too_long:
        return Checked(text, False, [too_long])
    try:
        _url(text)
    except ValidationError:
        return Checked(text, False, [_("Enter a full web address, starting with https://.")])
    return Checked(text, True)


CHECKS: dict[str, Callable[[Question, Any], Checked]] = {
    QuestionKind.NUMBER: _check_number,
    QuestionKind.TEXT: _check_text,
    QuestionKind.SHORT_TEXT: _check_short_text,
    QuestionKind.SINGLE_CHOICE: _check_single_choice,
    QuestionKind.MULTIPLE_CHOICE: _check_multiple_choice,
    QuestionKind.YES_NO: _check_yes_no,
    QuestionKind.DATE: _check_date,
    QuestionKind.URL: _check_url,
}


def _check_item(
    item: dict[str, Any], reference_ids: Collection[int], file_ids: Collection[int]
) -> dict[str, str]:
    errors = {}
    if item["area"] not in AccomplishmentArea.values:
        errors["area"] = _("Choose monetization, PR or database building.")
    what = item["what"].strip()
    if len(what) < 20:
        errors["what"] = _("Say what you did in at least %(count)s characters.") % {"count": 20}
    for name, limit in ITEM_LIMITS.items():
        too_long = check_length(item[name], limit)
        if too_long:
            errors[name] = too_long
    url = item["evidence_url"].strip()
    if url and "evidence_url" not in errors:
        try:
            _url(url)
        except ValidationError:
            errors["evidence_url"] = _("Enter a full web address, starting with https://.")
    if item["reference"]:
        try:
            known = int(item["reference"]) in reference_ids
        except ValueError:
            known = False
        if not known:
            errors["reference"] = _("Choose one of the references named on your profile.")
    if any(file_id not in file_ids for file_id in item.get("files", ())):
        errors["files"] = _("A file listed here is not attached to this answer: attach it again.")
    return errors


def normalise_items(raw: Any) -> list[dict[str, Any]]:
    """Keep the item fields we know, as strings, and drop rows left entirely empty. An
    item's evidence files are a list of `EvidenceFile` ids under "files", present only when
    it has some (so an answer without files reads as it always did)."""
    items = []
    for row in raw if isinstance(raw, list) else []:
        if not isinstance(row, dict):
            continue
        item: dict[str, Any] = {name: str(row.get(name) or "") for name in ITEM_FIELDS}
        files = file_ids_of(row.get("files"))
        if files:
            item["files"] = files
        if files or any(item[name].strip() for name in ITEM_FIELDS if name != "area"):
            items.append(item)
    return items


def without_files(value: Any) -> Any:
    """An accomplishments value without its files (copying answers to another round: the
    files belong to the submission they were attached to)."""
    if not isinstance(value, list):
        return value
    return [
        {k: v for k, v in row.items() if k != "files"} if isinstance(row, dict) else row
        for row in value
    ]


def file_ids_of(raw: Any) -> list[Any]:
    """An item's files as ids, each once, in order ("3" reads as 3; what is not a number
    is kept as typed, for `_check_item` to refuse)."""
    values = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    ids: list[Any] = []
    for value in values:
        text = str(value).strip()
        file_id = int(text) if text.isdigit() and len(text) < 19 else text
        if file_id != "" and file_id not in ids and not isinstance(value, bool):
            ids.append(file_id)
    return ids


def _check_accomplishments(
    question: Question, raw: Any, reference_ids: Collection[int], file_ids: Collection[int]
) -> Checked:
    items = normalise_items(raw)
    if not items:
        checked = _required(question)
        checked.value = []
        return checked
    item_errors = [_check_item(item, reference_ids, file_ids) for item in items]
    errors = []
    low, high = question.min_items or 0, question.max_items
    if len(items) < low:
        errors.append(
            ngettext(
                "List at least %(count)s accomplishment.",
                "List at least %(count)s accomplishments.",
                low,
            )
            % {"count": low}
        )
    if high is not None and len(items) > high:
        errors.append(
            ngettext(
                "List %(count)s accomplishment at most; keep your strongest.",
                "List %(count)s accomplishments at most; keep your strongest.",
                high,
            )
            % {"count": high}
        )
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
            YEARS_CLIENTS: _(
                "More years for clients than years in social media: check the figures."
            )
        }
    return {}


def answer_display(question: Question, value: Any) -> str:
    """A simple answer as a reader sees it, on the pages and in the exports: "6 years",
    an option's label (several, joined), "Yes"/"No", "1 March 2027". Texts and addresses
    as typed; a value that does not fit its kind (a draft) as it was typed. Not for the
    accomplishments list, which the pages lay out item by item."""
    kind = question.kind
    if value is None or value == "" or value == []:
        return ""
    if kind == QuestionKind.NUMBER and isinstance(value, int):
        unit = question.shown_unit
        if unit and value == 1 and unit.endswith("s"):
            unit = unit[:-1]  # "1 year"
        return f"{value} {unit}".strip()
    if kind == QuestionKind.YES_NO and isinstance(value, bool):
        return _("Yes") if value else _("No")
    labels = question.option_labels
    if kind == QuestionKind.SINGLE_CHOICE and isinstance(value, str):
        return labels.get(value, value)
    if kind == QuestionKind.MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(labels.get(str(key), str(key)) for key in value)
    if kind == QuestionKind.FILE and isinstance(value, list):
        return ngettext("%(count)s file", "%(count)s files", len(value)) % {"count": len(value)}
    if kind == QuestionKind.DATE and isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return date_format(day, "DATE_FORMAT")
    return str(value)
