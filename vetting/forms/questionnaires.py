"""The question builder's forms: a template's title, one question, and a template to import
(each imported question is checked by the same QuestionForm as one typed in)."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models import Question, QuestionKind
from vetting.models.questionnaires import (
    CHOICE_KINDS,
    CRITERION_CHOICES,
    QUESTION_FIELDS,
    TRANSLATED_FIELDS,
)
from vetting.scoring.rubric import CUSTOM_MAX, CUSTOM_PREFIX, Criterion, criteria_of

# Which limits apply to which kinds (the page shows only those; the rest are cleared).
LIMITS_BY_KIND = {
    "min_value": {QuestionKind.NUMBER},
    "max_value": {QuestionKind.NUMBER},
    "unit": {QuestionKind.NUMBER},
    "min_length": {QuestionKind.TEXT, QuestionKind.SHORT_TEXT},
    "max_length": {QuestionKind.TEXT, QuestionKind.SHORT_TEXT},
    "min_items": {QuestionKind.MULTIPLE_CHOICE, QuestionKind.FILE, QuestionKind.ACCOMPLISHMENTS},
    "max_items": {QuestionKind.MULTIPLE_CHOICE, QuestionKind.FILE, QuestionKind.ACCOMPLISHMENTS},
    "options": CHOICE_KINDS,
    "bands": {QuestionKind.NUMBER},
    "must_have": {QuestionKind.YES_NO},
    "read_signals": {QuestionKind.TEXT, QuestionKind.SHORT_TEXT},
}
MAX_OPTIONS = 30

# The languages a question can be given in besides the one it is written in (English, the
# site's), and the parts of it that are words: (label, widget, most characters).
TRANSLATION_LANGUAGES = [(c, n) for c, n in settings.LANGUAGES if c != settings.LANGUAGE_CODE]
TRANSLATION_PARTS: dict[str, tuple[Any, forms.Widget, int]] = {
    "prompt": (gettext_lazy("Question"), forms.TextInput(), 300),
    "help_text": (gettext_lazy("Help for the consultant"), forms.Textarea(attrs={"rows": 2}), 2000),
    "unit": (gettext_lazy("Unit"), forms.TextInput(), 30),
    "section": (gettext_lazy("Section"), forms.TextInput(), 80),
    "options": (
        gettext_lazy("Options, one per line in the same order"),
        forms.Textarea(attrs={"rows": 3}),
        4000,
    ),
}


class TemplateForm(TextLimits, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        help_text=gettext_lazy(
            "What the questions are for, as buyers will pick it when opening a round, "
            "e.g. 'Restaurant chain: Instagram'."
        ),
    )


def _options_text(options: list[dict[str, Any]]) -> str:
    """Options as the form shows them: one per line, "Label = points"."""
    lines = []
    for option in options or []:
        points = option.get("points")
        lines.append(option["label"] + ("" if points is None else f" = {points}"))
    return "\n".join(lines)


def _parse_options(text: str, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines of "Label" or "Label = points" into options; an option keeps the key it had
    (answers store the key) when its label is unchanged."""
    known = {o["label"]: o["key"] for o in previous or []}
    options, keys = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, sep, points_text = line.rpartition("=") if "=" in line else (line, "", "")
        label = label.strip()
        points: int | None = None
        if sep:
            try:
                points = int(points_text.strip())
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)s: after '=' give whole points, e.g. 'Instagram = 2'.")
                    % {"number": number}
                ) from None
            if not -100 <= points <= 100:
                raise forms.ValidationError(
                    _("Line %(number)s: points go from -100 to 100.") % {"number": number}
                )
        if not label or len(label) > 120:
            raise forms.ValidationError(
                _("Line %(number)s: give a label of 1 to 120 characters.") % {"number": number}
            )
        key = known.get(label) or _option_key(label, keys)
        if key in keys:
            raise forms.ValidationError(
                _("Line %(number)s: '%(label)s' is listed twice.")
                % {"number": number, "label": label}
            )
        keys.add(key)
        options.append({"key": key, "label": label, "points": points})
    return options


BAND = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d+)?|(\+))?\s*=\s*(-?\d+)\s*$")


def _bands_text(bands: list[dict[str, Any]]) -> str:
    """Bands as the form shows them: "0-2 = 0", "3-5 = 1", "6+ = 2", "4 = 1"."""
    lines = []
    for band in bands or []:
        low, high = band["min"], band.get("max")
        span = f"{low}+" if high is None else (f"{low}" if high == low else f"{low}-{high}")
        lines.append(f"{span} = {band['points']}")
    return "\n".join(lines)


