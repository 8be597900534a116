"""Knockout criteria: who falls short of what a round will not hire without, and why.

A consultant is knocked out when they answered "no" to a must-have (counted on the card,
vetting/scoring/buyer.py) or when their card falls short of one of the round's knockout
settings: the lowest total, the lowest score on any criterion that has data, the fewest
reference checks completed. One rule, two readings kept together here: `knocked_out` as SQL
(the ranking's filter and its list apart) and `reasons` in words (what the list says).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vetting.scoring.rubric import CRITERION_KEYS, Criterion

if TYPE_CHECKING:
    from vetting.models import Engagement


@dataclass(frozen=True)
class Knockouts:
    """A round's knockout settings and the criteria they apply to."""

    min_total: int | None
    min_criterion: int | None  # percent
    min_references: int | None
    criteria: tuple[Criterion, ...]
    # Whether a card may count a must-have answered no: only a buyer's own template has
    # must-haves (the core one never does).
    must_haves: bool

    @classmethod
    def of(cls, engagement: Engagement) -> Knockouts:
        """The round's settings (reads its questionnaire: select it with the round)."""
        return cls(
            engagement.knockout_min_total,
            engagement.knockout_min_criterion,
            engagement.knockout_min_references,
            engagement.criteria,
            bool(engagement.questionnaire_id and engagement.questionnaire.owner_id),
        )

    @property
    def possible(self) -> bool:
        """Whether anyone of the round can be knocked out (else the ranking needs no list
        apart, and no query for one)."""
        return self.must_haves or any(
            v is not None for v in (self.min_total, self.min_criterion, self.min_references)
        )

    @property
    def settings(self) -> list[str]:
        """The round's own knockout settings in words, for the page that lists them."""
        said = []
        if self.min_total is not None:
            said.append(_("a total of at least %(total)s") % {"total": self.min_total})
        if self.min_criterion is not None:
            said.append(
                _("at least %(percent)s%% on every criterion with data")
                % {"percent": self.min_criterion}
            )
        if self.min_references is not None:
            said.append(
                ngettext(
                    "at least %(count)s reference checked",
                    "at least %(count)s references checked",
                    self.min_references,
                )
                % {"count": self.min_references}
            )
        if self.must_haves:
            said.append(_("yes to every must-have question"))
        return said

    def knocked_out(self, path: str = "scorecard__") -> Q:
        """Q: the card (at `path`) falls short of a must-have or a setting."""
        short = Q(**{f"{path}knockouts__gt": 0})
        if self.min_total is not None:
            short |= Q(**{f"{path}total__lt": self.min_total})
        if self.min_criterion is not None:
            lowest = self.min_criterion / 100
            for criterion in self.criteria:
                if criterion.key in CRITERION_KEYS:
                    short |= Q(**{f"{path}{criterion.key}__lt": lowest})
                else:  # the template's own, kept by key (JSON null, no data, sorts first)
                    kept = f"{path}custom__{criterion.key}"
                    short |= Q(**{f"{kept}__lt": lowest}) & ~Q(**{kept: None})
        if self.min_references is not None:
            short |= Q(**{f"{path}references_done__lt": self.min_references})
        return short

    def reasons(self, row: Any) -> list[str]:
        """Why a ranking row (`selectors.RankingRow`, shown) is knocked out, in words; empty
        when it is not (or is not scored yet)."""
        if row.total is None:
            return []
        found = []
        if row.knockouts:
            found.append(
                _("answered no to a must-have")
                if row.knockouts == 1
                else _("answered no to %(count)s must-haves") % {"count": row.knockouts}
            )
        if self.min_total is not None and row.total < self.min_total:
            found.append(
                _("total %(total)s, below %(minimum)s")
                % {"total": _below(row.total, self.min_total), "minimum": self.min_total}
            )
        if self.min_criterion is not None:
            for criterion in self.criteria:
                value = row.criteria.get(criterion.key)
                if value is not None and value * 100 < self.min_criterion:
                    shown = _below(value * 100, self.min_criterion)
                    found.append(
                        _("%(criterion)s %(value)s%%, below %(minimum)s%%")
                        % {
                            "criterion": criterion.label.lower(),
                            "value": shown,
                            "minimum": self.min_criterion,
                        }
                    )
        if self.min_references is not None and row.references_done < self.min_references:
            found.append(
                ngettext(
                    "%(count)s reference checked of the %(required)s required",
                    "%(count)s references checked of the %(required)s required",
                    row.references_done,
                )
                % {"count": row.references_done, "required": self.min_references}
            )
        return found


def _below(value: float, limit: int) -> str:
    """A figure under `limit` as a reader can tell it is: whole, unless that rounds up to
    the limit (57.6 under 58 says 57.6, not 58)."""
    return f"{value:.0f}" if round(value) < limit else f"{value:.1f}"
