"""The engagement dashboard (ranking), the comparison and the procurement home: what each
shows, how the ranking sorts, filters and pages, and query counts that do not grow with the
round."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultants.models import Consultant
from tests.factories import (
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    SubmissionFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
)
from vetting.models import (
    Engagement,
    EngagementStatus,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.references import CheckStatus
from vetting.roles import Role
from vetting.services import (
    decision_record,
    flag_clear,
    review_declare_conflict,
    review_for,
    scorecards_recompute,
)

pytestmark = pytest.mark.django_db

# name, years in social media, years for clients, evidence for the accomplishment
PEOPLE = [
    ("Ada Quill", 12, 8, "https://quill.example/cases/ledgerly"),  # a green flag more
    ("Bram Holt", 9, 6, ""),  # gets a hold (suspected reference fraud)
    ("Cora Vance", 6, 4, ""),  # under review
    ("Fay Moss", 7, 7, ""),  # bland answers: no green flag at all
    ("Dev Patel", 3, 5, ""),  # more years for clients than in social media: a red flag
    ("Eli Stone", 1, 1, ""),  # rejected
]
# Fay has many years but answers that say nothing: they weigh more than Dev's doubtful years
# or Eli's one year.
BY_RANK = ["Ada Quill", "Bram Holt", "Cora Vance", "Dev Patel", "Eli Stone", "Fay Moss"]
# Bland: no green signal, no red one, nothing repeated from one answer to the next.
BLAND = {
    "business_background": "I have used social networks for many years.",
    "greatest_accomplishment": "A client of mine was happy with the work I did for them.",
    "media_vs_marketing": "They are quite similar things in my opinion.",
    "first_steps": "I would get started as soon as possible.",
}
NOT_ENOUGH = "Tick two to four consultants in the ranking to compare them."


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=2,
    )
    round_.reviewers.add(manager)
    return round_


@pytest.fixture
def people(engagement: Engagement, procurement: User) -> dict[str, Submission]:
    """Six scored consultants (see PEOPLE), one invited who never submitted and one who
    withdrew (neither is ranked)."""
    submissions = {
        name: submitted_quickly(
            engagement, name=name, years_social=social, years_clients=clients, evidence_url=url
        )
        for name, social, clients, url in PEOPLE
    }
    fay = submissions["Fay Moss"]
    for key, text in BLAND.items():
        fay.answers.filter(question__key=key).update(value=text)
    Consultant.objects.filter(pk=submissions["Ada Quill"].consultant_id).update(
        agency="Quill & Partners"
    )
    FlagFactory(reference_check__submission=submissions["Bram Holt"], hold=True)
    Submission.objects.filter(pk=submissions["Cora Vance"].pk).update(
        status=SubmissionStatus.UNDER_REVIEW
    )
    SubmissionFactory(engagement=engagement, consultant__name="Ivy Invited")
    SubmissionFactory(
        engagement=engagement,
        consultant__name="Walt Withdrawn",
        status=SubmissionStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
    )
    scorecards_recompute([s.pk for s in submissions.values()])
    decision_record(
        submission=submissions["Eli Stone"],
        by=procurement,
        outcome="rejected",
        rationale="Too little experience for a launch.",
    )
    return submissions


def ranking_url(engagement: Engagement) -> str:
    return reverse("engagements:ranking", args=[engagement.pk])


def names(response: HttpResponse) -> list[str]:
    return [s.consultant.name for s in response.context["page"].object_list]


ROW = re.compile(r'aria-label="Compare ([^"]+)"></td><td>([^<]*)</td>')


def shown(response: HttpResponse) -> list[tuple[str, str]]:
    """(consultant, rank) as the table shows them, top to bottom."""
    return ROW.findall(response.text)


@pytest.fixture
def owner_client(client: Client, procurement: User) -> Client:
    client.force_login(procurement)
    return client


# Ranking


def test_the_ranking_lists_the_submitted_consultants_by_rank(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement))

    assert response.status_code == 200
    assert shown(response) == [(name, str(i)) for i, name in enumerate(BY_RANK, start=1)]
    assert "Ivy Invited" not in response.text
    assert "Walt Withdrawn" not in response.text
    assert "6 consultants" in response.text


def test_each_row_shows_flags_references_reviews_and_status(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement))

    rows = {s.consultant.name: s for s in response.context["page"].object_list}
    assert rows["Bram Holt"].scorecard.holds == 1
    assert rows["Dev Patel"].scorecard.red_flags == 1
    assert rows["Fay Moss"].scorecard.green_flags == 0
    assert rows["Ada Quill"].scorecard.green_flags > rows["Bram Holt"].scorecard.green_flags
    assert '<span class="badge text-bg-danger">hold</span>' in response.text
    bram = response.text.split(">Bram Holt</a>")[1].split("</tr>")[0]
    # references completed of required, then reviews counted of the owner and the reviewer
    assert counts(bram) == ["0 of 2", "0 of 2"]
    assert f'href="{reverse("submissions:decide", args=[people["Ada Quill"].pk])}"' in (
        response.text
    )


def counts(row: str) -> list[str]:
    """A row's "2 of 3" cells (references, reviews), each kept on one line by its no-break
    spaces."""
    return [c.replace("\xa0", " ") for c in re.findall(r"<td>(\d+\xa0of\xa0\d+)</td>", row)]


def reviews_cell(response: HttpResponse, name: str) -> str:
    row = response.text.split(f">{name}</a>")[1].split("</tr>")[0]
    return counts(row)[1]


def test_reviews_count_the_owners_own_review_of_the_owner_and_the_reviewers(
    owner_client, procurement, manager, engagement, people
):
    ada, bram = people["Ada Quill"], people["Bram Holt"]
    submitted_review(ada, procurement)
    submitted_review(ada, manager)
    submitted_review(bram, procurement)
    scorecards_recompute([ada.pk, bram.pk])

    response = owner_client.get(ranking_url(engagement))

    # (It used to say "2 of 1": the owner's review counted, the owner did not.)
    assert reviews_cell(response, "Ada Quill") == "2 of 2"
    assert reviews_cell(response, "Bram Holt") == "1 of 2"
    assert reviews_cell(response, "Cora Vance") == "0 of 2"
    assert "of the 2 people reviewing: the owner and the assigned reviewers" in response.text


def test_an_owner_who_is_also_a_reviewer_is_counted_once(
    owner_client, procurement, engagement, people
):
    engagement.reviewers.add(procurement)

    response = owner_client.get(ranking_url(engagement))

    assert reviews_cell(response, "Ada Quill") == "0 of 2"


def test_a_review_under_an_unresolved_conflict_does_not_count(
    owner_client, manager, engagement, people
):
    ada = people["Ada Quill"]
    review = review_for(submission=ada, reviewer=manager)
    review_declare_conflict(review=review, by=manager, has_conflict=True, note="My cousin.")
    scorecards_recompute([ada.pk])

    response = owner_client.get(ranking_url(engagement))

    assert reviews_cell(response, "Ada Quill") == "0 of 2"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sort": "name"}, sorted(BY_RANK)),
        ({"sort": "name", "dir": "asc"}, sorted(BY_RANK)),
        ({"sort": "name", "dir": "desc"}, sorted(BY_RANK, reverse=True)),
        ({"sort": "rank", "dir": "desc"}, BY_RANK[::-1]),
        # a criterion sorts best first; Fay has many years for clients and bland answers
        (
            {"sort": "c_experience_clients"},
            ["Ada Quill", "Fay Moss", "Bram Holt", "Cora Vance", "Dev Patel", "Eli Stone"],
        ),
        (
            {"sort": "c_experience_clients", "dir": "asc"},
            ["Eli Stone", "Dev Patel", "Cora Vance", "Bram Holt", "Fay Moss", "Ada Quill"],
        ),
        ({"sort": "c_business_background", "dir": "asc"}, ["Fay Moss", *BY_RANK[:5]]),
    ],
)
def test_sorting(owner_client, engagement, people, query, expected):
    response = owner_client.get(ranking_url(engagement), query)

    assert names(response) == expected
    assert [name for name, _ in shown(response)] == expected


def test_sorting_by_a_criterion_follows_the_stored_scores(owner_client, engagement, people):
    cards = ScoreCard.objects.filter(submission__engagement=engagement).select_related(
        "submission__consultant"
    )
    best_first = [
        c.submission.consultant.name
        for c in sorted(cards, key=lambda c: (-c.experience_social, c.submission_id))
    ]

    response = owner_client.get(ranking_url(engagement), {"sort": "c_experience_social"})

    assert names(response) == best_first


def test_a_column_header_links_to_the_other_direction_and_keeps_the_filters(
    owner_client, engagement, people
):
    response = owner_client.get(ranking_url(engagement), {"flag": "none", "sort": "name"})

    # sorted by name, ascending: the name header offers descending next
    assert (
        '<th scope="col" aria-sort="ascending"><a class="sort-link" '
        'href="?flag=none&amp;sort=name&amp;dir=desc"' in response.text
    )
    assert 'href="?flag=none&amp;sort=red"' in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "under_review"}, ["Cora Vance"]),
        ({"status": "rejected"}, ["Eli Stone"]),
        ({"status": "submitted"}, ["Ada Quill", "Bram Holt", "Dev Patel", "Fay Moss"]),
        ({"flag": "red"}, ["Bram Holt", "Dev Patel"]),  # a hold counts as a red flag
        ({"flag": "none"}, ["Ada Quill", "Cora Vance", "Eli Stone", "Fay Moss"]),
        ({"flag": "hold"}, ["Bram Holt"]),
        ({"flag": "green"}, [n for n in BY_RANK if n != "Fay Moss"]),
        ({"min": "50", "max": "66"}, ["Cora Vance", "Dev Patel", "Eli Stone"]),
        ({"min": "60"}, ["Ada Quill", "Bram Holt", "Cora Vance"]),
        ({"max": "52"}, ["Eli Stone", "Fay Moss"]),
        ({"q": "vance"}, ["Cora Vance"]),
        ({"q": "  Quill & Part "}, ["Ada Quill"]),  # the agency, trimmed
        ({"q": "nobody"}, []),
        ({"q": "Ivy"}, []),  # invited, never submitted
        (
            {"flag": "none", "min": "50", "sort": "name", "dir": "desc"},
            ["Eli Stone", "Cora Vance", "Ada Quill"],
        ),
    ],
)
def test_filters(owner_client, engagement, people, query, expected):
    response = owner_client.get(ranking_url(engagement), query)

    assert names(response) == expected


def test_an_invalid_score_bound_keeps_the_other_filters(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement), {"q": "Patel", "min": "150"})

    assert "Ensure this value is less than or equal to 100." in response.text
    assert names(response) == ["Dev Patel"]


REVERSED = "Must be at least the “Score from” (50): a range goes low to high."


def test_a_reversed_score_range_is_refused_next_to_its_field_keeping_what_was_typed(
    owner_client, engagement, people
):
    response = owner_client.get(ranking_url(engagement), {"sort": "name", "min": "50", "max": "30"})

    range_box = response.text.split('<div class="col-md-3">', 1)[1].split("</div></div>")[0]
    assert REVERSED in range_box
    assert 'name="min" id="id_min" class="form-control" value="50"' in range_box
    assert 'name="max" id="id_max" class="form-control is-invalid" value="30"' in range_box
    assert 'aria-invalid="true"' in range_box
    # Neither end applies (it is one mistake): all six show, the lowest ranked too; the
    # other parts of the query (the order) still do.
    assert names(response) == sorted(BY_RANK)


def test_a_reversed_score_range_typed_in_place_sends_its_error_beside_the_table(
    owner_client, engagement, people
):
    query = {"min": "50", "max": "30"}

    refused = owner_client.get(ranking_url(engagement), query, headers={"HX-Request": "true"})
    fixed = owner_client.get(
        ranking_url(engagement), {"min": "30", "max": "50"}, headers={"HX-Request": "true"}
    )

    # htmx swaps the table; the errors box beside the fields comes out of band, naming the
    # field to mark, and the fields are left alone (nothing being typed is lost).
    errors = re.compile(r'<div [^>]*id="score-range-errors"[^>]*hx-swap-oob="true">(.*?)</div>\n')
    [box] = errors.findall(refused.text)
    assert REVERSED in box and 'data-invalid-fields="max"' in refused.text
    assert 'name="max"' not in refused.text
    [box] = errors.findall(fixed.text)
    assert box == "" and 'data-invalid-fields=""' in fixed.text
    kept = [s.scorecard.total for s in fixed.context["page"].object_list]
    assert kept and all(30 <= total <= 50 for total in kept)


def test_a_reviewer_still_blind_filtering_in_place_gets_no_score_range_errors_box(
    client, manager, engagement, people
):
    """The score range is not on their page, so a box sent out of band for it would have
    nowhere to go (htmx logs an error in the console)."""
    client.force_login(manager)

    response = client.get(ranking_url(engagement), {"q": "Patel"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "score-range-errors" not in response.text


def test_no_match_says_so_and_offers_to_clear_the_filters(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement), {"q": "nobody"})

    assert "No submitted self-assessment matches these filters." in response.text
    assert f'<a href="{ranking_url(engagement)}">Clear the filters</a>' in response.text


def test_the_rank_shown_is_the_rank_in_the_round_whatever_the_filter(
    owner_client, engagement, people
):
    by_name = owner_client.get(ranking_url(engagement), {"q": "Patel"})
    by_flag = owner_client.get(
        ranking_url(engagement), {"flag": "red", "sort": "name", "dir": "desc"}
    )

    assert shown(by_name) == [("Dev Patel", "4")]
    assert shown(by_flag) == [("Dev Patel", "4"), ("Bram Holt", "2")]


def grow(engagement: Engagement, count: int, *, prefix: str = "Consultant") -> list[Submission]:
    """`count` more scored consultants named "<prefix> 000", "<prefix> 001", ..."""
    submissions = [
        submitted_quickly(
            engagement,
            name=f"{prefix} {i:03d}",
            years_social=2 + i % 11,
            years_clients=1 + i % 2,
        )
        for i in range(count)
    ]
    scorecards_recompute([s.pk for s in submissions])
    return submissions


def test_the_ranking_shows_fifty_a_page_and_the_page_links_keep_the_query(owner_client, engagement):
    grow(engagement, 55)
    url = ranking_url(engagement)
    query = {"flag": "none", "sort": "name", "dir": "desc"}

    first = owner_client.get(url, query)
    second = owner_client.get(url, {**query, "page": "2"})

    expected = [f"Consultant {i:03d}" for i in reversed(range(55))]
    assert names(first) == expected[:50]
    assert names(second) == expected[50:]
    assert "Page 1 of 2" in first.text
    assert 'href="?flag=none&amp;sort=name&amp;dir=desc&amp;page=2"' in first.text
    assert 'hx-get="?flag=none&amp;sort=name&amp;dir=desc&amp;page=2"' in first.text
    assert 'href="?flag=none&amp;sort=name&amp;dir=desc&amp;page=1"' in second.text
    assert "page=3" not in second.text


def page_query(captured: CaptureQueriesContext) -> str:
    """The SQL that read a page of the ranking's rows (the submissions with their
    consultants; the round's own query joins a consultant too, a re-vetting round's)."""
    (sql,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "vetting_submission"')
        and "consultants_consultant" in q["sql"]
    ]
    return sql


def test_a_deep_page_in_the_default_order_reads_its_ranks_not_an_offset(owner_client, engagement):
    grow(engagement, 120)
    by_rank = list(
        ScoreCard.objects.filter(engagement=engagement)
        .order_by("rank")
        .values_list("submission__consultant__name", flat=True)
    )

    with CaptureQueriesContext(connection) as third:
        response = owner_client.get(ranking_url(engagement), {"page": "3"})
    sql = page_query(third)  # (the next request empties the log of queries)
    with CaptureQueriesContext(connection) as by_name:
        owner_client.get(ranking_url(engagement), {"sort": "name", "page": "3"})

    # the same rows, numbers and links as before ...
    assert names(response) == by_rank[100:]
    assert [rank for _, rank in shown(response)] == [str(n) for n in range(101, 121)]
    assert "Page 3 of 3" in response.text
    assert 'href="?page=2"' in response.text
    # ... read from the (engagement, rank) index: page 3 is ranks 101 to 150, not the rows
    # after skipping 100 (which reads and drops them)
    assert re.search(r'"rank" > 100 AND "vetting_scorecard"\."rank" <= 150', sql)
    assert "OFFSET" not in sql
    # another order has no stored position: its pages still skip the rows before them
    assert "OFFSET 100" in page_query(by_name)


def test_ranks_left_with_a_gap_page_by_offset_and_lose_no_row(owner_client, engagement):
    grow(engagement, 55)
    # Withdrawn without the re-ranking a recompute does: rank 3 is no longer listed.
    third = ScoreCard.objects.get(engagement=engagement, rank=3)
    Submission.objects.filter(pk=third.submission_id).update(status=SubmissionStatus.WITHDRAWN)
    listed = list(
        ScoreCard.objects.filter(engagement=engagement)
        .exclude(pk=third.pk)
        .order_by("rank")
        .values_list("submission__consultant__name", flat=True)
    )

    with CaptureQueriesContext(connection) as second:
        response = owner_client.get(ranking_url(engagement), {"page": "2"})
    sql = page_query(second)  # (the next request empties the log of queries)

    assert names(owner_client.get(ranking_url(engagement))) + names(response) == listed
    assert "Page 2 of 2" in response.text
    assert "OFFSET 50" in sql


def test_an_htmx_request_gets_the_table_alone(owner_client, engagement, people):
    response = owner_client.get(
        ranking_url(engagement), {"sort": "name"}, headers={"HX-Request": "true"}
    )

    templates = {t.name for t in response.templates}
    assert "dashboard/ranking_table.html" in templates
    assert "dashboard/ranking.html" not in templates
    assert "base.html" not in templates
    assert "<html" not in response.text
    assert "distribution-chart" not in response.text
    assert [name for name, _ in shown(response)] == sorted(BY_RANK)


def test_htmx_restoring_history_gets_the_whole_page(owner_client, engagement, people):
    response = owner_client.get(
        ranking_url(engagement),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "dashboard/ranking.html" in {t.name for t in response.templates}
    assert "<html" in response.text


def test_the_full_page_has_the_filters_the_chart_and_its_table(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement))

    assert 'id="ranking-filters"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert 'id="distribution-chart"' in response.text
    # the six totals (45 to 70) fall in the 40s, 50s and 60s
    assert dict(response.context["distribution"])["40–49"] == 1
    assert sum(n for _, n in response.context["distribution"]) == 6


def test_only_the_owner_gets_the_decide_buttons(client, manager, engagement, people):
    client.force_login(manager)

    response = client.get(ranking_url(engagement))

    assert response.status_code == 200
    assert ">Decide<" not in response.text
    for submission in people.values():
        assert reverse("submissions:decide", args=[submission.pk]) not in response.text


# Compare


def compare(client: Client, engagement: Engagement, *ids: Any) -> HttpResponse:
    query = "&".join(f"s={i}" for i in ids)
    return client.get(f"{reverse('engagements:compare', args=[engagement.pk])}?{query}")


def test_the_comparison_puts_the_criteria_that_differ_most_first(owner_client, engagement, people):
    chosen = [people[n] for n in ("Ada Quill", "Eli Stone", "Fay Moss")]

    response = compare(owner_client, engagement, *(s.pk for s in chosen))

    assert response.status_code == 200
    rows = response.context["criteria_rows"]
    spreads = [row["spread"] for row in rows]
    assert spreads == sorted(spreads, reverse=True)
    cards = [ScoreCard.objects.get(submission=s) for s in chosen]
    for row in rows:
        values = [getattr(card, row["criterion"].key) for card in cards]
        known = [v for v in values if v is not None]
        assert row["spread"] == (max(known) - min(known) if len(known) > 1 else 0)
    assert [row["criterion"].key for row in rows][:2] == [
        "experience_social",
        "experience_clients",
    ]
    assert rows[-1]["criterion"].key == "references"  # nobody's references are checked yet
    # the page shows them in that order, and the answers follow their criterion's spread
    html = response.text
    labels = [html.index(f">{row['criterion'].label}") for row in rows]
    assert labels == sorted(labels)
    questions = [row["question"].key for row in response.context["answer_rows"]]
    assert questions[:2] == ["years_social_media", "years_for_clients"]
    assert questions[-1] == "accomplishments"


def test_the_comparison_shows_the_consultants_in_the_order_picked(owner_client, engagement, people):
    picked = [people["Fay Moss"], people["Ada Quill"], people["Dev Patel"]]

    response = compare(owner_client, engagement, *(s.pk for s in picked))

    assert response.context["submissions"] == picked
    assert "Compare 3 consultants" in response.text
    assert 'id="compare-radar"' in response.text
    assert response.context["radar_labels"][0] == "Social media experience"


@pytest.mark.parametrize("picked", [[], ["Ada Quill"], ["Ada Quill", "x"]])
def test_fewer_than_two_consultants_go_back_to_the_ranking_with_a_message(
    owner_client, engagement, people, picked
):
    ids = [people[n].pk if n in people else n for n in picked]

    response = compare(owner_client, engagement, *ids)
    followed = owner_client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == ranking_url(engagement)
    assert NOT_ENOUGH in followed.text


def test_more_than_four_compares_the_first_four_and_says_how_many_were_left_out(
    owner_client, engagement, people
):
    picked = [people[n] for n in BY_RANK[::-1]]  # all six, the lowest first

    response = compare(owner_client, engagement, *(s.pk for s in picked))

    assert response.context["submissions"] == picked[:4]
    assert "Compare 4 consultants" in response.text
    assert (
        "You ticked 6 consultants, but at most 4 fit side by side: these are the first 4 "
        "ticked, in the ranking&#x27;s order, and 2 are left out."
    ) in response.text


def test_four_or_fewer_compare_without_a_warning(owner_client, engagement, people):
    picked = [people[n] for n in BY_RANK[:4]]

    # the same consultant twice is one tick, not a fifth
    response = compare(owner_client, engagement, *(s.pk for s in picked), picked[0].pk)

    assert response.context["submissions"] == picked
    assert "left out" not in response.text


def test_the_ranking_says_how_many_may_be_compared(owner_client, engagement, people):
    response = owner_client.get(ranking_url(engagement))

    assert "Tick two to four to compare." in response.text


def test_consultants_of_another_engagement_are_ignored(
    owner_client, procurement, engagement, people
):
    elsewhere = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    [stranger] = grow(elsewhere, 1, prefix="Stranger")

    both = compare(
        owner_client, engagement, people["Ada Quill"].pk, stranger.pk, people["Eli Stone"].pk
    )
    alone = compare(owner_client, engagement, people["Ada Quill"].pk, stranger.pk)

    assert both.context["submissions"] == [people["Ada Quill"], people["Eli Stone"]]
    assert "Stranger" not in both.text
    assert alone.status_code == 302


def test_consultants_who_have_not_submitted_are_ignored(owner_client, engagement, people):
    invited = Submission.objects.get(engagement=engagement, consultant__name="Ivy Invited")

    response = compare(owner_client, engagement, people["Ada Quill"].pk, invited.pk)

    assert response.status_code == 302


@pytest.fixture
def reviewed(people: dict[str, Submission], procurement: User, manager: User) -> None:
    """The owner reviewed Ada and Bram; the manager (a reviewer) only Bram."""
    submitted_review(people["Ada Quill"], procurement, note="Owner on Ada: the strongest case.")
    submitted_review(people["Bram Holt"], procurement, note="Owner on Bram: check the hold.")
    submitted_review(people["Bram Holt"], manager, note="Manager on Bram: solid calls.")


def test_reviewer_notes_stay_hidden_until_the_reviewer_has_reviewed_that_consultant(
    client, engagement, people, manager, reviewed
):
    client.force_login(manager)

    response = compare(client, engagement, people["Ada Quill"].pk, people["Bram Holt"].pk)

    ada, bram = response.context["reviews"]
    assert ada is None
    assert [r.overall_note for r in bram] == [
        "Owner on Bram: check the hold.",
        "Manager on Bram: solid calls.",
    ]
    assert "Owner on Ada" not in response.text
    assert "Shown once you have reviewed this consultant." in response.text
    assert "Manager on Bram: solid calls." in response.text


def test_the_owner_sees_every_reviewer_note(owner_client, engagement, people, reviewed):
    response = compare(owner_client, engagement, people["Ada Quill"].pk, people["Bram Holt"].pk)

    assert "Owner on Ada: the strongest case." in response.text
    assert "Manager on Bram: solid calls." in response.text
    assert "Shown once you have reviewed this consultant." not in response.text


def test_the_comparison_shows_holds_and_red_flags_with_their_evidence(
    owner_client, engagement, people
):
    response = compare(owner_client, engagement, people["Bram Holt"].pk, people["Dev Patel"].pk)

    bram, dev = response.context["flags"]
    assert len(bram["holds"]) == 1
    assert [f["code"] for f in dev["red"]] == ["years_inconsistent"]
    assert "Hold: " in response.text
    assert "5 years for clients but only 3 years practising social media." in response.text


# Procurement home


def test_home_counts_each_engagement_pipeline(client, procurement, manager, engagement, people):
    statuses = [
        SubmissionStatus.INVITED,  # and Ivy, from `people`
        SubmissionStatus.IN_PROGRESS,
        SubmissionStatus.IN_PROGRESS,
    ]
    for status in statuses:
        SubmissionFactory(engagement=engagement, status=status)
    decision_record(
        submission=people["Ada Quill"], by=procurement, outcome="shortlisted", rationale="Yes."
    )
    EngagementFactory(owner=procurement, status=EngagementStatus.DECIDED, title="Done and dusted")
    EngagementFactory(status=EngagementStatus.OPEN, title="Someone else's round")
    client.force_login(procurement)

    response = client.get(reverse("procurement_home"))

    [row] = response.context["engagements"]
    # submitted: Bram, Fay, Dev; under review: Cora; decided: Ada (shortlisted), Eli
    # (rejected); withdrawn: Walt
    assert row.pipeline.counts == {
        "invited": 2,
        "in_progress": 2,
        "submitted": 3,
        "under_review": 1,
        "decided": 2,
        "withdrawn": 1,
    }
    line = "2 invited · 2 in progress · 3 submitted · 1 under review · 2 decided · 1 withdrawn"
    assert pipelines(response.text)[0] == line
    assert "Done and dusted" not in response.text
    assert "Someone else" not in response.text


def pipelines(html: str) -> list[str]:
    """The pipeline lines of a page, as read."""
    found = re.findall(r'<ul class="list-inline mb-0" data-testid="pipeline">(.*?)</ul>', html)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in found]


def test_home_puts_what_needs_you_right_after_the_engagements(client, procurement, people):
    # A phone shows the panels in this order, one under the other.
    client.force_login(procurement)

    html = client.get(reverse("procurement_home")).text

    headings = re.findall(r'<h2 class="h5" id="[a-z-]+">([^<]+)</h2>', html)
    assert headings == ["My engagements", "Needs you", "Recent activity"]


def test_home_sums_up_each_pipeline_in_one_line_for_narrow_screens(
    client, procurement, engagement, people
):
    client.force_login(procurement)

    html = client.get(reverse("procurement_home")).text

    # submitted: Ada, Bram, Fay, Dev; under review: Cora; decided: Eli; invited: Ivy;
    # withdrawn: Walt (the empty "in progress" is left out)
    line = "1 invited · 4 submitted · 1 under review · 1 decided · 1 withdrawn"
    assert pipelines(html) == [line, line]  # the one for phones, the one for wide screens


def test_home_lists_the_reviews_still_to_do(client, manager, engagement, people):
    submitted_review(people["Ada Quill"], manager)
    client.force_login(manager)

    response = client.get(reverse("procurement_home"))

    to_review = [s.consultant.name for s in response.context["needs"]["to_review"]]
    assert sorted(to_review) == sorted(n for n in BY_RANK if n != "Ada Quill")
    assert f'href="{reverse("submissions:review", args=[people["Bram Holt"].pk])}"' in response.text


def test_home_lists_overdue_reference_checks(client, procurement, engagement, people):
    past = timezone.now() - timedelta(days=2)
    late = ReferenceCheckFactory(
        submission=people["Ada Quill"], due_at=past, referee_name="Lena Late"
    )
    ReferenceCheckFactory(submission=people["Cora Vance"], referee_name="Tim Ontime")
    ReferenceCheckFactory(
        submission=people["Dev Patel"],
        due_at=past,
        status=CheckStatus.COMPLETED,
        referee_name="Dana Done",
    )
    client.force_login(procurement)

    response = client.get(reverse("procurement_home"))

    assert response.context["needs"]["overdue"] == [late]
    assert "Lena Late</a> for Ada Quill" in response.text
    assert "Tim Ontime" not in response.text
    assert "Dana Done" not in response.text


def test_home_lists_the_holds_to_clear_until_a_manager_clears_them(
    client, procurement, manager, engagement, people
):
    [hold] = people["Bram Holt"].flags.filter(hold=True)
    client.force_login(procurement)

    before = client.get(reverse("procurement_home"))
    flag_clear(flag=hold, by=manager, note="Spoke to the referee: genuine.")
    after = client.get(reverse("procurement_home"))

    assert before.context["needs"]["holds"] == [hold]
    assert f"Bram Holt</a>: {hold.message}" in before.text
    assert after.context["needs"]["holds"] == []


def test_home_shows_recent_activity_newest_first(client, procurement, engagement, people):
    client.force_login(procurement)

    response = client.get(reverse("procurement_home"))

    activity = response.context["activity"]
    assert activity[0]["text"].startswith("Eli Stone: ")  # the decision, the latest event
    assert activity[0]["url"] == people["Eli Stone"].get_absolute_url()
    assert [e["when"] for e in activity] == sorted((e["when"] for e in activity), reverse=True)
    assert {e["text"] for e in activity[1:]} == {f"{name} submitted" for name in BY_RANK}


def test_home_activity_words_a_decision_in_the_past_tense(client, procurement, people):
    client.force_login(procurement)

    response = client.get(reverse("procurement_home"))

    assert response.context["activity"][0]["text"] == "Eli Stone: rejected"


# Query counts: the same with a round of 5 or of 200


def busy_round(engagement: Engagement, owner: User, count: int, *, prefix: str) -> None:
    """`count` scored consultants, with a decision, an overdue check and a hold for every
    fifth, so that every list the pages show has rows."""
    submissions = grow(engagement, count, prefix=prefix)
    for submission in submissions[::5]:
        decision_record(submission=submission, by=owner, outcome="rejected", rationale="No.")
        ReferenceCheckFactory(submission=submission, due_at=timezone.now() - timedelta(days=1))
        FlagFactory(reference_check__submission=submission, hold=True)


def test_the_ranking_costs_the_same_queries_with_5_or_200_submissions(
    owner_client, procurement, engagement
):
    url = ranking_url(engagement)
    busy_round(engagement, procurement, 5, prefix="First")
    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few_htmx:
        owner_client.get(url, {"sort": "name", "page": "1"}, headers={"HX-Request": "true"})
    busy_round(engagement, procurement, 195, prefix="More")

    with CaptureQueriesContext(connection) as many:
        response = owner_client.get(url)
    with CaptureQueriesContext(connection) as many_htmx:
        owner_client.get(url, {"sort": "name", "page": "4"}, headers={"HX-Request": "true"})

    assert response.context["page"].paginator.count == 200
    # user, the engagement (owner, questionnaire), its reviewers, the count, the
    # page of the ranking (consultant, card, decision, counts), the user's groups
    # (navigation); the score distribution comes from the cache, filled when scores change
    assert len(few) == len(many) == 6
    # ... and for htmx the table alone (the groups are still read, by the navigation's
    # context processor)
    assert len(few_htmx) == len(many_htmx) == 6


def test_the_comparison_costs_the_same_queries_with_5_or_200_in_the_round(
    owner_client, procurement, manager, engagement
):
    busy_round(engagement, procurement, 5, prefix="First")
    picked = list(engagement.submissions.order_by("pk")[:3])
    for submission in picked:
        submitted_review(submission, manager, note="Seen.")
    with CaptureQueriesContext(connection) as few:
        assert compare(owner_client, engagement, *(s.pk for s in picked)).status_code == 200
    busy_round(engagement, procurement, 195, prefix="More")

    with CaptureQueriesContext(connection) as many:
        assert compare(owner_client, engagement, *(s.pk for s in picked)).status_code == 200

    # user, the engagement (owner, questionnaire), its reviewers; the three
    # submissions (consultant, card, decision, engagement), their answers (question),
    # submitted reviews (reviewer), reference checks, open flags; the user's groups
    # (navigation); which of their prices the user sees (no proposal here: no more)
    assert len(few) == len(many) == 10


def test_the_comparison_costs_the_same_queries_for_two_or_four_consultants(
    owner_client, procurement, engagement
):
    busy_round(engagement, procurement, 4, prefix="Some")
    ids = list(engagement.submissions.order_by("pk").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as two:
        compare(owner_client, engagement, *ids[:2])
    with CaptureQueriesContext(connection) as four:
        compare(owner_client, engagement, *ids)

    # each consultant's engagement comes with the submissions, not one query per consultant
    # (and one for which of their prices the user sees)
    assert len(two) == len(four) == 10


def test_the_home_page_costs_the_same_queries_with_5_or_200_submissions(
    client, procurement, manager, engagement
):
    url = reverse("procurement_home")
    busy_round(engagement, procurement, 5, prefix="First")
    client.force_login(procurement)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few_as_manager:
        assert client.get(url).status_code == 200
    busy_round(engagement, procurement, 195, prefix="More")
    second = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    busy_round(second, procurement, 5, prefix="Other")

    client.force_login(procurement)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as many_as_manager:
        assert client.get(url).status_code == 200

    assert len(response.context["needs"]["to_review"]) == 10
    assert len(response.context["activity"]) == 12
    # user, the user's groups (is_buyer_side), the engagements with their
    # pipeline counts; reviews to do, overdue checks, holds, delivery reviews due; recent
    # submissions, reviews, reference answers and decisions
    assert len(few) == len(many) == len(few_as_manager) == len(many_as_manager) == 11


def test_a_new_procurement_user_sees_an_empty_home(client):
    newcomer = UserFactory(role=Role.PROCUREMENT)
    client.force_login(newcomer)

    response = client.get(reverse("procurement_home"))

    assert response.status_code == 200
    assert "No open engagement." in response.text
    assert response.context["needs"] == {
        "to_review": [],
        "overdue": [],
        "holds": [],
        "delivery_due": [],
    }


def test_a_reviewer_sees_a_consultants_score_only_after_reviewing_them(
    client, procurement, manager
):
    from tests.factories import submitted_quickly, submitted_review
    from vetting.services import scorecards_recompute

    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    reviewed = submitted_quickly(engagement, name="Reviewed Person")
    unreviewed = submitted_quickly(engagement, name="Unreviewed Person")
    submitted_review(reviewed, manager)
    scorecards_recompute([reviewed.pk, unreviewed.pk])
    client.force_login(manager)

    page = client.get(reverse("engagements:ranking", args=[engagement.pk])).text

    rows = {
        name: page.split(f">{name}</a>")[1].split("</tr>")[0]
        for name in ("Reviewed Person", "Unreviewed Person")
    }
    assert "Review first" in rows["Unreviewed Person"]
    assert "Review first" not in rows["Reviewed Person"]
    assert f"<b>{reviewed.scorecard.total:.0f}</b>" in rows["Reviewed Person"]