def _parse_bands(text: str) -> list[dict[str, Any]]:
    """Lines of "from-to = points" (or "from+ = points", or "n = points") into bands in
    order, none overlapping."""
    bands = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = BAND.match(line)
        if match is None:
            raise forms.ValidationError(
                _(
                    "Line %(number)s: write a band as 'from-to = points', e.g. '3-5 = 1' "
                    "(or '6+ = 2' for six and more)."
                )
                % {"number": number}
            )
        low, dash, high, plus, points = match.groups()
        low = int(low)
        top = None if plus or (dash and high is None) else int(high if dash else low)
        if top is not None and top < low:
            raise forms.ValidationError(
                _("Line %(number)s: the band ends before it starts.") % {"number": number}
            )
        if not -100 <= int(points) <= 100:
            raise forms.ValidationError(
                _("Line %(number)s: points go from -100 to 100.") % {"number": number}
            )
        bands.append({"min": low, "max": top, "points": int(points)})
    bands.sort(key=lambda b: b["min"])
    for before, after in itertools.pairwise(bands):
        if before["max"] is None or before["max"] >= after["min"]:
            raise forms.ValidationError(
                _("The bands from %(first)s and from %(second)s overlap.")
                % {"first": before["min"], "second": after["min"]}
            )
    return bands


