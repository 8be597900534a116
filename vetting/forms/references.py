"""Forms of the reference checks: the referee's form, the call record, attempts, reviews."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultants.models import Reference, Relationship
from vetting.fields import SafeModelChoiceField
from vetting.limits import TextLimits
from vetting.models import CallOutcome, Channel, HireAgain, ReferenceCheck, Verdict
from vetting.models.references import NOTES_MAX, TEXT_MAX

RATINGS = [(str(n), str(n)) for n in range(1, 6)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RefereeForm(TextLimits, forms.Form):
    """The structured answers, the same whether the referee types them or a manager records
    them during a call."""

    relationship_confirmed = forms.TypedChoiceField(
        label=gettext_lazy("Is that how you worked together?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No, not quite"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether this is right.")},
    )
    relationship = forms.ChoiceField(
        label=gettext_lazy("How did you work together?"),
        choices=Relationship.choices,
        widget=forms.RadioSelect,
    )
    period_from = forms.DateField(label=gettext_lazy("From (roughly)"), widget=DATE)
    period_to = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        widget=DATE,
        help_text=gettext_lazy("Leave empty if you still do."),
    )
    rating_relationships = forms.TypedChoiceField(
        label=gettext_lazy(
            "Did they build relationships with your community, or push campaigns at it?"
        ),
        help_text=gettext_lazy("1: pushed campaigns · 5: built real relationships"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    rating_honesty = forms.TypedChoiceField(
        label=gettext_lazy("How honest and open were they, including with bad news?"),
        help_text=gettext_lazy("1: hid problems · 5: told us early and plainly"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    rating_results = forms.TypedChoiceField(
        label=gettext_lazy("How did their results compare with the goals you set?"),
        help_text=gettext_lazy("1: far below · 5: met or beat them"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    would_hire_again = forms.ChoiceField(
        label=gettext_lazy("Would you hire them again?"),
        choices=HireAgain.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose yes, maybe or no.")},
    )
    strengths = forms.CharField(
        label=gettext_lazy("Their strengths"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    concerns = forms.CharField(
        label=gettext_lazy("Any concerns"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, check: ReferenceCheck, claims: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.check = check
        self.claims = claims
        self.initial.setdefault("relationship", check.claimed_relationship)
        self.initial.setdefault("period_from", check.claimed_from)
        self.initial.setdefault("period_to", check.claimed_to)
        for index, what in claims:
            self.fields[f"verdict_{index}"] = forms.ChoiceField(
                label=what,
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Say whether you can confirm this.")},
            )

    @property
    def verdict_fields(self) -> list[forms.BoundField]:
        return [self[f"verdict_{index}"] for index, _ in self.claims]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        today = timezone.localdate()
        if start and start > today:
            self.add_error("period_from", _("The start cannot be in the future."))
        if start and end and end < start:
            self.add_error("period_to", _("The end must be after the start."))
        if data.get("relationship_confirmed") is True:
            data["relationship"] = self.check.claimed_relationship
        data["verdicts"] = {
            str(index): data.get(f"verdict_{index}")
            for index, _ in self.claims
            if data.get(f"verdict_{index}")
        }
        return data


class CallRecordForm(RefereeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    call_notes = forms.CharField(
        label=gettext_lazy("Call notes"),
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "What the referee said, in their words where it matters. Another manager "
            "or the buyer reviews these notes."
        ),
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.initial.setdefault("version", self.check.version)


class DeclineForm(TextLimits, forms.Form):
    decline_reason = forms.CharField(
        label=gettext_lazy("Why you would rather not answer (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttemptForm(TextLimits, forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=CallOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=300)


class ReviewNotesForm(TextLimits, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Review comment"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "For example: notes consistent with the web answers; follow up on dates."
        ),
    )


class FlagClearForm(TextLimits, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why this is cleared"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckRequestForm(TextLimits, forms.Form):
    """The owner asks for one more reference check. Only references that can be checked are
    offered (consent given, not already checked for this submission); the others are listed
    with the reason, so the choice is not a guess."""

    reference = SafeModelChoiceField(
        queryset=Reference.objects.none(), label=gettext_lazy("Reference")
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"), choices=Channel.choices, initial=Channel.WEB
    )

    def __init__(
        self,
        *args: Any,
        references: QuerySet[Reference],
        checked: Collection[int] | None = None,
        **kw: Any,
    ) -> None:
        """`checked`: the references already checked for the submission. None (the API)
        accepts any of `references` and leaves the refusal, with its reason, to the service."""
        super().__init__(*args, **kw)
        self.references = references
        self.checked = set(checked or ())
        field = self.fields["reference"]
        field.queryset = (
            references
            if checked is None
            else references.filter(consent_to_contact=True).exclude(pk__in=self.checked)
        )
        field.label_from_instance = lambda r: (
            _("%(name)s, %(role)s at %(company)s (%(relationship)s)")
            % {
                "name": r.name,
                "role": r.role,
                "company": r.company,
                "relationship": r.get_relationship_display(),
            }
        )

    @cached_property
    def choices(self) -> list[tuple[Reference, str]]:
        """Every reference of the consultant with why it is not offered ("" when it is)."""
        rows = []
        for reference in self.references:
            if reference.pk in self.checked:
                why = _("already checked for this submission")
            elif not reference.consent_to_contact:
                why = _(
                    "has not agreed to be contacted: the consultant confirms consent on their "
                    "profile"
                )
            else:
                why = ""
            rows.append((reference, why))
        return rows

    @property
    def offered(self) -> list[Reference]:
        return [reference for reference, why in self.choices if not why]

    @property
    def not_offered(self) -> list[tuple[Reference, str]]:
        return [(reference, why) for reference, why in self.choices if why]


class ChannelForm(TextLimits, forms.Form):
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=Channel.choices)
