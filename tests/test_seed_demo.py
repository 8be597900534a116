"""The demo data a new user gets from `make run`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultants.models import Consultant, Reference
from vetting import selectors
from vetting.management.commands.seed_demo import DEMO_PASSWORD
from vetting.models import (
    Answer,
    Engagement,
    EngagementStatus,
    Invitation,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import submission_problems

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_sign_in_per_role_and_prints_them(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    for role in Role:
        user = User.objects.get(email=f"{role.value}@winnow.test")
        assert user.has_role(role)
        assert user.check_password(DEMO_PASSWORD)
        assert f"{role.value}@winnow.test" in out
    assert User.objects.get(email="admin@winnow.test").is_superuser
    assert DEMO_PASSWORD in out


def test_seed_demo_gives_a_directory_of_varied_consultants_with_references():
    call_command("seed_demo")

    assert Consultant.objects.count() >= 12
    assert Consultant.objects.filter(references__isnull=False).distinct().count() >= 11
    headlines = " ".join(Consultant.objects.values_list("headline", flat=True)).lower()
    assert "viral" in headlines  # buzz and virality
    assert "campaign" in headlines  # campaign-first
    assert "everything" in headlines  # does it all
    assert "target market" in headlines  # the real thing
    demo = Consultant.objects.get(email="consultant@winnow.test")
    assert demo.user.email == "consultant@winnow.test"


SEEDED_MODELS = (User, Consultant, Reference, Engagement, Submission, Invitation, Answer)


def test_seed_demo_can_run_again_without_duplicating_anything():
    call_command("seed_demo")
    counts = [model.objects.count() for model in SEEDED_MODELS]

    call_command("seed_demo")

    assert [model.objects.count() for model in SEEDED_MODELS] == counts


def test_every_seeded_profile_passes_the_same_validation_as_the_forms():
    call_command("seed_demo")

    for consultant in Consultant.objects.all():
        consultant.full_clean()
    for reference in Reference.objects.all():
        reference.full_clean()


def _open_round() -> Engagement:
    return Engagement.objects.get(title="Social marketing partner for the Northwind B2B launch")


def test_seed_demo_opens_a_round_with_every_consultant_invited_in_every_state():
    call_command("seed_demo")

    engagement = _open_round()
    assert engagement.status == EngagementStatus.OPEN
    assert engagement.owner.email == "procurement@winnow.test"
    assert [r.email for r in engagement.reviewers.all()] == ["manager@winnow.test"]
    assert engagement.accepts_answers
    until_deadline = engagement.deadline - timezone.now()
    assert timedelta(days=9) < until_deadline <= timedelta(days=10)
    assert engagement.budget_min < engagement.budget_max
    submissions = engagement.submissions.all()
    assert submissions.count() == Consultant.objects.count() == 12
    assert {s.status for s in submissions} == {
        SubmissionStatus.INVITED,
        SubmissionStatus.IN_PROGRESS,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.WITHDRAWN,
    }
    for submission in submissions:
        assert submission.invitation.sent_at is not None
        assert submission.invitation.email == submission.consultant.email
    assert not engagement.submissions.filter(status=SubmissionStatus.INVITED, answers__isnull=False)
    in_progress = engagement.submissions.filter(status=SubmissionStatus.IN_PROGRESS)
    for submission in in_progress:
        assert 0 < submission.answers.filter(is_complete=True).count() < 7
    withdrawn = engagement.submissions.get(status=SubmissionStatus.WITHDRAWN)
    assert withdrawn.withdrawn_at is not None


def test_seeded_submissions_are_complete_and_could_really_have_been_submitted():
    call_command("seed_demo")

    submitted = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    assert submitted.filter(engagement=_open_round()).count() >= 4
    for submission in submitted:
        assert submission.submitted_at is not None
        assert submission.started_at <= submission.submitted_at <= timezone.now()
        assert submission.answers.filter(is_complete=True).count() == 7
        assert submission_problems(submission) == []


def test_seeded_accomplishments_name_the_consultants_own_references():
    call_command("seed_demo")

    answers = Answer.objects.filter(question__key="accomplishments", is_complete=True)
    assert answers.exists()
    for answer in answers.select_related("submission__consultant"):
        own = {
            str(pk) for pk in answer.submission.consultant.references.values_list("pk", flat=True)
        }
        assert {item["reference"] for item in answer.value} <= own


def test_seeded_answers_show_both_green_and_red_flags():
    call_command("seed_demo")

    texts = " ".join(
        str(a.value).lower()
        for a in Answer.objects.filter(
            submission__engagement=_open_round(), submission__status=SubmissionStatus.SUBMITTED
        )
    )
    for red_flag in (
        "we do it all",
        "twitter campaign",
        "viral",
        "free earned reach",
        "run your community for you",
    ):
        assert red_flag in texts
    for green_flag in ("target", "listen", "measur", "your own people", "support"):
        assert green_flag in texts


def test_seed_demo_adds_a_draft_round_and_a_closed_round_with_submissions():
    call_command("seed_demo")

    draft = Engagement.objects.get(status=EngagementStatus.DRAFT)
    assert draft.submissions.exists()
    assert not Invitation.objects.filter(submission__engagement=draft, sent_at__isnull=False)
    closed = Engagement.objects.get(status=EngagementStatus.CLOSED)
    assert closed.is_past_deadline and closed.closed_at is not None
    assert closed.submissions.filter(status=SubmissionStatus.SUBMITTED).count() >= 2


def test_the_demo_consultant_finds_one_invitation_in_progress():
    call_command("seed_demo")

    clara = User.objects.get(email="consultant@winnow.test")
    invitations = list(selectors.my_invitations(clara))
    in_progress = [s for s in invitations if s.status == SubmissionStatus.IN_PROGRESS]
    assert len(in_progress) == 1
    assert in_progress[0].engagement == _open_round()
    assert 0 < in_progress[0].answered < in_progress[0].question_total == 7
    # Nothing of the draft round shows before it opens.
    assert all(s.engagement.status != EngagementStatus.DRAFT for s in invitations)


def test_seeding_sends_no_email():
    call_command("seed_demo")
    call_command("seed_demo")

    assert mail.outbox == []


def test_running_seed_demo_again_puts_the_demo_rounds_back():
    call_command("seed_demo")
    clara = Submission.objects.get(
        engagement=_open_round(), consultant__email="consultant@winnow.test"
    )
    clara.status = SubmissionStatus.WITHDRAWN
    clara.save()
    clara.answers.all().delete()

    call_command("seed_demo")

    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.IN_PROGRESS
    assert clara.answers.filter(is_complete=True).count() == 4
