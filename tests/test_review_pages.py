"""The reviewer pages: conflicts before answers, blind reviews, autosave, the score page with
its highlighted phrases, and query counts that do not grow with rows. (Who may open them is
in tests/permission_matrix.py.)"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ALL_FOURS,
    VALID_ANSWERS,
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
    submitted_review,
    submitted_with_checks,
)
from vetting.models import EngagementStatus, Review, Submission, SubmissionStatus, User
from vetting.models.reviews import NOTE_MAX
from vetting.roles import Role
from vetting.services import (
    consensus_set,
    review_declare_conflict,
    review_for,
    review_save,
    scorecard_recompute,
)

pytestmark = pytest.mark.django_db

OK, FOUND = 200, 302


@pytest.fixture
def submission(procurement, manager, consultant) -> Submission:
    """The consultant's submission to the owner's round, reviewed by `manager`."""
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    submission.engagement.reviewers.add(manager)
    return submission


# --- Conflict first, then the answers ------------------------------------------------------


def test_the_answers_are_hidden_until_no_conflict_is_declared(client, submission, manager):
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])
    answer = VALID_ANSWERS["greatest_accomplishment"]

    first = client.get(url)
    assert "any conflict of interest?" in first.text
    assert answer not in first.text

    declared = client.post(url, {"has_conflict": "no"})
    assert declared.status_code == FOUND
    assert answer in client.get(url).text


def test_a_conflict_without_a_note_is_sent_back(client, submission, manager):
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])

    response = client.post(url, {"has_conflict": "yes", "conflict_note": ""})

    assert "Say what the conflict is" in response.text
    assert not Review.objects.filter(reviewer=manager).exists()


def _queue_status(client: Client, submission: Submission) -> str:
    """The "Your review" badge of the submission's row in the review queue."""
    html = client.get(reverse("checks:reviews")).text
    cell = re.search(rf'data-testid="my-review-{submission.pk}"><span [^>]*>([^<]*)<', html)
    assert cell, f"no row for submission {submission.pk}"
    return cell.group(1)


def test_opening_a_review_writes_nothing_and_it_stays_not_started(client, submission, manager):
    client.force_login(manager)

    opened = client.get(reverse("submissions:review", args=[submission.pk]))

    assert "any conflict of interest?" in opened.text
    assert not Review.objects.filter(submission=submission, reviewer=manager).exists()
    assert _queue_status(client, submission) == "Not started"


def test_declaring_no_conflict_starts_the_review_as_a_draft(client, submission, manager):
    client.force_login(manager)

    client.post(reverse("submissions:review", args=[submission.pk]), {"has_conflict": "no"})

    review = Review.objects.get(submission=submission, reviewer=manager)
    assert review.has_conflict is False and review.ratings.count() == 7
    assert _queue_status(client, submission) == "Draft"


def test_a_review_started_over_the_api_is_not_started_until_declared(client, submission, manager):
    review_for(submission=submission, reviewer=manager)  # POST /api/.../review/ does this
    client.force_login(manager)

    assert _queue_status(client, submission) == "Not started"
    page = client.get(reverse("submissions:review", args=[submission.pk]))
    assert "any conflict of interest?" in page.text


# --- Blind until one's own review is submitted ---------------------------------------------


def _form(review: Review, **changes: str) -> dict[str, str]:
    data = {f"rating_{key}": str(value) for key, value in ALL_FOURS.items()}
    data.update(version=str(review.version), recommendation="yes", overall_note="")
    data.update(changes)
    return data


@pytest.fixture
def declared(client, submission, manager) -> Review:
    """The reviewer, signed in, declared no conflict on the review page."""
    client.force_login(manager)
    client.post(reverse("submissions:review", args=[submission.pk]), {"has_conflict": "no"})
    return Review.objects.get(reviewer=manager)


def test_reviews_are_blind_until_the_reviewer_submits(client, submission, procurement, manager):
    submitted_review(submission, procurement, note="The owner thinks she is brilliant.")
    client.force_login(manager)
    review_url = reverse("submissions:review", args=[submission.pk])
    score_url = reverse("submissions:score", args=[submission.pk])
    client.post(review_url, {"has_conflict": "no"})

    blocked = client.get(score_url)
    assert blocked.status_code == FOUND and blocked.url == review_url
    assert "The owner thinks she is brilliant." not in client.get(review_url).text

    review = Review.objects.get(reviewer=manager)
    submitted = client.post(review_url, _form(review, submit="1"))
    assert submitted.status_code == FOUND

    assert "The owner thinks she is brilliant." in client.get(review_url).text
    assert client.get(score_url).status_code == OK


