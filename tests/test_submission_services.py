"""The consultant's side: answering (drafts are never lost), submitting, withdrawing, copying
earlier answers, and signing up through an invitation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consultants.services import consultant_sign_up, reference_delete
from tests.factories import (
    VALID_ANSWERS,
    EngagementFactory,
    ReferenceFactory,
    SubmissionFactory,
    complete_answers,
    offer_references,
)
from vetting.concurrency import NONE_YET, StaleVersionError
from vetting.models import (
    Answer,
    Engagement,
    EngagementStatus,
    Invitation,
    Question,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import (
    NotReady,
    ServiceError,
    answer_save,
    invitation_accept_signup,
    invite_new,
    questionnaire_new_version,
    submission_copy_answers,
    submission_problems,
    submission_submit,
    submission_withdraw,
)

pytestmark = pytest.mark.django_db

PAST_DEADLINE = "The deadline has passed: answers can no longer be changed or submitted."


def open_round(owner: User, **fields: object) -> Engagement:
    return EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now(), **fields
    )


@pytest.fixture
def engagement(procurement: User) -> Engagement:
    return open_round(procurement, title="Social marketing for Ledgerly")


@pytest.fixture
def submission(engagement: Engagement, consultant: User) -> Submission:
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


@pytest.fixture
def ready(submission: Submission, consultant: User) -> Submission:
    """Every answer complete and the two references the engagement asks for."""
    complete_answers(submission, consultant)
    offer_references(submission, consultant)
    return submission


def question(submission: Submission, key: str) -> Question:
    return submission.engagement.questionnaire.questions.get(key=key)


def save(submission: Submission, by: User, key: str, raw: object):
    return answer_save(submission=submission, by=by, question=question(submission, key), raw=raw)


def refresh(submission: Submission) -> Submission:
    return Submission.objects.get(pk=submission.pk)


# Answering


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("business_background", "PR, then social.", "(you have 16)"),
        ("years_social_media", "about six", "Enter a whole number of years"),
        ("years_for_clients", "70", "Enter a number of at most 50."),
    ],
)
def test_an_invalid_answer_is_saved_as_typed_so_nothing_is_lost(
    submission, consultant, key, raw, message
):
    answer, checked = save(submission, consultant, key, raw)

    assert message in checked.errors[0]
    stored = Answer.objects.get(pk=answer.pk)
    assert (stored.value, stored.is_complete) == (raw, False)


def test_the_first_answer_moves_the_submission_in_progress(submission, consultant):
    assert submission.status == SubmissionStatus.INVITED

    save(submission, consultant, "years_social_media", "")

    submission = refresh(submission)
    assert submission.status == SubmissionStatus.IN_PROGRESS
    assert submission.started_at is not None


def test_a_corrected_answer_replaces_the_draft_and_is_complete(submission, consultant):
    save(submission, consultant, "years_social_media", "nine")

    save(submission, consultant, "years_social_media", "9")

    answer = submission.answers.get()
    assert (answer.value, answer.is_complete) == (9, True)


def _save_from(submission: Submission, by: User, key: str, raw: object, version: int):
    return answer_save(
        submission=submission,
        by=by,
        question=question(submission, key),
        raw=raw,
        expected_version=version,
    )


def test_a_save_from_a_tab_that_loaded_an_older_version_is_refused_and_replaces_nothing(
    submission, consultant
):
    """Tab A and tab B loaded version 1; A saved (version 2); B's save must not replace it."""
    first, _ = save(submission, consultant, "business_background", "A" * 60)
    _save_from(submission, consultant, "business_background", "Tab A " * 20, first.version)

    with pytest.raises(StaleVersionError) as refused:
        _save_from(submission, consultant, "business_background", "Tab B " * 20, first.version)

    assert refused.value.current.value == "Tab A " * 20
    assert refused.value.current_version == first.version + 1
    assert submission.answers.get().value == "Tab A " * 20


def test_two_tabs_answering_a_question_for_the_first_time_do_not_overwrite_each_other(
    submission, consultant
):
    _save_from(submission, consultant, "years_social_media", "9", NONE_YET)

    with pytest.raises(StaleVersionError) as refused:
        _save_from(submission, consultant, "years_social_media", "4", NONE_YET)

    assert refused.value.current.value == 9
    assert submission.answers.get().value == 9


