"""Score a text from stdin as the answer to one question:

    python manage.py score_text --question media_vs_marketing < answer.txt
    python manage.py score_text --question first_steps --explain < answer.txt

JSON by default (the signals, the question's evidence and the value the answer earns);
`--explain` prints the same for a reader: each signal's rule, principle, matched words and
the clause it stands in.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vetting.scoring.answers import QUESTION_LABELS, AnswerReading, answer_value
from vetting.scoring.text_signals import find_signals, text_score
from vetting.scoring.weighing import describe

# The scored answers, and the referee's free text (signals only: no question evidence).
TEXT_QUESTIONS = (*QUESTION_LABELS, "reference")


class Command(BaseCommand):
    help = "Print the text signals, the question's evidence and the value of stdin."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--question",
            required=True,
            help=f"The question the text answers: {', '.join(TEXT_QUESTIONS)}.",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Explain each signal and the value in words instead of printing JSON.",
        )

    def handle(self, *args: Any, question: str, explain: bool, **options: Any) -> None:
        if question not in TEXT_QUESTIONS:
            raise CommandError(
                f"Unknown question {question!r}; use one of: {', '.join(TEXT_QUESTIONS)}."
            )
        text = sys.stdin.read()
        if question == "reference":
            signals = find_signals(text)
            result: dict[str, Any] = {
                "question": question,
                "score": round(text_score(signals), 4),
                "signals": [s.as_dict() for s in signals],
            }
            reading = None
        else:
            reading = answer_value(question, text)
            result = {
                "question": question,
                "score": round(reading.value, 4),
                "signals": [s.as_dict() for s in reading.signals],
                **{k: v for k, v in reading.as_dict().items() if k not in ("question", "value")},
            }
        if explain:
            self._explain(question, result, reading)
        else:
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _explain(
        self, question: str, result: dict[str, Any], reading: AnswerReading | None
    ) -> None:
        label = QUESTION_LABELS.get(question, "a referee's words")
        self.stdout.write(f"Scored as the answer on {label}: {result['score']:.2f}")
        signals = result["signals"]
        if not signals:
            self.stdout.write(
                "\nNo signal: no rule matched outside a negation, a contrast or a list."
            )
        for signal in signals:
            sign = "+" if signal["polarity"] == "green" else "−"
            self.stdout.write(
                f"\n{sign} {signal['code']} ({signal['polarity']}, {signal['weight']:.2f})"
            )
            if signal.get("via"):
                self.stdout.write(f"  refuses a sign of the real thing: {signal['via']}")
            self.stdout.write(f"  principle: {signal['principle']}")
            self.stdout.write(f"  matched:   {', '.join(signal['words']) or signal['text']}")
            self.stdout.write(f"  clause:    “{signal['clause']}”")
            if signal.get("confidence") is not None:
                found_by = (
                    "the rule's phrase, weighed"
                    if any(w.startswith("fired:") for w in signal["weighed"])
                    else "the weighing alone (no phrase of the rule matched)"
                )
                self.stdout.write(f"  weighed:   {signal['confidence']:.2f}, found by {found_by}")
                for reason in signal["weighed"]:
                    feature, _, weight = reason.rpartition(" ")
                    self.stdout.write(f"             {weight} {describe(feature)}")
        if reading is None:
            return
        self.stdout.write("\nWhat the question asks for:")
        for item in reading.evidence:
            mark = "found  " if item.found else "missing"
            words = f" (“{item.words}”)" if item.words else ""
            self.stdout.write(f"  {mark} {item.label}{words}")
        if reading.capped:
            self.stdout.write(f"\nThe value is {reading.capped}.")
        self.stdout.write(f"\n{reading.explanation}")
