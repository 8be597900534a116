"""A consultant's portable verified profile (issue 19, part 4), and released scores.

A consultant shares a read-only page of what referees confirmed by a consent link
(`ProfileLink`): a random token of which only the SHA-256 is stored, with a label saying
who it is for, an expiry (at most a year) and a revocation. It is opened as often as the
buyer it was sent to likes, until it expires or is revoked, so it is not single-use; every
opening is logged (`ProfileView`) for the consultant, coarsely: the browser family and a
keyed hash of the address, never the address or the whole user agent.

A round's owner may release a submission's score to its consultant (`ScoreRelease`, a copy
of the card's total and interval as released): the consultant sees it on their pages and may
include it on the profile. Nothing else of a card ever reaches the consultant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from consultants.models import Consultant
from vetting.access.querysets import visible_profile_links
from vetting.choices import TextChoices
from vetting.models.engagements import Submission

if TYPE_CHECKING:
    from vetting.models.accounts import User

LABEL_MAX = 120
DEFAULT_DAYS = 30
MAX_DAYS = 365


class LinkStatus(TextChoices):
    ACTIVE = "active", gettext_lazy("Active")
    EXPIRED = "expired", gettext_lazy("Expired")
    REVOKED = "revoked", gettext_lazy("Revoked")


class ProfileLinkQuerySet(models.QuerySet["ProfileLink"]):
    def for_user(self, user: User) -> ProfileLinkQuerySet:
        """The consultant's own links only (`access.visible_profile_links`)."""
        return visible_profile_links(user, self)

    def usable(self) -> ProfileLinkQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ProfileLink(models.Model):
    """One consent link to the consultant's verified profile."""

    consultant = models.ForeignKey(
        Consultant, on_delete=models.CASCADE, related_name="profile_links"
    )
    label = models.CharField(
        gettext_lazy("who it is for"),
        max_length=LABEL_MAX,
        help_text=gettext_lazy('For example "Ledgerly, procurement team": only you see it.'),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    include_scores = models.BooleanField(
        gettext_lazy("show the scores buyers released to me"),
        default=False,
        help_text=gettext_lazy("Off: the page shows no score at all."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    # No `version`: the only change after creation is a revocation, and revoking twice (two
    # tabs) leaves the same state.
    history = HistoricalRecords(excluded_fields=["token_hash"])
    objects = ProfileLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.consultant})"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return LinkStatus.REVOKED
        if timezone.now() >= self.expires_at:
            return LinkStatus.EXPIRED
        return LinkStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return LinkStatus(self.status).label

    @property
    def is_usable(self) -> bool:
        return self.status == LinkStatus.ACTIVE


class ProfileView(models.Model):
    """One opening of a profile link, as the consultant sees it in the log."""

    link = models.ForeignKey(ProfileLink, on_delete=models.CASCADE, related_name="views")
    at = models.DateTimeField(default=timezone.now)
    # "Chrome on a phone": the browser family and the kind of device, never the whole agent.
    agent = models.CharField(max_length=60)
    # A keyed hash of the address, salted with the link: the same viewer twice reads the
    # same, but it names no address and cannot be joined across links.
    viewer = models.CharField(max_length=12)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["link", "-at"], name="profile_view_by_link")]

    def __str__(self) -> str:
        return f"{self.link} at {self.at:%Y-%m-%d %H:%M}"


class ScoreRelease(models.Model):
    """A submission's score as its round's owner released it to the consultant."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="score_release"
    )
    total = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    rubric_version = models.CharField(max_length=20)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.total:.0f} released for {self.submission}"
