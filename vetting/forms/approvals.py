"""Routed approvals: a round's route (its steps, in order) and a step's answer with its note.
The pages and the API validate through these."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting import selectors
from vetting.fields import SafeModelChoiceField
from vetting.limits import TextLimits
from vetting.models import ApprovalAnswer
from vetting.models.approvals import LABEL_MAX, NOTE_MAX

ROUTE_ROWS = 4


class ApprovalRouteForm(TextLimits, forms.Form):
    """Up to ROUTE_ROWS steps, each a label and an approver of the round's organisation;
    rows left empty are dropped, so an empty form removes the route."""

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = selectors.reviewer_choices(organisation)
        for n in range(1, ROUTE_ROWS + 1):
            self.fields[f"label_{n}"] = forms.CharField(
                label=_("Step %(number)s") % {"number": n},
                max_length=LABEL_MAX,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. Budget holder")}),
            )
            approver = SafeModelChoiceField(
                queryset=people,
                required=False,
                label=_("Approver of step %(number)s") % {"number": n},
            )
            approver.label_from_instance = lambda u: u.display_name
            self.fields[f"approver_{n}"] = approver

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for n in range(1, ROUTE_ROWS + 1):
            label, approver = cleaned.get(f"label_{n}"), cleaned.get(f"approver_{n}")
            if label and not approver and f"approver_{n}" not in self.errors:
                self.add_error(f"approver_{n}", _("Choose who approves this step."))
            if approver and not label:
                self.add_error(f"label_{n}", _('Name this step, e.g. "Budget holder".'))
        return cleaned

    def steps(self) -> list[tuple[str, Any]]:
        """The filled rows, in order: (label, approver)."""
        rows = []
        for n in range(1, ROUTE_ROWS + 1):
            label, approver = (
                self.cleaned_data.get(f"label_{n}"),
                self.cleaned_data.get(f"approver_{n}"),
            )
            if label and approver:
                rows.append((label, approver))
        return rows

    @classmethod
    def initial_for(cls, steps: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for n, step in enumerate(steps, start=1):
            initial[f"label_{n}"] = step.label
            initial[f"approver_{n}"] = step.approver_id
        return initial

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"label_{n}"], self[f"approver_{n}"]) for n in range(1, ROUTE_ROWS + 1)]


class ApprovalActForm(TextLimits, forms.Form):
    """A step's answer: approve, reject or ask for changes; a note (required to reject or
    to ask for changes: the service says so)."""

    answer = forms.ChoiceField(choices=ApprovalAnswer.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to reject or to ask for changes: the decider reads it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        answer, note = cleaned.get("answer"), (cleaned.get("note") or "").strip()
        if answer == ApprovalAnswer.REJECTED and not note:
            self.add_error(
                "note", _("Write a note: the decider needs to know why it was rejected.")
            )
        if answer == ApprovalAnswer.CHANGES and not note:
            self.add_error("note", _("Write a note: say what the decider should change."))
        return cleaned
