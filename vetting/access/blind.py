"""Blind review as one object: what a person may learn of one round's scores.

A panel member who has not submitted their review of a consultant must learn nothing of
that consultant's score, flags or the other reviews, from any response: the same bytes
whatever they are. So a round where the person is blind to anyone is shown to them without
ranks, score order, score or flag filters, or the distribution of scores; only the rows they
have reviewed show their scores. The owner (and staff) see everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from vetting.access.objects import runs_engagement

if TYPE_CHECKING:
    from vetting.models import Engagement, User

# Ranking sorts and filters that read scores or flags: refused to a blind viewer.
SCORE_SORTS = frozenset({"rank", "red", "green"})
SCORE_FILTERS = frozenset({"flag", "min", "max"})
BLIND_ORDER = "name"


@dataclass(frozen=True)
class ScoreSight:
    """What one person may see of one round's scores."""

    everything: bool
    revealed: frozenset[int] = frozenset()  # submissions whose scores they may see
    complete: bool = False  # they have reviewed every consultant of the round

    def shows(self, submission_id: int) -> bool:
        return self.everything or submission_id in self.revealed

    @property
    def ranks(self) -> bool:
        """May see ranks, sort and filter by score or flags, and the score distribution:
        only someone who sees every score (else the order and the counts would tell)."""
        return self.everything or self.complete

    def allows_sort(self, sort: str) -> bool:
        return self.ranks or not (sort in SCORE_SORTS or sort.startswith("c_"))

    def refused(self, sort: str, filters: dict[str, object]) -> list[str]:
        """The asked sorts and filters a blind viewer may not use, by name."""
        names = [name for name in SCORE_FILTERS if filters.get(name) not in (None, "")]
        if sort and not self.allows_sort(sort):
            names.insert(0, "sort")
        return [] if self.ranks else names

    @property
    def cache_key(self) -> tuple[object, ...]:
        """All of this sight that a page can show, in a stable form: two people whose keys
        are equal may be shown the same cached page of the round."""
        return (self.everything, self.complete, tuple(sorted(self.revealed)))

    @property
    def revealed_ids(self) -> set[int] | None:
        """For the row builders: None for everything, else the revealed submissions."""
        return None if self.everything else set(self.revealed)


def score_sight(user: User, engagement: Engagement) -> ScoreSight:
    """The blind-review rule for one round (no query for its owner, two for the panel)."""
    # The models import the access layer.
    from vetting.models import Review, ReviewStatus, Submission
    from vetting.models.engagements import SCORED_STATUSES

    if runs_engagement(user, engagement):
        return ScoreSight(everything=True)
    revealed = frozenset(
        Review.objects.filter(
            submission__engagement=engagement, reviewer=user, status=ReviewStatus.SUBMITTED
        )
        .exclude(submission__consultant__user=user)
        .values_list("submission_id", flat=True)
    )
    ranked = (
        Submission.objects.filter(engagement=engagement, status__in=SCORED_STATUSES)
        .exclude(consultant__user=user)
        .values_list("pk", flat=True)
    )
    return ScoreSight(everything=False, revealed=revealed, complete=revealed >= set(ranked))


def sees_round_value(user: User, engagement: Engagement, sight: ScoreSight) -> bool:
    """May see the round's value ranking (every score blended with every price, so it
    needs both): the owner (and staff); a panel member who sees every score (`sight.ranks`,
    they have reviewed everyone) in a round that shows prices to the panel, always or after
    their review (`objects.sees_price` for each consultant then holds). Never a blind one."""
    from vetting.models import PriceVisibility

    if runs_engagement(user, engagement):
        return True
    return sight.ranks and engagement.price_visibility in (
        PriceVisibility.ALWAYS,
        PriceVisibility.AFTER_REVIEW,
    )
