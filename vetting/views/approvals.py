"""Routed approvals: "My approvals" (the decisions waiting on me), one approval with its
route's progress and the step's answer, and a round's route (its owner's setting)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vetting import services
from vetting.access import can, engagement_or_404, require, sees_approval_price
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms.approvals import ApprovalActForm, ApprovalRouteForm
from vetting.models import Approval, ApprovalAnswer
from vetting.selectors.approvals import (
    approval_detail as approval_read,
)
from vetting.selectors.approvals import (
    approval_progress,
    approval_queue,
)
from vetting.services.approvals import approval_act, approval_route_set


def _done(answer: str, state: str, *, step: int, decider: str) -> str:
    """What the approver reads after answering a step, one whole message per outcome."""
    if answer == ApprovalAnswer.APPROVED:
        if state == "approved":
            message = _(
                "You approved step %(step)s. That was the last step: the decision took effect "
                "and the consultant is told."
            )
        elif state == "pending":
            message = _("You approved step %(step)s. The next step's approver is asked.")
        else:
            message = _("You approved step %(step)s.")
    elif answer == ApprovalAnswer.REJECTED:
        message = _(
            "You rejected the decision: it does not take effect, and %(decider)s is told with "
            "your note."
        )
    else:
        message = _("You asked for changes: %(decider)s is told with your note.")
    return message % {"step": step, "decider": decider}


@login_required
def my_approvals(request: HttpRequest) -> HttpResponse:
    """The decisions waiting on my approval, oldest first."""
    require(request.user, "vetting.browse_engagements")
    return render(request, "approvals/mine.html", {"approvals": approval_queue(request.user)})


def _approval_or_404(request: HttpRequest, pk: int) -> Approval:
    approval = approval_read(request.user, pk)
    if approval is None:
        raise Http404("No such approval.")
    return approval


def _render(
    request: HttpRequest, approval: Approval, form: ApprovalActForm | None, status: int = 200
) -> HttpResponse:
    acts = can(request.user, "vetting.act_on_approval", approval) and approval.state == "pending"
    context = {
        "approval": approval,
        "submission": approval.submission,
        "engagement": approval.submission.engagement,
        "rounds": approval_progress(approval),
        "price_shown": sees_approval_price(request.user, approval),
        "form": (form or ApprovalActForm(initial={"version": approval.version})) if acts else None,
        "decides": can(request.user, "vetting.decide_submission", approval.submission),
    }
    return render(request, "approvals/detail.html", context, status=status)


@login_required
def approval_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A routed decision: what was decided, the route's progress, and (for the current
    step's approver) approve, reject or ask for changes."""
    return _render(request, _approval_or_404(request, pk), None)


@login_required
@require_POST
def approval_answer(request: HttpRequest, pk: int) -> HttpResponse:
    approval = _approval_or_404(request, pk)
    opened = request.POST.get("version", "")
    if (
        opened
        and opened != str(approval.version)
        and not can(request.user, "vetting.act_on_approval", approval)
    ):
        # A tab opened before the step was answered (here or elsewhere): not a refusal,
        # the approval as it stands now.
        messages.warning(
            request,
            _("This approval moved on after your page was opened: here it is as it stands now."),
        )
        return redirect("approvals:detail", pk=approval.pk)
    require(request.user, "vetting.act_on_approval", approval)
    form = ApprovalActForm(request.POST)
    if not form.is_valid():
        return _render(request, approval, form, status=422)
    step = approval.step
    try:
        approval = approval_act(
            approval=approval,
            by=request.user,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data.get("version"),
        )
    except StaleVersionError as exc:
        refuse_stale(form, exc)
        return _render(request, _approval_or_404(request, pk), form, status=409)
    except services.ServiceError as exc:
        form.add_error(None, str(exc))
        return _render(request, _approval_or_404(request, pk), form, status=409)
    done = _done(
        form.cleaned_data["answer"],
        approval.state,
        step=step,
        decider=approval.requested_by.display_name,
    )
    messages.success(request, done)
    return redirect("approvals:mine")


@login_required
def approval_route(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's approval route: who approves its decisions, in which order."""
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement", panel=False)
    steps = list(engagement.approval_steps.select_related("approver"))
    form = ApprovalRouteForm(
        request.POST or None,
        initial=ApprovalRouteForm.initial_for(steps),
        organisation=engagement.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = approval_route_set(engagement=engagement, by=request.user, steps=form.steps())
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "The approval route is saved: decisions go through %(count)s step before "
                    "they take effect.",
                    "The approval route is saved: decisions go through %(count)s steps before "
                    "they take effect.",
                    len(saved),
                )
                % {"count": len(saved)}
                if saved
                else _("The round has no approval route: decisions take effect when recorded."),
            )
            return redirect(engagement)
    status = 422 if form.errors else 200
    context = {"engagement": engagement, "form": form, "steps": steps}
    return render(request, "approvals/route.html", context, status=status)
