"""Reads behind the delivery-review pages, their API and the outcome report (page, API and
CSV): one builder each, a constant number of queries whatever the number of reviews."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import blind_consultants, delivery_reviews_in_charge
from vetting.i18n import TOO_FEW_WORDS, criterion_words
from vetting.models import DeliveryPoint, DeliveryReview, OutcomeWeighting
from vetting.models.delivery import OPEN_STATUSES, DeliveryReviewStatus
from vetting.scoring.outcomes import (
    MIN_GROUP,
    MIN_SAMPLE,
    TOO_FEW,
    Hire,
    OutcomeReport,
)
from vetting.scoring.outcomes import (
    outcome_report as build_report,
)
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS
from vetting.scoring.text_rules import RULES_BY_CODE

if TYPE_CHECKING:
    from vetting.models import Organisation, User

# The list's filters: what each shows.
LIST_FILTERS = {
    "open": gettext_lazy("Open (scheduled or draft)"),
    "due": gettext_lazy("Due now"),
    "submitted": gettext_lazy("Submitted"),
    "all": gettext_lazy("All"),
}


def delivery_reviews(user: User, *, show: str = "open") -> QuerySet[DeliveryReview]:
    """The delivery reviews the user may read, with what the list shows of each: one
    query."""
    reviews = DeliveryReview.objects.for_user(user).select_related(
        "submission__consultant", "submission__engagement__owner", "assignee"
    )
    if show == "open":
        reviews = reviews.filter(status__in=OPEN_STATUSES)
    elif show == "due":
        reviews = reviews.due()
    elif show == "submitted":
        reviews = reviews.submitted().order_by("-submitted_at", "-pk")
    return reviews


def delivery_reviews_due_for(user: User) -> list[DeliveryReview]:
    """The to-do of the home page: the due reviews of the rounds the user owns or that are
    assigned to them. One query."""
    return list(
        delivery_reviews_in_charge(user, DeliveryReview.objects.for_user(user).due())
        .select_related("submission__consultant")
        .order_by("due_on", "pk")[:10]
    )


def delivery_review_or_404(user: User, pk: int) -> DeliveryReview:
    """One review the user may read, with its points (two queries), or 404."""
    review = (
        DeliveryReview.objects.for_user(user)
        .select_related(
            "submission__consultant",
            "submission__engagement__owner",
            "assignee",
            "organisation",
            "submitted_by",
            "decision",
        )
        .prefetch_related(Prefetch("points", queryset=DeliveryPoint.objects.order_by("position")))
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404(_("No such delivery review."))
    return review


def delivery_review_history(review: DeliveryReview) -> list[Any]:
    """Who scheduled, moved, saved and submitted the review, newest first (one query)."""
    return list(review.history.select_related("history_user").order_by("-history_date")[:50])


# --- The outcome report ---------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeReportPage:
    organisation: Organisation
    report: OutcomeReport
    weightings: list[OutcomeWeighting]  # newest first
    min_sample: int = MIN_SAMPLE
    min_group: int = MIN_GROUP
    too_few: str = TOO_FEW  # English, as the scoring module words it

    @property
    def too_few_shown(self) -> str:
        """The warning as the page and the API show it, in the reader's language."""
        return str(TOO_FEW_WORDS)

    @property
    def current(self) -> OutcomeWeighting | None:
        return self.weightings[0] if self.weightings else None

    @property
    def number(self) -> int:
        return self.current.number if self.current else 0

    @property
    def suggested_name(self) -> str:
        return _("%(organisation)s outcome weighting") % {"organisation": self.organisation.name}


def hires_of(organisation: Organisation | int, user: User | None = None) -> list[Hire]:
    """The organisation's submitted delivery reviews as the report's hires (one query).
    For `user`, the consultants they are blind to (on a panel, their review not submitted:
    `access.blind_consultants`) are left out, as the claim benchmarks do: their cards'
    values show nowhere before the review."""
    reviews = DeliveryReview.objects.filter(
        organisation=organisation,
        status=DeliveryReviewStatus.SUBMITTED,
        overall_rating__isnull=False,
    )
    if user is not None:
        reviews = reviews.exclude(submission__consultant__in=blind_consultants(user))
    rows = reviews.order_by("pk").values_list("pk", "overall_rating", "card_values", "card_signals")
    return [
        Hire(
            id=pk,
            delivery=float(rating),
            values=dict(values or {}),
            signals=frozenset(signals or ()),
        )
        for pk, rating, values, signals in rows
    ]


def _signals_of(hires: list[Hire]) -> list[tuple[str, str, str]]:
    """The text signals that fired on at least one hire: (code, polarity, principle), the
    warning signs first."""
    codes = sorted({code for hire in hires for code in hire.signals})
    found = []
    for code in codes:
        rule = RULES_BY_CODE.get(code)
        polarity = rule.polarity if rule else ""
        found.append((code, polarity, rule.principle if rule else code))
    return sorted(found, key=lambda s: (s[1] != "red", s[0]))


def outcome_report(organisation: Organisation, user: User | None = None) -> OutcomeReportPage:
    """The outcome-validation report of an organisation, as `user` may see it (`hires_of`):
    two queries (its reviews, its weightings), whatever the number of hires."""
    weightings = list(
        OutcomeWeighting.objects.filter(organisation=organisation).select_related("adopted_by")
    )
    current = weightings[0].weights if weightings else DEFAULT_WEIGHTS
    hires = hires_of(organisation, user)
    report = build_report(
        hires,
        criteria=[(c.key, criterion_words(c)[0]) for c in CRITERIA],
        signals=_signals_of(hires),
        weights={c.key: int(current.get(c.key, c.default_weight)) for c in CRITERIA},
    )
    return OutcomeReportPage(organisation=organisation, report=report, weightings=weightings)


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def outcome_report_rows(page: OutcomeReportPage) -> Iterator[list[str]]:
    """The report as a table (the CSV download): one row per criterion, then per signal."""
    report = page.report
    yield ["Outcome report", page.organisation.name, timezone.localdate().isoformat()]
    yield ["Hires", str(report.hires), "Minimum sample", str(MIN_SAMPLE)]
    yield []
    yield [
        "Criterion",
        "Hires",
        "Correlation r",
        "Top half mean delivery",
        "Top half hires",
        "Bottom half mean delivery",
        "Bottom half hires",
        "Current weight",
        "Suggested weight",
        "Warning",
    ]
    weights = {w.key: w for w in report.weights}
    for c in report.criteria:
        yield [
            c.label,
            str(c.n),
            _num(c.r),
            _num(c.top_mean),
            str(c.top_n),
            _num(c.bottom_mean),
            str(c.bottom_n),
            str(weights[c.key].current),
            str(weights[c.key].suggested),
            "" if c.enough else TOO_FEW,
        ]
    yield []
    yield [
        "Text signal",
        "Kind",
        "Hires where it fired",
        "Mean delivery where it fired",
        "Hires where it did not",
        "Mean delivery where it did not",
        "Warning",
    ]
    for s in report.signals:
        yield [
            s.label,
            "warning sign" if s.polarity == "red" else "good sign",
            str(s.fired_n),
            _num(s.fired_mean),
            str(s.not_n),
            _num(s.not_mean),
            "" if s.enough else TOO_FEW,
        ]