def test_saving_what_is_already_saved_is_no_conflict(submission, consultant):
    first, _ = save(submission, consultant, "years_social_media", "9")
    save(submission, consultant, "years_social_media", "9")

    answer, _ = _save_from(submission, consultant, "years_social_media", "9", first.version)

    assert answer.value == 9


def test_saving_against_the_current_version_replaces_the_answer(submission, consultant):
    first, _ = save(submission, consultant, "years_social_media", "9")
    save(submission, consultant, "years_social_media", "7")

    answer, _ = _save_from(submission, consultant, "years_social_media", "12", first.version + 1)

    assert (answer.value, answer.version) == (12, first.version + 2)


@pytest.mark.parametrize("who", ["other_consultant", "procurement", "manager", "outsider"])
def test_only_the_invited_consultant_may_answer(request, submission, who):
    with pytest.raises(PermissionDenied):
        save(submission, request.getfixturevalue(who), "years_social_media", "9")

    assert not Answer.objects.exists()
    assert refresh(submission).status == SubmissionStatus.INVITED


def test_a_question_of_another_questionnaire_is_refused(submission, consultant, procurement):
    other = questionnaire_new_version(
        questionnaire=submission.engagement.questionnaire, by=procurement
    )

    with pytest.raises(ServiceError, match="not part of this engagement's questionnaire"):
        answer_save(submission=submission, by=consultant, question=other.questions.first(), raw="9")


def test_submitted_answers_are_locked(ready, consultant):
    submission_submit(submission=ready, by=consultant)

    with pytest.raises(ServiceError) as refused:
        save(ready, consultant, "years_social_media", "12")

    assert refused.value.message == (
        "This self-assessment is submitted: its answers can no longer change."
    )
    assert ready.answers.get(question__key="years_social_media").value == 9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": EngagementStatus.CLOSED}, "This engagement is closed"),
        ({"status": EngagementStatus.DRAFT}, "This engagement is not open yet."),
        ({"deadline": timezone.now() - timedelta(minutes=1)}, PAST_DEADLINE),
    ],
)
def test_nothing_is_saved_or_submitted_once_the_engagement_stops_accepting_answers(
    ready, consultant, change, message
):
    Engagement.objects.filter(pk=ready.engagement_id).update(**change)

    with pytest.raises(ServiceError, match=message):
        save(ready, consultant, "years_social_media", "12")
    with pytest.raises(ServiceError, match=message):
        submission_submit(submission=ready, by=consultant)

    assert ready.answers.get(question__key="years_social_media").value == 9
    assert refresh(ready).status == SubmissionStatus.IN_PROGRESS


# Submitting


def test_the_problems_list_every_incomplete_question_and_missing_references(submission, consultant):
    save(submission, consultant, "years_social_media", "9")
    save(submission, consultant, "first_steps", "Listen first.")
    keys = [q.key for q in submission.engagement.questionnaire.questions.all()]

    problems = submission_problems(submission)

    assert [p.question_key for p in problems] == [*keys[1:], ""]
    assert str(problems[-1]) == "Name at least 2 references on your profile (you have 0)."


def test_each_problem_names_its_question_and_the_reason(submission, consultant):
    save(submission, consultant, "years_social_media", "77")
    save(submission, consultant, "business_background", "Sales, then marketing, then PR.")

    problems = {p.question_key: p for p in submission_problems(submission)}

    assert str(problems["years_social_media"]) == (
        "How many years have you been practising social media? Enter a number of at most 50."
    )
    assert str(problems["business_background"]) == (
        "What is your business background? Write at least 50 characters (you have 31): "
        "buyers look for specifics."
    )
    assert problems["first_steps"].reason == "Not answered yet."


def test_a_submission_with_complete_answers_and_enough_references_has_no_problems(ready):
    assert submission_problems(ready) == []


