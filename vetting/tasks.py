"""Celery tasks: thin, take ids, call one function, retry on transient errors.

Queue them with `task.delay_on_commit(...)` so that they never run against data that was
rolled back. Every email they send is keyed, so running a task twice sends once.
"""

from __future__ import annotations

import smtplib

from celery import shared_task

from vetting import notifications

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
    return notifications.send_welcome(user_id)


@shared_task(**RETRY)
def send_sign_up_email(key: str, email: str, first_name: str, last_name: str) -> bool:
    """Takes the sign-up itself, not an id: nothing is stored before the address is proven."""
    return notifications.send_sign_up(
        key=key, email=email, first_name=first_name, last_name=last_name
    )


@shared_task(**RETRY)
def send_invitation(invitation_id: int) -> bool:
    return notifications.send_invitation(invitation_id)


@shared_task(**RETRY)
def notify_submission_submitted(submission_id: int) -> int:
    return notifications.notify_submission_submitted(submission_id)


@shared_task(**RETRY)
def send_deadline_reminders() -> int:
    """Beat runs this every hour."""
    return notifications.send_deadline_reminders()


@shared_task(**RETRY)
def send_reference_request(check_id: int) -> bool:
    return notifications.send_reference_request(check_id)


@shared_task(**RETRY)
def send_referee_reminders() -> int:
    """Beat runs this every hour."""
    return notifications.send_referee_reminders()


@shared_task(**RETRY)
def send_call_digest() -> int:
    """Beat runs this every morning."""
    return notifications.send_call_digest()


@shared_task(**RETRY)
def recompute_scorecards(submission_ids: list[int]) -> int:
    """Idempotent: cards whose inputs did not change are not written."""
    # Imported here: the services module queues this task, so a top-level import would loop.
    from vetting.services.scoring import scorecards_recompute

    return scorecards_recompute(submission_ids)


@shared_task(**RETRY)
def notify_conflict_declared(review_id: int) -> bool:
    return notifications.notify_conflict_declared(review_id)


@shared_task(**RETRY)
def send_decision_outcome(submission_id: int, outcome: str) -> bool:
    return notifications.send_decision_outcome(submission_id, outcome)


@shared_task(**RETRY)
def build_export(export_id: int) -> bool:
    """Idempotent: an export that is done is not built again."""
    # Imported here: the services module queues this task, so a top-level import would loop.
    from vetting.services.exports import export_build

    return export_build(export_id=export_id)


@shared_task(**RETRY)
def purge_exports() -> int:
    """Beat runs this every night."""
    from vetting.services.exports import exports_purge

    return exports_purge()


@shared_task(**RETRY)
def notify_conflict_overridden(review_id: int) -> bool:
    return notifications.notify_conflict_overridden(review_id)
