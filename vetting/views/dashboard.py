"""Procurement's pages for comparing vendors and deciding: home, ranking, compare, decide."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from vetting import bars, freshness, selectors, services
from vetting.access import (
    ScoreSight,
    buyer_submissions,
    can,
    engagement_or_404,
    require,
    score_sight,
)
from vetting.concurrency import NONE_YET, StaleVersionError, refuse_stale
from vetting.forms import DecisionForm, RankingFilter
from vetting.i18n import criterion_words
from vetting.knockouts import Knockouts
from vetting.models import (
    Approval,
    Decision,
    Engagement,
)
from vetting.scoring.rubric import Criterion
from vetting.selectors import approvals as approvals_selectors
from vetting.selectors.comments import thread_for
from vetting.selectors.commercial import proposal_panel
from vetting.selectors.compare import price_comparison

PAGE_SIZE = 50
KNOCKED_OUT_SHOWN = 100  # the list apart; more are one filter away ("Knocked out")


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The engagement dashboard: ranking, charts, and the way to compare and decide. A
    reviewer whose reviews are still blind gets it in name order, without ranks, score or
    flag filters and the distribution (see `access.blind`).

    The page's content is built once per state of the round and kept (`freshness`): its
    key holds the round's data version, what this viewer may see and may do, and the
    query, so any change to the round, or a viewer who sees differently, builds it anew.
    The panel is read only when the content is built (a page kept needs no more than the
    round's row)."""
    engagement = engagement_or_404(request.user, pk, panel=False)
    sight = score_sight(request.user, engagement)
    may_decide = can(request.user, "vetting.run_engagement", engagement)
    partial = bool(request.htmx and not request.htmx.history_restore_request)
    key = freshness.page_key(
        "ranking", engagement, sight.cache_key, may_decide, partial, request=request
    )
    content = freshness.cached_page(
        key, lambda: _ranking_content(request, engagement, sight, may_decide, partial=partial)
    )
    if partial:
        return HttpResponse(content)
    return render(request, "dashboard/ranking.html", {"engagement": engagement, "content": content})


def _ranking_content(
    request: HttpRequest,
    engagement: Engagement,
    sight: ScoreSight,
    may_decide: bool,
    *,
    partial: bool,
) -> str:
    """The ranking page's content (the table alone for htmx): everything but the frame."""
    form = RankingFilter(request.GET or None, sight=sight)
    form.is_valid()
    # Every valid filter applies even if another one is not (a bad "min" keeps the search;
    # a reversed score range drops both of its ends).
    values = getattr(form, "cleaned_data", {})
    knockouts = Knockouts.of(engagement)
    # Those a knockout criterion rules out are listed apart, with why (a flag: only for a
    # viewer who sees every score), unless the flag filter asks for them.
    apart = sight.ranks and knockouts.possible and not values.get("flag")
    asked = selectors.RankingQuery(
        sort=values.get("sort") or "rank",
        descending={"asc": False, "desc": True}.get(values.get("dir") or ""),
        status=values.get("status") or "",
        flag=values.get("flag") or "",
        score_min=values.get("min"),
        score_max=values.get("max"),
        text=values.get("q") or "",
        apart=apart,
    )
    query = asked.within(sight)
    refused = sight.refused(
        request.GET.get("sort", ""), {k: request.GET.get(k) for k in ("flag", "min", "max")}
    )
    submissions = selectors.ranking(engagement, query)
    paginator = selectors.RankingPaginator(submissions, PAGE_SIZE, window=query.reads_rank_window)
    page = paginator.get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    sort_keep = keep.copy()
    sort_keep.pop("sort", None)
    sort_keep.pop("dir", None)
    direction = (values.get("dir") or "") if query.sort == asked.sort else ""
    panel_size = engagement.review_panel_size
    show = functools.partial(
        _display,
        references=engagement.references_required,
        panel=panel_size,
        criteria=engagement.criteria,
        knockouts=knockouts,
    )
    context = {
        "engagement": engagement,
        "form": form,
        "page": page,
        "query": keep.urlencode(),
        "sort_query": sort_keep.urlencode(),
        "sort": query.sort,
        "direction": direction,
        "effective_dir": direction or selectors.default_direction(query.sort),
        "criteria": engagement.criteria,
        "panel_size": panel_size,
        "may_decide": may_decide,
        "sight": sight,
        "refused": refused,
        "rows": [show(row) for row in selectors.ranking_rows(page.object_list, sight)],
        "knockout_settings": knockouts.settings,
    }
    if apart:
        out = selectors.ranking(engagement, selectors.RankingQuery(flag="knockout"))
        context["knocked_out"] = [
            show(row) for row in selectors.ranking_rows(out[:KNOCKED_OUT_SHOWN], sight)
        ]
    if partial:
        return render_to_string("dashboard/ranking_table.html", context, request)
    distribution = selectors.score_distribution(engagement, sight)
    if distribution is not None:
        context["distribution"] = [
            (f"{10 * i}–{10 * i + 9 if i < 9 else 100}", n) for i, n in enumerate(distribution)
        ]
        # For the chart, read by static/js/charts.js from a JSON island (the CSP allows no
        # inline script, and a data island is not one).
        context["distribution_chart"] = {
            "labels": [band for band, _count in context["distribution"]],
            "values": distribution,
        }
    return render_to_string("dashboard/ranking_content.html", context, request)


