"""Procurement's pages for comparing vendors and deciding: home, ranking, compare, decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from vetting import selectors, services
from vetting.concurrency import NONE_YET, StaleVersionError, refuse_stale
from vetting.fields import SafeModelChoiceField
from vetting.models import (
    Decision,
    Outcome,
    Submission,
    SubmissionStatus,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.rules import is_buyer_side, is_procurement, is_staff
from vetting.scoring.rubric import CRITERIA
from vetting.views.engagements import visible_engagement

PAGE_SIZE = 50


class RankingFilter(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status")]
        + [(s.value, s.label) for s in SubmissionStatus if s.value in SCORED_STATUSES],
    )
    flag = forms.ChoiceField(
        required=False,
        label="Flags",
        choices=[
            ("", "Any flags"),
            ("red", "Has red flags"),
            ("none", "No red flags"),
            ("hold", "Has a hold"),
            ("green", "Has green flags"),
        ],
    )
    min = forms.FloatField(required=False, min_value=0, max_value=100, label="Score from")
    max = forms.FloatField(required=False, min_value=0, max_value=100, label="to")
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in selectors.RANKING_SORTS])
    dir = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])

    def clean(self) -> dict[str, Any]:
        values = super().clean()
        low, high = values.get("min"), values.get("max")
        if low is not None and high is not None and low > high:
            # A reversed range matches nobody: refuse it (neither end applies) rather than
            # show an empty ranking as if no consultant scored in it.
            self.add_error(
                "max", f"Must be at least the “Score from” ({low:g}): a range goes low to high."
            )
            values.pop("min", None)
        return values


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The engagement dashboard: ranking, charts, and the way to compare and decide."""
    engagement = visible_engagement(request, pk)
    form = RankingFilter(request.GET or None)
    form.is_valid()
    # Every valid filter applies even if another one is not (a bad "min" keeps the search;
    # a reversed score range drops both of its ends).
    values = getattr(form, "cleaned_data", {})
    sort = values.get("sort") or "rank"
    direction = values.get("dir") or ""
    submissions = selectors.ranking(
        engagement,
        sort=sort,
        descending={"asc": False, "desc": True}.get(direction),
        status=values.get("status") or "",
        flag=values.get("flag") or "",
        score_min=values.get("min"),
        score_max=values.get("max"),
        text=values.get("q") or "",
    )
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    is_owner = engagement.owner_id == request.user.pk or is_staff(request.user)
    revealed = selectors.scores_revealed(engagement, request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    keep = query.copy()
    keep.pop("sort", None)
    keep.pop("dir", None)
    context = {
        "engagement": engagement,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "sort_query": keep.urlencode(),
        "sort": sort,
        "direction": direction,
        "effective_dir": direction
        or ("desc" if selectors.RANKING_SORTS.get(sort, ("",))[0].startswith("-") else "asc"),
        "criteria": CRITERIA,
        "panel_size": engagement.review_panel_size,
        "is_owner": is_owner,
        "rows": ranking_rows(page.object_list, revealed),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "dashboard/ranking_table.html", context)
    distribution = selectors.score_distribution(engagement)
    context["distribution"] = [
        (f"{10 * i}–{10 * i + 9 if i < 9 else 100}", n) for i, n in enumerate(distribution)
    ]
    return render(request, "dashboard/ranking.html", context)


def _coordinate(value: float) -> str:
    """An SVG coordinate on a 0-100 axis, never with a locale's decimal comma."""
    return f"{max(0.0, min(100.0, value)):.2f}"


def ranking_rows(submissions: Any, revealed: set[int] | None) -> list[dict[str, Any]]:
    """What each ranking row shows, worked out once in Python (the template only prints it:
    fifty rows of nested includes and filters were most of the page's time)."""
    rows = []
    for s in submissions:
        card = getattr(s, "scorecard", None)
        hidden = revealed is not None and s.pk not in revealed
        shown = card if card is not None and not hidden else None
        agency = s.consultant.agency if s.consultant.agency != s.consultant.name else ""
        row = {
            "pk": s.pk,
            "name": s.consultant.name,
            "agency": agency,
            "rank": shown.rank if shown and shown.rank else "–",
            "hidden": hidden,
            "scored": shown is not None,
            "red": shown.red_flags if shown else 0,
            "green": shown.green_flags if shown else 0,
            "holds": shown.holds if shown else 0,
            "references": s.references_done,
            "reviews": s.reviews_done,
            "status": s.status,
            "status_label": s.get_status_display(),
            "score_url": reverse("submissions:score", args=[s.pk]),
            "review_url": reverse("submissions:review", args=[s.pk]),
            "decide_url": reverse("submissions:decide", args=[s.pk]),
            "bars": [],
        }
        if shown is not None:
            row.update(
                total=f"{shown.total:.0f}",
                low=f"{shown.low:.0f}",
                high=f"{shown.high:.0f}",
                x_low=_coordinate(shown.low),
                x_high=_coordinate(shown.high),
                x_width=_coordinate(shown.high - shown.low),
                x_total=_coordinate(shown.total),
            )
            for criterion in CRITERIA:
                value = getattr(shown, criterion.key)
                if value is None:
                    row["bars"].append((criterion.label, "no data", "24", ""))
                else:
                    height = max(0.0, min(1.0, value)) * 24
                    row["bars"].append(
                        (
                            criterion.label,
                            f"{value * 100:.0f}%",
                            f"{24 - height:.2f}",
                            f"{height:.2f}",
                        )
                    )
        rows.append(row)
    return rows


COMPARE_MAX = 4


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two to four consultants side by side; the rows where they differ most come first."""
    engagement = visible_engagement(request, pk)
    ticked = list(dict.fromkeys(int(v) for v in request.GET.getlist("s") if v.isdigit()))
    submissions = selectors.compare_submissions(engagement, ticked[:COMPARE_MAX])
    if len(submissions) < 2:
        messages.info(request, "Tick two to four consultants in the ranking to compare them.")
        return redirect("engagements:ranking", pk=engagement.pk)
    if len(ticked) > COMPARE_MAX:
        left_out = len(ticked) - COMPARE_MAX
        messages.warning(
            request,
            f"You ticked {len(ticked)} consultants, but at most {COMPARE_MAX} fit side by side: "
            f"these are the first {COMPARE_MAX} ticked, in the ranking's order, and {left_out} "
            f"{'is' if left_out == 1 else 'are'} left out. To choose which {COMPARE_MAX}, "
            f"tick only {COMPARE_MAX} in the ranking.",
        )
    comparison = selectors.comparison_rows(submissions, viewer=request.user)
    context = {
        "engagement": engagement,
        "submissions": submissions,
        "criteria_rows": comparison["criteria"],
        "answer_rows": comparison["answers"],
        "flags": comparison["flags"],
        "references": comparison["references"],
        "reviews": comparison["reviews"],
        "radar_labels": [c.label for c in CRITERIA],
    }
    return render(request, "dashboard/compare.html", context)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why: the evidence that decided it. It is kept with the decision and shown "
        "in the audit trail and the reports, never to the consultant.",
    )
    approver = SafeModelChoiceField(queryset=None, label="Approved by")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = selectors.reviewer_choices()
        self.fields["approver"].label_from_instance = lambda u: u.display_name


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = (
        Submission.objects.for_user(request.user)
        .select_related("engagement__owner", "consultant", "scorecard")
        .filter(pk=pk)
        .first()
    )
    if submission is None or submission.consultant.user_id == request.user.pk:
        raise Http404("No such submission.")
    if submission.engagement.owner_id != request.user.pk and not is_staff(request.user):
        raise PermissionDenied("Only the engagement's owner records decisions.")
    decision = Decision.objects.filter(submission=submission).first()
    # Version 0 means "no decision yet": a second tab deciding for the first time is told
    # that someone decided meanwhile instead of silently replacing it.
    initial = {"approver": request.user.pk, "version": NONE_YET}
    if decision:
        initial = {
            "outcome": decision.outcome,
            "rationale": decision.rationale,
            "approver": decision.approver_id,
            "version": decision.version,
        }
    form = DecisionForm(request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            services.decision_record(
                submission=submission,
                by=request.user,
                outcome=outcome,
                rationale=form.cleaned_data["rationale"],
                approver=form.cleaned_data["approver"],
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleVersionError as exc:
            refuse_stale(form, exc)
            stale = True
            decision = Decision.objects.filter(submission=submission).first()
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            if decision is None or decision.outcome != outcome:
                told = "They receive a short, neutral email with the outcome."
            else:
                told = "The outcome is unchanged, so the consultant is not emailed again."
            messages.success(request, f"Decision recorded for {submission.consultant.name}. {told}")
            return redirect("engagements:ranking", pk=submission.engagement_id)
    holds = submission.flags.filter(hold=True, cleared_at__isnull=True)
    context = {
        "submission": submission,
        "engagement": submission.engagement,
        "form": form,
        "decision": decision,
        "holds": list(holds),
    }
    code = 409 if stale else 422 if form.errors else 200
    return render(request, "dashboard/decide.html", context, status=code)


@login_required
def procurement_home(request: HttpRequest) -> HttpResponse:
    """My engagements with their pipeline, what needs me, and recent activity."""
    if not is_buyer_side(request.user):
        raise PermissionDenied("This page is for procurement teams and reviewers.")
    context = {
        "engagements": selectors.home_engagements(request.user),
        "needs": selectors.home_needs(request.user),
        "activity": selectors.recent_activity(request.user),
        "can_create": is_procurement(request.user) or is_staff(request.user),
    }
    return render(request, "dashboard/home.html", context)
