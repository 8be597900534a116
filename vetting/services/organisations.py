"""Buyer organisations and their members: which organisation a person works in now, and
what an organisation's admin does (add people, change their role, remove them). Every
change is one transaction, checked by the access layer first; emails go through the outbox.

A member's role in the organisation also gives them the product role it needs (procurement
or manager, Django groups that the rest of the rules read): an admin and procurement are
procurement, a manager is a manager, a reviewer is neither (they review the rounds they are
put on). Removing someone signs them out everywhere (`User.auth_epoch`) and revokes their
API tokens at once: what they could see through this organisation is gone on their next
request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _
from knox.models import AuthToken

from vetting import outbox
from vetting.access import require
from vetting.access.roles import is_consultant
from vetting.models import Membership, Organisation, OrganisationRole, User
from vetting.models.organisations import DEFAULT_SLUG
from vetting.roles import Role
from vetting.services.errors import ServiceError

SESSION_KEY = "organisation"

# The product role (a group) each organisation role needs.
GROUP_OF = {
    OrganisationRole.ADMIN: Role.PROCUREMENT,
    OrganisationRole.PROCUREMENT: Role.PROCUREMENT,
    OrganisationRole.MANAGER: Role.MANAGER,
    OrganisationRole.REVIEWER: None,
}


def organisations_of(user: User) -> list[Organisation]:
    """The organisations the user belongs to, by name."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user).order_by("name", "pk"))


def current_organisation(user: User, chosen: Any = None) -> Organisation | None:
    """The organisation the user works in now: the one `chosen` (an id kept in their
    session) if they belong to it, else the first they joined; None for someone in none (a
    consultant, or a buyer not in any yet)."""
    if not user.is_authenticated:
        return None
    mine = Membership.objects.filter(user=user).select_related("organisation")
    if chosen is not None and str(chosen).isdigit():
        found = mine.filter(organisation_id=int(chosen)).first()
        if found is not None:
            return found.organisation
    first = mine.order_by("created_at", "pk").first()
    return first.organisation if first else None


def default_organisation() -> Organisation:
    """The organisation of a buyer who belongs to none (an installation's first buyers,
    staff creating people in the admin)."""
    organisation, _created = Organisation.objects.get_or_create(
        slug=DEFAULT_SLUG, defaults={"name": "Default organisation"}
    )
    return organisation


def organisation_create(*, name: str, by: User, domains: list[str] | None = None) -> Organisation:
    """A new buyer organisation with `by` as its first admin."""
    with transaction.atomic():
        base = slugify(name)[:50] or "organisation"
        slug, n = base, 2
        while Organisation.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        organisation = Organisation.objects.create(
            name=name, slug=slug, domains=[d.lower() for d in domains or []]
        )
        _join(organisation, by, OrganisationRole.ADMIN)
    return organisation


def _join(organisation: Organisation, user: User, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save()
    _grant(user, role)
    return membership


def _grant(user: User, role: str) -> None:
    group = GROUP_OF[OrganisationRole(role)]
    if group is not None:
        user.groups.add(Group.objects.get(name=group))


def member_add(
    *, organisation: Organisation, by: User, email: str, name: str, role: str
) -> Membership:
    """Add someone to the organisation with `role`: an existing buyer-side account joins
    (and is told by email); a new address gets an account and an email to choose its
    password. A consultant's account cannot join (their profile is theirs)."""
    require(by, "vetting.manage_organisation", organisation, _("Only its admins add members."))
    return member_join(organisation=organisation, email=email, name=name, role=role)


def member_join(*, organisation: Organisation, email: str, name: str, role: str) -> Membership:
    """The change `member_add` makes, unchecked: its callers check who asks (an admin on the
    members page, the organisation's provisioning token through SCIM)."""
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is not None and is_consultant(user):
            raise ServiceError(
                _(
                    "This address belongs to a consultant: consultants are not members of a "
                    "buyer organisation. Invite them to a round instead."
                )
            )
        if (
            user is not None
            and Membership.objects.filter(organisation=organisation, user=user).exists()
        ):
            raise ServiceError(
                _("%(email)s is a member already: change their role instead.") % {"email": email}
            )
        created = user is None
        if created:
            first, _space, last = name.strip().partition(" ")
            user = User.objects.create_user(email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
        membership = _join(organisation, user, role)
        from vetting.tasks import send_membership_email

        outbox.enqueue(send_membership_email, membership.pk, created)
    return membership


def member_role_change(*, membership: Membership, by: User, role: str) -> Membership:
    """Give a member another role; the last admin stays an admin."""
    require(
        by,
        "vetting.manage_organisation",
        membership.organisation,
        _("Only its admins change roles."),
    )
    return member_role_set(membership=membership, role=role)


def member_role_set(*, membership: Membership, role: str) -> Membership:
    """The change `member_role_change` makes, unchecked (its callers check who asks); the
    last admin stays an admin."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == OrganisationRole.ADMIN and role != OrganisationRole.ADMIN:
            _keep_an_admin(membership.organisation, membership)
        membership.role = role
        membership.save()
        _grant(membership.user, role)
    return membership


def _keep_an_admin(organisation: Organisation, leaving: Membership) -> None:
    others = Membership.objects.filter(
        organisation=organisation, role=OrganisationRole.ADMIN
    ).exclude(pk=leaving.pk)
    if not others.exists():
        raise ServiceError(
            _("An organisation keeps one admin at least: make someone else admin first.")
        )


def member_remove(*, membership: Membership, by: User) -> User:
    """Take someone out of the organisation: they are signed out everywhere and their API
    tokens revoked at once (they sign in again to what else they may use)."""
    require(
        by,
        "vetting.manage_organisation",
        membership.organisation,
        _("Only its admins remove members."),
    )
    return member_leave(membership=membership)


def member_leave(*, membership: Membership, keep_an_admin: bool = True) -> User:
    """The change `member_remove` makes, unchecked (its callers check who asks): the
    membership ends and the person is signed out everywhere in the same transaction.
    `keep_an_admin=False` when the organisation's identity provider deprovisions someone:
    its word that they left is final, even for the last admin."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if keep_an_admin and membership.role == OrganisationRole.ADMIN:
            _keep_an_admin(membership.organisation, membership)
        user = membership.user
        membership.delete()
        sign_out_everywhere(user)
    return user


def sign_out_everywhere(user: User) -> None:
    """End every session of the user (their session hash no longer matches) and revoke
    every API token they hold."""
    User.objects.filter(pk=user.pk).update(auth_epoch=F("auth_epoch") + 1)
    AuthToken.objects.filter(user=user).delete()
