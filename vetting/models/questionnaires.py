"""The self-assessment as data: a versioned questionnaire and its questions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices
from vetting.scoring.rubric import CRITERIA, Criterion, criteria_of

CRITERION_CHOICES = [(c.key, c.label) for c in CRITERIA]


class QuestionKind(TextChoices):
    """What a question asks for, and so how it is shown, checked and stored (`Answer.value`):
    a number (an int), a short text on one line or a long one (a str), one or several of
    the question's options (an option's key, or a list of keys), yes or no (a bool), a date
    (an ISO date, a str), a web address (a str), files (a list of `EvidenceFile` ids), or
    the accomplishments list (a list of items: `vetting.answers.ITEM_FIELDS`)."""

    NUMBER = "number", gettext_lazy("Whole number")
    TEXT = "text", gettext_lazy("Long text")
    SHORT_TEXT = "short_text", gettext_lazy("Short text")
    SINGLE_CHOICE = "single_choice", gettext_lazy("One choice")
    MULTIPLE_CHOICE = "multiple_choice", gettext_lazy("Several choices")
    YES_NO = "yes_no", gettext_lazy("Yes or no")
    DATE = "date", gettext_lazy("Date")
    URL = "url", gettext_lazy("Web address")
    FILE = "file", gettext_lazy("File evidence")
    ACCOMPLISHMENTS = "accomplishments", gettext_lazy("List of accomplishments")


# A template's own questions are placed from here on; below it are the core questions
# (the built-in template's, which every template keeps and the scoring service reads).
CUSTOM_POSITIONS = 100

# What a question of a template is, as the builder's form, its JSON and the API take it
# (its key and place are the template's business): one list for the three.
QUESTION_FIELDS = (
    "prompt",
    "help_text",
    "kind",
    "criterion",
    "section",
    "required",
    "min_value",
    "max_value",
    "unit",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "options",
    "bands",
    "must_have",
    "read_signals",
    "translations",
)

# What of a question is shown in the reader's language when the template gives it
# (`Question.translations`): the rest (kind, limits, points, keys) is the same in every one.
TRANSLATED_FIELDS = ("prompt", "help_text", "unit", "section")

# Kinds whose answer is one of the question's options, or several.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


class AccomplishmentArea(TextChoices):
    MONETIZATION = "monetization", gettext_lazy("Monetization (revenue, sales, leads)")
    PR = "pr", gettext_lazy("PR (coverage, reputation)")
    DATABASE_BUILDING = "database_building", gettext_lazy("Database building (lists, customers)")

    @property
    def short_label(self) -> str:
        """The name without what it covers ("Monetization"), for a control too narrow for
        the whole label (a phone's dropdown); the page says what each covers beside it."""
        return self.label.partition(" (")[0]


class QuestionnaireQuerySet(models.QuerySet["Questionnaire"]):
    def default(self) -> Questionnaire:
        return self.filter(is_default=True).order_by("-version").first() or self.latest("version")

    def published(self) -> QuestionnaireQuerySet:
        return self.filter(status=TemplateStatus.PUBLISHED)


class TemplateStatus(TextChoices):
    """A template is edited as a draft; publishing freezes it (rounds may then use it, and
    answers point at its questions); a change after that is a new version, a draft copy."""

    DRAFT = "draft", gettext_lazy("Draft")
    PUBLISHED = "published", gettext_lazy("Published")


class Questionnaire(models.Model):
    """A set of questions. Once any answer refers to it, it is frozen: change a copy."""

    title = models.CharField(max_length=120, default="Social media consultant self-assessment")
    version = models.PositiveIntegerField()
    is_default = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Offered first when procurement opens a new engagement."),
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who builds it: a procurement user's own template; none for the built-in core template
    # (the seven questions every template starts from, which the scoring service reads).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    # The buyer organisation a template of a buyer's belongs to (its procurement people
    # may use it); none for the built-in core template.
    organisation = models.ForeignKey(
        "vetting.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    status = models.CharField(
        max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.PUBLISHED
    )
    # The buyer's own criteria, scored beside the core seven and weighted by each round
    # like them: [{"key": "own_regulated", "label": "Regulated industries", "summary":
    # "...", "weight": 10}] in the order shown ("weight": the one a new round starts from).
    # A key never changes once a question feeds it (answers, ratings and cards name it).
    custom_criteria = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="questionnaire_version_unique"),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_questionnaire",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    @property
    def is_frozen(self) -> bool:
        """True once a submission has answered it: edits would rewrite what people answered."""
        return self.questions.filter(answers__isnull=False).exists()

    @property
    def is_draft(self) -> bool:
        return self.status == TemplateStatus.DRAFT

    @property
    def is_core(self) -> bool:
        return self.owner_id is None

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria its rounds score: the core seven, then the template's own."""
        return criteria_of(self.custom_criteria)


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(
        max_length=60,
        help_text=gettext_lazy("Stable identifier the scoring service reads, e.g. first_steps."),
    )
    # A core criterion's key or one of the template's own (`Questionnaire.custom_criteria`).
    criterion = models.CharField(max_length=40)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    prompt = models.CharField(max_length=300)
    help_text = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    # Limits: numbers use min/max value, text min/max length, lists min/max items.
    min_value = models.IntegerField(null=True, blank=True)
    max_value = models.IntegerField(null=True, blank=True)
    min_length = models.PositiveIntegerField(null=True, blank=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    min_items = models.PositiveSmallIntegerField(null=True, blank=True)
    max_items = models.PositiveSmallIntegerField(null=True, blank=True)
    # A number's unit, as the pages print it after the number ("years", "people", "hours").
    unit = models.CharField(max_length=30, blank=True)
    # Choices: [{"key": "instagram", "label": "Instagram", "points": 2}, ...] in the order
    # shown; a key never changes once answered (answers store it), a label may.
    options = models.JSONField(default=list, blank=True)
    # The heading a buyer's own question is shown under (the core questions are shown by
    # the criterion they feed).
    section = models.CharField(max_length=80, blank=True)
    # A number's points by band: [{"min": 0, "max": 2, "points": 0}, {"min": 3, "max": None,
    # "points": 2}] (either end open), checked not to overlap by the builder's form.
    bands = models.JSONField(default=list, blank=True)
    # Texts: read for the field's warning signs and signs of the real thing, as the core
    # long answers are (their flags go on the card; no points of their own).
    read_signals = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Texts only: flag warning signs and signs of the real thing."),
    )
    # Yes or no: a "no" does not meet a condition the buyer will not hire without.
    must_have = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Yes or no only: answering no takes the consultant out."),
    )
    # The question in other languages than the one it was written in: {"de": {"prompt": ...,
    # "help_text": ..., "unit": ..., "section": ..., "options": {option key: label}}, ...};
    # whatever is missing is shown as written. Answers stay in the language they were given.
    translations = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"], name="question_key_unique_per_questionnaire"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.prompt}"

    @property
    def is_core(self) -> bool:
        """One of the core questions, which every template keeps as they are."""
        return self.position < CUSTOM_POSITIONS

    @property
    def option_labels(self) -> dict[str, str]:
        """Option key -> label in the reader's language, for the pages that print an answer."""
        shown = self._translation().get("options") or {}
        return {
            str(o.get("key")): str(shown.get(str(o.get("key"))) or o.get("label", ""))
            for o in self.options or []
        }

    def _translation(self) -> dict[str, Any]:
        """The template's words for the reader's language ({} when it gives none)."""
        if not self.translations:
            return {}
        code = translation.get_language() or ""
        return self.translations.get(code) or self.translations.get(code.split("-")[0]) or {}

    def shown(self, field: str) -> str:
        """`field` (one of TRANSLATED_FIELDS) in the reader's language, else as written."""
        return self._translation().get(field) or getattr(self, field)

    @property
    def shown_prompt(self) -> str:
        return self.shown("prompt")

    @property
    def shown_help_text(self) -> str:
        return self.shown("help_text")

    @property
    def shown_unit(self) -> str:
        return self.shown("unit")

    @property
    def shown_section(self) -> str:
        return self.shown("section")

    @property
    def shown_options(self) -> list[dict[str, Any]]:
        """The options with their labels in the reader's language (keys and points as they are)."""
        labels = self.option_labels
        return [{**o, "label": labels.get(str(o.get("key")), o.get("label"))} for o in self.options]
