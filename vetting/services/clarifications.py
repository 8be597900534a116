"""Clarification requests: ask, reply (and revise), accept, follow up, withdraw.

The submitted answer never changes: a clarification sits beside it. An accepted reply counts
in the score (`services.scoring` reads it with the answer it clarifies), so accepting one
queues a recompute.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting import outbox
from vetting.access import require
from vetting.concurrency import claim_version
from vetting.models import (
    Clarification,
    ClarificationAbout,
    ClarificationReply,
    ClarificationStatus,
    Question,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.clarifications import LIVE_STATUSES, REPLY_MAX, TEXT_MAX
from vetting.services.errors import ServiceError
from vetting.services.scoring import queue_recompute
from vetting.tasks import notify_clarification_answered, notify_clarification_asked

# Asked of a handed-in self-assessment until the round's decision on it is made.
ASKABLE_STATUSES = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.SHORTLISTED,
)
# The reply-by date a request gets unless the asker chooses one.
DEFAULT_DAYS = 5
PROPOSAL = "proposal"
REFERENCE_PREFIX = "reference:"


def clarification_default_due(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=DEFAULT_DAYS)


def _by(instance: object, user: User) -> None:
    instance._history_user = user  # type: ignore[attr-defined]


def clarification_subjects(submission: Submission) -> list[tuple[str, str]]:
    """What a clarification may be about, as (subject, label): each question of the
    submission's questionnaire, the commercial proposal, each chosen reference's claim
    (whether the asker sees the price is asked apart)."""
    questions = Question.objects.filter(
        questionnaire_id=submission.engagement.questionnaire_id
    ).order_by("position", "pk")
    subjects = [(q.key, q.prompt) for q in questions]
    subjects.append((PROPOSAL, _("The commercial proposal")))
    subjects += [
        (
            f"{REFERENCE_PREFIX}{r.pk}",
            _("What %(name)s (%(company)s) can confirm") % {"name": r.name, "company": r.company},
        )
        for r in submission.chosen_references.order_by("name", "pk")
    ]
    return subjects


def _subject(submission: Submission, subject: str) -> dict[str, object]:
    """The model fields that name `subject` ("proposal", "reference:<id>" or a question's
    key) for this submission; refused if it is not one of the submission's."""
    if subject == PROPOSAL:
        return {"about": ClarificationAbout.PROPOSAL}
    if subject.startswith(REFERENCE_PREFIX):
        reference = (
            submission.chosen_references.filter(pk=subject[len(REFERENCE_PREFIX) :]).first()
            if subject[len(REFERENCE_PREFIX) :].isdigit()
            else None
        )
        if reference is None:
            raise ServiceError(_("Choose one of the references the consultant offered."))
        return {"about": ClarificationAbout.REFERENCE, "reference": reference}
    question = Question.objects.filter(
        questionnaire_id=submission.engagement.questionnaire_id, key=subject
    ).first()
    if question is None:
        raise ServiceError(_("Choose a question of this self-assessment."))
    return {"about": ClarificationAbout.ANSWER, "question": question}


def _question_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write your question: the consultant answers it."))
    if len(text) > TEXT_MAX:
        raise ServiceError(_("Keep the question under %(max)s characters.") % {"max": TEXT_MAX})
    return text


def _due(due_on: date | None) -> date:
    due_on = due_on or clarification_default_due()
    if due_on < timezone.localdate():
        raise ServiceError(_("The reply-by date has passed: choose today or a later day."))
    return due_on


def _askable(submission: Submission) -> None:
    if submission.status not in ASKABLE_STATUSES:
        raise ServiceError(
            _("Clarifications are asked of a submitted self-assessment, before the decision on it.")
        )


def clarification_ask(
    *, submission: Submission, by: User, subject: str, text: str, due_on: date | None = None
) -> Clarification:
    """A panel member (or the round's owner) asks the consultant to clarify an answer, a
    reference's claim or the proposal; the consultant is emailed."""
    require(by, "vetting.ask_clarification", submission)
    _askable(submission)
    fields = _subject(submission, subject)
    if fields["about"] == ClarificationAbout.PROPOSAL:
        require(by, "vetting.view_price", submission, _("The proposal is sealed from you for now."))
    text, due_on = _question_text(text), _due(due_on)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        _askable(submission)
        clarification = Clarification(
            submission=submission, asked_by=by, text=text, due_on=due_on, **fields
        )
        _by(clarification, by)
        clarification.full_clean()
        clarification.save()
        outbox.enqueue(notify_clarification_asked, clarification.pk)
    return clarification


def _locked(clarification: Clarification) -> Clarification:
    """The request as it is now, locked until the transaction ends."""
    return (
        Clarification.objects.select_for_update(of=("self",))
        .select_related("submission__engagement", "question", "reference")
        .get(pk=clarification.pk)
    )


