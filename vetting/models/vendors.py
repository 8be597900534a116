"""The approved-vendor register and re-vetting (issue 18, part 4).

A consultant selected in a round enters the register of the round's buyer organisation
(one entry per consultant and organisation) with the round and decision they came from,
the date they were approved and a review date (approved + the organisation's re-vetting
cadence). Their status follows from the dates (`VendorStatus`): active, due for review
soon, expired; or removed by an admin, with a reason. A re-vetting round (`Revetting`)
is opened for an entry whose review date nears; selecting the consultant in it again
renews the entry.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.access.querysets import visible_vendor_entries
from vetting.choices import TextChoices

if TYPE_CHECKING:
    from vetting.models.accounts import User

# A vendor is "due for review soon" this many days before the review date (the first
# reminder goes out then too).
DUE_SOON_DAYS = 60
# Reminders to the organisation's admins and the round's owner, each sent once.
REMINDER_DAYS = (60, 30, 7)
# The schedule opens a re-vetting round this many days before the review date.
REVETTING_LEAD_DAYS = 30
# How long the consultant has to answer a re-vetting round.
REVETTING_ANSWER_DAYS = 21


class VendorStatus(TextChoices):
    ACTIVE = "active", gettext_lazy("Active")
    DUE = "due", gettext_lazy("Due for review soon")
    EXPIRED = "expired", gettext_lazy("Expired")
    REMOVED = "removed", gettext_lazy("Removed")


def months_later(day: date, months: int) -> date:
    return day + relativedelta(months=months)


def vendor_status_of(review_on: date, removed: bool, today: date | None = None) -> str:
    """The status a register entry's dates give it (the SQL of `status_expression`)."""
    today = today or timezone.localdate()
    if removed:
        return VendorStatus.REMOVED
    if review_on < today:
        return VendorStatus.EXPIRED
    if review_on <= today + timedelta(days=DUE_SOON_DAYS):
        return VendorStatus.DUE
    return VendorStatus.ACTIVE


def status_expression(prefix: str = "", today: date | None = None) -> Case:
    """`vendor_status_of` as SQL, over the entry at `prefix` ("" or e.g. "vendor__")."""
    today = today or timezone.localdate()
    return Case(
        When(**{f"{prefix}removed_at__isnull": False}, then=Value(VendorStatus.REMOVED.value)),
        When(**{f"{prefix}review_on__lt": today}, then=Value(VendorStatus.EXPIRED.value)),
        When(
            **{f"{prefix}review_on__lte": today + timedelta(days=DUE_SOON_DAYS)},
            then=Value(VendorStatus.DUE.value),
        ),
        default=Value(VendorStatus.ACTIVE.value),
        output_field=models.CharField(),
    )


def vendor_status_annotation(consultant: str, organisation: Q | str) -> Subquery:
    """The register status of the consultant at the path `consultant` in the organisation
    at the path `organisation` (a path, e.g. "engagement__organisation"), or in any of
    the organisations a Q on `VendorEntry` selects (e.g. the viewer's): None when not in
    the register. One subquery: the pages that list consultants (register, directory,
    profile, ranking, compare) annotate their rows with it, and `includes/vendor_badge.html`
    shows it."""
    entries = VendorEntry.objects.filter(consultant=OuterRef(consultant))
    if isinstance(organisation, str):
        entries = entries.filter(organisation=OuterRef(organisation))
    else:
        entries = entries.filter(organisation)
    # The worst status first: expired before due, due before active (removed is not shown).
    rank = Case(
        When(status=Value(VendorStatus.EXPIRED.value), then=Value(0)),
        When(status=Value(VendorStatus.DUE.value), then=Value(1)),
        default=Value(2),
    )
    entries = (
        entries.filter(removed_at__isnull=True)
        .annotate(status=status_expression())
        .order_by(rank, "pk")
        .values("status")[:1]
    )
    return Subquery(entries, output_field=models.CharField())


class VendorEntryQuerySet(models.QuerySet["VendorEntry"]):
    def for_user(self, user: User) -> VendorEntryQuerySet:
        """Entries of the organisations the user belongs to (staff: all):
        `access.visible_vendor_entries`."""
        return visible_vendor_entries(user, self)

    def with_status(self, today: date | None = None) -> VendorEntryQuerySet:
        return self.annotate(status=status_expression(today=today))

    def current(self) -> VendorEntryQuerySet:
        return self.filter(removed_at__isnull=True)


class VendorEntry(models.Model):
    """A consultant in an organisation's approved-vendor register."""

    organisation = models.ForeignKey(
        "vetting.Organisation", on_delete=models.CASCADE, related_name="vendor_entries"
    )
    consultant = models.ForeignKey(
        "consultants.Consultant", on_delete=models.PROTECT, related_name="vendor_entries"
    )
    # The round and decision the consultant was (last) selected in.
    submission = models.ForeignKey(
        "vetting.Submission", on_delete=models.PROTECT, related_name="vendor_entries"
    )
    decision = models.ForeignKey(
        "vetting.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField()
    review_on = models.DateField(gettext_lazy("review date"))
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removal_reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = VendorEntryQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "pk"]
        verbose_name_plural = gettext_lazy("vendor entries")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "consultant"], name="one_vendor_entry_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultant} in the register of {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("vendors:detail", args=[self.pk])

    @property
    def status(self) -> str:
        # An annotation (`with_status`) takes precedence when the queryset made one.
        return self.__dict__.get("status") or vendor_status_of(
            self.review_on, self.removed_at is not None
        )

    @status.setter
    def status(self, value: str) -> None:
        self.__dict__["status"] = value

    @property
    def status_label(self) -> str:
        return VendorStatus(self.status).label


class Revetting(models.Model):
    """A re-vetting round for a register entry: a new engagement copying the round the
    consultant was selected in, with one submission for them, linked to the previous one."""

    entry = models.ForeignKey(VendorEntry, on_delete=models.CASCADE, related_name="revettings")
    # The review date the round was opened for: one round per entry and review date, so a
    # schedule that runs twice opens one.
    review_on = models.DateField()
    previous = models.ForeignKey(
        "vetting.Submission", on_delete=models.PROTECT, related_name="revetted_by"
    )
    engagement = models.OneToOneField(
        "vetting.Engagement", on_delete=models.CASCADE, related_name="revetting"
    )
    submission = models.OneToOneField(
        "vetting.Submission", on_delete=models.CASCADE, related_name="revetting"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy("Empty: opened by the schedule."),
    )
    changes = models.TextField(
        gettext_lazy("what changed since"),
        max_length=4000,
        blank=True,
        help_text=gettext_lazy("What the consultant says changed since their last round."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "review_on"], name="one_revetting_per_review")
        ]

    def __str__(self) -> str:
        return f"Re-vetting of {self.entry.consultant} ({self.review_on})"
