"""Learning the cue table of `cues` from labelled texts. Pure Python, no Django, no NumPy.

Why learned, and why this way: the rules miss signs said in words nobody wrote a pattern
for, and hand tuning overfits the texts it looks at. Counting which words stand in the
clauses that show a sign, against the clauses of texts that do not, finds that vocabulary
from the labels alone, and stays explainable: every cue is a word or a word pair with one
weight, and a cue signal cites the cues that carried it.

- **Where a rule's evidence stands.** A text labelled with a rule is one positive unit: the
  cues of the clauses where the rule itself matched, or of the whole text when it did not.
  Every clause of a text not labelled with the rule (nor allowed it) is a negative unit.
  Only cues that count for the rule (`cues`: judged like a match of the rule, so negated,
  contrasted, others', sarcastic or listed cues do not) enter either side.
- **Weights.** A cue's weight is its smoothed log-odds ratio of appearing in a positive
  unit against a negative one. Kept: cues seen in at least `support` positive texts, with a
  weight of at least `min_weight` and a z-score (weight over its standard error) of at least
  `min_z`. Only positive weights are kept: a cue says something *for* its rule.
- **Thresholds**, per rule, by k-fold cross-validation on the same labelled texts: learn on
  k-1 folds, score the held fold, and take the threshold that adds the most right signals
  net of `cost` false alarms each to what the rules already find; a red rule's threshold
  must also raise no red signal on a text labelled green. A rule whose cues add nothing
  worth the cost gets no threshold: its cues never fire. The same for the refusal
  thresholds (the refused cues of a green rule raising its inverse warning sign).
- `cross_validate` measures all of it honestly (nested: thresholds chosen inside each
  training part, then the held fold scored), for the record in cues.json.

The corpus split (tuning part / held-out part) is the caller's business: the learner is
given the tuning texts only (`python manage.py learn_cues`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from vetting.scoring import cues
from vetting.scoring.text_rules import GREEN, RED, RULES
from vetting.scoring.text_signals import CueJudge, RuleReading, read_rules

CODES = tuple(rule.code for rule in RULES)
RED_CODES = frozenset(rule.code for rule in RULES if rule.polarity == RED)
INVERSES = {rule.code: rule.inverse for rule in RULES if rule.inverse}
DIGITS = 3  # weights and thresholds are rounded so: the table is the same wherever it is read


@dataclass(frozen=True)
class Labelled:
    """A labelled corpus text, as the learner needs it."""

    id: str
    text: str
    label: str
    expect: frozenset[str]
    allow: frozenset[str]


@dataclass(frozen=True)
class Settings:
    prior: float = 0.5  # added to every count (smoothing)
    support: int = 3  # positive texts a cue must be seen in
    min_weight: float = 1.0  # smallest log-odds ratio kept
    min_z: float = 3.0  # smallest weight over its standard error kept
    folds: int = 5
    cost: float = 4.0  # a false alarm costs this many right signals
    red_margin: float = 0.25  # a red threshold stands this far above any green text's score
    # The red rules' own cues raise no signal: cross-validated, they added no right signal
    # to the rules' and raised a red signal on a green text. Refused green cues still raise
    # the inverse warning sign (none on a green text in cross-validation).
    red_own: bool = False
    seed: str = "cues"  # the fold of a text hangs on its id and this


@dataclass(frozen=True)
class Example:
    """One labelled text, read once: what the rules found, and, per clause, the cues that
    count for each rule and the cues refused of each green rule with an inverse."""

    id: str
    label: str
    expect: frozenset[str]
    allow: frozenset[str]
    fired: frozenset[str]  # the rules' own signals
    evidence: dict[str, frozenset[int]]  # rule -> the clauses where it matched
    held: frozenset[int]  # clauses where any rule matched (left to the rules)
    counted: tuple[dict[str, frozenset[str]], ...]  # per clause: rule -> cues counted
    refused: tuple[dict[str, frozenset[str]], ...]  # per clause: green rule -> cues refused


def read_corpus(items: Sequence[Labelled], settings: Settings) -> list[Example]:
    """Every labelled text read once. A cue word is judged for a rule only when it stands
    in at least `support` of the texts labelled with that rule at all (judged or not):
    no other can be kept for it, and judging every word for every rule is the slow part."""
    reads = [read_rules(item.text) for item in items]
    terms = [cues.clause_terms(r.reading, r.hits) for r in reads]
    seen: dict[str, Counter[str]] = {code: Counter() for code in CODES}
    for item, clauses in zip(items, terms, strict=True):
        keys = {term.key for clause in clauses for term in clause}
        for code in item.expect:
            seen[code].update(keys)
    wanted = {
        code: frozenset(k for k, n in counts.items() if n >= settings.support)
        for code, counts in seen.items()
    }
    return [
        read(item, r, clauses, wanted) for item, r, clauses in zip(items, reads, terms, strict=True)
    ]


def read(
    item: Labelled,
    read_: RuleReading,
    terms: list[list[cues.Term]],
    wanted: dict[str, frozenset[str]],
) -> Example:
    tokens = read_.reading.tokens
    evidence: dict[str, set[int]] = {}
    for candidate in read_.kept:
        clauses = {tokens[i].clause for i in range(candidate.first, candidate.last + 1)}
        evidence.setdefault(candidate.fires, set()).update(clauses)
    judge = CueJudge(read_.hits)
    counted, refused = [], []
    for clause in terms:
        here: dict[str, set[str]] = {}
        away: dict[str, set[str]] = {}
        for term in clause:
            for code in CODES:
                if term.key not in wanted[code]:
                    continue
                fires = judge(code, term)
                if fires == code:
                    here.setdefault(code, set()).add(term.key)
                elif fires:
                    away.setdefault(code, set()).add(term.key)
        for code, keys in here.items():  # a cue that counts once is counted, not refused
            if code in away:
                away[code] -= keys
        counted.append({c: frozenset(k) for c, k in here.items()})
        refused.append({c: frozenset(k) for c, k in away.items() if k})
    return Example(
        item.id,
        item.label,
        item.expect,
        item.allow,
        frozenset(c.fires for c in read_.kept),
        {code: frozenset(found) for code, found in evidence.items()},
        read_.held(),
        tuple(counted),
        tuple(refused),
    )


# --- Weights ------------------------------------------------------------------------------


def learn_weights(examples: Sequence[Example], settings: Settings) -> dict[str, dict[str, float]]:
    """Per rule, the cues kept and their weights (see the module's docstring)."""
    weights: dict[str, dict[str, float]] = {}
    a = settings.prior
    for code in CODES:
        positive: Counter[str] = Counter()
        negative: Counter[str] = Counter()
        n_pos = n_neg = 0
        for example in examples:
            if code in example.expect:
                where = example.evidence.get(code) or range(len(example.counted))
                unit: set[str] = set()
                for clause in where:
                    unit |= example.counted[clause].get(code, frozenset())
                positive.update(unit)
                n_pos += 1
            elif code not in example.allow:
                for clause in example.counted:
                    negative.update(clause.get(code, ()))
                n_neg += len(example.counted)
        kept: dict[str, float] = {}
        for cue, k in positive.items():
            if k < settings.support:
                continue
            j = negative[cue]
            weight = math.log((k + a) / (n_pos - k + a)) - math.log((j + a) / (n_neg - j + a))
            error = math.sqrt(1 / (k + a) + 1 / (n_pos - k + a) + 1 / (j + a) + 1 / (n_neg - j + a))
            if weight >= settings.min_weight and weight / error >= settings.min_z:
                kept[cue] = round(weight, DIGITS)
        weights[code] = dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0])))
    return weights


