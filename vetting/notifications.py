"""The emails of the vetting process. Each is sent at most once (keyed in SentEmail), so a
retried or repeated task is harmless. Called from tasks, never from a request directly."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from vetting.emails import send_email_once
from vetting.models import (
    EngagementStatus,
    Invitation,
    SentEmail,
    Submission,
    User,
)
from vetting.tokens import new_token

REMINDERS = (("1d", timedelta(days=1)), ("3d", timedelta(days=3)))


def send_welcome(user_id: int) -> bool:
    """Welcome a consultant who has just signed up; False if the user is gone."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return send_email_once(
        key=f"welcome:{user.pk}", to=user.email, template="welcome", context={"user": user}
    )


def send_invitation(invitation_id: int) -> bool:
    """Email an invitation. Someone without an account gets a fresh single-use sign-up
    token; only its hash is stored, and the raw token exists only in this email."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("submission__engagement__owner", "submission__consultant")
            .filter(pk=invitation_id, sent_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        submission = invitation.submission
        engagement = submission.engagement
        if engagement.status != EngagementStatus.OPEN:
            return False
        has_account = submission.consultant.user_id is not None
        link = _answer_link(submission, invitation)
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
        return send_email_once(
            key=f"invitation:{invitation.pk}",
            to=invitation.email,
            template="invitation",
            context={
                "invitation": invitation,
                "engagement": engagement,
                "link": link,
                "has_account": has_account,
            },
        )


def _answer_link(submission: Submission, invitation: Invitation | None) -> str:
    """Where the consultant answers: the answer page if they have an account, else a fresh
    single-use sign-up link (which replaces any earlier one: only one hash is stored)."""
    if submission.consultant.user_id is not None or invitation is None:
        return settings.SITE_URL + reverse("submissions:answer", args=[submission.pk])
    raw, invitation.token_hash = new_token()
    invitation.save(update_fields=["token_hash"])
    return settings.SITE_URL + reverse("invitations:accept", args=[raw])


def notify_submission_submitted(submission_id: int) -> int:
    """Confirm to the consultant, and tell the engagement's owner. Returns emails sent."""
    submission = (
        Submission.objects.select_related("engagement__owner", "consultant")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    engagement = submission.engagement
    context = {
        "submission": submission,
        "engagement": engagement,
        "consultant_link": settings.SITE_URL + submission.get_absolute_url(),
        "owner_link": settings.SITE_URL + reverse("submissions:read", args=[submission.pk]),
    }
    sent = send_email_once(
        key=f"submitted:{submission.pk}",
        to=submission.consultant.email,
        template="submission_confirmation",
        context=context,
    )
    sent += send_email_once(
        key=f"submitted-owner:{submission.pk}",
        to=engagement.owner.email,
        template="submission_received",
        context=context,
    )
    return sent


def due_reminder(deadline: datetime, now: datetime) -> str | None:
    """Which reminder is due now: "1d" within a day of the deadline, "3d" within three."""
    if now >= deadline:
        return None
    for name, before in REMINDERS:
        if deadline - now <= before:
            return name
    return None


def send_deadline_reminders(now: datetime | None = None) -> int:
    """Remind consultants who have not submitted, three days and one day before the
    deadline, each reminder once. Returns how many emails went out."""
    now = now or timezone.now()
    waiting = (
        Submission.objects.awaiting_submission()
        .filter(
            engagement__status=EngagementStatus.OPEN,
            engagement__deadline__gt=now,
            engagement__deadline__lte=now + REMINDERS[-1][1],
        )
        .select_related("engagement", "consultant", "invitation")
    )
    already = set(
        SentEmail.objects.filter(key__startswith="reminder:").values_list("key", flat=True)
    )
    sent = 0
    for submission in waiting:
        kind = due_reminder(submission.engagement.deadline, now)
        key = f"reminder:{submission.pk}:{kind}"
        if kind is None or key in already:
            continue
        with transaction.atomic():
            invitation = getattr(submission, "invitation", None)
            sent += send_email_once(
                key=key,
                to=submission.consultant.email,
                template="deadline_reminder",
                context={
                    "submission": submission,
                    "engagement": submission.engagement,
                    "kind": kind,
                    "now": now,
                    "link": _answer_link(submission, invitation),
                    "has_account": submission.consultant.user_id is not None,
                },
            )
    return sent
