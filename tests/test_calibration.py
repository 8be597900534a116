"""The calibration report: each reviewer's mean rating per criterion against the panel's,
signed, with their ratings drawn as a small histogram; blind for reviewers, like every other
view of the ratings."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, UserFactory, submitted_quickly, submitted_review
from vetting.models import EngagementStatus, User
from vetting.roles import Role
from vetting.scoring.rubric import CRITERION_KEYS

pytestmark = pytest.mark.django_db


def every(rating: int) -> dict[str, int]:
    return dict.fromkeys(CRITERION_KEYS, rating)


@pytest.fixture
def panel(procurement: User, manager: User) -> dict:
    """The owner rates Ada all 5s and Bo all 1s; the manager rates only Ada, all 3s."""
    engagement = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(manager)
    ada = submitted_quickly(engagement, name="Ada Quinn")
    bo = submitted_quickly(engagement, name="Bo Lind")
    submitted_review(ada, procurement, every(5))
    submitted_review(bo, procurement, every(1))
    submitted_review(ada, manager, every(3))
    return {
        "engagement": engagement,
        "url": reverse("engagements:calibration", args=[engagement.pk]),
    }


def rows_by_name(response) -> dict[str, dict]:
    return {row["reviewer"].display_name: row for row in response.context["rows"]}


def test_the_owner_compares_every_reviewer_with_the_whole_panel(
    client, procurement, manager, panel
):
    client.force_login(procurement)

    response = client.get(panel["url"])

    rows = rows_by_name(response)
    owner, reviewer = rows[procurement.display_name], rows[manager.display_name]
    # The panel's mean on each criterion is (5 + 1 + 3) / 3 = 3.
    assert owner["done"] == 2 and reviewer["done"] == 1
    assert {c["mean"] for c in owner["cells"]} == {3}
    assert {c["delta_text"] for c in reviewer["cells"]} == {"+0.0"}
    assert owner["distribution"] == [7, 0, 0, 0, 7]
    assert response.context["blind"] is False


def test_a_reviewer_compares_only_on_the_consultants_they_reviewed(
    client, procurement, manager, panel
):
    client.force_login(manager)

    response = client.get(panel["url"])

    rows = rows_by_name(response)
    # Only Ada counts: the owner's 5s against a panel mean of 4, the manager's 3s.
    assert rows[procurement.display_name]["done"] == 1
    assert {c["delta_text"] for c in rows[procurement.display_name]["cells"]} == {"+1.0"}
    assert {c["tendency"] for c in rows[procurement.display_name]["cells"]} == {"lenient"}
    assert {c["delta_text"] for c in rows[manager.display_name]["cells"]} == {"−1.0"}
    assert rows[procurement.display_name]["distribution"] == [0, 0, 0, 0, 7]  # no 1s for Bo
    assert "the 1 consultant you have reviewed" in response.text
    assert {c["tendency"] for c in rows[manager.display_name]["cells"]} == {"severe"}
    assert "(+1.0)" in response.text and "(−1.0)" in response.text


def test_a_reviewer_who_has_reviewed_nobody_sees_no_ratings(client, procurement, panel):
    newcomer = UserFactory(role=Role.MANAGER)
    panel["engagement"].reviewers.add(newcomer)
    client.force_login(newcomer)

    response = client.get(panel["url"])

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "submit your review of a consultant to see how the panel rated them" in response.text
    assert procurement.display_name not in response.text.split("</nav>")[-1]


def test_each_reviewers_ratings_are_drawn_with_their_counts(client, procurement, panel):
    client.force_login(procurement)

    html = client.get(panel["url"]).text

    drawn = f"How often {procurement.display_name} gave each rating: 1: 7, 2: 0, 3: 0, 4: 0, 5: 7"
    assert f'aria-label="{drawn}"' in html
    assert html.count('class="histogram-bar"') == 2 * 5
