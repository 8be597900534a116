"""The emails of the vetting process. Each is sent at most once (keyed in SentEmail), so a
retried or repeated task is harmless. Called from tasks, never from a request directly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultants.selectors import SIGN_UP_REFUSALS, sign_up_refusal
from vetting import access
from vetting.emails import send_email_once
from vetting.models import (
    Channel,
    CheckStatus,
    Decision,
    EngagementStatus,
    Invitation,
    ReferenceCheck,
    Review,
    SentEmail,
    Submission,
    User,
)
from vetting.tokens import new_token, sign_up_token

if TYPE_CHECKING:
    from vetting.models import Clarification

REMINDERS = (("1d", timedelta(days=1)), ("3d", timedelta(days=3)))


def _send_each(
    people: Iterable[User], *, key: str, template: str, context: dict[str, object]
) -> int:
    """One email to each active person, sent once (`key` + ":" + their id), with `person` in
    the context; returns how many were sent now."""
    return sum(
        send_email_once(
            key=f"{key}:{person.pk}",
            to=person.email,
            template=template,
            context={**context, "person": person},
        )
        for person in people
        if person.is_active
    )


def send_welcome(user_id: int) -> bool:
    """Welcome a consultant who has just signed up; False if the user is gone."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return send_email_once(
        key=f"welcome:{user.pk}", to=user.email, template="welcome", context={"user": user}
    )


def send_membership(membership_id: int, new_account: bool) -> bool:
    """Tell someone they were added to a buyer organisation; a new account gets a link to
    choose its password (Django's password-reset token: random, hashed with the account's
    state, expiring, and spent once the password is set). False if the membership is gone."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from vetting.models import Membership

    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, user__is_active=True)
        .first()
    )
    if membership is None:
        return False
    user = membership.user
    link = ""
    if new_account and not user.has_usable_password():
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.SITE_URL + reverse("password_reset_confirm", args=[uid, token])
    return send_email_once(
        key=f"membership:{membership.pk}",
        to=user.email,
        template="membership",
        context={
            "user": user,
            "organisation": membership.organisation,
            # The key: the email words it in its recipient's language, one sentence a role.
            "role": membership.role,
            "role_label": membership.get_role_display().lower(),
            "link": link,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


def send_sign_up(
    *, key: str, email: str, first_name: str, last_name: str, language: str | None = None
) -> bool:
    """Answer a sign-up by email to the address given: the link to choose a password, or,
    if the address cannot sign up, why and what to do instead. Only the address's owner
    learns which: the page says the same for every address. Neither email repeats the
    names typed (anyone may type them, for any address). `key` is the request's, so a
    retried task sends once."""
    refusal = sign_up_refusal(email)
    if refusal is None:
        token = sign_up_token(email=email, first_name=first_name, last_name=last_name)
        context = {
            "link": settings.SITE_URL + reverse("signup_confirm", args=[token]),
            "hours": settings.SIGNUP_LINK_TIMEOUT // 3600,
        }
        template = "sign_up_confirm"
    else:
        context = {
            "reason": refusal,
            # Lazy: put into words when the email is rendered, in its recipient's language.
            "message": SIGN_UP_REFUSALS[refusal],
            "login_url": settings.SITE_URL + reverse("login"),
            "reset_url": settings.SITE_URL + reverse("password_reset"),
        }
        template = "sign_up_attempt"
    return send_email_once(
        key=f"sign_up:{key}", to=email, template=template, context=context, language=language
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
        account = submission.consultant.user
        return send_email_once(
            key=f"invitation:{invitation.pk}",
            to=invitation.email,
            # Their account's language once they have one, else the one they were invited in.
            language=(account.language if account is not None else "") or invitation.language,
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


def _referee_link(check: ReferenceCheck) -> str:
    """A fresh private link for the referee (only its hash is stored; earlier links stop
    working, so the newest email is always the one that works)."""
    raw, check.token_hash = new_token()
    check.save(update_fields=["token_hash"])
    return settings.SITE_URL + reverse("referee:form", args=[raw])


def send_reference_request(check_id: int) -> bool:
    """Email a referee the private link to the reference form."""
    with transaction.atomic():
        check = (
            ReferenceCheck.objects.select_for_update(of=("self",))
            .select_related("submission__consultant", "submission__engagement__owner")
            .filter(pk=check_id, channel=Channel.WEB, status=CheckStatus.REQUESTED)
            .first()
        )
        if check is None or check.sent_at is not None:
            return False
        link = _referee_link(check)
        check.sent_at = timezone.now()
        check.save(update_fields=["sent_at"])
        return send_email_once(
            key=f"reference-request:{check.pk}:{check.token_expires_at:%Y%m%d%H%M}",
            to=check.referee_email,
            language=check.language,
            template="reference_request",
            context={"check": check, "link": link, **_check_context(check)},
        )


def _check_context(check: ReferenceCheck) -> dict[str, object]:
    return {
        "consultant": check.submission.consultant,
        "buyer": check.submission.engagement.owner,
        "engagement": check.submission.engagement,
    }


def send_referee_reminders(now: datetime | None = None) -> int:
    """Remind referees who have not answered, 3 and 7 days after the request, once each.
    With the second reminder the check also joins the managers' call queue."""
    # Imported here: the services queue these tasks, so a top-level import would be circular.
    from vetting.services.references import check_phone_fallback

    now = now or timezone.now()
    first, second = settings.REFERENCE_REMINDER_DAYS
    pending = ReferenceCheck.objects.filter(
        channel=Channel.WEB,
        status=CheckStatus.REQUESTED,
        sent_at__isnull=False,
        sent_at__lte=now - timedelta(days=first),
        token_expires_at__gt=now,
    ).select_related("submission__consultant", "submission__engagement__owner")
    already = set(
        SentEmail.objects.filter(key__startswith="reference-reminder:").values_list(
            "key", flat=True
        )
    )
    sent = 0
    for check in pending:
        number = 2 if check.sent_at <= now - timedelta(days=second) else 1
        key = f"reference-reminder:{check.pk}:{number}"
        if key in already:
            continue
        with transaction.atomic():
            sent += send_email_once(
                key=key,
                to=check.referee_email,
                language=check.language,
                template="reference_reminder",
                context={
                    "check": check,
                    "number": number,
                    "link": _referee_link(check),
                    **_check_context(check),
                },
            )
        if number == 2:
            check_phone_fallback(check=check, now=now)
    return sent


