"""The compare page: two to four consultants side by side, the rows where they differ most
first. Blind review holds here as in the ranking: a consultant the viewer may not score yet
shows their answers, never their score, criteria, flags, referees' ratings or reviews, and
the order of the rows is worked out from the scores the viewer may see only.

Prices are sealed the same way (`access.prices_shown`): a consultant whose price the viewer
may not see shows nothing of it, not even whether there is a proposal; points, the
abnormally low flag, value scores and the what-if split need every price and every score
(`access.sees_round_value`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import ScoreSight
from vetting.i18n import say_again
from vetting.models import (
    Answer,
    CommercialProposal,
    Engagement,
    Flag,
    PriceVisibility,
    ProposalLine,
    ReferenceCheck,
    Review,
    ReviewStatus,
    ScoreCard,
    Submission,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import CheckStatus
from vetting.models.vendors import vendor_status_annotation
from vetting.scoring import price
from vetting.scoring.rubric import CRITERIA, Criterion
from vetting.selectors.commercial import PriceSight, flag_labels, price_sight, proposal_of
from vetting.services.commercial import ProposalPrice, proposal_price

DIFFERS = 0.25  # a spread this large marks the row "differs"


def compare_submissions(engagement: Engagement, ids: list[int]) -> list[Submission]:
    """Up to four submitted self-assessments of the round with everything the page shows,
    in the order they were ticked, their proposals and lines too. Six queries, whatever
    is compared."""
    submissions = Submission.objects.filter(
        engagement=engagement, pk__in=ids, status__in=SCORED_STATUSES
    ).select_related("consultant", "scorecard", "decision", "engagement", "proposal")
    submissions = submissions.annotate(
        vendor_status=vendor_status_annotation("consultant", "engagement__organisation")
    )
    submissions = submissions.prefetch_related(
        Prefetch("proposal__lines", queryset=ProposalLine.objects.order_by("position", "pk")),
        Prefetch("answers", queryset=Answer.objects.select_related("question")),
        Prefetch(
            "reviews",
            queryset=Review.objects.filter(status=ReviewStatus.SUBMITTED)
            .select_related("reviewer")
            .order_by("pk"),
            to_attr="submitted_reviews",
        ),
        Prefetch("reference_checks", queryset=ReferenceCheck.objects.order_by("pk")),
        Prefetch("flags", queryset=Flag.objects.filter(cleared_at__isnull=True)),
    )
    order = {pk: i for i, pk in enumerate(ids)}
    return sorted(submissions, key=lambda s: order.get(s.pk, len(order)))


@dataclass(frozen=True)
class Column:
    """One consultant's column: their card only where the viewer may see it."""

    submission: Submission
    shown: bool  # may the viewer see this consultant's scores (blind review)?
    card: ScoreCard | None  # the card, when shown and scored

    @property
    def hidden(self) -> bool:
        return not self.shown


def _spread(values: list[float | None]) -> float:
    known = [v for v in values if v is not None]
    return max(known) - min(known) if len(known) > 1 else 0.0


def _criteria_rows(columns: list[Column], criteria: tuple[Criterion, ...]) -> list[dict[str, Any]]:
    rows = []
    for criterion in criteria:
        values = [c.card.value(criterion.key) if c.card else None for c in columns]
        explanations = []
        for column in columns:
            row = column.card.criterion(criterion.key) if column.card else None
            if row:
                explanations.append(
                    "; ".join(
                        say_again(s["explanation"], s.get("explanation_said"))
                        for s in row["sources"]
                    )
                )
            elif column.hidden:
                explanations.append(_("Shown once you have reviewed this consultant."))
            else:
                explanations.append(_("No data yet."))
        spread = _spread(values)
        rows.append(
            {
                "criterion": criterion,
                "values": values,
                "explanations": explanations,
                "spread": spread,
                "differs": spread >= DIFFERS,
            }
        )
    return sorted(rows, key=lambda r: -r["spread"])


def _answer_rows(columns: list[Column], spread: dict[str, float]) -> list[dict[str, Any]]:
    answers_by = [{a.question.key: a for a in c.submission.answers.all()} for c in columns]
    questions = sorted(
        {a.question.pk: a.question for answers in answers_by for a in answers.values()}.values(),
        key=lambda q: (-spread.get(q.criterion, 0), q.position),
    )
    return [
        {
            "question": q,
            "answers": [a.get(q.key).value if a.get(q.key) else None for a in answers_by],
        }
        for q in questions
    ]


def _flags(column: Column) -> dict[str, Any]:
    if column.card is None:
        return {"hidden": column.hidden, "red": [], "green": [], "holds": []}
    flags = column.card.data.get("flags", [])
    return {
        "hidden": False,
        "red": [f for f in flags if f["polarity"] == "red"],
        "green": [f for f in flags if f["polarity"] == "green"],
        "holds": [f for f in column.submission.flags.all() if f.hold],
    }


