"""Fetching one object for a person, the way every page and endpoint must: an object they
may not see does not exist for them (404); one they see but may not act on is refused
(403, with the reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from vetting.models import Engagement, Questionnaire, User


def engagement_or_404(user: User, pk: int, *, perm: str = "", panel: bool = True) -> Engagement:
    """A round the user runs or sits on the panel of, with its owner and panel loaded
    (`panel=False`: the panel is read when asked for); with `perm` (e.g.
    "vetting.run_engagement") also refused unless they hold it."""
    from vetting import selectors

    try:
        engagement = selectors.engagement_detail(user, pk, panel=panel)
    except selectors.Engagement.DoesNotExist as exc:
        raise Http404("No such engagement.") from exc
    if perm and not can(user, perm, engagement):
        raise PermissionDenied(str(REFUSALS.get(perm) or gettext("You may not do this.")))
    return engagement


def template_or_404(user: User, pk: int, *, perm: str = "") -> Questionnaire:
    """A questionnaire template the user may see (404 otherwise), with its questions
    loaded; with `perm` (e.g. "vetting.change_template") also refused unless they hold it."""
    from vetting.access.querysets import visible_templates
    from vetting.models import Question, Questionnaire

    try:
        template = (
            visible_templates(user, Questionnaire.objects.select_related("owner"))
            .prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
            )
            .get(pk=pk)
        )
    except Questionnaire.DoesNotExist as exc:
        raise Http404("No such template.") from exc
    if perm and not can(user, perm, template):
        raise PermissionDenied(str(REFUSALS.get(perm) or gettext("You may not do this.")))
    return template


def can(user: User, perm: str, obj: object = None) -> bool:
    """Does the user hold the permission (a rule of `vetting.rules`) on the object? Asked of
    django-rules directly: no database query for Django's model permissions, which Winnow
    does not use (`user.has_perm` would also ask the ModelBackend)."""
    return bool(rules.has_perm(perm, user, obj))


def require(user: User, perm: str, obj: object = None, message: str = "") -> None:
    """Refuse (PermissionDenied, with the reason) unless the user holds the permission:
    the one check every service makes before it changes anything."""
    if not can(user, perm, obj):
        raise PermissionDenied(
            str(message or REFUSALS.get(perm) or gettext("You may not do this."))
        )


# Why an action is refused, by permission, in words the person reads.
REFUSALS = {
    "vetting.run_engagement": _("Only the engagement's owner can do this."),
    "vetting.decide_submission": _("Only the engagement's owner decides."),
    "vetting.review_submission": _("Only the engagement's owner and its reviewers review."),
    "vetting.change_review": _("Only the reviewer changes their own review."),
    "vetting.answer_submission": _("Only the invited consultant answers this self-assessment."),
    "vetting.run_calls": _("Reference calls are made by managers."),
    "vetting.request_check": _("Only the engagement's owner requests reference checks."),
    "vetting.create_engagement": _("Only procurement can open an engagement."),
    "vetting.browse_engagements": _("Engagements are for procurement teams and reviewers."),
    "vetting.change_template": _(
        "Only its owner changes a template, and only while it is a draft: make a new "
        "version of a published one to change it."
    ),
    "vetting.ask_clarification": _(
        "Only the engagement's owner and its reviewers ask for clarifications."
    ),
    "vetting.reply_clarification": _("Only the consultant replies to a clarification request."),
    "vetting.settle_clarification": _(
        "Only who asked (or the engagement's owner) accepts a reply, asks a follow-up or "
        "withdraws the request."
    ),
    "vetting.review_call_notes": _(
        "A colleague reviews the notes: a manager other than the caller, or the engagement's owner."
    ),
    "vetting.comment_on_submission": _(
        "Comments are blind like the scores: submit your own review of this consultant "
        "first, then the panel's comments are shown."
    ),
    "vetting.comment_on_check": _(
        "Comments on a reference check are for the managers who run the calls and for "
        "whoever sees the consultant's scores."
    ),
    "vetting.comment_on_decision": _(
        "Comments on a decision are for whoever sees the consultant's scores: the "
        "engagement's owner, and reviewers once their review is in."
    ),
    "vetting.change_comment": _("Only its author edits or removes a comment."),
    "vetting.view_mentions": _("Mentions are for the buyer's people."),
}
