from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_reports_database_ok_and_inline_tasks_in_embedded_mode(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("vetting.views.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_unreachable(client, celery_conf, monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    celery_conf(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_ok_with_a_reachable_broker(client, celery_conf, redis_url):
    celery_conf(task_always_eager=False, broker_url=redis_url)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