# --- Scoring (the same decisions as `text_signals.cue_firings`) ------------------------------


@dataclass(frozen=True)
class Table:
    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    refusals: dict[str, float]


def clause_scores(
    example: Example, weights: dict[str, dict[str, float]], held: frozenset[int]
) -> list[tuple[int, dict[str, float], dict[str, float]]]:
    """Per clause not `held` by a rule: the counted score of each rule and the refused
    score of each green rule with an inverse."""
    found = []
    for index, (counted, refused) in enumerate(zip(example.counted, example.refused, strict=True)):
        if index in held:
            continue
        here = {
            code: math.fsum(weights.get(code, {}).get(k, 0.0) for k in keys)
            for code, keys in counted.items()
        }
        away = {
            code: math.fsum(weights.get(code, {}).get(k, 0.0) for k in keys)
            for code, keys in refused.items()
        }
        found.append((index, here, away))
    return found


def predict(example: Example, table: Table, rules: bool = True) -> frozenset[str]:
    """The rules that fire on the example: the rules' own plus the cue signals, as
    `text_signals` decides them (`rules=False`: the cue signals alone, in every clause)."""
    fired = set(example.fired) if rules else set()
    held = example.held if rules else frozenset()
    for _, here, away in clause_scores(example, table.weights, held):
        best: tuple[float, str] | None = None
        for code, score in here.items():
            threshold = table.thresholds.get(code)
            if threshold is not None and score >= threshold:
                best = max(best or (0.0, ""), (score / threshold, code))
        for code, score in away.items():
            refusal = table.refusals.get(code)
            if refusal is not None and score >= refusal:
                best = max(best or (0.0, ""), (score / refusal, INVERSES[code]))
        if best is not None and best[1] not in fired:
            fired.add(best[1])
    return frozenset(fired)


