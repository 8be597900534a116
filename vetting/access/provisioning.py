"""Who an organisation's provisioning token reaches (SCIM 2.0, vetting/scim): its own
organisation's people and nobody else. The token is the caller, not a person, so these
rules take the token; the admins who create and revoke tokens are asked
`vetting.manage_organisation` like every other change to the members.

- A token reaches its organisation while it is not revoked (another organisation's URL is
  a 404: for that token the organisation does not exist).
- Through it, only the organisation's members are visible (`provisioned_people`): another
  organisation's people, consultants and outsiders are a 404 whatever their id.
- It may bring in a buyer-side account or create one, never a consultant's; where the
  organisation has verified email domains, only addresses there (as single sign-on).
- It changes a person's name and address only if they belong to this organisation alone:
  an account shared with another organisation is not this one's to rename.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:
    from vetting.models import Membership, Organisation, ProvisioningToken, User


def token_reaches(token: ProvisioningToken | None, organisation: Organisation) -> bool:
    return token is not None and not token.is_revoked and token.organisation_id == organisation.pk


def provisioned_memberships(organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's memberships, with their people, as SCIM sees them."""
    from vetting.models import Membership

    return Membership.objects.filter(organisation=organisation).select_related("user")


def provisioned_people(organisation: Organisation) -> QuerySet[User]:
    from vetting.models import User

    return User.objects.filter(memberships__organisation=organisation)


def address_provisionable(organisation: Organisation, email: str) -> bool:
    """An address the organisation may provision: anywhere until it verifies domains,
    then only there."""
    domains = [d.lower() for d in organisation.domains or []]
    return not domains or email.rpartition("@")[2].lower() in domains


def account_provisionable(user: Any) -> bool:
    """An existing account that may be brought into a buyer organisation: not a
    consultant's (their profile is theirs)."""
    from vetting.access.roles import is_consultant

    return not is_consultant(user)


def account_shared(user: User, organisation: Organisation) -> bool:
    """Does the person belong to another organisation too (so this one may not rename
    them or change their address)?"""
    from vetting.models import Membership

    return Membership.objects.filter(user=user).exclude(organisation=organisation).exists()
