"""Object rules for profiles and references (django-rules)."""

from __future__ import annotations

import rules

from vetting.rules import is_buyer_side, is_staff


@rules.predicate
def owns_profile(user: object, consultant: object) -> bool:
    return consultant is not None and consultant.user_id == getattr(user, "pk", None)


rules.add_perm("consultants.view_directory", is_buyer_side)
rules.add_perm("consultants.view_consultant", is_buyer_side | owns_profile)
rules.add_perm("consultants.change_consultant", owns_profile | is_staff)
rules.add_perm("consultants.view_consultant_history", is_buyer_side | owns_profile)
