"""The commercial part of a submission: the consultant's proposal and its lines, and the
rate table the buyer keeps for a round (a proposal keeps the currency it was entered in).

Money is `Decimal` everywhere (DecimalField); totals, points and the value score are
computed by `vetting.scoring.price` through `vetting.services.commercial`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices
from vetting.scoring.price import Unit

CURRENCY = RegexValidator(
    r"^[A-Z]{3}$", gettext_lazy("Give a three-letter ISO 4217 code, such as GBP.")
)
MONEY = {"max_digits": 14, "decimal_places": 2}


class PriceVisibility(TextChoices):
    """When a round's reviewers see the consultants' prices (its owner always does)."""

    NEVER = "never", gettext_lazy("Never")
    AFTER_REVIEW = "after_review", gettext_lazy("After they submit their review of that consultant")
    ALWAYS = "always", gettext_lazy("Always")


class PricingModel(TextChoices):
    RETAINER = "retainer", gettext_lazy("Monthly retainer")
    DAY_RATE = "day_rate", gettext_lazy("Day rate")
    PER_DELIVERABLE = "per_deliverable", gettext_lazy("Fixed fee per deliverable")
    MIXED = "mixed", gettext_lazy("Mixed")


class LineUnit(TextChoices):
    MONTH = Unit.MONTH.value, gettext_lazy("per month")
    DAY = Unit.DAY.value, gettext_lazy("per day")
    DELIVERABLE = Unit.DELIVERABLE.value, gettext_lazy("per deliverable")


# A proposal's own fields as the consultant gives them (without its lines and version): the
# form, the service that saves them, the API and the admin read this one list.
PROPOSAL_FIELDS = (
    "pricing_model",
    "currency",
    "minimum_term_months",
    "notice_period_days",
    "ad_spend_fee_percent",
    "assumptions",
)


class CommercialProposal(models.Model):
    """What a consultant asks to be paid for one engagement. Locked with the submission:
    editable only while the self-assessment is a draft (services.commercial)."""

    submission = models.OneToOneField(
        "vetting.Submission", on_delete=models.CASCADE, related_name="proposal"
    )
    pricing_model = models.CharField(
        max_length=20, choices=PricingModel.choices, default=PricingModel.RETAINER
    )
    currency = models.CharField(max_length=3, default="GBP", validators=[CURRENCY])
    minimum_term_months = models.PositiveSmallIntegerField(
        gettext_lazy("minimum term (months)"), default=0, validators=[MaxValueValidator(120)]
    )
    notice_period_days = models.PositiveSmallIntegerField(
        gettext_lazy("notice period (days)"), default=30, validators=[MaxValueValidator(365)]
    )
    ad_spend_fee_percent = models.DecimalField(
        gettext_lazy("fee on managed ad spend (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=gettext_lazy("Only if you charge a percentage of the ad spend you manage."),
    )
    assumptions = models.TextField(
        max_length=4000,
        blank=True,
        help_text=gettext_lazy(
            "What the price assumes: what is included, what the buyer provides."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (vetting.concurrency): a save from a tab that loaded an older
    # version is refused instead of replacing what another tab saved.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ad_spend_fee_percent__isnull=True)
                | Q(ad_spend_fee_percent__gte=0, ad_spend_fee_percent__lte=100),
                name="proposal_fee_percent_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"Commercial proposal for {self.submission}"


class ProposalLine(models.Model):
    """One role or deliverable of a proposal: quantity times unit price, per month, day or
    deliverable."""

    proposal = models.ForeignKey(CommercialProposal, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(gettext_lazy("role or deliverable"), max_length=200)
    quantity = models.DecimalField(
        max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit_price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal(0))])
    unit = models.CharField(max_length=12, choices=LineUnit.choices, default=LineUnit.MONTH)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="line_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.quantity} × {self.unit_price} {self.unit}"


class ExchangeRate(models.Model):
    """One row of a round's rate table: one unit of `currency` is `rate` units of the
    engagement's currency. Kept per engagement, not per buyer: a round's totals are
    compared at the rates its owner set for it, so a later change of rates for a new round
    never moves the prices of a round already compared or decided."""

    engagement = models.ForeignKey(
        "vetting.Engagement", on_delete=models.CASCADE, related_name="exchange_rates"
    )
    currency = models.CharField(max_length=3, validators=[CURRENCY])
    rate = models.DecimalField(
        max_digits=18, decimal_places=8, validators=[MinValueValidator(Decimal("0.00000001"))]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "currency"], name="one_rate_per_currency"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {self.engagement.currency}"
