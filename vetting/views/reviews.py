"""Reviewer scorecards, the score page, and the panel's calibration report."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from statistics import mean
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vetting import access, selectors, services
from vetting.access import can, engagement_or_404
from vetting.concurrency import StaleVersionError
from vetting.forms import ConflictForm, ConsensusForm, OverrideForm, ReviewForm
from vetting.i18n import criterion_words, in_sentence
from vetting.models import Recommendation, Review, ScoreCard, Submission
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring.inputs import RUBRIC_VERSION
from vetting.selectors.answers import answer_fields, answer_sections
from vetting.selectors.benchmarks import submission_claim_benchmarks
from vetting.selectors.clarifications import card_clarified, clarification_panel
from vetting.selectors.comments import submission_threads


def _submission(request: HttpRequest, pk: int) -> Submission:
    """A submission of a round the user runs or reviews, never their own (else 404)."""
    submission = (
        access.buyer_submissions(request.user)
        .select_related(
            "engagement__owner",
            "engagement__questionnaire",
            "consultant",
            "decision__approver",
            "revetting__entry__consultant",  # a re-vetting round's note (none otherwise)
            "score_release",  # the release box of the score page (none until released)
        )
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404("No such submission.")
    return submission


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """What the user has to review, across engagements."""
    access.require(
        request.user,
        "vetting.browse_engagements",
        message=_("Reviews are for procurement teams and managers."),
    )
    submissions = list(selectors.review_queue(request.user))
    todo = [
        s
        for s in submissions
        if s.my_review_status != "submitted" and (not s.my_conflict or s.my_conflict_overrider)
    ]
    return render(request, "reviews/queue.html", {"submissions": submissions, "todo": len(todo)})


def _review_context(
    request: HttpRequest, submission: Submission, review: Review, form: ReviewForm
) -> dict[str, Any]:
    reviews = selectors.submission_reviews(submission)
    others = [r for r in reviews if r.pk != review.pk and r.is_submitted]
    # Blind: a reviewer sees the others once their own review is submitted (a declared
    # conflict does not lift it: the owner may still let that reviewer count).
    show_others = can(request.user, "vetting.view_scores", submission)
    return {
        "submission": submission,
        "engagement": submission.engagement,
        "review": review,
        "form": form,
        "version": review.version,
        "sections": answer_sections(answer_fields(submission, show_all_errors=False)),
        "references_by_id": {r.pk: r for r in submission.consultant.references.all()},
        "others": others if show_others else [],
        "hidden_reviews": 0 if show_others else len(others),
        "clarify": clarification_panel(request.user, submission),
    }


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare conflicts first; then rate each criterion against its anchors, beside the
    answers. Drafts autosave; other reviews show once this one is submitted."""
    submission = _submission(request, pk)
    try:
        services.require_reviewer(submission=submission, reviewer=request.user)
    except services.ServiceError as exc:
        messages.info(request, str(exc))
        return redirect("submissions:read", pk=submission.pk)
    # Opening the page writes nothing: the review starts with the conflict declaration.
    own = Review.objects.filter(submission=submission, reviewer=request.user).first()
    if own is None or own.has_conflict is None:
        return _declare_conflict(request, submission)
    if request.method == "POST":
        return _save_ratings(request, submission, own)
    form = ReviewForm(review=own)
    return render(request, "reviews/review.html", _review_context(request, submission, own, form))


def _declare_conflict(request: HttpRequest, submission: Submission) -> HttpResponse:
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_start(
                submission=submission,
                by=request.user,
                has_conflict=form.cleaned_data["has_conflict"],
                note=form.cleaned_data["conflict_note"],
            )
        except services.ServiceError as exc:  # declared meanwhile in another tab
            messages.info(request, str(exc))
        else:
            if form.cleaned_data["has_conflict"]:
                messages.info(
                    request,
                    _(
                        "Thank you. Your conflict is recorded and the owner is told; your "
                        "review will not count unless they override it."
                    ),
                )
        return redirect("submissions:review", pk=submission.pk)
    context = {"submission": submission, "engagement": submission.engagement, "form": form}
    return render(request, "reviews/conflict.html", context)


