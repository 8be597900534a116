"""The forms of an organisation's Webhooks pages (and the API's input)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.webhooks import EVENTS
from vetting.webhooks.delivery import url_refusal


class WebhookEndpointForm(TextLimits, forms.Form):
    url = forms.CharField(
        label=gettext_lazy("Endpoint URL"),
        max_length=500,
        help_text=gettext_lazy(
            "Where Winnow POSTs the events, e.g. https://crm.example.com/hooks/winnow."
        ),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("What receives them, e.g. “Our CRM” (for you; never sent)."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(e.name, e.name) for e in EVENTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one event to send to this endpoint.")
        },
    )
    # The endpoint's version the page showed (editing only).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        refusal = url_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url