def send_call_digest(now: datetime | None = None) -> int:
    """Each morning, tell every manager about overdue calls: theirs and unclaimed ones.
    One digest per manager per day."""
    now = now or timezone.now()
    overdue = list(
        ReferenceCheck.objects.calls()
        .overdue(now)
        .select_related("submission__consultant", "submission__engagement", "assigned_to")
        .order_by("due_at")
    )
    if not overdue:
        return 0
    managers = access.callers()
    sent = 0
    for manager in managers:
        calls = [c for c in overdue if c.assigned_to_id in (None, manager.pk)]
        if not calls:
            continue
        sent += send_email_once(
            key=f"call-digest:{manager.pk}:{timezone.localdate(now):%Y-%m-%d}",
            to=manager.email,
            template="call_digest",
            context={
                "manager": manager,
                "calls": calls,
                "now": now,
                "queue_link": settings.SITE_URL + reverse("checks:calls") + "?show=overdue",
            },
        )
    return sent


def notify_conflict_declared(review_id: int) -> bool:
    """Tell the engagement's owner that a reviewer declared a conflict of interest."""
    review = (
        Review.objects.select_related(
            "reviewer", "submission__consultant", "submission__engagement__owner"
        )
        .filter(pk=review_id, has_conflict=True)
        .first()
    )
    if review is None:
        return False
    engagement = review.submission.engagement
    return send_email_once(
        key=f"conflict:{review.pk}",
        to=engagement.owner.email,
        template="conflict_declared",
        context={
            "review": review,
            "engagement": engagement,
            "link": settings.SITE_URL + reverse("submissions:score", args=[review.submission_id]),
        },
    )


def send_decision_outcome(submission_id: int, outcome: str) -> bool:
    """A neutral note to the consultant: the outcome, no scores, no flags."""
    submission = (
        Submission.objects.select_related("consultant", "engagement__owner", "decision")
        .filter(pk=submission_id, status=outcome, decision__isnull=False)
        .first()
    )
    if submission is None:
        return False  # changed again since: the newer decision sends its own note
    return send_email_once(
        # Once per version of the decision: changing back to an earlier outcome tells the
        # consultant again.
        key=f"outcome:{submission.pk}:{submission.decision.version}:{outcome}",
        to=submission.consultant.email,
        template="decision_outcome",
        context={"submission": submission, "engagement": submission.engagement, "outcome": outcome},
    )