SETTLED = {
    ClarificationStatus.ACCEPTED: gettext_lazy("This reply was accepted: it can no longer change."),
    ClarificationStatus.FOLLOW_UP: gettext_lazy(
        "A follow-up was asked: reply to the newest request."
    ),
    ClarificationStatus.WITHDRAWN: gettext_lazy("This request was withdrawn."),
}


def clarification_reply(
    *,
    clarification: Clarification,
    by: User,
    text: str,
    version: int | None = None,
) -> ClarificationReply:
    """The consultant replies, or revises their reply (each version kept in its history),
    until the request is settled. `version`: the reply's version the consultant saw (0: no
    reply yet). The asker is emailed."""
    require(by, "vetting.reply_clarification", clarification)
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write your reply: the panel reads it beside your answer."))
    if len(text) > REPLY_MAX:
        raise ServiceError(_("Keep the reply under %(max)s characters.") % {"max": REPLY_MAX})
    with transaction.atomic():
        locked = _locked(clarification)
        if locked.status in SETTLED:
            raise ServiceError(str(SETTLED[locked.status]))
        if locked.submission.status == SubmissionStatus.WITHDRAWN:
            raise ServiceError(_("You withdrew from this engagement."))
        reply = ClarificationReply.objects.filter(clarification=locked).first()
        if reply is None:
            reply = ClarificationReply(clarification=locked, written_by=by)
        claim_version(reply, version)
        reply.text, reply.written_by = text, by
        _by(reply, by)
        reply.full_clean()
        reply.save()
        # A new reply or a revision moves the request on: an accept from a page that
        # showed the earlier text is refused as stale.
        locked.status, locked.version = ClarificationStatus.ANSWERED, locked.version + 1
        _by(locked, by)
        locked.save()
        outbox.enqueue(
            notify_clarification_answered,
            reply.pk,
            reply.version,
            key=f"notify_clarification_answered:{reply.pk}:{reply.version}",
        )
    clarification.refresh_from_db()
    return reply


def _settle(
    clarification: Clarification, by: User, version: int | None, status: str
) -> Clarification:
    """Lock the request and move it to `status` (accepted, follow-up, withdrawn)."""
    require(by, "vetting.settle_clarification", clarification)
    locked = _locked(clarification)
    claim_version(locked, version)
    if locked.status in SETTLED:
        raise ServiceError(str(SETTLED[locked.status]))
    if status != ClarificationStatus.WITHDRAWN and locked.status != ClarificationStatus.ANSWERED:
        raise ServiceError(_("The consultant has not replied yet."))
    locked.status, locked.settled_by, locked.settled_at = status, by, timezone.now()
    _by(locked, by)
    locked.save()
    return locked


def clarification_accept(
    *, clarification: Clarification, by: User, version: int | None = None
) -> Clarification:
    """Who asked (or the round's owner) is satisfied: the reply now counts in the score,
    read with the answer it clarifies, and the score card says so."""
    with transaction.atomic():
        locked = _settle(clarification, by, version, ClarificationStatus.ACCEPTED)
        queue_recompute([locked.submission_id])
    return locked


def clarification_follow_up(
    *,
    clarification: Clarification,
    by: User,
    text: str,
    due_on: date | None = None,
    version: int | None = None,
) -> Clarification:
    """Not satisfied yet: ask again in the same thread (the reply stays, settled as
    followed up); the consultant is emailed the new request."""
    text, due_on = _question_text(text), _due(due_on)
    with transaction.atomic():
        locked = _settle(clarification, by, version, ClarificationStatus.FOLLOW_UP)
        _askable(locked.submission)
        follow_up = Clarification(
            submission=locked.submission,
            about=locked.about,
            question=locked.question,
            reference=locked.reference,
            asked_by=by,
            text=text,
            due_on=due_on,
            follow_up_of=locked,
            root_id=locked.root_id or locked.pk,
        )
        _by(follow_up, by)
        follow_up.full_clean()
        follow_up.save()
        outbox.enqueue(notify_clarification_asked, follow_up.pk)
    return follow_up


def clarification_withdraw(
    *, clarification: Clarification, by: User, version: int | None = None
) -> Clarification:
    """The asker (or the owner) no longer needs the answer."""
    with transaction.atomic():
        return _settle(clarification, by, version, ClarificationStatus.WITHDRAWN)


__all__ = [
    "LIVE_STATUSES",
    "clarification_accept",
    "clarification_ask",
    "clarification_default_due",
    "clarification_follow_up",
    "clarification_reply",
    "clarification_subjects",
    "clarification_withdraw",
]
