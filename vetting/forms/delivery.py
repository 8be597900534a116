"""Forms of delivery reviews and the outcome report (pages and API alike)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import buyer_side_people
from vetting.fields import SafeModelChoiceField
from vetting.limits import TextLimits
from vetting.models import DeliveryReview, PointRating, User
from vetting.models.delivery import NOTE_MAX, SUMMARY_MAX
from vetting.selectors.delivery import LIST_FILTERS

OVERALL = [
    (1, gettext_lazy("1: nothing of what was promised")),
    (2, gettext_lazy("2: little")),
    (3, gettext_lazy("3: about half")),
    (4, gettext_lazy("4: most of it")),
    (5, gettext_lazy("5: all of it, or more")),
]


class DeliveryListForm(TextLimits, forms.Form):
    show = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=list(LIST_FILTERS.items()),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_show(self) -> str:
        return self.cleaned_data.get("show") or "open"


class DeliveryReviewForm(TextLimits, forms.Form):
    """Each point's rating and note, the overall rating and the summary. Saving a draft
    takes whatever is filled in; submitting (`submit`) asks for every rating."""

    overall_rating = forms.TypedChoiceField(
        label=gettext_lazy("Overall, how much of what they promised was delivered?"),
        choices=[("", gettext_lazy("Not rated yet")), *OVERALL],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What went well, what did not, and whether you would hire them again."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by the "Submit the review" button (the other saves a draft).
    submit = forms.BooleanField(required=False)

    def __init__(self, *args: Any, review: DeliveryReview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.points = list(review.points.all())
        if not self.is_bound:
            self.initial.update(
                {
                    "overall_rating": review.overall_rating,
                    "summary": review.summary,
                    "version": review.version,
                }
            )
        for point in self.points:
            self.fields[f"rating_{point.pk}"] = forms.ChoiceField(
                label=gettext_lazy("Delivered?"),
                choices=PointRating.choices,
                required=False,
                initial=point.rating,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"note_{point.pk}"] = forms.CharField(
                label=gettext_lazy("Note"),
                max_length=NOTE_MAX,
                required=False,
                initial=point.note,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )

    @property
    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        """(point, its rating field, its note field), in order, for the page."""
        return [(p, self[f"rating_{p.pk}"], self[f"note_{p.pk}"]) for p in self.points]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("submit"):
            for point in self.points:
                if not data.get(f"rating_{point.pk}"):
                    self.add_error(f"rating_{point.pk}", _("Rate this point before submitting."))
            if data.get("overall_rating") is None:
                self.add_error("overall_rating", _("Give the overall rating before submitting."))
        data["points"] = {
            p.pk: (data.get(f"rating_{p.pk}") or "", data.get(f"note_{p.pk}") or "")
            for p in self.points
        }
        return data


class DeliveryScheduleForm(TextLimits, forms.Form):
    due_on = forms.DateField(
        label=gettext_lazy("Review date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "When you will look at what was delivered (90 days after the selection "
            "unless you move it)."
        ),
    )
    assignee = SafeModelChoiceField(
        label=gettext_lazy("Completed with"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody else"),
        help_text=gettext_lazy(
            "A colleague who is emailed when it is due and may rate it with you."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, review: DeliveryReview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = buyer_side_people(organisation=review.organisation)
        self.fields["assignee"].queryset = people.exclude(
            pk=review.submission.engagement.owner_id
        ).order_by("first_name", "last_name", "pk")
        self.fields["assignee"].label_from_instance = lambda u: u.display_name
        if not self.is_bound:
            self.initial.update(
                {"due_on": review.due_on, "assignee": review.assignee_id, "version": review.version}
            )


class WeightingAdoptForm(TextLimits, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the weighting"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Shown on the cards of the rounds that use it, with its number and date."
        ),
    )
    number = forms.IntegerField(widget=forms.HiddenInput, required=False)
