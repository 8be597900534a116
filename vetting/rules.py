"""Role predicates shared by every app's object rules (django-rules)."""

from __future__ import annotations

import rules

from vetting.roles import Role


@rules.predicate
def is_procurement(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.PROCUREMENT)


@rules.predicate
def is_manager(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.MANAGER)


@rules.predicate
def is_consultant(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.CONSULTANT)


@rules.predicate
def is_staff(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_staff


# Who may browse the consultant directory and read profiles other than their own.
is_buyer_side = is_procurement | is_manager | is_staff
