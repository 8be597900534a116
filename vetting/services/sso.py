"""Single sign-on: an organisation's admin sets up its identity provider, and a person who
signs in there lands in the organisation with the role their groups give them.

The protocols (OpenID Connect, SAML 2.0) are django-allauth's (`vetting.sso_adapter` hands
it each organisation's settings); what an accepted sign-in means here is decided by
`sso_member_sign_in`: an address in one of the organisation's verified domains, a role
from the provider's groups on every sign-in, never a consultant's account. Everything else
is refused with the reason (`SsoRefused`), and no account is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vetting.access import require
from vetting.access.sign_in import single_sign_on_refused_for
from vetting.models import Organisation, OrganisationRole, User
from vetting.models.sso import SSO_FIELDS, SingleSignOn
from vetting.services.errors import ServiceError
from vetting.services.organisations import _join

# A person in several mapped groups gets the strongest of their roles.
ROLE_ORDER = [
    OrganisationRole.ADMIN,
    OrganisationRole.PROCUREMENT,
    OrganisationRole.MANAGER,
    OrganisationRole.REVIEWER,
]
EVERYONE = "*"


class SsoRefused(ServiceError):
    """A sign-in the identity provider accepted and Winnow does not: the message says why."""


def group_roles_parse(text: str) -> dict[str, str]:
    """'winnow-admins=admin' a line (blank lines and '#' comments skipped) as a dict;
    ValueError names the first line that is not a group and one of the roles."""
    roles = {r.value for r in OrganisationRole}
    mapping: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        group, sep, role = (part.strip() for part in line.rpartition("="))
        if not sep or not group or role.lower() not in roles:
            raise ValueError(
                _("Line %(number)s (%(line)s) is not 'group=role' with a role among %(roles)s.")
                % {"number": number, "line": repr(line), "roles": ", ".join(sorted(roles))}
            )
        mapping[group] = role.lower()
    return mapping


def role_from_groups(mapping: Mapping[str, str], groups: Iterable[str]) -> str | None:
    """The strongest role the groups map to; the '*' role for anyone else; else None."""
    found = {mapping[g] for g in groups if g in mapping}
    for role in ROLE_ORDER:
        if role in found:
            return role
    return mapping.get(EVERYONE)


def groups_in(extra_data: Mapping[str, Any], claim: str) -> list[str]:
    """The person's groups as the provider sent them: an OIDC claim (userinfo first, then
    the ID token) or a SAML attribute (a list of values); one string counts as one group."""
    sources = [extra_data.get("userinfo"), extra_data.get("id_token"), extra_data]
    for source in sources:
        if isinstance(source, Mapping) and claim in source:
            value = source[claim]
            if isinstance(value, str):
                return [value]
            if isinstance(value, list | tuple):
                return [str(v) for v in value]
    return []


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def sso_member_sign_in(
    *,
    organisation: Organisation,
    email: str,
    first_name: str = "",
    last_name: str = "",
    groups: Iterable[str] = (),
    linked: User | None = None,
) -> User:
    """The account of someone the organisation's identity provider signed in: `linked` (the
    account their provider identity signed in to before) or the one with their address, or a
    new one (no password: they sign in through the provider). Their membership takes the role
    their groups map to now. Refused (SsoRefused, nothing written) for an address outside the
    organisation's verified domains, groups that map to no role, or an account the provider
    may not sign in (access.sign_in: staff, a consultant, a deactivated account, or one that
    belongs to another organisation too)."""
    email = User.objects.normalize_email(email or "").strip().lower()
    domains = {d.lower() for d in organisation.domains}
    if not email or email_domain(email) not in domains:
        values = {
            "email": email,
            "organisation": organisation.name,
            "domains": ", ".join(sorted(domains)) or _("its verified domains (none are set yet)"),
        }
        raise SsoRefused(
            _(
                "%(email)s is not an address of %(organisation)s: single sign-on only admits "
                "addresses at %(domains)s."
            )
            % values
            if email
            else _(
                "Your identity provider sent no email address, so it is not an address of "
                "%(organisation)s: single sign-on only admits addresses at %(domains)s."
            )
            % values
        )
    settings = SingleSignOn.objects.get(organisation=organisation)
    role = role_from_groups(group_roles_parse(settings.group_roles), groups)
    if role is None:
        raise SsoRefused(
            _(
                "Your groups at %(organisation)s's identity provider give you no role in "
                "Winnow. Ask your administrator to add you to one of the groups it maps."
            )
            % {"organisation": organisation.name}
        )
    with transaction.atomic():
        user = linked or User.objects.filter(email__iexact=email).first()
        refused = user and single_sign_on_refused_for(user, organisation)
        if refused:
            raise SsoRefused(refused)
        if user is None:
            user = User.objects.create_user(
                email=email, first_name=first_name[:150], last_name=last_name[:150]
            )
            user.set_unusable_password()
            user.save()
        _join(organisation, user, role)
    return user


def sso_settings_save(
    *, organisation: Organisation, by: User, values: Mapping[str, Any]
) -> SingleSignOn:
    """Save the organisation's identity provider, its verified domains and whether its
    members may still sign in with a password. An empty client secret keeps the one saved
    (the page never shows it back)."""
    require(by, "vetting.manage_organisation", organisation, _("Only its admins set up SSO."))
    with transaction.atomic():
        sso, _created = SingleSignOn.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        for field in SSO_FIELDS:
            setattr(sso, field, values[field])
        if values.get("oidc_client_secret"):
            sso.oidc_client_secret = values["oidc_client_secret"]
        sso.full_clean()
        sso.save()
        if (
            not values["password_sign_in"]
            and not SingleSignOn.objects.usable().filter(pk=sso.pk).exists()
        ):
            # Nobody but staff could sign in: the switch waits for a working provider.
            raise ServiceError(
                _("Password sign-in stays on until single sign-on is switched on and complete.")
            )
        claimed = _domains_claimed_elsewhere(organisation, values["domains"])
        if claimed:
            raise ServiceError(
                _(
                    "%(domains)s is a verified domain of another organisation: a domain "
                    "belongs to one organisation only. Ask Winnow's administrators if it is "
                    "yours."
                )
                % {"domains": ", ".join(claimed)}
            )
        organisation.domains = list(values["domains"])
        organisation.password_sign_in = values["password_sign_in"]
        organisation.full_clean()
        organisation.save(update_fields=["domains", "password_sign_in"])
    return sso


def _domains_claimed_elsewhere(organisation: Organisation, domains: Iterable[str]) -> list[str]:
    wanted = {d.lower() for d in domains}
    others = Organisation.objects.exclude(pk=organisation.pk).values_list("domains", flat=True)
    return sorted(wanted & {d.lower() for listed in others for d in listed or []})
