"""The commercial part: the consultant saves their proposal while their submission is a
draft (locked with it), the owner sets a round's commercial settings and rate table, and
one builder prices a proposal for its round (`proposal_price`, `round_prices`), which the
proposal page, the submission page, the API and the exports all call.

Who may see a price is asked of the access layer (`vetting.access.sees_price`), never here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting.access import require
from vetting.concurrency import claim_version
from vetting.models import (
    CommercialProposal,
    Engagement,
    ExchangeRate,
    ProposalLine,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.commercial import PROPOSAL_FIELDS
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring import price
from vetting.services.errors import ServiceError
from vetting.services.submissions import _locked, _require_consultant, _require_editable

CENT = Decimal("0.01")

LINE_FIELDS = ("description", "quantity", "unit_price", "unit")
SETTINGS_FIELDS = (
    "term_months",
    "ad_spend_monthly",
    "price_weight",
    "budget_is_ceiling",
    "price_visibility",
)


# --- Pricing: one builder ----------------------------------------------------------------


def terms_of(engagement: Engagement) -> price.Terms:
    """The round's terms for pricing: term, currency, stated ad spend, the top of the
    budget when it is a ceiling, and the rate table (reads
    `exchange_rates`: prefetch it for a list)."""
    return price.Terms(
        term_months=engagement.term_months,
        currency=engagement.currency,
        rates={r.currency.upper(): r.rate for r in engagement.exchange_rates.all()},
        ad_spend_monthly=engagement.ad_spend_monthly,
        ceiling=(
            Decimal(engagement.budget_max)
            if engagement.budget_is_ceiling and engagement.budget_max is not None
            else None
        ),
    )


def as_priced(
    proposal: CommercialProposal, lines: Iterable[ProposalLine] | None = None
) -> price.Proposal:
    """The proposal as the pure pricing module takes it (its saved `lines` unless given)."""
    lines = proposal.lines.all() if lines is None else lines
    return price.Proposal(
        currency=proposal.currency,
        lines=tuple(price.Line(line.quantity, line.unit_price, line.unit) for line in lines),
        ad_spend_fee_percent=proposal.ad_spend_fee_percent,
    )


@dataclass(frozen=True)
class LineTotal:
    description: str
    quantity: Decimal
    unit_price: Decimal
    unit: str
    unit_label: str
    total: Decimal  # over the round's term, in the proposal's currency


@dataclass(frozen=True)
class ProposalPrice:
    """A proposal priced for its round: each line's total over the term, the fee on the
    stated ad spend, the total in its currency and in the round's (None without a rate)."""

    currency: str
    term_months: int
    lines: tuple[LineTotal, ...]
    fee: Decimal
    total: Decimal
    round_currency: str
    converted: Decimal | None

    @property
    def is_converted(self) -> bool:
        return self.currency.upper() != self.round_currency.upper()


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT)


def proposal_price(
    proposal: CommercialProposal,
    engagement: Engagement,
    lines: Iterable[ProposalLine] | None = None,
) -> ProposalPrice:
    """The one total of a proposal: the pages, the API and the exports show this (`lines`:
    lines not saved yet, else its saved ones)."""
    terms = terms_of(engagement)
    lines = list(proposal.lines.all() if lines is None else lines)
    priced = as_priced(proposal, lines)
    lines = tuple(
        LineTotal(
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            unit=line.unit,
            unit_label=line.get_unit_display(),
            total=_money(price.line_total(item, terms.term_months)),
        )
        for line, item in zip(lines, priced.lines, strict=True)
    )
    total = price.proposal_total(priced, terms)
    converted = price.convert(total, proposal.currency, terms)
    return ProposalPrice(
        currency=proposal.currency,
        term_months=terms.term_months,
        lines=lines,
        fee=_money(price.ad_spend_fee(priced, terms)),
        total=_money(total),
        round_currency=engagement.currency,
        converted=None if converted is None else _money(converted),
    )


def draft_price(
    engagement: Engagement, *, currency: str, fee: Decimal | None, lines: Iterable[Mapping]
) -> ProposalPrice:
    """The same total for what a form holds before it is saved (the page shows it beside
    the typed lines, also when they are refused)."""
    proposal = CommercialProposal(currency=currency or engagement.currency)
    proposal.ad_spend_fee_percent = fee
    built = [ProposalLine(**{k: line[k] for k in LINE_FIELDS}) for line in lines]
    return proposal_price(proposal, engagement, built)


