"""The demo data a new user gets from `make run`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from consultants.models import Consultant, Reference
from vetting import selectors
from vetting.demo.reviews import STRONG
from vetting.management.commands.seed_demo import DEMO_PASSWORD
from vetting.models import (
    Answer,
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    Engagement,
    EngagementStatus,
    Flag,
    HireAgain,
    Invitation,
    ReferenceCheck,
    Review,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import FAILED_OUTCOMES
from vetting.roles import Role
from vetting.services import (
    call_claim,
    call_log_attempt,
    check_request,
    flag_clear,
    submission_problems,
)
from vetting.services.references import claimed_accomplishments

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """Seed once for the module, inside a transaction rolled back at its end; each test
    runs in a savepoint within it, so what one test changes does not leak to the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


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


def test_seed_demo_gives_a_directory_of_varied_consultants_with_references(seeded):

    assert Consultant.objects.count() >= 12
    assert Consultant.objects.filter(references__isnull=False).distinct().count() >= 11
    headlines = " ".join(Consultant.objects.values_list("headline", flat=True)).lower()
    assert "viral" in headlines  # buzz and virality
    assert "campaign" in headlines  # campaign-first
    assert "everything" in headlines  # does it all
    assert "target market" in headlines  # the real thing
    demo = Consultant.objects.get(email="consultant@winnow.test")
    assert demo.user.email == "consultant@winnow.test"


SEEDED_MODELS = (
    User,
    Consultant,
    Reference,
    Engagement,
    Submission,
    Invitation,
    Answer,
    ReferenceCheck,
    CallAttempt,
    Flag,
)


def test_seed_demo_can_run_again_without_duplicating_anything(seeded):
    counts = [model.objects.count() for model in SEEDED_MODELS]

    call_command("seed_demo")

    assert [model.objects.count() for model in SEEDED_MODELS] == counts


def test_every_seeded_profile_passes_the_same_validation_as_the_forms(seeded):

    for consultant in Consultant.objects.all():
        consultant.full_clean()
    for reference in Reference.objects.all():
        reference.full_clean()


def _open_round() -> Engagement:
    return Engagement.objects.get(title="Social marketing partner for the Northwind B2B launch")


def test_seed_demo_opens_a_round_with_every_consultant_invited_in_every_state(seeded):

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
        SubmissionStatus.UNDER_REVIEW,  # submitted, and a reviewer has rated it
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


def test_seeded_submissions_are_complete_and_could_really_have_been_submitted(seeded):

    submitted = Submission.objects.filter(status__in=SCORED_STATUSES)
    assert submitted.filter(engagement=_open_round()).count() >= 4
    for submission in submitted:
        assert submission.submitted_at is not None
        assert submission.started_at <= submission.submitted_at <= timezone.now()
        assert submission.answers.filter(is_complete=True).count() == 7
        assert submission_problems(submission) == []


def test_seeded_accomplishments_name_the_consultants_own_references(seeded):

    answers = Answer.objects.filter(question__key="accomplishments", is_complete=True)
    assert answers.exists()
    for answer in answers.select_related("submission__consultant"):
        own = {
            str(pk) for pk in answer.submission.consultant.references.values_list("pk", flat=True)
        }
        assert {item["reference"] for item in answer.value} <= own


