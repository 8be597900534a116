"""What the ranking and score pages say in their small spaces can be read whole: the blind
score cell is a complete sentence, the criteria bars are numbered and named in a legend
(each bar also labelled for screen readers and on hover), and the score page's mini bars
name their criterion."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, submitted_quickly
from vetting.models import EngagementStatus, User
from vetting.scoring.rubric import CRITERIA
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(procurement: User, manager: User):
    engagement = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(manager)
    submission = submitted_quickly(engagement, name="Clara Okafor")
    scorecards_recompute([submission.pk])
    return submission


def test_a_blind_score_says_so_in_a_whole_sentence(client, manager: User, scored) -> None:
    client.force_login(manager)  # on the panel, has not reviewed Clara yet

    page = client.get(reverse("engagements:ranking", args=[scored.engagement_id])).text

    cell = re.search(r'data-testid="blind-score">(.*?)</div>', page).group(1)
    words = re.sub(r"<[^>]+>", "", cell)
    assert words == "Review first Clara Okafor: the score stays blind until you do."
    assert reverse("submissions:review", args=[scored.pk]) in cell


def test_the_criteria_bars_are_numbered_and_named(client, procurement: User, scored) -> None:
    client.force_login(procurement)

    page = client.get(reverse("engagements:ranking", args=[scored.engagement_id])).text

    legend = re.sub(r"<[^>]+>", "", re.search(r'criteria-legend">(.*?)</li>', page, re.S)[1])
    for number, criterion in enumerate(CRITERIA, start=1):
        assert f"{number}&nbsp;{criterion.label}" in legend
    # The column's key numbers the bars and names each criterion once ...
    key = re.search(r'<div class="crit-key" aria-hidden="true">(.*?)</div>', page)[1]
    assert re.sub(r"<[^>]+>", "", key) == "".join(str(n) for n in range(1, len(CRITERIA) + 1))
    assert re.findall(r'<span title="([^"]+)">\d</span>', key) == [c.label for c in CRITERIA]
    # ... and each row's bars are one image listing the values in that order, which app.js
    # names with the key ("1 Social media experience: 95%, ..."; see the browser test).
    values = re.search(r'class="cb[^"]*" role="img" title="([^"]+)"', page)[1].split(", ")
    assert len(values) == len(CRITERIA)
    assert all(re.fullmatch(r"\d+%|no data", value) for value in values)


def test_the_score_page_mini_bars_name_their_criterion(client, procurement: User, scored):
    client.force_login(procurement)

    page = client.get(reverse("submissions:score", args=[scored.pk])).text

    bars = re.findall(r'<svg class="mini-bar"[^>]*aria-label="([^"]+)"', page)
    labels = [label.split(":")[0] for label in bars]
    assert labels == [c.label for c in CRITERIA if any(b.startswith(c.label) for b in bars)]
    assert labels  # every scored criterion has its bar
    assert all(re.fullmatch(r"[^:]+: \d+%", label) for label in bars)
