"""Claim-level reference benchmarks: the one builder behind the score page, the reference
check page, the organisation's "Reference benchmarks" page and the API.

- `submission_claim_benchmarks`: each kind of claim (area x referee relationship) the
  submission's referees judged, the consultant's own confirmations against how often such
  claims are confirmed across the organisation's completed checks, leaving the consultant
  out of their own norm. Three queries whatever the history.
- `organisation_claim_benchmarks`: the table of rates per area x relationship. Two or three
  queries whatever the history.

Both read the summary table (`ClaimTally`), never every check; both leave out the
consultants the viewer is blind to (`access.blind_consultants`), so that nothing a referee
said of a consultant shows to a panel member before their review of them. A rate and its
interval are built only from the minimum sample on (`scoring.benchmarks.norm_of`): below it
the figures say how many claims there are, and nothing from which a rate can be worked out.
Who may ask is the caller's to check (`vetting.view_submission_results`,
`vetting.view_claim_benchmarks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from consultants.models import Relationship
from vetting.access import blind_consultants
from vetting.models import (
    CheckStatus,
    ClaimTally,
    Organisation,
    Questionnaire,
    ReferenceCheck,
    Submission,
    User,
)
from vetting.models.questionnaires import AccomplishmentArea
from vetting.scoring.benchmarks import Norm, Tally, norm_of
from vetting.services.benchmarks import CHECK_FIELDS, check_tallies

# How a sentence names a kind of claim ("2 of 2 database-building claims") and its referees
# ("confirmed by clients").
AREA_NOUNS = {
    AccomplishmentArea.MONETIZATION: pgettext_lazy("kind of claim", "monetization"),
    AccomplishmentArea.PR: pgettext_lazy("kind of claim", "PR"),
    AccomplishmentArea.DATABASE_BUILDING: pgettext_lazy("kind of claim", "database-building"),
}
RELATIONSHIP_PLURALS = {
    Relationship.CLIENT: pgettext_lazy("referees", "clients"),
    Relationship.EMPLOYER: pgettext_lazy("referees", "employers"),
    Relationship.PEER: pgettext_lazy("referees", "peers"),
}


def min_sample() -> int:
    return max(1, int(settings.CLAIM_BENCHMARK_MIN_SAMPLE))


def norm_sentence(norm: Norm) -> str:
    if not norm.shown:
        return _("too few checked claims (%(n)s) to compare; needs %(minimum)s") % {
            "n": norm.n,
            "minimum": norm.min_sample,
        }
    return _(
        "such claims are confirmed %(rate)s of the time (n=%(n)s; likely between %(low)s "
        "and %(high)s)"
    ) % {
        "rate": f"{norm.rate:.0%}",
        "n": norm.n,
        "low": f"{norm.low:.0%}",
        "high": f"{norm.high:.0%}",
    }


@dataclass(frozen=True)
class Kind:
    """A kind of claim: an area and the referees' relationship."""

    area: str
    relationship: str
    area_label: str

    @property
    def relationship_label(self) -> str:
        return Relationship(self.relationship).label

    @property
    def area_noun(self) -> str:
        return AREA_NOUNS.get(self.area, self.area_label)

    @property
    def referees(self) -> str:
        return RELATIONSHIP_PLURALS.get(self.relationship, self.relationship)


@dataclass(frozen=True)
class ClaimLine:
    """One kind of claim on a submission: what its referees said against the norm."""

    kind: Kind
    own: Tally
    norm: Norm

    @property
    def own_sentence(self) -> str:
        own, kind = self.own, self.kind
        values = {
            "area": kind.area_noun,
            "referees": kind.referees,
            "confirmed": own.confirmed,
            "judged": own.judged,
            "partly": own.partly,
            "dont_know": own.dont_know,
        }
        if not own.judged:
            return (
                ngettext(
                    "%(dont_know)s %(area)s claim put to %(referees)s: they could not judge",
                    "%(dont_know)s %(area)s claims put to %(referees)s: they could not judge",
                    own.dont_know,
                )
                % values
            )
        if own.partly and own.dont_know:
            return (
                ngettext(
                    "%(confirmed)s of %(judged)s %(area)s claim confirmed by %(referees)s "
                    "(%(partly)s partly); %(dont_know)s they could not judge",
                    "%(confirmed)s of %(judged)s %(area)s claims confirmed by %(referees)s "
                    "(%(partly)s partly); %(dont_know)s they could not judge",
                    own.judged,
                )
                % values
            )
        if own.partly:
            return (
                ngettext(
                    "%(confirmed)s of %(judged)s %(area)s claim confirmed by %(referees)s "
                    "(%(partly)s partly)",
                    "%(confirmed)s of %(judged)s %(area)s claims confirmed by %(referees)s "
                    "(%(partly)s partly)",
                    own.judged,
                )
                % values
            )
        if own.dont_know:
            return (
                ngettext(
                    "%(confirmed)s of %(judged)s %(area)s claim confirmed by %(referees)s; "
                    "%(dont_know)s they could not judge",
                    "%(confirmed)s of %(judged)s %(area)s claims confirmed by %(referees)s; "
                    "%(dont_know)s they could not judge",
                    own.judged,
                )
                % values
            )
        return (
            ngettext(
                "%(confirmed)s of %(judged)s %(area)s claim confirmed by %(referees)s",
                "%(confirmed)s of %(judged)s %(area)s claims confirmed by %(referees)s",
                own.judged,
            )
            % values
        )

    @property
    def sentence(self) -> str:
        return _("%(claims)s; %(norm)s.") % {
            "claims": self.own_sentence,
            "norm": norm_sentence(self.norm),
        }


