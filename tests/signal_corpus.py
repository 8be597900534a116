"""The labelled corpus of tests/data/signals (see its README): loading, the held-out split,
and precision and recall per rule. Run it to see the misreads of the tuning part:

    python -m tests.signal_corpus            # tuning part: figures and every misread
    python -m tests.signal_corpus --heldout  # the held-out part: figures only
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vetting.scoring.text_rules import RED, RULES
from vetting.scoring.text_signals import find_signals

CORPUS = Path(__file__).parent / "data" / "signals"
RED_CODES = frozenset(rule.code for rule in RULES if rule.polarity == RED)


@dataclass(frozen=True)
class Text:
    id: str
    label: str
    expect: frozenset[str]
    allow: frozenset[str]
    kind: str
    text: str

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 5 == 0  # noqa: S324


def load() -> list[Text]:
    texts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(
                    Text(
                        row["id"],
                        row["label"],
                        frozenset(row["expect"]),
                        frozenset(row["allow"]),
                        row["kind"],
                        row["text"],
                    )
                )
    return texts


@dataclass
class Result:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    red_on_green: list[tuple[Text, frozenset[str]]] = field(default_factory=list)
    misreads: list[tuple[Text, frozenset[str], frozenset[str]]] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def precision(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fp = self.fp[code] if code else sum(self.fp.values())
        return self.ratio(tp, tp + fp)

    def recall(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fn = self.fn[code] if code else sum(self.fn.values())
        return self.ratio(tp, tp + fn)

    def table(self) -> str:
        lines = [f"{'rule':<24} {'prec':>5} {'rec':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for rule in RULES:
            code = rule.code
            lines.append(
                f"{code:<24} {self.precision(code):5.2f} {self.recall(code):5.2f} "
                f"{self.tp[code]:4} {self.fp[code]:4} {self.fn[code]:4}"
            )
        lines.append(
            f"{'overall':<24} {self.precision():5.2f} {self.recall():5.2f} "
            f"{sum(self.tp.values()):4} {sum(self.fp.values()):4} {sum(self.fn.values()):4}"
        )
        return "\n".join(lines)


def evaluate(texts: list[Text]) -> Result:
    result = Result()
    for text in texts:
        fired = frozenset(s.code for s in find_signals(text.text))
        for code in fired & text.expect:
            result.tp[code] += 1
        false = fired - text.expect - text.allow
        missed = text.expect - fired
        for code in false:
            result.fp[code] += 1
        for code in missed:
            result.fn[code] += 1
        if text.label == "green" and fired & RED_CODES:
            result.red_on_green.append((text, fired & RED_CODES))
        if false or missed:
            result.misreads.append((text, false, missed))
    return result


def main(argv: list[str]) -> None:
    held_out = "--heldout" in argv
    texts = [t for t in load() if t.held_out == held_out]
    result = evaluate(texts)
    print(f"{len(texts)} texts ({'held-out' if held_out else 'tuning'} part)")
    print(result.table())
    print(f"red signals on green texts: {len(result.red_on_green)}")
    if held_out:
        return
    only = next((a.split("=", 1)[1] for a in argv if a.startswith("--rule=")), None)
    for text, false, missed in result.misreads:
        if only and only not in false | missed:
            continue
        print(f"\n{text.id} [{text.kind}] false={sorted(false)} missed={sorted(missed)}")
        print(f"  {text.text}")
        for signal in find_signals(text.text):
            print(f"    {signal.code}{' via ' + signal.via if signal.via else ''}: {signal.text!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
