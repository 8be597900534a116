"""Reference checks: requesting them, the referee's web form, the manager's calls, and the
flags they raise. Every state change is one transaction; emails go after commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultants.models import Reference
from vetting import outbox
from vetting.access import can, require
from vetting.concurrency import claim_version
from vetting.models import (
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    ConsultantFingerprint,
    Flag,
    ReferenceCheck,
    Submission,
    User,
)
from vetting.models.references import FAILED_OUTCOMES, UNREACHABLE_AFTER
from vetting.scoring.reference_flags import (
    Claim,
    Fingerprint,
    RefereeAnswer,
    find_discrepancies,
    find_fraud_signals,
)
from vetting.scoring.said import Said, spec_of
from vetting.services.benchmarks import claim_tallies_refresh
from vetting.services.decisions import decision_block_for_hold, decision_unblock_if_cleared
from vetting.services.errors import ServiceError
from vetting.services.scoring import queue_recompute
from vetting.tasks import send_reference_request
from vetting.webhooks import events as webhook_events

ANSWER_FIELDS = (
    "relationship_confirmed",
    "relationship",
    "period_from",
    "period_to",
    "verdicts",
    "rating_relationships",
    "rating_honesty",
    "rating_results",
    "would_hire_again",
    "strengths",
    "concerns",
)


def _by(instance: Any, user: User | None) -> None:
    instance._history_user = user


def _locked(check: ReferenceCheck) -> ReferenceCheck:
    return (
        ReferenceCheck.objects.select_for_update(of=("self",))
        .select_related("submission__engagement", "submission__consultant")
        .get(pk=check.pk)
    )


def record_fingerprint(*, submission: Submission, ip: str | None, user_agent: str) -> None:
    """Remember the address and browser the consultant answered from (for fraud checks)."""
    if not ip:
        return
    ConsultantFingerprint.objects.update_or_create(
        consultant=submission.consultant,
        ip=ip,
        user_agent=user_agent[:300],
        defaults={"last_seen_at": timezone.now()},
    )


# --- Requesting -------------------------------------------------------------------------------


def reference_request_key(check: ReferenceCheck) -> str:
    """The outbox key of the email to a referee: one per link lifetime, so a check moved
    back to the web form asks again."""
    return f"send_reference_request:{check.pk}:{check.token_expires_at:%Y%m%d%H%M%S}"


def _new_check(
    submission: Submission, reference: Reference, by: User, channel: str
) -> ReferenceCheck:
    now = timezone.now()
    web = channel == Channel.WEB
    check = ReferenceCheck(
        submission=submission,
        reference=reference,
        referee_name=reference.name,
        referee_email=reference.email,
        referee_phone=reference.phone,
        referee_company=reference.company,
        referee_role=reference.role,
        claimed_relationship=reference.relationship,
        claimed_from=reference.period_from,
        claimed_to=reference.period_to,
        claimed_confirm=reference.can_confirm,
        language=reference.language,
        channel=channel,
        requested_by=by,
        requested_at=now,
        due_at=now
        + timedelta(
            days=max(settings.REFERENCE_REMINDER_DAYS) + settings.CALL_DUE_DAYS
            if web
            else settings.CALL_DUE_DAYS
        ),
        token_expires_at=now + timedelta(days=settings.REFERENCE_LINK_DAYS) if web else None,
    )
    _by(check, by)
    check.full_clean()
    check.save()
    refresh_flags(check)
    if web:
        outbox.enqueue(send_reference_request, check.pk, key=reference_request_key(check))
    return check


def checks_request_for_submission(*, submission: Submission, by: User) -> list[ReferenceCheck]:
    """On submit: one check per reference the consultant chose for this engagement."""
    channel = Channel.PHONE if submission.engagement.check_by_phone else Channel.WEB
    done = set(submission.reference_checks.values_list("reference_id", flat=True))
    # A re-vetting round checks again only the references checked too long ago.
    from vetting.services.vendors import fresh_reference_ids

    done |= fresh_reference_ids(submission)
    return [
        _new_check(submission, reference, by, channel)
        for reference in submission.chosen_references.all()
        if reference.pk not in done
    ]


def check_request(
    *, submission: Submission, reference: Reference, by: User, channel: str
) -> ReferenceCheck:
    """The owner asks for one more reference to be checked."""
    require(by, "vetting.request_check", submission)
    if reference.consultant_id != submission.consultant_id:
        raise PermissionDenied(_("That reference belongs to another consultant."))
    if submission.submitted_at is None:
        raise ServiceError(_("References are checked once the consultant has submitted."))
    if not reference.consent_to_contact:
        raise ServiceError(
            _(
                "%(name)s has not agreed to be contacted: ask the consultant to confirm "
                "their consent on their profile first."
            )
            % {"name": reference.name}
        )
    with transaction.atomic():
        Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.reference_checks.filter(reference=reference).exists():
            raise ServiceError(_("%(name)s is already being checked.") % {"name": reference.name})
        return _new_check(submission, reference, by, channel)


def check_set_channel(*, check: ReferenceCheck, by: User, channel: str) -> ReferenceCheck:
    require(by, "vetting.request_check", check.submission)
    with transaction.atomic():
        check = _locked(check)
        if not check.is_open:
            raise ServiceError(_("This check is finished; its channel can no longer change."))
        if check.channel == channel:
            return check
        check.channel = channel
        now = timezone.now()
        if channel == Channel.PHONE:
            check.due_at = now + timedelta(days=settings.CALL_DUE_DAYS)
        else:
            # Back to the web form: a claimed call is released, and a fresh link goes out.
            check.status = CheckStatus.REQUESTED
            check.assigned_to = None
            check.token_expires_at = now + timedelta(days=settings.REFERENCE_LINK_DAYS)
            check.sent_at = None
            outbox.enqueue(send_reference_request, check.pk, key=reference_request_key(check))
        _by(check, by)
        check.save()
    return check


def check_phone_fallback(*, check: ReferenceCheck, now: datetime | None = None) -> ReferenceCheck:
    """The referee has not answered the form after two reminders: queue a call. The web
    link keeps working meanwhile."""
    with transaction.atomic():
        check = _locked(check)
        if check.channel == Channel.PHONE or not check.is_open:
            return check
        now = now or timezone.now()
        check.channel = Channel.PHONE
        check.phone_fallback_at = now
        check.due_at = now + timedelta(days=settings.CALL_DUE_DAYS)
        check.save()
    return check


# --- The referee's web form ---------------------------------------------------------------------


def _complete(check: ReferenceCheck, data: dict[str, Any], by: User | None) -> None:
    for name in ANSWER_FIELDS:
        if name in data:
            setattr(check, name, data[name])
    check.status = CheckStatus.COMPLETED
    check.completed_at = timezone.now()
    _by(check, by)
    check.full_clean()
    check.save()
    refresh_flags(check)
    # The benchmarks' summary table, in this transaction: never behind the checks.
    claim_tallies_refresh(
        organisation_id=check.submission.engagement.organisation_id,
        consultant_id=check.submission.consultant_id,
    )
    queue_recompute([check.submission_id])
    webhook_events.check_completed(check)


def referee_submit(
    *,
    check: ReferenceCheck,
    data: dict[str, Any],
    ip: str | None,
    user_agent: str,
    opened_at: datetime | None = None,
) -> ReferenceCheck:
    """The referee's answers. `opened_at`: when the form was shown to them (signed into the
    form: `tokens.form_clock_read`); an answer that never saw the form took no time."""
    with transaction.atomic():
        check = _locked(check)
        if not check.link_is_usable:
            raise ServiceError(_("This reference form has already been answered or has expired."))
        now = timezone.now()
        check.referee_ip = ip
        check.referee_user_agent = user_agent[:300]
        check.form_opened_at = min(opened_at or now, now)
        check.form_seconds = (now - check.form_opened_at).total_seconds()
        # The link works once: the status is no longer "requested". The hash is kept so the
        # link, opened again, can say "you already answered" instead of "unknown link".
        _complete(check, data, None)
    return check


def referee_decline(
    *, check: ReferenceCheck, reason: str, ip: str | None, user_agent: str
) -> ReferenceCheck:
    with transaction.atomic():
        check = _locked(check)
        if not check.link_is_usable:
            raise ServiceError(_("This reference form has already been answered or has expired."))
        check.status = CheckStatus.DECLINED
        check.decline_reason = reason
        check.completed_at = timezone.now()
        check.referee_ip = ip
        check.referee_user_agent = user_agent[:300]
        _by(check, None)  # the hash is kept, as when answering (see referee_submit)
        check.full_clean()
        check.save()
        refresh_flags(check)
        queue_recompute([check.submission_id])
        webhook_events.check_completed(check)
    return check


# --- Calls -----------------------------------------------------------------------------------


def call_claim(*, check: ReferenceCheck, by: User) -> ReferenceCheck:
    require(by, "vetting.run_calls")
    with transaction.atomic():
        check = _locked(check)
        if not check.is_open or check.channel != Channel.PHONE:
            raise ServiceError(_("This check is not waiting for a call."))
        if check.assigned_to_id not in (None, by.pk):
            raise ServiceError(
                _("%(name)s has already claimed this call.")
                % {"name": check.assigned_to.display_name}
            )
        check.assigned_to = by
        check.claimed_at = check.claimed_at or timezone.now()
        check.status = CheckStatus.IN_PROGRESS
        _by(check, by)
        check.save()
    return check


def call_release(*, check: ReferenceCheck, by: User) -> ReferenceCheck:
    require(by, "vetting.run_calls")
    with transaction.atomic():
        check = _locked(check)
        if not can(by, "vetting.work_call", check) or not check.is_open:
            raise ServiceError(_("Only the manager who claimed an open call can release it."))
        check.assigned_to = None
        check.status = CheckStatus.REQUESTED
        _by(check, by)
        check.save()
    return check


def _require_claimed_by(check: ReferenceCheck, user: User) -> None:
    if not can(user, "vetting.work_call", check):
        raise ServiceError(_("Claim the call first: the queue then shows it as yours."))


def call_log_attempt(
    *, check: ReferenceCheck, by: User, outcome: str, note: str = ""
) -> CallAttempt:
    require(by, "vetting.run_calls")
    with transaction.atomic():
        check = _locked(check)
        if not check.is_open:
            raise ServiceError(_("This check is finished."))
        _require_claimed_by(check, by)
        attempt = CallAttempt(reference_check=check, by=by, outcome=outcome, note=note)
        _by(attempt, by)
        attempt.full_clean()
        attempt.save()
    return attempt


def failed_attempts(check: ReferenceCheck) -> int:
    return check.attempts.filter(outcome__in=FAILED_OUTCOMES).count()


def call_close_unreachable(*, check: ReferenceCheck, by: User) -> ReferenceCheck:
    require(by, "vetting.run_calls")
    with transaction.atomic():
        check = _locked(check)
        if not check.is_open:
            raise ServiceError(_("This check is finished."))
        _require_claimed_by(check, by)
        tries = failed_attempts(check)
        if tries < UNREACHABLE_AFTER:
            raise ServiceError(
                _(
                    "Try at least %(minimum)s times before closing as unreachable "
                    "(%(tries)s failed so far)."
                )
                % {"minimum": UNREACHABLE_AFTER, "tries": tries}
            )
        check.status = CheckStatus.UNREACHABLE
        check.completed_at = timezone.now()
        check.token_hash = None
        _by(check, by)
        check.save()
        queue_recompute([check.submission_id])
    return check


# Why no call can be recorded on a finished check: one whole sentence per status.
FINISHED = {
    CheckStatus.COMPLETED: gettext_lazy("This check is already finished (completed)."),
    CheckStatus.DECLINED: gettext_lazy("This check is already finished (declined)."),
    CheckStatus.UNREACHABLE: gettext_lazy("This check is already finished (unreachable)."),
    CheckStatus.CANCELLED: gettext_lazy("This check is already finished (cancelled)."),
}
FINISHED_OTHER = gettext_lazy("This check is already finished.")


def call_is_recordable(check: ReferenceCheck) -> bool:
    """A call can be recorded on an open check, or on one closed as unreachable: the referee
    answered a later try or called back, so they were reached after all."""
    return check.is_open or (
        check.status == CheckStatus.UNREACHABLE and check.channel == Channel.PHONE
    )


def call_record(
    *,
    check: ReferenceCheck,
    by: User,
    data: dict[str, Any],
    notes: str,
    expected_version: int | None = None,
) -> ReferenceCheck:
    """The manager records what the referee said on the call.

    Recording answers means the referee was reached: the "reached" attempt is logged here
    (unless the manager just logged it), so the attempt count matches the calls made.
    """
    require(by, "vetting.run_calls")
    with transaction.atomic():
        check = _locked(check)
        if not call_is_recordable(check):
            raise ServiceError(str(FINISHED.get(check.status, FINISHED_OTHER)))
        if check.status == CheckStatus.UNREACHABLE:
            # Closed as unreachable, so nobody's call any more: whoever the referee reached
            # records it.
            check.assigned_to = by
        _require_claimed_by(check, by)
        claim_version(check, expected_version)
        latest = check.attempts.order_by("-at", "-pk").first()
        if latest is None or latest.outcome != CallOutcome.REACHED:
            attempt = CallAttempt(
                reference_check=check, by=by, outcome=CallOutcome.REACHED, note="Call recorded."
            )
            _by(attempt, by)
            attempt.full_clean()
            attempt.save()
        check.call_notes = notes
        check.recorded_by = by
        check.token_hash = None
        _complete(check, data, by)
    return check


def call_review_notes(*, check: ReferenceCheck, by: User, comment: str) -> ReferenceCheck:
    """A second manager, or the engagement's owner, confirms they read the call notes."""
    require(
        by,
        "vetting.review_call_notes",
        check,
        _("Call notes are reviewed by a manager or the engagement's owner."),
    )
    with transaction.atomic():
        check = _locked(check)
        if check.status != CheckStatus.COMPLETED or not check.recorded_by_id:
            raise ServiceError(_("There are no call notes to review yet."))
        if not can(by, "vetting.review_these_notes", check):
            raise ServiceError(_("Someone other than the caller reviews the notes."))
        check.notes_reviewed_by = by
        check.notes_reviewed_at = timezone.now()
        check.notes_review_comment = comment
        _by(check, by)
        check.full_clean()
        check.save()
    return check


