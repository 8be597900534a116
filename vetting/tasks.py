"""Celery tasks: thin, take ids, call a service or send one email, retry on transient errors.

Queue them with `task.delay_on_commit(...)` so that they never run against data that was
rolled back.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.contrib.auth import get_user_model

from vetting.emails import send_email_once

log = logging.getLogger(__name__)

# Failures worth another try: the mail server or the network hiccuped.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(**RETRY)
def send_welcome_email(user_id: int) -> bool:
    """Welcome a consultant who has just signed up; sent once. True if this run sent it."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        log.info("welcome email skipped: user %s no longer exists", user_id)
        return False
    return send_email_once(
        key=f"welcome:{user.pk}", to=user.email, template="welcome", context={"user": user}
    )
