"""The ranking export: one table (header and typed rows) written as CSV or XLSX.

`assemble` turns the rows of the ranking (`selectors.ranking_rows`) into plain cells
(numbers stay numbers, money stays `Decimal`, dates stay dates); the two sheet writers only
decide how a cell is written. The commercial cells are as the viewer may see prices
(`selectors.commercial.PriceSight`): empty where a price is sealed from them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, NamedTuple, Protocol

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from vetting import selectors
from vetting.models.engagements import SubmissionStatus
from vetting.scoring.rubric import CRITERIA
from vetting.selectors.answers import answers_shown, own_questions
from vetting.selectors.commercial import PriceSight, flag_labels, price_sight
from vetting.selectors.evidence import evidence_names
from vetting.selectors.ranking import RankingRow

if TYPE_CHECKING:
    from vetting.access import ScoreSight
    from vetting.models import Engagement, User

Cell = str | int | float | Decimal | date | None
CENT = Decimal("0.01")
POINTS = Decimal("0.0001")

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
    "Evidence files",
    "Pricing model",
    "Proposal total",  # in the round's currency: `assemble` names it
    "Price points",
    "Value score",
    "Price flags",
    "Agreed price",
)
PRICE_CELLS = 6


def _score(value: float | None) -> float | None:
    """A 0-100 score to one decimal (the page shows whole numbers; a sheet can sort ties)."""
    return None if value is None else round(value, 1)


def _percent(value: float | None) -> float | None:
    """A criterion's 0-1 value on the 0-100 scale; empty when the criterion has no data."""
    return None if value is None else _score(value * 100)


def _day(moment: object) -> date | None:
    return timezone.localdate(moment) if moment else None  # type: ignore[arg-type]


def row(
    r: RankingRow,
    *,
    references_required: int,
    reviews_expected: int,
    evidence: str = "",
    own_criteria: Sequence[str] = (),
    answers: Sequence[str] = (),
    price: Sequence[Cell] = (None,) * PRICE_CELLS,
) -> list[Cell]:
    """One ranking row (`selectors.ranking_rows`: hidden as blind review says) as typed
    cells, in HEADER order. "Reviews counted" are those in the score (submitted, no
    unresolved conflict) of the `reviews_expected` (`Engagement.review_panel_size`);
    `evidence` names each accomplishment's files (`selectors.evidence.evidence_names`);
    then the template's `own_criteria` (keys; 0-100 like the core ones), then `answers`,
    the answers to the buyer's own questions. `price`: the commercial cells
    (`price_cells`), before the own criteria."""
    decision = r.decision
    return [
        r.rank,
        r.consultant,
        r.agency,
        _score(r.total),
        _score(r.low),
        _score(r.high),
        *(_percent(r.criteria.get(c.key)) for c in CRITERIA),
        r.red_flags,
        r.green_flags,
        r.holds,
        r.references_done,
        references_required,
        r.reviews_done,
        reviews_expected,
        r.status_label,
        _day(r.submitted_at),
        # A decision's outcome is the status it gives the submission ("Shortlisted").
        SubmissionStatus(decision.outcome).label if decision else None,
        decision.rationale if decision else None,
        decision.approver.display_name if decision else None,
        _day(decision.decided_at) if decision else None,
        evidence or None,
        *price,
        *(_percent(r.criteria.get(key)) for key in own_criteria),
        *(answer or None for answer in answers),
    ]


def price_cells(r: RankingRow, prices: PriceSight) -> list[Cell]:
    """The commercial cells of one row, as the viewer may see them (all empty where the
    price is sealed from them): pricing model, total in the round's currency, price points,
    value score at the round's split, price flags, agreed price."""
    if not prices.shows(r.submission):
        return [None] * PRICE_CELLS
    priced = prices.price_of(r.submission)
    value = prices.value_of(r.submission, r.total, r.low, r.high)
    agreed = r.decision.agreed_price if r.decision else None
    return [
        prices.pricing_model(r.submission) or None,
        priced.converted.quantize(CENT) if priced and priced.converted is not None else None,
        priced.points.quantize(POINTS) if priced and priced.points is not None else None,
        _score(float(value.score)) if value else None,
        ("; ".join(flag_labels(priced.flags)) or None) if priced else None,
        agreed,
    ]


class Table(NamedTuple):
    """A whole export: how many rows, the header, and the rows (lazily, so a large export
    is written in batches)."""

    count: int
    header: list[str]
    rows: Iterator[list[Cell]]


def header_of(engagement: Engagement) -> list[str]:
    """HEADER with the round's currency named (the total is converted into it)."""
    total = f"Proposal total ({engagement.currency})"
    return [total if name == "Proposal total" else name for name in HEADER]


def assemble(
    engagement: Engagement, sight: ScoreSight, *, viewer: User, batch: int = 2000
) -> Table:
    """The export of a round's ranking for one person (`viewer`, whose `sight` it is): the
    rows they see, as they see them (blind review and sealed prices included), in the
    order they may see. The one assembler behind the download and the background export."""
    submissions = selectors.ranking(engagement, selectors.RankingQuery().within(sight))
    # Which prices the viewer sees and the round priced: a fixed number of queries.
    prices = price_sight(viewer, engagement, sight)
    references_required = engagement.references_required
    reviews_expected = engagement.review_panel_size
    # The buyer's own questions, one column each (answers are not scores: blind review
    # shows them to the panel too).
    questions = own_questions(engagement.questionnaire)
    own = engagement.criteria[len(CRITERIA) :]  # the template's own criteria
    rows = (
        row(
            r,
            references_required=references_required,
            reviews_expected=reviews_expected,
            evidence=evidence.get(r.submission, ""),
            own_criteria=[c.key for c in own],
            answers=answers.get(r.submission, ()),
            price=price_cells(r, prices),
        )
        for chunk in _chunks(submissions.iterator(chunk_size=batch), batch)
        for evidence in [evidence_names(s.pk for s in chunk)]
        for answers in [answers_shown((s.pk for s in chunk), questions)]
        for r in selectors.ranking_rows(chunk, sight)
    )
    header = [
        *header_of(engagement),
        *(f"{c.label} (0-100)" for c in own),
        *(q.prompt for q in questions),
    ]
    return Table(submissions.count(), header, rows)


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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


NUMBER_FORMATS = {float: "0.0", Decimal: "#,##0.00##", date: "yyyy-mm-dd"}
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
    called after every `every` rows, for the background exports' progress bar.

    The rows are built as they are written, in the site's language (English), whoever
    asks: the cells' words (price flags, the evidence column) then match the English
    header, and the download and the background export (a task, with no reader's
    language) write the same file."""
    sheet = open_sheet(fmt, stream)
    with translation.override(settings.LANGUAGE_CODE):
        sheet.write(header)
        count = 0
        for cells in rows:
            sheet.write(cells)
            count += 1
            if progress is not None and count % every == 0:
                progress(count)
    sheet.close()
    return count