# --- Flags -----------------------------------------------------------------------------------


def claimed_accomplishments(check: ReferenceCheck) -> list[tuple[int, str]]:
    """The accomplishments the consultant tied to this reference, by position."""
    if check.reference_id is None:
        return []
    answer = check.submission.answers.filter(question__key="accomplishments").first()
    items = answer.value if answer and isinstance(answer.value, list) else []
    return [
        (index, item.get("what", ""))
        for index, item in enumerate(items)
        if str(item.get("reference", "")) == str(check.reference_id)
    ]


def refresh_flags(check: ReferenceCheck, *, today: Any = None) -> list[Flag]:
    """Recompute this check's discrepancies and fraud signals and store them as flags.

    A flag someone already cleared stays cleared; flags that no longer apply go away.
    """
    submission = check.submission
    consultant = submission.consultant
    findings = []
    referee = Fingerprint(check.referee_ip, check.referee_user_agent) if check.referee_ip else None
    # Other referees: the same person answering for another engagement is not another one,
    # and a referee who declined vouched for nothing.
    others = (
        ReferenceCheck.objects.filter(
            submission__consultant=consultant,
            referee_ip__isnull=False,
            status=CheckStatus.COMPLETED,
        )
        .exclude(pk=check.pk)
        .exclude(referee_email__iexact=check.referee_email)
    )
    if check.reference_id:
        others = others.exclude(reference_id=check.reference_id)
    findings += find_fraud_signals(
        referee_email=check.referee_email,
        relationship=check.claimed_relationship,
        consultant_email=consultant.email,
        consultant_website=consultant.website,
        referee=referee,
        consultant_sessions=[
            Fingerprint(f.ip, f.user_agent) for f in consultant.fingerprints.all()
        ],
        other_referees=[
            Fingerprint(ip, ua) for ip, ua in others.values_list("referee_ip", "referee_user_agent")
        ],
        form_seconds=check.form_seconds,
        answered=check.status == CheckStatus.COMPLETED,
    )
    if check.status == CheckStatus.COMPLETED:
        claim = Claim(
            relationship=check.claimed_relationship,
            period_from=check.claimed_from,
            period_to=check.claimed_to,
            accomplishments=claimed_accomplishments(check),
        )
        answer = RefereeAnswer(
            relationship=check.relationship,
            period_from=check.period_from,
            period_to=check.period_to,
            verdicts={int(k): v for k, v in (check.verdicts or {}).items()},
            rating_relationships=check.rating_relationships,
            rating_honesty=check.rating_honesty,
            rating_results=check.rating_results,
            would_hire_again=check.would_hire_again,
        )
        findings += find_discrepancies(claim, answer, today=today or timezone.localdate())
    kept = []
    raised_hold = False
    existing = {flag.code: flag for flag in check.flags.all()}
    for finding in findings:
        values = {
            "submission": submission,
            "kind": finding.kind,
            "severity": finding.severity,
            "message": finding.message,
            "message_said": spec_of(finding.message) if isinstance(finding.message, Said) else {},
            "evidence": finding.evidence,
            "hold": finding.hold,
        }
        flag = existing.get(finding.code) or Flag(reference_check=check, code=finding.code)
        # Written only when new or changed: a refresh that finds the same thing adds no
        # history row.
        if flag.pk is None or any(getattr(flag, k) != v for k, v in values.items()):
            was_hold = flag.pk is not None and flag.hold and flag.cleared_at is None
            raised = flag.pk is None
            for name, value in values.items():
                setattr(flag, name, value)
            flag.save()
            if raised:
                webhook_events.flag_raised(flag)
            raised_hold |= flag.hold and flag.cleared_at is None and not was_hold
        kept.append(flag)
    gone = check.flags.exclude(pk__in=[f.pk for f in kept]).filter(cleared_at__isnull=True)
    withdrew_hold = gone.filter(hold=True).exists()
    gone.delete()
    if raised_hold:
        decision_block_for_hold(submission=submission)
    elif withdrew_hold:
        decision_unblock_if_cleared(submission=submission, by=None)
    return kept


def checks_cancel_for_submission(*, submission: Submission, by: User) -> int:
    """The consultant withdrew: stop asking their referees (links stop working)."""
    checks = list(ReferenceCheck.objects.select_for_update().filter(submission=submission).open())
    for check in checks:
        check.status = CheckStatus.CANCELLED
        check.token_hash = None
        check.assigned_to = None
        check.completed_at = timezone.now()
        _by(check, by)
        check.save()
    return len(checks)


def flag_clear(*, flag: Flag, by: User, note: str) -> Flag:
    """A manager clears a flag (a hold blocks selection until then), saying why."""
    require(by, "vetting.run_calls")
    if not note.strip():
        raise ServiceError(_("Say why the flag is cleared: the note is kept with it."))
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if flag.cleared_at is not None:
            raise ServiceError(_("This flag is already cleared."))
        flag.cleared_by = by
        flag.cleared_at = timezone.now()
        flag.cleared_note = note
        _by(flag, by)
        flag.full_clean()
        flag.save()
        if flag.hold:
            decision_unblock_if_cleared(submission=flag.submission, by=by)
        queue_recompute([flag.submission_id])
    return flag
