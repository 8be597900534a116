"""Price and value (vetting/scoring/price.py): totals over the term, conversion, points,
the ceiling, abnormally low bids and the value score; and the worked example of
docs/scoring.md section 7.1, recomputed: the document tells the truth."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from vetting.scoring.price import (
    Line,
    PriceFlag,
    Proposal,
    Terms,
    Unit,
    price_round,
    proposal_total,
    value_score,
)

TERMS = Terms(
    term_months=12,
    currency="GBP",
    rates={"EUR": D("0.85")},
    ad_spend_monthly=D(5000),
    ceiling=D(40000),
)
EXAMPLE = {
    "A": Proposal("GBP", (Line(D(1), D(2500), Unit.MONTH),), ad_spend_fee_percent=D(10)),
    "B": Proposal("EUR", (Line(D(120), D(400), Unit.DAY),)),
    "C": Proposal("GBP", (Line(D(1), D(1500), Unit.MONTH), Line(D(4), D(1000), Unit.DELIVERABLE))),
    "D": Proposal("GBP", (Line(D(6), D(1500), Unit.DELIVERABLE),)),
}
QUALITY = {"A": (72, 64, 80), "B": (80, 70, 90), "C": (65, 57, 73), "D": (58, 48, 68)}
PRICE_WEIGHT = 20


def test_a_monthly_line_runs_for_the_whole_term_and_a_day_rate_counts_its_days() -> None:
    proposal = Proposal("GBP", (Line(D(2), D(1000), Unit.MONTH), Line(D(3), D(500), Unit.DAY)))

    assert proposal_total(proposal, Terms(term_months=6, currency="GBP")) == D(13500)


def test_the_ad_spend_fee_counts_only_when_the_buyer_states_an_ad_spend() -> None:
    proposal = Proposal("GBP", (Line(D(1), D(100), Unit.DELIVERABLE),), D("12.5"))

    without = proposal_total(proposal, Terms(term_months=12, currency="GBP"))
    with_spend = proposal_total(
        proposal, Terms(term_months=12, currency="GBP", ad_spend_monthly=D(1000))
    )

    assert (without, with_spend) == (D(100), D(100) + D(1500))


def test_a_currency_missing_from_the_rate_table_is_not_comparable() -> None:
    priced = price_round({1: Proposal("USD", (Line(D(1), D(10), Unit.DAY),))}, TERMS)

    assert priced[1].points is None
    assert priced[1].flags == {PriceFlag.NO_RATE}


def test_money_stays_decimal_all_the_way() -> None:
    priced = price_round(EXAMPLE, TERMS)

    assert all(isinstance(p.total, D) and isinstance(p.points, D) for p in priced.values())


def test_no_price_weight_means_the_value_is_the_quality_score() -> None:
    value = value_score(quality=D(70), low=D(60), high=D(80), points=None, price_weight=0)

    assert (value.score, value.low, value.high) == (D(70), D(60), D(80))


def test_a_price_weight_without_points_gives_no_value_score() -> None:
    assert value_score(quality=D(70), low=D(60), high=D(80), points=None, price_weight=20) is None


def _documented_rows() -> dict[str, list[str]]:
    text = (Path(__file__).resolve().parent.parent / "docs" / "scoring.md").read_text()
    table = text.split("<!-- price-example -->")[1].split("<!-- /price-example -->")[0]
    rows = {}
    for line in table.strip().splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def _computed_rows() -> dict[str, list[str]]:
    priced = price_round(EXAMPLE, TERMS)
    rows = {}
    for key, price in priced.items():
        quality, low, high = QUALITY[key]
        value = value_score(
            quality=D(quality),
            low=D(low),
            high=D(high),
            points=price.points,
            price_weight=PRICE_WEIGHT,
        )
        cent = D("0.01")
        score, low_v, high_v = (v.quantize(cent) for v in (value.score, value.low, value.high))
        rows[key] = [
            f"{price.total.quantize(cent)} {price.currency}",
            f"{price.converted.quantize(cent)}",
            ", ".join(sorted(price.flags)) or "none",
            f"{price.points.quantize(D('0.0001'))}",
            f"{quality} ({low}–{high})",
            f"{score} ({low_v}–{high_v})",
        ]
    return rows


def test_the_documented_price_example_is_what_the_module_computes() -> None:
    documented = _documented_rows()

    assert set(documented) == {"A", "B", "C", "D"}
    assert _computed_rows() == documented
