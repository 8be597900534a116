"""The approved-vendor register and re-vetting, as services: entering the register on a
selection, the review date from the organisation's cadence, the status by date, the
reminders (each once), the schedule opening one re-vetting round per due entry (twice run,
once opened), the round pre-filled from the last answers, references re-checked only when
their last check is old, and selecting again renewing the review date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.vendor_helpers import make_admin, select, selected_vendor
from vetting.models import (
    Answer,
    CheckStatus,
    Engagement,
    EngagementStatus,
    Membership,
    OrganisationRole,
    OutboxMessage,
    ReferenceCheck,
    Revetting,
    Submission,
    SubmissionStatus,
    User,
    VendorEntry,
    VendorStatus,
)
from vetting.models.vendors import vendor_status_of
from vetting.services import decision_record, submission_submit
from vetting.services.errors import NotReady, ServiceError
from vetting.services.vendors import (
    revetting_changes_save,
    revetting_open,
    revettings_open_due,
    vendor_reminders_send,
    vendor_remove,
    vendor_settings_set,
)
from vetting.tasks import send_vendor_expiring

pytestmark = pytest.mark.django_db


def test_selecting_a_consultant_enters_the_register_with_a_review_date_from_the_cadence(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)

    today = timezone.localdate()
    assert entry.organisation == entry.submission.engagement.organisation
    assert entry.consultant == consultant.consultant
    assert entry.decision == entry.submission.decision
    assert entry.approved_on == today
    assert entry.review_on == today + relativedelta(months=12)
    assert entry.status == VendorStatus.ACTIVE
    assert entry.history.first().history_change_reason == "Entered the register"


def test_shortlisting_does_not_enter_the_register(procurement: User, consultant: User) -> None:
    from tests.factories import submitted_with_checks

    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    decision_record(submission=submission, by=procurement, outcome="shortlisted", rationale="Good.")

    assert not VendorEntry.objects.exists()


def test_a_selection_changed_to_a_rejection_takes_the_vendor_off_the_register(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)

    decision_record(
        submission=entry.submission,
        by=procurement,
        outcome="rejected",
        rationale="The references were the consultant's relatives.",
        expected_version=entry.submission.decision.version,
    )

    entry.refresh_from_db()
    assert entry.status == VendorStatus.REMOVED
    assert entry.removed_by == procurement
    assert entry.removal_reason == (
        f"The selection in \u201c{entry.submission.engagement.title}\u201d was changed to rejected."
    )
    assert entry.history.first().history_change_reason == "The selection it came from was changed"


def test_an_organisation_cadence_sets_and_moves_review_dates(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    organisation = entry.organisation
    admin = make_admin(organisation)

    vendor_settings_set(
        organisation=organisation, by=admin, revetting_months=6, reference_max_age_months=3
    )

    entry.refresh_from_db()
    assert entry.review_on == entry.approved_on + relativedelta(months=6)
    assert entry.history.first().history_change_reason.endswith("to 6 months")
    with pytest.raises(PermissionDenied):
        vendor_settings_set(
            organisation=organisation,
            by=procurement,
            revetting_months=3,
            reference_max_age_months=3,
        )


def test_status_follows_the_dates() -> None:
    today = timezone.localdate()
    assert vendor_status_of(today + timedelta(days=61), False, today) == VendorStatus.ACTIVE
    assert vendor_status_of(today + timedelta(days=60), False, today) == VendorStatus.DUE
    assert vendor_status_of(today, False, today) == VendorStatus.DUE
    assert vendor_status_of(today - timedelta(days=1), False, today) == VendorStatus.EXPIRED
    assert vendor_status_of(today - timedelta(days=1), True, today) == VendorStatus.REMOVED


def test_the_register_status_in_sql_is_the_same_as_in_python(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    today = timezone.localdate()
    for days, status in ((90, "active"), (10, "due"), (-3, "expired")):
        VendorEntry.objects.filter(pk=entry.pk).update(review_on=today + timedelta(days=days))
        annotated = VendorEntry.objects.with_status().get(pk=entry.pk)
        assert annotated.status == status
        assert VendorEntry.objects.get(pk=entry.pk).status == status


def test_an_admin_removes_a_vendor_with_a_reason_and_nobody_else_does(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    admin = make_admin(entry.organisation)

    with pytest.raises(PermissionDenied):
        vendor_remove(entry=entry, by=procurement, reason="Contract ended.")
    with pytest.raises(ServiceError, match="Say why"):
        vendor_remove(entry=entry, by=admin, reason="  ")
    vendor_remove(entry=entry, by=admin, reason="Contract ended.")

    entry.refresh_from_db()
    assert entry.status == VendorStatus.REMOVED
    assert entry.removal_reason == "Contract ended."
    assert entry.history.first().history_change_reason == "Removed from the register"


def test_reminders_go_60_30_and_7_days_before_each_once_to_admins_and_the_owner(
    procurement: User, consultant: User, django_capture_on_commit_callbacks
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    admin = make_admin(entry.organisation)
    review_on = entry.review_on
    mail.outbox.clear()

    def on(days_before: int) -> int:
        now = timezone.now().replace(hour=12)
        day = review_on - timedelta(days=days_before)
        moment = now + (day - timezone.localdate(now))
        with django_capture_on_commit_callbacks(execute=True):
            return vendor_reminders_send(now=moment)

    assert on(61) == 0
    assert on(60) == 1
    assert on(59) == 0  # the 60-day reminder went out already
    assert on(30) == 1
    assert on(30) == 0  # the same day twice
    assert on(7) == 1
    assert on(1) == 0
    assert sorted({m.to[0] for m in mail.outbox}) == sorted({admin.email, procurement.email})
    assert len(mail.outbox) == 6  # three reminders, two people each
    assert "review due" in mail.outbox[0].subject
    assert consultant.consultant.name in mail.outbox[0].body


def test_a_reminder_task_run_twice_sends_once(procurement: User, consultant: User) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    mail.outbox.clear()

    assert send_vendor_expiring(entry.pk, 30) == 1
    assert send_vendor_expiring(entry.pk, 30) == 0
    assert len(mail.outbox) == 1


def _due(entry: VendorEntry, days: int = 20) -> None:
    VendorEntry.objects.filter(pk=entry.pk).update(
        review_on=timezone.localdate() + timedelta(days=days)
    )


def test_the_schedule_opens_one_revetting_round_per_due_entry_even_when_run_twice(
    procurement: User, consultant: User, django_capture_on_commit_callbacks
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    assert revettings_open_due() == 0  # a year away: not due
    _due(entry)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert revettings_open_due() == 1
    assert revettings_open_due() == 0

    revetting = Revetting.objects.get()
    round_ = revetting.engagement
    previous = entry.submission.engagement
    assert revetting.previous == entry.submission
    assert revetting.opened_by is None
    assert round_.status == EngagementStatus.OPEN
    assert round_.owner == previous.owner
    assert round_.questionnaire == previous.questionnaire
    assert round_.weights == previous.weights
    assert round_.goals == previous.goals
    assert set(round_.reviewers.all()) == set(previous.reviewers.all())
    assert round_.title.startswith(f"Re-vetting of {consultant.consultant.name}")
    assert [m.to for m in mail.outbox] == [[consultant.email]]  # the invitation


def test_a_revetting_round_is_prefilled_from_the_last_answers(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)

    revetting = revetting_open(entry=entry, by=procurement)

    new = revetting.submission
    old = {a.question.key: a.value for a in entry.submission.answers.select_related("question")}
    copied = {a.question.key: a.value for a in new.answers.select_related("question")}
    assert copied == old
    assert new.status == SubmissionStatus.INVITED
    assert set(new.chosen_references.all()) == set(entry.submission.chosen_references.all())
    with pytest.raises(ServiceError, match="already open"):
        revetting_open(entry=entry, by=procurement)


def test_only_admins_and_the_rounds_owner_start_a_revetting_round(
    procurement: User, consultant: User, reviewer: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)

    with pytest.raises(PermissionDenied):
        revetting_open(entry=entry, by=reviewer)
    revetting_open(entry=entry, by=make_admin(entry.organisation))


def test_the_consultant_must_say_what_changed_before_submitting(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    new = revetting_open(entry=entry, by=procurement).submission

    with pytest.raises(NotReady) as refused:
        submission_submit(submission=new, by=consultant)
    assert "Say what changed since your last round" in " ".join(refused.value.problems)

    revetting_changes_save(submission=new, by=consultant, text="A new client in fintech.")
    submission_submit(submission=new, by=consultant)
    assert Submission.objects.get(pk=new.pk).status == SubmissionStatus.SUBMITTED


def test_references_are_checked_again_only_when_their_last_check_is_old(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    old_check, recent_check = entry.submission.reference_checks.order_by("pk")
    now = timezone.now()
    ReferenceCheck.objects.filter(pk=old_check.pk).update(
        status=CheckStatus.COMPLETED, completed_at=now - relativedelta(months=13)
    )
    ReferenceCheck.objects.filter(pk=recent_check.pk).update(
        status=CheckStatus.COMPLETED, completed_at=now - relativedelta(months=2)
    )
    new = revetting_open(entry=entry, by=procurement).submission
    revetting_changes_save(submission=new, by=consultant, text="Nothing much.")

    submission_submit(submission=new, by=consultant)

    asked = set(new.reference_checks.values_list("reference_id", flat=True))
    assert asked == {old_check.reference_id}


def test_selecting_the_consultant_again_renews_the_review_date(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    _due(entry, days=10)
    new = revetting_open(entry=entry, by=procurement).submission
    revetting_changes_save(submission=new, by=consultant, text="A bigger team.")
    new = submission_submit(submission=new, by=consultant)

    select(new, procurement)

    entry.refresh_from_db()
    assert entry.submission == new
    assert entry.review_on == timezone.localdate() + relativedelta(months=12)
    assert entry.history.first().history_change_reason.startswith("Selected again")
    assert VendorEntry.objects.count() == 1


def test_a_removed_vendor_gets_no_reminder_and_no_revetting(
    procurement: User, consultant: User
) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    vendor_remove(entry=entry, by=make_admin(entry.organisation), reason="Gone.")
    _due(entry, days=7)

    assert vendor_reminders_send() == 0
    assert revettings_open_due() == 0
    assert not OutboxMessage.objects.filter(task__endswith="send_vendor_expiring").exists()


def test_changes_are_only_the_consultants_to_write(procurement: User, consultant: User) -> None:
    entry = selected_vendor(owner=procurement, consultant=consultant)
    new = revetting_open(entry=entry, by=procurement).submission

    with pytest.raises(PermissionDenied):
        revetting_changes_save(submission=new, by=procurement, text="Made up.")
    assert Engagement.objects.count() == 2
    assert Answer.objects.filter(submission=new).exists()
    assert Membership.objects.filter(role=OrganisationRole.ADMIN).count() == 0
