"""Buyer organisations: who owns a round, and whose people may see it.

A buyer organisation owns its engagements (and through them their submissions, cards,
prices, reviews and exports) and its questionnaire templates. People on the buyer side
belong to one organisation or more, with a role there; consultants belong to none (their
profile is theirs). Who may see what is asked of the access layer, which reads these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices

DEFAULT_SLUG = "default"  # where the upgrade put every existing buyer and round


class OrganisationRole(TextChoices):
    """What a member does in one organisation. Procurement runs rounds and builds
    templates; a manager runs reference calls and reviews; a reviewer only reviews the
    rounds they are put on; an admin is procurement who also manages the members."""

    ADMIN = "admin", gettext_lazy("Admin")
    PROCUREMENT = "procurement", gettext_lazy("Procurement")
    MANAGER = "manager", gettext_lazy("Manager")
    REVIEWER = "reviewer", gettext_lazy("Reviewer")


class Organisation(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    # Email domains the organisation has shown it owns: single sign-on creates accounts
    # only for addresses there.
    domains = models.JSONField(default=list, blank=True)
    password_sign_in = models.BooleanField(
        default=True,
        help_text=gettext_lazy("Members may sign in with a password (off: single sign-on only)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The approved-vendor register (vetting/models/vendors.py): a selected consultant is
    # reviewed this long after their approval, and a re-vetting round checks again the
    # references whose last completed check is older than this.
    revetting_months = models.PositiveSmallIntegerField(
        gettext_lazy("re-vetting cadence (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=gettext_lazy("How long after approval a vendor is reviewed again."),
    )
    reference_max_age_months = models.PositiveSmallIntegerField(
        gettext_lazy("reference checks stay valid for (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=gettext_lazy(
            "A re-vetting round checks again the references checked longer ago."
        ),
    )
    # Consultants' verified profiles (vetting/models/profiles.py) name the buyer of a round
    # only with its consent: "a buyer" otherwise.
    name_on_verified_profiles = models.BooleanField(
        gettext_lazy("show our name on consultants' verified profiles"),
        default=False,
        help_text=gettext_lazy(
            'Off: a consultant\'s shared profile says "a buyer" for your rounds.'
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=OrganisationRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"
