"""The rules' evidence weighed together: a linear reading learned from the labelled corpus.

The rules of `text_rules` read a phrase and its scope one match at a time. Most of what they
miss, or raise wrongly, is not one phrase: a rule whose pattern almost matched, concepts of a
warning sign standing together in the speaker's own clause, a sign negated elsewhere in the
text. This module weighs all of that at once, per rule:

- what the rules found in the sentence: the rule fired; each candidate of a rule and what its
  scope made of it ("negated", "said of others", "in a list", ...); a sign of the real thing
  refused;
- each concept of the lexicon the text names, with the scope of the clause it stands in (the
  speaker's own, negated, contrasted away, said of others, sarcastic);
- each word (its lemma), and each pair of neighbouring words.

Sentence by sentence: a rule fires where the logistic of one sentence's weighted sum reaches
its threshold, so that what one sentence says never makes another raise or lose a sign. To
add a sign no phrase of the rule matched there, the weighing must be fairly sure (a warning
sign asks for more: it accuses); to drop one a phrase matched, fairly sure it is wrong. The
weights are plain numbers in `signal_weights.json`, learned by `python -m
tests.signal_corpus --train` from the corpus's tuning part only (the held-out fifth is never
trained on); nothing is downloaded and reading is one sum of the sentence's features' rows.
Still explainable: each weighed rule says which features weighed most (`Weighing.reasons`),
and a rule that only the weighing found cites the clause whose features weighed most, with
its words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from vetting.scoring.language import WORD
from vetting.scoring.lexicon import word_set
from vetting.scoring.patterns import Candidate, Hits

WEIGHTS_FILE = Path(__file__).with_name("signal_weights.json")

# The scope of the clause a concept stands in, as features name it.
OWN, NEGATED, CONTRASTED, OTHERS, SARCASM = "own", "neg", "con", "oth", "sar"

# Words a clause is not cited by, however much they weighed ("the", "my", "is"): the
# explanation names what the clause is about.
CLOSED_CLASS = word_set(
    "a an the this that these those my our your their his her its we i you they he she it us "
    "me them him be is are was were been being have has had do does did will would can could "
    "shall should may might must to of in on at by for with from as and or but so if than "
    "then just only also very when what who whom which where how why there here"
)
CITED = ("c:", "cs:", "w:")  # the features whose words a clause is cited by

Features = dict[str, tuple[int, ...]]  # feature -> the tokens it stands on (none: the sentence)


def _scope_of(hits: Hits, i: int) -> str:
    reading = hits.reading
    if reading.is_sarcastic(i):
        return SARCASM
    if reading.of_others(i) or reading.quoted_from_others(i):
        return OTHERS
    if reading.contrasted(i) is not None:
        return CONTRASTED
    if reading.negated(i, i):
        return NEGATED
    return OWN


def features(
    hits: Hits, candidates: Iterable[Candidate], fired: Iterable[tuple[str, int]]
) -> dict[int, Features]:
    """Every feature of each sentence of one text, with where it stands (see the module's
    docstring); `fired` names the rules the rules fired, with their sentences."""
    tokens = hits.reading.tokens
    found: dict[int, dict[str, list[int]]] = {s: {} for s in hits.reading.sentences}

    def add(sentence: int, name: str, *at: int) -> None:
        found.setdefault(sentence, {}).setdefault(name, []).extend(at)

    for code, sentence in fired:
        add(sentence, f"fired:{code}")
    for c in candidates:
        sentence = tokens[c.first].sentence
        add(sentence, f"cand:{c.rule.code}:{c.status}", c.first)
        if c.fires and c.fires != c.rule.code:
            add(sentence, f"inv:{c.fires}", c.first)
    for i, concepts in enumerate(hits.at):
        if concepts:
            scope = _scope_of(hits, i)
            for concept in concepts:
                add(tokens[i].sentence, f"c:{concept}", i)
                add(tokens[i].sentence, f"cs:{concept}:{scope}", i)
    words = [i for i, t in enumerate(tokens) if t.kind == WORD]
    for i in words:
        add(tokens[i].sentence, f"w:{tokens[i].lemma}", i)
    for i, j in pairwise(words):
        if tokens[i].sentence == tokens[j].sentence:
            add(tokens[i].sentence, f"b:{tokens[i].lemma}_{tokens[j].lemma}", i, j)
    return {
        sentence: {name: tuple(at) for name, at in named.items()}
        for sentence, named in found.items()
    }


@dataclass(frozen=True)
class Model:
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    # per polarity: to add a sign no phrase matched, and to keep one a phrase of the rule did
    thresholds: dict[str, dict[str, float]]
    trained_on: str = ""  # the SHA-256 of the tuning part it was learned from
    texts: int = 0
    # ... and the same weights as a matrix, a row per feature and a column per rule, so that
    # a sentence is weighed by one sum of its features' rows
    codes: tuple[str, ...] = ()
    rows: dict[str, int] = field(default_factory=dict)
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    intercepts: np.ndarray = field(default_factory=lambda: np.zeros(0))


@cache
def model() -> Model | None:
    """The learned weights, or None where none were trained (the rules alone then read)."""
    if not WEIGHTS_FILE.exists():
        return None
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    weights = {code: rule["weights"] for code, rule in data["rules"].items()}
    codes = tuple(weights)
    rows = {name: i for i, name in enumerate(sorted({n for w in weights.values() for n in w}))}
    matrix = np.zeros((len(rows), len(codes)))
    for column, code in enumerate(codes):
        for name, weight in weights[code].items():
            matrix[rows[name], column] = weight
    return Model(
        bias={code: rule["bias"] for code, rule in data["rules"].items()},
        weights=weights,
        thresholds=data["thresholds"],
        trained_on=data.get("trained_on", ""),
        texts=data.get("texts", 0),
        codes=codes,
        rows=rows,
        matrix=matrix,
        intercepts=np.array([data["rules"][code]["bias"] for code in codes]),
    )


@dataclass(frozen=True)
class Weighing:
    code: str
    probability: float
    reasons: tuple[tuple[str, float], ...]  # the features that weighed most, either way

    @property
    def confidence(self) -> float:
        return round(self.probability, 3)


def probabilities(found: Features) -> dict[str, float]:
    """Each rule's probability, given one sentence's features (none without weights)."""
    learned = model()
    if learned is None:
        return {}
    rows = [row for name in found if (row := learned.rows.get(name)) is not None]
    totals = learned.intercepts + learned.matrix[rows].sum(axis=0)
    chances = 1.0 / (1.0 + np.exp(-np.clip(totals, -60.0, 60.0)))
    return dict(zip(learned.codes, chances.tolist(), strict=True))


def weighed(found: Features, code: str, probability: float, reasons: int = 4) -> Weighing:
    """One rule's weighing with the features that weighed most for or against it."""
    learned = model()
    weights = learned.weights[code] if learned else {}
    parts = [(name, weights[name]) for name in found if name in weights]
    parts.sort(key=lambda p: (-abs(p[1]), p[0]))
    return Weighing(code, probability, tuple(parts[:reasons]))


