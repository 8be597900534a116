"""Properties of price and value (docs/scoring.md section 7), checked with Hypothesis: a lower
price never lowers a consultant's value score, scaling every price leaves the points as they
were, and points and value scores stay within their bounds."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vetting.scoring.price import (
    Line,
    Proposal,
    Terms,
    Unit,
    price_round,
    value_score,
)

PROPERTY = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(50000), places=2)
quantity = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(200), places=1)
lines = st.lists(
    st.builds(Line, quantity, money, st.sampled_from(list(Unit))), min_size=1, max_size=4
)
currency = st.sampled_from(["GBP", "EUR"])
proposals = st.lists(
    st.builds(
        Proposal,
        currency,
        lines.map(tuple),
        st.none() | st.decimals(min_value=0, max_value=30, places=1),
    ),
    min_size=1,
    max_size=6,
)
terms = st.builds(
    Terms,
    term_months=st.integers(1, 36),
    currency=st.just("GBP"),
    rates=st.just({"EUR": Decimal("0.85")}),
    ad_spend_monthly=st.none() | money,
    ceiling=st.none() | st.decimals(min_value=1000, max_value=500000, places=0),
)
quality = st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(0, 100)).map(
    lambda t: tuple(Decimal(v) for v in sorted(t))
)
weight = st.integers(0, 100)


def _cheaper(proposal: Proposal, factor: Decimal) -> Proposal:
    return Proposal(
        proposal.currency,
        tuple(Line(line.quantity, line.unit_price * factor, line.unit) for line in proposal.lines),
        proposal.ad_spend_fee_percent * factor
        if proposal.ad_spend_fee_percent is not None
        else None,
    )


def _value(points: Decimal | None, q: tuple[Decimal, ...], w: int) -> Decimal | None:
    low, score, high = q
    value = value_score(quality=score, low=low, high=high, points=points, price_weight=w)
    return None if value is None else value.score


@PROPERTY
@given(proposals, terms, st.data(), quality, weight)
def test_a_lower_price_never_lowers_the_value_score(bids, round_terms, data, q, w) -> None:
    index = data.draw(st.integers(0, len(bids) - 1))
    factor = data.draw(st.decimals(min_value=Decimal("0.1"), max_value=1, places=2))
    before = price_round(dict(enumerate(bids)), round_terms)
    cheaper = [*bids]
    cheaper[index] = _cheaper(bids[index], factor)
    after = price_round(dict(enumerate(cheaper)), round_terms)

    old, new = _value(before[index].points, q, w), _value(after[index].points, q, w)

    assert old is not None and new is not None
    assert new >= old


@PROPERTY
@given(proposals, terms, st.decimals(min_value=Decimal("0.01"), max_value=100, places=2))
def test_scaling_every_price_and_the_ceiling_leaves_the_points_unchanged(
    bids, round_terms, factor
) -> None:
    scaled_terms = Terms(
        term_months=round_terms.term_months,
        currency=round_terms.currency,
        rates=round_terms.rates,
        ad_spend_monthly=None
        if round_terms.ad_spend_monthly is None
        else round_terms.ad_spend_monthly * factor,
        ceiling=None if round_terms.ceiling is None else round_terms.ceiling * factor,
    )
    scaled = [
        Proposal(
            b.currency,
            tuple(Line(line.quantity, line.unit_price * factor, line.unit) for line in b.lines),
            b.ad_spend_fee_percent,
        )
        for b in bids
    ]

    before = price_round(dict(enumerate(bids)), round_terms)
    after = price_round(dict(enumerate(scaled)), scaled_terms)

    assert {k: p.points for k, p in after.items()} == {k: p.points for k, p in before.items()}
    assert {k: p.flags for k, p in after.items()} == {k: p.flags for k, p in before.items()}


@PROPERTY
@given(proposals, terms, quality, weight)
def test_points_lie_in_0_to_1_and_value_scores_in_0_to_100(bids, round_terms, q, w) -> None:
    priced = price_round(dict(enumerate(bids)), round_terms)

    for price in priced.values():
        assert Decimal(0) <= price.points <= Decimal(1)
        low, score, high = q
        value = value_score(quality=score, low=low, high=high, points=price.points, price_weight=w)
        assert Decimal(0) <= value.low <= value.score <= value.high <= Decimal(100)


@PROPERTY
@given(proposals, terms)
def test_the_lowest_bid_within_the_ceiling_gets_full_points(bids, round_terms) -> None:
    priced = price_round(dict(enumerate(bids)), round_terms)
    within = [p for p in priced.values() if p.points and p.points > 0]

    assert not within or max(p.points for p in within) == Decimal(1)
