"""State changes for consultant profiles and references; one transaction each."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consultants.models import Consultant, Reference, Service
from consultants.selectors import SIGN_UP_REFUSALS, sign_up_refusal
from vetting import outbox
from vetting.access import can
from vetting.concurrency import claim_version
from vetting.i18n import default_language
from vetting.models import User
from vetting.roles import Role
from vetting.services.errors import ServiceError
from vetting.tasks import send_sign_up_email, send_welcome_email


def _require_change(user: User, consultant: Consultant) -> None:
    if not can(user, "consultants.change_consultant", consultant):
        raise PermissionDenied("Only the consultant can change this profile.")


def consultant_sign_up_request(*, email: str, first_name: str, last_name: str) -> None:
    """Sign-up, step one: one email to the address, whatever it is (the link to choose a
    password, or why it cannot sign up). The caller answers the same for every address, so
    the form tells nobody whether an address has an account, an invitation or a profile."""
    token = secrets.token_hex(16)
    outbox.enqueue(
        send_sign_up_email,
        token,
        email,
        first_name,
        last_name,
        default_language(),
        key=f"send_sign_up_email:{token}",
    )


def consultant_sign_up_confirm(
    *, email: str, first_name: str, last_name: str, password: str
) -> User:
    """Sign-up, step two, at the emailed link (which proved the address): the account,
    unless the address was taken meanwhile (ServiceError saying why)."""
    refusal = sign_up_refusal(email)
    if refusal is not None:
        raise ServiceError(str(SIGN_UP_REFUSALS[refusal]))
    try:
        return consultant_sign_up(
            first_name=first_name, last_name=last_name, email=email, password=password
        )
    except IntegrityError:  # the same link, submitted twice at once
        raise ServiceError(str(SIGN_UP_REFUSALS["account"])) from None


def consultant_sign_up(*, first_name: str, last_name: str, email: str, password: str) -> User:
    """A consultant creates an account: user, consultant role, an empty profile, a welcome."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            # The language they signed up in: their emails follow it (vetting/i18n.py).
            language=default_language(),
        )
        user.groups.add(Group.objects.get(name=Role.CONSULTANT))
        consultant = Consultant(user=user, name=user.get_full_name(), email=user.email)
        consultant._history_user = user  # type: ignore[attr-defined]
        consultant.full_clean()
        consultant.save()
        outbox.enqueue(send_welcome_email, user.pk)
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
