"""The reads behind the commercial pages and endpoints: a submission with its proposal, its
lines and its round's rate table in a constant number of queries, and the proposal panel
for whoever may see it (asked of the access layer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy

from vetting.access import ScoreSight, may_see_price, prices_shown, sees_round_value
from vetting.models import (
    CommercialProposal,
    Engagement,
    ExchangeRate,
    PricingModel,
    ProposalLine,
    Submission,
    User,
)
from vetting.scoring import price
from vetting.services.commercial import ProposalPrice, proposal_price, round_prices

LINES = Prefetch("lines", queryset=ProposalLine.objects.order_by("position", "pk"))


def submission_with_proposal(user: User, pk: int) -> Submission | None:
    """A submission the user may see (None otherwise) with its engagement, consultant, its
    proposal and lines and the round's rate table: three queries whatever the lines."""
    return (
        Submission.objects.for_user(user)
        .select_related("engagement__owner", "consultant", "proposal")
        .prefetch_related(
            Prefetch("engagement__exchange_rates", queryset=ExchangeRate.objects.all()),
            Prefetch("proposal__lines", queryset=ProposalLine.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def proposal_of(submission: Submission) -> CommercialProposal | None:
    """The submission's proposal as loaded (no query when selected with it)."""
    try:
        return submission.proposal
    except CommercialProposal.DoesNotExist:
        return None


@dataclass(frozen=True)
class ProposalPanel:
    proposal: CommercialProposal
    price: ProposalPrice


def proposal_panel(user: User, submission: Submission) -> ProposalPanel | None:
    """The read-only panel of a submission's commercial proposal, or None when the user may
    not see its price (or there is none): then the page shows nothing at all of it."""
    if not may_see_price(user, submission):
        return None
    proposal = (
        CommercialProposal.objects.filter(submission=submission).prefetch_related(LINES).first()
    )
    if proposal is None:
        return None
    return ProposalPanel(proposal, proposal_price(proposal, submission.engagement))


# --- What one viewer may see of a round's prices -----------------------------------------

# A flag that compares a bid with the others (the median): like the points (lowest ÷ this),
# it tells something of prices the viewer may not see, so it goes with them.
RELATIVE_FLAGS = frozenset({price.PriceFlag.ABNORMALLY_LOW})
FLAG_LABELS = {
    price.PriceFlag.OVER_BUDGET: gettext_lazy("Over budget"),
    price.PriceFlag.ABNORMALLY_LOW: gettext_lazy("Abnormally low: check it is real"),
    price.PriceFlag.NO_RATE: gettext_lazy("No exchange rate"),
}


def flag_labels(flags: Iterable[str]) -> list[str]:
    """The flags in words, in a stable order (over budget, abnormally low, no rate)."""
    return [str(label) for flag, label in FLAG_LABELS.items() if flag in set(flags)]


@dataclass(frozen=True)
class PriceSight:
    """What one person may see of one round's prices: the price of the submissions in
    `shown` (`access.prices_shown`), and only with `round_value` (`access.sees_round_value`:
    every price and every score) the figures that compare a bid with the others, the price
    points, the abnormally low flag and the value score. Points are lowest ÷ this, so a
    viewer who sees one price and its points would learn the lowest bid."""

    shown: frozenset[int]
    round_value: bool
    price_weight: int
    prices: Mapping[int, price.Price] = field(default_factory=dict)
    models: Mapping[int, str] = field(default_factory=dict)  # pricing model, by submission

    def shows(self, submission_id: int) -> bool:
        return submission_id in self.shown

    def price_of(self, submission_id: int) -> price.Price | None:
        """The round's price of a submission (None: not shown, or no proposal with lines)."""
        priced = self.prices.get(submission_id) if submission_id in self.shown else None
        if priced is None or self.round_value:
            return priced
        return replace(priced, points=None, flags=priced.flags - RELATIVE_FLAGS)

    def pricing_model(self, submission_id: int) -> str:
        """The pricing model in words ("" when not shown or no proposal)."""
        model = self.models.get(submission_id) if submission_id in self.shown else None
        return PricingModel(model).label if model else ""

    def value_of(
        self,
        submission_id: int,
        quality: float | None,
        low: float | None,
        high: float | None,
        price_weight: int | None = None,
    ) -> price.Value | None:
        """The value score at the round's split (or `price_weight`), for a viewer who sees
        the round's value and this submission's quality score (`quality` None: not shown)."""
        if not self.round_value or quality is None or low is None or high is None:
            return None
        priced = self.price_of(submission_id)
        return price.value_score(
            quality=_decimal(quality),
            low=_decimal(low),
            high=_decimal(high),
            points=priced.points if priced else None,
            price_weight=self.price_weight if price_weight is None else price_weight,
        )


def _decimal(score: float) -> Decimal:
    return Decimal(str(score))


def price_sight(
    user: User, engagement: Engagement, sight: ScoreSight, ids: Iterable[int] | None = None
) -> PriceSight:
    """The round's prices as `user` may see them (of the submissions `ids`, else the whole
    round): one query for which prices they may see and their pricing models, then, only
    if they may see a proposal, the round's rate table (prefetched on `engagement`) and the
    round priced (`services.commercial.round_prices`: its proposals and their lines)."""
    submissions = Submission.objects.filter(engagement=engagement).filter(prices_shown(user))
    if ids is not None:
        submissions = submissions.filter(pk__in=list(ids))
    models = dict(submissions.values_list("pk", "proposal__pricing_model"))
    proposed = {pk: model for pk, model in models.items() if model}
    if proposed:
        # Read once for the round's prices and each proposal's total (`terms_of`).
        prefetch_related_objects([engagement], "exchange_rates")
    return PriceSight(
        shown=frozenset(models),
        round_value=sees_round_value(user, engagement, sight),
        price_weight=engagement.price_weight,
        prices=round_prices(engagement) if proposed else {},
        models=proposed,
    )
