"""Reference checks through their services: requesting them, the referee's answers, the
managers' calls, the flags they raise, and the history they leave."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consultants.services import reference_delete
from tests.factories import (
    EngagementFactory,
    ReferenceFactory,
    SubmissionFactory,
    UserFactory,
    complete_answers,
    submitted_with_checks,
)
from vetting.models import (
    CallAttempt,
    Channel,
    CheckStatus,
    EngagementStatus,
    Flag,
    ReferenceCheck,
    Submission,
    User,
)
from vetting.roles import Role
from vetting.services import (
    ServiceError,
    call_claim,
    call_close_unreachable,
    call_log_attempt,
    call_record,
    call_review_notes,
    check_request,
    check_set_channel,
    flag_clear,
    record_fingerprint,
    referee_decline,
    referee_submit,
    references_choose,
    refresh_flags,
    submission_submit,
)

pytestmark = pytest.mark.django_db

LAPTOP = ("203.0.113.7", "Mozilla/5.0 (Macintosh) Firefox/130.0")
# What ReferenceFactory claims: a client from January 2021 to June 2023.
AGREEING = {
    "relationship_confirmed": True,
    "relationship": "client",
    "period_from": date(2021, 1, 1),
    "period_to": date(2023, 6, 30),
    "verdicts": {},
    "rating_relationships": 4,
    "rating_honesty": 4,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "Listened to our customers first.",
    "concerns": "",
}


@pytest.fixture
def submission(procurement, consultant, django_capture_on_commit_callbacks) -> Submission:
    with django_capture_on_commit_callbacks(execute=True):
        return submitted_with_checks(consultant=consultant, owner=procurement)


@pytest.fixture
def check(submission) -> ReferenceCheck:
    return submission.reference_checks.first()


@pytest.fixture
def call(procurement, consultant) -> ReferenceCheck:
    submitted = submitted_with_checks(consultant=consultant, owner=procurement, check_by_phone=True)
    return submitted.reference_checks.first()


@pytest.fixture
def reviewer(submission) -> User:
    user = UserFactory(email="reviewer@example.com", role=Role.PROCUREMENT)
    submission.engagement.reviewers.add(user)
    return user


@pytest.fixture
def second_manager(db) -> User:
    return UserFactory(email="manager2@example.com", role=Role.MANAGER)


def fresh(check: ReferenceCheck) -> ReferenceCheck:
    return ReferenceCheck.objects.get(pk=check.pk)


def flag_codes(check: ReferenceCheck) -> set[str]:
    return set(check.flags.values_list("code", flat=True))


def answer(
    check: ReferenceCheck,
    ip: str = "198.51.100.20",
    agent: str = "Edge",
    opened_at: datetime | None = None,
    **changes: object,
):
    """The referee answers, having had the form in front of them for five minutes."""
    return referee_submit(
        check=check,
        data={**AGREEING, **changes},
        ip=ip,
        user_agent=agent,
        opened_at=opened_at or timezone.now() - timedelta(minutes=5),
    )


def recorded_call(call: ReferenceCheck, by: User, **changes: object) -> ReferenceCheck:
    call_claim(check=call, by=by)
    return call_record(
        check=call, by=by, data={**AGREEING, **changes}, notes="Spoke for ten minutes."
    )


# Requesting checks


def test_submitting_creates_one_check_per_chosen_reference_with_the_claim(submission):
    chosen = list(submission.chosen_references.order_by("pk"))
    checks = list(submission.reference_checks.order_by("reference_id"))

    assert [c.reference for c in checks] == chosen
    for check, reference in zip(checks, chosen, strict=True):
        assert (check.referee_name, check.referee_company) == (reference.name, reference.company)
        assert check.claimed_relationship == reference.relationship == "client"
        assert (check.claimed_from, check.claimed_to) == (date(2021, 1, 1), date(2023, 6, 30))
        assert (check.status, check.channel) == (CheckStatus.REQUESTED, Channel.WEB)


def test_the_claim_is_kept_when_the_consultant_later_removes_the_reference(check, consultant):
    name = check.referee_name

    reference_delete(reference=check.reference, by=consultant)

    assert (fresh(check).referee_name, fresh(check).reference) == (name, None)


def test_each_referee_is_emailed_a_private_link(submission):
    emails = {m.to[0]: m for m in mail.outbox}

    for check in submission.reference_checks.all():
        body = emails[check.referee_email].body
        assert "http://127.0.0.1:8000/r/" in body
        assert submission.consultant.name in body
        assert fresh(check).sent_at is not None


def test_with_checks_by_phone_the_checks_wait_for_a_call_and_no_referee_is_emailed(
    procurement, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted_with_checks(
            consultant=consultant, owner=procurement, check_by_phone=True
        )

    checks = submission.reference_checks.all()
    assert {c.channel for c in checks} == {Channel.PHONE}
    assert set(ReferenceCheck.objects.calls().open()) == set(checks)
    referees = {c.referee_email for c in checks}
    assert not [m for m in mail.outbox if m.to[0] in referees]


def test_the_owner_adds_a_check_of_another_reference_and_the_referee_is_emailed(
    submission, procurement, django_capture_on_commit_callbacks
):
    extra = ReferenceFactory(consultant=submission.consultant, name="Ines Duarte")

    with django_capture_on_commit_callbacks(execute=True):
        check = check_request(
            submission=submission, reference=extra, by=procurement, channel=Channel.WEB
        )

    assert check.referee_name == "Ines Duarte"
    assert mail.outbox[-1].to == [extra.email]


def test_the_same_reference_cannot_be_checked_twice(check, procurement):
    with pytest.raises(ServiceError, match="is already being checked"):
        check_request(
            submission=check.submission,
            reference=check.reference,
            by=procurement,
            channel=Channel.PHONE,
        )

    assert check.submission.reference_checks.count() == 2


def test_another_consultants_reference_cannot_be_checked(submission, procurement, other_consultant):
    theirs = ReferenceFactory(consultant=other_consultant.consultant)

    with pytest.raises(PermissionDenied):
        check_request(submission=submission, reference=theirs, by=procurement, channel="web")


def test_a_reference_who_did_not_agree_to_be_contacted_cannot_be_checked(submission, procurement):
    unwilling = ReferenceFactory(consultant=submission.consultant, consent_to_contact=False)

    with pytest.raises((ServiceError, PermissionDenied)):
        check_request(submission=submission, reference=unwilling, by=procurement, channel="web")


@pytest.mark.parametrize(
    "who", ["manager", "reviewer", "consultant", "other_consultant", "outsider"]
)
def test_only_the_owner_requests_checks_and_switches_their_channel(request, check, who):
    user = request.getfixturevalue(who)
    extra = ReferenceFactory(consultant=check.submission.consultant)

    with pytest.raises(PermissionDenied):
        check_request(submission=check.submission, reference=extra, by=user, channel="web")
    with pytest.raises(PermissionDenied):
        check_set_channel(check=check, by=user, channel=Channel.PHONE)

    assert fresh(check).channel == Channel.WEB


def test_the_owner_moves_a_check_to_the_call_queue(check, procurement):
    check_set_channel(check=check, by=procurement, channel=Channel.PHONE)

    assert fresh(check) in ReferenceCheck.objects.calls().open()


def test_moving_a_claimed_call_back_to_the_web_form_emails_the_referee(
    call, procurement, manager, django_capture_on_commit_callbacks
):
    call_claim(check=call, by=manager)

    with django_capture_on_commit_callbacks(execute=True):
        check_set_channel(check=call, by=procurement, channel=Channel.WEB)

    assert [m.to for m in mail.outbox] == [[call.referee_email]]
    assert fresh(call).link_is_usable


# The referee's answers


def test_the_referees_answers_are_stored_and_the_time_taken_is_measured(check):
    opened = timezone.now() - timedelta(seconds=95)

    answer(fresh(check), opened_at=opened, strengths="Honest about what did not work.")

    check = fresh(check)
    assert check.status == CheckStatus.COMPLETED
    assert check.strengths == "Honest about what did not work."
    assert (check.rating_honesty, check.would_hire_again) == (4, "yes")
    assert 95 <= check.form_seconds < 120
    assert not check.link_is_usable
    assert flag_codes(check) == set()


def test_the_referee_form_answers_once(check):
    answer(check)

    with pytest.raises(ServiceError, match="already been answered or has expired"):
        answer(check, would_hire_again="no")

    assert fresh(check).would_hire_again == "yes"


def test_answers_contradicting_the_claim_raise_discrepancy_flags(check):
    answer(check, period_from=date(2019, 1, 1), would_hire_again="no")

    flags = {f.code: f for f in check.flags.all()}
    assert set(flags) == {"period_start_differs", "would_not_hire_again"}
    assert flags["period_start_differs"].message == (
        "The start of the period differs by 24 months from the claim."
    )
    assert not Flag.objects.holds().exists()


def test_a_referee_who_declines_says_why(check):
    referee_decline(check=check, reason="I left the company.", ip="198.51.100.2", user_agent="X")

    check = fresh(check)
    assert (check.status, check.decline_reason) == (CheckStatus.DECLINED, "I left the company.")
    with pytest.raises(ServiceError):
        answer(check)


def test_a_referee_answering_from_the_consultants_device_puts_a_hold(check):
    record_fingerprint(submission=check.submission, ip=LAPTOP[0], user_agent=LAPTOP[1])

    answer(check, *LAPTOP)

    (hold,) = Flag.objects.holds()
    assert (hold.code, hold.reference_check) == ("same_device_as_consultant", check)


def test_a_referee_declining_from_the_consultants_device_puts_no_hold(check):
    record_fingerprint(submission=check.submission, ip=LAPTOP[0], user_agent=LAPTOP[1])

    referee_decline(
        check=check, reason="I never worked with them.", ip=LAPTOP[0], user_agent=LAPTOP[1]
    )

    assert flag_codes(check) == set()
    assert not Flag.objects.holds().exists()


def test_a_referee_who_declined_from_a_device_is_not_another_referee_on_it(submission):
    first, second = submission.reference_checks.all()

    referee_decline(check=first, reason="Too busy.", ip=LAPTOP[0], user_agent=LAPTOP[1])
    answer(second, *LAPTOP)

    assert not Flag.objects.holds().exists()


def test_a_referee_on_another_device_puts_no_hold(check):
    record_fingerprint(submission=check.submission, ip=LAPTOP[0], user_agent=LAPTOP[1])

    answer(check, LAPTOP[0], "Mozilla/5.0 (Windows) Edge/129.0")

    assert not Flag.objects.holds().exists()


def test_two_referees_answering_from_one_device_put_a_hold(submission):
    first, second = submission.reference_checks.all()

    answer(first, *LAPTOP)
    answer(second, *LAPTOP)

    assert [f.code for f in Flag.objects.holds()] == ["same_device_as_other_referee"]


def test_one_referee_answering_for_two_engagements_is_not_two_referees(check, consultant):
    later = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN, references_required=1),
        consultant=check.submission.consultant,
    )
    complete_answers(later, consultant)
    references_choose(submission=later, by=consultant, references=[check.reference])
    submission_submit(submission=later, by=consultant)

    answer(check, *LAPTOP)
    answer(later.reference_checks.get(), *LAPTOP)

    assert not Flag.objects.holds().exists()


# Calls


@pytest.mark.parametrize("who", ["manager", "staff"])
def test_managers_and_staff_claim_calls(request, call, who):
    user = request.getfixturevalue(who)

    call_claim(check=call, by=user)

    assert (fresh(call).status, fresh(call).assigned_to) == (CheckStatus.IN_PROGRESS, user)


@pytest.mark.parametrize("who", ["procurement", "consultant", "outsider"])
def test_only_managers_make_calls(request, call, who):
    with pytest.raises(PermissionDenied):
        call_claim(check=call, by=request.getfixturevalue(who))


def test_a_claimed_call_cannot_be_claimed_by_another_manager(call, manager, second_manager):
    call_claim(check=call, by=manager)

    with pytest.raises(ServiceError, match=f"{manager.display_name} has already claimed"):
        call_claim(check=call, by=second_manager)

    assert fresh(call).assigned_to == manager


def test_only_the_manager_who_claimed_a_call_logs_attempts_and_records_it(
    call, manager, second_manager
):
    with pytest.raises(ServiceError, match="Claim the call first"):
        call_log_attempt(check=call, by=manager, outcome="no_answer")
    call_claim(check=call, by=manager)
    with pytest.raises(ServiceError, match="Claim the call first"):
        call_log_attempt(check=call, by=second_manager, outcome="no_answer")
    with pytest.raises(ServiceError, match="Claim the call first"):
        call_record(check=call, by=second_manager, data=AGREEING, notes="Notes.")

    call_log_attempt(check=call, by=manager, outcome="voicemail", note="Left a message.")

    assert [a.note for a in call.attempts.all()] == ["Left a message."]
    assert fresh(call).status == CheckStatus.IN_PROGRESS


def test_a_call_is_closed_as_unreachable_only_after_three_failed_attempts(call, manager):
    call_claim(check=call, by=manager)
    for outcome in ("no_answer", "reached", "voicemail"):
        call_log_attempt(check=call, by=manager, outcome=outcome)

    with pytest.raises(ServiceError, match=r"at least 3 times .*\(2 failed so far\)"):
        call_close_unreachable(check=call, by=manager)
    call_log_attempt(check=call, by=manager, outcome="wrong_number")
    call_close_unreachable(check=call, by=manager)

    assert fresh(call).status == CheckStatus.UNREACHABLE


def test_recording_a_call_logs_the_reached_attempt(call, manager):
    call_claim(check=call, by=manager)
    call_log_attempt(check=call, by=manager, outcome="no_answer")

    call_record(check=call, by=manager, data=AGREEING, notes="Got her on the second try.")

    assert [a.outcome for a in call.attempts.order_by("at", "pk")] == ["no_answer", "reached"]


def test_a_reached_attempt_logged_just_before_recording_is_not_counted_twice(call, manager):
    call_claim(check=call, by=manager)
    call_log_attempt(check=call, by=manager, outcome="reached", note="She picked up.")

    call_record(check=call, by=manager, data=AGREEING, notes="Spoke for ten minutes.")

    assert [a.note for a in call.attempts.all()] == ["She picked up."]


def test_a_call_closed_as_unreachable_is_recorded_when_the_referee_answers_after_all(
    call, manager, second_manager
):
    call_claim(check=call, by=manager)
    for _ in range(3):
        call_log_attempt(check=call, by=manager, outcome="no_answer")
    call_close_unreachable(check=call, by=manager)

    call_record(check=call, by=second_manager, data=AGREEING, notes="She called back.")

    call = fresh(call)
    assert (call.status, call.recorded_by) == (CheckStatus.COMPLETED, second_manager)
    assert call.assigned_to == second_manager
    assert call.attempts.filter(outcome="reached").count() == 1


def test_a_completed_or_declined_check_is_not_recorded_again(call, check, manager):
    recorded_call(call, manager)
    referee_decline(check=check, reason="", ip=None, user_agent="")

    with pytest.raises(ServiceError, match=r"already finished \(completed\)"):
        call_record(check=call, by=manager, data=AGREEING, notes="Again.")
    with pytest.raises(ServiceError, match=r"already finished \(declined\)"):
        call_record(check=check, by=manager, data=AGREEING, notes="Again.")
    assert fresh(call).call_notes == "Spoke for ten minutes."


def test_a_recorded_call_completes_the_check_with_notes_and_flags(call, manager):
    recorded_call(
        call, manager, relationship_confirmed=False, relationship="peer", rating_honesty=2
    )

    call = fresh(call)
    assert (call.status, call.recorded_by) == (CheckStatus.COMPLETED, manager)
    assert call.call_notes == "Spoke for ten minutes."
    assert flag_codes(call) == {"relationship_differs", "low_honesty"}


def test_the_caller_cannot_review_their_own_notes(call, manager):
    recorded_call(call, manager)

    with pytest.raises(ServiceError, match="Someone other than the caller"):
        call_review_notes(check=call, by=manager, comment="Looks fine.")

    assert fresh(call).notes_reviewed_by is None


@pytest.mark.parametrize("who", ["second_manager", "procurement"])
def test_another_manager_or_the_owner_reviews_the_call_notes(request, call, manager, who):
    reviewer = request.getfixturevalue(who)
    recorded_call(call, manager)

    call_review_notes(check=call, by=reviewer, comment="Consistent with the claim.")

    call = fresh(call)
    assert (call.notes_reviewed_by, call.notes_review_comment) == (
        reviewer,
        "Consistent with the claim.",
    )


@pytest.mark.parametrize("who", ["consultant", "outsider"])
def test_nobody_else_reviews_call_notes(request, call, manager, who):
    recorded_call(call, manager)

    with pytest.raises(PermissionDenied):
        call_review_notes(check=call, by=request.getfixturevalue(who), comment="Fine.")


# Flags


@pytest.fixture
def flag(check) -> Flag:
    answer(check, would_hire_again="no")
    return check.flags.get()


def test_a_manager_clears_a_flag_with_a_note_and_it_stays_cleared(flag, check, manager):
    with pytest.raises(ServiceError, match="Say why"):
        flag_clear(flag=flag, by=manager, note="  ")

    flag_clear(flag=flag, by=manager, note="Called them: a budget dispute, not the work.")
    refresh_flags(fresh(check))

    flag = Flag.objects.get(pk=flag.pk)
    assert (flag.cleared_by, flag.cleared_note) == (
        manager,
        "Called them: a budget dispute, not the work.",
    )
    assert flag.cleared_at is not None


@pytest.mark.parametrize("who", ["procurement", "reviewer", "consultant", "outsider"])
def test_only_managers_clear_flags(request, flag, who):
    with pytest.raises(PermissionDenied):
        flag_clear(flag=flag, by=request.getfixturevalue(who), note="Looks fine to me.")

    assert Flag.objects.get(pk=flag.pk).cleared_at is None


# History


def test_checks_and_call_attempts_keep_a_history_of_who_did_what(call, manager, procurement):
    call_claim(check=call, by=manager)
    attempt = call_log_attempt(check=call, by=manager, outcome="no_answer")

    rows = ReferenceCheck.history.filter(id=call.pk).order_by("history_date")
    assert [(r.history_type, r.history_user, r.status) for r in rows] == [
        ("+", procurement, CheckStatus.REQUESTED),
        ("~", manager, CheckStatus.IN_PROGRESS),
    ]
    (row,) = CallAttempt.history.filter(id=attempt.pk)
    assert (row.history_type, row.history_user, row.outcome) == ("+", manager, "no_answer")
