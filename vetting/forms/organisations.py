"""Forms of a buyer organisation's members page."""

from __future__ import annotations

from django import forms

from vetting.limits import TextLimits
from vetting.models import OrganisationRole


class MemberAddForm(TextLimits, forms.Form):
    email = forms.EmailField(label="Email address", max_length=254, help_text="Their work address.")
    name = forms.CharField(
        label="Their name", max_length=150, required=False, help_text="For a new account."
    )
    role = forms.ChoiceField(
        label="Role",
        choices=OrganisationRole.choices,
        initial=OrganisationRole.PROCUREMENT,
        help_text="Admin: also manages the members. Procurement: runs rounds and builds "
        "templates. Manager: runs reference calls and reviews. Reviewer: reviews the rounds "
        "they are put on.",
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=OrganisationRole.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )
