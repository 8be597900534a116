"""Filters of the oversight pages: the audit trail and the discrepancies list (GET forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.audit import FLAG_STATUSES, KINDS
from vetting.limits import TextLimits
from vetting.models import FlagKind


class AuditFilterForm(TextLimits, forms.Form):
    person = forms.ChoiceField(label=gettext_lazy("Who"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("What"),
        required=False,
        choices=[("", gettext_lazy("Everything")), *KINDS.items()],
    )

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Everyone")), *people]

    def filters(self) -> dict[str, str]:
        """The valid filters; an unknown person or kind (an old link) is dropped."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or "" for name in ("person", "kind")}


class DiscrepancyFilterForm(TextLimits, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Discrepancies and fraud")), *FlagKind.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=FLAG_STATUSES.items(), initial="open"
    )
    holds = forms.BooleanField(label=gettext_lazy("Holds only"), required=False)

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "kind": cleaned.get("kind") or "",
            "status": cleaned.get("status") or "open",
            "holds_only": bool(cleaned.get("holds")),
        }
