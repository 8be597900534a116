"""The demo's approved-vendor register: the three consultants who submitted to the closed
round are in its organisation's register, one active, one due for review soon and one
expired (so `make run` shows every status, and an expired vendor marked on the pages)."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from vetting.demo.rows import upsert
from vetting.models import Engagement, EngagementStatus, SubmissionStatus, User, VendorEntry
from vetting.models.vendors import months_later

# Approved this long ago (months back, then days forward), against a 12-month cadence:
# active, due for review in 25 days, expired a month ago.
APPROVED_AGO = (
    (relativedelta(days=40), timedelta(0)),
    (relativedelta(months=12), timedelta(days=25)),
    (relativedelta(months=13), timedelta(0)),
)


def seed_vendors(engagements: list[Engagement], *, owner: User, now: datetime) -> list[VendorEntry]:
    closed = next(e for e in engagements if e.status == EngagementStatus.CLOSED)
    submitted = closed.submissions.filter(status=SubmissionStatus.SUBMITTED).select_related(
        "consultant"
    )
    organisation = closed.organisation
    today = timezone.localdate(now)
    entries = []
    for submission, (back, forward) in zip(
        submitted.order_by("consultant__email"), APPROVED_AGO, strict=False
    ):
        approved = today - back + forward
        entries.append(
            upsert(
                VendorEntry,
                {"organisation": organisation, "consultant": submission.consultant},
                {
                    "submission": submission,
                    "decision": None,
                    "approved_on": approved,
                    "review_on": months_later(approved, organisation.revetting_months),
                    "removed_at": None,
                    "removed_by": None,
                    "removal_reason": "",
                },
                by=owner,
            )
        )
    return entries
