"""Clarification requests: a panel member asks, the consultant is emailed and replies beside
the locked answer (revising until accepted), the asker accepts or follows up, the accepted
reply counts in the score with its reason on the card; who sees and does what; reminders;
the blind rule; the pages' query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
    submitted_with_checks,
)
from vetting.audit import engagement_audit
from vetting.concurrency import StaleVersionError
from vetting.models import (
    Answer,
    Clarification,
    ClarificationReply,
    ClarificationStatus,
    EngagementStatus,
    ReviewRating,
    ScoreCard,
    Submission,
    User,
)
from vetting.notifications import send_clarification_reminders
from vetting.roles import Role
from vetting.services import (
    ServiceError,
    clarification_accept,
    clarification_ask,
    clarification_follow_up,
    clarification_reply,
    clarification_withdraw,
    scorecards_recompute,
)

pytestmark = pytest.mark.django_db

UNCLEAR = "We post on every platform every day and grow followers fast for all our clients."
ASKED = "What is the difference between social media and social marketing, for us?"
# A reply that draws the distinction the question exists for, and names signs of the real
# thing (the buyer's market first, listening, the buyer's own people).
CLEAR = (
    "Social media is the channel where people connect; social marketing is the plan that "
    "uses it to deliver value to your target market and, later, a message: for Ledgerly, "
    "finance leads who ask for a demo. We start by listening to what your customers say, "
    "and your own support team answers the community."
)


@pytest.fixture
def reviewer(db: None) -> User:
    return UserFactory(role=Role.MANAGER, first_name="Rhea", email="rhea@buyer.example")


@pytest.fixture
def submission(procurement: User, reviewer: User, consultant: User) -> Submission:
    """Submitted, with an unclear answer on media vs marketing; `reviewer` on the panel."""
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    submission.engagement.reviewers.add(reviewer)
    Answer.objects.filter(submission=submission, question__key="media_vs_marketing").update(
        value=UNCLEAR
    )
    scorecards_recompute([submission.pk])
    return submission


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run what it queued (emails, recomputes) once it commits."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def asked(run, submission: Submission, by: User, **kwargs) -> Clarification:
    kwargs = {"subject": "media_vs_marketing", "text": ASKED, **kwargs}
    return run(clarification_ask, submission=submission, by=by, **kwargs)


# --- Asking, replying, revising, accepting, following up -----------------------------------


def test_a_reviewer_asks_and_the_consultant_is_emailed_with_the_reply_by_date(
    run, submission, reviewer, consultant
):
    mail.outbox.clear()
    due = timezone.localdate() + timedelta(days=4)

    clarification = asked(run, submission, reviewer, due_on=due)

    assert clarification.status == ClarificationStatus.OPEN
    assert clarification.question.key == "media_vs_marketing"
    [email] = mail.outbox
    assert email.to == [consultant.email]
    assert "Rhea" in email.subject and "clarify" in email.subject
    assert ASKED in email.body
    assert due.strftime("%-d %B %Y") in email.body
    link = reverse("submissions:read", args=[submission.pk])
    assert f"{link}#clarification-{clarification.pk}" in email.body
    html = email.alternatives[0][0]
    assert "Reply to the request" in html


def test_the_consultant_replies_revises_and_the_asker_is_emailed_each_time(
    run, submission, reviewer, consultant
):
    clarification = asked(run, submission, reviewer)
    mail.outbox.clear()

    first = run(
        clarification_reply, clarification=clarification, by=consultant, text="First.", version=0
    )
    revised = run(
        clarification_reply,
        clarification=clarification,
        by=consultant,
        text="Better.",
        version=first.version,
    )

    assert revised.pk == first.pk and revised.version == 2
    assert [h.text for h in revised.history.order_by("history_id")] == ["First.", "Better."]
    clarification.refresh_from_db()
    assert clarification.status == ClarificationStatus.ANSWERED
    assert [m.to for m in mail.outbox] == [[reviewer.email], [reviewer.email]]
    assert "replied" in mail.outbox[0].subject and "revised" in mail.outbox[1].subject
    assert "Better." in mail.outbox[1].body
    # The submitted answer never changed.
    answer = Answer.objects.get(submission=submission, question__key="media_vs_marketing")
    assert answer.value == UNCLEAR


def test_a_revision_from_a_stale_page_is_refused(run, submission, reviewer, consultant):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="One.", version=0)

    with pytest.raises(StaleVersionError):
        clarification_reply(clarification=clarification, by=consultant, text="Two.", version=0)


def test_accepting_locks_the_reply(run, submission, reviewer, consultant):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="Done.", version=0)

    run(clarification_accept, clarification=clarification, by=reviewer)

    with pytest.raises(ServiceError, match="accepted"):
        clarification_reply(clarification=clarification, by=consultant, text="Later.")
    assert ClarificationReply.objects.get().text == "Done."


def test_an_accept_from_a_page_that_showed_an_earlier_reply_is_refused(
    run, submission, reviewer, consultant
):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="One.", version=0)
    seen = Clarification.objects.get().version
    run(clarification_reply, clarification=clarification, by=consultant, text="Two.", version=1)

    with pytest.raises(StaleVersionError):
        clarification_accept(clarification=clarification, by=reviewer, version=seen)


def test_a_follow_up_continues_the_thread_and_emails_the_consultant(
    run, submission, reviewer, consultant
):
    first = asked(run, submission, reviewer)
    run(clarification_reply, clarification=first, by=consultant, text="Vague.", version=0)
    mail.outbox.clear()

    second = run(
        clarification_follow_up, clarification=first, by=reviewer, text="Which market, exactly?"
    )

    first.refresh_from_db()
    assert first.status == ClarificationStatus.FOLLOW_UP
    assert second.follow_up_of == first and second.thread_id == first.pk
    assert second.question == first.question and second.status == ClarificationStatus.OPEN
    assert [m.to for m in mail.outbox] == [[consultant.email]]
    assert "Which market, exactly?" in mail.outbox[0].body
    with pytest.raises(ServiceError, match="follow-up"):
        clarification_reply(clarification=first, by=consultant, text="More.")


def test_the_owner_settles_a_reviewers_request_but_another_reviewer_cannot(
    run, submission, procurement, reviewer, consultant
):
    colleague = UserFactory(role=Role.PROCUREMENT)
    submission.engagement.reviewers.add(colleague)
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="Yes.", version=0)

    with pytest.raises(PermissionDenied):
        clarification_accept(clarification=clarification, by=colleague)
    accepted = run(clarification_accept, clarification=clarification, by=procurement)

    assert accepted.status == ClarificationStatus.ACCEPTED and accepted.settled_by == procurement


def test_a_request_with_no_reply_cannot_be_accepted_but_can_be_withdrawn(run, submission, reviewer):
    clarification = asked(run, submission, reviewer)

    with pytest.raises(ServiceError, match="not replied"):
        clarification_accept(clarification=clarification, by=reviewer)
    withdrawn = run(clarification_withdraw, clarification=clarification, by=reviewer)

    assert withdrawn.status == ClarificationStatus.WITHDRAWN


def test_a_consultant_cannot_ask_nor_reply_to_another_consultants_request(
    run, submission, reviewer, consultant, other_consultant
):
    with pytest.raises(PermissionDenied):
        clarification_ask(submission=submission, by=consultant, subject="first_steps", text="?")
    clarification = asked(run, submission, reviewer)
    with pytest.raises(PermissionDenied):
        clarification_reply(clarification=clarification, by=other_consultant, text="Me!")


def test_a_panel_member_cannot_reply_for_the_consultant(run, submission, reviewer):
    clarification = asked(run, submission, reviewer)

    with pytest.raises(PermissionDenied):
        clarification_reply(clarification=clarification, by=reviewer, text="On their behalf.")


@pytest.mark.parametrize(
    ("subject", "message"),
    [("no_such_question", "question"), ("reference:999999", "reference")],
)
def test_asking_about_something_not_in_the_submission_is_refused(
    submission, reviewer, subject, message
):
    with pytest.raises(ServiceError, match=message):
        clarification_ask(submission=submission, by=reviewer, subject=subject, text=ASKED)


def test_asking_needs_a_question_and_a_date_to_come(submission, reviewer):
    with pytest.raises(ServiceError, match="Write your question"):
        clarification_ask(submission=submission, by=reviewer, subject="first_steps", text=" ")
    with pytest.raises(ServiceError, match="passed"):
        clarification_ask(
            submission=submission,
            by=reviewer,
            subject="first_steps",
            text=ASKED,
            due_on=timezone.localdate() - timedelta(days=1),
        )


def test_a_reference_claim_can_be_clarified(run, submission, reviewer):
    reference = submission.chosen_references.first()

    clarification = asked(run, submission, reviewer, subject=f"reference:{reference.pk}")

    assert clarification.reference == reference
    assert reference.name in clarification.subject_label


def test_the_sealed_proposal_cannot_be_asked_about_before_ones_review(run, submission, reviewer):
    with pytest.raises(PermissionDenied):
        clarification_ask(submission=submission, by=reviewer, subject="proposal", text=ASKED)
    submitted_review(submission, reviewer)

    assert asked(run, submission, reviewer, subject="proposal").about == "proposal"


def test_nothing_is_asked_of_a_draft(procurement, consultant):
    from tests.factories import SubmissionFactory

    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    draft = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)

    with pytest.raises(ServiceError, match="submitted"):
        clarification_ask(submission=draft, by=procurement, subject="first_steps", text=ASKED)


# --- The score ---------------------------------------------------------------------------


def test_an_accepted_clarification_changes_the_score_and_the_card_says_why(
    run, client, submission, reviewer, consultant, procurement
):
    before = ScoreCard.objects.get(submission=submission)
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text=CLEAR, version=0)
    # A reply alone changes nothing: it counts once accepted.
    assert ScoreCard.objects.get(submission=submission).inputs_hash == before.inputs_hash

    run(clarification_accept, clarification=clarification, by=reviewer)

    after = ScoreCard.objects.get(submission=submission)
    assert after.inputs_hash != before.inputs_hash
    assert after.media_vs_marketing > before.media_vs_marketing
    assert after.total > before.total
    client.force_login(procurement)
    html = client.get(reverse("submissions:score", args=[submission.pk])).text
    today = timezone.localdate().strftime("%-d %b")
    assert f"Clarified on {today}: “{ASKED}”" in html
    assert 'data-testid="clarified-media_vs_marketing"' in html
    # The reply's phrases are marked where the card read them.
    assert "listening to what your customers say" in _text(html, "highlight-media_vs_marketing")


def _text(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</p>', html, re.S)
    assert found, testid
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_a_withdrawn_or_unaccepted_clarification_does_not_count(
    run, submission, reviewer, consultant
):
    before = ScoreCard.objects.get(submission=submission).inputs_hash
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text=CLEAR, version=0)
    run(clarification_withdraw, clarification=clarification, by=reviewer)
    scorecards_recompute([submission.pk])

    assert ScoreCard.objects.get(submission=submission).inputs_hash == before


# --- Reminders ---------------------------------------------------------------------------


def test_reminders_go_three_days_and_one_day_before_each_once(
    run, submission, reviewer, consultant
):
    due = timezone.localdate() + timedelta(days=5)
    clarification = asked(run, submission, reviewer, due_on=due)
    mail.outbox.clear()
    due_at = clarification.due_at

    assert send_clarification_reminders(now=due_at - timedelta(days=4)) == 0
    assert send_clarification_reminders(now=due_at - timedelta(days=2, hours=23)) == 1
    assert send_clarification_reminders(now=due_at - timedelta(days=2)) == 0
    assert send_clarification_reminders(now=due_at - timedelta(hours=20)) == 1
    assert send_clarification_reminders(now=due_at - timedelta(hours=2)) == 0

    assert [m.to for m in mail.outbox] == [[consultant.email]] * 2
    assert mail.outbox[0].subject.startswith("Reminder:")
    assert mail.outbox[1].subject.startswith("Reply by tomorrow:")


def test_a_replied_request_gets_no_reminder(run, submission, reviewer, consultant):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="Done.", version=0)
    mail.outbox.clear()

    assert send_clarification_reminders(now=clarification.due_at - timedelta(hours=3)) == 0


# --- Pages -----------------------------------------------------------------------------------


def test_the_consultant_sees_the_request_with_its_deadline_and_replies_beside_the_answer(
    run, client, submission, reviewer, consultant
):
    clarification = asked(run, submission, reviewer)
    client.force_login(consultant)

    invitations = client.get(reverse("my_invitations")).text
    read = client.get(reverse("submissions:read", args=[submission.pk])).text
    response = client.post(
        reverse("submissions:clarification_reply", args=[clarification.pk]),
        {"text": "Channel versus plan.", "version": "0", "next": "/not-here/"},
    )

    assert 'data-testid="clarifications-waiting"' in invitations
    assert clarification.due_on.strftime("%-d %B %Y") in invitations
    answer = read.split('data-testid="answer-media_vs_marketing"')[1]
    assert UNCLEAR in answer.split("clarification-thread")[0]
    assert ASKED in answer and 'data-testid="clarification-reply-form"' in answer
    assert response.status_code == 302
    assert response["Location"].endswith(f"#clarification-{clarification.pk}")
    assert ClarificationReply.objects.get().text == "Channel versus plan."


def test_a_reply_with_nothing_typed_is_shown_again_with_the_reason(
    run, client, submission, reviewer, consultant
):
    clarification = asked(run, submission, reviewer)
    client.force_login(consultant)

    response = client.post(
        reverse("submissions:clarification_reply", args=[clarification.pk]),
        {"text": "", "version": "0"},
    )

    assert response.status_code == 400
    assert "Write your reply" in response.text
    assert not ClarificationReply.objects.exists()


def test_the_ask_form_keeps_what_was_typed_when_the_date_is_wrong(client, submission, reviewer):
    client.force_login(reviewer)

    response = client.post(
        reverse("submissions:clarification_ask", args=[submission.pk]),
        {"subject": "first_steps", "text": "Who does the work?", "due_on": "not a date"},
    )

    assert response.status_code == 400
    assert "Enter a date" in response.text
    assert "Who does the work?" in response.text
    assert not Clarification.objects.exists()


def test_the_reviewer_asks_from_the_page_and_accepts(run, client, submission, reviewer, consultant):
    client.force_login(reviewer)
    read = reverse("submissions:read", args=[submission.pk])
    client.post(
        reverse("submissions:clarification_ask", args=[submission.pk]),
        {"subject": "first_steps", "text": "Who does the work?", "due_on": _in(3), "next": read},
    )
    clarification = Clarification.objects.get()
    run(clarification_reply, clarification=clarification, by=consultant, text="Yours.", version=0)
    clarification.refresh_from_db()

    response = client.post(
        reverse("submissions:clarification_accept", args=[clarification.pk]),
        {"version": clarification.version, "next": read},
    )

    assert response["Location"] == f"{read}#clarification-{clarification.pk}"
    clarification.refresh_from_db()
    assert clarification.status == ClarificationStatus.ACCEPTED


def _in(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_a_peer_and_an_outsider_get_404_and_a_consultant_cannot_accept(
    run, client, submission, reviewer, consultant, other_consultant, outsider
):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="Yes.", version=0)
    list_url = reverse("submissions:clarifications", args=[submission.pk])
    accept = reverse("submissions:clarification_accept", args=[clarification.pk])

    for person in (other_consultant, outsider):
        client.force_login(person)
        assert client.get(list_url).status_code == 404
        assert client.post(accept).status_code == 404
    client.force_login(consultant)
    assert client.get(list_url).status_code == 200
    assert client.post(accept).status_code == 403


def test_a_manager_off_the_panel_sees_no_thread(run, client, submission, reviewer):
    asked(run, submission, reviewer)
    client.force_login(UserFactory(role=Role.MANAGER))

    assert (
        client.get(reverse("submissions:clarifications", args=[submission.pk])).status_code == 404
    )
    assert client.get(f"/api/v1/submissions/{submission.pk}/clarifications/").status_code == 404


# --- Blind review --------------------------------------------------------------------------


# Random per render: CSRF tokens (as tests/test_blind_review.py removes them).
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"|("X-CSRFToken": ")[^"]+"')


def _strip(html: str) -> str:
    return CSRF.sub(r"\1\2", html)


def test_a_blind_reviewer_sees_the_same_threads_whatever_the_others_rated(
    run, submission, procurement, reviewer, consultant
):
    """The reviewer has not submitted their review: the thread, the submission's page and
    the API are the same bytes whatever the owner and the other reviewer rated."""
    blind = UserFactory(role=Role.PROCUREMENT, first_name="Blake")
    submission.engagement.reviewers.add(blind)
    submitted_review(submission, reviewer, recommendation="strong_no")
    submitted_review(submission, procurement)
    first = asked(run, submission, reviewer)
    run(clarification_reply, clarification=first, by=consultant, text=CLEAR, version=0)
    run(clarification_accept, clarification=first, by=reviewer)
    asked(run, submission, blind, subject="first_steps", text="Who does the work?")
    client = Client()
    client.force_login(blind)
    urls = [
        reverse("submissions:clarifications", args=[submission.pk]),
        reverse("submissions:read", args=[submission.pk]),
        reverse("submissions:review", args=[submission.pk]),
        f"/api/v1/submissions/{submission.pk}/clarifications/",
    ]
    before = [_strip(client.get(url).content.decode()) for url in urls]

    ReviewRating.objects.filter(review__submission=submission).update(rating=1)
    submission.reviews.update(recommendation="strong_yes")
    scorecards_recompute([submission.pk])
    after = [_strip(client.get(url).content.decode()) for url in urls]

    assert after == before
    assert CLEAR in before[0] and "Who does the work?" in before[0]
    assert not re.search(r"strong.no|strong.yes|rating", before[0] + before[3], re.I)


# --- Audit trail ---------------------------------------------------------------------------


def test_the_audit_trail_says_who_asked_answered_and_accepted(
    run, submission, procurement, reviewer, consultant
):
    clarification = asked(run, submission, reviewer)
    run(clarification_reply, clarification=clarification, by=consultant, text="Yes.", version=0)
    run(clarification_accept, clarification=clarification, by=reviewer)

    entries = engagement_audit(submission.engagement).filtered(kind="clarification")

    prompt = clarification.question.prompt
    name = submission.consultant.name
    assert [(e.who, e.action) for e in reversed(entries)] == [
        (reviewer.display_name, f"asked for a clarification on “{prompt}” of {name}"),
        (consultant.display_name, f"answered the clarification on “{prompt}”"),
        (
            reviewer.display_name,
            f"accepted the reply to the clarification on “{prompt}” of {name}: it counts in "
            "the score",
        ),
    ]


# --- Query counts ------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_thread_pages_cost_the_same_queries_with_one_or_many_threads(
    run, client, submission, reviewer, consultant
):
    def ask_and_reply(subject: str) -> None:
        clarification = asked(run, submission, reviewer, subject=subject)
        run(clarification_reply, clarification=clarification, by=consultant, text="A.", version=0)

    ask_and_reply("first_steps")
    urls = [
        reverse("submissions:clarifications", args=[submission.pk]),
        reverse("submissions:read", args=[submission.pk]),
        f"/api/v1/submissions/{submission.pk}/clarifications/",
    ]
    counts = {}
    for person in (reviewer, consultant):
        client.force_login(person)
        counts[person.pk] = [_queries(client, url) for url in urls]
    for subject in ("media_vs_marketing", "business_background", "greatest_accomplishment"):
        ask_and_reply(subject)
    reference = submission.chosen_references.first()
    ask_and_reply(f"reference:{reference.pk}")

    for person in (reviewer, consultant):
        client.force_login(person)
        assert [_queries(client, url) for url in urls] == counts[person.pk]


def test_the_invitations_page_costs_the_same_queries_with_one_or_many_requests(
    run, client, procurement, consultant
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    submissions = [submitted_quickly(engagement, consultant=consultant.consultant)]
    other = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    submissions.append(submitted_quickly(other, consultant=consultant.consultant))
    asked(run, submissions[0], procurement)
    client.force_login(consultant)
    few = _queries(client, reverse("my_invitations"))
    for submission in submissions:
        for subject in ("first_steps", "business_background"):
            asked(run, submission, procurement, subject=subject)

    assert _queries(client, reverse("my_invitations")) == few


# --- API -----------------------------------------------------------------------------------


def test_the_api_asks_replies_accepts_and_refuses_a_late_revision(
    submission, reviewer, consultant, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    panel, own = APIClient(), APIClient()
    panel.force_authenticate(reviewer)
    own.force_authenticate(consultant)
    base = f"/api/v1/submissions/{submission.pk}/clarifications/"

    with django_capture_on_commit_callbacks(execute=True):
        asked_ = panel.post(base, {"subject": "media_vs_marketing", "text": ASKED}, format="json")
    pk = asked_.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        replied = own.post(
            f"/api/v1/clarifications/{pk}/reply/", {"text": CLEAR, "version": 0}, format="json"
        )
    with django_capture_on_commit_callbacks(execute=True):
        accepted = panel.post(
            f"/api/v1/clarifications/{pk}/accept/",
            {"version": replied.json()["version"]},
            format="json",
        )
    late = own.post(f"/api/v1/clarifications/{pk}/reply/", {"text": "Later."}, format="json")
    listed = own.get(base).json()

    assert asked_.status_code == 201 and asked_.json()["subject"] == "media_vs_marketing"
    assert asked_.json()["due_on"] == (timezone.localdate() + timedelta(days=5)).isoformat()
    assert replied.json()["status"] == "answered" and replied.json()["reply"]["version"] == 1
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert late.status_code == 409 and "accepted" in late.json()["detail"]
    assert [c["reply"]["text"] for c in listed] == [CLEAR]
    card = ScoreCard.objects.get(submission=submission)
    assert [c["asked"] for c in card.data["clarified"]] == [ASKED]


def test_the_api_answers_a_bad_subject_with_400(submission, reviewer):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(reviewer)

    response = client.post(
        f"/api/v1/submissions/{submission.pk}/clarifications/",
        {"subject": "nope", "text": ASKED},
        format="json",
    )

    assert response.status_code == 400 and "subject" in response.json()
