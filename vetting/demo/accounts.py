"""The demo sign-ins: one account per role and a Django administrator, all with the same
password, which the command prints. Running the seed again resets each account's staff
and superuser flags and adds its role group back, but never changes its password."""

from __future__ import annotations

from django.contrib.auth.models import Group

from vetting.models import Membership, Organisation, User
from vetting.roles import Role

# Printed with the sign-ins on purpose: it only ever guards demo data.
DEMO_PASSWORD = "winnow-demo-2026"  # noqa: S105

ACCOUNTS = [
    # email, first, last, role (None = administrator), staff
    ("procurement@winnow.test", "Priya", "Shah", Role.PROCUREMENT, False),
    ("manager@winnow.test", "Marcus", "Lee", Role.MANAGER, False),
    ("consultant@winnow.test", "Clara", "Okafor", Role.CONSULTANT, False),
    # Procurement at a second buyer organisation: sees none of the first one's rounds.
    ("bank@winnow.test", "Bea", "Hartley", Role.PROCUREMENT, False),
    ("admin@winnow.test", "Ada", "Admin", None, True),
]


def seed_accounts() -> dict[str, User]:
    """The demo accounts by email, created with DEMO_PASSWORD the first time."""
    users = {}
    for email, first, last, role, staff in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
        user.is_staff = user.is_superuser = staff
        user.save()
        if role is not None:
            user.groups.add(Group.objects.get(name=role))
        users[email] = user
    return users


# The two demo buyer organisations: (slug, name, email domains, members as (email, role)).
ORGANISATIONS = [
    (
        "northwind",
        "Northwind Retail",
        ["winnow.test"],
        [("procurement@winnow.test", "admin"), ("manager@winnow.test", "manager")],
    ),
    ("harbour-bank", "Harbour Bank", [], [("bank@winnow.test", "admin")]),
]


def seed_organisations(users: dict[str, User]) -> dict[str, Organisation]:
    """The demo organisations by slug, with their members (each buyer in one)."""
    from vetting.services.organisations import GROUP_OF

    found = {}
    for slug, name, domains, members in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "domains": domains}
        )
        for email, role in members:
            Membership.objects.update_or_create(
                organisation=organisation, user=users[email], defaults={"role": role}
            )
            group = GROUP_OF[role]
            if group is not None:
                users[email].groups.add(Group.objects.get(name=group))
        found[slug] = organisation
    return found