def test_declaring_a_conflict_does_not_lift_the_blindness(client, submission, procurement, manager):
    submitted_review(submission, procurement, note="The owner thinks she is brilliant.")
    client.force_login(manager)
    review_url = reverse("submissions:review", args=[submission.pk])
    client.post(review_url, {"has_conflict": "yes", "conflict_note": "Former colleague"})

    page = client.get(review_url)

    assert "The owner thinks she is brilliant." not in page.text
    assert client.get(reverse("submissions:score", args=[submission.pk])).status_code == FOUND


def test_a_draft_review_stays_private_on_the_score_page(client, submission, procurement, manager):
    review = review_declare_conflict(
        review=review_for(submission=submission, reviewer=manager), by=manager, has_conflict=False
    )
    client.force_login(manager)
    client.post(
        reverse("submissions:review", args=[submission.pk]),
        _form(review, note_references="Half-formed doubts about the references"),
        HTTP_HX_REQUEST="true",
    )
    client.force_login(procurement)

    response = client.get(reverse("submissions:score", args=[submission.pk]))

    assert "Half-formed doubts about the references" not in response.text


def test_autosave_saves_the_draft_and_says_so(client, declared):
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])

    response = client.post(
        url, _form(review, rating_references="2", recommendation=""), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == OK
    assert "Draft saved" in response.text
    assert f'value="{review.version + 1}"' in response.text  # the next version, for the form
    review.refresh_from_db()
    assert not review.is_submitted
    assert review.ratings.get(criterion="references").rating == 2


def test_a_stale_tab_is_told_and_overwrites_nothing(client, declared):
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])
    client.post(url, _form(review, rating_references="5"), HTTP_HX_REQUEST="true")

    stale = client.post(url, _form(review, rating_references="1"))

    assert stale.status_code == 409
    assert "Not saved: this review was changed in another tab or window" in stale.text
    assert review.ratings.get(criterion="references").rating == 5
    # Without JavaScript, Keep mine is a button of the page's form.
    box = stale.text.split('<div id="review-conflict"')[1]
    assert f'name="keep" value="{review.version + 1}"' in box


def test_an_autosave_never_submits_the_review(client, declared):
    """htmx sends the last focused button with the form: an autosave firing while the
    pointer is on "Submit review" must not submit past the confirmation."""
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])

    response = client.post(url, _form(review, submit="1"), HTTP_HX_REQUEST="true")

    assert "Draft saved" in response.text
    review.refresh_from_db()
    assert not review.is_submitted
    assert review.recommendation == "yes"  # the draft is saved all the same


def test_a_stale_autosave_is_told_and_overwrites_nothing(client, declared):
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])
    client.post(url, _form(review, rating_references="5"), HTTP_HX_REQUEST="true")

    stale = client.post(
        url,
        _form(review, rating_references="1", note_references="Call the second referee."),
        HTTP_HX_REQUEST="true",
    )

    assert "Not saved: this review was changed in another tab or window" in stale.text
    assert review.ratings.get(criterion="references").rating == 5
    box = stale.text.split('<div id="review-conflict"')[1]
    assert 'hx-swap-oob="true"' in box.split(">")[0]
    rows = box.split("<tbody>")[1].split("</tbody>")[0]
    assert "References: rating" in rows and ">5<" in rows and ">1<" in rows
    assert "References: note" in rows and "Call the second referee." in rows
    assert "Experience" not in rows  # only what differs
    assert ">Keep mine</button>" in box and "Use the saved one</a>" in box
    assert 'id="review-version"' not in stale.text  # later autosaves stay refused


def test_keep_mine_saves_this_tabs_review_over_the_other_one(client, declared):
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])
    client.post(url, _form(review, rating_references="5"), HTTP_HX_REQUEST="true")

    kept = client.post(
        url,
        _form(review, rating_references="1", keep=str(review.version + 1)),
        HTTP_HX_REQUEST="true",
    )

    assert "Draft saved" in kept.text and "replaced the other one" in kept.text
    assert f'value="{review.version + 2}"' in kept.text
    assert review.ratings.get(criterion="references").rating == 1
    box = kept.text.split('<div id="review-conflict"')[1].split("</div>")[0]
    assert "Keep mine" not in box


def test_a_failed_autosave_names_the_field_at_fault(client, declared):
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])

    refused = client.post(
        url, _form(review, note_references="x" * (NOTE_MAX + 1)), HTTP_HX_REQUEST="true"
    )

    assert "Not saved: Note on references: 1 character too long: the limit is" in refused.text
    assert review.ratings.get(criterion="references").note == ""


