"""The form of an organisation's Provisioning (SCIM) page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits


class ProvisioningTokenForm(TextLimits, forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Used by"),
        max_length=80,
        help_text=gettext_lazy(
            "Which identity provider or system will use it, e.g. “Okta” or “Entra ID”."
        ),
    )
