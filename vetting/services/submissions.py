"""The consultant's side: accepting an invitation, answering, submitting, withdrawing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from consultants.models import Reference
from vetting import outbox
from vetting.access import require
from vetting.answers import Checked, check_answer, is_blank, without_files
from vetting.concurrency import StaleVersionError, claim_version
from vetting.i18n import default_language, in_sentence
from vetting.models import (
    Answer,
    EvidenceFile,
    Invitation,
    Question,
    QuestionKind,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import LOCKED_REFUSAL
from vetting.roles import Role
from vetting.services.errors import NotReady, ServiceError
from vetting.services.references import (
    checks_cancel_for_submission,
    checks_request_for_submission,
)
from vetting.services.scoring import queue_recompute
from vetting.tasks import check_copies, notify_submission_submitted, send_welcome_email
from vetting.webhooks import events as webhook_events


def _require_consultant(submission: Submission, user: User) -> None:
    require(
        user, "vetting.answer_submission", submission, _("Only the invited consultant can answer.")
    )


def _require_editable(submission: Submission) -> None:
    if submission.is_locked:
        raise ServiceError(str(LOCKED_REFUSAL[submission.status]))
    reason = submission.engagement.closed_reason
    if reason:
        raise ServiceError(reason)


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("engagement", "consultant")
        .get(pk=submission.pk)
    )


def invitation_accept_signup(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    """A new consultant signs up through their invitation link: the account takes over the
    profile started when they were invited, and the link is used up."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise ServiceError(_("This invitation link has already been used or has expired."))
        consultant = invitation.submission.consultant
        if consultant.user_id is not None:
            raise ServiceError(_("This invitation belongs to an existing account: sign in."))
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ServiceError(
                _("An account already uses this address: sign in with it to answer the invitation.")
            )
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            # The language they signed up in: their emails follow it (vetting/i18n.py).
            language=default_language(),
        )
        user.groups.add(Group.objects.get(name=Role.CONSULTANT))
        consultant.user = user
        consultant.name = user.get_full_name() or consultant.name
        consultant._history_user = user  # type: ignore[attr-defined]
        consultant.save()
        invitation.accepted_at = timezone.now()
        invitation._history_user = user  # type: ignore[attr-defined]
        invitation.save()
        outbox.enqueue(send_welcome_email, user.pk)
    return user


def invitation_claim_for_account(*, invitation: Invitation) -> Submission:
    """The invited address signed up on its own since the invitation went out: hand the
    invitation to that account's profile, so that it shows under their invitations."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        submission = _locked(invitation.submission)
        user = User.objects.filter(email__iexact=invitation.email).first()
        profile = getattr(user, "consultant", None) if user else None
        if profile is None:
            raise ServiceError(
                _("This address belongs to a Winnow account that is not a consultant's.")
            )
        taken = Submission.objects.filter(engagement=submission.engagement, consultant=profile)
        if submission.consultant_id != profile.pk and not taken.exists():
            submission.consultant = profile
            submission._history_user = user  # type: ignore[attr-defined]
            submission.save()
        invitation.accepted_at = invitation.accepted_at or timezone.now()
        invitation._history_user = user  # type: ignore[attr-defined]
        invitation.save()
    return taken.first() or submission


def _reference_ids(submission: Submission) -> set[int]:
    return set(submission.consultant.references.values_list("pk", flat=True))


def _file_ids(submission: Submission, question: Question) -> set[int]:
    """The evidence files attached to this question of this submission (what its
    accomplishments may list)."""
    files = EvidenceFile.objects.filter(submission=submission, question=question)
    return set(files.values_list("pk", flat=True))


def answer_save(
    *,
    submission: Submission,
    by: User,
    question: Question,
    raw: Any,
    expected_version: int | None = None,
) -> tuple[Answer, Checked]:
    """Save one answer as typed (a draft) and say whether it is complete.

    `expected_version` is the answer's version the editor loaded (0: not answered yet;
    None skips the check). An answer saved meanwhile from another tab is not replaced: a
    `StaleVersionError` carries what is saved now (`current`: value and version). Typing
    what is already saved is no conflict.
    """
    _require_consultant(submission, by)
    if question.questionnaire_id != submission.engagement.questionnaire_id:
        raise ServiceError(_("This question is not part of this engagement's questionnaire."))
    with transaction.atomic():
        submission = _locked(submission)
        _require_editable(submission)
        checked = check_answer(
            question,
            raw,
            reference_ids=_reference_ids(submission),
            file_ids=_file_ids(submission, question),
        )
        answer = Answer.objects.filter(submission=submission, question=question).first()
        if answer is None:
            answer = Answer(submission=submission, question=question)
        same = answer.pk is not None and answer.value == checked.value
        try:
            claim_version(answer, None if same else expected_version)
        except StaleVersionError as exc:
            exc.current = answer
            raise
        answer.value = checked.value
        answer.is_complete = checked.complete
        answer._history_user = by  # type: ignore[attr-defined]
        answer.save()
        if submission.status == SubmissionStatus.INVITED:
            submission.status = SubmissionStatus.IN_PROGRESS
            submission.started_at = timezone.now()
            submission._history_user = by  # type: ignore[attr-defined]
            submission.save()
    return answer, checked


def previous_submission(submission: Submission) -> Submission | None:
    """The consultant's latest other submission that has answers to copy."""
    return (
        Submission.objects.filter(consultant=submission.consultant, answers__isnull=False)
        .exclude(pk=submission.pk)
        .select_related("engagement")
        .order_by(F("submitted_at").desc(nulls_last=True), "-updated_at")
        .distinct()
        .first()
    )