# --- Thresholds -----------------------------------------------------------------------------


def fold_of(example_id: str, settings: Settings) -> int:
    digest = hashlib.sha1(f"{settings.seed}:{example_id}".encode()).hexdigest()  # noqa: S324
    return int(digest, 16) % settings.folds


def _folds(
    examples: Sequence[Example], settings: Settings
) -> list[tuple[list[Example], list[Example]]]:
    """(training part, held fold) for each fold."""
    folds: dict[int, list[Example]] = {}
    for example in examples:
        folds.setdefault(fold_of(example.id, settings), []).append(example)
    return [
        ([e for f, part in sorted(folds.items()) if f != fold for e in part], held)
        for fold, held in sorted(folds.items())
    ]


def _out_of_fold(
    examples: Sequence[Example], settings: Settings
) -> list[tuple[Example, dict[str, float], dict[str, float]]]:
    """Each example with its best clause score per rule, and its best refused score per
    green rule, over all its clauses (as if no rule had matched: what the cues say alone),
    with weights learnt without its fold."""
    scored = []
    for train, held in _folds(examples, settings):
        weights = learn_weights(train, settings)
        for example in held:
            best: dict[str, float] = {}
            best_refused: dict[str, float] = {}
            for _, here, away in clause_scores(example, weights, frozenset()):
                for code, score in here.items():
                    best[code] = max(best.get(code, 0.0), score)
                for code, score in away.items():
                    best_refused[code] = max(best_refused.get(code, 0.0), score)
            scored.append((example, best, best_refused))
    return scored


def _threshold(
    scores: Iterable[tuple[Example, float]], code: str, settings: Settings, refused: bool = False
) -> float | None:
    """The threshold for the cue signals of `code` (`refused`: raised by the refused cues
    of its green rule), from out-of-fold scores of what the cues say alone: the most right
    signals net of `cost` false alarms each; for a red rule, above the best score of any
    green text by `red_margin`. None when nothing is worth it (or a red rule's own cues,
    unless `red_own`)."""
    ranked = sorted(((s, e) for e, s in scores if s > 0), key=lambda pair: -pair[0])
    floor = 0.0
    if code in RED_CODES:
        if not (refused or settings.red_own):
            return None
        green = max((s for s, e in ranked if e.label == GREEN), default=0.0)
        floor = green * (1 + settings.red_margin)
    best, best_gain, gain = None, 0.0, 0.0
    for n, (score, example) in enumerate(ranked):
        if score <= floor:
            break
        if code in example.expect:
            gain += 1
        elif code not in example.allow:
            gain -= settings.cost
        last = n + 1 == len(ranked) or ranked[n + 1][0] < score
        if last and gain > best_gain:
            best, best_gain = score, gain
    return best


def _down(threshold: float) -> float:
    """Rounded down, so that the score it was taken at still reaches it."""
    return math.floor(threshold * 10**DIGITS) / 10**DIGITS