def round_prices(engagement: Engagement) -> dict[int, price.Price]:
    """Every handed-in proposal of the round priced against the others (points, ceiling
    and abnormally low flags), by submission id. Callers filter what they show with
    `access.prices_shown`."""
    proposals = (
        CommercialProposal.objects.filter(
            submission__engagement=engagement, submission__status__in=SCORED_STATUSES
        )
        .prefetch_related("lines")
        .order_by("submission_id")
    )
    return price.price_round(
        {p.submission_id: as_priced(p) for p in proposals if p.lines.all()}, terms_of(engagement)
    )


def proposal_problem(submission: Submission) -> str:
    """What the proposal lacks for submitting, in words for the consultant ("" when
    nothing): a round that scores price needs a proposal with at least one line."""
    if submission.engagement.price_weight <= 0:
        return ""
    proposal = CommercialProposal.objects.filter(submission=submission).first()
    if proposal is None or not proposal.lines.exists():
        return _(
            "This engagement asks for a price: fill in your commercial proposal (the "
            "“Commercial proposal” page beside your answers) with at least one line."
        )
    return ""


# --- Changes -----------------------------------------------------------------------------


def proposal_save(
    *,
    submission: Submission,
    by: User,
    data: Mapping[str, Any],
    lines: Iterable[Mapping[str, Any]],
    expected_version: int | None = None,
) -> CommercialProposal:
    """Save the consultant's proposal and its lines as given (the lines replace the saved
    ones, in order). Only while the submission is a draft: submitting locks it. A proposal
    saved meanwhile from another tab is not replaced (`StaleVersionError`)."""
    _require_consultant(submission, by)
    lines = list(lines)
    with transaction.atomic():
        submission = _locked(submission)
        _require_editable(submission)
        proposal = CommercialProposal.objects.filter(submission=submission).first()
        if proposal is None:
            proposal = CommercialProposal(submission=submission)
        claim_version(proposal, expected_version)
        for name in PROPOSAL_FIELDS:
            if name in data:
                setattr(proposal, name, data[name])
        proposal.full_clean()
        proposal._history_user = by  # type: ignore[attr-defined]
        proposal.save()
        _lines_replace(proposal, lines, by)
        if submission.status == SubmissionStatus.INVITED:
            submission.status = SubmissionStatus.IN_PROGRESS
            submission.started_at = timezone.now()
            submission._history_user = by  # type: ignore[attr-defined]
            submission.save()
    return proposal


def _lines_replace(proposal: CommercialProposal, lines: list[Mapping[str, Any]], by: User) -> None:
    """Lines saved one by one (not in bulk): each change keeps its history row."""
    saved = list(proposal.lines.order_by("position", "pk"))
    for position, values in enumerate(lines):
        line = saved[position] if position < len(saved) else ProposalLine(proposal=proposal)
        new = {name: values[name] for name in LINE_FIELDS}
        if (
            line.pk
            and line.position == position
            and all(getattr(line, k) == v for k, v in new.items())
        ):
            continue
        line.position = position
        for name, value in new.items():
            setattr(line, name, value)
        line.full_clean(exclude=["proposal"])
        line._history_user = by  # type: ignore[attr-defined]
        line.save()
    for line in saved[len(lines) :]:
        line._history_user = by  # type: ignore[attr-defined]
        line.delete()


def engagement_commercial_update(
    *,
    engagement: Engagement,
    by: User,
    data: Mapping[str, Any],
    rates: Mapping[str, Decimal],
    expected_version: int | None = None,
) -> Engagement:
    """The owner sets the round's term, stated ad spend, price weight, price visibility and
    rate table (currency -> rate to the round's currency)."""
    require(by, "vetting.run_engagement", engagement)
    rates = {currency.upper(): Decimal(rate) for currency, rate in rates.items()}
    if engagement.currency.upper() in rates:
        raise ServiceError(_("The engagement's own currency needs no rate."))
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        claim_version(engagement, expected_version)
        for name in SETTINGS_FIELDS:
            if name in data:
                setattr(engagement, name, data[name])
        others = [f.name for f in Engagement._meta.fields if f.name not in SETTINGS_FIELDS]
        engagement.full_clean(exclude=others)
        engagement._history_user = by  # type: ignore[attr-defined]
        engagement.save()
        kept = {r.currency: r for r in ExchangeRate.objects.filter(engagement=engagement)}
        for currency, rate in rates.items():
            row = kept.pop(currency, None) or ExchangeRate(engagement=engagement, currency=currency)
            if row.pk and row.rate == rate:
                continue
            row.rate = rate
            row.full_clean()
            row._history_user = by  # type: ignore[attr-defined]
            row.save()
        for row in kept.values():
            row._history_user = by  # type: ignore[attr-defined]
            row.delete()
    return engagement