class Copied(NamedTuple):
    """What copying earlier answers did: how many answers came over, and, by question, what
    did not come over as it was (not asked in this round, asked as another kind, or copied
    as a draft that needs a change)."""

    count: int
    left: tuple[str, ...]


def submission_copy_answers(*, submission: Submission, by: User, source: Submission) -> Copied:
    """Copy answers from another of the consultant's submissions, question by question: a
    question keeps its key from version to version of a template, so the key is its
    identity. Replaces what is typed here for those questions."""
    _require_consultant(submission, by)
    if source.consultant_id != submission.consultant_id:
        raise PermissionDenied(_("You can only copy your own answers."))
    questions = {q.key: q for q in submission.engagement.questionnaire.questions.all()}
    copied, left = 0, []
    with transaction.atomic():
        _require_editable(_locked(submission))
        for old in source.answers.select_related("question").order_by("question__position"):
            if old.value in (None, "", []):
                continue
            question = questions.get(old.question.key)
            if question is None:
                left.append(
                    _("“%(prompt)s”: not asked in this round") % {"prompt": old.question.prompt}
                )
                continue
            if question.kind != old.question.kind:
                left.append(
                    _("“%(prompt)s”: asked differently here, answer it again")
                    % {"prompt": question.prompt}
                )
                continue
            if question.kind == QuestionKind.FILE:
                left.append(
                    _("“%(prompt)s”: files stay with their round, attach them again")
                    % {"prompt": question.prompt}
                )
                continue
            _answer, checked = answer_save(
                submission=submission, by=by, question=question, raw=without_files(old.value)
            )
            copied += 1
            if not checked.complete and checked.errors:
                left.append(
                    _("“%(prompt)s”: copied as a draft; %(problem)s")
                    % {"prompt": question.prompt, "problem": checked.errors[0]}
                )
    return Copied(copied, tuple(left))


def references_choose(*, submission: Submission, by: User, references: Iterable[Reference]) -> None:
    """The consultant picks which of their references this engagement may check."""
    _require_consultant(submission, by)
    references = list(references)
    if any(r.consultant_id != submission.consultant_id for r in references):
        raise PermissionDenied(_("You can only offer your own references."))
    with transaction.atomic():
        submission = _locked(submission)
        _require_editable(submission)
        submission._history_user = by  # type: ignore[attr-defined]
        submission.save(update_fields=["updated_at"])
        submission.chosen_references.set(references)


@dataclass(frozen=True)
class Problem:
    """One thing standing between a submission and submitting it: what it is about (a
    question's prompt, or nothing) and what to do, with the question to link to."""

    reason: str
    subject: str = ""
    question_key: str = ""

    def __str__(self) -> str:
        return f"{self.subject} {self.reason}" if self.subject else self.reason


def _reason(checked: Checked, value: Any) -> str:
    if is_blank(value):
        return _("Not answered yet.")
    if checked.errors:
        return checked.errors[0]
    for number, errors in enumerate(checked.item_errors, start=1):
        for message in errors.values():
            return _("Accomplishment %(number)s: %(problem)s") % {
                "number": number,
                "problem": message,
            }
    return _("Not complete yet.")


