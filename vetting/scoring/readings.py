"""Readings of answer texts as plain JSON, so that a text read once (when its answers were
submitted) is not read again by a bulk recompute in another process.

A reading is what `answers.text_read` finds in one answer: its text signals and its
question's evidence, about 1.5 ms of work per long answer and most of a card's first
scoring. The database side (`services.scoring`) stores them; this module only turns them
into JSON and back, and hands loaded ones to the scoring service (`readings_remember`).

`READER_VERSION` fingerprints the source of every module that reads text, and the
lemmatiser's version: a change to a rule, the lexicon or an evidence check gives a new
version, so readings stored under the old rules are never used (nobody has to remember to
bump a constant).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import simplemma

from vetting.scoring import answers
from vetting.scoring.answers import Evidence, TextReading, scored_texts, text_read
from vetting.scoring.text_signals import Signal

__all__ = [
    "READER_VERSION",
    "TextReading",
    "reading_from_json",
    "reading_json",
    "readings_remember",
    "scored_texts",
    "text_hash",
    "text_read",
]

# Every module whose rules decide what a text reading finds.
READING_MODULES = (
    "language",
    "lexicon",
    "heads",
    "scope",
    "patterns",
    "text_rules",
    "text_signals",
    "answers",
    "weighing",
)
# ... and the data they read: the learned weights of `weighing`.
READING_DATA = ("signal_weights.json",)
# How many handed-back readings are kept at once (a recompute batch hands back four per
# submission, just before scoring them).
KEPT = 16384


def _fingerprint() -> str:
    digest = hashlib.sha256(f"simplemma {simplemma.__version__}".encode())
    folder = Path(__file__).parent
    for name in READING_MODULES:
        digest.update((folder / f"{name}.py").read_bytes())
    for name in READING_DATA:
        path = folder / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


READER_VERSION = _fingerprint()


def text_hash(text: str) -> str:
    """The key a reading is stored under (with its question and `READER_VERSION`)."""
    return hashlib.sha256(text.encode()).hexdigest()


def reading_json(reading: TextReading) -> dict[str, list[Any]]:
    """A reading as JSON-ready lists (rows in the records' field order)."""
    return {
        "signals": [
            [
                s.code,
                s.polarity,
                s.weight,
                s.principle,
                s.start,
                s.end,
                s.text,
                list(s.words),
                s.clause,
                s.via,
                s.confidence,
                list(s.weighed),
            ]
            for s in reading.signals
        ],
        "evidence": [[e.key, e.label, e.found, e.words] for e in reading.evidence],
    }


def reading_from_json(data: dict[str, list[Any]]) -> TextReading:
    """The reading `reading_json` wrote: equal, field for field, to a fresh one."""
    return TextReading(
        tuple(
            Signal(*row[:7], tuple(row[7]), row[8], row[9], row[10], tuple(row[11]))
            for row in data["signals"]
        ),
        tuple(Evidence(key, label, found, words) for key, label, found, words in data["evidence"]),
    )


def readings_remember(readings: Iterable[tuple[str, str, TextReading]]) -> None:
    """Hand stored readings, as (question, text, reading), to the scoring service: the
    cards scored next use them instead of reading those texts again."""
    found = list(readings)
    if len(answers.REMEMBERED) + len(found) > KEPT:
        answers.REMEMBERED.clear()
    for question, text, reading in found:
        answers.REMEMBERED[(question, text)] = reading
