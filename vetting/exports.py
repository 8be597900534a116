"""The ranking export: one table (header and typed rows) written as CSV or XLSX.

`table` turns the rows of `selectors.export_rows` into plain cells (numbers stay numbers,
dates stay dates); the two sheet writers only decide how a cell is written. Nothing here
queries the database: the rows arrive with everything they show already joined.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Protocol

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from vetting.models.engagements import SubmissionStatus
from vetting.scoring.rubric import CRITERIA

if TYPE_CHECKING:
    from vetting.models import Submission

Cell = str | int | float | date | None

HEADER: tuple[str, ...] = (
    "Rank",
    "Consultant",
    "Agency",
    "Total",
    "Interval low",
    "Interval high",
    *(f"{c.label} (0-100)" for c in CRITERIA),
    "Red flags",
    "Green flags",
    "Holds",
    "References completed",
    "References required",
    "Reviews counted",
    "Reviews expected",
    "Status",
    "Submitted on",
    "Decision",
    "Rationale",
    "Approver",
    "Decided on",
)


def _score(value: float | None) -> float | None:
    """A 0-100 score to one decimal (the page shows whole numbers; a sheet can sort ties)."""
    return None if value is None else round(value, 1)


def _percent(value: float | None) -> float | None:
    """A criterion's 0-1 value on the 0-100 scale; empty when the criterion has no data."""
    return None if value is None else _score(value * 100)


def _day(moment: object) -> date | None:
    return timezone.localdate(moment) if moment else None  # type: ignore[arg-type]


def row(
    submission: Submission,
    *,
    references_required: int,
    reviews_expected: int,
    blind: bool = False,
) -> list[Cell]:
    """One ranking row as typed cells, in HEADER order. A `blind` row (a reviewer who has
    not yet submitted their own review of this consultant) leaves the score, its interval,
    the criteria and the flag counts empty, as the ranking page does. "Reviews counted" are
    those in the score (submitted, no unresolved conflict) of the `reviews_expected`
    (`Engagement.review_panel_size`: the owner and the reviewers), as on the page."""
    # Reverse one-to-ones raise (an AttributeError) when missing: not scored, not decided.
    card = None if blind else getattr(submission, "scorecard", None)
    decision = getattr(submission, "decision", None)
    criteria = [_percent(getattr(card, c.key)) if card else None for c in CRITERIA]
    return [
        card.rank if card else None,
        submission.consultant.name,
        submission.consultant.agency,
        _score(card.total) if card else None,
        _score(card.low) if card else None,
        _score(card.high) if card else None,
        *criteria,
        card.red_flags if card else None,
        card.green_flags if card else None,
        card.holds if card else None,
        submission.references_done,
        references_required,
        submission.reviews_done,
        reviews_expected,
        submission.get_status_display(),
        _day(submission.submitted_at),
        # A decision's outcome is the status it gives the submission ("Shortlisted").
        SubmissionStatus(decision.outcome).label if decision else None,
        decision.rationale if decision else None,
        decision.approver.display_name if decision else None,
        _day(decision.decided_at) if decision else None,
    ]


def table(
    submissions: Iterable[Submission],
    *,
    references_required: int,
    reviews_expected: int,
    revealed: set[int] | None = None,
) -> tuple[list[str], Iterator[list[Cell]]]:
    """The header and the rows (lazily, so a large export is written in batches). Scores
    show only for the submissions in `revealed` (all of them when None): see
    `selectors.scores_revealed`."""
    rows = (
        row(
            s,
            references_required=references_required,
            reviews_expected=reviews_expected,
            blind=revealed is not None and s.pk not in revealed,
        )
        for s in submissions
    )
    return list(HEADER), rows


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Cell) -> str | int | float:
    """A cell as CSV text; text that a spreadsheet would run gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Sheet(Protocol):
    def write(self, cells: Sequence[Cell]) -> None: ...

    def close(self) -> None: ...


class CsvSheet:
    """UTF-8 CSV with a byte order mark, so that Excel reads accents right."""

    def __init__(self, stream: IO[str]) -> None:
        stream.write("\ufeff")
        self._writer = csv.writer(stream)

    def write(self, cells: Sequence[Cell]) -> None:
        self._writer.writerow([csv_safe(c) for c in cells])

    def close(self) -> None:
        pass


NUMBER_FORMATS = {float: "0.0", date: "yyyy-mm-dd"}
WIDE_COLUMNS = {"Consultant": 28, "Agency": 28, "Rationale": 60, "Approver": 24}


class XlsxSheet:
    """A write-only workbook (rows stream to a temporary file, not memory)."""

    def __init__(self, stream: IO[bytes], *, title: str = "Ranking") -> None:
        self._stream = stream
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title[:31])
        for index, name in enumerate(HEADER, start=1):
            width = WIDE_COLUMNS.get(name, max(10, min(len(name) + 2, 24)))
            self._sheet.column_dimensions[get_column_letter(index)].width = width
        self._sheet.freeze_panes = "C2"  # keep the header and the names in view

    def _cell(self, value: Cell) -> WriteOnlyCell:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(self._sheet, value=value)
        if isinstance(value, str):
            # openpyxl would store "=..." as a formula: keep every text a text.
            cell.data_type = "s"
        for kind, number_format in NUMBER_FORMATS.items():
            if isinstance(value, kind):
                cell.number_format = number_format
        return cell

    def write(self, cells: Sequence[Cell]) -> None:
        self._sheet.append([self._cell(c) for c in cells])

    def close(self) -> None:
        self._book.save(self._stream)


def open_sheet(fmt: str, stream: IO) -> Sheet:
    """A writer for `fmt` ("csv" takes a text stream, "xlsx" a binary one)."""
    if fmt == "csv":
        return CsvSheet(stream)
    if fmt == "xlsx":
        return XlsxSheet(stream)
    raise ValueError(f"Unknown export format: {fmt!r}")


def write(
    fmt: str,
    stream: IO,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 500,
) -> int:
    """Write a whole table; returns the number of rows. `progress(rows written so far)` is
    called after every `every` rows, for the background exports' progress bar."""
    sheet = open_sheet(fmt, stream)
    sheet.write(header)
    count = 0
    for cells in rows:
        sheet.write(cells)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    sheet.close()
    return count