def notify_approval_requested(approval_id: int) -> bool:
    """Ask the current step's approver of a routed decision to approve it (once per round
    and step; nothing if it moved on since)."""
    from vetting.models import Approval, ApprovalState

    approval = (
        Approval.objects.select_related(
            "requested_by", "submission__consultant", "submission__engagement"
        )
        .filter(pk=approval_id, state=ApprovalState.PENDING)
        .first()
    )
    if approval is None:
        return False
    engagement = approval.submission.engagement
    step = engagement.approval_steps.select_related("approver").filter(position=approval.step)
    step = step.first()
    if step is None or not step.approver.is_active:
        return False
    return send_email_once(
        key=f"approval-requested:{approval.pk}:{approval.round}:{approval.step}",
        to=step.approver.email,
        template="approval_requested",
        context={
            "approval": approval,
            "step": step,
            "person": step.approver,
            "engagement": engagement,
            "submission": approval.submission,
            "steps": engagement.approval_steps.count(),
            "link": settings.SITE_URL + reverse("approvals:detail", args=[approval.pk]),
        },
    )


def notify_approval_answered(action_id: int) -> bool:
    """Tell the decider that a step rejected their decision, asked for changes, or (the last
    step) approved it, so that it took effect. An intermediate approval tells nobody but
    the next approver (`notify_approval_requested`)."""
    from vetting.models import ApprovalAction, ApprovalAnswer, ApprovalState

    action = (
        ApprovalAction.objects.select_related(
            "approver",
            "approval__requested_by",
            "approval__submission__consultant",
            "approval__submission__engagement",
        )
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        return False
    approval = action.approval
    # The last answer of an approved route is the one that completed it.
    completed = (
        action.answer == ApprovalAnswer.APPROVED
        and approval.state == ApprovalState.APPROVED
        and approval.actions.order_by("-acted_at", "-pk").values_list("pk", flat=True)[0]
        == action.pk
    )
    if action.answer == ApprovalAnswer.APPROVED and not completed:
        return False
    decider = approval.requested_by
    if not decider.is_active:
        return False
    return send_email_once(
        key=f"approval-answered:{action.pk}",
        to=decider.email,
        template="approval_answered",
        context={
            "action": action,
            "approval": approval,
            "person": decider,
            "completed": completed,
            "engagement": approval.submission.engagement,
            "submission": approval.submission,
            "link": settings.SITE_URL + reverse("approvals:detail", args=[approval.pk]),
        },
    )


def notify_approval_blocked(approval_id: int) -> int:
    """Tell the current step's approver and the decider that a hold raised on the consultant
    blocks the route of a shortlist or selection until a manager clears it. Returns emails
    sent (none if the approval moved on since)."""
    from vetting.models import Approval, ApprovalState, Flag

    approval = (
        Approval.objects.select_related(
            "requested_by", "submission__consultant", "submission__engagement"
        )
        .filter(pk=approval_id, state=ApprovalState.PENDING)
        .first()
    )
    if approval is None or not Flag.objects.holds().filter(submission=approval.submission).exists():
        return 0
    engagement = approval.submission.engagement
    step = engagement.approval_steps.select_related("approver").filter(position=approval.step)
    step = step.first()
    people = {approval.requested_by.pk: approval.requested_by}
    if step is not None:
        people[step.approver.pk] = step.approver
    context = {
        "approval": approval,
        "step": step,
        "engagement": engagement,
        "submission": approval.submission,
        "link": settings.SITE_URL + reverse("approvals:detail", args=[approval.pk]),
    }
    return _send_each(
        people.values(),
        key=f"approval-blocked:{approval.pk}:{approval.round}",
        template="approval_blocked",
        context=context,
    )


def _clarification(clarification_id: int, **filters: object) -> Clarification | None:
    from vetting.models import Clarification

    return (
        Clarification.objects.select_related(
            "asked_by",
            "question",
            "reference",
            "submission__consultant",
            "submission__engagement__owner",
        )
        .filter(pk=clarification_id, **filters)
        .first()
    )


def _clarification_link(clarification: Clarification) -> str:
    """Where the consultant replies: beside the locked answer (the submission's page), or
    for the proposal and a reference's claim, on the submission's clarifications page."""
    beside = clarification.about == "answer"
    name = "submissions:read" if beside else "submissions:clarifications"
    path = reverse(name, args=[clarification.submission_id])
    return f"{settings.SITE_URL}{path}#clarification-{clarification.pk}"


def notify_clarification_asked(clarification_id: int) -> bool:
    """Email the consultant a clarification request (a first one or a follow-up), with the
    day to reply by and the link to reply beside their answer. Nothing if it was settled
    meanwhile."""
    clarification = _clarification(clarification_id, status="open")
    if clarification is None:
        return False
    submission = clarification.submission
    return send_email_once(
        key=f"clarification-asked:{clarification.pk}",
        to=submission.consultant.email,
        template="clarification_request",
        context={
            "clarification": clarification,
            "submission": submission,
            "engagement": submission.engagement,
            "link": _clarification_link(clarification),
            "kind": "",
        },
    )


def notify_clarification_answered(reply_id: int, version: int) -> bool:
    """Tell who asked that the consultant replied (or revised the reply: once per
    version)."""
    from vetting.models import ClarificationReply

    reply = (
        ClarificationReply.objects.select_related(
            "clarification__asked_by",
            "clarification__question",
            "clarification__reference",
            "clarification__submission__consultant",
            "clarification__submission__engagement",
        )
        .filter(pk=reply_id)
        .first()
    )
    if reply is None or not reply.clarification.asked_by.is_active:
        return False
    clarification = reply.clarification
    return send_email_once(
        key=f"clarification-answered:{reply.pk}:{version}",
        to=clarification.asked_by.email,
        template="clarification_answered",
        context={
            "clarification": clarification,
            "reply": reply,
            "revised": version > 1,
            "submission": clarification.submission,
            "engagement": clarification.submission.engagement,
            "link": settings.SITE_URL
            + reverse("submissions:clarifications", args=[clarification.submission_id])
            + f"#clarification-{clarification.pk}",
        },
    )


def send_clarification_reminders(now: datetime | None = None) -> int:
    """Remind consultants of clarification requests still waiting for their reply, three
    days and one day before the reply-by date (as the invitations' deadline reminders), each
    reminder once. Returns how many emails went out."""
    from vetting.models import Clarification

    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = (
        Clarification.objects.awaiting_reply()
        .filter(due_on__gte=today, due_on__lte=today + REMINDERS[-1][1])
        .exclude(submission__status="withdrawn")
        .select_related(
            "asked_by", "question", "reference", "submission__consultant", "submission__engagement"
        )
    )
    already = set(
        SentEmail.objects.filter(key__startswith="clarification-reminder:").values_list(
            "key", flat=True
        )
    )
    sent = 0
    for clarification in waiting:
        kind = due_reminder(clarification.due_at, now)
        key = f"clarification-reminder:{clarification.pk}:{kind}"
        if kind is None or key in already:
            continue
        submission = clarification.submission
        sent += send_email_once(
            key=key,
            to=submission.consultant.email,
            template="clarification_request",
            context={
                "clarification": clarification,
                "submission": submission,
                "engagement": submission.engagement,
                "link": _clarification_link(clarification),
                "kind": kind,
            },
        )
    return sent


def notify_conflict_overridden(review_id: int) -> bool:
    """Tell a reviewer that the owner overrode their declared conflict: their review counts
    now, so they may rate."""
    review = (
        Review.objects.select_related(
            "reviewer",
            "conflict_overridden_by",
            "submission__consultant",
            "submission__engagement",
        )
        .filter(pk=review_id, has_conflict=True, conflict_overridden_at__isnull=False)
        .first()
    )
    if review is None:
        return False
    return send_email_once(
        key=f"conflict-overridden:{review.pk}",
        to=review.reviewer.email,
        template="conflict_overridden",
        context={
            "review": review,
            "engagement": review.submission.engagement,
            "link": settings.SITE_URL + reverse("submissions:review", args=[review.submission_id]),
        },
    )


def notify_decision_blocked(decision_id: int) -> int:
    """Tell the round's owner and the decision's approver that a hold raised after their
    shortlist or selection blocks it until a manager clears it. Once per block (a block
    lifted and raised again tells them again). Returns emails sent."""
    decision = (
        Decision.objects.select_related(
            "approver", "submission__consultant", "submission__engagement__owner"
        )
        .filter(pk=decision_id, blocked_at__isnull=False)
        .first()
    )
    if decision is None:
        return 0  # lifted since: nothing to tell
    submission = decision.submission
    engagement = submission.engagement
    people = {engagement.owner.pk: engagement.owner, decision.approver.pk: decision.approver}
    context = {
        "decision": decision,
        "submission": submission,
        "engagement": engagement,
        "link": settings.SITE_URL + reverse("submissions:decide", args=[submission.pk]),
    }
    return _send_each(
        people.values(),
        key=f"decision-blocked:{decision.pk}:{decision.blocked_at.isoformat()}",
        template="decision_blocked",
        context=context,
    )


def send_webhook_disabled(endpoint_id: int) -> int:
    """Tell the organisation's admins that one of its webhook endpoints was disabled after
    repeated failures, and how to turn it back on. Once per disabling. Returns emails sent."""
    from vetting.models import OrganisationRole, WebhookEndpoint

    endpoint = (
        WebhookEndpoint.objects.select_related("organisation")
        .filter(pk=endpoint_id, active=False, disabled_at__isnull=False)
        .first()
    )
    if endpoint is None:
        return 0  # enabled again since: nothing to tell
    admins = User.objects.filter(
        is_active=True,
        memberships__organisation=endpoint.organisation,
        memberships__role=OrganisationRole.ADMIN,
    ).order_by("pk")
    context = {
        "endpoint": endpoint,
        "organisation": endpoint.organisation,
        "link": settings.SITE_URL + reverse("organisation:webhook", args=[endpoint.pk]),
    }
    sent = 0
    for person in admins:
        sent += send_email_once(
            key=f"webhook-disabled:{endpoint.pk}:{endpoint.disabled_at.isoformat()}:{person.pk}",
            to=person.email,
            template="webhook_disabled",
            context={**context, "person": person},
        )
    return sent


def send_vendor_expiring(entry_id: int, days: int) -> int:
    """Tell the organisation's admins and the owner of the round an approved vendor came
    from that the vendor's review date is `days` away (or less), with the way to the
    register entry. Once per entry, review date, reminder and person. Returns emails sent."""
    from vetting.models import Membership, OrganisationRole, VendorEntry

    entry = (
        VendorEntry.objects.select_related(
            "organisation", "consultant", "submission__engagement__owner"
        )
        .filter(pk=entry_id, removed_at__isnull=True)
        .first()
    )
    if entry is None:
        return 0  # removed since: nothing to tell
    owner = entry.submission.engagement.owner
    people = {owner.pk: owner}
    admins = Membership.objects.filter(
        organisation=entry.organisation, role=OrganisationRole.ADMIN
    ).select_related("user")
    for membership in admins:
        people.setdefault(membership.user.pk, membership.user)
    context = {
        "entry": entry,
        "days": days,
        "days_left": (entry.review_on - timezone.localdate()).days,
        "link": settings.SITE_URL + entry.get_absolute_url(),
    }
    return _send_each(
        people.values(),
        key=f"vendor-expiring:{entry.pk}:{entry.review_on.isoformat()}:{days}",
        template="vendor_expiring",
        context=context,
    )


def notify_mention(mention_id: int) -> bool:
    """Tell someone they were @mentioned in an internal comment, with a link to the thread.
    Once per comment and person (mentioned again after an edit: not again); nothing if the
    comment was removed or they may no longer read its thread."""
    from vetting.models import Mention
    from vetting.selectors.comments import thread_url

    mention = (
        Mention.objects.select_related(
            "user",
            "comment__author",
            "comment__submission__consultant",
            "comment__submission__engagement",
            "comment__reference_check",
        )
        .filter(pk=mention_id, comment__removed_at__isnull=True, user__is_active=True)
        .first()
    )
    if mention is None or not access.can(mention.user, "vetting.view_comment", mention.comment):
        return False
    comment = mention.comment
    return send_email_once(
        key=f"mention:{comment.pk}:{mention.user_id}",
        to=mention.user.email,
        template="mention",
        context={
            "person": mention.user,
            "comment": comment,
            "author": comment.author,
            "submission": comment.submission,
            "engagement": comment.submission.engagement,
            "check": comment.reference_check,
            "kind": comment.kind,
            "link": settings.SITE_URL + thread_url(comment),
        },
    )


def send_delivery_review_due(review_id: int) -> int:
    """Tell the round's owner and the colleague assigned that a hired consultant's delivery
    review is due, with the way to it. Once per review, review date and person; nothing
    once it is submitted or cancelled. Returns emails sent."""
    from vetting.models import DeliveryReview

    review = (
        DeliveryReview.objects.open()
        .select_related("assignee", "submission__consultant", "submission__engagement__owner")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        return 0  # submitted or cancelled since: nothing to tell
    owner = review.submission.engagement.owner
    people = {owner.pk: owner}
    if review.assignee is not None:
        people.setdefault(review.assignee.pk, review.assignee)
    context = {
        "review": review,
        "consultant": review.submission.consultant,
        "engagement": review.submission.engagement,
        "link": settings.SITE_URL + review.get_absolute_url(),
    }
    return _send_each(
        people.values(),
        key=f"delivery-review-due:{review.pk}:{review.due_on.isoformat()}",
        template="delivery_review_due",
        context=context,
    )
