"""Claim-level reference benchmarks: keeping the summary table (`ClaimTally`) in step with
the completed reference checks.

`claim_tallies_refresh` recomputes one consultant's rows in one organisation from scratch
(idempotent: a second call writes the same rows); the reference services call it in the
transaction that completes a check, so a page never reads a table behind the checks.
`claim_tallies_rebuild` recomputes every row (the `claim_benchmarks_rebuild` command:
after a restore, or a change of the counting rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from vetting.models import Answer, CheckStatus, ClaimTally, ReferenceCheck
from vetting.scoring.benchmarks import Tally, claim_relationship, merge, tally_claims

# The answer whose items referees give verdicts on (`services.references.
# claimed_accomplishments`: "accomplishment index -> verdict" indexes its items).
ACCOMPLISHMENTS_KEY = "accomplishments"


def claim_areas(value: Any) -> list[str]:
    """The area of each accomplishment of an answer, by index ("" where none is given)."""
    items = value if isinstance(value, list) else []
    return [str(item.get("area") or "") if isinstance(item, dict) else "" for item in items]


def _tallies(checks: Iterable[dict[str, Any]], areas: dict[int, list[str]]) -> dict:
    return merge(
        tally_claims(
            areas.get(check["submission_id"], []),
            {int(k): v for k, v in (check["verdicts"] or {}).items() if str(k).isdigit()},
            claim_relationship(
                claimed=check["claimed_relationship"],
                confirmed=check["relationship_confirmed"],
                stated=check["relationship"],
            ),
        )
        for check in checks
    )


def check_tallies(checks: Iterable[dict[str, Any]]) -> dict[tuple[str, str], Tally]:
    """The verdicts of completed checks (rows of `CHECK_FIELDS`) by (area, relationship):
    one query for the answers they judged."""
    checks = list(checks)
    areas = {
        row["submission_id"]: claim_areas(row["value"])
        for row in Answer.objects.filter(
            submission_id__in={c["submission_id"] for c in checks},
            question__key=ACCOMPLISHMENTS_KEY,
        ).values("submission_id", "value")
    }
    return _tallies(checks, areas)


CHECK_FIELDS = (
    "submission_id",
    "verdicts",
    "claimed_relationship",
    "relationship_confirmed",
    "relationship",
)


def claim_tallies_refresh(*, organisation_id: int | None, consultant_id: int) -> int:
    """Recompute one consultant's rows in one organisation from its completed checks;
    returns how many rows it keeps. Runs inside the caller's transaction when there is one
    (completing a check), else in its own. A round of no organisation has no history."""
    if organisation_id is None:
        return 0
    with transaction.atomic():
        checks = ReferenceCheck.objects.filter(
            status=CheckStatus.COMPLETED,
            submission__consultant_id=consultant_id,
            submission__engagement__organisation_id=organisation_id,
        ).values(*CHECK_FIELDS)
        tallies = check_tallies(checks)
        ClaimTally.objects.filter(
            organisation_id=organisation_id, consultant_id=consultant_id
        ).delete()
        ClaimTally.objects.bulk_create(
            ClaimTally(
                organisation_id=organisation_id,
                consultant_id=consultant_id,
                area=area,
                relationship=relationship,
                confirmed=tally.confirmed,
                partly=tally.partly,
                not_confirmed=tally.not_confirmed,
                dont_know=tally.dont_know,
            )
            for (area, relationship), tally in sorted(tallies.items())
            if tally.judged or tally.dont_know
        )
    return len(tallies)


def claim_tallies_rebuild(*, organisation_id: int | None = None) -> int:
    """Recompute every organisation's rows (or one's): the consultants with a completed
    check there, each as `claim_tallies_refresh`, and none left for the others. Returns how
    many consultant-and-organisation pairs it recomputed."""
    with transaction.atomic():
        stale = ClaimTally.objects.all()
        checks = ReferenceCheck.objects.filter(status=CheckStatus.COMPLETED)
        if organisation_id is not None:
            stale = stale.filter(organisation_id=organisation_id)
            checks = checks.filter(submission__engagement__organisation_id=organisation_id)
        pairs = set(
            checks.values_list(
                "submission__engagement__organisation_id", "submission__consultant_id"
            ).distinct()
        )
        stale.delete()
        for organisation, consultant in sorted(pairs):
            claim_tallies_refresh(organisation_id=organisation, consultant_id=consultant)
    return len(pairs)
