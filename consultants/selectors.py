"""Reads behind the directory, the profile page and its history: a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from consultants.models import Consultant, Reference, Service
from vetting.models import User

_SERVICE_NAMES = Service.objects.only("name", "position")


def directory(
    user: User, *, text: str = "", service: Service | None = None, ordering: tuple[str, ...]
) -> QuerySet[Consultant]:
    """Profiles the user may see, searched and sorted, with what a directory row shows.

    Queries when a page is evaluated: the page itself, then one prefetch of services.
    """
    consultants = Consultant.objects.for_user(user).search(text)
    if service is not None:
        consultants = consultants.filter(services_offered=service)
    return (
        consultants.with_reference_counts()
        .prefetch_related(Prefetch("services_offered", queryset=_SERVICE_NAMES))
        .order_by(*ordering)
    )


def profile(user: User, pk: int) -> Consultant:
    """One profile with its services and references (three queries); 404s via DoesNotExist."""
    return (
        Consultant.objects.for_user(user)
        .prefetch_related(
            Prefetch("services_offered", queryset=_SERVICE_NAMES),
            Prefetch("services_not_offered", queryset=_SERVICE_NAMES),
            Prefetch("references", queryset=Reference.objects.order_by("-period_from", "pk")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str  # "Profile" or "Reference: <name>"
    kind: str  # "created", "changed" or "deleted"
    changes: list[Change] = field(default_factory=list)


_TRACKED_PROFILE = (
    "name",
    "agency",
    "email",
    "phone",
    "website",
    "location",
    "headline",
    "business_background",
)
_TRACKED_REFERENCE = (
    "name",
    "email",
    "phone",
    "company",
    "role",
    "relationship",
    "period_from",
    "period_to",
    "can_confirm",
    "consent_to_contact",
)
_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def _entries(records: list[Any], fields: tuple[str, ...], label: Any) -> list[HistoryEntry]:
    """Turn one object's historical rows (oldest first) into entries with field changes."""
    entries = []
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        if before is not None and record.history_type == "~":
            for name in fields:
                old, new = getattr(before, name), getattr(record, name)
                if old != new:
                    changes.append(Change(record._meta.get_field(name).verbose_name, old, new))
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue  # saved without a visible change (for example only the services)
        who = record.history_user.display_name if record.history_user else "System"
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                what=label(record),
                kind=_KINDS[record.history_type],
                changes=changes,
            )
        )
    return entries


def profile_history(consultant: Consultant, *, limit: int = 200) -> list[HistoryEntry]:
    """Who changed what and when, on the profile and its references, newest first.

    Two queries: the profile's historical rows and its references' historical rows.
    """
    profile_rows = list(
        Consultant.history.filter(id=consultant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    reference_rows = list(
        Reference.history.filter(consultant_id=consultant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = _entries(profile_rows, _TRACKED_PROFILE, lambda r: "Profile")
    entries += _entries(reference_rows, _TRACKED_REFERENCE, lambda r: f"Reference: {r.name}")
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
