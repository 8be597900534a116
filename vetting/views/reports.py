"""Printable reports for sign-off meetings: one consultant, or a whole engagement."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vetting import selectors
from vetting.access import can, engagement_or_404, score_sight
from vetting.models import Submission
from vetting.scoring.evidence import describe as describe_evidence
from vetting.scoring.rubric import Criterion
from vetting.selectors.answers import answer_fields, answer_sections


def flags_for_print(card: Any) -> list[dict[str, Any]]:
    """The card's flags, holds and red first, each with its evidence lines (none without a
    card: not scored, or hidden by blind review)."""
    flags = card.data.get("flags", []) if card else []
    ordered = sorted(flags, key=lambda f: (not f.get("hold"), f["polarity"] != "red"))
    return [{**f, "lines": describe_evidence(f.get("evidence"))} for f in ordered]


def criteria_for_print(card: Any) -> list[dict[str, Any]]:
    """The card's criteria with the explanation of every source."""
    return list(card.data.get("criteria", [])) if card else []


@login_required
def submission_report(request: HttpRequest, pk: int) -> HttpResponse:
    """One consultant on paper: the brief, the score with every explanation, flags with
    evidence, answers by criterion, reference checks, reviewers' ratings, the decision."""
    try:
        submission = selectors.submission_report(request.user, pk)
    except Submission.DoesNotExist as exc:
        raise Http404("No such submission.") from exc
    engagement = submission.engagement
    card = getattr(submission, "scorecard", None)
    reviews = selectors.submission_reviews(submission)
    # Reviews are blind: until their own review is submitted, a reviewer gets the brief,
    # the answers and the progress of the checks and reviews, never the score, the flags,
    # what referees said or the other ratings (a declared conflict does not lift it).
    unblinded = can(request.user, "vetting.view_scores", submission)
    if not unblinded:
        card = None
    submitted = [r for r in reviews if r.is_submitted]
    checks = selectors.submission_checks(submission)
    fields = answer_fields(submission, show_all_errors=False)
    context = {
        "submission": submission,
        "engagement": engagement,
        "card": card,
        "criteria": criteria_for_print(card),
        "flags": flags_for_print(card),
        # The rank is a place among all the scores: shown to those who see them all.
        "show_rank": unblinded and score_sight(request.user, engagement).ranks,
        "weights": engagement.criterion_weights,
        "sections": answer_sections(fields),
        "references_by_id": {r.pk: r for r in submission.consultant.references.all()},
        "checks": checks,
        "checks_completed": sum(1 for c in checks if c.status == "completed"),
        "unblinded": unblinded,
        "reviews": submitted if unblinded else [],
        "rating_rows": selectors.rating_rows(submitted, engagement.criteria) if unblinded else [],
        "reviews_submitted": len(submitted),
        "decision": getattr(submission, "decision", None),
        "printed_at": timezone.now(),
    }
    return render(request, "reports/submission.html", context)


def _report_row(
    row: selectors.RankingRow, card: Any, criteria: tuple[Criterion, ...]
) -> dict[str, Any]:
    return {
        "row": row,
        "card": card,
        "scores": [(c, row.criteria.get(c.key)) for c in criteria],
        "flags": flags_for_print(card),
    }


@login_required
def engagement_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole round on paper: the brief, the weights, the ranking, then one short
    section per submitted consultant (each starting a new page)."""
    engagement = engagement_or_404(request.user, pk)
    sight = score_sight(request.user, engagement)
    context = {
        "engagement": engagement,
        "weights": engagement.criterion_weights,
        "sight": sight,
        "rows": [
            _report_row(row, card, engagement.criteria)
            for row, card in selectors.report_rows(engagement, sight)
        ],
        "printed_at": timezone.now(),
    }
    return render(request, "reports/engagement.html", context)
