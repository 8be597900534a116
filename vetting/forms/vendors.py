"""Forms of the approved-vendor register and of re-vetting (pages and API alike)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models import Organisation, Revetting, VendorStatus
from vetting.selectors.vendors import REGISTER_SORTS

SORT_LABELS = {
    "review": gettext_lazy("Review date, soonest first"),
    "-review": gettext_lazy("Review date, latest first"),
}


class VendorSettingsForm(TextLimits, forms.ModelForm):
    """The organisation's re-vetting cadence and how long a reference check stays valid."""

    class Meta:
        model = Organisation
        fields = ["revetting_months", "reference_max_age_months"]


class RegisterFilterForm(TextLimits, forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Any status")), *VendorStatus.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort"),
        choices=[(k, SORT_LABELS[k]) for k in REGISTER_SORTS],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "review"


class VendorRemoveForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this vendor removed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept with the entry's history."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RevettingChangesForm(TextLimits, forms.ModelForm):
    class Meta:
        model = Revetting
        fields = ["changes"]
        widgets = {"changes": forms.Textarea(attrs={"rows": 4})}
        labels = {"changes": gettext_lazy("What changed since your last round?")}
        help_texts = {
            "changes": gettext_lazy(
                "New clients, people, services or results, and anything that ended. "
                "Required to submit."
            )
        }
