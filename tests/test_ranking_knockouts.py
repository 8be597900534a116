"""The ranking marks a consultant who answered no to a must-have, and its filter leaves
them out (or shows only them); a blind reviewer learns nothing of it (a knockout is a
flag)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, submitted_quickly
from vetting.models import Engagement, EngagementStatus, ScoreCard, User
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db
MARK = "misses a must-have"


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    ada = submitted_quickly(round_, name="Ada Quill")
    bram = submitted_quickly(round_, name="Bram Holt")
    scorecards_recompute([ada.pk, bram.pk])
    # As the score card of a "no" to a must-have has it (vetting/scoring/buyer.py); saved
    # through the model, as a recompute's write moves the round's data version.
    card = ScoreCard.objects.get(submission=bram)
    card.knockouts = 1
    card.save()
    return round_


def _ranking(client: Client, engagement: Engagement, query: str = "") -> str:
    return client.get(reverse("engagements:ranking", args=[engagement.pk]) + query).text


def test_a_knocked_out_consultant_is_marked(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)

    page = _ranking(client, engagement)

    rows = {name: next(r for r in page.split("<tr") if name in r) for name in ("Ada", "Bram")}
    assert MARK in rows["Bram"]
    assert MARK not in rows["Ada"]


def test_the_ranking_can_leave_them_out_or_show_only_them(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)

    meets = _ranking(client, engagement, "?flag=meets")
    missing = _ranking(client, engagement, "?flag=knockout")

    assert "Ada Quill" in meets and "Bram Holt" not in meets
    assert "Bram Holt" in missing and "Ada Quill" not in missing


def test_a_blind_reviewer_sees_no_mark(
    client: Client, manager: User, engagement: Engagement
) -> None:
    client.force_login(manager)

    assert MARK not in _ranking(client, engagement)
