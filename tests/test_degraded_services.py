"""When the cache or the database is away: pages degrade or say 503, never a 500.

The cache settings are read from a separate process with CACHE_URL set, as a deployment
reads them; "down" is a Redis URL on a local port nobody listens on (tests/faults/ does it with
a real Redis and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, submitted_quickly
from tests.faults.stack import deployed_settings, spare_port
from vetting.models import EngagementStatus
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings: Any) -> None:
    """The cache a deployment with CACHE_URL=redis://... has, with its Redis gone."""
    url = f"redis://127.0.0.1:{spare_port()}/1"
    deployed = deployed_settings(
        {"CACHE_URL": url}, "CACHES", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"
    )
    settings.CACHES = deployed["CACHES"]
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = deployed["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]


def test_the_ranking_page_computes_the_score_distribution_when_the_cache_is_down(
    client, procurement, cache_down
):
    round_ = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    submissions = [submitted_quickly(round_, name=f"Ada {n}") for n in range(3)]
    scorecards_recompute([s.pk for s in submissions])  # its cache write is lost
    client.force_login(procurement)

    response = client.get(reverse("engagements:ranking", args=[round_.pk]))

    assert response.status_code == 200
    assert 'id="distribution-chart"' in response.text
    assert sum(n for _, n in response.context["distribution"]) == 3


def test_sign_up_stays_open_when_the_cache_that_counts_rate_limits_is_down(
    client, cache_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signup"),
            {"first_name": "Nadia", "last_name": "Karim", "email": "nadia@example.com"},
        )

    assert response.status_code == 302


@contextmanager
def database_unreachable() -> Iterator[None]:
    """Every query fails as it does when PostgreSQL cannot be reached."""

    def unreachable(self: BaseDatabaseWrapper, *args: Any, **kwargs: Any) -> None:
        raise OperationalError('connection to server at "db" failed: Connection refused')

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "_cursor", unreachable)
        yield


def test_a_page_says_503_with_retry_after_when_the_database_is_unreachable(procurement):
    client = Client(raise_request_exception=False)
    client.force_login(procurement)
    with database_unreachable():
        response = client.get(reverse("engagements:list"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert "Winnow is unavailable for a moment" in response.text
    assert "try again in a minute" in response.text


def test_the_api_says_503_in_json_when_the_database_is_unreachable(procurement):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(procurement)
    with database_unreachable():
        response = client.get("/api/v1/engagements/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is unavailable for a moment (its database cannot be reached): "
        "nothing was changed; try again shortly."
    }


def test_other_server_errors_stay_500_and_the_api_answers_json(procurement, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr("vetting.api.engagements.EngagementViewSet.list", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(procurement)

    response = client.get("/api/v1/engagements/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert response.json() == {"detail": "A server error occurred. It is logged."}
