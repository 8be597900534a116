"""Printable reports for sign-off meetings: one consultant, or a whole engagement."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vetting import selectors
from vetting.access import can, engagement_or_404, score_sight
from vetting.i18n import evidence_lines
from vetting.models import Submission
from vetting.scoring.rubric import Criterion
from vetting.selectors.answers import answer_fields, answer_sections
from vetting.selectors.commercial import PriceSight, flag_labels, price_sight, proposal_panel


def flags_for_print(card: Any) -> list[dict[str, Any]]:
    """The card's flags, holds and red first, each with its evidence lines in the reader's
    language (none without a card: not scored, or hidden by blind review)."""
    flags = card.data.get("flags", []) if card else []
    ordered = sorted(flags, key=lambda f: (not f.get("hold"), f["polarity"] != "red"))
    return [{**f, "lines": evidence_lines(f.get("evidence"))} for f in ordered]


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
    sight = score_sight(request.user, engagement)
    fields = answer_fields(submission, show_all_errors=False)
    context = {
        "submission": submission,
        "engagement": engagement,
        "card": card,
        "criteria": criteria_for_print(card),
        "flags": flags_for_print(card),
        # The rank is a place among all the scores: shown to those who see them all.
        "show_rank": unblinded and sight.ranks,
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
        **_commercial(request, submission, sight),
        "printed_at": timezone.now(),
    }
    return render(request, "reports/submission.html", context)


def _commercial(request: HttpRequest, submission: Submission, sight: Any) -> dict[str, Any]:
    """The commercial part of one consultant's report, as the viewer may see prices: the
    proposal with its lines and totals, its flags (its points with the round's value), and
    whether the agreed price may be shown. Nothing where the price is sealed."""
    prices = price_sight(request.user, submission.engagement, sight, [submission.pk])
    if not prices.shows(submission.pk):
        return {"price_shown": False}
    priced = prices.price_of(submission.pk)
    return {
        "price_shown": True,
        "proposal": proposal_panel(request.user, submission),
        "price_points": priced.points if priced else None,
        "price_flags": flag_labels(priced.flags) if priced else [],
    }


def _report_row(
    row: selectors.RankingRow, card: Any, criteria: tuple[Criterion, ...], prices: PriceSight
) -> dict[str, Any]:
    priced = prices.price_of(row.submission) if prices.round_value else None
    return {
        "row": row,
        "card": card,
        "scores": [(c, row.criteria.get(c.key)) for c in criteria],
        "flags": flags_for_print(card),
        # With every price and score only (`prices.round_value`), as on the value page.
        "price": priced,
        "price_flags": flag_labels(priced.flags) if priced else [],
        "value": prices.value_of(row.submission, row.total, row.low, row.high),
    }


@login_required
def engagement_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole round on paper: the brief, the weights, the ranking, then one short
    section per submitted consultant (each starting a new page)."""
    engagement = engagement_or_404(request.user, pk)
    sight = score_sight(request.user, engagement)
    prices = price_sight(request.user, engagement, sight)
    context = {
        "engagement": engagement,
        "weights": engagement.criterion_weights,
        "sight": sight,
        "round_value": prices.round_value,
        "rows": [
            _report_row(row, card, engagement.criteria, prices)
            for row, card in selectors.report_rows(engagement, sight)
        ],
        "printed_at": timezone.now(),
    }
    return render(request, "reports/engagement.html", context)