def _option_key(label: str, taken: set[str]) -> str:
    from django.utils.text import slugify

    base = slugify(label).replace("-", "_")[:40] or "option"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class QuestionForm(TextLimits, forms.ModelForm):
    """One of a template's own questions. Limits that do not apply to the kind chosen are
    cleared, so a question never carries a limit the page does not show."""

    options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "One option per line. Add points after '=' to score it, e.g. "
            "'Instagram = 2'; options without points score nothing."
        ),
        label=gettext_lazy("Options"),
    )

    bands = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("Points by band"),
        help_text=gettext_lazy(
            "One band per line, e.g. '0-2 = 0', '3-5 = 1', '6+ = 2'. A number in no band "
            "scores nothing."
        ),
    )

    class Meta:
        model = Question
        # Options and bands are typed as lines (the fields above), translations one field per
        # language and part (added in __init__), the rest as the model has them.
        fields = [
            name for name in QUESTION_FIELDS if name not in ("options", "bands", "translations")
        ]
        labels = {
            "prompt": gettext_lazy("Question"),
            "help_text": gettext_lazy("Help for the consultant"),
            "criterion": gettext_lazy("Criterion it feeds"),
            "section": gettext_lazy("Section"),
            "required": gettext_lazy("An answer is needed to submit"),
            "must_have": gettext_lazy("Must-have: a 'no' takes the consultant out"),
            "read_signals": gettext_lazy("Read it for warning signs and signs of the real thing"),
            "min_items": gettext_lazy("Fewest items or choices"),
            "max_items": gettext_lazy("Most items or choices"),
            "kind": gettext_lazy("Kind"),
            "min_value": gettext_lazy("Min value"),
            "max_value": gettext_lazy("Max value"),
            "unit": gettext_lazy("Unit"),
            "min_length": gettext_lazy("Min length"),
            "max_length": gettext_lazy("Max length"),
        }
        help_texts = {
            "section": gettext_lazy("A heading to group your questions under, e.g. 'Your team'."),
            "criterion": gettext_lazy(
                "Reviewers rate the answer with this criterion's other answers."
            ),
        }
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self, *args: Any, criteria: tuple[Criterion, ...] | None = None, **kwargs: Any
    ) -> None:
        """`criteria`: those the question may feed, the template's (the core seven and its
        own); the core seven when not given."""
        super().__init__(*args, **kwargs)
        self.fields["criterion"] = forms.ChoiceField(
            label=self.fields["criterion"].label,
            help_text=self.fields["criterion"].help_text,
            choices=[(c.key, c.label) for c in criteria] if criteria else CRITERION_CHOICES,
            error_messages={
                "invalid_choice": gettext_lazy(
                    "Choose one of the template's criteria (add your own "
                    "criterion on the template's page first)."
                )
            },
        )
        if self.instance.pk and not self.is_bound:
            self.initial["options"] = _options_text(self.instance.options)
            self.initial["bands"] = _bands_text(self.instance.bands)
        self._add_translation_fields()

    def _add_translation_fields(self) -> None:
        """The question in each other language: "<part>__<code>" fields (the page's), or the
        whole `translations` object (an imported template, the API)."""
        self.fields["translations"] = forms.JSONField(required=False)
        saved = self.instance.translations or {}
        for code, name in TRANSLATION_LANGUAGES:
            words = saved.get(code) or {}
            for part, (label, widget, limit) in TRANSLATION_PARTS.items():
                field_name = f"{part}__{code}"
                self.fields[field_name] = forms.CharField(
                    label=format_lazy("{} ({})", label, name),
                    required=False,
                    max_length=limit,
                    widget=widget,
                    # An options line left empty keeps its place (that option as written).
                    strip=part != "options",
                )
                if part == "options":
                    labels = words.get("options") or {}
                    self.initial[field_name] = "\n".join(
                        labels.get(o["key"], "") for o in self.instance.options or []
                    ).rstrip("\n")
                else:
                    self.initial[field_name] = words.get(part, "")

    @property
    def translations_given(self) -> bool:
        return bool(self.instance.translations)

    @property
    def translation_errors(self) -> bool:
        return any(
            f"{part}__{code}" in self.errors
            for code, _name in TRANSLATION_LANGUAGES
            for part in TRANSLATION_PARTS
        )

    @property
    def translation_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(language name, its fields), for the page."""
        return [
            (name, [self[f"{part}__{code}"] for part in TRANSLATION_PARTS])
            for code, name in TRANSLATION_LANGUAGES
        ]

    def _clean_translations(self, options: list[dict[str, Any]]) -> dict[str, Any]:
        typed = any(f"prompt__{code}" in self.data for code, _ in TRANSLATION_LANGUAGES)
        given = self.cleaned_data.get("translations")
        if not typed and given is None:
            return dict(self.instance.translations or {})
        result: dict[str, Any] = {}
        for code, _name in TRANSLATION_LANGUAGES:
            if typed:
                words = {p: self.cleaned_data.get(f"{p}__{code}", "") for p in TRANSLATION_PARTS}
                lines = [line.strip() for line in (words.pop("options") or "").splitlines()]
                labels = {o["key"]: line for o, line in zip(options, lines, strict=False) if line}
                if len([line for line in lines if line]) > len(options):
                    self.add_error(
                        f"options__{code}",
                        _("Give at most one label per option (%(count)s), in the same order.")
                        % {"count": len(options)},
                    )
            else:
                if not isinstance(given, dict):
                    self.add_error(
                        "translations", _('Give an object of languages, e.g. {"de": {...}}.')
                    )
                    return {}
                words = given.get(code) or {}
                if not isinstance(words, dict):
                    self.add_error(
                        "translations", _("'%(code)s' must be an object.") % {"code": code}
                    )
                    continue
                labels = words.get("options") or {}
                if not isinstance(labels, dict):
                    self.add_error(
                        "translations",
                        _("'%(code)s.options' must map option keys to labels.") % {"code": code},
                    )
                    continue
                labels = {
                    k: str(v)[:120] for k, v in labels.items() if k in {o["key"] for o in options}
                }
            kept = {
                p: " ".join(str(words.get(p) or "").split())
                if p != "help_text"
                else str(words.get(p) or "").strip()
                for p in TRANSLATED_FIELDS
            }
            kept = {p: v[: TRANSLATION_PARTS[p][2]] for p, v in kept.items() if v}
            if labels:
                kept["options"] = labels
            if kept:
                result[code] = kept
        return result

    def clean_bands(self) -> list[dict[str, Any]]:
        return _parse_bands(self.cleaned_data.get("bands") or "")

    def clean_options(self) -> list[dict[str, Any]]:
        return _parse_options(self.cleaned_data.get("options") or "", self.instance.options)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        for name, kinds in LIMITS_BY_KIND.items():
            if kind not in kinds and name in data:
                data[name] = (
                    []
                    if name in ("options", "bands")
                    else (False if name in ("must_have", "read_signals") else None)
                )
        data["unit"] = data.get("unit") or ""
        options = data.get("options") or []
        if kind in CHOICE_KINDS and len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        if len(options) > MAX_OPTIONS:
            self.add_error("options", _("Give %(count)s options at most.") % {"count": MAX_OPTIONS})
        for low, high in (
            ("min_value", "max_value"),
            ("min_length", "max_length"),
            ("min_items", "max_items"),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("This must not be below the lowest."))
        data["translations"] = self._clean_translations(options)
        self.instance.translations = data["translations"]
        for code, _name in TRANSLATION_LANGUAGES:  # now in `translations`
            for part in TRANSLATION_PARTS:
                data.pop(f"{part}__{code}", None)
        return data


class CriterionForm(TextLimits, forms.Form):
    """One of a template's own criteria: what reviewers rate and the round weights."""

    label = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=60,
        help_text=gettext_lazy(
            "What you score, as the card and the ranking name it, e.g. 'Regulated industries'."
        ),
    )
    summary = forms.CharField(
        label=gettext_lazy("What a strong consultant shows"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Reviewers rate against it, e.g. 'Years of work for banks or insurers, "
            "with the compliance steps they followed'."
        ),
    )
    weight = forms.IntegerField(
        label=gettext_lazy("Suggested weight (%)"),
        min_value=0,
        max_value=100,
        initial=10,
        help_text=gettext_lazy("Where a new round's weights start; each round sets its own."),
    )

    def __init__(self, *args: Any, taken: tuple[Criterion, ...] = (), **kwargs: Any) -> None:
        """`taken`: the template's criteria besides this one (their names must differ)."""
        super().__init__(*args, **kwargs)
        self.taken = taken

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if label.casefold() in {c.label.casefold() for c in self.taken}:
            raise forms.ValidationError(_("The template has a criterion of this name already."))
        return label


