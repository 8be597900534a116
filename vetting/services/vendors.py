"""The approved-vendor register and re-vetting: entering the register on a selection, the
organisation's cadence, removal, the reminders before a review date, and re-vetting rounds
(opened by the schedule or by hand, pre-filled from the consultant's last answers).

Every change is one transaction, asked of the access layer first; emails and webhooks go
through the outbox in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting import outbox, webhooks
from vetting.access import require
from vetting.concurrency import claim_version
from vetting.models import (
    CheckStatus,
    Decision,
    Engagement,
    EngagementStatus,
    Organisation,
    ReferenceCheck,
    Revetting,
    Submission,
    SubmissionStatus,
    User,
    VendorEntry,
)
from vetting.models.engagements import BRIEF_FIELDS
from vetting.models.vendors import (
    REMINDER_DAYS,
    REVETTING_ANSWER_DAYS,
    REVETTING_LEAD_DAYS,
    months_later,
)
from vetting.services.errors import ServiceError
from vetting.tasks import send_vendor_expiring

# The round's commercial settings, copied with its brief.
COMMERCIAL_FIELDS = (
    "term_months",
    "ad_spend_monthly",
    "price_weight",
    "budget_is_ceiling",
    "price_visibility",
)
ENTERED = "Entered the register"
RENEWED = "Selected again: the review date is renewed"
CADENCE = "The organisation's re-vetting cadence changed"
REMOVED = "Removed from the register"
UNSELECTED = "The selection it came from was changed"


def _organisation_of(submission: Submission) -> Organisation | None:
    return submission.engagement.organisation


def vendor_register_enter(*, decision: Decision, by: User) -> VendorEntry | None:
    """A selection took effect: the consultant enters the register of the round's
    organisation (approved today, reviewed after the organisation's cadence), or, already
    in it (a re-vetting round, another round), their entry is renewed from this round and
    decision (a removed vendor selected again is back in). None for a round of no
    organisation. Call in the transaction of the decision (`decision_take_effect`)."""
    # No permission asked here: an effect of a decision its caller was allowed to make (the
    # last approver of a route need not run the round).
    submission = decision.submission
    organisation = _organisation_of(submission)
    if organisation is None:
        return None
    today = timezone.localdate()
    entry = (
        VendorEntry.objects.select_for_update()
        .filter(organisation=organisation, consultant_id=submission.consultant_id)
        .first()
    )
    reason = RENEWED
    if entry is None:
        entry = VendorEntry(organisation=organisation, consultant_id=submission.consultant_id)
        reason = ENTERED
    elif entry.removed_at is not None:
        reason = ENTERED
    else:
        entry.version += 1
    entry.submission = submission
    entry.decision = decision
    entry.approved_on = today
    entry.review_on = months_later(today, organisation.revetting_months)
    entry.removed_at = None
    entry.removed_by = None
    entry.removal_reason = ""
    entry._history_user = by  # type: ignore[attr-defined]
    entry._change_reason = reason  # type: ignore[attr-defined]
    entry.full_clean()
    entry.save()
    return entry


def vendor_register_leave(*, decision: Decision, by: User) -> VendorEntry | None:
    """The selection an entry came from was changed to another outcome (call in the
    transaction of the decision, `decision_take_effect`): the vendor leaves the register,
    removed with the round and the new outcome as the reason. An entry renewed since by
    another round's selection stays. None if no current entry came from this decision."""
    entry = (
        VendorEntry.objects.select_for_update()
        .filter(decision=decision, removed_at__isnull=True)
        .first()
    )
    if entry is None:
        return None
    entry.removed_at = timezone.now()
    entry.removed_by = by
    entry.removal_reason = (
        f"The selection in \u201c{decision.submission.engagement.title}\u201d was changed to "
        f"{decision.outcome}."
    )
    entry.version += 1
    entry._history_user = by  # type: ignore[attr-defined]
    entry._change_reason = UNSELECTED  # type: ignore[attr-defined]
    entry.save()
    return entry


def vendor_settings_set(
    *, organisation: Organisation, by: User, revetting_months: int, reference_max_age_months: int
) -> Organisation:
    """An admin sets the organisation's re-vetting cadence and how long a reference check
    stays valid. A new cadence moves the review date of every current entry (approved +
    the cadence)."""
    require(
        by,
        "vetting.manage_organisation",
        organisation,
        _("Only its admins change these settings."),
    )
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        moved = organisation.revetting_months != revetting_months
        organisation.revetting_months = revetting_months
        organisation.reference_max_age_months = reference_max_age_months
        organisation._history_user = by  # type: ignore[attr-defined]
        organisation.full_clean()
        organisation.save()
        if moved:
            for entry in VendorEntry.objects.select_for_update().filter(
                organisation=organisation, removed_at__isnull=True
            ):
                entry.review_on = months_later(entry.approved_on, revetting_months)
                entry.version += 1
                entry._history_user = by  # type: ignore[attr-defined]
                entry._change_reason = (  # type: ignore[attr-defined]
                    f"{CADENCE} to {revetting_months} months"
                )
                entry.save()
    return organisation


def vendor_remove(
    *, entry: VendorEntry, by: User, reason: str, expected_version: int | None = None
) -> VendorEntry:
    """An admin removes a vendor from the register, with a reason (kept in its history)."""
    require(by, "vetting.remove_vendor", entry, _("Only the organisation's admins remove vendors."))
    if not reason.strip():
        raise ServiceError(_("Say why the vendor is removed: the reason is kept with the entry."))
    with transaction.atomic():
        entry = VendorEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.removed_at is not None:
            raise ServiceError(_("This vendor was already removed from the register."))
        claim_version(entry, expected_version)
        entry.removed_at = timezone.now()
        entry.removed_by = by
        entry.removal_reason = reason.strip()
        entry._history_user = by  # type: ignore[attr-defined]
        entry._change_reason = REMOVED  # type: ignore[attr-defined]
        entry.save()
    return entry


# --- Reminders before the review date ---------------------------------------------------------


def reminder_due(review_on: date, today: date) -> int | None:
    """Which reminder (days before the review date) is due today, if any: the nearest
    threshold not yet passed, so a late first run sends only the latest one."""
    left = (review_on - today).days
    if left < 0:
        return None
    due = [days for days in REMINDER_DAYS if left <= days]
    return min(due) if due else None


def vendor_reminders_send(*, now: datetime | None = None) -> int:
    """Queue the reminders due today (60, 30 and 7 days before a current entry's review
    date), each once per entry and review date, and emit the "vendor.expiring" webhook
    event with each. Returns how many were queued."""
    today = timezone.localdate(now or timezone.now())
    entries = (
        VendorEntry.objects.current()
        .filter(review_on__gte=today, review_on__lte=today + timedelta(days=max(REMINDER_DAYS)))
        .select_related("organisation", "consultant")
    )
    queued = 0
    for entry in entries:
        days = reminder_due(entry.review_on, today)
        if days is None:
            continue
        with transaction.atomic():
            fresh = outbox.enqueue(
                send_vendor_expiring,
                entry.pk,
                days,
                key=f"send_vendor_expiring:{entry.pk}:{entry.review_on.isoformat()}:{days}",
            )
            if not fresh:
                continue
            webhooks.emit(
                "vendor.expiring",
                organisation=entry.organisation,
                subject=entry,
                data={
                    "consultant": {"id": entry.consultant_id, "name": entry.consultant.name},
                    "review_on": entry.review_on.isoformat(),
                    "days_left": (entry.review_on - today).days,
                    "reminder": days,
                },
            )
            queued += 1
    return queued


# --- Re-vetting --------------------------------------------------------------------------------


def _revetting_engagement(entry: VendorEntry, previous: Submission, now: datetime) -> Engagement:
    """A new open round copying the previous one's brief, questionnaire, weights, panel and
    owner."""
    source = previous.engagement
    engagement = Engagement(
        owner=source.owner,
        organisation=entry.organisation,
        **{f: getattr(source, f) for f in (*BRIEF_FIELDS, *COMMERCIAL_FIELDS)},
        weights=dict(source.weights),
        deadline=now + timedelta(days=REVETTING_ANSWER_DAYS),
        status=EngagementStatus.OPEN,
        opened_at=now,
    )
    engagement.title = f"Re-vetting of {entry.consultant.name}: {source.title}"[:160]
    engagement._history_user = source.owner  # type: ignore[attr-defined]
    engagement.full_clean()
    engagement.save()
    engagement.reviewers.set(source.reviewers.all())
    return engagement


def _prefill(submission: Submission, previous: Submission) -> None:
    """The consultant's last answers and references, copied into the new submission as
    drafts (`submission_copy_answers`, in their name: they answer it). The submission stays
    "invited" until they act on it."""
    from vetting.services.submissions import submission_copy_answers

    consultant = submission.consultant
    references = consultant.references.filter(
        pk__in=previous.chosen_references.values_list("pk", flat=True)
    )
    submission.chosen_references.set(references)
    if consultant.user_id is None or not consultant.user.is_active:
        return  # no account to answer in yet: they copy their answers once they sign up
    submission_copy_answers(submission=submission, by=consultant.user, source=previous)
    Submission.objects.filter(pk=submission.pk).update(
        status=SubmissionStatus.INVITED, started_at=None
    )


def revetting_open(
    *, entry: VendorEntry, by: User | None, now: datetime | None = None
) -> Revetting:
    """Open a re-vetting round for a register entry: by an admin or the round's owner from
    the register (`by`), or by the schedule (`by` None). The new round copies the one the
    consultant was last selected in, invites them (the invitation email) with their last
    answers pre-filled, and asks what changed since. One per entry and review date."""
    from vetting.services.engagements import invite_existing

    if by is not None:
        require(by, "vetting.revet_vendor", entry, _("Only its admins and the round's owner do."))
    now = now or timezone.now()
    with transaction.atomic():
        entry = (
            VendorEntry.objects.select_for_update()
            .select_related("organisation", "consultant", "submission__engagement__owner")
            .get(pk=entry.pk)
        )
        if entry.removed_at is not None:
            raise ServiceError(_("This vendor was removed from the register: nothing to re-vet."))
        if Revetting.objects.filter(entry=entry, review_on=entry.review_on).exists():
            raise ServiceError(
                _("A re-vetting round is already open for this review date: see the entry.")
            )
        previous = entry.submission
        if not previous.engagement.owner.is_active:
            raise ServiceError(
                _(
                    "The owner of the round this vendor came from is no longer active: open a "
                    "round for them by hand."
                )
            )
        engagement = _revetting_engagement(entry, previous, now)
        submission = invite_existing(
            engagement=engagement, by=engagement.owner, consultant=entry.consultant
        )
        revetting = Revetting(
            entry=entry,
            review_on=entry.review_on,
            previous=previous,
            engagement=engagement,
            submission=submission,
            opened_by=by,
        )
        revetting._history_user = by or engagement.owner  # type: ignore[attr-defined]
        revetting.save()
        _prefill(submission, previous)
    return revetting


def revettings_open_due(*, now: datetime | None = None) -> int:
    """The schedule (daily): open a re-vetting round for every current entry whose review
    date is within REVETTING_LEAD_DAYS and has none for that date yet. Running twice
    opens nothing more. Returns how many were opened."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        VendorEntry.objects.current()
        .filter(review_on__lte=today + timedelta(days=REVETTING_LEAD_DAYS))
        .exclude(
            Exists(Revetting.objects.filter(entry=OuterRef("pk"), review_on=OuterRef("review_on")))
        )
        .values_list("pk", flat=True)
    )
    opened = 0
    for pk in list(due):
        try:
            with transaction.atomic():
                revetting_open(entry=VendorEntry(pk=pk), by=None, now=now)
        except (ServiceError, IntegrityError):
            continue  # opened meanwhile, or cannot be opened by the schedule
        opened += 1
    return opened


def revetting_changes_save(*, submission: Submission, by: User, text: str) -> Revetting:
    """The consultant says what changed since their last round (they must, to submit)."""
    require(by, "vetting.answer_submission", submission, _("Only the invited consultant answers."))
    with transaction.atomic():
        revetting = Revetting.objects.select_for_update().filter(submission=submission).first()
        if revetting is None:
            raise ServiceError(_("This self-assessment is not a re-vetting round."))
        if submission.is_locked:
            raise ServiceError(_("This self-assessment is submitted: it can no longer change."))
        reason = submission.engagement.closed_reason
        if reason:
            raise ServiceError(reason)
        revetting.changes = text.strip()
        revetting._history_user = by  # type: ignore[attr-defined]
        revetting.full_clean()
        revetting.save()
    return revetting


def revetting_problem(submission: Submission) -> str:
    """What stands between a re-vetting round's submission and submitting it on this
    module's part ("" when nothing, or not a re-vetting round)."""
    revetting = Revetting.objects.filter(submission=submission).only("changes").first()
    if revetting is not None and not revetting.changes.strip():
        return _("Say what changed since your last round (above your answers).")
    return ""


def fresh_reference_ids(submission: Submission) -> set[int]:
    """For a re-vetting round's submission: the references whose last completed check (in
    a round of the same organisation) is more recent than the organisation's limit, so are
    not checked again. Empty for any other submission."""
    revetting = (
        Revetting.objects.filter(submission=submission)
        .select_related("entry__organisation")
        .first()
    )
    if revetting is None:
        return set()
    organisation = revetting.entry.organisation
    since = timezone.now() - relativedelta(months=organisation.reference_max_age_months)
    last = (
        ReferenceCheck.objects.filter(
            reference__consultant_id=submission.consultant_id,
            submission__engagement__organisation=organisation,
            status=CheckStatus.COMPLETED,
        )
        .values("reference_id")
        .annotate(last=Max("completed_at"))
    )
    return {row["reference_id"] for row in last if row["last"] and row["last"] >= since}