def test_submitting_is_refused_until_every_problem_is_solved(submission, consultant):
    complete_answers(submission, consultant)
    ReferenceFactory(consultant=consultant.consultant)

    with pytest.raises(NotReady) as refused:
        submission_submit(submission=submission, by=consultant)

    assert refused.value.problems == ["Name at least 2 references on your profile (you have 1)."]
    assert refresh(submission).status == SubmissionStatus.IN_PROGRESS


def test_the_number_of_references_required_comes_from_the_engagement(procurement, consultant):
    engagement = open_round(procurement, references_required=3)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    ReferenceFactory.create_batch(2, consultant=consultant.consultant)

    with pytest.raises(NotReady) as refused:
        submission_submit(submission=submission, by=consultant)

    assert refused.value.problems == ["Name at least 3 references on your profile (you have 2)."]


REFEREE_SUBJECT = "Clara Okafor named you as a reference: five minutes of your time?"


def test_submitting_locks_the_answers_and_tells_the_consultant_and_the_buyer(
    ready, consultant, procurement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=ready, by=consultant)

    submission = refresh(ready)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.submitted_at is not None
    assert submission.is_locked
    sent = {m.to[0]: m.subject for m in mail.outbox}
    referees = {c.referee_email for c in submission.reference_checks.all()}
    assert len(referees) == 2
    assert sent == {
        "consultant@example.com": (
            'Your self-assessment for "Social marketing for Ledgerly" is submitted'
        ),
        "procurement@example.com": (
            'Clara Okafor submitted a self-assessment for "Social marketing for Ledgerly"'
        ),
        **dict.fromkeys(referees, REFEREE_SUBJECT),
    }


@pytest.mark.parametrize("who", ["other_consultant", "procurement", "outsider"])
def test_only_the_invited_consultant_may_submit(request, ready, who):
    with pytest.raises(PermissionDenied):
        submission_submit(submission=ready, by=request.getfixturevalue(who))

    assert refresh(ready).status == SubmissionStatus.IN_PROGRESS


def test_an_accomplishment_whose_reference_was_deleted_must_be_fixed_before_submitting(
    ready, consultant
):
    reference = consultant.consultant.references.first()
    ReferenceFactory(consultant=consultant.consultant)  # still two left after the delete
    item = {**VALID_ANSWERS["accomplishments"][0], "reference": str(reference.pk)}
    assert save(ready, consultant, "accomplishments", [item])[1].complete
    reference_delete(reference=reference, by=consultant)

    with pytest.raises(NotReady):
        submission_submit(submission=ready, by=consultant)


# Withdrawing


@pytest.mark.parametrize("submit_first", [False, True])
def test_a_consultant_may_withdraw_before_the_deadline(ready, consultant, submit_first):
    if submit_first:
        submission_submit(submission=ready, by=consultant)

    submission_withdraw(submission=ready, by=consultant)

    submission = refresh(ready)
    assert submission.status == SubmissionStatus.WITHDRAWN
    assert submission.withdrawn_at is not None
    with pytest.raises(ServiceError, match="withdrawn: its answers can no longer change"):
        save(ready, consultant, "years_social_media", "12")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"deadline": timezone.now() - timedelta(minutes=1)}, "the deadline has passed"),
        ({"status": EngagementStatus.CLOSED}, "this engagement is closed"),
    ],
)
def test_withdrawing_is_refused_after_the_deadline_or_once_closed(
    ready, consultant, change, reason
):
    submission_submit(submission=ready, by=consultant)
    Engagement.objects.filter(pk=ready.engagement_id).update(**change)

    with pytest.raises(ServiceError) as refused:
        submission_withdraw(submission=ready, by=consultant)

    assert str(refused.value) == f"This self-assessment can no longer be withdrawn: {reason}."

    assert refresh(ready).status == SubmissionStatus.SUBMITTED


def test_withdrawing_again_from_another_tab_says_it_is_already_withdrawn(ready, consultant):
    submission_withdraw(submission=ready, by=consultant)

    with pytest.raises(ServiceError) as refused:
        submission_withdraw(submission=ready, by=consultant)

    assert str(refused.value) == "You have already withdrawn from this engagement."