def choose_thresholds(
    examples: Sequence[Example], settings: Settings
) -> tuple[dict[str, float], dict[str, float]]:
    scored = _out_of_fold(examples, settings)
    thresholds: dict[str, float] = {}
    refusals: dict[str, float] = {}
    for code in CODES:
        found = _threshold(((e, best.get(code, 0.0)) for e, best, _ in scored), code, settings)
        if found is not None:
            thresholds[code] = _down(found)
        inverse = INVERSES.get(code)
        if inverse:
            found = _threshold(
                ((e, away.get(code, 0.0)) for e, _, away in scored), inverse, settings, True
            )
            if found is not None:
                refusals[code] = _down(found)
    return thresholds, refusals


def learn(examples: Sequence[Example], settings: Settings) -> Table:
    thresholds, refusals = choose_thresholds(examples, settings)
    weights = learn_weights(examples, settings)
    # A rule with neither threshold never fires by its cues: its cues are left out.
    useful = set(thresholds) | set(refusals)
    return Table({c: w for c, w in weights.items() if c in useful}, thresholds, refusals)


# --- Measuring ------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    red_on_green: int = 0

    @staticmethod
    def empty() -> Counts:
        return Counts(Counter(), Counter(), Counter())

    def add(self, example: Example, fired: frozenset[str]) -> None:
        for code in fired & example.expect:
            self.tp[code] += 1
        for code in fired - example.expect - example.allow:
            self.fp[code] += 1
        for code in example.expect - fired:
            self.fn[code] += 1
        if example.label == GREEN and fired & RED_CODES:
            self.red_on_green += 1

    def precision(self) -> float:
        tp, fp = sum(self.tp.values()), sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self) -> float:
        tp, fn = sum(self.tp.values()), sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def summary(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision(), 4),
            "recall": round(self.recall(), 4),
            "tp": sum(self.tp.values()),
            "fp": sum(self.fp.values()),
            "fn": sum(self.fn.values()),
            "red_on_green": self.red_on_green,
        }


@dataclass
class Validation:
    """Cross-validated counts: the rules alone, the cue signals alone (in every clause, as
    if no rule had matched) and both as `text_signals` combines them."""

    rules: Counts
    cues: Counts
    both: Counts

    def summary(self) -> dict[str, dict[str, float | int]]:
        return {
            "rules": self.rules.summary(),
            "cues_alone": self.cues.summary(),
            "rules_and_cues": self.both.summary(),
        }


def cross_validate(examples: Sequence[Example], settings: Settings) -> Validation:
    """Nested k-fold: for each fold, the table is learnt on the other folds (its thresholds
    by an inner cross-validation there) and the fold is scored with it. The rules were
    written on these same texts, so their figures here are better than on unseen texts;
    the cue signals' are honest."""
    result = Validation(Counts.empty(), Counts.empty(), Counts.empty())
    inner = replace(settings, seed=settings.seed + ":inner")
    for train, held in _folds(examples, settings):
        table = learn(train, inner)
        for example in held:
            result.rules.add(example, example.fired)
            result.cues.add(example, predict(example, table, rules=False))
            result.both.add(example, predict(example, table))
    return result


# --- The file -------------------------------------------------------------------------------


def corpus_digest(items: Iterable[Labelled]) -> str:
    """SHA-256 of the labelled texts learnt from (ids, labels and texts, in id order)."""
    rows = sorted([i.id, i.label, sorted(i.expect), sorted(i.allow), i.text] for i in items)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def document(
    items: Sequence[Labelled],
    table: Table,
    settings: Settings,
    learned_on: str,
    cross_validated: dict[str, dict[str, float | int]] | None = None,
) -> dict[str, object]:
    return {
        "about": "Cue words of the text rules, learnt by `python manage.py learn_cues` from the "
        "tuning part of tests/data/signals (see vetting/scoring/learn.py). Do not edit by hand.",
        "learned_on": learned_on,
        "corpus": {"texts": len(items), "sha256": corpus_digest(items)},
        "settings": asdict(settings),
        "cross_validated": cross_validated or {},
        "thresholds": table.thresholds,
        "refusals": table.refusals,
        "weights": table.weights,
    }


def write(path: Path, doc: dict[str, object]) -> None:
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
