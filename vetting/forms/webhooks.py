"""The forms of an organisation's Webhooks pages (and the API's input)."""

from __future__ import annotations

from django import forms

from vetting.limits import TextLimits
from vetting.webhooks import EVENTS
from vetting.webhooks.delivery import url_refusal


class WebhookEndpointForm(TextLimits, forms.Form):
    url = forms.CharField(
        label="Endpoint URL",
        max_length=500,
        help_text="Where Winnow POSTs the events, e.g. https://crm.example.com/hooks/winnow.",
    )
    description = forms.CharField(
        label="Description",
        max_length=200,
        required=False,
        help_text="What receives them, e.g. “Our CRM” (for you; never sent).",
    )
    events = forms.MultipleChoiceField(
        label="Events",
        choices=[(e.name, e.name) for e in EVENTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send to this endpoint."},
    )
    # The endpoint's version the page showed (editing only).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        refusal = url_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url
