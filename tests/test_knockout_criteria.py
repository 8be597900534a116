"""A round's knockout criteria: the owner sets the lowest total, the lowest score on any
criterion and the fewest references checked; whoever falls short (or answered no to a
must-have of the buyer's template) leaves the ranking and is listed apart with why, on the
page and in the API. A blind reviewer learns nothing of it: a knockout is a flag."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, submitted_quickly
from vetting.knockouts import Knockouts
from vetting.models import Engagement, EngagementStatus, ScoreCard, User
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    strong = submitted_quickly(round_, name="Ada Quill", years_social=12, years_clients=9)
    weak = submitted_quickly(round_, name="Bram Holt", years_social=1, years_clients=0)
    scorecards_recompute([strong.pk, weak.pk])
    return round_


def _set(engagement: Engagement, **settings: int | None) -> None:
    """Change the settings as a save does (its updated_at moves, so no kept page stays)."""
    for name, value in settings.items():
        setattr(engagement, name, value)
    engagement.save()


def _ranking(client: Client, engagement: Engagement) -> str:
    return client.get(reverse("engagements:ranking", args=[engagement.pk])).text


def _main_table(page: str) -> str:
    return page.partition('data-testid="knocked-out"')[0].partition('id="ranking"')[2]


def _apart(page: str) -> str:
    """The list apart, in lower case (its reasons start with a capital)."""
    return page.partition('data-testid="knocked-out"')[2].lower()


def test_a_round_without_knockout_criteria_lists_nobody_apart(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)

    page = _ranking(client, engagement)

    assert 'data-testid="knocked-out"' not in page
    assert "Ada Quill" in page and "Bram Holt" in page


def test_below_the_lowest_total_a_consultant_is_listed_apart_with_their_score(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    weak = ScoreCard.objects.get(submission__consultant__name="Bram Holt")
    strong = ScoreCard.objects.get(submission__consultant__name="Ada Quill")
    assert weak.total < strong.total
    _set(engagement, knockout_min_total=math.ceil(weak.total) + 1)
    client.force_login(procurement)

    page = _ranking(client, engagement)

    assert "Ada Quill" in _main_table(page) and "Bram Holt" not in _main_table(page)
    assert "bram holt" in _apart(page)
    assert f"total {weak.total:.0f}, below {math.ceil(weak.total) + 1}" in _apart(page)
    assert "a total of at least" in _apart(page)


def test_a_criterion_below_the_lowest_names_the_criterion(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    weak = ScoreCard.objects.get(submission__consultant__name="Bram Holt")
    _set(engagement, knockout_min_criterion=math.ceil(weak.experience_social * 100) + 1)
    client.force_login(procurement)

    apart = _apart(_ranking(client, engagement))

    assert "bram holt" in apart
    assert f"social media experience {weak.experience_social * 100:.0f}%" in apart


def test_too_few_references_checked_says_how_many(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    _set(engagement, knockout_min_references=1)
    client.force_login(procurement)

    apart = _apart(_ranking(client, engagement))

    assert "ada quill" in apart and "bram holt" in apart
    assert "0 references checked of the 1 required" in apart


def test_the_filter_shows_the_knocked_out_or_those_who_meet_every_criterion(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    weak = ScoreCard.objects.get(submission__consultant__name="Bram Holt")
    _set(engagement, knockout_min_total=math.ceil(weak.total) + 1)
    client.force_login(procurement)
    url = reverse("engagements:ranking", args=[engagement.pk])

    out = client.get(url + "?flag=knockout").text
    meets = client.get(url + "?flag=meets").text

    assert "Bram Holt" in out and "Ada Quill" not in out
    assert "Ada Quill" in meets and "Bram Holt" not in meets
    assert "knocked out</span>" in out  # marked in the table, with why in its title


def test_the_api_ranking_says_why_a_consultant_is_knocked_out(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    weak = ScoreCard.objects.get(submission__consultant__name="Bram Holt")
    _set(engagement, knockout_min_total=math.ceil(weak.total) + 1)
    client.force_login(procurement)

    rows = client.get(f"/api/v1/engagements/{engagement.pk}/ranking/").json()["results"]

    why = {row["consultant"]: row["knocked_out"] for row in rows}
    assert why["Ada Quill"] == []
    assert why["Bram Holt"] == [f"total {weak.total:.0f}, below {math.ceil(weak.total) + 1}"]


def test_a_blind_reviewer_sees_no_list_apart_and_every_consultant_in_name_order(
    client: Client, manager: User, engagement: Engagement
) -> None:
    client.force_login(manager)
    before = _ranking(client, engagement)
    _set(engagement, knockout_min_total=100, knockout_min_references=3)

    after = _ranking(client, engagement)

    assert 'data-testid="knocked-out"' not in after
    assert "Ada Quill" in after and "Bram Holt" in after
    rows = client.get(f"/api/v1/engagements/{engagement.pk}/ranking/").json()["results"]
    assert {row["knocked_out"] is None for row in rows} == {True}
    strip = lambda page: page.split('id="ranking"')[1]  # noqa: E731
    assert strip(before) == strip(after)


def test_the_owner_sets_the_knockout_criteria_on_the_rounds_form(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    edit = reverse("engagements:edit", args=[engagement.pk])
    page = client.get(edit).text
    assert "Knockout criteria" in page
    data = {
        "title": engagement.title,
        "target_market": engagement.target_market,
        "goals": engagement.goals,
        "timing": engagement.timing or "Soon.",
        "currency": engagement.currency,
        "references_required": engagement.references_required,
        "deadline": timezone.localtime(engagement.deadline).strftime("%Y-%m-%dT%H:%M"),
        "questionnaire": engagement.questionnaire_id,
        "version": engagement.version,
        "knockout_min_total": "55",
        "knockout_min_criterion": "",
        "knockout_min_references": "101",
        **{f"weight_{k}": v for k, v in engagement.weights.items()},
    }

    refused = client.post(edit, data)
    saved = client.post(edit, {**data, "knockout_min_references": "2"})

    assert refused.status_code == 200
    assert "Ensure this value is less than or equal to 10." in refused.text
    assert saved.status_code == 302
    engagement.refresh_from_db()
    assert (engagement.knockout_min_total, engagement.knockout_min_criterion) == (55, None)
    assert engagement.knockout_min_references == 2
    assert Knockouts.of(engagement).settings == [
        "a total of at least 55",
        "at least 2 references checked",
    ]


def test_the_ranking_with_a_list_apart_costs_the_same_queries_with_2_or_30_knocked_out(
    client: Client, procurement: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import clear_cache

    def queries(knocked_out: int) -> int:
        round_ = EngagementFactory(
            owner=procurement, status=EngagementStatus.OPEN, knockout_min_total=100
        )
        ids = [submitted_quickly(round_).pk for _ in range(knocked_out)]
        scorecards_recompute(ids)
        url = reverse("engagements:ranking", args=[round_.pk])
        client.get(url)
        clear_cache()  # measure the build, not the kept page
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).text
        assert page.count('data-testid="knocked-out-row"') == knocked_out
        return len(captured)

    client.force_login(procurement)

    assert queries(2) == queries(30)


def test_a_figure_just_under_the_limit_is_not_rounded_up_to_it() -> None:
    rules = Knockouts(58, 40, None, Engagement().criteria, must_haves=False)
    row = SimpleNamespace(
        total=57.6,
        knockouts=0,
        criteria={"experience_social": 0.396, "references": None},
        references_done=0,
    )

    assert rules.reasons(row) == [
        "total 57.6, below 58",
        "social media experience 39.6%, below 40%",
    ]
