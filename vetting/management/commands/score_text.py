"""Score a text from stdin with the text-signal rules: `score_text --question KEY < file`."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vetting.scoring.text_signals import find_signals, text_score

TEXT_QUESTIONS = (
    "business_background",
    "greatest_accomplishment",
    "media_vs_marketing",
    "first_steps",
    "reference",
)


class Command(BaseCommand):
    help = "Print the text signals and the text score of stdin as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--question",
            required=True,
            help=f"The question the text answers: {', '.join(TEXT_QUESTIONS)}.",
        )

    def handle(self, *args: Any, question: str, **options: Any) -> None:
        if question not in TEXT_QUESTIONS:
            raise CommandError(
                f"Unknown question {question!r}; use one of: {', '.join(TEXT_QUESTIONS)}."
            )
        text = sys.stdin.read()
        signals = find_signals(text)
        result = {
            "question": question,
            "score": round(text_score(signals), 4),
            "signals": [s.as_dict() for s in signals],
        }
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
