"""The ranking page stays small: a page of fifty rows, every criterion scored, every row
with flags, a hold and a blocked decision, is at most 60 KB of HTML (the bars, intervals
and charts are drawn by cached CSS and JS, not repeated in every row). Its size is a fact
of the markup, not a timing, so it is pinned here; bench/bench_dashboard.py prints it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsultantFactory, EngagementFactory, submitted_quickly
from vetting.bars import STYLESHEET, stylesheet
from vetting.models import Decision, Engagement, EngagementStatus, ScoreCard, User
from vetting.scoring.rubric import CRITERIA, CUSTOM_MAX
from vetting.services import decision_record, scorecards_recompute

pytestmark = pytest.mark.django_db

ROWS = 55  # a full first page and a second one, so the page links show too
LIMIT = 60 * 1024


@pytest.fixture
def busy(procurement: User, manager: User) -> Engagement:
    """A round whose rows show about the most they can: names and agencies as long as the
    benchmark's (bench/generate.py), all seven criteria scored, red and green flags and a
    decision on every row, and on every fifth a hold that blocks its decision."""
    engagement = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=2,
    )
    engagement.reviewers.add(manager)
    submissions = [
        submitted_quickly(
            engagement,
            consultant=ConsultantFactory(
                name=f"Alexandra Whitfield-Okafor {i:03d}", agency=f"Agency {i % 97}"
            ),
            years_social=2 + i % 11,
            years_clients=1 + i % 2,
        )
        for i in range(ROWS)
    ]
    scorecards_recompute([s.pk for s in submissions])
    for submission in submissions:
        decision_record(submission=submission, by=procurement, outcome="rejected", rationale="No.")
    cards = ScoreCard.objects.filter(engagement=engagement)
    cards.update(references=0.875, red_flags=3, green_flags=2, references_done=2, reviews_done=2)
    held = [s.pk for s in submissions[::5]]
    cards.filter(submission__in=held).update(holds=1)
    Decision.objects.filter(submission__in=held).update(blocked_at=timezone.now())
    return engagement


def test_a_full_page_of_fifty_rows_is_at_most_60_kb(client: Client, procurement, busy) -> None:
    client.force_login(procurement)
    url = reverse("engagements:ranking", args=[busy.pk])

    page = client.get(url)
    table = client.get(url, {"page": "2"}, headers={"HX-Request": "true"})

    html = page.content.decode()
    assert len(page.context["rows"]) == 50
    # every row shows its score, interval, seven bars, flags and decision
    assert len(re.findall(r'class="iv l\d+ u\d+ t\d+" role="img" aria-label="', html)) == 50
    assert (
        len(re.findall(r'class="cb( [a-g]\d+){7}" role="img" title="(\d+%, ){6}\d+%"', html)) == 50
    )
    assert html.count('data-testid="decision-blocked"') == 10
    assert html.count(">hold</span>") == 10 + 1  # and the legend's
    assert "Page 1 of 2" in html
    print(f"\nranking page of 50: {len(page.content):,} bytes, htmx table {len(table.content):,}")
    assert len(page.content) <= LIMIT, f"{len(page.content):,} bytes"
    assert len(table.content) < len(page.content)


def test_the_bars_stylesheet_is_the_one_vetting_bars_writes() -> None:
    """static/css/bars.css has a rule for every class the rows can carry; after changing
    the scales or the criteria, `python -m vetting.bars` writes it again."""
    assert STYLESHEET.read_text() == stylesheet(len(CRITERIA) + CUSTOM_MAX)
