"""The labelled corpus of tests/data/signals (see its README): loading, the held-out split,
and precision and recall per rule. Run it to see the misreads of the tuning part:

    python -m tests.signal_corpus            # tuning part: figures and every misread
    python -m tests.signal_corpus --heldout  # the held-out part: figures only
    python -m tests.signal_corpus --train    # learn the weighing from the tuning part
    python -m tests.signal_corpus --agreement  # a second, blind reading against the labels

`--train` (scikit-learn, a dev dependency) learns one logistic regression per rule on the
tuning part's features (`text_signals.text_features`: what the rules found, the concepts in
their clauses' scope, the words) and writes `vetting/scoring/signal_weights.json`: weights
under `PRUNE` dropped, rounded, with the SHA-256 of the texts it learned from, so that a test
notices when the corpus changed after the last training. It prints the five-fold
cross-validated figures of the tuning part first (each fifth read by weights learned on the
other four).
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vetting.scoring import weighing
from vetting.scoring.text_rules import GREEN, RED, RULES, RULES_BY_CODE
from vetting.scoring.text_signals import find_signals, text_features

CORPUS = Path(__file__).parent / "data" / "signals"
SECOND_READING = CORPUS / "agreement" / "second_reading.jsonl"
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


def tuning_digest(texts: list[Text]) -> str:
    """The SHA-256 of what the weighing learns from: every tuning text and its labels."""
    digest = hashlib.sha256()
    for t in sorted(texts, key=lambda t: t.id):
        if not t.held_out:
            row = [t.id, t.label, sorted(t.expect), sorted(t.allow), t.text]
            digest.update(json.dumps(row).encode())
    return digest.hexdigest()


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

    def count(self, text: Text, fired: frozenset[str]) -> None:
        for code in fired & text.expect:
            self.tp[code] += 1
        false = fired - text.expect - text.allow
        missed = text.expect - fired
        for code in false:
            self.fp[code] += 1
        for code in missed:
            self.fn[code] += 1
        if text.label == "green" and fired & RED_CODES:
            self.red_on_green.append((text, fired & RED_CODES))
        if false or missed:
            self.misreads.append((text, false, missed))

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
        result.count(text, frozenset(s.code for s in find_signals(text.text)))
    return result


# How the weighing is learned: the regularisation, the weights too small to keep, and the
# probability a rule needs to fire in a sentence. A sign no phrase of the rule matched there
# is added only when the weighing is fairly sure (more likely than not for a warning sign,
# which accuses; less for a sign of the real thing); a phrase the rule matched is dropped only
# when the weighing is fairly sure it is wrong. Chosen on the tuning part's five-fold
# cross-validation: adding at 0.3 / 0.5 and keeping at the same read 0.907 / 0.822 with 51
# red signals on green texts; keeping down to 0.15 / 0.2 read 0.897 / 0.838 with 56, and
# keeps the plain matches the rules were written for ("we will buy 20,000 followers") where
# sarcastic and refused ones had taught the weighing to doubt them. A false warning sign
# costs a consultant more than a missed one.
C = 3.0
PRUNE = 0.05
THRESHOLDS = {
    "add": {"green": 0.3, "red": 0.5},
    "keep": {"green": 0.15, "red": 0.2},
}


Found = dict[str, dict[int, dict[str, tuple[int, ...]]]]  # text id -> sentence -> features


def _says(features: dict[str, tuple[int, ...]], code: str) -> bool:
    """Does a phrase of this rule stand in the sentence (whatever its scope made of it)?"""
    return any(
        name.startswith((f"cand:{code}:", f"fired:{code}")) or name == f"inv:{code}"
        for name in features
    )


def _fit(texts: list[Text], found: Found) -> dict[str, object]:
    """One logistic regression per rule over sentences. A text's labels are the whole text's:
    a sentence of a text that does not show the rule is a negative; of one that shows it,
    a positive when it is the text's only sentence or names the rule, else left out (the
    sign stands in another sentence).

    A text that shows a sign of the real thing in none of the sentences a phrase of the rule
    names (a paraphrase no phrase knows yet) would teach nothing: a first fit chooses the
    sentence it finds likeliest, which is then a positive, and the rule is fitted again. Only
    for signs of the real thing: a warning sign learned that way from a guess raised more
    red signals on green texts than it found (cross-validated 48 against 41)."""
    # scikit-learn is a dev dependency: only training needs it
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(t, f) for t in texts for f in found[t.id].values()]
    vectors = DictVectorizer()
    matrix = vectors.fit_transform([dict.fromkeys(f, 1) for _, f in rows])
    names = vectors.get_feature_names_out()
    rules = {}
    for rule in RULES:
        code = rule.code
        chosen, labels = [], []
        unnamed: dict[str, list[int]] = {}  # text -> its sentences, where none names the rule
        for i, (text, features) in enumerate(rows):
            if code in text.allow:
                continue
            if code not in text.expect:
                chosen.append(i)
                labels.append(False)
            elif len(found[text.id]) == 1 or _says(features, code):
                chosen.append(i)
                labels.append(True)
            else:
                unnamed.setdefault(text.id, []).append(i)
        named = {rows[i][0].id for i, positive in zip(chosen, labels, strict=True) if positive}
        fitted = LogisticRegression(C=C, max_iter=5000).fit(matrix[chosen], labels)
        if rule.polarity == GREEN:
            likeliest = [
                sentences[int(fitted.predict_proba(matrix[sentences])[:, 1].argmax())]
                for text_id, sentences in unnamed.items()
                if text_id not in named
            ]
            if likeliest:
                fitted = LogisticRegression(C=C, max_iter=5000).fit(
                    matrix[chosen + likeliest], labels + [True] * len(likeliest)
                )
        weights = {
            str(name): round(float(w), 4)
            for name, w in zip(names, fitted.coef_[0], strict=True)
            if abs(w) >= PRUNE
        }
        rules[code] = {"bias": round(float(fitted.intercept_[0]), 4), "weights": weights}
    return {"thresholds": THRESHOLDS, "rules": rules}


def _fires(
    fitted: dict[str, object], sentences: dict[int, dict[str, tuple[int, ...]]]
) -> frozenset[str]:
    fired = set()
    for code, rule in fitted["rules"].items():  # type: ignore[attr-defined]
        polarity = RULES_BY_CODE[code].polarity
        for features in sentences.values():
            matched = f"fired:{code}" in features
            if not matched and weighing.reversed_in(features, code):
                continue  # as `weighing.fires`: a reversed phrase is not added back
            threshold = THRESHOLDS["keep" if matched else "add"][polarity]
            total = rule["bias"] + sum(rule["weights"].get(name, 0.0) for name in features)
            if 1 / (1 + math.exp(-max(total, -60))) >= threshold:
                fired.add(code)
                break
    return frozenset(fired)


def train(texts: list[Text]) -> None:
    tuning = [t for t in texts if not t.held_out]
    found: Found = {t.id: text_features(t.text) for t in tuning}
    result = Result()
    for k in range(5):  # five-fold cross-validation, by the id's SHA-256
        fold = [t for t in tuning if _fifth(t) == k]
        fitted = _fit([t for t in tuning if _fifth(t) != k], found)
        for text in fold:
            result.count(text, _fires(fitted, found[text.id]))
    print(f"{len(tuning)} tuning texts, five-fold cross-validated")
    print(result.table())
    print(f"red signals on green texts: {len(result.red_on_green)}")
    fitted = _fit(tuning, found)
    fitted = {"trained_on": tuning_digest(texts), "texts": len(tuning), **fitted}
    weighing.WEIGHTS_FILE.write_text(json.dumps(fitted, indent=0, sort_keys=True) + "\n")
    kept = sum(len(r["weights"]) for r in fitted["rules"].values())  # type: ignore[attr-defined]
    print(f"wrote {weighing.WEIGHTS_FILE} ({kept} weights)")


def agreement(texts: list[Text]) -> Result:
    """How far a second reader, who labelled a sample of tuning texts blind (see
    agreement/BRIEF.md), agrees with the corpus's labels: their `expect` read as if it were
    what fired, so that the figures compare with the gate's."""
    by_id = {t.id: t for t in texts}
    result = Result()
    for line in SECOND_READING.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        result.count(by_id[row["id"]], frozenset(row["expect"]))
    return result


def _fifth(text: Text) -> int:
    return int(hashlib.sha256(text.id.encode()).hexdigest(), 16) % 5


def main(argv: list[str]) -> None:
    if "--train" in argv:
        train(load())
        return
    if "--agreement" in argv:
        result = agreement(load())
        read = len(SECOND_READING.read_text(encoding="utf-8").splitlines())
        print(f"{read} tuning texts read a second time, blind")
        print(result.table())
        print(f"red signals on green texts: {len(result.red_on_green)}")
        return
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
