"""Who may sign in how: a member of an organisation that turned password sign-in off signs
in through its identity provider only; staff always may use their password (so that a
broken provider never locks the installation out)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vetting.access.roles import is_consultant, is_staff


def password_sign_in_refused_by(user: Any) -> Any:
    """The organisation whose single sign-on the user must use instead of a password, or
    None when the password form may sign them in."""
    from vetting.models import Organisation

    if user is None or is_staff(user):
        return None
    return (
        Organisation.objects.filter(memberships__user=user, password_sign_in=False)
        .order_by("name", "pk")
        .first()
    )


def single_sign_on_refused_for(user: Any, organisation: Any) -> str | None:
    """Why the organisation's identity provider may not sign in this existing account (its
    address is in the organisation's domains, but the admins who set up the provider must
    not thereby take over an account that is not only theirs), or None when it may."""
    from vetting.models import Membership

    email = user.email
    if is_staff(user) or user.is_superuser:
        return _("%(email)s administers this Winnow: it signs in with its password.") % {
            "email": email
        }
    if is_consultant(user):
        return _(
            "%(email)s is a consultant's account: consultants sign in with their password, "
            "not through a buyer organisation."
        ) % {"email": email}
    if not user.is_active:
        return _("The account %(email)s is deactivated.") % {"email": email}
    if Membership.objects.filter(user=user).exclude(organisation=organisation).exists():
        return _(
            "%(email)s also belongs to another organisation, so %(organisation)s's identity "
            "provider cannot sign it in: sign in with your password."
        ) % {"email": email, "organisation": organisation.name}
    return None