def submission_problems(submission: Submission) -> list[Problem]:
    """What still stands between this submission and submitting it (empty when ready)."""
    problems = []
    answers = {a.question_id: a for a in submission.answers.all()}
    references = _reference_ids(submission)
    files: dict[int, set[int]] = {}
    for file_id, question_id in submission.evidence_files.values_list("pk", "question_id"):
        files.setdefault(question_id, set()).add(file_id)
    for question in submission.engagement.questionnaire.questions.all():
        answer = answers.get(question.pk)
        # Checked again, not trusted from the last save: a reference an accomplishment
        # cites may have been removed from the profile since.
        value = answer.value if answer else None
        checked = check_answer(
            question, value, reference_ids=references, file_ids=files.get(question.pk, ())
        )
        if not checked.complete:
            problems.append(Problem(_reason(checked, value), question.prompt, question.key))
    required = submission.engagement.references_required
    named = submission.consultant.references.count()
    chosen = list(submission.chosen_references.all())
    if named < required:
        problems.append(
            Problem(
                _("Name at least %(required)s references on your profile (you have %(named)s).")
                % {"required": required, "named": named}
            )
        )
    elif len(chosen) < required:
        problems.append(
            Problem(
                _(
                    "Choose %(required)s of your references for this engagement "
                    "(you chose %(chosen)s)."
                )
                % {"required": required, "chosen": len(chosen)}
            )
        )
    # Imported here: the commercial services build on this module's draft rules.
    from vetting.services.commercial import proposal_problem

    price = proposal_problem(submission)
    if price:
        problems.append(Problem(price))
    from vetting.services.vendors import revetting_problem

    changes = revetting_problem(submission)
    if changes:
        problems.append(Problem(changes))
    for reference in chosen:
        if not reference.consent_to_contact:
            problems.append(
                Problem(
                    _(
                        "%(name)s has not agreed to be contacted: confirm it on your "
                        "profile or choose another reference."
                    )
                    % {"name": reference.name}
                )
            )
    return problems


def submission_submit(*, submission: Submission, by: User) -> Submission:
    """Lock the answers and hand them to the buyer."""
    _require_consultant(submission, by)
    with transaction.atomic():
        submission = _locked(submission)
        _require_editable(submission)
        problems = submission_problems(submission)
        if problems:
            # As plain sentences (the API returns them); the page asks submission_problems
            # again for the links to each question.
            raise NotReady(
                _("Some answers are not ready to submit yet."), [str(p) for p in problems]
            )
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at = timezone.now()
        submission._history_user = by  # type: ignore[attr-defined]
        submission.save()
        checks_request_for_submission(submission=submission, by=submission.engagement.owner)
        queue_recompute([submission.pk])
        outbox.enqueue(notify_submission_submitted, submission.pk)
        # Copied and templated answers: read after the commit, never in the request.
        outbox.enqueue(check_copies, submission.pk)
        webhook_events.submission_submitted(submission)
    return submission


def _why_not_withdrawable(submission: Submission) -> str:
    """The one reason that applies (from a second tab, "already withdrawn" is the news)."""
    if submission.status == SubmissionStatus.WITHDRAWN:
        return _("You have already withdrawn from this engagement.")
    if submission.status in (
        SubmissionStatus.SHORTLISTED,
        SubmissionStatus.SELECTED,
        SubmissionStatus.REJECTED,
    ):
        return _("This self-assessment can no longer be withdrawn: the buyer has made a decision.")
    # "The deadline has passed: answers can no longer…" -> "the deadline has passed".
    closed = submission.engagement.closed_reason.split(":", 1)[0].rstrip(".")
    if not closed:
        return _("This self-assessment can no longer be withdrawn.")
    return _("This self-assessment can no longer be withdrawn: %(reason)s.") % {
        "reason": in_sentence(closed)
    }


def submission_withdraw(*, submission: Submission, by: User) -> Submission:
    _require_consultant(submission, by)
    with transaction.atomic():
        submission = _locked(submission)
        if not submission.can_be_withdrawn:
            raise ServiceError(_why_not_withdrawable(submission))
        submission.status = SubmissionStatus.WITHDRAWN
        submission.withdrawn_at = timezone.now()
        submission._history_user = by  # type: ignore[attr-defined]
        submission.save()
        checks_cancel_for_submission(submission=submission, by=by)
    return submission
