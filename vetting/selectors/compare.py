"""The compare page: two to four consultants side by side, the rows where they differ most
first. Blind review holds here as in the ranking: a consultant the viewer may not score yet
shows their answers, never their score, criteria, flags, referees' ratings or reviews, and
the order of the rows is worked out from the scores the viewer may see only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from vetting.access import ScoreSight
from vetting.models import (
    Answer,
    Engagement,
    Flag,
    ReferenceCheck,
    Review,
    ReviewStatus,
    ScoreCard,
    Submission,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import CheckStatus
from vetting.scoring.rubric import CRITERIA, Criterion

DIFFERS = 0.25  # a spread this large marks the row "differs"


def compare_submissions(engagement: Engagement, ids: list[int]) -> list[Submission]:
    """Up to four submitted self-assessments of the round with everything the page shows,
    in the order they were ticked. Six queries, whatever is compared."""
    submissions = Submission.objects.filter(
        engagement=engagement, pk__in=ids, status__in=SCORED_STATUSES
    ).select_related("consultant", "scorecard", "decision", "engagement")
    submissions = submissions.prefetch_related(
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
                explanations.append("; ".join(s["explanation"] for s in row["sources"]))
            elif column.hidden:
                explanations.append("Shown once you have reviewed this consultant.")
            else:
                explanations.append("No data yet.")
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
