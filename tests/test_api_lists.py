"""The large API lists: submissions with their progress read for the page's rows only,
score cards as summaries (the whole card on the detail or with `?expand=card`), and cursor
pages that walk every row once even while rows are added."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, SubmissionFactory, submitted_quickly
from vetting.models import Answer, EngagementStatus, ScoreCard, User
from vetting.selectors import engagement_submissions, my_invitations
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db

SUBMISSIONS = "/api/v1/submissions/"
CARDS = "/api/v1/score-cards/"
SUMMARY = {
    "id",
    "submission",
    "engagement",
    "consultant_name",
    "total",
    "low",
    "high",
    "rank",
    "criteria",
    "red_flags",
    "green_flags",
    "holds",
    "knockouts",
    "rubric_version",
    "inputs_hash",
    "computed_at",
}


def api(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return client


@pytest.fixture
def round_(procurement: User) -> Any:
    return EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)


def card(engagement: Any, total: float = 60) -> ScoreCard:
    return ScoreCard.objects.create(
        submission=submitted_quickly(engagement),
        rubric_version="1",
        inputs_hash="0" * 64,
        total=total,
        low=total - 10,
        high=total + 10,
        data={"criteria": [], "flags": []},
    )


def walk(client: APIClient, path: str, between: Any = None, **params: Any) -> list[int]:
    """The ids of every cursor page from the first, following `next`; `between(n)` runs
    after the n-th page."""
    ids: list[int] = []
    response = client.get(path, {"paginate": "cursor", **params})
    pages = 0
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        ids += [row["id"] for row in body["results"]]
        pages += 1
        if between:
            between(pages)
        if body["next"] is None:
            return ids
        response = client.get(body["next"])


def test_submission_progress_counts_the_complete_answers_of_each_row(procurement, round_):
    started = submitted_quickly(round_)
    Answer.objects.filter(submission=started, question__key="greatest_accomplishment").update(
        is_complete=False
    )
    untouched = SubmissionFactory(engagement=round_)

    rows = {r["id"]: r for r in api(procurement).get(SUBMISSIONS).json()["results"]}

    assert (rows[started.pk]["answered"], rows[started.pk]["question_total"]) == (6, 7)
    assert (rows[untouched.pk]["answered"], rows[untouched.pk]["question_total"]) == (0, 7)


def test_the_submissions_count_reads_no_answers(procurement, round_):
    submitted_quickly(round_)

    with CaptureQueriesContext(connection) as context:
        assert api(procurement).get(SUBMISSIONS).json()["count"] == 1

    (count,) = [q["sql"] for q in context if "COUNT(*)" in q["sql"]]
    assert "vetting_answer" not in count
    (page,) = [q["sql"] for q in context if '"answered"' in q["sql"]]
    assert 'JOIN "vetting_answer"' not in page  # a subquery per row of the page, no join


def test_the_score_cards_list_sends_summaries_and_the_detail_the_whole_card(procurement, round_):
    submissions = [submitted_quickly(round_, years_social=y) for y in (3, 9)]
    scorecards_recompute([s.pk for s in submissions])
    client = api(procurement)

    summaries = client.get(CARDS).json()["results"]
    expanded = client.get(CARDS, {"expand": "card"}).json()["results"]
    detail = client.get(f"{CARDS}{summaries[0]['id']}/").json()

    assert [set(row) for row in summaries] == [SUMMARY, SUMMARY]
    assert [set(row) for row in expanded] == [SUMMARY | {"data"}] * 2
    assert expanded[0] == detail
    assert detail["data"]["criteria"][0]["sources"][0]["explanation"]
    assert {k: detail[k] for k in SUMMARY} == summaries[0]


def test_the_score_cards_summary_leaves_the_card_unread(procurement, round_):
    card(round_)

    with CaptureQueriesContext(connection) as summary:
        api(procurement).get(CARDS)
    with CaptureQueriesContext(connection) as expanded:
        api(procurement).get(CARDS, {"expand": "card"})

    column = '"vetting_scorecard"."data"'
    assert not any(column in q["sql"] for q in summary)
    assert any(column in q["sql"] for q in expanded)


@pytest.mark.parametrize("value", ["", "data", "CARD", "card,data"])
def test_an_unknown_expansion_is_a_400_naming_it(procurement, round_, value):
    response = api(procurement).get(CARDS, {"expand": value})

    assert response.status_code == 400
    assert list(response.json()) == ["expand"]


def test_expand_twice_is_a_400(procurement, round_):
    response = api(procurement).get(f"{CARDS}?expand=card&expand=card")

    assert response.status_code == 400
    assert list(response.json()) == ["expand"]


def test_lists_stay_numbered_pages_with_a_count_by_default(procurement, round_):
    for _ in range(3):
        card(round_)
    client = api(procurement)

    for path in (SUBMISSIONS, CARDS):
        body = client.get(path, {"page_size": 2}).json()
        assert body["count"] == 3
        assert "page=2" in body["next"]


def test_cursor_pages_walk_every_submission_once_while_rows_are_added(procurement, round_):
    first = [SubmissionFactory(engagement=round_).pk for _ in range(12)]
    added: list[int] = []

    def add(page: int) -> None:
        if page <= 2:
            added.extend(SubmissionFactory(engagement=round_).pk for _ in range(3))

    ids = walk(api(procurement), SUBMISSIONS, add, page_size=5)

    assert len(ids) == len(set(ids))
    assert sorted(ids) == ids == sorted(first + added)


def test_cursor_pages_walk_every_score_card_once_while_rows_are_added(procurement, round_):
    first = [card(round_, total=t).pk for t in range(10, 80, 10)]
    added: list[int] = []

    def add(page: int) -> None:
        if page == 1:
            added.extend(card(round_, total=t).pk for t in (95, 5))

    ids = walk(api(procurement), CARDS, add, page_size=3)

    assert len(ids) == len(set(ids))
    assert sorted(ids) == ids == sorted(first + added)


def test_a_cursor_page_links_back_to_the_page_before(procurement, round_):
    for _ in range(5):
        SubmissionFactory(engagement=round_)
    client = api(procurement)
    first = client.get(SUBMISSIONS, {"paginate": "cursor", "page_size": 2}).json()

    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert first["previous"] is None
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]


def test_cursor_pages_keep_the_blind_rule(manager, procurement, round_):
    round_.reviewers.add(manager)
    card(round_)

    assert walk(api(manager), CARDS) == []
    assert len(walk(api(procurement), CARDS)) == 1


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": ""}, "cursor"),
        ({"cursor": _cursor("p=abc")}, "cursor"),
        ({"cursor": _cursor(f"p={2**64}")}, "cursor"),
        ({"cursor": _cursor("r=x")}, "cursor"),
        ({"paginate": "pages"}, "paginate"),
        ({"paginate": "page", "cursor": _cursor("p=1")}, "cursor"),
        ({"paginate": "cursor", "page": "2"}, "page"),
        ({"paginate": "cursor", "ordering": "updated_at"}, "ordering"),
        ({"paginate": "cursor", "page_size": "0"}, "page_size"),
    ],
)
def test_a_bad_cursor_query_is_a_400_naming_the_parameter(procurement, round_, query, name):
    SubmissionFactory(engagement=round_)

    for path in (SUBMISSIONS, CARDS):
        response = api(procurement).get(path, query)
        assert response.status_code == 400, (path, response.content)
        assert list(response.json()) == [name]


def test_two_cursors_are_a_400(procurement, round_):
    response = api(procurement).get(f"{SUBMISSIONS}?cursor=a&cursor=b")

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


def test_progress_stays_right_for_the_pages_that_list_submissions(consultant, round_):
    submission = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    Answer.objects.bulk_create(
        Answer(submission=submission, question=q, value="x", is_complete=q.position < 3)
        for q in round_.questionnaire.questions.all()
    )

    (row,) = engagement_submissions(round_)
    (mine,) = my_invitations(consultant)

    complete = Answer.objects.filter(submission=submission, is_complete=True).count()
    assert 0 < complete < 7
    assert (row.answered, row.question_total) == (complete, 7)
    assert (mine.answered, mine.question_total) == (complete, 7)
