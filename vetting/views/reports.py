"""Printable reports for sign-off meetings: one consultant, or a whole engagement."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vetting import selectors
from vetting.models import Engagement, Review, Submission
from vetting.rules import is_staff
from vetting.scoring.evidence import describe as describe_evidence
from vetting.scoring.rubric import CRITERIA
from vetting.views.engagements import visible_engagement
from vetting.views.submissions import answer_fields, answer_sections

# Sources and flags that quote the reviewers' ratings: hidden from a reviewer until their
# own review is submitted (reviews are blind).
REVIEW_SOURCES = ("reviews", "consensus")


def flags_for_print(card: Any, *, blind: bool = False) -> list[dict[str, Any]]:
    """The card's flags, holds and red first, each with its evidence lines."""
    flags = card.data.get("flags", []) if card else []
    if blind:
        flags = [f for f in flags if f.get("source") not in REVIEW_SOURCES]
    ordered = sorted(flags, key=lambda f: (not f.get("hold"), f["polarity"] != "red"))
    return [{**f, "lines": describe_evidence(f.get("evidence"))} for f in ordered]


def criteria_for_print(card: Any, *, blind: bool = False) -> list[dict[str, Any]]:
    """The card's criteria with the explanation of every source (the reviewers' left out
    when `blind`, with how many were)."""
    rows = []
    for criterion in card.data.get("criteria", []) if card else []:
        sources = criterion.get("sources", [])
        shown = [s for s in sources if not blind or s["kind"] not in REVIEW_SOURCES]
        rows.append({**criterion, "sources": shown, "hidden": len(sources) - len(shown)})
    return rows


def _weights(engagement: Engagement) -> list[tuple[Any, int]]:
    return [(c, engagement.weights.get(c.key, 0)) for c in CRITERIA]


def _rating_rows(reviews: list[Review]) -> list[dict[str, Any]]:
    """Per criterion, each submitted review's rating and note."""
    by_review = {r.pk: {x.criterion: x for x in r.ratings.all()} for r in reviews}
    return [
        {"criterion": c, "cells": [by_review[r.pk].get(c.key) for r in reviews]} for c in CRITERIA
    ]


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
    own = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    is_owner = engagement.owner_id == request.user.pk or is_staff(request.user)
    # Reviews are blind: a reviewer sees the other ratings, and the explanations that quote
    # them, once their own review is submitted. (Unlike the score page, a declared conflict
    # does not lift the blindness: the reviewer may still rate, and be overridden in.)
    unblinded = is_owner or bool(own and own.is_submitted)
    submitted = [r for r in reviews if r.is_submitted]
    checks = selectors.submission_checks(submission)
    fields = answer_fields(submission, show_all_errors=False)
    context = {
        "submission": submission,
        "engagement": engagement,
        "card": card,
        "criteria": criteria_for_print(card, blind=not unblinded),
        "flags": flags_for_print(card, blind=not unblinded),
        "weights": _weights(engagement),
        "sections": answer_sections(fields),
        "references_by_id": {r.pk: r for r in submission.consultant.references.all()},
        "checks": checks,
        "checks_completed": sum(1 for c in checks if c.status == "completed"),
        "unblinded": unblinded,
        "reviews": submitted if unblinded else [],
        "rating_rows": _rating_rows(submitted) if unblinded else [],
        "reviews_submitted": len(submitted),
        "decision": getattr(submission, "decision", None),
        "printed_at": timezone.now(),
    }
    return render(request, "reports/submission.html", context)


def _report_row(submission: Submission, *, blind: bool) -> dict[str, Any]:
    # Reverse one-to-ones raise (an AttributeError) when missing: not scored, not decided.
    card = getattr(submission, "scorecard", None)
    return {
        "submission": submission,
        "card": card,
        "scores": [(c, getattr(card, c.key) if card else None) for c in CRITERIA],
        "flags": flags_for_print(card, blind=blind),
        "decision": getattr(submission, "decision", None),
    }


@login_required
def engagement_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole round on paper: the brief, the weights, the ranking, then one short
    section per submitted consultant (each starting a new page)."""
    engagement = visible_engagement(request, pk)
    rows = selectors.engagement_report_rows(engagement)
    revealed = selectors.scores_revealed(engagement, request.user)
    context = {
        "engagement": engagement,
        "weights": _weights(engagement),
        "rows": [_report_row(s, blind=revealed is not None and s.pk not in revealed) for s in rows],
        "printed_at": timezone.now(),
    }
    return render(request, "reports/engagement.html", context)
