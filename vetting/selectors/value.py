"""The value ranking: every scored consultant of a round, quality blended with price at the
round's split (`Engagement.price_weight`) or at a what-if split, best value first.

Built from the ranking's rows (`selectors.ranking_rows`, the quality and the knockouts) and
the one price builder (`services.commercial.round_prices`: totals, conversion, points and
flags); the value score is `vetting.scoring.price.value_score`. Shown only to a viewer who
may see every score and every price of the round (`access.sees_round_value`): the caller
asks first. Three queries, whatever the round's size: the rows, the proposals with their
lines, the rate table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from vetting.access import ScoreSight
from vetting.knockouts import Knockouts
from vetting.models import Engagement
from vetting.scoring import price
from vetting.selectors.ranking import RankingQuery, ranking, ranking_rows
from vetting.services.commercial import round_prices

SHOWN = 200  # rows on the page; a round is rarely larger (the export has them all)


@dataclass(frozen=True)
class ValueRow:
    submission: int
    consultant: str
    agency: str
    quality: float | None  # the score card's total (0-100), None before it is scored
    low: float | None
    high: float | None
    price: price.Price | None  # None: no proposal handed in
    value: price.Value | None  # None: not scored, or no comparable price at a split > 0
    knocked_out: tuple[str, ...]

    @property
    def flags(self) -> list[str]:
        """The price's flags in words."""
        said = {
            price.PriceFlag.OVER_BUDGET: _("over the budget ceiling"),
            price.PriceFlag.ABNORMALLY_LOW: _("abnormally low: look again"),
            price.PriceFlag.NO_RATE: _("no rate for its currency"),
        }
        return [said[f] for f in sorted(self.price.flags)] if self.price else []


@dataclass(frozen=True)
class ValueRanking:
    split: int  # the price share used (percent)
    saved: int  # the round's own
    rows: list[ValueRow]
    count: int  # all scored consultants (rows holds SHOWN at most)

    @property
    def quality_share(self) -> int:
        return 100 - self.split


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def value_ranking(
    engagement: Engagement, sight: ScoreSight, *, split: int | None = None
) -> ValueRanking:
    """The round ranked by value at `split` (percent of price; the round's saved one when
    None). Knocked-out consultants stay in the list, marked with why."""
    share = engagement.price_weight if split is None else split
    rows = ranking_rows(ranking(engagement, RankingQuery()), sight)
    prices = round_prices(engagement)
    knockouts = Knockouts.of(engagement)
    ranked = []
    for row in rows:
        priced = prices.get(row.submission)
        value = None
        if row.total is not None and row.low is not None and row.high is not None:
            value = price.value_score(
                quality=_decimal(row.total),
                low=_decimal(row.low),
                high=_decimal(row.high),
                points=priced.points if priced else None,
                price_weight=share,
            )
        ranked.append(
            ValueRow(
                row.submission,
                row.consultant,
                row.agency,
                row.total,
                row.low,
                row.high,
                priced,
                value,
                tuple(knockouts.reasons(row)),
            )
        )
    ranked.sort(
        key=lambda r: (
            r.value is None,
            -(r.value.score if r.value else 0),
            -(r.quality or 0),
            r.consultant,
        )
    )
    return ValueRanking(share, engagement.price_weight, ranked[:SHOWN], len(ranked))
