"""Provisioning through SCIM 2.0: the tokens an organisation's admin creates for its
identity provider, and the changes the provider makes with one (people in, renamed, moved
between roles, out). Each change is one transaction; who may make it is asked of the
access layer (`vetting.access.provisioning` for a token, `vetting.manage_organisation` for
the admins who create and revoke tokens). The membership changes themselves are the
members page's (`member_join`, `member_role_set`, `member_leave`), so a person added,
moved or removed through SCIM is exactly as one added, moved or removed by an admin:
deprovisioning removes them from the organisation and signs them out everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting.access import require
from vetting.access.provisioning import (
    account_provisionable,
    account_shared,
    address_provisionable,
    token_reaches,
)
from vetting.models import Membership, Organisation, OrganisationRole, ProvisioningToken, User
from vetting.services.errors import ServiceError
from vetting.services.organisations import member_join, member_leave, member_role_set
from vetting.tokens import hash_token, new_token

# How often the list of tokens learns that one was used: at most once a minute per token,
# so a provider's sync of a thousand people is not a thousand writes.
LAST_USED_EVERY = timedelta(minutes=1)


class ProvisioningRefused(ServiceError):
    """The identity provider asked for something this organisation's rules refuse.
    `kind` is the SCIM error type it answers with (RFC 7644 3.12): "uniqueness",
    "invalidValue" or "mutability"."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


# --- Tokens ------------------------------------------------------------------------------


