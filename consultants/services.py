"""State changes for consultant profiles and references; one transaction each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from consultants.models import Consultant, Reference, Service
from vetting.concurrency import claim_version
from vetting.models import User
from vetting.roles import Role
from vetting.tasks import send_welcome_email


def _require_change(user: User, consultant: Consultant) -> None:
    if not user.has_perm("consultants.change_consultant", consultant):
        raise PermissionDenied("Only the consultant can change this profile.")


def consultant_sign_up(*, first_name: str, last_name: str, email: str, password: str) -> User:
    """A consultant creates an account: user, consultant role, an empty profile, a welcome."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=Role.CONSULTANT))
        consultant = Consultant(user=user, name=user.get_full_name(), email=user.email)
        consultant._history_user = user  # type: ignore[attr-defined]
        consultant.full_clean()
        consultant.save()
        send_welcome_email.delay_on_commit(user.pk)
    return user


def consultant_update(
    *,
    consultant: Consultant,
    by: User,
    data: dict[str, Any],
    services_offered: Iterable[Service],
    services_not_offered: Iterable[Service],
    expected_version: int | None,
) -> Consultant:
    """Save the profile form. Raises StaleVersionError if it changed since it was opened."""
    _require_change(by, consultant)
    with transaction.atomic():
        claim_version(consultant, expected_version)
        for field in Consultant.EDITABLE_FIELDS:
            if field in data:
                setattr(consultant, field, data[field])
        consultant._history_user = by  # type: ignore[attr-defined]
        consultant.full_clean()
        consultant.save()
        consultant.services_offered.set(services_offered)
        consultant.services_not_offered.set(services_not_offered)
    return consultant


def reference_create(*, consultant: Consultant, by: User, data: dict[str, Any]) -> Reference:
    _require_change(by, consultant)
    reference = Reference(consultant=consultant, **{f: data[f] for f in Reference.EDITABLE_FIELDS})
    with transaction.atomic():
        reference._history_user = by  # type: ignore[attr-defined]
        reference.full_clean()
        reference.save()
    return reference


def reference_update(*, reference: Reference, by: User, data: dict[str, Any]) -> Reference:
    _require_change(by, reference.consultant)
    with transaction.atomic():
        for field in Reference.EDITABLE_FIELDS:
            setattr(reference, field, data[field])
        reference._history_user = by  # type: ignore[attr-defined]
        reference.full_clean()
        reference.save()
    return reference


def reference_delete(*, reference: Reference, by: User) -> None:
    _require_change(by, reference.consultant)
    with transaction.atomic():
        reference._history_user = by  # type: ignore[attr-defined]
        reference.delete()
