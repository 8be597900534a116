"""The commercial forms: the consultant's proposal with its lines (a formset), and the
owner's commercial settings of a round with its rate table (a formset). The API validates
through the same forms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.limits import TextLimits
from vetting.models import CommercialProposal, Engagement, ExchangeRate, ProposalLine
from vetting.models.commercial import PROPOSAL_FIELDS

# A proposal has at most this many lines; the rate table at most this many currencies.
MAX_LINES = 40
MAX_RATES = 20


class ProposalForm(TextLimits, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CommercialProposal
        fields = list(PROPOSAL_FIELDS)
        widgets = {
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "assumptions": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "pricing_model": gettext_lazy("Pricing model"),
            "currency": gettext_lazy("Currency"),
            "assumptions": gettext_lazy("Assumptions"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version if self.instance.pk else 0)

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()


class ProposalLineForm(TextLimits, forms.ModelForm):
    class Meta:
        model = ProposalLine
        fields = ["description", "quantity", "unit_price", "unit"]
        labels = {
            "quantity": gettext_lazy("Quantity"),
            "unit_price": gettext_lazy("Unit price"),
            "unit": gettext_lazy("Unit"),
        }
        error_messages = {
            "quantity": {
                "min_value": gettext_lazy("Give a quantity above 0 (remove the line instead).")
            },
            "unit_price": {"min_value": gettext_lazy("A price cannot be negative.")},
        }
        widgets = {
            "quantity": forms.NumberInput(attrs={"step": "0.01", "min": "0.01"}),
            "unit_price": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }


class BaseLineFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext_lazy("Remove")

    def clean(self) -> None:
        if any(self.errors):
            return
        if len(self.lines()) > MAX_LINES:
            raise ValidationError(
                _("A proposal has at most %(count)s lines.") % {"count": MAX_LINES}
            )

    def lines(self) -> list[dict[str, Any]]:
        """The lines kept (filled in and not ticked for removal), in order."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE", False)
        ]


LineFormSet = forms.formset_factory(
    ProposalLineForm,
    formset=BaseLineFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_LINES,
    absolute_max=MAX_LINES + 10,
)


def line_formset(
    data: Any = None, *, proposal: CommercialProposal | None = None, extra: int = 0
) -> BaseLineFormSet:
    """The lines formset, prefixed `lines`: bound to a POST, or filled from the saved lines
    (one empty row when there are none, plus `extra` more)."""
    if data is not None:
        return LineFormSet(data, prefix="lines")
    initial = (
        [
            {
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "unit": line.unit,
            }
            for line in proposal.lines.all()
        ]
        if proposal is not None and proposal.pk
        else []
    )
    formset = LineFormSet(prefix="lines", initial=initial)
    formset.extra = extra + (0 if initial else 1)
    return formset


class CommercialSettingsForm(TextLimits, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Engagement
        fields = [
            "term_months",
            "ad_spend_monthly",
            "price_weight",
            "budget_is_ceiling",
            "price_visibility",
        ]
        widgets = {"price_visibility": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)


class RateForm(TextLimits, forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate"]
        labels = {"currency": gettext_lazy("Currency"), "rate": gettext_lazy("Rate")}
        widgets = {
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "rate": forms.NumberInput(attrs={"step": "any", "min": "0"}),
        }

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()


class BaseRateFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext_lazy("Remove")

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        self.engagement = engagement
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            currency = form.cleaned_data.get("currency") if form.cleaned_data else None
            if not currency or form.cleaned_data.get("DELETE"):
                continue
            if currency == self.engagement.currency.upper():
                form.add_error(
                    "currency", _("This is the engagement's own currency: no rate needed.")
                )
            elif currency in seen:
                form.add_error("currency", _("This currency is listed twice."))
            seen.add(currency)
        if any(self.errors):
            raise ValidationError(_("Check the rates marked below."))

    def rates(self) -> dict[str, Decimal]:
        return {
            form.cleaned_data["currency"]: form.cleaned_data["rate"]
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data
            and form.cleaned_data.get("currency")
            and not form.cleaned_data.get("DELETE")
        }


RateFormSet = forms.formset_factory(
    RateForm,
    formset=BaseRateFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_RATES,
    absolute_max=MAX_RATES + 5,
)


def rate_formset(data: Any = None, *, engagement: Engagement) -> BaseRateFormSet:
    if data is not None:
        return RateFormSet(data, prefix="rates", engagement=engagement)
    initial = [{"currency": r.currency, "rate": r.rate} for r in engagement.exchange_rates.all()]
    return RateFormSet(prefix="rates", initial=initial, engagement=engagement)
