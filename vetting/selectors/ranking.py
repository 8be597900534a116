"""The ranking of a round: one query and one row builder for the page, the API, the exports
and the printed report, so that blind review hides the same things everywhere.

A viewer who is blind to some consultant (`access.ScoreSight.ranks` false) gets the rows in
the consultants' name order, without ranks, and without the sorts and filters that read
scores or flags: the order, the counts and the pages then depend on nothing they may not
see. Their revealed rows still show their scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from vetting.access import ScoreSight
from vetting.access.blind import BLIND_ORDER
from vetting.i18n import CRITERION_WORDS
from vetting.knockouts import Knockouts
from vetting.models import Engagement, ScoreCard, Submission, SubmissionStatus
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.vendors import vendor_status_annotation
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.services.scoring import distribution_counts, distribution_key

RANKING_SORTS = {
    "rank": ("scorecard__rank", gettext_lazy("Score")),
    "name": ("consultant__name", gettext_lazy("Consultant")),
    "red": ("-scorecard__red_flags", gettext_lazy("Red flags")),
    "green": ("-scorecard__green_flags", gettext_lazy("Green flags")),
    "references": ("-references_done", gettext_lazy("References")),
    "reviews": ("-reviews_done", gettext_lazy("Reviews")),
    "status": ("status", gettext_lazy("Status")),
    **{f"c_{key}": (f"-scorecard__{key}", CRITERION_WORDS[key][0]) for key in CRITERION_KEYS},
}


@dataclass(frozen=True)
class RankingQuery:
    """What the viewer asked of the ranking (sort, direction, filters)."""

    sort: str = "rank"
    descending: bool | None = None
    status: str = ""
    flag: str = ""
    score_min: float | None = None
    score_max: float | None = None
    text: str = ""
    # Leave the knocked-out out (the page lists them apart) unless a flag filter says more.
    apart: bool = False

    def within(self, sight: ScoreSight) -> RankingQuery:
        """The query as the viewer may use it: a blind viewer's score sorts and filters
        are dropped (the caller says why), and their default order is by name."""
        if sight.ranks:
            return self
        sort = self.sort if sight.allows_sort(self.sort) else BLIND_ORDER
        return RankingQuery(
            sort=sort,
            descending=self.descending if sort == self.sort else None,
            status=self.status,
            text=self.text,
        )  # nothing kept apart: a knockout is a flag

    @property
    def reads_rank_window(self) -> bool:
        """The default order (stored rank, best first) with no filter: page N is then the
        rows ranked ((N-1)*size, N*size] (see `RankingPaginator`)."""
        return (
            self.sort == "rank"
            and not self.descending
            and not (self.status or self.flag or self.apart or self.text.strip())
            and self.score_min is None
            and self.score_max is None
        )


def ranking(engagement: Engagement, query: RankingQuery | None = None) -> QuerySet[Submission]:
    """The round's submitted self-assessments with what a ranking row shows. The rank is
    the stored one (over the whole round, whatever the filters). One query per page (plus
    the count). Apply `RankingQuery.within` first for a viewer who may not see every score."""
    query = query or RankingQuery()
    submissions = (
        # Driven by the (engagement, rank) index on the cards: a page reads its 50 rows.
        Submission.objects.filter(scorecard__engagement=engagement, status__in=SCORED_STATUSES)
        .select_related("consultant", "scorecard", "decision__approver")
        .defer("scorecard__data")
        .annotate(
            references_done=Coalesce(F("scorecard__references_done"), 0),
            reviews_done=Coalesce(F("scorecard__reviews_done"), 0),
            # The consultant's standing in the round's organisation's vendor register.
            vendor_status=vendor_status_annotation("consultant", "engagement__organisation"),
        )
    )
    if query.status:
        submissions = submissions.filter(status=query.status)
    flags = {
        "red": Q(scorecard__red_flags__gt=0),
        "none": Q(scorecard__red_flags=0),
        "hold": Q(scorecard__holds__gt=0),
        "green": Q(scorecard__green_flags__gt=0),
    }
    knockouts = Knockouts.of(engagement)
    if query.flag in flags:
        submissions = submissions.filter(flags[query.flag])
    elif query.flag == "knockout":
        submissions = submissions.filter(knockouts.knocked_out())
    elif query.flag == "meets" or query.apart:
        # Meets every knockout criterion: scored and not knocked out, or not scored yet.
        submissions = submissions.exclude(knockouts.knocked_out())
    if query.score_min is not None:
        submissions = submissions.filter(scorecard__total__gte=query.score_min)
    if query.score_max is not None:
        submissions = submissions.filter(scorecard__total__lte=query.score_max)
    text = query.text.strip()
    if text:
        submissions = submissions.filter(
            Q(consultant__name__icontains=text) | Q(consultant__agency__icontains=text)
        )
    ordering, _ = RANKING_SORTS.get(query.sort, RANKING_SORTS["rank"])
    if query.descending is not None:
        ordering = ("-" if query.descending else "") + ordering.lstrip("-")
    expression = F(ordering.lstrip("-"))
    expression = (
        expression.desc(nulls_last=True)
        if ordering.startswith("-")
        else expression.asc(nulls_last=True)
    )
    return submissions.order_by(expression, "pk")


class RankingPaginator(Paginator):
    """Django's paginator over `ranking`, with the same pages, numbers and count. In the
    default order with no filter (`RankingQuery.reads_rank_window`) page N reads the rows
    ranked ((N-1)*per_page, N*per_page] from the (engagement, rank) index, so a deep page
    costs what the first does (OFFSET reads and drops every row before the page). That
    holds while the stored ranks number the listed rows 1..count, as `rerank` keeps them;
    the count query checks it at no extra query (every row ranked and the highest rank the
    count: rerank numbers a round in one statement, so ranks never repeat), and otherwise
    the page is read with OFFSET, like every other order (whose pages are numbered, so
    cannot be keyset cursors)."""

    def __init__(self, submissions: QuerySet[Submission], per_page: int, *, window: bool) -> None:
        super().__init__(submissions, per_page)
        self.window = window
        self.ranks_dense = False

    @cached_property
    def count(self) -> int:
        if not self.window:
            return super().count
        totals = self.object_list.order_by().aggregate(
            rows=Count("pk"), ranked=Count("scorecard__rank"), top=Max("scorecard__rank")
        )
        self.ranks_dense = totals["rows"] == totals["ranked"] == (totals["top"] or 0)
        return totals["rows"]

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)  # counts first (and checks the ranks)
        if not (self.window and self.ranks_dense):
            return super().page(number)
        start = (number - 1) * self.per_page
        rows = self.object_list.filter(
            scorecard__rank__gt=start, scorecard__rank__lte=start + self.per_page
        )
        # The LIMIT says as much as the range, but tells PostgreSQL's planner the page is
        # small: without it, it guessed more rows and hashed the whole round's submissions.
        return self._get_page(rows[: self.per_page], number, self)


def default_direction(sort: str) -> str:
    """The direction a sort runs in when none is asked ("desc" for scores and counts)."""
    return "desc" if RANKING_SORTS.get(sort, ("",))[0].startswith("-") else "asc"


@dataclass(frozen=True)
class RankingRow:
    """One consultant in the ranking, as every channel shows them. A hidden row (blind
    review) carries no score, interval, criteria, flags or rank; `None` means "not shown"
    (or not scored yet), never zero."""

    submission: int
    consultant: str
    agency: str
    hidden: bool
    rank: int | None
    total: float | None
    low: float | None
    high: float | None
    criteria: dict[str, float | None] = field(default_factory=dict)
    red_flags: int | None = None
    green_flags: int | None = None
    holds: int | None = None
    knockouts: int | None = None  # must-haves answered "no" (a flag: hidden when blind)
    references_done: int = 0
    reviews_done: int = 0
    status: str = ""
    submitted_at: datetime | None = None
    decision: Any = None  # the Decision, with its approver
    vendor_status: str = ""  # in the organisation's vendor register: active, due, expired

    @property
    def scored(self) -> bool:
        return self.total is not None

    @property
    def status_label(self) -> str:
        return SubmissionStatus(self.status).label

    @property
    def decision_outcome(self) -> str | None:
        return self.decision.outcome if self.decision else None

    @property
    def decision_blocked(self) -> bool | None:
        """A hold raised after the decision blocks it; not shown on a hidden row (a hold
        is a flag)."""
        if self.hidden or self.decision is None:
            return None
        return self.decision.is_blocked

    def as_api(self, *, reviews_expected: int) -> dict[str, Any]:
        return {
            "submission": self.submission,
            "consultant": self.consultant,
            "rank": self.rank,
            "total": self.total,
            "low": self.low,
            "high": self.high,
            "criteria": dict(self.criteria),
            "red_flags": self.red_flags,
            "green_flags": self.green_flags,
            "holds": self.holds,
            "knockouts": self.knockouts,
            "blind": self.hidden,
            "references_completed": self.references_done,
            "reviews_submitted": self.reviews_done,
            "reviews_expected": reviews_expected,
            "status": self.status,
            "decision": self.decision_outcome,
            "decision_blocked": self.decision_blocked,
        }


def ranking_rows(submissions: Iterable[Submission], sight: ScoreSight) -> list[RankingRow]:
    """The rows of `ranking` (a page, or all of it), hidden as `sight` says."""
    rows = []
    for s in submissions:
        hidden = not sight.shows(s.pk)
        # Reverse one-to-ones raise (an AttributeError) when missing: not scored, not decided.
        card: ScoreCard | None = None if hidden else getattr(s, "scorecard", None)
        rows.append(
            RankingRow(
                submission=s.pk,
                consultant=s.consultant.name,
                agency=s.consultant.agency,
                hidden=hidden,
                rank=card.rank if card is not None and sight.ranks else None,
                total=card.total if card is not None else None,
                low=card.low if card is not None else None,
                high=card.high if card is not None else None,
                # The core criteria's columns, then the template's own (by key).
                criteria={
                    **{k: getattr(card, k) if card is not None else None for k in CRITERION_KEYS},
                    **(card.custom if card is not None else {}),
                },
                red_flags=card.red_flags if card is not None else None,
                green_flags=card.green_flags if card is not None else None,
                holds=card.holds if card is not None else None,
                knockouts=card.knockouts if card is not None else None,
                references_done=s.references_done,
                reviews_done=s.reviews_done,
                status=s.status,
                submitted_at=s.submitted_at,
                decision=getattr(s, "decision", None),
                vendor_status=getattr(s, "vendor_status", None) or "",
            )
        )
    return rows


def report_rows(engagement: Engagement, sight: ScoreSight) -> list[tuple[RankingRow, Any]]:
    """The whole ranking with each revealed row's card (its flags and their evidence), for
    the printable engagement report. One query."""
    submissions = list(ranking(engagement, RankingQuery().within(sight)).defer(None))
    rows = ranking_rows(submissions, sight)
    return [
        (row, None if row.hidden else getattr(s, "scorecard", None))
        for row, s in zip(rows, submissions, strict=True)
    ]


def score_distribution(engagement: Engagement, sight: ScoreSight) -> list[int] | None:
    """How many submissions score 0-9, 10-19, ... 90-100: from the cache written when the
    scores change (`services.scoring.rerank`), counted here (without writing) only when the
    cache is cold. None for a viewer who may not see every score."""
    if not sight.ranks:
        return None
    counts = cache.get(distribution_key(engagement.pk))
    return counts if counts is not None else distribution_counts(engagement.pk)


__all__ = [
    "RANKING_SORTS",
    "RankingPaginator",
    "RankingQuery",
    "RankingRow",
    "default_direction",
    "ranking",
    "ranking_rows",
    "report_rows",
    "score_distribution",
]
