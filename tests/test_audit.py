"""The engagement's audit trail: who did what and when, from the recorded history, for the
engagement's owner, its reviewers and staff only (who may open it is in
tests/permission_matrix.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from tests.factories import (
    EngagementFactory,
    UserFactory,
    complete_answers,
    consultant_user,
    offer_references,
    submitted_review,
)
from vetting.audit import KINDS, AnswerSave, Entry, answer_runs, engagement_audit
from vetting.i18n import criterion_words
from vetting.models import (
    Answer,
    CallOutcome,
    Channel,
    Engagement,
    EngagementStatus,
    Outcome,
    Questionnaire,
    Submission,
    User,
)
from vetting.roles import Role
from vetting.scoring.rubric import CRITERIA_BY_KEY, DEFAULT_WEIGHTS
from vetting.services import (
    answer_save,
    call_claim,
    call_close_unreachable,
    call_log_attempt,
    call_record,
    call_review_notes,
    check_set_channel,
    clarification_accept,
    clarification_ask,
    clarification_reply,
    comment_post,
    conflict_override,
    consensus_set,
    decision_record,
    engagement_close,
    engagement_create,
    engagement_open,
    engagement_update,
    flag_clear,
    invite_existing,
    referee_submit,
    review_declare_conflict,
    review_for,
    submission_submit,
    submission_withdraw,
)
from vetting.services.approvals import approval_route_set

OK = 200
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


def open_round(owner: User, reviewer: User) -> Engagement:
    """An engagement created, reweighted and opened through the services."""
    engagement, _ = engagement_create(
        owner=owner,
        data={
            "title": "Community building for Ledgerly",
            "target_market": "Finance teams at UK software companies.",
            "goals": "Two hundred demo requests a quarter.",
            "timing": "Start in March.",
            "questionnaire": Questionnaire.objects.default(),
            "deadline": timezone.now() + timedelta(days=10),
        },
        reviewers=[reviewer],
    )
    weights = dict(DEFAULT_WEIGHTS)
    weights["experience_social"] += 5
    weights["references"] -= 5
    engagement_update(
        engagement=engagement,
        by=owner,
        data={"weights": weights},
        reviewers=[reviewer],
        expected_version=None,
    )
    return engagement_open(engagement=engagement, by=owner)


def take_part(
    engagement: Engagement,
    consultant: User,
    *,
    reviewer: User,
    manager: User,
    ip: str,
    emails: Callable[..., Any],
) -> Submission:
    """One consultant through the whole round: invited, answers, submits with two
    references; a review; one referee answers (would not hire again: a flag a manager
    clears), the other is called; the owner shortlists. `emails` is pytest-django's
    django_capture_on_commit_callbacks: the invitation and requests go out on the way."""
    owner = engagement.owner
    with emails(execute=True):
        submission = invite_existing(
            engagement=engagement, by=owner, consultant=consultant.consultant
        )
    complete_answers(submission, consultant)
    offer_references(submission, consultant, count=2)
    with emails(execute=True):
        submission = submission_submit(submission=submission, by=consultant)
    submitted_review(submission, reviewer)
    # The reviewer comments internally, mentioning the owner (the trail says who and where).
    comment_post(target=submission, by=reviewer, body=f"@{owner.email} the B2B claim holds.")
    # The reviewer asks to clarify an answer; the consultant replies; the reviewer accepts.
    with emails(execute=True):
        clarification = clarification_ask(
            submission=submission, by=reviewer, subject="first_steps", text="Who, exactly?"
        )
        clarification_reply(clarification=clarification, by=consultant, text="Your team.")
        clarification_accept(clarification=clarification, by=reviewer)
    web, phone = submission.reference_checks.order_by("pk")
    data = {**AGREEING, "would_hire_again": "no"}
    referee_submit(
        check=web,
        data=data,
        ip=ip,
        user_agent="Firefox",
        opened_at=timezone.now() - timedelta(minutes=4),  # a referee who took their time
    )
    flag_clear(flag=web.flags.get(), by=manager, note="Spoke to them: a budget dispute.")
    check_set_channel(check=phone, by=owner, channel=Channel.PHONE)
    call_claim(check=phone, by=manager)
    call_log_attempt(check=phone, by=manager, outcome=CallOutcome.NO_ANSWER)
    call_record(check=phone, by=manager, data=AGREEING, notes="Warm, specific, credible.")
    call_review_notes(check=phone, by=owner, comment="Read, thank you.")
    decision_record(
        submission=submission,
        by=owner,
        outcome=Outcome.SHORTLIST,
        rationale="Strong answers and references.",
        approver=manager,
    )
    return submission


@pytest.fixture
def round_(
    owner: User,
    reviewer: User,
    manager: User,
    consultant: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Submission:
    """A whole round with one consultant, closed and decided, with the emails sent."""
    with django_capture_on_commit_callbacks(execute=True):
        engagement = open_round(owner, reviewer)
    # The owner tries an approval route, then takes it off before deciding.
    approval_route_set(engagement=engagement, by=owner, steps=[("Budget holder", manager)])
    approval_route_set(engagement=engagement, by=owner, steps=[])
    submission = take_part(
        engagement,
        consultant,
        reviewer=reviewer,
        manager=manager,
        ip="198.51.100.1",
        emails=django_capture_on_commit_callbacks,
    )
    # The owner selects the shortlisted consultant: they enter the vendor register.
    decision_record(
        submission=submission,
        by=owner,
        outcome=Outcome.SELECT,
        rationale="Confirmed by both references.",
        approver=manager,
    )
    # ... and releases their score to them (vetting/services/profiles.py).
    from vetting.services.profiles import score_release

    score_release(submission=submission, by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        engagement_close(engagement=engagement, by=owner)
    return submission


def sentences(entries: list[Entry]) -> list[str]:
    return [entry.sentence for entry in entries]


# What the trail says


def test_the_trail_tells_each_step_of_a_round_in_plain_words(round_, owner, reviewer, manager):
    web, phone = round_.reference_checks.order_by("pk")
    o, r, m = owner.display_name, reviewer.display_name, manager.display_name

    trail = sentences(engagement_audit(round_.engagement).entries)

    expected = [
        f"{o} created the engagement; added {r} as reviewer.",
        f"{o} invited Clara Okafor.",
        f"{o} opened the engagement.",
        "System emailed the invitation to Clara Okafor.",
        "Clara Okafor started answering.",
        "Clara Okafor edited 7 answers.",
        "Clara Okafor submitted the self-assessment.",
        f"{o} requested a reference check of {web.referee_name} for Clara Okafor by web form.",
        f"System emailed the reference request to {web.referee_name}.",
        f"{r} declared no conflict of interest reviewing Clara Okafor.",
        f"{r} submitted a review of Clara Okafor.",
        f"{r} commented on Clara Okafor.",
        f"Referee {web.referee_name} answered the reference form for Clara Okafor.",
        f"System raised a high discrepancy on Clara Okafor's reference {web.referee_name}.",
        f"{m} cleared a high discrepancy on Clara Okafor's reference {web.referee_name}.",
        f"{o} switched the check of {phone.referee_name} to phone call.",
        f"{m} claimed the call to {phone.referee_name}.",
        f"{m} logged a call attempt to {phone.referee_name}: no answer.",
        f"{m} recorded the call with {phone.referee_name} for Clara Okafor.",
        f"{o} reviewed the notes of the call with {phone.referee_name}.",
        f"{o} shortlisted Clara Okafor, approved by {m}.",
        f"{o} closed the engagement.",
        f"{o} completed the decisions: the engagement is decided.",
    ]
    for sentence in expected:
        assert sentence in trail
    social, references = CRITERIA_BY_KEY["experience_social"], CRITERIA_BY_KEY["references"]
    assert (
        f"{o} changed the criterion weights ({social.label} {social.default_weight}% → "
        f"{social.default_weight + 5}%, {references.label} {references.default_weight}% → "
        f"{references.default_weight - 5}%)."
    ) in trail


def test_the_newest_entry_comes_first(round_):
    entries = engagement_audit(round_.engagement).entries

    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    assert entries[0].kind == "settings"  # closed and decided, last of all
    assert entries[-1].sentence.endswith("created the engagement; added Rae Viewer as reviewer.")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_in_the_trail_and_filters_alone(round_, kind):
    trail = engagement_audit(round_.engagement)

    chosen = trail.filtered(kind=kind)

    assert chosen
    assert {entry.kind for entry in chosen} == {kind}


def test_each_entry_links_to_its_object(round_):
    web, _ = round_.reference_checks.order_by("pk")
    trail = engagement_audit(round_.engagement)

    links = {entry.kind: entry.url for entry in trail.entries}

    assert links["settings"] == reverse("engagements:detail", args=[round_.engagement_id])
    assert links["answer"] == reverse("submissions:read", args=[round_.pk])
    assert links["decision"] == reverse("submissions:read", args=[round_.pk])
    flag_link = next(e.url for e in trail.entries if e.kind == "flag")
    assert flag_link == reverse("checks:detail", args=[web.pk])


def test_reviews_stay_blind_in_the_trail(round_, reviewer):
    """The trail says a review was submitted, never its ratings or recommendation."""
    reviews = engagement_audit(round_.engagement).filtered(kind="review")

    assert all("yes" not in e.sentence.lower().split() for e in reviews)
    assert all("4" not in e.sentence for e in reviews)


def test_filtering_by_person_keeps_only_what_they_did(round_, reviewer, manager):
    trail = engagement_audit(round_.engagement)

    by_reviewer = trail.filtered(person=str(reviewer.pk))
    by_referee = trail.filtered(person="referee")

    first_steps = (
        "“What would you do first for us, and who would do the day-to-day community work?”"
    )
    assert sentences(by_reviewer) == [
        f"Rae Viewer accepted the reply to the clarification on {first_steps} of Clara Okafor: "
        "it counts in the score.",
        f"Rae Viewer asked for a clarification on {first_steps} of Clara Okafor.",
        "Rae Viewer commented on Clara Okafor.",
        "Rae Viewer submitted a review of Clara Okafor.",
        "Rae Viewer declared no conflict of interest reviewing Clara Okafor.",
    ]
    assert [e.who for e in by_referee] == ["Referee"]
    assert (str(manager.pk), manager.display_name) in trail.people
    assert trail.people[-2:] == [("referee", "Referee"), ("system", "System")]


def test_filtering_by_person_and_kind_together(round_, manager):
    trail = engagement_audit(round_.engagement)

    calls = trail.filtered(person=str(manager.pk), kind="reference")

    assert len(calls) == 4  # claimed, attempt, reached (logged by recording), recorded
    assert all(e.who == manager.display_name for e in calls)


def test_withdrawing_cancels_the_checks_and_says_so(
    owner, reviewer, manager, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = open_round(owner, reviewer)
        submission = invite_existing(
            engagement=engagement, by=owner, consultant=consultant.consultant
        )
        complete_answers(submission, consultant)
        offer_references(submission, consultant, count=2)
        submission = submission_submit(submission=submission, by=consultant)
        submission_withdraw(submission=submission, by=consultant)

    trail = sentences(engagement_audit(engagement).entries)

    assert "Clara Okafor withdrew the self-assessment." in trail
    for check in submission.reference_checks.all():
        assert f"System cancelled the check of {check.referee_name}: Clara Okafor withdrew." in (
            trail
        )


def test_a_call_closed_as_unreachable_shows_every_attempt(owner, reviewer, manager, consultant):
    engagement = open_round(owner, reviewer)
    submission = invite_existing(engagement=engagement, by=owner, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    offer_references(submission, consultant, count=2)
    submission = submission_submit(submission=submission, by=consultant)
    check = submission.reference_checks.earliest("pk")
    check_set_channel(check=check, by=owner, channel=Channel.PHONE)
    call_claim(check=check, by=manager)
    for outcome in (CallOutcome.NO_ANSWER, CallOutcome.VOICEMAIL, CallOutcome.WRONG_NUMBER):
        call_log_attempt(check=check, by=manager, outcome=outcome, note="Tried the mobile.")
    call_close_unreachable(check=check, by=manager)

    calls = engagement_audit(engagement).filtered(person=str(manager.pk))

    assert sentences(calls) == [
        f"{manager.display_name} closed the call to {check.referee_name} as unreachable.",
        f"{manager.display_name} logged a call attempt to {check.referee_name}: wrong number.",
        f"{manager.display_name} logged a call attempt to {check.referee_name}: voicemail.",
        f"{manager.display_name} logged a call attempt to {check.referee_name}: no answer.",
        f"{manager.display_name} claimed the call to {check.referee_name}.",
    ]
    assert calls[1].detail == "Tried the mobile."


def test_conflicts_overrides_consensus_and_changed_decisions_are_told(
    round_, owner, django_capture_on_commit_callbacks
):
    second = UserFactory(
        email="second@example.com", first_name="Sam", last_name="Second", role=Role.MANAGER
    )
    round_.engagement.reviewers.add(second)
    review = review_for(submission=round_, reviewer=second)
    with django_capture_on_commit_callbacks(execute=True):
        review = review_declare_conflict(
            review=review, by=second, has_conflict=True, note="I worked with Clara in 2022."
        )
        conflict_override(review=review, by=owner, reason="Two years ago, different employer.")
        consensus_set(
            submission=round_, by=owner, criterion="references", rating=3, reason="Panel call."
        )
        decision_record(
            submission=round_, by=owner, outcome=Outcome.REJECT, rationale="Budget cut."
        )
    o = owner.display_name

    trail = engagement_audit(round_.engagement).filtered(kind="review")
    decisions = engagement_audit(round_.engagement).filtered(kind="decision")

    assert sentences(trail)[:3] == [
        f"{o} recorded the panel's consensus on {CRITERIA_BY_KEY['references'].label} for "
        "Clara Okafor.",
        f"{o} let Sam Second's review of Clara Okafor count despite the declared conflict.",
        "Sam Second declared a conflict of interest reviewing Clara Okafor.",
    ]
    assert "2022" not in " ".join(e.sentence + e.detail for e in trail)  # the note stays private
    assert decisions[0].sentence == (
        f"{o} changed the decision on Clara Okafor from selected to rejected, approved by {o}."
    )
    assert decisions[0].detail == "Budget cut."


# Answer autosaves


def _save(submission_id: int, answer_id: int, minutes: float, who: str = "7") -> AnswerSave:
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    return AnswerSave(submission_id, answer_id, who, start + timedelta(minutes=minutes))


def test_saves_within_ten_minutes_of_each_other_are_one_run():
    saves = [_save(1, 10, 0), _save(1, 11, 4), _save(1, 10, 13), _save(1, 12, 22.5)]

    runs = answer_runs(saves)

    assert [[s.answer_id for s in run] for run in runs] == [[10, 11, 10, 12]]


def test_a_pause_of_more_than_ten_minutes_starts_a_new_run():
    saves = [_save(1, 10, 0), _save(1, 11, 5), _save(1, 12, 15.5)]

    runs = answer_runs(saves)

    assert [[s.answer_id for s in run] for run in runs] == [[10, 11], [12]]


def test_runs_are_per_submission_and_per_person():
    saves = [
        _save(1, 10, 0),
        _save(2, 20, 1),  # another submission in between does not break the run
        _save(1, 11, 2),
        _save(1, 12, 3, who="8"),  # someone else: a new run
        _save(1, 13, 4),
    ]

    runs = answer_runs(saves)

    assert [[s.answer_id for s in run] for run in runs] == [[10, 11], [20], [12], [13]]


def test_autosaves_become_edited_n_answers_entries(owner, reviewer, consultant):
    engagement = open_round(owner, reviewer)
    submission = invite_existing(engagement=engagement, by=owner, consultant=consultant.consultant)
    questions = list(engagement.questionnaire.questions.order_by("position"))
    typed = [questions[0], questions[3], questions[0], questions[4], questions[5]]
    for question in typed:
        answer_save(submission=submission, by=consultant, question=question, raw="Typing…")
    # The saves happened at 9:00, 9:03, 9:06, 9:09 and, after a break, 9:40.
    start = timezone.now() - timedelta(hours=2)
    rows = Answer.history.filter(submission_id=submission.pk).order_by("history_id")
    for minutes, row in zip([0, 3, 6, 9, 40], rows, strict=True):
        Answer.history.filter(history_id=row.history_id).update(
            history_date=start + timedelta(minutes=minutes)
        )

    entries = engagement_audit(engagement).filtered(kind="answer")

    assert sentences(entries) == ["Clara Okafor edited 1 answer.", "Clara Okafor edited 3 answers."]
    assert entries[1].since == start
    assert entries[1].when == start + timedelta(minutes=9)
    assert entries[1].detail == "4 saves"


# The page


@pytest.fixture
def engagement(owner: User, reviewer: User, consultant: User) -> Engagement:
    round_ = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    round_.reviewers.add(reviewer)
    invite_existing(engagement=round_, by=owner, consultant=consultant.consultant)
    return round_


def test_the_engagement_page_links_to_the_trail(client, owner, engagement):
    client.force_login(owner)

    response = client.get(reverse("engagements:detail", args=[engagement.pk]))

    assert reverse("engagements:audit", args=[engagement.pk]) in response.text
    assert "Audit trail" in response.text


def test_the_page_filters_by_person_and_kind_from_the_url(client, owner, reviewer, engagement):
    client.force_login(owner)
    url = reverse("engagements:audit", args=[engagement.pk])

    everything = client.get(url)
    invitations = client.get(url, {"kind": "invitation", "person": str(owner.pk)})
    nobody = client.get(url, {"kind": "decision"})

    assert f"{owner.display_name}</strong> invited Clara Okafor." in everything.text
    assert f'<option value="{owner.pk}"' in everything.text
    assert [e.kind for e in invitations.context["page"]] == ["invitation"]
    assert f'<option value="{owner.pk}" selected>' in invitations.text
    assert "Nothing recorded for these filters." in nobody.text


def test_an_unknown_person_or_kind_in_an_old_link_shows_everything(client, owner, engagement):
    client.force_login(owner)

    response = client.get(
        reverse("engagements:audit", args=[engagement.pk]), {"person": "999", "kind": "x"}
    )

    assert response.status_code == OK
    # Created with its reviewer (one entry), and Clara Okafor invited.
    assert len(response.context["page"].object_list) == 2


def test_htmx_swaps_in_the_entries_alone(client, owner, engagement):
    client.force_login(owner)

    url = reverse("engagements:audit", args=[engagement.pk])

    response = client.get(url, {"kind": "settings"}, HTTP_HX_REQUEST="true")

    assert 'data-testid="audit"' in response.text
    assert "<html" not in response.text
    assert response["Vary"].count("HX-Request") == 1


def test_the_trail_is_paged_fifty_entries_at_a_time(
    client, owner, reviewer, manager, django_capture_on_commit_callbacks
):
    engagement = open_round(owner, reviewer)
    for n in range(3):
        take_part(
            engagement,
            consultant_user(email=f"c{n}@example.com"),
            reviewer=reviewer,
            manager=manager,
            ip=f"198.51.100.{n + 10}",
            emails=django_capture_on_commit_callbacks,
        )
    client.force_login(owner)
    url = reverse("engagements:audit", args=[engagement.pk])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count > 50
    assert "page=2" in first.text
    assert second.context["page"].number == 2


def test_the_page_costs_the_same_queries_with_a_small_or_a_large_history(
    client, owner, reviewer, manager, django_capture_on_commit_callbacks
):
    engagement = open_round(owner, reviewer)
    take_part(
        engagement,
        consultant_user(email="first@example.com"),
        reviewer=reviewer,
        manager=manager,
        ip="198.51.100.1",
        emails=django_capture_on_commit_callbacks,
    )
    client.force_login(owner)
    url = reverse("engagements:audit", args=[engagement.pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == OK
    for n in range(12):
        take_part(
            engagement,
            consultant_user(email=f"c{n}@example.com"),
            reviewer=reviewer,
            manager=manager,
            ip=f"198.51.100.{n + 10}",
            emails=django_capture_on_commit_callbacks,
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)

    assert response.context["page"].paginator.count > 200
    # user, the engagement, its reviewers, then the history: the engagement, its
    # reviewers per version, submissions, reference checks, invitations, answers, reviews,
    # consensus ratings, call attempts, flags, decisions, the approval route, approvals and
    # their steps, comments, the vendor register, re-vetting rounds (two), clarification
    # requests and replies, scores released to consultants; last the user's groups (menu)
    assert len(small) == len(large) == 25


# The trail in the reader's language

# Words of the English sentences that a German or Spanish reader's trail must not show (the
# details under a sentence, typed by people or written by the scoring rules, stay as written).
ENGLISH_WORDS = (
    "invited",
    "edited",
    "answers",
    "changed",
    "moved",
    "deadline",
    "added",
    "reviewer",
    "submitted",
    "emailed",
    "requested",
    "declared",
    "commented",
    "raised",
    "cleared",
    "switched",
    "claimed",
    "logged",
    "recorded",
    "shortlisted",
    "approved",
    "opened",
    "created",
    "started",
    "accepted",
    "engagement",
    "weights",
    "discrepancy",
    "reference",
    "clarification",
    "call",
    "the",
    "and",
    "of",
    "for",
    "by",
    "Referee",
)


@pytest.fixture
def moved_round(
    owner: User,
    reviewer: User,
    manager: User,
    consultant: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Engagement:
    """A round whose owner moved the deadline once it was open, then one consultant's
    whole way through it (invited, answers, review, clarification, references, flag,
    shortlist)."""
    with django_capture_on_commit_callbacks(execute=True):
        engagement = open_round(owner, reviewer)
    engagement.refresh_from_db()
    engagement_update(
        engagement=engagement,
        by=owner,
        data={"deadline": engagement.deadline + timedelta(days=7)},
        reviewers=[reviewer],
        expected_version=None,
    )
    take_part(
        engagement,
        consultant,
        reviewer=reviewer,
        manager=manager,
        ip="198.51.100.1",
        emails=django_capture_on_commit_callbacks,
    )
    engagement.refresh_from_db()
    return engagement


def trail_sentences(client, user: User, engagement: Engagement, language: str) -> list[str]:
    """The sentences on the trail's page (every page of it) as `user` reads it with
    `language` on their account: plain text, without the details under them."""
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    url = reverse("engagements:audit", args=[engagement.pk])
    found, number = [], 1
    while True:
        page = client.get(url, {"page": number})
        assert page.status_code == OK
        rows = re.findall(r"<tr>\s*<td[^>]*>.*?</td>\s*<td>(.*?)(?:<div|</td>)", page.text, re.S)
        found += [html.unescape(re.sub(r"<[^>]+>", "", row)).strip() for row in rows]
        if f"page={number + 1}" not in page.text:
            return found
        number += 1


def english_words(trail: list[str]) -> list[tuple[str, str]]:
    return [
        (word, sentence)
        for sentence in trail
        for word in ENGLISH_WORDS
        if re.search(rf"\b{word}\b", sentence)
    ]


def test_a_german_reader_reads_every_sentence_of_the_trail_in_german(
    client, moved_round, owner, reviewer, manager
):
    o, r, m = owner.display_name, reviewer.display_name, manager.display_name
    with translation.override("de"):
        deadline = date_format(timezone.localtime(moved_round.deadline), "DATETIME_FORMAT")
        social = criterion_words(CRITERIA_BY_KEY["experience_social"])[0]

    trail = trail_sentences(client, owner, moved_round, "de")

    for sentence in (
        f"{o} hat die Runde angelegt; {r} als Gutachter hinzugefügt.",
        f"{o} hat Clara Okafor eingeladen.",
        f"{o} hat die Runde eröffnet.",
        f"{o} hat die Frist auf {deadline} verschoben.",
        "System hat die Einladung an Clara Okafor per E-Mail gesendet.",
        "Clara Okafor hat 7 Antworten bearbeitet.",
        "Clara Okafor hat die Selbstauskunft eingereicht.",
        f"{r} hat bei der Begutachtung von Clara Okafor keinen Interessenkonflikt erklärt.",
        f"{r} hat ein Gutachten zu Clara Okafor eingereicht.",
        f"{o} hat Clara Okafor in die Vorauswahl aufgenommen, freigegeben von {m}.",
    ):
        assert sentence in trail, trail
    weights = f"{o} hat die Gewichtung der Kriterien geändert ({social} 10 % → 15 %, "
    assert any(s.startswith(weights) for s in trail), trail
    assert "Dezember" in deadline or "." in deadline  # "22. Dezember 2026, 14:30"
    assert not english_words(trail)


def test_a_spanish_reader_reads_every_sentence_of_the_trail_in_spanish(
    client, moved_round, owner, reviewer, manager
):
    o, r, m = owner.display_name, reviewer.display_name, manager.display_name
    with translation.override("es"):
        deadline = date_format(timezone.localtime(moved_round.deadline), "DATETIME_FORMAT")
        social = criterion_words(CRITERIA_BY_KEY["experience_social"])[0]

    trail = trail_sentences(client, owner, moved_round, "es")

    for sentence in (
        f"{o} creó la ronda; añadió a {r} como evaluador.",
        f"{o} invitó a Clara Okafor.",
        f"{o} abrió la ronda.",
        f"{o} trasladó el plazo al {deadline}.",
        "Sistema envió la invitación a Clara Okafor por correo.",
        "Clara Okafor editó 7 respuestas.",
        "Clara Okafor envió la autoevaluación.",
        f"{r} declaró no tener conflicto de intereses al evaluar a Clara Okafor.",
        f"{r} envió una evaluación de Clara Okafor.",
        f"{o} preseleccionó a Clara Okafor, con la aprobación de {m}.",
    ):
        assert sentence in trail, trail
    weights = f"{o} cambió los pesos de los criterios ({social} 10 % → 15 %, "
    assert any(s.startswith(weights) for s in trail), trail
    assert " de " in deadline  # "22 de diciembre de 2026, 14:30"
    assert not english_words(trail)


def test_an_english_readers_trail_is_as_it_was(client, moved_round, owner, reviewer):
    """English is the source: the sentences as before, the actor in bold before the rest."""
    o, r = owner.display_name, reviewer.display_name

    trail = trail_sentences(client, owner, moved_round, "en-gb")
    page = client.get(reverse("engagements:audit", args=[moved_round.pk])).text

    entries = engagement_audit(moved_round).entries
    assert trail == sentences(entries)
    for entry in entries[:50]:  # the first page
        assert f"<strong>{escape(entry.who)}</strong> {escape(entry.action)}." in page
    for sentence in (
        f"{o} created the engagement; added {r} as reviewer.",
        f"{o} invited Clara Okafor.",
        "Clara Okafor edited 7 answers.",
        f"{r} submitted a review of Clara Okafor.",
    ):
        assert sentence in trail
    deadline = date_format(timezone.localtime(moved_round.deadline), "DATETIME_FORMAT")
    assert f"{o} moved the deadline to {deadline}." in trail  # "22 December 2026, 14:30"


def test_the_same_history_reads_in_whichever_language_the_trail_is_built_in(moved_round):
    """Nothing is kept from one reader to the next: each build speaks the language active
    then (the page builds the trail on every request)."""
    with translation.override("de"):
        german = sentences(engagement_audit(moved_round).entries)
    english = sentences(engagement_audit(moved_round).entries)
    with translation.override("es"):
        spanish = sentences(engagement_audit(moved_round).entries)

    assert len(german) == len(english) == len(spanish)
    assert "Clara Okafor hat 7 Antworten bearbeitet." in german
    assert "Clara Okafor edited 7 answers." in english
    assert "Clara Okafor editó 7 respuestas." in spanish
