"""Price and value: what a commercial proposal costs over the round's term, its price points
against the round's lowest total, and the value score that blends them with quality.

Pure Python, no Django: plain dataclasses in, plain dataclasses out, every amount a
`Decimal` (money is never a float). docs/scoring.md section 7 states every formula;
`tests/test_price.py` recomputes its worked example and `tests/test_price_properties.py`
checks the properties with Hypothesis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from statistics import median

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# A bid below this fraction of the round's median total is flagged for a second look.
ABNORMALLY_LOW_FRACTION = Decimal("0.6")


class Unit(StrEnum):
    """What one unit of a line is: a month of work, a day, or one deliverable."""

    MONTH = "month"
    DAY = "day"
    DELIVERABLE = "deliverable"


class PriceFlag(StrEnum):
    OVER_BUDGET = "over_budget"  # above the buyer's ceiling: 0 points
    ABNORMALLY_LOW = "abnormally_low"  # below a fraction of the median: look again
    NO_RATE = "no_rate"  # in a currency the rate table does not list: not comparable


@dataclass(frozen=True)
class Line:
    quantity: Decimal
    unit_price: Decimal
    unit: Unit | str


@dataclass(frozen=True)
class Proposal:
    """One consultant's price as entered: its currency, its lines and the optional fee (in
    percent) on the ad spend they manage."""

    currency: str
    lines: tuple[Line, ...]
    ad_spend_fee_percent: Decimal | None = None


@dataclass(frozen=True)
class Terms:
    """What the buyer states for every proposal of a round: the term the totals cover, the
    monthly ad spend a fee applies to, the round's currency and its rate table (one unit of
    a currency is `rate` units of the round's currency), an optional ceiling (in the round's
    currency) and the fraction of the median below which a bid is abnormally low."""

    term_months: int
    currency: str
    rates: Mapping[str, Decimal] = field(default_factory=dict)
    ad_spend_monthly: Decimal | None = None
    ceiling: Decimal | None = None
    low_fraction: Decimal = ABNORMALLY_LOW_FRACTION


def line_total(line: Line, term_months: int) -> Decimal:
    """A monthly line runs for the whole term; a day rate and a fixed fee per deliverable
    count their quantity once."""
    amount = line.quantity * line.unit_price
    return amount * term_months if Unit(line.unit) == Unit.MONTH else amount


def ad_spend_fee(proposal: Proposal, terms: Terms) -> Decimal:
    """The fee on the stated monthly ad spend over the term (0 when either is not given)."""
    if not proposal.ad_spend_fee_percent or not terms.ad_spend_monthly:
        return ZERO
    return proposal.ad_spend_fee_percent / HUNDRED * terms.ad_spend_monthly * terms.term_months


def proposal_total(proposal: Proposal, terms: Terms) -> Decimal:
    """The total for the term, in the proposal's own currency."""
    lines = sum((line_total(line, terms.term_months) for line in proposal.lines), ZERO)
    return lines + ad_spend_fee(proposal, terms)


def convert(amount: Decimal, currency: str, terms: Terms) -> Decimal | None:
    """The amount in the round's currency, or None when the rate table has no rate for it."""
    if currency.upper() == terms.currency.upper():
        return amount
    rate = terms.rates.get(currency.upper())
    return None if rate is None or rate <= 0 else amount * rate


@dataclass(frozen=True)
class Price:
    """One proposal priced for the round: its total as entered and converted, its points
    (0..1, None when not comparable) and its flags."""

    total: Decimal
    currency: str
    converted: Decimal | None
    points: Decimal | None
    flags: frozenset[PriceFlag] = frozenset()


def price_points(total: Decimal, lowest: Decimal) -> Decimal:
    """Lowest total ÷ this total: 1 for the lowest, less for dearer bids (0..1)."""
    if total <= lowest:
        return ONE
    return lowest / total


def price_round(proposals: Mapping[int, Proposal], terms: Terms) -> dict[int, Price]:
    """Price every proposal of a round (keyed by anything, e.g. submission id): totals,
    conversion, points against the lowest bid within the ceiling, the ceiling and the
    abnormally low flags."""
    totals = {key: proposal_total(p, terms) for key, p in proposals.items()}
    converted = {key: convert(totals[key], p.currency, terms) for key, p in proposals.items()}
    comparable = {key: c for key, c in converted.items() if c is not None}
    within = [c for c in comparable.values() if terms.ceiling is None or c <= terms.ceiling]
    lowest = min(within) if within else None
    middle = median(comparable.values()) if comparable else None
    priced = {}
    for key, proposal in proposals.items():
        amount = converted[key]
        flags: set[PriceFlag] = set()
        points: Decimal | None = None
        if amount is None:
            flags.add(PriceFlag.NO_RATE)
        elif terms.ceiling is not None and amount > terms.ceiling:
            flags.add(PriceFlag.OVER_BUDGET)
            points = ZERO
        else:
            points = price_points(amount, lowest if lowest is not None else amount)
        if amount is not None and middle is not None and amount < terms.low_fraction * middle:
            flags.add(PriceFlag.ABNORMALLY_LOW)
        priced[key] = Price(totals[key], proposal.currency, amount, points, frozenset(flags))
    return priced


@dataclass(frozen=True)
class Value:
    """The value score and its interval, 0..100."""

    score: Decimal
    low: Decimal
    high: Decimal


def _blend(quality: Decimal, points: Decimal, weight: Decimal) -> Decimal:
    return quality * (ONE - weight) + HUNDRED * points * weight


def value_score(
    *,
    quality: Decimal,
    low: Decimal,
    high: Decimal,
    points: Decimal | None,
    price_weight: int,
) -> Value | None:
    """value = quality * (1 - w) + 100 * points * w, with w = price_weight / 100; the
    interval carries the quality interval through the same formula (the price is known
    exactly). With w = 0 the value is the quality score; with a price weight and no points
    (no proposal, no rate) there is no value score."""
    weight = Decimal(price_weight) / HUNDRED
    if weight == ZERO:
        return Value(quality, low, high)
    if points is None:
        return None
    return Value(
        _blend(quality, points, weight), _blend(low, points, weight), _blend(high, points, weight)
    )