def _save_ratings(request: HttpRequest, submission: Submission, own: Review) -> HttpResponse:
    """Autosave (htmx) and "Save draft" save the draft; "Submit review" saves it and
    submits it if complete, or marks what is missing (what was rated stays saved)."""
    form = ReviewForm(request.POST, review=own)
    # htmx sends the last focused button with the form: an autosave that fires while the
    # pointer is on "Submit review" must not submit without the confirmation.
    submit = "submit" in request.POST and not request.htmx
    if not form.is_valid():
        return _not_saved(request, submission, own, form, status=422)
    recommendation = form.cleaned_data["recommendation"]
    missing = (
        services.review_missing(
            ratings=form.ratings(), recommendation=recommendation, criteria=form.criteria
        )
        if submit
        else []
    )
    # "Keep mine" after another tab saved: this tab's form, saved over the version it saw.
    keep = request.POST.get("keep", "")
    expected = int(keep) if keep.isdigit() and len(keep) < 10 else form.cleaned_data.get("version")
    try:
        own = services.review_save(
            review=own,
            by=request.user,
            ratings=form.ratings(),
            notes=form.notes(),
            recommendation=recommendation,
            overall_note=form.cleaned_data["overall_note"],
            expected_version=expected,
            submit=submit and not missing,
        )
    except StaleVersionError as exc:
        return _changed_elsewhere(request, submission, own, form, exc)
    except services.ServiceError as exc:
        if request.htmx:
            return render(request, "submissions/save_failed.html", {"message": str(exc)})
        messages.error(request, str(exc))
        return redirect("submissions:review", pk=submission.pk)
    if request.htmx:
        context = {"saved_at": timezone.localtime(), "version": own.version, "kept": bool(keep)}
        return render(request, "reviews/saved.html", context)
    if missing:
        return _incomplete(request, submission, own, form, missing)
    if submit:
        messages.success(
            request,
            _("Your review is submitted. You can now see the other reviews and the score."),
        )
    else:
        messages.success(request, _("Your draft review is saved."))
    return redirect("submissions:review", pk=submission.pk)


def _incomplete(
    request: HttpRequest, submission: Submission, own: Review, form: ReviewForm, missing: list[str]
) -> HttpResponse:
    """Submit pressed on an incomplete review: the draft is saved; mark what is missing
    beside each criterion and sum it up above the form."""
    for key in missing:
        if key == "recommendation":
            form.add_error("recommendation", _("Choose a recommendation to submit."))
        else:
            form.add_error(f"rating_{key}", _("Rate this criterion to submit."))
    context = _review_context(request, submission, own, form)  # the saved draft's version
    context["missing_criteria"] = [c for c in form.criteria if c.key in missing]
    context["missing_recommendation"] = "recommendation" in missing
    return render(request, "reviews/review.html", context, status=422)


def _differences(saved: Review, form: ReviewForm) -> list[tuple[str, str, str]]:
    """(what, saved now, in this tab) for each part of the review on which they differ."""
    by_criterion = {r.criterion: r for r in saved.ratings.all()}
    ratings, notes = form.ratings(), form.notes()
    recommendations = dict(Recommendation.choices)
    rows = []
    for criterion in form.criteria:
        row = by_criterion.get(criterion.key)
        was, now = (row.rating if row else None), ratings.get(criterion.key)
        if was != now:
            label = _("%(criterion)s: rating") % {"criterion": criterion_words(criterion)[0]}
            rows.append((label, str(was or "–"), str(now or "–")))
        was_note, note = (row.note if row else ""), notes.get(criterion.key, "")
        if was_note != note:
            rows.append(
                (
                    _("%(criterion)s: note") % {"criterion": criterion_words(criterion)[0]},
                    was_note,
                    note,
                )
            )
    recommendation = form.cleaned_data["recommendation"]
    if saved.recommendation != recommendation:
        rows.append(
            (
                _("Overall recommendation"),
                recommendations.get(saved.recommendation, "–"),
                recommendations.get(recommendation, "–"),
            )
        )
    if saved.overall_note != form.cleaned_data["overall_note"]:
        rows.append((_("Overall note"), saved.overall_note, form.cleaned_data["overall_note"]))
    return rows


def _changed_elsewhere(
    request: HttpRequest,
    submission: Submission,
    own: Review,
    form: ReviewForm,
    exc: StaleVersionError,
) -> HttpResponse:
    """Saved meanwhile from another tab: nothing was replaced. Show where the two differ,
    keep this tab's form as typed, and offer to keep either ("Keep mine" saves it over the
    version it saw; "Use the saved one" opens the review as saved)."""
    saved = Review.objects.prefetch_related("ratings").get(pk=own.pk)
    conflict = {
        "version": exc.current_version,
        "saved_at": exc.changed_at,
        "differences": _differences(saved, form),
    }
    if request.htmx:
        # The version field stays as it was: later autosaves are refused too until a choice.
        context = {"submission": submission, "conflict": conflict}
        return render(request, "reviews/changed_elsewhere.html", context)
    context = _review_context(request, submission, own, form)
    context["version"] = form["version"].value()
    context["conflict"] = conflict
    return render(request, "reviews/review.html", context, status=409)


