"""Forms of verified profiles (pages and API alike): a new consent link, and an
organisation's consent to be named on profiles."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models import Organisation
from vetting.models.profiles import DEFAULT_DAYS, LABEL_MAX, MAX_DAYS


class ProfileLinkForm(TextLimits, forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Who it is for"),
        max_length=LABEL_MAX,
        help_text=gettext_lazy(
            'For example "Ledgerly, procurement team". Only you see this label.'
        ),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Works for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=format_lazy(
            gettext_lazy("{days} days unless you choose otherwise; at most a year."),
            days=DEFAULT_DAYS,
        ),
    )
    include_scores = forms.BooleanField(
        label=gettext_lazy("Show the scores buyers released to me"),
        required=False,
        help_text=gettext_lazy("Off: the page shows no score at all."),
    )

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError(_("Say who the link is for."))
        return label


class ProfileConsentForm(TextLimits, forms.ModelForm):
    """An admin's consent to the organisation's name on consultants' verified profiles."""

    class Meta:
        model = Organisation
        fields = ["name_on_verified_profiles"]
