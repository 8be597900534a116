"""Forms of a buyer organisation's members page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models import OrganisationRole


class MemberAddForm(TextLimits, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("Their work address."),
    )
    name = forms.CharField(
        label=gettext_lazy("Their name"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("For a new account."),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=OrganisationRole.choices,
        initial=OrganisationRole.PROCUREMENT,
        help_text=gettext_lazy(
            "Admin: also manages the members. Procurement: runs rounds and builds "
            "templates. Manager: runs reference calls and reviews. Reviewer: reviews the rounds "
            "they are put on."
        ),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=OrganisationRole.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )
