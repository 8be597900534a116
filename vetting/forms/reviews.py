"""Forms of the reviewer scorecard, the conflict declaration and the owner's consensus."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.i18n import say_again
from vetting.limits import TextLimits
from vetting.models import Recommendation, Review
from vetting.models.reviews import NOTE_MAX
from vetting.scoring.rubric import anchors_of

RATINGS = [(str(n), str(n)) for n in range(1, 6)]


class ConflictForm(TextLimits, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=gettext_lazy("Do you have a conflict of interest with this consultant?"),
        help_text=gettext_lazy(
            "For example: you worked with them, know them personally, or compete with "
            "them. Declare it before you read the answers."
        ),
        choices=[
            ("no", gettext_lazy("No conflict")),
            ("yes", gettext_lazy("Yes, I have a conflict")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether you have a conflict of interest.")},
    )
    conflict_note = forms.CharField(
        label=gettext_lazy("What is the conflict?"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("has_conflict") and not data.get("conflict_note", "").strip():
            self.add_error("conflict_note", _("Say what the conflict is: the owner reads it."))
        return data


class ReviewForm(TextLimits, forms.Form):
    """One rating (1-5) and a note per criterion, and an overall recommendation."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Overall recommendation"),
        choices=Recommendation.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    overall_note = forms.CharField(
        label=gettext_lazy("Overall note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The round's criteria: the core seven, then its template's own.
        self.criteria = review.submission.engagement.criteria
        existing = {r.criterion: r for r in review.ratings.all()}
        for criterion in self.criteria:
            row = existing.get(criterion.key)
            self.fields[f"rating_{criterion.key}"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=RATINGS,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=str(row.rating) if row and row.rating else None,
            )
            self.fields[f"note_{criterion.key}"] = forms.CharField(
                label=_("Note on %(criterion)s") % {"criterion": criterion.label.lower()},
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.note if row else "",
            )
        self.initial.setdefault("version", review.version)
        self.initial.setdefault("recommendation", review.recommendation)
        self.initial.setdefault("overall_note", review.overall_note)

    def rows(self) -> list[dict[str, Any]]:
        """Per criterion: its label, anchors, rating field and note field."""
        return [
            {
                "criterion": c,
                "anchors": [
                    (score, say_again(text, getattr(text, "spec", None)))
                    for score, text in sorted(anchors_of(c).items())
                ],
                "rating": self[f"rating_{c.key}"],
                "note": self[f"note_{c.key}"],
            }
            for c in self.criteria
        ]

    def ratings(self) -> dict[str, int | None]:
        return {c.key: self.cleaned_data.get(f"rating_{c.key}") for c in self.criteria}

    def notes(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"note_{c.key}", "") for c in self.criteria}


class ConsensusForm(TextLimits, forms.Form):
    criterion = forms.CharField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Consensus rating"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("How the panel agreed"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OverrideForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why this reviewer should count despite the conflict"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
