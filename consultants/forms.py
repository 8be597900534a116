"""Forms for the consultant portal and the directory search."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultants.models import Consultant, Reference, Service
from vetting.fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from vetting.i18n import default_language, supported
from vetting.limits import TextLimits


def _service_choices(instance: Consultant | None) -> Any:
    """Active services, plus any retired one the profile still lists, so nothing is lost."""
    query = Q(active=True)
    if instance is not None and instance.pk:
        query |= Q(offered_by=instance) | Q(declined_by=instance)
    return Service.objects.filter(query).distinct()


class ConsultantProfileForm(TextLimits, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    website = forms.URLField(
        label=gettext_lazy("Website"),
        max_length=300,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy("Your own site or your agency's."),
    )

    class Meta:
        model = Consultant
        fields = [*Consultant.EDITABLE_FIELDS, "services_offered", "services_not_offered"]
        widgets = {
            "business_background": forms.Textarea(attrs={"rows": 6}),
            "services_offered": forms.CheckboxSelectMultiple,
            "services_not_offered": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "services_offered": SafeModelMultipleChoiceField,
            "services_not_offered": SafeModelMultipleChoiceField,
        }
        labels = {
            "name": gettext_lazy("Your name"),
            "agency": gettext_lazy("Agency"),
            "headline": gettext_lazy("Headline"),
            "email": gettext_lazy("Email"),
            "phone": gettext_lazy("Phone"),
            "location": gettext_lazy("Location"),
            "business_background": gettext_lazy("Business background"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _service_choices(self.instance)
        self.fields["services_offered"].queryset = choices
        self.fields["services_not_offered"].queryset = choices
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Who you are"),
                Row(Column("name"), Column("agency")),
                "headline",
                Row(Column("location"), Column("website")),
            ),
            Fieldset(_("How buyers reach you"), Row(Column("email"), Column("phone"))),
            Fieldset(_("Your background"), "business_background"),
            Fieldset(
                _("What you do, and what you don't"),
                Row(
                    Column(Div(Field("services_offered"), css_class="service-list")),
                    Column(Div(Field("services_not_offered"), css_class="service-list")),
                ),
            ),
            "version",
        )

    def clean_email(self) -> str:
        """One profile per address: invitations and sign-ups find a profile by it, so a
        profile may not list an address another profile (claimed or only invited) uses."""
        email = self.cleaned_data["email"]
        if email.lower() == (self.instance.email or "").lower():
            return email  # a profile saved before the rule keeps its address
        others = Consultant.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "Another consultant's profile already uses this email address. "
                    "Give an address of your own."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        both = set(data.get("services_offered") or []) & set(data.get("services_not_offered") or [])
        if both:
            names = ", ".join(sorted(s.name for s in both))
            self.add_error(
                "services_not_offered",
                _("A service cannot be both offered and not offered: %(names)s.")
                % {"names": names},
            )
        return data


class ReferenceForm(TextLimits, forms.ModelForm):
    class Meta:
        model = Reference
        fields = list(Reference.EDITABLE_FIELDS)
        widgets = {
            "period_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "can_confirm": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "name": gettext_lazy("Name"),
            "email": gettext_lazy("Email"),
            "phone": gettext_lazy("Phone"),
            "company": gettext_lazy("Company"),
            "relationship": gettext_lazy("Relationship"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The person"),
                Row(Column("name"), Column("role")),
                "company",
                Row(Column("email"), Column("phone")),
                "language",
            ),
            Fieldset(
                _("How you worked together"),
                "relationship",
                Row(Column("period_from"), Column("period_to")),
                "can_confirm",
            ),
            "consent_to_contact",
        )

    def clean_language(self) -> str:
        """Left out (an older client, the API): the one it had, else the page's language."""
        return supported(
            self.cleaned_data.get("language") or self.instance.language or default_language()
        )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        consultant = self.instance.consultant
        if consultant.email and email == consultant.email.lower():
            raise forms.ValidationError(
                _("This is your own email address. A reference must be someone else.")
            )
        duplicates = consultant.references.filter(email__iexact=email)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("You already named a reference with this email address."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("period_from"), data.get("period_to")
        if start and start > today:
            self.add_error("period_from", _("The start of the period cannot be in the future."))
        if end and end > today:
            self.add_error(
                "period_to",
                _(
                    "The end of the period cannot be in the future; leave it empty if you "
                    "still work together."
                ),
            )
        # The order of the two dates is the model's own rule (Reference.clean).
        return data


class DirectorySearchForm(TextLimits, forms.Form):
    SORTS = {
        "name": ("name", gettext_lazy("Name")),
        "recent": ("-updated_at", gettext_lazy("Recently updated")),
        "references": ("-reference_count", gettext_lazy("Most references")),
    }

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Name, agency, headline or location")}
        ),
    )
    service = SafeModelChoiceField(
        queryset=Service.objects.filter(active=True),
        required=False,
        empty_label=gettext_lazy("Any service"),
        label=gettext_lazy("Offers"),
    )
    sort = forms.ChoiceField(
        choices=[(key, label) for key, (_, label) in SORTS.items()],
        required=False,
        label=gettext_lazy("Sort by"),
    )

    def ordering(self) -> tuple[str, str]:
        self.is_valid()
        key = getattr(self, "cleaned_data", {}).get("sort") or "name"
        return self.SORTS[key][0], "pk"
