"""Accounts: people sign in with an email address; roles are groups."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.i18n import LANGUAGE_CHOICES
from vetting.roles import Role


class UserManager(DjangoUserManager):
    """People sign in with their email address; there is no separate username."""

    use_in_migrations = True

    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.password = ""
        user.set_password(password)
        return user

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:  # type: ignore[override]
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    # Stored lower-cased by the manager; the Lower() constraint also guards direct writes.
    email = models.EmailField(gettext_lazy("email address"), max_length=254, unique=True)
    # Decisions waiting on this person's approval (vetting.services.approvals keeps it): the
    # navigation's "My approvals" count reads it from the user already loaded, no query.
    approvals_waiting = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    # Moved to sign the person out everywhere at once (removed from an organisation,
    # deprovisioned): it is part of what a session is checked against.
    auth_epoch = models.PositiveIntegerField(default=0, editable=False)
    # Unread @mentions (vetting.services.comments keeps it): the navigation's badge reads it
    # from the user already loaded, so no page pays a query for it.
    unread_mentions = models.PositiveIntegerField(default=0, editable=False)
    # The language of their pages and emails (vetting/i18n.py); empty: as their browser asks.
    language = models.CharField(
        gettext_lazy("language"), max_length=10, choices=LANGUAGE_CHOICES, blank=True, default=""
    )

    objects = UserManager()
    # Who changed a person's name, email, roles or access; never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login", "unread_mentions"])

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_session_auth_hash(self) -> str:
        """Django's (from the password hash), salted with `auth_epoch` once it moved: every
        session made before the move no longer matches, so it is signed out."""
        if not self.auth_epoch:
            return super().get_session_auth_hash()
        return salted_hmac(
            "vetting.User.get_session_auth_hash",
            f"{self.password}|{self.auth_epoch}",
            algorithm="sha256",
        ).hexdigest()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's groups, loaded once per request."""
        return frozenset(self.groups.values_list("name", flat=True))

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        """The buyer organisations the user belongs to, loaded once per request."""
        return frozenset(self.memberships.values_list("organisation_id", flat=True))

    def has_role(self, role: Role) -> bool:
        return self.is_active and role.value in self.role_names

    @property
    def primary_role(self) -> Role | None:
        """The role whose home page the user lands on after signing in."""
        for role in (Role.PROCUREMENT, Role.MANAGER, Role.CONSULTANT):
            if self.has_role(role):
                return role
        return None


class SentEmail(models.Model):
    """One email that went out, keyed so that a retried or repeated task never sends twice."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField(max_length=254)
    template = models.CharField(max_length=80)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.template} to {self.to}"
