"""Engagements and invitations: every state change, one transaction each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultants.models import Consultant
from vetting import outbox
from vetting.access import require
from vetting.access.roles import organisation_role_of
from vetting.concurrency import claim_version
from vetting.i18n import default_language, supported
from vetting.models import (
    Engagement,
    EngagementStatus,
    Invitation,
    Membership,
    Organisation,
    Submission,
    User,
)
from vetting.models.engagements import BRIEF_FIELDS
from vetting.services.decisions import engagement_mark_decided
from vetting.services.delivery import weighting_of_round
from vetting.services.errors import AlreadyInvited, IdempotencyKeyReused, ServiceError
from vetting.services.scoring import queue_recompute
from vetting.tasks import send_invitation

ENGAGEMENT_FIELDS = (*BRIEF_FIELDS, "weights", "deadline")


def _save(instance: Any, by: User) -> None:
    instance._history_user = by
    instance.full_clean()
    instance.save()


# Back then Save, a reload that posts again, a double click, a retried request: the same
# create arrives twice. A draft identical in every field, by the same owner, created this
# recently, is that first create, so it is returned instead of a copy. Ten minutes covers
# going Back to check something and a slow or failed connection's retries; a second round
# meant on purpose is rarely identical in every field (deadline and reviewers included)
# within minutes, and if it is, the owner lands on the first one with a message that says
# so and how to make another (change the title). A duplicate round, once invitations go
# out, is far costlier than that. API clients may send an Idempotency-Key instead.
REPEAT_WINDOW = timedelta(minutes=10)


def _same_engagement(engagement: Engagement, data: dict[str, Any], reviewers: set[int]) -> bool:
    """Whether `data` and `reviewers` would create exactly this engagement."""
    fields = [f for f in ENGAGEMENT_FIELDS if f in data]
    if any(getattr(engagement, f) != data[f] for f in fields):
        return False
    return {user.pk for user in engagement.reviewers.all()} == reviewers


def _earlier_create(
    owner: User, data: dict[str, Any], reviewers: set[int], idempotency_key: str
) -> Engagement | None:
    """The engagement this create repeats, if any: the one made with the same key (a
    different body under that key is refused), or without a key an identical one made
    within REPEAT_WINDOW."""
    if idempotency_key:
        earlier = Engagement.objects.filter(owner=owner, idempotency_key=idempotency_key).first()
        if earlier is not None and not _same_engagement(earlier, data, reviewers):
            raise IdempotencyKeyReused(
                _(
                    "This Idempotency-Key was already used for a different engagement: use a "
                    "new key for a new engagement."
                )
            )
        return earlier
    recent = Engagement.objects.filter(
        owner=owner,
        title=data.get("title", ""),
        created_at__gte=timezone.now() - REPEAT_WINDOW,
    ).order_by("-created_at")
    return next((e for e in recent if _same_engagement(e, data, reviewers)), None)


def engagement_create(
    *,
    owner: User,
    data: dict[str, Any],
    reviewers: Iterable[User],
    idempotency_key: str = "",
    organisation: Organisation | None = None,
) -> tuple[Engagement, bool]:
    """Create a draft round in `organisation` (the one the owner works in; their first, or
    the default one for a buyer in none); returns it and whether it was created now (False:
    this create repeats one made moments ago, or under the same Idempotency-Key, and that
    engagement is returned unchanged)."""
    require(owner, "vetting.create_engagement")
    reviewers = list(reviewers)
    reviewer_ids = {user.pk for user in reviewers}
    with transaction.atomic():
        # One create at a time per owner, so that two copies of one request (a double
        # click) cannot both miss each other.
        User.objects.select_for_update().filter(pk=owner.pk).exists()
        earlier = _earlier_create(owner, data, reviewer_ids, idempotency_key)
        if earlier is not None:
            return earlier, False
        engagement = Engagement(
            owner=owner,
            organisation=organisation_for(owner, organisation),
            idempotency_key=idempotency_key,
            **{f: data[f] for f in ENGAGEMENT_FIELDS if f in data},
        )
        # Weights pre-filled from the organisation's adopted weighting record it.
        engagement.weighting = weighting_of_round(
            engagement.organisation_id, engagement.weights, None
        )
        _save(engagement, owner)
        engagement.reviewers.set(reviewers)
    return engagement, True


def organisation_for(user: User, chosen: Organisation | None) -> Organisation:
    """Where something new of a buyer's goes: the organisation chosen if they belong to it,
    else their first; a buyer in none joins the default one (an installation's first)."""
    from vetting.services import organisations

    if chosen is not None and chosen.memberships.filter(user=user).exists():
        return chosen
    found = organisations.current_organisation(user)
    if found is not None:
        return found
    default = organisations.default_organisation()
    Membership.objects.get_or_create(
        organisation=default, user=user, defaults={"role": organisation_role_of(user)}
    )
    return default


def engagement_update(
    *,
    engagement: Engagement,
    by: User,
    data: dict[str, Any],
    reviewers: Iterable[User],
    expected_version: int | None,
) -> Engagement:
    require(by, "vetting.run_engagement", engagement)
    if engagement.status not in (EngagementStatus.DRAFT, EngagementStatus.OPEN):
        raise ServiceError(_("A closed engagement can no longer be edited."))
    with transaction.atomic():
        claim_version(engagement, expected_version)
        started = engagement.submissions.filter(answers__isnull=False).exists()
        if started and data.get("questionnaire", engagement.questionnaire) != (
            engagement.questionnaire
        ):
            raise ServiceError(
                _("Consultants have started answering: the questionnaire can no longer change.")
            )
        for field in ENGAGEMENT_FIELDS:
            if field in data:
                setattr(engagement, field, data[field])
        engagement.weighting = weighting_of_round(
            engagement.organisation_id, engagement.weights, engagement.weighting
        )
        _save(engagement, by)
        engagement.reviewers.set(reviewers)
        _invitations_follow_deadline(engagement)
        # The weights or the references required may have changed: rescore (the inputs
        # hash makes this a no-op for cards whose inputs did not change).
        queue_recompute(engagement.submissions.values_list("pk", flat=True))
    return engagement


def _invitations_follow_deadline(engagement: Engagement) -> None:
    """Invitation links live exactly as long as the round."""
    Invitation.objects.filter(submission__engagement=engagement).exclude(
        expires_at=engagement.deadline
    ).update(expires_at=engagement.deadline)


def engagement_open(*, engagement: Engagement, by: User) -> Engagement:
    """Open the round and send every invitation prepared while it was a draft."""
    require(by, "vetting.run_engagement", engagement)
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if engagement.status != EngagementStatus.DRAFT:
            raise ServiceError(_("Only a draft engagement can be opened."))
        if engagement.is_past_deadline:
            raise ServiceError(_("The deadline is in the past: move it to a later date first."))
        engagement.status = EngagementStatus.OPEN
        engagement.opened_at = timezone.now()
        _save(engagement, by)
        for invitation_id in Invitation.objects.filter(
            submission__engagement=engagement, sent_at__isnull=True
        ).values_list("pk", flat=True):
            outbox.enqueue(send_invitation, invitation_id)
    return engagement


def engagement_close(*, engagement: Engagement, by: User) -> Engagement:
    require(by, "vetting.run_engagement", engagement)
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if engagement.status != EngagementStatus.OPEN:
            raise ServiceError(_("Only an open engagement can be closed."))
        engagement.status = EngagementStatus.CLOSED
        engagement.closed_at = timezone.now()
        _save(engagement, by)
        # Everything may already be decided.
        engagement_mark_decided(engagement=engagement, by=by)
    return engagement


def engagement_extend_deadline(
    *, engagement: Engagement, by: User, deadline: datetime
) -> Engagement:
    require(by, "vetting.run_engagement", engagement)
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if engagement.status not in (EngagementStatus.DRAFT, EngagementStatus.OPEN):
            raise ServiceError(_("The deadline of a closed engagement cannot move."))
        if deadline <= engagement.deadline:
            raise ServiceError(_("The new deadline must be later than the current one."))
        if deadline <= timezone.now():
            raise ServiceError(_("The new deadline must be in the future."))
        engagement.deadline = deadline
        _save(engagement, by)
        _invitations_follow_deadline(engagement)
    return engagement


def _invite(
    engagement: Engagement, by: User, consultant: Consultant, name: str, language: str = ""
) -> Submission:
    require(by, "vetting.run_engagement", engagement)
    if engagement.status not in (EngagementStatus.DRAFT, EngagementStatus.OPEN):
        raise ServiceError(
            _("Invitations can only be added while the engagement is a draft or open.")
        )
    if engagement.submissions.filter(consultant=consultant).exists():
        raise AlreadyInvited(
            _("%(name)s is already invited to this engagement.") % {"name": consultant.name}
        )
    try:
        with transaction.atomic():
            submission = Submission(engagement=engagement, consultant=consultant, invited_by=by)
            _save(submission, by)
            invitation = Invitation(
                submission=submission,
                name=name,
                email=consultant.email,
                expires_at=engagement.deadline,
                # An account's own language wins when the email goes (vetting.notifications).
                language=supported(language or default_language()),
            )
            _save(invitation, by)
            if engagement.status == EngagementStatus.OPEN:
                outbox.enqueue(send_invitation, invitation.pk)
    except IntegrityError as exc:  # two owners' tabs inviting the same person at once
        raise AlreadyInvited(
            _("%(name)s is already invited to this engagement.") % {"name": consultant.name}
        ) from exc
    return submission


def invite_existing(*, engagement: Engagement, by: User, consultant: Consultant) -> Submission:
    """Invite a consultant from the directory."""
    return _invite(engagement, by, consultant, consultant.name)


def invite_new(
    *, engagement: Engagement, by: User, name: str, email: str, language: str = ""
) -> Submission:
    """Invite someone by name and email: an account that signs in with the address gets the
    invitation on its profile (under the account holder's own name); else the profile an
    earlier invitation started for the address is reused, or a new one is started that
    their sign-up will claim.

    A profile's contact email is what its consultant typed, so it never decides whose
    invitation this is: a claimed profile that merely lists the address is refused rather
    than handed someone else's invitation.
    """
    email = email.strip().lower()
    account = User.objects.filter(email__iexact=email).select_related("consultant").first()
    if account is not None:
        consultant = getattr(account, "consultant", None)
        if consultant is None:
            raise ServiceError(
                _("This address belongs to a Winnow account that is not a consultant.")
            )
        return _invite(engagement, by, consultant, consultant.name)
    listed = Consultant.objects.filter(email__iexact=email).order_by("pk").first()
    if listed is not None and listed.user_id is not None:
        raise ServiceError(
            _(
                "%(name)s lists this address on their profile but signs in with another "
                "one: if it is them, invite them from the directory."
            )
            % {"name": listed.name}
        )
    with transaction.atomic():
        consultant = listed
        if consultant is None:
            consultant = Consultant(name=name.strip(), email=email)
            _save(consultant, by)
        return _invite(engagement, by, consultant, name.strip() or consultant.name, language)