def _not_saved(
    request: HttpRequest, submission: Submission, own: Review, form: ReviewForm, *, status: int
) -> HttpResponse:
    """Nothing was saved (the form is not valid): say why, keeping what was typed in the
    form."""
    if request.htmx:
        # htmx swaps only 2xx responses into the save status.
        problems = [str(e) for e in form.non_field_errors()] + [
            _("%(field)s: %(errors)s") % {"field": form[name].label, "errors": " ".join(errors)}
            for name, errors in form.errors.items()
            if name != NON_FIELD_ERRORS
        ]
        return render(request, "submissions/save_failed.html", {"message": " ".join(problems)})
    context = _review_context(request, submission, own, form)
    context["version"] = form["version"].value()
    return render(request, "reviews/review.html", context, status=status)


def highlighted(text: str, spans: list[dict[str, Any]]) -> list[tuple[str, dict | None]]:
    """Split `text` into (piece, signal or None) so the template can mark the matched
    phrases while escaping everything."""
    pieces, cursor = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        start, end = span["start"], span["end"]
        if start < cursor or end > len(text):
            continue  # overlapping or stale span: leave it unmarked
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], span))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if submission.status not in SCORED_STATUSES:
        messages.info(request, _("A submission is scored once the consultant has submitted it."))
        return redirect("submissions:read", pk=submission.pk)
    runs = can(request.user, "vetting.run_engagement", submission.engagement)
    if not can(request.user, "vetting.view_scores", submission):
        messages.info(
            request,
            _(
                "Reviews are blind: submit your own review first, then the score and the other "
                "reviews are shown."
            ),
        )
        return redirect("submissions:review", pk=submission.pk)
    # Scored when submitted and whenever its inputs change (a GET never writes): a card not
    # there yet is being computed.
    card = ScoreCard.objects.filter(submission=submission).first()
    data = card.data if card else {"criteria": [], "flags": [], "signals": {}}
    answers = {a.question.key: a for a in submission.answers.select_related("question")}
    # Cards from an earlier rubric have no "answers" reading: they show their signals only.
    readings = data.get("answers", {})
    # Accepted clarifications were read with the answers they clarify: the same text here.
    clarified = card_clarified(data)
    highlighted_answers = [
        {
            "key": key,
            "prompt": answers[key].question.shown_prompt,
            "pieces": highlighted(clarified.text(key, answers[key].value or ""), spans),
            "reading": readings.get(key),
        }
        for key, spans in data.get("signals", {}).items()
        if key in answers and isinstance(answers[key].value, str)
    ]
    # Drafts stay private to their reviewer; declared conflicts show (without ratings).
    reviews = [
        r for r in selectors.submission_reviews(submission) if r.is_submitted or r.has_conflict
    ]
    calibrate = [c for c in data.get("criteria", []) if c.get("needs_calibration")]
    consensus = {c.criterion: c for c in submission.consensus_ratings.select_related("by")}
    context = {
        "submission": submission,
        "engagement": submission.engagement,
        "card": card,
        "criteria": data.get("criteria", []),
        "flags": data.get("flags", []),
        "red_flags": [f for f in data.get("flags", []) if f["polarity"] == "red"],
        "green_flags": [f for f in data.get("flags", []) if f["polarity"] == "green"],
        "highlighted_answers": highlighted_answers,
        "clarified": clarified,
        "current_rubric": RUBRIC_VERSION,
        "reviews": reviews,
        "rating_rows": selectors.rating_rows(reviews, submission.engagement.criteria),
        "checks": selectors.submission_checks(submission),
        "benchmarks": submission_claim_benchmarks(request.user, submission),
        "is_owner": runs,
        # The owner's release of the score to the consultant (vetting/services/profiles.py).
        "may_release": can(request.user, "vetting.release_score", submission),
        # A reverse one-to-one raises when missing: not decided yet.
        "decision": getattr(submission, "decision", None),
        "calibrate": [
            (c, consensus.get(c["key"]), ConsensusForm(initial={"criterion": c["key"]}))
            for c in calibrate
        ]
        if runs
        else [],
        "consensus": list(consensus.values()),
        "override_form": OverrideForm(),
        "comment_threads": submission_threads(request.user, submission),
    }
    return render(request, "reviews/score.html", context)