def test_seeded_answers_show_both_green_and_red_flags(seeded):

    texts = " ".join(
        str(a.value).lower()
        for a in Answer.objects.filter(
            submission__engagement=_open_round(), submission__status__in=SCORED_STATUSES
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


def test_seed_demo_adds_a_draft_round_and_a_closed_round_with_submissions(seeded):

    draft = Engagement.objects.get(status=EngagementStatus.DRAFT, organisation__slug="northwind")
    assert draft.submissions.exists()
    assert not Invitation.objects.filter(submission__engagement=draft, sent_at__isnull=False)
    closed = Engagement.objects.get(status=EngagementStatus.CLOSED)
    assert closed.is_past_deadline and closed.closed_at is not None
    assert closed.submissions.filter(status__in=SCORED_STATUSES).count() >= 2


def test_the_demo_consultant_finds_one_invitation_in_progress(seeded):

    clara = User.objects.get(email="consultant@winnow.test")
    invitations = list(selectors.my_invitations(clara))
    in_progress = [s for s in invitations if s.status == SubmissionStatus.IN_PROGRESS]
    assert len(in_progress) == 1
    assert in_progress[0].engagement == _open_round()
    assert 0 < in_progress[0].answered < in_progress[0].question_total == 7
    # Nothing of the draft round shows before it opens.
    assert all(s.engagement.status != EngagementStatus.DRAFT for s in invitations)


def test_seeding_sends_no_email(django_capture_on_commit_callbacks):
    # Run what is queued on commit too: referee emails would go out there.
    with django_capture_on_commit_callbacks(execute=True) as queued:
        call_command("seed_demo")
    with django_capture_on_commit_callbacks(execute=True) as queued_again:
        call_command("seed_demo")

    assert mail.outbox == []
    assert queued == queued_again == []


def test_running_seed_demo_again_puts_the_demo_rounds_back(seeded):
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


# Reference checks in the open round


def _checks() -> dict[str, ReferenceCheck]:
    """The open round's checks by referee name."""
    checks = ReferenceCheck.objects.filter(submission__engagement=_open_round())
    return {c.referee_name: c for c in checks.select_related("submission__consultant")}


def test_every_reference_offered_by_a_submitted_consultant_in_the_open_round_is_checked(seeded):

    submitted = _open_round().submissions.filter(status__in=SCORED_STATUSES)
    assert submitted.count() == 8
    for submission in submitted:
        chosen = set(submission.chosen_references.values_list("pk", flat=True))
        assert set(submission.reference_checks.values_list("reference", flat=True)) == chosen
        for check in submission.reference_checks.all():
            assert check.requested_at == submission.submitted_at
            assert check.requested_by == submission.engagement.owner
            assert check.referee_email == check.reference.email
    # Outside the open round, only the past rounds' completed checks (the history behind
    # the claim benchmarks).
    others = ReferenceCheck.objects.exclude(submission__engagement=_open_round())
    assert not others.exclude(
        status=CheckStatus.COMPLETED, submission__engagement__status="decided"
    )


def test_seeded_checks_cover_every_state_a_check_can_be_in(seeded):
    checks = _checks().values()

    assert {(c.channel, c.status) for c in checks} == {
        (Channel.WEB, CheckStatus.COMPLETED),
        (Channel.WEB, CheckStatus.REQUESTED),
        (Channel.WEB, CheckStatus.DECLINED),
        (Channel.PHONE, CheckStatus.COMPLETED),
        (Channel.PHONE, CheckStatus.REQUESTED),
        (Channel.PHONE, CheckStatus.IN_PROGRESS),
        (Channel.PHONE, CheckStatus.UNREACHABLE),
    }


def test_seeded_web_answers_are_filled_in_as_the_referee_form_fills_them(seeded):

    answered = [
        c for c in _checks().values() if c.channel == Channel.WEB and c.status == "completed"
    ]
    assert len(answered) >= 5
    for check in answered:
        assert check.relationship and check.period_from
        assert check.relationship_confirmed is (check.relationship == check.claimed_relationship)
        claims = claimed_accomplishments(check)
        assert claims  # each of these referees was cited for an accomplishment
        assert set(check.verdicts) == {str(index) for index, _ in claims}
        assert check.rating_relationships and check.rating_honesty and check.rating_results
        assert check.would_hire_again and check.strengths
        assert check.referee_ip and check.referee_user_agent and check.form_seconds
        assert check.requested_at < check.form_opened_at < check.completed_at <= timezone.now()
        assert check.sent_at == check.requested_at
        assert check.token_hash is None  # a link works once
        assert not check.recorded_by and not check.call_notes


def test_seeded_calls_are_recorded_by_the_demo_manager_and_one_is_reviewed(seeded):
    manager = User.objects.get(email="manager@winnow.test")

    calls = [
        c for c in _checks().values() if c.channel == Channel.PHONE and c.status == "completed"
    ]
    assert len(calls) >= 2
    for check in calls:
        assert check.recorded_by == check.assigned_to == manager
        assert check.call_notes and check.rating_honesty and check.would_hire_again
        assert check.form_seconds is None and check.referee_ip is None
    reviewed = [c for c in calls if c.notes_reviewed_at]
    assert len(reviewed) == 1
    assert reviewed[0].notes_reviewed_by.email == "procurement@winnow.test"
    assert reviewed[0].notes_review_comment
    assert [c for c in calls if not c.notes_reviewed_at]  # one still waiting for a review


def test_seeded_open_checks_wait_claimed_tried_and_overdue(seeded):
    checks = _checks()
    manager = User.objects.get(email="manager@winnow.test")
    now = timezone.now()

    pending = checks["Eva Nilsson"]
    assert (pending.channel, pending.status) == (Channel.WEB, CheckStatus.REQUESTED)
    assert timedelta(days=2) < now - pending.sent_at < timedelta(days=4)
    assert pending.link_is_usable and not pending.is_overdue
    overdue = checks["Grace Lim"]
    assert (overdue.channel, overdue.status) == (Channel.PHONE, CheckStatus.REQUESTED)
    assert overdue.due_at < now and overdue.assigned_to is None
    claimed = checks["Funke Adeyemi"]
    assert claimed.status == CheckStatus.IN_PROGRESS and claimed.assigned_to == manager
    assert [a.outcome in FAILED_OUTCOMES for a in claimed.attempts.all()] == [True, True]
    unreachable = checks["Maya Fields"]
    assert unreachable.status == CheckStatus.UNREACHABLE and unreachable.completed_at
    assert unreachable.attempts.filter(outcome__in=FAILED_OUTCOMES, by=manager).count() == 3
    for check in (claimed, unreachable):
        assert check.requested_at < check.claimed_at
        assert all(check.claimed_at < a.at <= now for a in check.attempts.all())
    declined = checks["Tyler Brooks"]
    assert declined.status == CheckStatus.DECLINED
    assert declined.decline_reason and declined.completed_at


def test_the_overdue_call_shows_in_the_managers_overdue_queue(seeded):
    manager = User.objects.get(email="manager@winnow.test")

    assert [c.referee_name for c in ReferenceCheck.objects.calls().overdue()] == ["Grace Lim"]
    assert [c.referee_name for c in selectors.calls_queue(manager, "overdue")] == ["Grace Lim"]
    assert "Grace Lim" in [c.referee_name for c in selectors.calls_queue(manager, "unassigned")]
    assert [c.referee_name for c in selectors.calls_queue(manager, "mine")] == ["Funke Adeyemi"]


def test_a_referee_on_the_consultants_own_domain_puts_a_hold_on_them(seeded):

    per_holm = _checks()["Per Holm"]
    assert per_holm.submission.consultant.name == "Oscar Lindqvist"
    [hold] = Flag.objects.holds()
    assert hold.reference_check == per_holm
    assert hold.code == "referee_domain_is_consultants"
    assert hold.evidence["referee_domain"] == "allinsocial.example"


def test_a_referee_contradicts_a_red_flag_consultants_period_and_would_not_hire_again(seeded):

    check = _checks()["Brandon Cole"]
    assert check.submission.consultant.name == "Viral Vince"
    assert check.would_hire_again == HireAgain.NO
    codes = set(check.flags.values_list("code", flat=True))
    assert {"period_start_differs", "would_not_hire_again", "accomplishment_not_confirmed"} <= codes
    assert check.flags.get(code="period_start_differs").evidence["months"] > 6


GREEN = ("Sofia Alvarez", "Mei Tanaka", "Eleanor Whitfield", "Priscilla Obi")
RED = ("Daniel Mercer", "Tweetstorm Agency", "Viral Vince", "Oscar Lindqvist")


def test_green_flag_consultants_get_strong_references_and_red_flag_ones_do_not(seeded):
    answered = [c for c in _checks().values() if c.status == CheckStatus.COMPLETED]

    for check in answered:
        consultant = check.submission.consultant.name
        ratings = (check.rating_relationships, check.rating_honesty, check.rating_results)
        if consultant in GREEN:
            assert check.would_hire_again == HireAgain.YES
            assert min(ratings) >= 4
            assert set(check.verdicts.values()) == {"confirmed"}
            assert not check.flags.exists()
        else:
            assert consultant in RED
    red_flagged = {
        f.submission.consultant.name for f in Flag.objects.select_related("submission__consultant")
    }
    assert red_flagged <= set(RED) and len(red_flagged) >= 3
    # Some red-flag referees are glowing: what gives them away is how and who they are.
    jay = _checks()["Jay Mercer"]
    assert jay.would_hire_again == HireAgain.YES
    assert {"form_too_fast", "free_mail_corporate_client"} <= set(
        jay.flags.values_list("code", flat=True)
    )


def test_the_pending_referee_gets_a_working_link_printed_for_the_demo(client, capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "Reference form of" in line]
    assert "Eva Nilsson for Oscar Lindqvist" in line
    path = line.rsplit("http://127.0.0.1:8000", 1)[1]
    response = client.get(path)
    assert response.status_code == 200
    assert "A reference for Oscar Lindqvist" in response.text


def test_running_seed_demo_again_puts_the_reference_checks_back(seeded):
    manager = User.objects.get(email="manager@winnow.test")
    checks = _checks()
    overdue = checks["Grace Lim"]
    call_claim(check=overdue, by=manager)
    call_log_attempt(check=overdue, by=manager, outcome=CallOutcome.NO_ANSWER)
    flag_clear(flag=Flag.objects.holds().get(), by=manager, note="Per left the agency.")
    mei = overdue.submission
    wei = mei.consultant.references.get(name="Wei Chen")
    check_request(submission=mei, reference=wei, by=mei.engagement.owner, channel=Channel.WEB)
    checks["Maya Fields"].delete()

    call_command("seed_demo")

    checks = _checks()
    assert set(checks) >= {"Grace Lim", "Maya Fields"} and "Wei Chen" not in checks
    overdue = checks["Grace Lim"]
    assert overdue.status == CheckStatus.REQUESTED and overdue.assigned_to is None
    assert not overdue.attempts.exists()
    assert overdue in ReferenceCheck.objects.calls().overdue()
    assert Flag.objects.holds().get().reference_check == checks["Per Holm"]
    assert checks["Maya Fields"].attempts.count() == 3


def test_the_demo_round_has_reviews_scores_and_one_disagreement_to_calibrate(seeded):

    open_round = _open_round()
    cards = ScoreCard.objects.filter(submission__engagement=open_round)
    assert cards.count() == open_round.submissions.filter(status__in=SCORED_STATUSES).count()
    assert sorted(cards.values_list("rank", flat=True)) == list(range(1, cards.count() + 1))
    assert Review.objects.filter(submission__engagement=open_round, status="submitted").exists()
    mei = cards.get(submission__consultant__email="mei@tanaka-partners.example")
    assert mei.criterion("media_vs_marketing")["needs_calibration"] is True
    best = cards.get(rank=1).submission.consultant.email
    worst = cards.order_by("-rank").first().submission.consultant.email
    assert best in STRONG
    assert worst not in STRONG


def test_seed_demo_makes_two_organisations_that_see_none_of_each_others_rounds(seeded):
    from vetting.models import Organisation, User

    northwind, bank = (Organisation.objects.get(slug=s) for s in ("northwind", "harbour-bank"))
    priya = User.objects.get(email="procurement@winnow.test")
    bea = User.objects.get(email="bank@winnow.test")

    assert set(Engagement.objects.for_user(bea).values_list("organisation", flat=True)) == {bank.pk}
    assert Engagement.objects.for_user(bea).count() == 1
    assert bank.pk not in set(
        Engagement.objects.for_user(priya).values_list("organisation", flat=True)
    )
    assert set(northwind.memberships.values_list("user__email", "role")) == {
        ("procurement@winnow.test", "admin"),
        ("manager@winnow.test", "manager"),
    }


def test_seed_demo_fills_the_vendor_register_with_one_vendor_of_each_status(seeded):
    from vetting.models import VendorEntry

    statuses = sorted(VendorEntry.objects.with_status().values_list("status", flat=True))
    assert statuses == ["active", "due", "expired"]
    call_command("seed_demo", stdout=StringIO())
    assert VendorEntry.objects.count() == 3


def test_seeded_history_gives_one_benchmark_a_rate_and_another_too_few(seeded):
    from vetting.selectors.benchmarks import organisation_claim_benchmarks

    owner = User.objects.get(email="procurement@winnow.test")
    benchmarks = organisation_claim_benchmarks(owner, _open_round().organisation)

    assert any(cell.norm.shown for cell in benchmarks.cells)
    assert any(0 < cell.norm.n < benchmarks.min_sample for cell in benchmarks.cells)
