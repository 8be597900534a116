"""The round's cached pages (vetting/freshness.py): a ranking page is built once per state
of the round and served again from the cache, and every kind of change the page shows makes
it anew: a consultant's new name, a new or withdrawn submission, a review, a decision, a
hold, the panel, the engagement's own fields. Blind review holds across the cache: a viewer
who may see less never gets a page built for one who sees more."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from consultants.models import Consultant
from tests.factories import (
    VALID_ANSWERS,
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    SubmissionFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
)
from vetting import freshness
from vetting.models import (
    Answer,
    Decision,
    Engagement,
    EngagementStatus,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import answer_save, decision_record, scorecards_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    first = submitted_quickly(round_, name="Ada Quill", years_social=12)
    second = submitted_quickly(round_, name="Bram Holt", years_social=6)
    scorecards_recompute([first.pk, second.pk])
    return round_


def _ranking(client: Client, engagement: Engagement, query: str = "") -> str:
    response = client.get(reverse("engagements:ranking", args=[engagement.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _unmasked(html: str) -> str:
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _submission(engagement: Engagement, name: str) -> Submission:
    return Submission.objects.get(engagement=engagement, consultant__name=name)


def test_a_ranking_asked_again_is_served_from_the_cache_as_it_was(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    with CaptureQueriesContext(connection) as built:
        first = _ranking(client, engagement)
    with CaptureQueriesContext(connection) as kept:
        again = _ranking(client, engagement)

    # The frame around the content carries a CSRF token masked anew on every response.
    assert _unmasked(again) == _unmasked(first)
    assert "Ada Quill" in again
    # Built: the ranking's own queries; kept: the session, the user and the round only.
    assert len(kept) < len(built)
    assert not any("scorecard" in q["sql"].lower() for q in kept.captured_queries)


def test_a_query_of_its_own_gets_a_page_of_its_own(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    _ranking(client, engagement)

    found = _ranking(client, engagement, "?q=Bram")

    assert "Bram Holt" in found
    assert "Ada Quill" not in found


def _rename(engagement: Engagement) -> str:
    ada = Consultant.objects.get(name="Ada Quill")
    ada.name = "Ada Quill-Moreau"
    ada.save()
    return "Ada Quill-Moreau"


def _new_submission(engagement: Engagement) -> str:
    late = submitted_quickly(engagement, name="Cora Vance", years_social=9)
    scorecards_recompute([late.pk])
    return "Cora Vance"


def _withdrawn(engagement: Engagement) -> str:
    bram = _submission(engagement, "Bram Holt")
    bram.status = SubmissionStatus.WITHDRAWN
    bram.save()
    scorecards_recompute([bram.pk])
    return "!Bram Holt"  # no longer listed


def _reviewed(engagement: Engagement) -> str:
    ada = _submission(engagement, "Ada Quill")
    submitted_review(ada, engagement.owner)
    scorecards_recompute([ada.pk])
    return "1\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}2"


def _decided(engagement: Engagement) -> str:
    ada = _submission(engagement, "Ada Quill")
    decision_record(submission=ada, by=engagement.owner, outcome="rejected", rationale="No.")
    return "Rejected"


def _held(engagement: Engagement) -> str:
    bram = _submission(engagement, "Bram Holt")
    check = ReferenceCheckFactory(submission=bram)
    FlagFactory(reference_check=check, submission=bram, hold=True, severity="high")
    scorecards_recompute([bram.pk])
    return ">hold<"


def _panel_grown(engagement: Engagement) -> str:
    engagement.reviewers.add(UserFactory(role=Role.MANAGER))
    return "0\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}3"


def _retitled(engagement: Engagement) -> str:
    engagement.title = "Instagram for a bakery chain"
    engagement.save()
    return "Instagram for a bakery chain"


@pytest.mark.parametrize(
    "change",
    [_rename, _new_submission, _withdrawn, _reviewed, _decided, _held, _panel_grown, _retitled],
    ids=lambda f: f.__name__.strip("_"),
)
def test_every_change_the_ranking_shows_is_shown_at_once(
    client: Client,
    procurement: User,
    engagement: Engagement,
    change: Callable[[Engagement], str],
) -> None:
    client.force_login(procurement)
    before = _ranking(client, engagement)
    _ranking(client, engagement)  # now kept

    expected = change(Engagement.objects.get(pk=engagement.pk))
    after = _ranking(client, engagement)

    assert after != before
    if expected.startswith("!"):
        assert expected[1:] not in after
    else:
        assert expected in after


def test_a_blind_reviewer_never_gets_the_page_built_for_the_owner(
    client: Client, procurement: User, manager: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    owners = _ranking(client, engagement)
    client.force_login(manager)

    reviewers = _ranking(client, engagement)

    assert 'data-testid="distribution"' in owners
    assert 'data-testid="blind-intro"' in reviewers
    assert 'data-testid="distribution"' not in reviewers


def test_the_htmx_table_and_the_whole_page_are_kept_apart(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    url = reverse("engagements:ranking", args=[engagement.pk])
    table = client.get(url, headers={"HX-Request": "true"}).content.decode()

    page = client.get(url).content.decode()

    assert "<html" not in table and "<html" in page
    assert "Ada Quill" in table and "Ada Quill" in page


def _save_each(submission: Submission) -> list[object]:
    """Every model whose rows the round's pages show, changed once each."""
    review = submitted_review(submission, submission.engagement.owner)
    check = ReferenceCheckFactory(submission=submission)
    answer = Answer.objects.filter(submission=submission).first()
    card = ScoreCard.objects.get(submission=submission)
    decision = Decision.objects.create(
        submission=submission,
        outcome="rejected",
        rationale="No.",
        approver=review.reviewer,
        decided_by=review.reviewer,
        decided_at=timezone.now(),
    )
    return [submission, submission.consultant, review, check, answer, card, decision]