@login_required
@require_POST
def consensus(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    access.require(
        request.user,
        "vetting.run_engagement",
        submission.engagement,
        _("Only the engagement's owner records a consensus."),
    )
    form = ConsensusForm(request.POST)
    if form.is_valid():
        try:
            services.consensus_set(
                submission=submission,
                by=request.user,
                criterion=form.cleaned_data["criterion"],
                rating=form.cleaned_data["rating"],
                reason=form.cleaned_data["reason"],
            )
        except services.ServiceError as exc:
            messages.error(request, str(exc))
        else:
            key = form.cleaned_data["criterion"]
            label = next(
                criterion_words(c)[0] for c in submission.engagement.criteria if c.key == key
            )
            messages.success(
                request,
                _("Consensus on %(criterion)s recorded; the score is updated.")
                % {"criterion": in_sentence(label)},
            )
    else:
        messages.error(request, _("Choose a rating and say how the panel agreed."))
    return redirect("submissions:score", pk=submission.pk)


@login_required
@require_POST
def override_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(access.visible_reviews(request.user), pk=pk)
    access.require(
        request.user,
        "vetting.run_engagement",
        target.submission.engagement,
        _("Only the engagement's owner can override a conflict."),
    )
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_override(
                review=target, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ServiceError as exc:
            messages.error(request, str(exc))
        else:
            if target.is_submitted:
                done = _(
                    "The conflict is overridden: %(name)s's review now counts. They are told "
                    "by email."
                )
            else:
                done = _(
                    "The conflict is overridden: %(name)s's review counts once they submit "
                    "it. They are told by email."
                )
            messages.success(request, done % {"name": target.reviewer.display_name})
    else:
        messages.error(request, _("Give the reason for the override."))
    return redirect("submissions:score", pk=target.submission_id)


def _signed(delta: float) -> str:
    """+0.5 or minus 0.5 (a true minus sign), one decimal, in the reader's number format."""
    text = f"{delta:+.1f}"
    sign = "−" if text[0] == "-" else "+"
    return sign + formats.number_format(Decimal(text[1:]), 1)


@login_required
def calibration(request: HttpRequest, pk: int) -> HttpResponse:
    """Per reviewer: reviews done, mean rating against the panel's per criterion, and the
    distribution of their ratings."""

    engagement = engagement_or_404(request.user, pk)
    # Reviews are blind: a reviewer compares ratings only on the consultants they have
    # reviewed themselves (the owner sees the whole panel).
    sight = access.score_sight(request.user, engagement)
    reviews = Review.objects.filter(submission__engagement=engagement, status="submitted")
    if not sight.everything:
        reviews = reviews.filter(submission__in=sight.revealed)
    reviews = list(reviews.select_related("reviewer").prefetch_related("ratings"))
    panel: dict[str, list[int]] = defaultdict(list)
    mine: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    people = {}
    for r in reviews:
        people[r.reviewer_id] = r.reviewer
        for rating in r.ratings.all():
            if rating.rating:
                panel[rating.criterion].append(rating.rating)
                mine[r.reviewer_id][rating.criterion].append(rating.rating)
    rows = []
    for reviewer_id, reviewer in sorted(people.items(), key=lambda p: p[1].display_name):
        cells = []
        everything = []
        for criterion in engagement.criteria:
            values = mine[reviewer_id][criterion.key]
            everything += values
            if not values or not panel[criterion.key]:
                cells.append({"mean": None, "delta": None, "tendency": ""})
                continue
            delta = mean(values) - mean(panel[criterion.key])
            tendency = "lenient" if delta >= 0.5 else "severe" if delta <= -0.5 else ""
            cells.append(
                {
                    "mean": mean(values),
                    "delta": delta,
                    "delta_text": _signed(delta),
                    "tendency": tendency,
                }
            )
        counts = Counter(everything)
        distribution = [counts.get(n, 0) for n in range(1, 6)]
        rows.append(
            {
                "reviewer": reviewer,
                "done": sum(1 for r in reviews if r.reviewer_id == reviewer_id),
                "cells": cells,
                "distribution": distribution,
                "bars": _histogram(distribution),
                "total": len(everything),
            }
        )
    context = {
        "engagement": engagement,
        "criteria": engagement.criteria,
        "rows": rows,
        "blind": not sight.everything,
        "reviewed": len(sight.revealed),
        "panel": [mean(panel[c.key]) if panel[c.key] else None for c in engagement.criteria],
    }
    return render(request, "reviews/calibration.html", context)


def _histogram(counts: list[int]) -> list[dict[str, Any]]:
    """Five bars (ratings 1 to 5) for a small SVG, 20 units high at the largest count."""
    top = max(counts) or 1
    bars = []
    for i, n in enumerate(counts):
        height = round(20 * n / top, 2)
        x = 1 + 11 * i
        bars.append(
            {"rating": i + 1, "count": n, "x": x, "cx": x + 4.5, "y": 21 - height, "h": height}
        )
    return bars
