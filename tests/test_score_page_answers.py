"""The score page explains what each answer earned (the question's evidence, caps, repeats),
a card scored by an earlier rubric stays readable, and `recompute_scores` upgrades it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, submitted_quickly
from vetting.models import Answer, Engagement, EngagementStatus, ScoreCard, Submission, User
from vetting.scoring.inputs import RUBRIC_VERSION
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db

OLD_RUBRIC = "2026.11-5"
PASTED = (
    "We build relationships and listen to your customers; your own team runs the community "
    "with our coaching, and we measure leads every month across sales and support."
)


@pytest.fixture
def engagement(procurement: User) -> Engagement:
    return EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )


@pytest.fixture
def submission(engagement: Engagement) -> Submission:
    scored = submitted_quickly(engagement, name="Ada Quill")
    scorecards_recompute([scored.pk])
    return scored


def score_page(client, procurement: User, submission: Submission) -> str:
    client.force_login(procurement)
    response = client.get(reverse("submissions:score", args=[submission.pk]))
    assert response.status_code == 200
    return response.text


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</ul>")[0].split("</p>")[0]


def test_each_answer_lists_what_its_question_asks_for_found_or_missing(
    client, procurement, submission
):
    html = score_page(client, procurement, submission)

    evidence = section(html, "evidence-media_vs_marketing")
    assert "Found: </span>The distinction between social media and social marketing" in evidence
    assert 'data-testid="answer-value-first_steps"' in html
    assert "How this answer scored" in html


def test_an_answer_pasted_from_another_says_so_and_why_it_earns_nothing(
    client, procurement, submission
):
    Answer.objects.filter(
        submission=submission,
        question__key__in=["media_vs_marketing", "first_steps"],
    ).update(value=PASTED)
    scorecards_recompute([submission.pk])

    html = score_page(client, procurement, submission)

    repeated = section(html, "repeated-first_steps")
    assert "100% of this answer repeats the answer on media vs marketing" in repeated
    assert "earns nothing here" in repeated
    card = ScoreCard.objects.get(submission=submission)
    assert card.data["answers"]["first_steps"]["repeated"] == 1.0


def test_a_card_from_an_earlier_rubric_is_still_shown_and_says_so(client, procurement, submission):
    card = ScoreCard.objects.get(submission=submission)
    old = {**card.data, "rubric_version": OLD_RUBRIC}
    old.pop("answers")
    old["signals"] = {
        key: [
            {
                k: v
                for k, v in s.items()
                if k in ("code", "polarity", "principle", "start", "end", "text")
            }
            for s in spans
        ]
        for key, spans in card.data["signals"].items()
    }
    ScoreCard.objects.filter(pk=card.pk).update(rubric_version=OLD_RUBRIC, data=old)

    html = score_page(client, procurement, submission)

    assert f"Rubric {OLD_RUBRIC} (an earlier rubric" in html
    assert 'data-testid="evidence-' not in html
    assert 'data-testid="highlight-first_steps"' in html


def test_recompute_scores_upgrades_cards_of_an_earlier_rubric(submission):
    ScoreCard.objects.filter(submission=submission).update(
        rubric_version=OLD_RUBRIC, inputs_hash="0" * 64
    )
    out = io.StringIO()

    call_command("recompute_scores", stdout=out, stderr=io.StringIO())

    card = ScoreCard.objects.get(submission=submission)
    assert card.rubric_version == RUBRIC_VERSION
    assert "answers" in card.data
    assert f"1 card(s) written, 1 of them upgraded to rubric {RUBRIC_VERSION}" in out.getvalue()

    again = io.StringIO()
    call_command("recompute_scores", stdout=again, stderr=io.StringIO())
    assert "0 card(s) written, 1 unchanged" in again.getvalue()