@dataclass(frozen=True)
class SubmissionBenchmarks:
    min_sample: int
    lines: list[ClaimLine]


@dataclass(frozen=True)
class Cell:
    """One area x relationship of an organisation's table."""

    kind: Kind
    norm: Norm

    @property
    def sentence(self) -> str:
        return norm_sentence(self.norm)


@dataclass(frozen=True)
class OrganisationBenchmarks:
    organisation: Organisation
    min_sample: int
    # (key, label, asked of referees): the areas in the order shown; a buyer's own criteria
    # are listed although referees are not asked about their claims yet (see docs).
    areas: list[tuple[str, str, bool]]
    cells: list[Cell]  # area by area, relationships in their order
    leaves_out_blind: bool  # some consultants are left out: the viewer has yet to review them

    def rows(self) -> list[tuple[tuple[str, str, bool], list[Cell]]]:
        width = len(Relationship.values)
        return [
            (area, self.cells[i * width : (i + 1) * width]) for i, area in enumerate(self.areas)
        ]

    @property
    def chart(self) -> dict[str, list[Any]]:
        """The chart's bars: only the cells with a rate (below the minimum there is none)."""
        shown = [c for c in self.cells if c.norm.shown]
        return {
            "labels": [f"{c.kind.area_label}, {c.kind.referees}" for c in shown],
            "values": [round((c.norm.rate or 0) * 100) for c in shown],
        }


def _norms(organisation_id: int | None, user: User, consultant_id: int | None = None) -> dict:
    """(area, relationship) -> Tally over the organisation's summary rows, leaving out the
    consultants the user is blind to and `consultant_id`. One query."""
    left_out = Q(consultant__in=blind_consultants(user))
    if consultant_id is not None:
        left_out |= Q(consultant_id=consultant_id)
    rows = (
        ClaimTally.objects.filter(organisation_id=organisation_id)
        .exclude(left_out)
        .values("area", "relationship")
        .annotate(c=Sum("confirmed"), p=Sum("partly"), n=Sum("not_confirmed"), d=Sum("dont_know"))
        .order_by()
    )
    return {(r["area"], r["relationship"]): Tally(r["c"], r["p"], r["n"], r["d"]) for r in rows}


def _area_label(area: str, custom: dict[str, str]) -> str:
    if area in AccomplishmentArea.values:
        return AccomplishmentArea(area).short_label
    return custom.get(area, area)


def submission_claim_benchmarks(user: User, submission: Submission) -> SubmissionBenchmarks:
    """The submission's judged claims by kind, each against its organisation's norm
    without this consultant. Queries: the completed checks, their accomplishments, the
    organisation's summed rows (3)."""
    checks = ReferenceCheck.objects.filter(
        submission=submission, status=CheckStatus.COMPLETED
    ).values(*CHECK_FIELDS)
    own = check_tallies(checks)
    norms = (
        _norms(submission.engagement.organisation_id, user, submission.consultant_id) if own else {}
    )
    least = min_sample()
    order = {r: i for i, r in enumerate(Relationship.values)}
    areas = {a: i for i, a in enumerate(AccomplishmentArea.values)}
    lines = [
        ClaimLine(
            Kind(area, relationship, _area_label(area, {})),
            tally,
            norm_of(norms.get((area, relationship), Tally()), least),
        )
        for (area, relationship), tally in sorted(
            own.items(), key=lambda i: (areas.get(i[0][0], 99), i[0][0], order.get(i[0][1], 9))
        )
    ]
    return SubmissionBenchmarks(min_sample=least, lines=lines)


def organisation_custom_criteria(organisation: Organisation) -> dict[str, str]:
    """The buyer's own criteria of the organisation's templates, key -> label (one query)."""
    custom: dict[str, str] = {}
    for criteria in Questionnaire.objects.filter(organisation=organisation).values_list(
        "custom_criteria", flat=True
    ):
        for criterion in criteria or []:
            if isinstance(criterion, dict) and criterion.get("key"):
                custom.setdefault(str(criterion["key"]), str(criterion.get("label") or ""))
    return custom


def organisation_claim_benchmarks(user: User, organisation: Organisation) -> OrganisationBenchmarks:
    """The organisation's rates per area x relationship. Queries: the summed rows, its
    templates' own criteria, whether the viewer is blind to anyone (3)."""
    norms = _norms(organisation.pk, user)
    custom = organisation_custom_criteria(organisation)
    least = min_sample()
    areas = [(a.value, a.short_label, True) for a in AccomplishmentArea]
    areas += [(key, label, False) for key, label in sorted(custom.items(), key=lambda i: i[1])]
    cells = [
        Cell(
            Kind(key, relationship, label), norm_of(norms.get((key, relationship), Tally()), least)
        )
        for key, label, _asked in areas
        for relationship in Relationship.values
    ]
    return OrganisationBenchmarks(
        organisation=organisation,
        min_sample=least,
        areas=areas,
        cells=cells,
        leaves_out_blind=blind_consultants(user).exists(),
    )