def fires(probability: float, polarity: str, *, matched: bool, reversed_: bool = False) -> bool:
    """Does the rule fire in the sentence: fairly sure to add a sign no phrase matched, not
    fairly sure against one a phrase of the rule matched. A sign whose phrase a reversal
    turned ("Post offers every day. That is not how we work.") is not added back: the
    reversal is what the speaker said of it."""
    learned = model()
    if learned is None:
        return matched
    if reversed_ and not matched:
        return False
    return probability >= learned.thresholds["keep" if matched else "add"][polarity]


def reversed_in(found: Features, code: str) -> bool:
    """Did a reversal turn a phrase of the rule in this sentence?"""
    return f"cand:{code}:reversed" in found


def strongest_clause(hits: Hits, found: Features, code: str) -> tuple[int, list[int]] | None:
    """For a rule that only the weighing found: the clause whose own features weigh most
    for it, and its tokens that carried positive weight (most first)."""
    learned = model()
    if learned is None:
        return None
    weights = learned.weights.get(code, {})
    tokens = hits.reading.tokens
    by_clause: dict[int, float] = {}
    carried: dict[int, dict[int, float]] = {}
    for name, at in found.items():
        weight = weights.get(name, 0.0)
        if not weight or not at:
            continue
        for clause in {tokens[i].clause for i in at}:
            by_clause[clause] = by_clause.get(clause, 0.0) + weight
            if weight > 0 and name.startswith(CITED):
                for i in at:
                    if (
                        tokens[i].clause == clause
                        and tokens[i].kind == WORD
                        and tokens[i].lemma not in CLOSED_CLASS
                    ):
                        share = carried.setdefault(clause, {})
                        share[i] = share.get(i, 0.0) + weight
    if not by_clause:
        return None
    clause = max(by_clause, key=lambda c: (by_clause[c], -c))
    share = carried.get(clause, {})
    return clause, sorted(share, key=lambda i: (-share[i], i))


SCOPES = {
    OWN: "the speaker's own clause",
    NEGATED: "a negated clause",
    CONTRASTED: "a clause contrasted away",
    OTHERS: "a clause about others",
    SARCASM: "a sarcastic sentence",
}


def describe(feature: str) -> str:
    """A feature in words, for an explanation ("cs:BUY:own" is "BUY in the speaker's own
    clause")."""
    kind, _, rest = feature.partition(":")
    if kind == "fired":
        return f"a phrase of {rest} matched"
    if kind == "cand":
        code, _, status = rest.partition(":")
        return f"a phrase of {code} ({status})"
    if kind == "inv":
        return f"a sign of the real thing refused, read as {rest}"
    if kind == "c":
        return f"the concept {rest}"
    if kind == "cs":
        concept, _, scope = rest.partition(":")
        return f"{concept} in {SCOPES.get(scope, scope)}"
    if kind == "w":
        return f"the word “{rest}”"
    if kind == "b":
        return f"the words “{rest.replace('_', ' ')}”"
    return feature