class TemplateImportForm(TextLimits, forms.Form):
    """A template file exported from Winnow (JSON): its title and its own questions, each
    checked as if typed in the builder; every problem is listed by question."""

    file = forms.FileField(
        label=gettext_lazy("Template file (.json)"),
        help_text=gettext_lazy(
            "A template exported from Winnow: 'Export as JSON' on a template's page."
        ),
    )
    MAX_BYTES = 512 * 1024

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("This file is too large for a template (512 KB at most).")
            )
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise forms.ValidationError(_("This is not a template file: it is not JSON.")) from None
        return template_from_export(data)


def template_from_export(data: Any) -> dict[str, Any]:
    """A template as exported (see services.template_export), checked: its title and its
    own questions, each checked by the QuestionForm as if typed in the builder. Every
    problem is listed by question (a ValidationError of them all)."""
    if not isinstance(data, dict) or data.get("format") != "winnow-template/1":
        raise forms.ValidationError(
            _("This is not a Winnow template file (it has no 'format': 'winnow-template/1').")
        )
    questions = data.get("questions")
    if not isinstance(questions, list) or len(questions) > 200:
        raise forms.ValidationError(_("The file's 'questions' must be a list (200 at most)."))
    title = str(data.get("title") or "").strip()[:120] or _("Imported template")
    own, problems = _criteria_from_export(data.get("criteria"))
    criteria = criteria_of(own)
    checked = []
    for number, raw in enumerate(questions, start=1):
        if not isinstance(raw, dict):
            problems.append(_("Question %(number)s: not an object.") % {"number": number})
            continue
        form = QuestionForm(data=question_form_data(raw), criteria=criteria)
        if form.is_valid():
            checked.append({"key": str(raw.get("key") or "")[:60], **form.cleaned_data})
        else:
            for field, errors in form.errors.items():
                problems.extend(
                    (
                        _("Question %(number)s: %(error)s")
                        if field == "__all__"
                        else _("Question %(number)s (%(field)s): %(error)s")
                    )
                    % {"number": number, "field": field, "error": e}
                    for e in errors
                )
    if problems:
        raise forms.ValidationError(problems)
    return {"title": title, "criteria": own, "questions": checked}


def _criteria_from_export(raw: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """A template file's own criteria, each checked as if typed in the builder (their keys
    kept: its questions name them), and the problems found."""
    if raw is None:
        return [], []
    if not isinstance(raw, list) or len(raw) > CUSTOM_MAX:
        return [], [
            _("The file's 'criteria' must be a list (%(count)s at most).") % {"count": CUSTOM_MAX}
        ]
    own: list[dict[str, Any]] = []
    problems = []
    for number, item in enumerate(raw, start=1):
        key = str(item.get("key") or "") if isinstance(item, dict) else ""
        if not key.startswith(CUSTOM_PREFIX) or not re.fullmatch(r"[a-z0-9_]{5,40}", key):
            problems.append(
                _("Criterion %(number)s: its key must look like 'own_regulated'.")
                % {"number": number}
            )
            continue
        form = CriterionForm(data=item, taken=tuple(criteria_of(own)))
        if form.is_valid():
            own.append({"key": key, **form.cleaned_data})
        else:
            problems.extend(
                _("Criterion %(number)s (%(field)s): %(error)s")
                % {"number": number, "field": field, "error": e}
                for field, es in form.errors.items()
                for e in es
            )
    return own, problems


def question_form_data(raw: dict[str, Any]) -> dict[str, Any]:
    """An exported question as the builder's form would post it."""
    data = {k: v for k, v in raw.items() if k not in ("options", "bands") and v is not None}
    if isinstance(raw.get("bands"), list):
        bands = [b for b in raw["bands"] if isinstance(b, dict) and "min" in b and "points" in b]
        data["bands"] = _bands_text(bands)
    if isinstance(raw.get("options"), list):
        data["options"] = _options_text(
            [o for o in raw["options"] if isinstance(o, dict) and "label" in o]
        )
    for flag in ("required", "must_have", "read_signals"):
        if flag in data and not data[flag]:
            data.pop(flag)  # an unticked box is absent from a form post
    return data
