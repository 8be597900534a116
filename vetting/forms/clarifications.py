"""The clarification forms (pages and API alike): ask, reply, follow up, and the version a
settling button carries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models.clarifications import REPLY_MAX, TEXT_MAX


def _due_field() -> forms.DateField:
    return forms.DateField(
        label=gettext_lazy("Reply by"),
        # ISO, the one format a date input reads (the locale's would show it empty).
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The consultant is reminded three days and one day before."),
        error_messages={"invalid": gettext_lazy("Enter a date, for example 2026-12-31.")},
    )


def _question_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Your question"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The consultant reads it and replies beside their answer, which stays as submitted."
        ),
        error_messages={
            "required": gettext_lazy("Write your question: the consultant answers it.")
        },
    )


def _check_due(value: date) -> date:
    if value < timezone.localdate():
        raise forms.ValidationError(_("The date has passed: choose today or a later day."))
    return value


class ClarificationAskForm(TextLimits, forms.Form):
    subject = forms.ChoiceField(label=gettext_lazy("About"), choices=())
    text = _question_field()
    due_on = _due_field()

    def __init__(self, *args: Any, subjects: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = list(subjects)

    def clean_due_on(self) -> date:
        return _check_due(self.cleaned_data["due_on"])


class ClarificationFollowUpForm(TextLimits, forms.Form):
    text = _question_field()
    due_on = _due_field()
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_due_on(self) -> date:
        return _check_due(self.cleaned_data["due_on"])


class ClarificationReplyForm(TextLimits, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Shown to the panel beside your submitted answer. You may revise it until "
            "the panel accepts it."
        ),
        error_messages={
            "required": gettext_lazy("Write your reply: the panel reads it beside your answer.")
        },
    )
    # The reply's version this page showed (0: no reply yet).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ClarificationSettleForm(TextLimits, forms.Form):
    """Accept or withdraw: the request's version the page showed."""

    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


def clarification_forms(panel: Any, bound: tuple[int, str, forms.Form] | None = None) -> None:
    """Give each thread of a `selectors.clarifications.ClarificationPanel` the forms its
    viewer may use on its newest request (`reply_form`, `follow_up_form`, `settle_form`),
    with ids of their own (many threads share a page); `bound` (request id, the form's
    class name, the form) puts back a form sent with problems, what was typed kept."""
    for thread in panel.threads:
        latest = thread.latest
        reply = latest.reply if _has_reply(latest) else None
        kinds: dict[str, forms.Form] = {}
        if thread.may_reply:
            kinds["ClarificationReplyForm"] = ClarificationReplyForm(
                initial={
                    "text": reply.text if reply else "",
                    "version": reply.version if reply else 0,
                },
                auto_id=f"c{latest.pk}-reply-%s",
            )
        if thread.may_settle:
            kinds["ClarificationFollowUpForm"] = ClarificationFollowUpForm(
                initial={"due_on": panel.default_due, "version": latest.version},
                auto_id=f"c{latest.pk}-follow-%s",
            )
            kinds["ClarificationSettleForm"] = ClarificationSettleForm(
                initial={"version": latest.version}, auto_id=f"c{latest.pk}-settle-%s"
            )
        if bound is not None and bound[0] == latest.pk and bound[1] in kinds:
            form = bound[2]
            form.auto_id = kinds[bound[1]].auto_id
            kinds[bound[1]] = form
        thread.reply_form = kinds.get("ClarificationReplyForm")
        thread.follow_up_form = kinds.get("ClarificationFollowUpForm")
        thread.settle_form = kinds.get("ClarificationSettleForm")


def _has_reply(clarification: Any) -> bool:
    try:
        return clarification.reply is not None
    except ObjectDoesNotExist:
        return False
