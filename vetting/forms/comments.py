"""The internal comment form (pages and API alike)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models.comments import COMMENT_MAX


class CommentForm(TextLimits, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "data-mentions": "",
                "autocomplete": "off",
                "placeholder": gettext_lazy(
                    "For the buyer's people only. Type @ to mention someone."
                ),
            }
        ),
        help_text=gettext_lazy(
            "Seen by the buyer's people who may read this thread, never by the "
            "consultant or a referee. Mention someone with @ and their full name or email "
            "address: they are emailed once."
        ),
        error_messages={"required": gettext_lazy("Write the comment first.")},
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