# --- Submitting an incomplete review -------------------------------------------------------


@pytest.fixture
def incomplete(client, declared) -> tuple[Review, object]:
    """The reviewer pressed Submit with five criteria rated, a note typed, no recommendation."""
    review = declared
    url = reverse("submissions:review", args=[review.submission_id])
    data = _form(review, recommendation="", submit="1", note_references="Call the second one.")
    del data["rating_accomplishments"], data["rating_references"]
    return review, client.post(url, data)


def test_an_incomplete_submit_keeps_the_ratings_as_a_draft(incomplete):
    review, response = incomplete

    assert response.status_code == 422
    review.refresh_from_db()
    assert not review.is_submitted
    rated = {r.criterion: r.rating for r in review.ratings.all()}
    assert rated == {**ALL_FOURS, "accomplishments": None, "references": None}
    assert review.ratings.get(criterion="references").note == "Call the second one."
    # The form carries the saved draft's version, so the next save is not taken as stale.
    assert f'name="version" value="{review.version}"' in response.text
    assert "Call the second one.</textarea>" in response.text


def test_an_incomplete_submit_sums_up_what_is_missing_with_links(incomplete):
    _, response = incomplete
    summary = response.text.split('data-testid="review-problems"')[1].split("</div>")[0]

    assert "Not submitted yet: 2 criteria still need a rating, and the overall " in summary
    assert "Your ratings so far are saved as a draft." in summary
    assert '<a href="#criterion-accomplishments" class="alert-link">Accomplishments</a>' in summary
    assert '<a href="#criterion-references" class="alert-link">References</a>' in summary
    assert 'href="#div_id_recommendation"' in summary
    assert "Not saved" not in response.text
    assert ".;" not in response.text


def test_an_incomplete_submit_marks_each_criterion_left_unrated(incomplete):
    _, response = incomplete
    html = response.text

    cards = {c.split('"')[0]: c for c in html.split('id="criterion-')[1:]}  # to the next

    for key in ("accomplishments", "references"):
        assert "is-invalid" in cards[key]
        assert "Rate this criterion to submit." in cards[key]
    assert "is-invalid" not in cards["business_background"]
    assert 'class="card mb-3 border-danger" id="criterion-references"' in html
    assert "Choose a recommendation to submit." in html


def test_completing_a_review_after_an_incomplete_submit_submits_it(client, incomplete):
    review, response = incomplete
    version = re.search(r'name="version" value="(\d+)"', response.text).group(1)
    data = _form(review, submit="1", version=version)

    submitted = client.post(reverse("submissions:review", args=[review.submission_id]), data)

    assert submitted.status_code == FOUND
    review.refresh_from_db()
    assert review.is_submitted


def test_a_conflicted_reviewer_is_not_offered_the_ratings(client, submission, manager):
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])
    client.post(url, {"has_conflict": "yes", "conflict_note": "Former colleague"})

    page = client.get(url)

    assert "You declared a conflict of interest" in page.text
    assert 'data-testid="review-form"' not in page.text


def test_an_overridden_conflict_shows_as_counting_in_the_queue_and_on_the_score_page(
    client, submission, procurement, manager
):
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])
    client.post(url, {"has_conflict": "yes", "conflict_note": "Former colleague"})
    review = Review.objects.get(submission=submission, reviewer=manager)
    client.force_login(procurement)

    overridden = client.post(
        reverse("checks:override", args=[review.pk]), {"reason": "Ten years ago."}, follow=True
    )

    assert "review counts once they submit it. They are told by email." in overridden.text
    label = re.search(rf'data-testid="overridden-{review.pk}">([^<]*)<', overridden.text)
    assert label and label.group(1) == f"conflict overridden by {procurement.display_name}: draft"
    assert "Override with a reason" not in overridden.text
    review_save(
        review=Review.objects.get(pk=review.pk),
        by=manager,
        ratings=ALL_FOURS,
        notes={},
        recommendation="yes",
        overall_note="",
        expected_version=None,
        submit=True,
    )
    score = client.get(reverse("submissions:score", args=[submission.pk]))
    label = re.search(rf'data-testid="overridden-{review.pk}">([^<]*)<', score.text)
    assert label and label.group(1) == f"conflict overridden by {procurement.display_name}: counts"
    client.force_login(manager)
    assert _queue_status(client, submission) == (
        f"Conflict declared, overridden by {procurement.display_name}: counts"
    )