def _done_of(done: int | None, needed: int) -> str:
    """ "2 of 3", in the reader's language, on one line (no-break spaces)."""
    text = pgettext("references or reviews done, of those needed", "%(done)s of %(needed)s") % {
        "done": done,
        "needed": needed,
    }
    return text.replace(" ", "\N{NO-BREAK SPACE}")


def _display(
    row: selectors.RankingRow,
    *,
    references: int,
    panel: int,
    criteria: tuple[Criterion, ...],
    knockouts: Knockouts,
) -> dict[str, Any]:
    """A ranking row as the page prints it (the rows say what is shown; this only formats
    it: fifty rows of nested includes and filters were most of the page's time). The
    interval and the criteria bars are classes that cached CSS draws (vetting/bars.py);
    the bars' values are listed in the criteria's order, and app.js adds their names (listed
    once, in the column's header) for a screen reader and on hover."""
    shown = {
        "pk": row.submission,
        "name": row.consultant,
        "agency": row.agency if row.agency != row.consultant else "",
        "rank": row.rank or "–",
        "hidden": row.hidden,
        "scored": row.scored,
        "red": row.red_flags,
        "green": row.green_flags,
        "holds": row.holds or 0,
        "knockouts": row.knockouts or 0,
        "knocked_out": [] if row.hidden else knockouts.reasons(row),
        # "2 of 3" on one line (no-break spaces: fifty cells without a class to say so)
        "references": _done_of(row.references_done, references),
        "reviews": _done_of(row.reviews_done, panel),
        "status": row.status,
        "status_label": row.status_label,
        "blocked": row.decision_blocked,
        "vendor_status": row.vendor_status,
        "score_url": reverse("submissions:score", args=[row.submission]),
        "review_url": reverse("submissions:review", args=[row.submission]),
        "decide_url": reverse("submissions:decide", args=[row.submission]),
    }
    if row.total is not None and row.low is not None and row.high is not None:
        values = [row.criteria.get(criterion.key) for criterion in criteria]
        shown.update(
            total=f"{row.total:.0f}",
            low=f"{row.low:.0f}",
            high=f"{row.high:.0f}",
            interval=bars.interval_classes(row.low, row.high, row.total),
            bars=bars.criteria_classes(values),
            bars_values=", ".join(
                _("no data") if value is None else f"{value * 100:.0f}%" for value in values
            ),
        )
    return shown


