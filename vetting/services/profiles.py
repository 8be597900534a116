"""Verified profiles: a consultant creates and revokes consent links, each opening is
logged; a round's owner releases a score to its consultant; an organisation's admin
consents to its name showing on profiles. One function each, one transaction each."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultants.models import Consultant
from vetting.access import require
from vetting.models import (
    Organisation,
    ProfileLink,
    ProfileView,
    ScoreCard,
    ScoreRelease,
    Submission,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.profiles import DEFAULT_DAYS, LABEL_MAX, MAX_DAYS
from vetting.services.errors import ServiceError
from vetting.tokens import new_token


def _by(instance: object, user: User | None) -> None:
    instance._history_user = user  # type: ignore[attr-defined]


def profile_link_create(
    *, consultant: Consultant, by: User, label: str, days: int = DEFAULT_DAYS, include_scores: bool
) -> tuple[ProfileLink, str]:
    """A new consent link to the consultant's verified profile, valid `days` days (at most a
    year): the link and its raw token, shown to the consultant once (only its hash is kept)."""
    require(by, "consultants.change_consultant", consultant, _("Only the consultant shares it."))
    if not 1 <= days <= MAX_DAYS:
        raise ServiceError(_("A link lives from 1 to %(max)s days.") % {"max": MAX_DAYS})
    raw, digest = new_token()
    with transaction.atomic():
        link = ProfileLink(
            consultant=consultant,
            label=label.strip()[:LABEL_MAX],
            token_hash=digest,
            include_scores=include_scores,
            created_by=by,
            expires_at=timezone.now() + timedelta(days=days),
        )
        _by(link, by)
        link.full_clean()
        link.save()
    return link, raw


def profile_link_revoke(*, link: ProfileLink, by: User) -> ProfileLink:
    """The link stops working at once. Revoking a revoked link changes nothing."""
    require(by, "vetting.change_profile_link", link, _("Only the consultant revokes it."))
    with transaction.atomic():
        link = ProfileLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            _by(link, by)
            link.save(update_fields=["revoked_at"])
    return link


# Browser families and devices, most specific first (Edge and Opera say "Chrome" too).
_BROWSERS = (
    ("bot", re.compile(r"bot|crawl|spider|slurp|preview|curl|wget|python", re.I)),
    ("Edge", re.compile(r"Edg/")),
    ("Opera", re.compile(r"OPR/")),
    ("Firefox", re.compile(r"Firefox/")),
    ("Chrome", re.compile(r"Chrome/|Chromium/|CriOS/")),
    ("Safari", re.compile(r"Safari/")),
)
_PHONE = re.compile(r"Mobile|Android|iPhone", re.I)


def viewer_agent(user_agent: str) -> str:
    """A coarse description of a browser: its family and whether it is a phone ("Chrome on a
    phone", "a bot or link preview"). Enough to tell a colleague from an email scanner,
    not enough to single anyone out."""
    family = next((name for name, pattern in _BROWSERS if pattern.search(user_agent)), "")
    if family == "bot":
        return "A bot or link preview"
    device = "a phone" if _PHONE.search(user_agent) else "a computer"
    return f"{family or 'A browser'} on {device}"


def viewer_hash(link: ProfileLink, ip: str | None) -> str:
    """A keyed hash of the viewer's address salted with the link: the same address reads the
    same on one link's log, and nothing ties it to the address or to another link's log."""
    message = f"{link.pk}:{ip or ''}".encode()
    key = f"winnow.profile-viewer:{settings.SECRET_KEY}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:10]


def profile_view_record(*, link: ProfileLink, ip: str | None, user_agent: str) -> ProfileView:
    """Log one opening of a usable link (the consultant sees every view: that is the point
    of the page, so opening it writes, unlike the app's other GETs)."""
    if not link.is_usable:
        raise ServiceError(_("This link no longer works."))
    return ProfileView.objects.create(
        link=link, agent=viewer_agent(user_agent), viewer=viewer_hash(link, ip)
    )


def score_release(*, submission: Submission, by: User) -> ScoreRelease:
    """The round's owner releases the submission's current score to its consultant (again:
    the release shows the score as it is now). Kept with its history: the audit entry."""
    require(by, "vetting.release_score", submission, _("Only the round's owner releases a score."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        card = ScoreCard.objects.filter(submission=submission).first()
        if submission.status not in SCORED_STATUSES:
            raise ServiceError(_("A score is released once the consultant has submitted."))
        if card is None:
            raise ServiceError(_("The score is still being computed: release it in a minute."))
        release = ScoreRelease.objects.filter(submission=submission).first() or ScoreRelease(
            submission=submission
        )
        release.total, release.low, release.high = card.total, card.low, card.high
        release.rubric_version = card.rubric_version
        release.released_by = by
        release.released_at = timezone.now()
        _by(release, by)
        release.full_clean()
        release.save()
    return release


def organisation_set_profile_consent(
    *, organisation: Organisation, by: User, consent: bool
) -> Organisation:
    """An admin lets consultants' verified profiles name the organisation (or stops it)."""
    require(by, "vetting.manage_organisation", organisation, _("Only its admins change this."))
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        organisation.name_on_verified_profiles = consent
        _by(organisation, by)
        organisation.save(update_fields=["name_on_verified_profiles"])
    return organisation
