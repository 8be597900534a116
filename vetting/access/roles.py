"""Who a person is in Winnow: role predicates (django-rules), the ground every other rule of
the access layer stands on. A role is a Django group; an inactive or anonymous user has no
role at all."""

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


@rules.predicate
def is_organisation_member(user: object) -> bool:
    """A member of a buyer organisation, whatever their role there (a reviewer has no
    product role of their own). A consultant never is (asked first: it costs no query)."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.has_role(Role.CONSULTANT)
        and bool(user.organisation_ids)
    )


# The buyer side: who may browse the consultant directory, open engagement lists and be
# chosen as a reviewer or approver.
is_buyer_side = is_procurement | is_manager | is_staff | is_organisation_member
# Who may open a vetting round.
may_create_engagement = is_procurement | is_staff
# Who runs reference calls and clears the flags they raise.
is_caller = is_manager | is_staff


def organisation_role_of(user: object) -> str:
    """The role in a buyer organisation that a person's product role gives them when they
    join one without being asked (the default organisation of an installation's first
    buyers): procurement, or manager."""
    return "procurement" if is_procurement(user) else "manager"