def provisioning_token_create(
    *, organisation: Organisation, by: User, label: str
) -> tuple[ProvisioningToken, str]:
    """A new token for the organisation's identity provider: the raw token is returned
    once (to be shown once); only its SHA-256 digest is kept."""
    require(by, "vetting.manage_organisation", organisation, _("Only its admins create tokens."))
    raw, digest = new_token()
    token = ProvisioningToken(
        organisation=organisation, label=label.strip(), digest=digest, hint=raw[:6], created_by=by
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
    return token, raw


def provisioning_token_revoke(*, token: ProvisioningToken, by: User) -> ProvisioningToken:
    """Refuse the token from now on (kept, with when it was revoked, for the history)."""
    require(
        by, "vetting.manage_organisation", token.organisation, _("Only its admins revoke tokens.")
    )
    with transaction.atomic():
        token = ProvisioningToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def provisioning_token_authenticate(*, raw: str) -> ProvisioningToken | None:
    """The active token whose digest matches `raw`, with its organisation; None for an
    unknown or revoked one. Notes when it was last used (the one write of a SCIM read, as
    an API token's last use is noted: bookkeeping of the credential, not of the data)."""
    token = (
        ProvisioningToken.objects.active()
        .select_related("organisation")
        .filter(digest=hash_token(raw))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ProvisioningToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _require_token(token: ProvisioningToken, organisation: Organisation) -> None:
    if not token_reaches(token, organisation):
        raise PermissionDenied(_("This token does not provision this organisation."))


# --- People --------------------------------------------------------------------------------


def _address(organisation: Organisation, email: str, *, exclude: User | None = None) -> str:
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ProvisioningRefused(
            _("%(email)s is not an email address.") % {"email": repr(email)}, "invalidValue"
        ) from exc
    if not address_provisionable(organisation, email):
        raise ProvisioningRefused(
            _("%(email)s is outside %(organisation)s's verified domains.")
            % {"email": email, "organisation": organisation.name},
            "invalidValue",
        )
    if (
        exclude is not None
        and User.objects.filter(email__iexact=email).exclude(pk=exclude.pk).exists()
    ):
        raise ProvisioningRefused(
            _("%(email)s is another account's address.") % {"email": email}, "uniqueness"
        )
    return email


def scim_user_create(
    *, token: ProvisioningToken, email: str, first_name: str = "", last_name: str = ""
) -> Membership:
    """The identity provider brings someone in: an existing buyer-side account joins the
    organisation, a new address gets an account (told by email, as from the members page);
    a consultant's account is refused. They join as reviewers (the least a member may do);
    the provider gives them a role by adding them to a group."""
    organisation = token.organisation
    _require_token(token, organisation)
    email = _address(organisation, email)
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and not account_provisionable(existing):
            raise ProvisioningRefused(
                _(
                    "%(email)s is a consultant's account: consultants are not members of a "
                    "buyer organisation."
                )
                % {"email": email},
                "uniqueness",
            )
        if (
            existing is not None
            and Membership.objects.filter(organisation=organisation, user=existing).exists()
        ):
            raise ProvisioningRefused(
                _("%(email)s is a member already.") % {"email": email}, "uniqueness"
            )
        membership = member_join(
            organisation=organisation,
            email=email,
            name=f"{first_name} {last_name}".strip(),
            role=OrganisationRole.REVIEWER,
        )
        user = membership.user
        if existing is None and (user.first_name, user.last_name) != (first_name, last_name):
            user.first_name, user.last_name = first_name[:150], last_name[:150]
            user.save(update_fields=["first_name", "last_name"])
    return membership


def scim_user_update(
    *,
    token: ProvisioningToken,
    membership: Membership,
    email: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    active: bool | None = None,
) -> Membership | None:
    """The identity provider changes someone: their name and address (only if they belong
    to this organisation alone), or `active=False`, which deprovisions them (None)."""
    organisation = membership.organisation
    _require_token(token, organisation)
    if active is False:
        scim_user_deactivate(token=token, membership=membership)
        return None
    user = membership.user
    wanted = {
        "email": None
        if email is None or email.strip().lower() == user.email.lower()
        else _address(organisation, email, exclude=user),
        "first_name": None if first_name is None else first_name[:150],
        "last_name": None if last_name is None else last_name[:150],
    }
    changed = {k: v for k, v in wanted.items() if v is not None and getattr(user, k) != v}
    if not changed:
        return membership
    if account_shared(user, organisation):
        raise ProvisioningRefused(
            _(
                "%(email)s belongs to another organisation too: their name and address are "
                "not this organisation's to change."
            )
            % {"email": user.email},
            "mutability",
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for field, value in changed.items():
            setattr(user, field, value)
        user.save(update_fields=list(changed))
    membership.user = user
    return membership


def scim_user_deactivate(*, token: ProvisioningToken, membership: Membership) -> User:
    """Deprovision: out of the organisation, signed out everywhere and API tokens revoked,
    in one transaction. The provider's word is final, even for the last admin."""
    _require_token(token, membership.organisation)
    return member_leave(membership=membership, keep_an_admin=False)


# --- Groups (the organisation's roles) ----------------------------------------------------


def scim_group_update(
    *, token: ProvisioningToken, role: str, changes: Iterable[tuple[str, list[Membership]]]
) -> None:
    """Members in and out of a role's group, as the provider's operations say, in order
    ("add", "remove" or "replace" with the members named; the memberships are the
    organisation's, as `provisioned_memberships` found them). A member is in exactly one
    group, their role: added to a group, they take its role; taken out of the group of
    their role, they become reviewers (the least a member may do: only deprovisioning
    removes them). "replace" makes the named the group's members and the others reviewers.
    The last admin stays an admin (ServiceError)."""
    organisation = token.organisation
    _require_token(token, organisation)
    role = OrganisationRole(role)
    with transaction.atomic():
        for op, memberships in changes:
            add, remove = [], []
            if op == "replace":
                named = {m.pk for m in memberships}
                current = Membership.objects.filter(organisation=organisation, role=role)
                add, remove = memberships, [m for m in current if m.pk not in named]
            elif op == "add":
                add = memberships
            else:
                remove = memberships
            for membership in add:
                member_role_set(membership=membership, role=role)
            for membership in remove:
                membership.refresh_from_db(fields=["role"])
                if membership.role == role and role != OrganisationRole.REVIEWER:
                    member_role_set(membership=membership, role=OrganisationRole.REVIEWER)
