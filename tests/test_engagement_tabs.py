"""The tabs that join an engagement's pages (overview, ranking, calibration, audit trail,
report), and the ways into the ranking from the engagements list and the score page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, SubmissionFactory, submitted_quickly
from vetting.models import Engagement, EngagementStatus, User
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db

TABS = [
    ("Overview", "engagements:detail"),
    ("Ranking", "engagements:ranking"),
    ("Value", "engagements:value"),
    ("Calibration", "engagements:calibration"),
    ("Audit trail", "engagements:audit"),
    ("Report", "engagements:report"),
]
TAB = re.compile(
    r'<a class="nav-link( active)?" href="([^"]+)"( aria-current="(\w+)")?>([^<]+)</a>'
)


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    picked = [submitted_quickly(round_, name=name) for name in ("Ada Quill", "Bram Holt")]
    scorecards_recompute([s.pk for s in picked])
    return round_


def tabs(html: str) -> list[tuple[str, str, str]]:
    """(label, link, aria-current) of each tab, in order."""
    return [(label, href, current) for _, href, _, current, label in TAB.findall(html)]


def expected_tabs(engagement: Engagement, current: str, marked: str = "page") -> list[tuple]:
    return [
        (label, reverse(name, args=[engagement.pk]), marked if label == current else "")
        for label, name in TABS
    ]


@pytest.mark.parametrize("role", ["procurement", "manager"])
@pytest.mark.parametrize(("current", "url_name"), TABS)
def test_every_engagement_page_shows_all_its_tabs_with_the_current_one_marked(
    client: Client, request, engagement, role, current, url_name
):
    # Every tab's page lets in the owner and the reviewers alike: none is hidden by role.
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(url_name, args=[engagement.pk]))

    assert response.status_code == 200
    assert tabs(response.text) == expected_tabs(engagement, current)


def test_the_compare_page_shows_it_belongs_to_the_ranking(client, procurement, engagement):
    client.force_login(procurement)
    ids = engagement.submissions.values_list("pk", flat=True)

    response = client.get(
        reverse("engagements:compare", args=[engagement.pk]), {"s": [str(pk) for pk in ids]}
    )

    assert response.status_code == 200
    assert tabs(response.text) == expected_tabs(engagement, "Ranking", marked="true")


@pytest.mark.parametrize("role", ["outsider", "consultant"])
@pytest.mark.parametrize(("current", "url_name"), TABS)
def test_people_outside_the_engagement_get_no_page_and_no_tabs(
    client, request, engagement, role, current, url_name
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(url_name, args=[engagement.pk]))

    assert response.status_code == 404
    assert 'data-testid="engagement-nav"' not in response.text


def test_the_overview_links_each_page_once_from_its_tabs(client, procurement, engagement):
    client.force_login(procurement)

    html = client.get(engagement.get_absolute_url()).text

    for _, name in TABS[2:]:  # (the ranking is also named in the next step's hint)
        assert html.count(f'href="{reverse(name, args=[engagement.pk])}"') == 1, name
    assert "Reviewer calibration" not in html and "Printable report" not in html


def test_the_ranking_leaves_the_ways_out_to_the_tabs(client, procurement, engagement):
    client.force_login(procurement)

    html = client.get(reverse("engagements:ranking", args=[engagement.pk])).text

    assert "Round settings and invitations" not in html
    assert html.count(f'href="{reverse("engagements:calibration", args=[engagement.pk])}"') == 1


def test_the_engagements_list_leads_to_the_ranking_of_rounds_with_submissions(
    client, procurement, engagement
):
    waiting = EngagementFactory(owner=procurement, title="Nobody has submitted")
    SubmissionFactory(engagement=waiting)
    client.force_login(procurement)

    html = client.get(reverse("engagements:list")).text

    assert f'href="{reverse("engagements:ranking", args=[engagement.pk])}"' in html
    assert reverse("engagements:ranking", args=[waiting.pk]) not in html


def test_a_reviewer_also_reaches_the_ranking_from_the_list(client, manager, engagement):
    client.force_login(manager)

    html = client.get(reverse("engagements:list")).text

    assert f'href="{reverse("engagements:ranking", args=[engagement.pk])}"' in html
