"""Navigation: each person sees only the pages they may use (the access layer says which)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy

from vetting.access import can


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool
    # A count shown beside the label (the decisions waiting on my approval), 0 for none.
    count: int = 0


# Pages a buyer or a manager opens now and then: under "More" in the menu, so that the
# busiest role's menu keeps to one row at 1280 px in every language.
MORE = frozenset(
    {
        "consultants:directory",
        "vendors:register",
        "delivery:list",
        "benchmarks:organisation",
        "organisation:members",
    }
)


# (label, url name, icon, the permission that shows it, other paths that belong to the item).
# A label the page's own heading also uses but that German or Spanish says shorter in the
# menu has the context "main menu" ("Freigaben" for "Meine Freigaben").
NAV = [
    (
        pgettext_lazy("main menu", "Home"),
        "procurement_home",
        "house",
        "vetting.browse_engagements",
        (),
    ),
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
    (
        pgettext_lazy("main menu", "Reviews"),
        "checks:reviews",
        "pencil-square",
        "vetting.browse_engagements",
        (),
    ),
    (
        pgettext_lazy("main menu", "My approvals"),
        "approvals:mine",
        "check2-square",
        "vetting.browse_engagements",
        (),
    ),
    (
        pgettext_lazy("main menu", "Reference calls"),
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
        return {"nav_items": [], "nav_more": []}
    path = request.path
    items, more = [], []
    for label, name, icon, perm, prefixes in NAV:
        if can(user, perm):
            url = reverse(name)
            active = path.startswith((url, *prefixes))
            # My approvals' count is kept on the user (services.approvals): no query.
            count = user.approvals_waiting if name == "approvals:mine" else 0
            (more if name in MORE else items).append(NavItem(label, url, icon, active, count))
    role = user.primary_role
    # Kept in the session at sign-in and on a switch (no query per page).
    organisations = request.session.get("organisations") or []
    current = request.session.get("organisation")
    return {
        "organisations": organisations,
        "current_organisation": next((name for pk, name in organisations if pk == current), ""),
        "current_organisation_id": current,
        "nav_items": items,
        "nav_more": more,
        "nav_more_active": any(item.active for item in more),
        "user_role_label": role.shown_label if role else "",
        "can_browse_consultants": can(user, "consultants.view_directory"),
        # The Mentions link and its unread count (kept on the user: no query per page).
        "mentions_unread": user.unread_mentions if can(user, "vetting.view_mentions") else None,
    }
