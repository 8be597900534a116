"""Learn the cue words of the text rules from the tuning part of the labelled corpus, and
write them to vetting/scoring/cues.json (committed data, read once at import by
`vetting.scoring.cues`):

    python manage.py learn_cues           # learn, cross-validate, write the file
    python manage.py learn_cues --check   # learn again and compare with the shipped file

Why a command: the table is data learnt from labelled texts, so anyone can reproduce it
from the corpus, and a test checks that the shipped file is what this produces. Only the
tuning part is read (tests/signal_corpus.py draws the split): the held-out part is never
learnt from, nor used to choose a threshold.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vetting.scoring import cues
from vetting.scoring.learn import (
    Example,
    Labelled,
    Settings,
    cross_validate,
    document,
    learn,
    read_corpus,
    write,
)

UNDATED = "learned_on"  # the one field a re-run may change


def read_tuning(settings: Settings) -> tuple[list[Labelled], list[Example]]:
    """The tuning part of the labelled corpus, read once (never the held-out part)."""
    try:
        from tests.signal_corpus import tuning
    except ImportError as error:  # pragma: no cover - run from the repository's root
        raise CommandError(
            "learn_cues reads tests/data/signals: run it from the repository."
        ) from error
    items = [Labelled(t.id, t.text, t.label, t.expect, t.allow) for t in tuning()]
    return items, read_corpus(items, settings)


def learned(
    learned_on: str,
    settings: Settings | None = None,
    corpus: tuple[list[Labelled], list[Example]] | None = None,
) -> dict[str, Any]:
    """The cues.json document learnt from the tuning part of the corpus (`corpus`: as
    `read_tuning` read it with these settings)."""
    settings = settings or Settings()
    items, examples = corpus or read_tuning(settings)
    table = learn(examples, settings)
    validation = cross_validate(examples, settings)
    return document(items, table, settings, learned_on, validation.summary())


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != UNDATED} == {
        k: v for k, v in b.items() if k != UNDATED
    }


class Command(BaseCommand):
    help = "Learn the cue words of the text rules from the tuning part of the labelled corpus."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Learn again and fail if the shipped cues.json differs (the date aside).",
        )

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        today = datetime.now(tz=UTC).date().isoformat()
        doc = learned(today)
        if check:
            shipped = json.loads(cues.CUES_PATH.read_text(encoding="utf-8"))
            if not same(doc, shipped):
                raise CommandError(
                    f"{cues.CUES_PATH} is not what the corpus and the rules give today: "
                    "run `python manage.py learn_cues`."
                )
            self.stdout.write(f"{cues.CUES_PATH.name} is up to date.")
            return
        write(cues.CUES_PATH, doc)
        self._report(doc)

    def _report(self, doc: dict[str, Any]) -> None:
        corpus = doc["corpus"]
        self.stdout.write(f"Learnt from {corpus['texts']} tuning texts; wrote {cues.CUES_PATH}.")
        self.stdout.write(f"{'rule':<24} {'cues':>5} {'threshold':>10} {'refusal':>8}")
        for code, weights in doc["weights"].items():
            threshold = doc["thresholds"].get(code)
            refusal = doc["refusals"].get(code)
            self.stdout.write(
                f"{code:<24} {len(weights):5} "
                f"{'-' if threshold is None else f'{threshold:.3f}':>10} "
                f"{'-' if refusal is None else f'{refusal:.3f}':>8}"
            )
        self.stdout.write("Cross-validated on the tuning part (nested, 5 folds):")
        for part, figures in doc["cross_validated"].items():
            self.stdout.write(
                f"  {part:<16} precision {figures['precision']:.3f}  recall {figures['recall']:.3f}"
                f"  (tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']}, "
                f"red on green {figures['red_on_green']})"
            )
