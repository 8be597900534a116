"""Clarification requests: a submission's threads, and asking, replying, accepting,
following up and withdrawing (each a POST that calls one service)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vetting import services
from vetting.concurrency import StaleVersionError
from vetting.forms import (
    ClarificationAskForm,
    ClarificationFollowUpForm,
    ClarificationReplyForm,
    ClarificationSettleForm,
)
from vetting.models import Clarification, Submission
from vetting.selectors.clarifications import clarification_panel


def _submission(request: HttpRequest, pk: int) -> Submission:
    """A submission the user sees (its panel's, the consultant's own), else 404."""
    submission = (
        Submission.objects.for_user(request.user)
        .select_related("engagement__owner", "consultant")
        .prefetch_related("engagement__reviewers")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404("No such submission.")
    return submission


def _clarification(request: HttpRequest, pk: int) -> Clarification:
    """A request the user may read, else 404."""
    clarification = (
        Clarification.objects.for_user(request.user)
        .select_related("submission__engagement__owner", "submission__consultant", "reply")
        .filter(pk=pk)
        .first()
    )
    if clarification is None:
        raise Http404("No such clarification request.")
    return clarification


def _back(request: HttpRequest, clarification: Clarification) -> HttpResponse:
    """Back where the person acted (the submission's page or the threads page), at the
    thread."""
    default = reverse("submissions:clarifications", args=[clarification.submission_id])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = default
    return redirect(f"{target}#clarification-{clarification.thread_id}")


def _page(
    request: HttpRequest,
    submission: Submission,
    *,
    ask: Form | None = None,
    bound: tuple[int, str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    panel = clarification_panel(request.user, submission, with_answers=True, bound=bound)
    context = {
        "submission": submission,
        "engagement": submission.engagement,
        "clarify": panel,
        "ask_form": ask
        or (
            ClarificationAskForm(subjects=panel.subjects, initial={"due_on": panel.default_due})
            if panel.may_ask
            else None
        ),
    }
    return render(request, "clarifications/page.html", context, status=status)


@login_required
def clarifications(request: HttpRequest, pk: int) -> HttpResponse:
    """A submission's clarification threads, each beside the locked answer it is about."""
    return _page(request, _submission(request, pk))


@login_required
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    panel = clarification_panel(request.user, submission)
    form = ClarificationAskForm(request.POST, subjects=panel.subjects)
    if not panel.may_ask:
        # Not theirs to ask (the service refuses: 403), or not now (its reason, shown).
        try:
            services.clarification_ask(
                submission=submission,
                by=request.user,
                subject=request.POST.get("subject", ""),
                text=request.POST.get("text", ""),
            )
        except services.ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("submissions:clarifications", pk=submission.pk)
    if form.is_valid():
        try:
            clarification = services.clarification_ask(
                submission=submission,
                by=request.user,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
            )
        except services.ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Asked: the consultant is emailed and replies here."))
            return _back(request, clarification)
    return _page(request, submission, ask=form, status=400)


def _settling(
    request: HttpRequest, pk: int, form_class: type[Form], act: Any, done: str
) -> HttpResponse:
    """Bind the form, call the service, and go back to the thread; a form with problems is
    shown again on the threads page, what was typed kept."""
    clarification = _clarification(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(clarification, form.cleaned_data)
        except services.ServiceError as exc:
            messages.error(request, exc.message)
        except StaleVersionError:
            messages.error(
                request,
                _(
                    "This request changed while you were reading it (a new reply, or someone "
                    "settled it). Read it again below, then act."
                ),
            )
        else:
            messages.success(request, done)
        return _back(request, clarification)
    bound = (clarification.pk, form_class.__name__, form)
    return _page(
        request, _submission(request, clarification.submission_id), bound=bound, status=400
    )


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _settling(
        request,
        pk,
        ClarificationReplyForm,
        lambda c, data: services.clarification_reply(
            clarification=c, by=request.user, text=data["text"], version=data["version"]
        ),
        _("Reply saved: the panel is told. You may revise it until they accept it."),
    )


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _settling(
        request,
        pk,
        ClarificationSettleForm,
        lambda c, data: services.clarification_accept(
            clarification=c, by=request.user, version=data["version"]
        ),
        _("Accepted: the reply now counts in the score, which is being recomputed."),
    )


@login_required
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _settling(
        request,
        pk,
        ClarificationFollowUpForm,
        lambda c, data: services.clarification_follow_up(
            clarification=c,
            by=request.user,
            text=data["text"],
            due_on=data["due_on"],
            version=data["version"],
        ),
        _("Follow-up asked: the consultant is emailed."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _settling(
        request,
        pk,
        ClarificationSettleForm,
        lambda c, data: services.clarification_withdraw(
            clarification=c, by=request.user, version=data["version"]
        ),
        _("Request withdrawn."),
    )
