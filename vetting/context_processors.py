"""Navigation: each person sees only the pages they may use (the access layer says which)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from vetting.access import can


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool
    # A count shown beside the label (the decisions waiting on my approval), 0 for none.
    count: int = 0


# (label, url name, icon, the permission that shows it, other paths that belong to the item)
NAV = [
    (gettext_lazy("Home"), "procurement_home", "house", "vetting.browse_engagements", ()),
    (
        gettext_lazy("My invitations"),
        "my_invitations",
        "envelope-open",
        "vetting.answer_invitations",
        ("/submissions/",),
    ),
    (
        gettext_lazy("My profile"),
        "consultants:mine",
        "person-badge",
        "vetting.answer_invitations",
        ("/consultants/", "/references/"),
    ),
    (
        gettext_lazy("Verified profile"),
        "profiles:links",
        "shield-check",
        "vetting.answer_invitations",
        ("/my/verified-profile/",),
    ),
    (
        gettext_lazy("Engagements"),
        "engagements:list",
        "clipboard-check",
        "vetting.browse_engagements",
        ("/submissions/",),
    ),
    (
        gettext_lazy("Questionnaires"),
        "questionnaires:list",
        "ui-checks",
        "vetting.create_engagement",
        ("/questionnaires/",),
    ),
    (gettext_lazy("Reviews"), "checks:reviews", "pencil-square", "vetting.browse_engagements", ()),
    (
        gettext_lazy("My approvals"),
        "approvals:mine",
        "check2-square",
        "vetting.browse_engagements",
        (),
    ),
    (
        gettext_lazy("Reference calls"),
        "checks:calls",
        "telephone",
        "vetting.run_calls",
        ("/checks/",),
    ),
    (gettext_lazy("Discrepancies"), "checks:discrepancies", "flag", "vetting.run_calls", ()),
    (
        gettext_lazy("Consultants"),
        "consultants:directory",
        "people",
        "consultants.view_directory",
        (),
    ),
    (
        gettext_lazy("Vendors"),
        "vendors:register",
        "patch-check",
        "vetting.browse_engagements",
        ("/vendors/",),
    ),
    (
        gettext_lazy("Delivery reviews"),
        "delivery:list",
        "clipboard-data",
        "vetting.browse_engagements",
        ("/delivery-reviews/", "/outcomes/"),
    ),
    (
        gettext_lazy("Benchmarks"),
        "benchmarks:organisation",
        "bar-chart",
        "vetting.browse_claim_benchmarks",
        (),
    ),
    (
        gettext_lazy("Organisation"),
        "organisation:members",
        "building",
        "vetting.browse_engagements",
        (),
    ),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    path = request.path
    items = []
    for label, name, icon, perm, prefixes in NAV:
        if can(user, perm):
            url = reverse(name)
            active = path.startswith((url, *prefixes))
            # My approvals' count is kept on the user (services.approvals): no query.
            count = user.approvals_waiting if name == "approvals:mine" else 0
            items.append(NavItem(label, url, icon, active, count))
    role = user.primary_role
    # Kept in the session at sign-in and on a switch (no query per page).
    organisations = request.session.get("organisations") or []
    current = request.session.get("organisation")
    return {
        "organisations": organisations,
        "current_organisation": next((name for pk, name in organisations if pk == current), ""),
        "current_organisation_id": current,
        "nav_items": items,
        "user_role_label": role.shown_label if role else "",
        "can_browse_consultants": can(user, "consultants.view_directory"),
        # The Mentions link and its unread count (kept on the user: no query per page).
        "mentions_unread": user.unread_mentions if can(user, "vetting.view_mentions") else None,
    }
