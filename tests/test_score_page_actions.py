"""The score page's ways on: back to the ranking for everyone, "Decide" for the owner (with
why a hold limits the decision), and a criteria table whose columns fit a phone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, FlagFactory, submitted_quickly, submitted_review
from vetting.models import Engagement, EngagementStatus, Submission, User
from vetting.services import decision_record, scorecards_recompute

pytestmark = pytest.mark.django_db

HOLD = 'data-testid="decide-hold"'


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    return round_


@pytest.fixture
def submission(engagement: Engagement, manager: User) -> Submission:
    scored = submitted_quickly(engagement, name="Ada Quill")
    submitted_review(scored, manager)  # so that the reviewer may see the score
    scorecards_recompute([scored.pk])
    return scored


def score_page(client, user: User, submission: Submission) -> str:
    client.force_login(user)
    response = client.get(reverse("submissions:score", args=[submission.pk]))
    assert response.status_code == 200
    return response.text


def actions(html: str) -> str:
    return html.split('data-testid="score-actions"')[1].split("</div>")[0]


def test_the_owner_can_decide_from_the_score_page(client, procurement, submission):
    html = actions(score_page(client, procurement, submission))

    assert f'href="{reverse("submissions:decide", args=[submission.pk])}"' in html
    assert "Decide" in html


def test_a_reviewer_is_not_offered_the_decision(client, manager, submission):
    html = score_page(client, manager, submission)

    assert reverse("submissions:decide", args=[submission.pk]) not in html


@pytest.mark.parametrize("role", ["procurement", "manager"])
def test_the_score_page_leads_back_to_the_ranking(client, request, submission, role):
    html = actions(score_page(client, request.getfixturevalue(role), submission))

    ranking = reverse("engagements:ranking", args=[submission.engagement_id])
    assert f'href="{ranking}"' in html and "Back to the ranking" in html


def test_a_hold_says_beside_decide_why_only_rejection_is_open(client, procurement, submission):
    FlagFactory(reference_check__submission=submission, hold=True)
    scorecards_recompute([submission.pk])

    html = score_page(client, procurement, submission)

    assert 'aria-describedby="decide-hold"' in actions(html)
    hold = html.split(HOLD)[1].split("</div>")[0]
    assert "1 hold flag (suspected reference fraud)" in hold
    assert "you may reject Ada Quill, but not shortlist or select them" in hold


def test_without_a_hold_there_is_no_warning(client, procurement, submission):
    assert HOLD not in score_page(client, procurement, submission)


def test_a_reviewer_is_not_told_about_deciding_on_a_hold(client, manager, submission):
    FlagFactory(reference_check__submission=submission, hold=True)
    scorecards_recompute([submission.pk])

    assert HOLD not in score_page(client, manager, submission)


def test_outsiders_get_no_score_page(client, outsider, submission):
    client.force_login(outsider)

    assert client.get(reverse("submissions:score", args=[submission.pk])).status_code == 404


def test_on_a_phone_the_weight_moves_under_the_criterion_so_the_points_fit(
    client, procurement, submission
):
    html = score_page(client, procurement, submission)

    table = html.split('<div class="table-responsive">', 1)[1].split("</table>")[0]
    assert 'data-testid="criteria"' in table  # and it scrolls in its box if ever too wide
    assert '<th scope="col" class="text-end d-none d-sm-table-cell">Weight</th>' in table
    assert (
        len(
            re.findall(r'<div class="small text-body-secondary d-sm-none">weight \d+%</div>', table)
        )
        == 7
    )


def test_a_decided_submission_shows_its_decision_and_offers_to_change_it(
    client, procurement, manager, submission
):
    decision_record(
        submission=submission,
        by=procurement,
        outcome="shortlisted",
        rationale="Measured results and a plan that starts from our buyers.",
        approver=manager,
    )

    html = score_page(client, procurement, submission)

    assert "Change the decision" in actions(html)
    shown = html.split('data-testid="score-decision"')[1].split("</p>")[0]
    assert "Shortlisted" in shown and manager.display_name in shown
    assert "Measured results and a plan that starts from our buyers." in shown
