"""Where an engagement's consultants stand: one vocabulary for every page that counts them.

Each submission is in exactly one stage, so the counts add up to the consultants invited.
Home, the engagements list and an engagement's page all count with `STAGES` and label with
it; "of N" figures count the active consultants (the withdrawn are not waited for).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from vetting.models.engagements import SubmissionStatus


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    statuses: tuple[str, ...]
    meaning: str


STAGES: tuple[Stage, ...] = (
    Stage("invited", "Invited", (SubmissionStatus.INVITED,), "not started yet"),
    Stage("in_progress", "In progress", (SubmissionStatus.IN_PROGRESS,), "answering"),
    Stage(
        "submitted",
        "Submitted",
        (SubmissionStatus.SUBMITTED,),
        "answers handed in, no review yet",
    ),
    Stage(
        "under_review",
        "Under review",
        (SubmissionStatus.UNDER_REVIEW,),
        "at least one review in, no decision yet",
    ),
    Stage(
        "decided",
        "Decided",
        (SubmissionStatus.SHORTLISTED, SubmissionStatus.SELECTED, SubmissionStatus.REJECTED),
        "shortlisted, selected or rejected",
    ),
    Stage("withdrawn", "Withdrawn", (SubmissionStatus.WITHDRAWN,), "left the round"),
)
STAGE_KEYS = tuple(stage.key for stage in STAGES)
_STAGE_OF = {status: stage.key for stage in STAGES for status in stage.statuses}


@dataclass(frozen=True)
class Pipeline:
    """How many of an engagement's consultants are at each stage."""

    counts: dict[str, int]

    @classmethod
    def of_statuses(cls, statuses: Iterable[str]) -> Pipeline:
        """Count a list of submission statuses (an engagement's page has them loaded)."""
        tally = Counter(_STAGE_OF[status] for status in statuses)
        return cls({key: tally.get(key, 0) for key in STAGE_KEYS})

    @classmethod
    def of_row(cls, row: object) -> Pipeline:
        """Read the counts a query annotated on a row (see `selectors.with_pipeline`)."""
        return cls({key: getattr(row, key) for key in STAGE_KEYS})

    @property
    def stages(self) -> list[tuple[Stage, int]]:
        return [(stage, self.counts[stage.key]) for stage in STAGES]

    @property
    def nonempty(self) -> list[tuple[Stage, int]]:
        """The stages somebody is at (the short form, for narrow screens)."""
        return [(stage, n) for stage, n in self.stages if n]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def active(self) -> int:
        """Everyone invited who has not withdrawn: the "of N" of the other figures."""
        return self.total - self.counts["withdrawn"]

    @property
    def waiting(self) -> int:
        """Consultants who have not handed in their answers yet (and have not withdrawn)."""
        return self.counts["invited"] + self.counts["in_progress"]

    @property
    def handed_in(self) -> int:
        """Consultants whose answers are in: submitted, under review or decided. They are
        the ones the ranking shows."""
        return self.active - self.waiting