def test_saving_or_deleting_anything_a_round_shows_moves_its_data_version(
    engagement: Engagement,
) -> None:
    submission = _submission(engagement, "Ada Quill")
    objects = _save_each(submission)

    for instance in [*objects, "reviewers"]:
        before = Engagement.objects.get(pk=engagement.pk).data_version
        if instance == "reviewers":
            engagement.reviewers.add(UserFactory(role=Role.MANAGER))
        else:
            instance.save()
        after = Engagement.objects.get(pk=engagement.pk).data_version
        assert after > before, instance

    for instance in reversed(objects[2:]):  # a review, a check, an answer, the card...
        before = Engagement.objects.get(pk=engagement.pk).data_version
        instance.delete()
        assert Engagement.objects.get(pk=engagement.pk).data_version > before, instance


def test_touch_moves_only_the_rounds_named(engagement: Engagement) -> None:
    other = EngagementFactory()
    mine, theirs = (Engagement.objects.get(pk=e.pk).data_version for e in (engagement, other))

    freshness.touch([engagement.pk])

    assert Engagement.objects.get(pk=engagement.pk).data_version == mine + 1
    assert Engagement.objects.get(pk=other.pk).data_version == theirs


def test_a_recompute_that_writes_cards_in_bulk_moves_the_data_version(
    engagement: Engagement,
) -> None:
    ada = _submission(engagement, "Ada Quill")
    # As a new rubric would leave it: the stored card no longer matches its inputs.
    ScoreCard.objects.filter(submission=ada).update(inputs_hash="earlier rubric", total=1)
    before = Engagement.objects.get(pk=engagement.pk).data_version

    scorecards_recompute([ada.pk])

    assert Engagement.objects.get(pk=engagement.pk).data_version > before
    assert ScoreCard.objects.get(submission=ada).total > 1


# --- The API's lists of one round -------------------------------------------------------------

SUBMISSIONS = "/api/v1/submissions/"
CARDS = "/api/v1/score-cards/"


def _api(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return client


def _listed(client: APIClient, path: str, engagement: Engagement, **params: object) -> dict:
    response = client.get(path, {"engagement": engagement.pk, **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"  # kept or built alike
    return response.json()


@pytest.mark.parametrize("path", [SUBMISSIONS, CARDS])
def test_a_rounds_list_asked_again_is_kept_and_answers_the_same(
    procurement: User, engagement: Engagement, path: str
) -> None:
    client = _api(procurement)
    with CaptureQueriesContext(connection) as built:
        first = _listed(client, path, engagement)
    with CaptureQueriesContext(connection) as kept:
        again = _listed(client, path, engagement)

    assert again == first
    assert first["count"] == 2
    built = client.get(path, {"engagement": engagement.pk, "page": 1}).content
    assert client.get(path, {"engagement": engagement.pk, "page": 1}).content == built
    # Kept: the token and the round asked for; no submission or card is read.
    assert len(kept) < len(built)
    assert not any("vetting_scorecard" in q["sql"] for q in kept.captured_queries)


def test_a_draft_answered_shows_in_the_kept_submissions_list_at_once(
    procurement: User, consultant: User, engagement: Engagement
) -> None:
    draft = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    client = _api(procurement)
    before = _listed(client, SUBMISSIONS, engagement)
    row = next(r for r in before["results"] if r["id"] == draft.pk)

    question = engagement.questionnaire.questions.get(key="business_background")
    answer_save(submission=draft, by=consultant, question=question, raw=VALID_ANSWERS[question.key])
    after = _listed(client, SUBMISSIONS, engagement)

    assert next(r for r in after["results"] if r["id"] == draft.pk)["answered"] == (
        row["answered"] + 1
    )


def test_each_caller_gets_their_own_kept_list(
    procurement: User, manager: User, engagement: Engagement
) -> None:
    owners = _listed(_api(procurement), CARDS, engagement)

    panel = _listed(_api(manager), CARDS, engagement)  # blind: reviewed nobody yet

    assert owners["count"] == 2
    assert panel["count"] == 0


def test_a_list_not_narrowed_to_one_round_is_built_every_time(
    procurement: User, engagement: Engagement
) -> None:
    client = _api(procurement)
    client.get(CARDS)
    ScoreCard.objects.filter(engagement=engagement).update(total=3)  # no signal: not kept

    listed = client.get(CARDS).json()

    assert {row["total"] for row in listed["results"]} == {3}