def test_withdrawing_after_a_decision_says_the_buyer_decided(ready, consultant):
    submission_submit(submission=ready, by=consultant)
    Submission.objects.filter(pk=ready.pk).update(status=SubmissionStatus.REJECTED)

    with pytest.raises(ServiceError, match="no longer be withdrawn: the buyer has made a decision"):
        submission_withdraw(submission=ready, by=consultant)


@pytest.mark.parametrize("who", ["other_consultant", "procurement", "outsider"])
def test_only_the_invited_consultant_may_withdraw(request, submission, who):
    with pytest.raises(PermissionDenied):
        submission_withdraw(submission=submission, by=request.getfixturevalue(who))


# Copying earlier answers


def test_answers_are_copied_by_question_key_from_an_earlier_round(ready, consultant, procurement):
    submission_submit(submission=ready, by=consultant)
    Engagement.objects.filter(pk=ready.engagement_id).update(status=EngagementStatus.CLOSED)
    newer = questionnaire_new_version(questionnaire=ready.engagement.questionnaire, by=procurement)
    later = SubmissionFactory(
        engagement=open_round(procurement, questionnaire=newer), consultant=consultant.consultant
    )

    copied = submission_copy_answers(submission=later, by=consultant, source=ready)

    assert copied == (7, ())
    answers = later.answers.select_related("question")
    assert {a.question.questionnaire_id for a in answers} == {newer.pk}
    assert {a.question.key: a.value for a in answers} == {
        a.question.key: a.value for a in ready.answers.select_related("question")
    }
    assert all(a.is_complete for a in answers)
    assert refresh(later).status == SubmissionStatus.IN_PROGRESS


def test_another_consultants_answers_cannot_be_copied(
    ready, consultant, other_consultant, procurement
):
    theirs = SubmissionFactory(
        engagement=open_round(procurement), consultant=other_consultant.consultant
    )

    with pytest.raises(PermissionDenied, match="only copy your own answers"):
        submission_copy_answers(submission=theirs, by=other_consultant, source=ready)

    assert not theirs.answers.exists()


# Signing up through an invitation


@pytest.fixture
def invitation(engagement: Engagement, procurement: User) -> Invitation:
    submission = invite_new(
        engagement=engagement, by=procurement, name="Nina Newcomer", email="nina@agency.example"
    )
    return submission.invitation


def sign_up(invitation: Invitation) -> User:
    return invitation_accept_signup(
        invitation=invitation, first_name="Nina", last_name="Newcomer", password="x-Long-pass-42"
    )


def test_signing_up_through_an_invitation_claims_the_invited_profile(
    invitation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = sign_up(invitation)

    user.refresh_from_db()
    assert user.email == "nina@agency.example"
    assert user.check_password("x-Long-pass-42")
    assert user.has_role(Role.CONSULTANT)
    assert user.consultant == invitation.submission.consultant
    assert user.consultant.name == "Nina Newcomer"
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None
    assert [m.subject for m in mail.outbox] == ["Welcome to Winnow, Nina"]
    # The new account can answer straight away.
    save(refresh(invitation.submission), user, "years_social_media", "4")


def test_an_invitation_link_works_once(invitation):
    sign_up(invitation)

    with pytest.raises(ServiceError, match="already been used or has expired"):
        sign_up(invitation)

    assert User.objects.filter(email="nina@agency.example").count() == 1


def test_an_expired_invitation_cannot_be_used(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ServiceError, match="already been used or has expired"):
        sign_up(invitation)

    assert not User.objects.filter(email="nina@agency.example").exists()


def test_an_invitation_to_a_profile_with_an_account_asks_to_sign_in(
    engagement, procurement, consultant
):
    submission = invite_new(
        engagement=engagement, by=procurement, name="Clara", email=consultant.email
    )

    with pytest.raises(ServiceError, match="existing account: sign in"):
        sign_up(submission.invitation)


def test_an_invitation_for_an_address_that_since_signed_up_asks_to_sign_in(invitation):
    consultant_sign_up(
        first_name="Nina", last_name="N", email="nina@agency.example", password="x-Long-pass-42"
    )

    with pytest.raises(ServiceError, match="sign in"):
        sign_up(invitation)
