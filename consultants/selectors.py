"""Reads behind the directory, the profile page and its history: a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy

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
        .annotate(vendor_status=vendor_status_of_viewer(user))
        .prefetch_related(Prefetch("services_offered", queryset=_SERVICE_NAMES))
        .order_by(*ordering)
    )


def vendor_status_of_viewer(user: User) -> Any:
    """The consultant's standing in the vendor registers of the viewer's organisations
    (none for a consultant or staff in no organisation): "expired" marks them."""
    from vetting.models.vendors import vendor_status_annotation

    return vendor_status_annotation("pk", Q(organisation__memberships__user=user))


def profile(user: User, pk: int) -> Consultant:
    """One profile with its services and references (three queries); 404s via DoesNotExist."""
    return (
        Consultant.objects.for_user(user)
        .annotate(vendor_status=vendor_status_of_viewer(user))
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
    reference: str = ""  # the reference's name, for a reference's entry

    @property
    def headline(self) -> str:
        """ "Profile changed", "Reference: Tom Reid created": one sentence per case, in the
        reader's language."""
        if self.reference:
            return HEADLINES["reference"][self.kind] % {"name": self.reference}
        return str(HEADLINES["profile"][self.kind])


HEADLINES = {
    "profile": {
        "created": gettext_lazy("Profile created"),
        "changed": gettext_lazy("Profile changed"),
        "deleted": gettext_lazy("Profile deleted"),
    },
    "reference": {
        "created": gettext_lazy("Reference: %(name)s created"),
        "changed": gettext_lazy("Reference: %(name)s changed"),
        "deleted": gettext_lazy("Reference: %(name)s deleted"),
    },
}


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
SYSTEM = gettext_lazy("System")
SAME_SAVE = timedelta(seconds=5)


def _fields(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {str(record._meta.get_field(name).verbose_name): getattr(record, name) for name in names}


def _service_snapshots(records: list[Any], field: str) -> dict[int, str]:
    """history_id -> the services listed in that version (one query)."""
    if not records:
        return {}
    through = getattr(records[0], field).model
    names: dict[int, list[str]] = {}
    rows = through.objects.filter(history__in=[r.history_id for r in records])
    for history_id, name in rows.values_list("history_id", "service__name"):
        names.setdefault(history_id, []).append(name)
    return {key: ", ".join(sorted(value)) for key, value in names.items()}


def _reference_snapshot(record: Any) -> dict[str, Any]:
    values = _fields(record, Reference.EDITABLE_FIELDS)
    values[str(gettext_lazy("their role"))] = record.role
    values[str(gettext_lazy("relationship"))] = record.get_relationship_display()
    return values


def _entries(
    records: list[Any], snapshot: Callable[[Any], dict[str, Any]], label: Callable[[Any], str]
) -> list[HistoryEntry]:
    """Turn historical rows (oldest first) into entries listing what changed."""
    entries = []
    previous: dict[int, dict[str, Any]] = {}
    for record in records:
        values = snapshot(record)
        before = previous.get(record.id)
        previous[record.id] = values
        changes = []
        if before is not None and record.history_type == "~":
            changes = [
                Change(name, before[name], new)
                for name, new in values.items()
                if before[name] != new
            ]
            if not changes:
                continue  # saved without a visible change
        who = record.history_user.display_name if record.history_user else str(SYSTEM)
        last = entries[-1] if entries else None
        if (
            last is not None
            and record.history_type == "~"
            and last.kind in ("created", "changed")
            and (last.what, last.who) == (label(record), who)
            and record.history_date - last.when < SAME_SAVE
        ):
            # One form save writes the fields and each list of services separately.
            last.changes.extend(changes)
            continue
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                what=label(record),
                kind=_KINDS[record.history_type],
                changes=changes,
                reference=getattr(record, "name", "") if label(record) != "Profile" else "",
            )
        )
    return entries


def profile_history(consultant: Consultant, *, limit: int = 200) -> list[HistoryEntry]:
    """Who changed what and when, on the profile and its references, newest first.

    Four queries: the profile's historical rows, the services each version listed (offered,
    not offered), and the references' historical rows.
    """
    profile_rows = list(
        Consultant.history.filter(id=consultant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    offered = _service_snapshots(profile_rows, "services_offered")
    declined = _service_snapshots(profile_rows, "services_not_offered")

    def profile_snapshot(record: Any) -> dict[str, Any]:
        values = _fields(record, Consultant.EDITABLE_FIELDS)
        values[str(gettext_lazy("services offered"))] = offered.get(record.history_id, "")
        values[str(gettext_lazy("services not offered"))] = declined.get(record.history_id, "")
        return values

    reference_rows = list(
        Reference.history.filter(consultant_id=consultant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = _entries(profile_rows, profile_snapshot, lambda r: "Profile")
    entries += _entries(reference_rows, _reference_snapshot, lambda r: f"Reference: {r.name}")
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


# Why an address cannot get a new account. Only its owner reads these: by email after the
# sign-up form (which answers the same for every address), or on the page at the emailed
# link (which proves the address). Lazy: each is put into words in its reader's language
# (the page's, or the email's when it is rendered).
SIGN_UP_REFUSALS = {
    "account": gettext_lazy(
        "An account with this email address already exists. Sign in, or reset your "
        "password if you forgot it."
    ),
    "invited": gettext_lazy(
        "An invitation to Winnow was sent to this address: create your account "
        "through the link in that email, so that the invitation comes with it. If you cannot "
        "find it, ask the buyer who invited you to send it again."
    ),
    "listed": gettext_lazy(
        "Another consultant's profile lists this email address. Sign in if it is "
        "yours, or use another address."
    ),
}


def sign_up_refusal(email: str) -> str | None:
    """The key in SIGN_UP_REFUSALS that stops `email` from signing up, or None.

    One account and one profile per address. Public sign-up never takes over the profile
    an invitation started (nor that invitation): the link emailed with the invitation
    attaches both, so an address with an invited profile is sent to that link instead of
    getting a second, orphaned profile. An address another profile lists is refused too,
    as on the profile form.
    """
    if User.objects.filter(email__iexact=email).exists():
        return "account"
    listed = Consultant.objects.filter(email__iexact=email).only("user_id").first()
    if listed is None:
        return None
    return "invited" if listed.user_id is None else "listed"
