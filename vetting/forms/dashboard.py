"""Forms of the dashboard: the ranking's filters and the decision on a consultant."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting import selectors
from vetting.access import ScoreSight
from vetting.fields import SafeModelChoiceField
from vetting.limits import TextLimits
from vetting.models import Outcome, SubmissionStatus
from vetting.models.engagements import SCORED_STATUSES


class RankingFilter(TextLimits, forms.Form):
    q = forms.CharField(required=False, max_length=100, label=gettext_lazy("Search"))
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status"))]
        + [(value, label) for value, label in SubmissionStatus.choices if value in SCORED_STATUSES],
    )
    flag = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Flags"),
        choices=[
            ("", gettext_lazy("Any flags")),
            ("red", gettext_lazy("Has red flags")),
            ("none", gettext_lazy("No red flags")),
            ("hold", gettext_lazy("Has a hold")),
            ("green", gettext_lazy("Has green flags")),
            ("meets", gettext_lazy("Meets every knockout criterion")),
            ("knockout", gettext_lazy("Knocked out")),
        ],
    )
    min = forms.FloatField(
        required=False, min_value=0, max_value=100, label=gettext_lazy("Score from")
    )
    max = forms.FloatField(required=False, min_value=0, max_value=100, label=gettext_lazy("to"))
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in selectors.RANKING_SORTS])
    dir = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])

    def __init__(self, *args: Any, sight: ScoreSight | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sight is not None and not sight.ranks:
            # Blind review: no filter that reads scores or flags (see access.blind).
            for name in ("flag", "min", "max"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        values = super().clean()
        low, high = values.get("min"), values.get("max")
        if low is not None and high is not None and low > high:
            # A reversed range matches nobody: refuse it (neither end applies) rather than
            # show an empty ranking as if no consultant scored in it.
            self.add_error(
                "max",
                _("Must be at least the “Score from” (%(low)s): a range goes low to high.")
                % {"low": f"{low:g}"},
            )
            values.pop("min", None)
        return values


class DecisionForm(TextLimits, forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=gettext_lazy("Rationale"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Why: the evidence that decided it. It is kept with the decision and shown "
            "in the audit trail and the reports, never to the consultant."
        ),
    )
    approver = SafeModelChoiceField(queryset=None, label=gettext_lazy("Approved by"))
    agreed_price = forms.DecimalField(
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        label=gettext_lazy("Agreed price"),
        help_text=gettext_lazy(
            "Optional, when shortlisting or selecting: the price agreed for the "
            "engagement's term. Not kept with a rejection."
        ),
        error_messages={"min_value": gettext_lazy("A price cannot be negative: give 0 or more.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, currency: str = "", organisation: Any = None, **kwargs: Any
    ) -> None:
        """`organisation`: the round's; its people are the approvers offered."""
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = selectors.reviewer_choices(organisation)
        self.fields["approver"].label_from_instance = lambda u: u.display_name
        if currency:
            self.fields["agreed_price"].label = _("Agreed price (%(currency)s)") % {
                "currency": currency
            }