def _references(column: Column) -> dict[str, Any]:
    checks = list(column.submission.reference_checks.all())
    done = [c for c in checks if c.status == CheckStatus.COMPLETED]
    shown = column.shown
    return {
        "requested": len(checks),
        "completed": len(done),
        "hidden": column.hidden,
        "honesty": (
            sum(c.rating_honesty or 0 for c in done) / len(done) if done and shown else None
        ),
        "hire_again": [c.get_would_hire_again_display() for c in done] if shown else [],
    }


def comparison(
    submissions: list[Submission], sight: ScoreSight, criteria: tuple[Criterion, ...] = CRITERIA
) -> dict[str, Any]:
    """Everything the compare page shows on the round's `criteria`, hidden as `sight`
    says. No queries."""
    columns = []
    for s in submissions:
        shown = sight.shows(s.pk)
        columns.append(Column(s, shown, getattr(s, "scorecard", None) if shown else None))
    rows = _criteria_rows(columns, criteria)
    spread = {r["criterion"].key: r["spread"] for r in rows}
    return {
        "columns": columns,
        "criteria": rows,
        "answers": _answer_rows(columns, spread),
        "flags": [_flags(c) for c in columns],
        "references": [_references(c) for c in columns],
        "reviews": [c.submission.submitted_reviews if c.shown else None for c in columns],
        "radar": [
            {
                "label": c.submission.consultant.name,
                "values": [round((c.card.value(k.key) or 0) * 100) for k in criteria],
            }
            for c in columns
            if c.card is not None
        ],
    }


# --- Price and value ---------------------------------------------------------------------

SEALED = {
    PriceVisibility.NEVER: gettext_lazy("Prices are not shown to reviewers in this round."),
    PriceVisibility.AFTER_REVIEW: gettext_lazy("Shown once you have reviewed this consultant."),
}


@dataclass(frozen=True)
class PriceColumn:
    """One consultant's price, as the viewer may see it (`shown` false: nothing of it)."""

    submission: Submission
    shown: bool
    proposal: CommercialProposal | None = None
    price: ProposalPrice | None = None  # lines and totals over the round's term
    points: Decimal | None = None  # only with the round's value (see the module)
    flags: tuple[str, ...] = ()  # in words
    value: price.Value | None = None  # at the round's saved split
    rank: int | None = None  # on value, among the compared, at the saved split
    agreed_price: Decimal | None = None
    quality: tuple[float, float, float] | None = None  # total, low, high: for the what-if

    @property
    def hidden(self) -> bool:
        return not self.shown


def _price_column(column: Column, engagement: Engagement, prices: PriceSight) -> PriceColumn:
    submission = column.submission
    if not prices.shows(submission.pk):
        return PriceColumn(submission, shown=False)
    proposal = proposal_of(submission)
    priced = prices.price_of(submission.pk)
    card = column.card
    decision = getattr(submission, "decision", None)
    return PriceColumn(
        submission,
        shown=True,
        proposal=proposal,
        price=proposal_price(proposal, engagement) if proposal else None,
        points=priced.points if priced else None,
        flags=tuple(flag_labels(priced.flags)) if priced else (),
        value=prices.value_of(
            submission.pk, *((card.total, card.low, card.high) if card else (None,) * 3)
        ),
        agreed_price=decision.agreed_price if decision else None,
        quality=(card.total, card.low, card.high) if card else None,
    )


def _ranked(columns: list[PriceColumn]) -> list[PriceColumn]:
    """Each column with its rank on value among the compared (as static/js/value.js ranks
    them: value, then quality; no value, no rank)."""
    valued = sorted(
        (c for c in columns if c.value is not None),
        key=lambda c: (-c.value.score, -(c.quality[0] if c.quality else 0)),
    )
    ranks = {c.submission.pk: i for i, c in enumerate(valued, start=1)}
    return [replace(c, rank=ranks.get(c.submission.pk)) for c in columns]


def price_comparison(
    user: User, engagement: Engagement, columns: list[Column], sight: ScoreSight
) -> dict[str, Any]:
    """The compare page's price rows and what-if split, as `user` may see them. Queries:
    which compared prices the user may see; if they see a proposal, the round's rate table,
    its proposals and their lines (for the points). The same number for two or four
    consultants, for few or many lines."""
    prices = price_sight(user, engagement, sight, [c.submission.pk for c in columns])
    priced = _ranked([_price_column(c, engagement, prices) for c in columns])
    return {
        "columns": priced,
        # Shown when the round asks for a price or the viewer sees one: it depends on
        # nothing the viewer may not see.
        "shown": engagement.price_weight > 0 or any(c.proposal for c in priced),
        "round_value": prices.round_value,
        "whatif": prices.round_value and any(c.points is not None for c in priced),
        "split": engagement.price_weight,
        "quality_share": 100 - engagement.price_weight,
        "sealed": SEALED.get(engagement.price_visibility, SEALED[PriceVisibility.AFTER_REVIEW]),
        "currency": engagement.currency,
    }
