"""Task bodies, run directly; and one real round trip through Redis and a Celery worker."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import UserFactory
from tests.faults.stack import deployed_settings
from vetting.celery import app as celery_app
from vetting.models import SentEmail
from vetting.roles import Role
from vetting.tasks import outbox_relay, outbox_sweep, recompute_scorecards, send_welcome_email


@pytest.mark.django_db
def test_the_welcome_email_is_rendered_in_text_and_html():
    user = UserFactory(first_name="Nadia", email="nadia@example.com", role=Role.CONSULTANT)

    assert send_welcome_email(user.pk) is True

    message = mail.outbox[0]
    assert message.subject == "Welcome to Winnow, Nadia"
    assert "Hello Nadia," in message.body
    assert "http://127.0.0.1:8000/profile/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="http://127.0.0.1:8000/profile/">Complete your profile</a>' in html


@pytest.mark.django_db
def test_the_welcome_email_is_sent_once_even_if_the_task_runs_twice():
    user = UserFactory(role=Role.CONSULTANT)

    first, second = send_welcome_email(user.pk), send_welcome_email(user.pk)

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    assert SentEmail.objects.get().key == f"welcome:{user.pk}"


@pytest.mark.django_db
def test_a_welcome_for_a_deleted_user_is_skipped_quietly():
    assert send_welcome_email(987654) is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_leaves_no_record_so_that_the_retry_sends(monkeypatch):
    user = UserFactory(role=Role.CONSULTANT)

    def refuse(*args, **kwargs):
        raise ConnectionError("mail server away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(ConnectionError):
        send_welcome_email.run(user.pk)
    monkeypatch.undo()

    assert not SentEmail.objects.exists()
    assert send_welcome_email(user.pk) is True


def test_tasks_are_acknowledged_late_and_retry_with_backoff():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert send_welcome_email.autoretry_for
    assert send_welcome_email.retry_backoff == 30


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_sends_the_welcome_email(redis_url, celery_worker):
    user = UserFactory(first_name="Wanda", email="wanda@example.com", role=Role.CONSULTANT)

    send_welcome_email.delay(user.pk)

    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["wanda@example.com"]]
    assert mail.outbox[0].subject == "Welcome to Winnow, Wanda"
    assert SentEmail.objects.filter(key=f"welcome:{user.pk}").exists()


def test_an_email_task_has_a_short_time_limit_and_the_others_the_long_one():
    assert send_welcome_email.time_limit == settings.EMAIL_TASK_TIME_LIMIT == 60
    assert send_welcome_email.soft_time_limit == 48
    assert recompute_scorecards.time_limit == settings.CELERY_TASK_TIME_LIMIT == 300
    assert recompute_scorecards.soft_time_limit == 240


def test_a_lost_task_comes_back_within_about_twice_the_longest_time_limit():
    """The visibility timeout is twice the longest limit, and workers look for expired
    messages every tenth of it (kombu alone would look every 100 s)."""
    deployed = deployed_settings(
        {"CELERY_TASK_TIME_LIMIT": "40", "CELERY_EMAIL_TIME_LIMIT": "10"},
        "CELERY_BROKER_TRANSPORT_OPTIONS",
    )

    assert deployed["CELERY_BROKER_TRANSPORT_OPTIONS"] == {
        "visibility_timeout": 80,
        "unacked_restore_interval": 8,
        "unacked_restore_throttle": 1,
    }


def test_a_retry_waits_less_than_the_visibility_timeout():
    """A worker holds a retry until it is due; held past the visibility timeout, the broker
    would hand it to a second worker meanwhile."""
    assert send_welcome_email.retry_backoff_max < settings.BROKER_VISIBILITY_TIMEOUT


def test_beat_relays_the_outbox_every_30_seconds_and_sweeps_every_five_minutes():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["outbox-relay"]["task"] == outbox_relay.name
    assert schedule["outbox-relay"]["schedule"] == 30
    assert schedule["outbox-sweep"]["task"] == outbox_sweep.name
    assert schedule["outbox-sweep"]["schedule"] == 300
