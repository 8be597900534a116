"""Celery tasks: thin, take ids, call one function, retry on transient errors.

Queue them through the outbox (`vetting.outbox.enqueue(task, *args)`), in the transaction of
the change that implies them: they never run against data that was rolled back, and a
broker outage delays them without losing them. Every task is idempotent (emails are keyed,
recomputes compare an inputs hash), so a second delivery does nothing.
"""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.conf import settings

from vetting import notifications, outbox

# Failures worth another try: the mail server or the network hiccuped. The wait between
# tries stays under the broker's visibility timeout: a retry held longer by a worker would
# be handed to a second one meanwhile.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": min(30 * 60, settings.BROKER_VISIBILITY_TIMEOUT // 2),
    "retry_jitter": True,
    "max_retries": 6,
}
# One email: a short limit, so that a lost one comes back soon.
EMAIL = {
    **RETRY,
    "time_limit": settings.EMAIL_TASK_TIME_LIMIT,
    "soft_time_limit": settings.EMAIL_TASK_TIME_LIMIT * 4 // 5,
}
# Everything else runs under CELERY_TASK_TIME_LIMIT (a batch of cards, an export, reminders).


@shared_task(**EMAIL)
def send_welcome_email(user_id: int) -> bool:
    return notifications.send_welcome(user_id)


@shared_task(**EMAIL)
def send_membership_email(membership_id: int, new_account: bool) -> bool:
    return notifications.send_membership(membership_id, new_account)


@shared_task(**EMAIL)
def send_sign_up_email(
    key: str, email: str, first_name: str, last_name: str, language: str | None = None
) -> bool:
    """Takes the sign-up itself, not an id: nothing is stored before the address is proven.
    `language`: the page's the sign-up came from (the email is in it)."""
    return notifications.send_sign_up(
        key=key, email=email, first_name=first_name, last_name=last_name, language=language
    )


@shared_task(**EMAIL)
def send_invitation(invitation_id: int) -> bool:
    return notifications.send_invitation(invitation_id)


@shared_task(**EMAIL)
def notify_submission_submitted(submission_id: int) -> int:
    return notifications.notify_submission_submitted(submission_id)


@shared_task(**RETRY)
def send_deadline_reminders() -> int:
    """Beat runs this every hour."""
    return notifications.send_deadline_reminders()


@shared_task(**EMAIL)
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
def check_copies(submission_id: int) -> int:
    """Fingerprint a submitted self-assessment's long answers and record where their words
    appear (idempotent: printed answers are not read again). The number of matches found."""
    # Imported here: the submissions service queues this task (a top-level import loops).
    from vetting.models import Submission
    from vetting.services.copies import submission_copies_check

    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None:
        return 0
    return submission_copies_check(submission=submission).matches


@shared_task(**EMAIL)
def notify_conflict_declared(review_id: int) -> bool:
    return notifications.notify_conflict_declared(review_id)


@shared_task(**EMAIL)
def send_decision_outcome(submission_id: int, outcome: str) -> bool:
    return notifications.send_decision_outcome(submission_id, outcome)


@shared_task(**EMAIL)
def notify_approval_requested(approval_id: int) -> bool:
    return notifications.notify_approval_requested(approval_id)


@shared_task(**EMAIL)
def notify_approval_answered(action_id: int) -> bool:
    return notifications.notify_approval_answered(action_id)


@shared_task(**EMAIL)
def notify_approval_blocked(approval_id: int) -> int:
    return notifications.notify_approval_blocked(approval_id)


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


@shared_task(**EMAIL)
def notify_clarification_asked(clarification_id: int) -> bool:
    return notifications.notify_clarification_asked(clarification_id)


@shared_task(**EMAIL)
def notify_clarification_answered(reply_id: int, version: int) -> bool:
    return notifications.notify_clarification_answered(reply_id, version)


@shared_task(**RETRY)
def send_clarification_reminders() -> int:
    """Beat runs this every hour."""
    return notifications.send_clarification_reminders()


@shared_task(**EMAIL)
def notify_conflict_overridden(review_id: int) -> bool:
    return notifications.notify_conflict_overridden(review_id)


@shared_task
def outbox_relay() -> int:
    """Beat runs this every 30 seconds: publish what the requests could not."""
    return outbox.relay()


@shared_task
def outbox_sweep() -> dict[str, int]:
    """Beat runs this every five minutes: queue work that should have happened and has
    not, hand out again what was sent and never ran, forget old done rows."""
    from vetting.services.sweep import work_sweep

    return work_sweep()


@shared_task(**EMAIL)
def notify_decision_blocked(decision_id: int) -> int:
    return notifications.notify_decision_blocked(decision_id)


@shared_task
def deliver_webhook(delivery_id: int) -> str:
    """One attempt at a webhook delivery (vetting.webhooks.delivery): retries are not
    Celery's, they are the delivery row's next attempt, which beat's dispatch queues."""
    from vetting.webhooks.delivery import deliver

    return deliver(delivery_id)


@shared_task
def webhooks_dispatch() -> int:
    """Beat runs this every minute: queue the webhook deliveries that are due."""
    from vetting.webhooks.delivery import dispatch

    return dispatch()


@shared_task(**EMAIL)
def send_webhook_disabled_email(endpoint_id: int) -> int:
    return notifications.send_webhook_disabled(endpoint_id)


@shared_task(**EMAIL)
def send_vendor_expiring(entry_id: int, days: int) -> int:
    return notifications.send_vendor_expiring(entry_id, days)


@shared_task(**RETRY)
def send_vendor_reminders() -> int:
    """Beat runs this every morning: reminders before approved vendors' review dates."""
    from vetting.services.vendors import vendor_reminders_send

    return vendor_reminders_send()


@shared_task(**RETRY)
def open_due_revettings() -> int:
    """Beat runs this every morning: re-vetting rounds for vendors whose review nears."""
    from vetting.services.vendors import revettings_open_due

    return revettings_open_due()


@shared_task(**EMAIL)
def notify_mention(mention_id: int) -> bool:
    return notifications.notify_mention(mention_id)


@shared_task(**EMAIL)
def send_delivery_review_due(review_id: int) -> int:
    return notifications.send_delivery_review_due(review_id)


@shared_task(**RETRY)
def send_delivery_reminders() -> int:
    """Beat runs this every morning: the delivery reviews that fell due."""
    from vetting.services.delivery import delivery_reminders_send

    return delivery_reminders_send()
