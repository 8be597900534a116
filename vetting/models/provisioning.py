"""Provisioning: the bearer tokens with which an organisation's identity provider creates,
updates and removes its people through SCIM 2.0 (vetting/scim).

A token belongs to one organisation and reaches only that organisation's people. Only the
SHA-256 digest of the token is stored (the raw token is shown once, to the admin who
creates it); a revoked token is kept, with when it was revoked, so the history says which
token did what and until when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.models.organisations import Organisation


class ProvisioningTokenQuerySet(models.QuerySet):
    def active(self) -> ProvisioningTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ProvisioningToken(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="provisioning_tokens"
    )
    label = models.CharField(
        max_length=80, help_text=gettext_lazy("Which identity provider uses it.")
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256, hex
    hint = models.CharField(max_length=8, editable=False)  # its first characters, to recognise it
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # last_used_at moves on use: bookkeeping, not a change worth a history row.
    history = HistoricalRecords(excluded_fields=["last_used_at"])
    objects = ProvisioningTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.hint}…) for {self.organisation}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
