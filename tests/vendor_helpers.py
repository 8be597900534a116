"""Builders for the approved-vendor register's tests: a consultant selected in a round
(through the services), an organisation admin."""

from __future__ import annotations

from typing import Any

from tests.factories import UserFactory, submitted_with_checks
from vetting.models import (
    Membership,
    Organisation,
    OrganisationRole,
    Outcome,
    Submission,
    User,
    VendorEntry,
)
from vetting.roles import Role
from vetting.services import decision_record


def select(submission: Submission, by: User) -> None:
    decision_record(
        submission=submission,
        by=by,
        outcome=Outcome.SELECT,
        rationale="Measured results, confirmed by both references.",
    )


def selected_vendor(*, owner: User, consultant: User, **engagement: Any) -> VendorEntry:
    """`consultant` answered a round of `owner`'s, with two references checked (requested),
    and was selected: their register entry."""
    submission = submitted_with_checks(consultant=consultant, owner=owner, **engagement)
    select(submission, owner)
    return VendorEntry.objects.select_related(
        "organisation", "consultant", "submission__engagement"
    ).get(consultant=consultant.consultant)


def make_admin(organisation: Organisation, **user: Any) -> User:
    admin = UserFactory(role=Role.PROCUREMENT, **user)
    Membership.objects.filter(user=admin).delete()
    Membership.objects.create(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    return admin


def vendor_world(submission: Submission, revetting_draft: Submission) -> VendorEntry:
    """For the permission tests' world (tests/api_world.py): the consultant of `submission`
    in its organisation's register (written straight: the world's submissions keep their
    states), and `revetting_draft` a re-vetting round of them, opened for an earlier review
    date (so that one more may be opened now)."""
    from datetime import timedelta

    from django.utils import timezone

    from vetting.models import Revetting

    today = timezone.localdate()
    entry = VendorEntry.objects.create(
        organisation=submission.engagement.organisation,
        consultant=submission.consultant,
        submission=submission,
        approved_on=today - timedelta(days=300),
        review_on=today + timedelta(days=65),
    )
    Revetting.objects.create(
        entry=entry,
        review_on=today - timedelta(days=1),
        previous=submission,
        engagement=revetting_draft.engagement,
        submission=revetting_draft,
    )
    return entry
