"""Learned cue words: the second, explainable source of text signals, beside the rules.

Why: the hand-written rules of `text_rules` read the brief's own words well, but unseen
writers say the same things in other words, and each round of hand tuning only fitted the
texts it was tuned on. So each rule also has a table of weighted *cues*, learned by `learn`
from the tuning part of the labelled corpus and shipped as committed data in `cues.json`
(re-learnt by `python manage.py learn_cues`). This module only reads that table, once at
import, and applies it. No model, no download: a cue is a word, a word pair or a concept of
the lexicon, with one weight, and a cue signal cites the cues that carried it.

How a cue signal is raised, clause by clause:
- the cues of a clause are its content lemmas (stop words out, a number reads as "#"),
  each pair of neighbouring content lemmas ("go viral", "your staff": a pronoun only
  counts in a pair) and each concept of `lexicon` found there ("VIRAL", in capitals);
- a cue counts only where a rule's match would: each is judged by the scope machinery of
  `text_signals` exactly as a match of its rule (negated, contrasted, said of others,
  sarcastic, a mere list item, ... do not count), and a refused sign of the real thing
  counts for its rule's `inverse` warning sign ("we don't do surveys" ignores the market);
- a rule fires on the clause when the weights of its counted cues (each cue once) reach its
  threshold; the refused cues of a green rule fire its inverse when they reach the rule's
  refusal threshold. Thresholds were chosen by cross-validation on the tuning part; a rule
  without one (every red rule's own cues, see `learn.Settings.red_own`) never fires by cues.

`text_signals` then adds these signals to the rules' own: a clause where a rule matched is
left to the rule, a clause fires at most one cue rule (the one furthest past its
threshold), and a rule that already fired is not raised twice. A cue signal cites the
clause as its span and the cue words that carried it, with the rule and its principle.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vetting.scoring.language import MARK, Reading
from vetting.scoring.lexicon import word_set
from vetting.scoring.patterns import Hits
from vetting.scoring.text_rules import RULES

CUES_PATH = Path(__file__).with_name("cues.json")
NUMBER = "#"  # any number ("38", "1,400"): "# %" is a percentage
SIGNS = frozenset({"%", "£", "$", "€"})  # marks that carry meaning as cues
SLACK = 1e-9  # for the rounding of a sum in any order
UNCUED = frozenset({"NEG", "NUM"})  # the negators are the scope's; a number reads as "#"

# Function words carry no sign by themselves (and the negators are the scope's business, not
# cues).
STOP = word_set(
    """a an the and or nor but if then than so as of to in on at by for from with into onto
    about over under up down out off through between across after before during until while
    be have do will would shall should can could may might must am is are was were been being
    has had does did done doing it its it's this that these those there here which who whom
    whose what when where why how also just very really quite rather too even still yet ever
    again not no never none nothing without n't neither cannot any some each every all both
    either other such own same only more most much many few lot lots thing things way
    something anything everything one ones s t d ll m re ve oh yes well get got"""
)
# Pronouns say nothing alone, but whose it is matters in a pair: "your staff" and "our staff"
# are different signs.
PAIR_ONLY = word_set("i we you they he she me us them our your their my his her")


@dataclass(frozen=True, slots=True)
class Term:
    """One cue of a clause: a content lemma or a pair of neighbouring ones."""

    key: str
    first: int  # token indexes, inclusive
    last: int
    slots: tuple[tuple[int, int], ...]


@lru_cache(maxsize=65536)
def _key(token_text: str, lemma: str, kind: int) -> str | None:
    """The cue a token stands for (None: a function word, a negator, punctuation)."""
    if kind == MARK:
        return token_text if token_text in SIGNS else None
    if token_text[:1].isdigit():
        return NUMBER
    lemma = lemma.lower()  # the dictionary capitalises some names ("Reddit")
    if lemma in STOP or token_text in STOP or len(lemma) < 2:
        return None
    return lemma


def clause_terms(
    reading: Reading,
    hits: Hits,
    known: Container[str] | None = None,
    skip: Container[int] = (),
) -> list[list[Term]]:
    """The cues of each clause of a reading (by clause index): every content lemma, every
    pair of neighbouring content lemmas (the function words between them skipped), and
    every concept of the lexicon found there (its name in capitals, as in `text_rules`).
    With `known`, only the cues it holds (at run time, the table's); none in the clauses
    to `skip`."""
    found: list[list[Term]] = [[] for _ in reading.clauses]
    tokens = reading.tokens
    at = hits.at
    for clause in reading.clauses:
        if clause.index in skip:
            continue
        terms = found[clause.index]
        previous: tuple[str, int] | None = None
        for i in range(clause.first, clause.last + 1):
            token = tokens[i]
            if at[i]:
                for concept, end in at[i].items():
                    if concept not in UNCUED and (known is None or concept in known):
                        terms.append(Term(concept, i, end, ((i, end),)))
            if token.negator:
                previous = None  # "buy no followers": no pair across a negator
                continue
            key = _key(token.text, token.lemma, token.kind)
            if key is None:
                continue
            if key not in PAIR_ONLY and (known is None or key in known):
                terms.append(Term(key, i, i, ((i, i),)))
            if previous is not None:
                before, j = previous
                pair = f"{before} {key}"
                if known is None or pair in known:
                    terms.append(Term(pair, j, i, ((j, j), (i, i))))
            previous = (key, i)
    return found


@dataclass(frozen=True)
class CueTable:
    """The learned table: per rule, its cues and their weights, the threshold its counted
    cues must reach in one clause, and (green rules with an inverse) the threshold its
    refused cues must reach to fire the inverse."""

    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    refusals: dict[str, float]

    def by_cue(self) -> dict[str, tuple[tuple[str, float], ...]]:
        index: dict[str, list[tuple[str, float]]] = {}
        for code, cues in self.weights.items():
            for cue, weight in cues.items():
                index.setdefault(cue, []).append((code, weight))
        return {cue: tuple(found) for cue, found in index.items()}


EMPTY = CueTable({}, {}, {})


def load(path: Path = CUES_PATH) -> CueTable:
    """The table of a cues.json (see `learn.write`); an absent file is an empty table."""
    if not path.exists():
        return EMPTY
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueTable(
        {code: dict(cues) for code, cues in data["weights"].items()},
        dict(data["thresholds"]),
        dict(data["refusals"]),
    )


@dataclass(frozen=True, slots=True)
class CueFiring:
    """A rule that a clause's cues fire: the rule, how far past its threshold (the ratio),
    the cue terms that carried it (heaviest first) and, for a refused sign of the real
    thing, the green rule that was refused."""

    code: str
    clause: int
    ratio: float
    terms: tuple[Term, ...]
    via: str = ""


# Judges a cue as a match of a rule would be judged: the code of the rule that fires (the
# rule itself, its inverse when refused) or "" when it does not count.
Judge = Callable[[str, Term], str]


class Scorer:
    """Applies one table: the cue index is built once."""

    def __init__(self, table: CueTable) -> None:
        self.table = table
        self.index = table.by_cue()
        self.inverse = {rule.code: rule.inverse for rule in RULES if rule.inverse}

    def clause_firings(self, terms: Iterable[Term], clause: int, judge: Judge) -> list[CueFiring]:
        """The rules this clause's cues fire (none, usually). Only rules whose cues could
        reach a threshold before judging are judged."""
        index = self.index
        raw: dict[str, float] = {}
        hits: dict[str, list[tuple[Term, float]]] = {}
        for term in terms:
            for code, weight in index.get(term.key, ()):
                raw[code] = raw.get(code, 0.0) + weight
                hits.setdefault(code, []).append((term, weight))
        if not raw:
            return []
        thresholds, refusals = self.table.thresholds, self.table.refusals
        found = []
        for code, total in raw.items():
            threshold = thresholds.get(code)
            refusal = refusals.get(code)
            # The raw total counts a cue each time it occurs: an upper bound on the score.
            could_fire = threshold is not None and total + SLACK >= threshold
            could_refuse = refusal is not None and total + SLACK >= refusal
            if not (could_fire or could_refuse):
                continue
            counted: dict[str, tuple[Term, float]] = {}
            refused: dict[str, tuple[Term, float]] = {}
            inverse = self.inverse.get(code, "")
            for term, weight in hits[code]:
                if term.key in counted:
                    continue
                fires = judge(code, term)
                if fires == code:
                    counted[term.key] = (term, weight)
                    refused.pop(term.key, None)
                elif fires and fires == inverse and term.key not in refused:
                    refused[term.key] = (term, weight)
            for chosen, limit, fired, via in (
                (counted, threshold if could_fire else None, code, ""),
                (refused, refusal if could_refuse else None, inverse, code),
            ):
                if limit is None or not chosen:
                    continue
                score = math.fsum(w for _, w in chosen.values())
                if score >= limit:
                    ordered = sorted(chosen.values(), key=lambda tw: (-tw[1], tw[0].first))
                    found.append(
                        CueFiring(fired, clause, score / limit, tuple(t for t, _ in ordered), via)
                    )
        return found


SCORER = Scorer(load())
