"""Copied-answer matches of one submission, as its copies page and API show them.

Who sees what is the access layer's (`visible_copy_matches`, `with_passages_shown`): the
share, the question and the earlier submission's date for whoever sees the card; the shared
passages side by side only where the viewer may also read the other side (or it is known
boilerplate). Two queries however many matches: the matches with their answers, then the
other sides' texts the viewer may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from vetting.access import visible_copy_matches, with_passages_shown
from vetting.i18n import question_words
from vetting.models import Answer, CopyMatch
from vetting.scoring.copies import boilerplate_text, passages, shared_hashes

if TYPE_CHECKING:
    from vetting.models import Submission, User

Pieces = list[tuple[str, bool]]  # (text, shared?) in order: the template marks the shared


@dataclass(frozen=True)
class CopyRow:
    pk: int
    question: str  # the flagged answer's question key
    question_label: str  # in the reader's language
    share: float
    source: str  # "consultant" or "boilerplate"
    same_question: bool
    source_question_label: str  # the other answer's question, in the reader's language
    on: date | None  # the day the earlier answer was submitted (None for boilerplate)
    passages_shown: bool
    # Only when shown: both texts as pieces, the shared stretches marked, and the spans.
    own: Pieces | None = None
    other: Pieces | None = None
    own_spans: tuple[tuple[int, int], ...] = ()
    other_spans: tuple[tuple[int, int], ...] = ()
    other_question: str = ""  # the other answer's question key (only when shown)
    other_text: str = ""  # only when shown


def pieces_of(text: str, spans: list[tuple[int, int]]) -> Pieces:
    """The text cut at the spans: (piece, marked) in order, for an escaped `<mark>`."""
    found: Pieces = []
    cursor = 0
    for start, end in spans:
        if start > cursor:
            found.append((text[cursor:start], False))
        found.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        found.append((text[cursor:], False))
    return found


def submission_copies(user: User, submission: Submission) -> list[CopyRow]:
    """The submission's matches the user may see, largest share first per question."""
    matches = list(
        with_passages_shown(
            user, visible_copy_matches(user).filter(submission=submission)
        ).select_related("answer")
    )
    shown = [m.source_id for m in matches if m.passages_shown and m.source_id is not None]
    others = dict(Answer.objects.filter(pk__in=shown).values_list("pk", "value")) if shown else {}
    return [_row(m, others) for m in matches]


def _row(match: CopyMatch, others: dict[int, object]) -> CopyRow:
    boilerplate = match.source_id is None
    on = None if boilerplate else timezone.localdate(match.source_submitted_at)
    row = CopyRow(
        pk=match.pk,
        question=match.question_key,
        question_label=question_words(match.question_key),
        share=match.share,
        source="boilerplate" if boilerplate else "consultant",
        same_question=match.same_question,
        source_question_label=question_words(match.source_question_key or ""),
        on=on,
        passages_shown=bool(match.passages_shown),
    )
    if not match.passages_shown:
        return row
    own = match.answer.value if isinstance(match.answer.value, str) else ""
    other = boilerplate_text(match.boilerplate) if boilerplate else others.get(match.source_id)
    other = other if isinstance(other, str) else ""
    shared = shared_hashes(own, other)
    own_spans, other_spans = passages(own, shared), passages(other, shared)
    return CopyRow(
        **{
            **row.__dict__,
            "own": pieces_of(own, own_spans),
            "other": pieces_of(other, other_spans),
            "own_spans": tuple(own_spans),
            "other_spans": tuple(other_spans),
            "other_question": match.source_question_key,
            "other_text": other,
        }
    )
