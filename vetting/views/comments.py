"""Internal comments (on a submission, a reference check, a decision) and the Mentions page.

The threads show on the pages of the things they are about (an include fed by
`selectors.comments.thread_for`); these views take the posts. With htmx a post answers the
thread alone, swapped in place; without JavaScript it redirects back to the thread (or, when
the comment is refused, shows the thread with the form and what was typed).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vetting import access, services
from vetting.access import REFUSALS, can
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms import CommentForm
from vetting.models import Comment, Decision, ReferenceCheck
from vetting.selectors.comments import mentions_page, thread_for, thread_page, thread_url
from vetting.services.comments import MentionRefused, Target, thread_of, thread_of_comment

PAGE_SIZE = 50


def _next(request: HttpRequest, default: str) -> str:
    """Back where the form was posted from (a page of this site only)."""
    wanted = request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else default


def _require_thread(request: HttpRequest, target: Target) -> None:
    perm = thread_of(target).perm
    if not can(request.user, perm, target):
        raise PermissionDenied(REFUSALS[perm])


def _thread(
    request: HttpRequest, target: Target, *, status: int = 200, **kwargs: Any
) -> HttpResponse:
    """The thread alone (an htmx swap), or on its own page (a refused post without
    JavaScript: the form keeps what was typed)."""
    thread = thread_for(request.user, target, **kwargs)
    context = {"thread": thread, "target": target, "back": thread_page(target)}
    if request.htmx:
        return render(request, "comments/thread.html", context)
    return render(request, "comments/thread_page.html", context, status=status)


def _post(request: HttpRequest, target: Target) -> HttpResponse:
    _require_thread(request, target)
    form = CommentForm(request.POST)
    next_url = _next(request, thread_page(target))
    if form.is_valid():
        try:
            comment = services.comment_post(
                target=target, by=request.user, body=form.cleaned_data["body"]
            )
        except MentionRefused as exc:
            for problem in exc.problems:
                form.add_error("body", problem)
        except services.ServiceError as exc:
            form.add_error("body", str(exc))
        else:
            if request.htmx:
                return _thread(request, target, next_url=next_url)
            messages.success(request, _("Comment posted."))
            return redirect(_next(request, thread_url(comment)))
    return _thread(request, target, form=form, next_url=next_url, status=422)


def _submission(request: HttpRequest, pk: int) -> Any:
    """A submission of a round the user runs or reviews, never their own (else 404)."""
    submission = (
        access.buyer_submissions(request.user)
        .select_related("engagement", "consultant")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404("No such submission.")
    return submission


@login_required
@require_POST
def on_submission(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, _submission(request, pk))


@login_required
@require_POST
def on_check(request: HttpRequest, pk: int) -> HttpResponse:
    check = (
        ReferenceCheck.objects.for_user(request.user)
        .select_related("submission__engagement", "submission__consultant")
        .filter(pk=pk)
        .first()
    )
    if check is None:
        raise Http404("No such reference check.")
    return _post(request, check)


@login_required
@require_POST
def on_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision on the submission `pk`: its thread opens once it is recorded."""
    submission = _submission(request, pk)
    decision = Decision.objects.filter(submission=submission).first()
    if decision is None:
        raise Http404("No decision yet.")
    decision.submission = submission
    return _post(request, decision)


def _comment(request: HttpRequest, pk: int) -> Comment:
    """A comment of a thread the user may read (else 404), which they may change (else
    403)."""
    comment = (
        Comment.objects.for_user(request.user)
        .select_related(
            "author",
            "submission__engagement",
            "submission__consultant",
            "reference_check__submission__engagement",
            "reference_check__submission__consultant",
            "decision",
        )
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    access.require(request.user, "vetting.change_comment", comment)
    if comment.decision_id is not None:
        comment.decision.submission = comment.submission
    return comment


def _target(comment: Comment) -> Target:
    thread = thread_of_comment(comment)
    return thread.check or thread.decision or thread.submission


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one's own comment: in place (htmx), or on a page of its own."""
    comment = _comment(request, pk)
    target = _target(comment)
    back = thread_url(comment)
    if comment.is_removed:
        messages.info(request, _("This comment was removed: it can no longer be edited."))
        return redirect(back)
    initial = {"body": comment.body, "version": comment.version}
    form = CommentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment,
                by=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleVersionError as exc:
            refuse_stale(form, exc)
        except MentionRefused as exc:
            for problem in exc.problems:
                form.add_error("body", problem)
        except services.ServiceError as exc:
            form.add_error("body", str(exc))
        else:
            if request.htmx:
                return _thread(request, target)
            messages.success(request, _("Comment saved."))
            return redirect(back)
    context = {"comment": comment, "form": form, "back": back, "target": target}
    if request.htmx:  # the thread, with this comment's form in its place
        thread = thread_for(
            request.user, target, next_url=request.headers.get("HX-Current-URL", "")
        )
        if thread is not None:
            thread.editing, thread.edit_form = comment.pk, form
            form.fields["body"].widget.attrs["data-mentions"] = f"{thread.dom_id}-people"
        return render(request, "comments/thread.html", {"thread": thread})
    status = 422 if form.is_bound else 200
    return render(request, "comments/edit.html", context, status=status)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    try:
        services.comment_remove(comment=comment, by=request.user)
    except services.ServiceError as exc:
        messages.info(request, str(exc))
    else:
        if request.htmx:
            return _thread(request, _target(comment))
        messages.success(request, _("Comment removed: the thread says so in its place."))
    return redirect(thread_url(comment))


@login_required
def mentions(request: HttpRequest) -> HttpResponse:
    """The comments that mention the user, newest first; the unread ones marked."""
    access.require(request.user, "vetting.view_mentions")
    page = Paginator(mentions_page(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(mention, thread_url(mention.comment)) for mention in page]
    unread = request.user.unread_mentions
    context = {"page": page, "rows": rows, "unread": unread, "query": ""}
    return render(request, "comments/mentions.html", context)


@login_required
@require_POST
def mention_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a mention: it is read, and the thread shows at the comment."""
    access.require(request.user, "vetting.view_mentions")
    mention = (
        mentions_page(request.user).filter(pk=pk).first()
        if can(request.user, "vetting.view_mentions")
        else None
    )
    if mention is None:
        raise Http404("No such mention.")
    services.mention_open(mention=mention, by=request.user)
    return redirect(thread_url(mention.comment))


@login_required
@require_POST
def mentions_read(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "vetting.view_mentions")
    count = services.mentions_mark_read(by=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s mention marked as read.", "%(count)s mentions marked as read.", count
            )
            % {"count": count},
        )
    return redirect("comments:mentions")
