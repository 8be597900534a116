"""Navigation: each role sees only the pages it may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from vetting.roles import Role
from vetting.rules import is_buyer_side


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool


# (label, url name, icon, roles that see it, other paths that belong to the item)
NAV = [
    ("Home", "procurement_home", "house", {Role.PROCUREMENT, Role.MANAGER}, ()),
    (
        "My invitations",
        "my_invitations",
        "envelope-open",
        {Role.CONSULTANT},
        ("/submissions/",),
    ),
    (
        "My profile",
        "consultants:mine",
        "person-badge",
        {Role.CONSULTANT},
        ("/consultants/", "/references/"),
    ),
    (
        "Engagements",
        "engagements:list",
        "clipboard-check",
        {Role.PROCUREMENT, Role.MANAGER},
        ("/submissions/",),
    ),
    ("Reviews", "checks:reviews", "pencil-square", {Role.PROCUREMENT, Role.MANAGER}, ()),
    ("Reference calls", "checks:calls", "telephone", {Role.MANAGER}, ("/checks/",)),
    ("Discrepancies", "checks:discrepancies", "flag", {Role.MANAGER}, ()),
    ("Consultants", "consultants:directory", "people", {Role.PROCUREMENT, Role.MANAGER}, ()),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    path = request.path
    items = []
    for label, name, icon, roles, prefixes in NAV:
        if any(user.has_role(role) for role in roles):
            url = reverse(name)
            active = path.startswith((url, *prefixes))
            items.append(NavItem(label, url, icon, active))
    role = user.primary_role
    return {
        "nav_items": items,
        "user_role_label": role.label if role else "",
        "can_browse_consultants": is_buyer_side(user),
    }