def test_hidden_reviews_count_only_the_submitted_ones(client, submission, procurement, manager):
    submitted_review(submission, procurement)
    drafting = UserFactory(role=Role.MANAGER)
    submission.engagement.reviewers.add(drafting)
    review_declare_conflict(
        review=review_for(submission=submission, reviewer=drafting), by=drafting, has_conflict=False
    )
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])
    client.post(url, {"has_conflict": "no"})

    page = client.get(url)

    assert "1 other review will show once you submit yours." in page.text


# --- The answers beside the scorecard ------------------------------------------------------


def test_the_review_page_names_accomplishment_areas_by_their_label(client, submission, manager):
    client.force_login(manager)
    url = reverse("submissions:review", args=[submission.pk])
    client.post(url, {"has_conflict": "no"})

    page = client.get(url).text
    accomplishments = page.split('data-testid="accomplishments"')[1].split("</ol>")[0]

    assert "Monetization (revenue, sales, leads)" in accomplishments
    assert ">monetization<" not in accomplishments
    assert "Demo requests from social up 38% in a year." in accomplishments


# --- The score page ------------------------------------------------------------------------


def test_the_score_page_shows_the_total_and_marks_the_matched_phrases(
    client, submission, procurement
):
    scorecard_recompute(submission.pk)
    card = submission.scorecard
    client.force_login(procurement)

    response = client.get(reverse("submissions:score", args=[submission.pk]))

    assert f"{floatformat(card.total, 0)}<small" in response.text
    assert f"Likely between <strong>{floatformat(card.low, 0)}</strong>" in response.text
    signal = card.data["signals"]["first_steps"][0]
    assert VALID_ANSWERS["first_steps"][signal["start"] : signal["end"]] == signal["text"]
    assert f'<mark class="signal-{signal["polarity"]}"' in response.text
    assert f'tabindex="0">{signal["text"]}</mark>' in response.text
    # ... and says how sure the weighing of the sentence is
    assert signal["confidence"] is not None
    confidence = f"Confidence of the reading: {round(signal['confidence'] * 100)}%."
    assert confidence in response.text


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == OK
    return len(queries)


def _scored(owner: User, consultant: User, reviews: int, checks: int) -> Submission:
    submission = submitted_with_checks(consultant=consultant, owner=owner, references=checks)
    for _ in range(reviews):
        reviewer = UserFactory(role=Role.MANAGER)
        submission.engagement.reviewers.add(reviewer)
        submitted_review(submission, reviewer, {"references": 2}, note="Looks fine.")
    scorecard_recompute(submission.pk)
    return submission


def test_the_score_page_costs_the_same_queries_with_2_or_6_reviews_and_checks(
    client, procurement, consultant
):
    client.force_login(procurement)
    counts = {
        (reviews, checks): _queries(
            client,
            reverse(
                "submissions:score",
                args=[_scored(procurement, consultant, reviews, checks).pk],
            ),
        )
        for reviews, checks in [(2, 2), (6, 2), (2, 6)]
    }

    # user, user's groups (navigation), the submission with engagement, owner,
    # questionnaire and consultant, the score card, the answers with their questions, the
    # reviews with reviewers, their ratings, the consensus ratings, the reference checks
    # with assignees, their flags (the owner sees the scores: no review of theirs to look up),
    # the internal comments with their earlier texts and the people they can mention, the
    # completed reference checks for the claim benchmarks (none here; with some, two more:
    # their accomplishments and the organisation's summed benchmark rows)
    assert set(counts.values()) == {14}, counts


def test_the_review_queue_costs_the_same_queries_with_3_or_30_submissions(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)

    def add(count: int) -> None:
        SubmissionFactory.create_batch(
            count, engagement=engagement, status=SubmissionStatus.SUBMITTED, submitted_at=now
        )

    now = timezone.now()
    client.force_login(procurement)
    url = reverse("checks:reviews")
    add(3)
    few = _queries(client, url)
    add(27)
    many = _queries(client, url)

    response = client.get(url)
    assert len(response.context["submissions"]) == 30
    assert response.context["todo"] == 30
    # user, user's groups (navigation), the submissions with consultant,
    # engagement, score card, one's own review and the count of submitted reviews
    assert few == many == 3


def test_the_score_page_costs_the_same_queries_with_1_or_4_consensus_ratings(
    client, procurement, consultant
):
    submission = _scored(procurement, consultant, reviews=2, checks=2)
    client.force_login(procurement)
    url = reverse("submissions:score", args=[submission.pk])

    def agree(*criteria: str) -> int:
        for criterion in criteria:
            consensus_set(
                submission=submission, by=procurement, criterion=criterion, rating=3, reason="Ok"
            )
        return _queries(client, url)

    one = agree("references")
    four = agree("accomplishments", "media_vs_marketing", "business_background")

    assert one == four