COMPARE_MAX = 4


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two to four consultants side by side; the rows where they differ most come first."""
    engagement = engagement_or_404(request.user, pk)
    ticked = list(dict.fromkeys(int(v) for v in request.GET.getlist("s") if v.isdigit()))
    submissions = selectors.compare_submissions(engagement, ticked[:COMPARE_MAX])
    if len(submissions) < 2:
        messages.info(request, _("Tick two to four consultants in the ranking to compare them."))
        return redirect("engagements:ranking", pk=engagement.pk)
    if len(ticked) > COMPARE_MAX:
        left_out = len(ticked) - COMPARE_MAX
        messages.warning(
            request,
            ngettext(
                "You ticked %(ticked)s consultants, but at most %(max)s fit side by side: these "
                "are the first %(max)s ticked, in the ranking's order, and %(left)s is left "
                "out. To choose which %(max)s, tick only %(max)s in the ranking.",
                "You ticked %(ticked)s consultants, but at most %(max)s fit side by side: these "
                "are the first %(max)s ticked, in the ranking's order, and %(left)s are left "
                "out. To choose which %(max)s, tick only %(max)s in the ranking.",
                left_out,
            )
            % {"ticked": len(ticked), "max": COMPARE_MAX, "left": left_out},
        )
    sight = score_sight(request.user, engagement)
    comparison = selectors.comparison(submissions, sight, engagement.criteria)
    context = {
        "engagement": engagement,
        "submissions": submissions,
        "columns": comparison["columns"],
        "criteria_rows": comparison["criteria"],
        "answer_rows": comparison["answers"],
        "flags": comparison["flags"],
        "references": comparison["references"],
        "reviews": comparison["reviews"],
        "radar": comparison["radar"],
        "radar_labels": [criterion_words(c)[0] for c in engagement.criteria],
        "prices": price_comparison(request.user, engagement, comparison["columns"], sight),
    }
    return render(request, "dashboard/compare.html", context)


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = (
        buyer_submissions(request.user)
        .select_related("engagement__owner", "consultant", "scorecard")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404("No such submission.")
    require(request.user, "vetting.decide_submission", submission)
    decision = Decision.objects.filter(submission=submission).first()
    # Version 0 means "no decision yet": a second tab deciding for the first time is told
    # that someone decided meanwhile instead of silently replacing it.
    initial: dict[str, Any] = {"approver": request.user.pk, "version": NONE_YET}
    if decision:
        initial = {
            "outcome": decision.outcome,
            "rationale": decision.rationale,
            "approver": decision.approver_id,
            "version": decision.version,
        }
    # A routed round: the decision waiting on (or sent back by) its approvers.
    approval = approvals_selectors.latest_approval(request.user, submission.pk)
    if approval is not None and approval.is_open:
        initial.update(outcome=approval.outcome, rationale=approval.rationale)
    # The agreed price starts at the one agreed, else at the proposal's total in the
    # round's currency, when the access layer lets this person see it.
    proposal = proposal_panel(request.user, submission)
    agreed = decision.agreed_price if decision else None
    if approval is not None and approval.is_open:
        agreed = approval.agreed_price
    if agreed is None and proposal is not None:
        agreed = proposal.price.converted
    initial["agreed_price"] = agreed
    form = DecisionForm(
        request.POST or None,
        initial=initial,
        currency=submission.engagement.currency,
        organisation=submission.engagement.organisation_id,
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            recorded = services.decision_record(
                submission=submission,
                by=request.user,
                outcome=outcome,
                rationale=form.cleaned_data["rationale"],
                approver=form.cleaned_data["approver"],
                agreed_price=form.cleaned_data.get("agreed_price"),
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleVersionError as exc:
            refuse_stale(form, exc)
            stale = True
            decision = Decision.objects.filter(submission=submission).first()
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            if isinstance(recorded, Approval):
                messages.success(
                    request,
                    _(
                        "Decision sent for approval: %(name)s's outcome takes effect, and they "
                        "are told, once every step of the round's approval route approves it. "
                        "The first approver is emailed now."
                    )
                    % {"name": submission.consultant.name},
                )
                return redirect("approvals:detail", pk=recorded.pk)
            if decision is None or decision.outcome != outcome:
                done = _(
                    "Decision recorded for %(name)s. They receive a short, neutral email with "
                    "the outcome."
                )
            else:
                done = _(
                    "Decision recorded for %(name)s. The outcome is unchanged, so the "
                    "consultant is not emailed again."
                )
            messages.success(request, done % {"name": submission.consultant.name})
            return redirect("engagements:ranking", pk=submission.engagement_id)
    holds = submission.flags.filter(hold=True, cleared_at__isnull=True)
    context = {
        "submission": submission,
        "engagement": submission.engagement,
        "form": form,
        "decision": decision,
        "holds": list(holds),
        "proposal": proposal,
        "approval": approval,
        "approval_rounds": approvals_selectors.approval_progress(approval) if approval else [],
        "route_steps": list(submission.engagement.approval_steps.select_related("approver")),
        # The decision's internal thread; before a decision, the submission's own.
        "comment_thread": thread_for(request.user, decision or submission),
    }
    code = 409 if stale else 422 if form.errors else 200
    return render(request, "dashboard/decide.html", context, status=code)


@login_required
def procurement_home(request: HttpRequest) -> HttpResponse:
    """My engagements with their pipeline, what needs me, and recent activity."""
    require(
        request.user,
        "vetting.browse_engagements",
        message=_("This page is for procurement teams and reviewers."),
    )
    context = {
        "engagements": selectors.home_engagements(request.user),
        "needs": selectors.home_needs(request.user),
        "activity": selectors.recent_activity(request.user),
        "can_create": can(request.user, "vetting.create_engagement"),
    }
    return render(request, "dashboard/home.html", context)
