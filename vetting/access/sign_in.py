"""Who may sign in how: a member of an organisation that turned password sign-in off signs
in through its identity provider only; staff always may use their password (so that a
broken provider never locks the installation out)."""

from __future__ import annotations

from typing import Any

from vetting.access.roles import is_staff


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
