"""Explainable text signals: the rules of `text_rules` matched over the concepts of
`lexicon`, in the scope that `language` reads. No black box: every signal cites its rule,
the principle it stands for, the words that matched and the clause they stand in.

One pass finds every candidate: each word is looked up once in the lexicon (phrases by
their first word, like a token-level Aho-Corasick automaton), and only the patterns that
start with a concept found there are tried. Then, for each candidate:
- in a sarcastic sentence, said of others, contrasted away or negated, it does not count;
  a sign of the real thing that the consultant negates or turns away from fires its
  `inverse` warning sign instead ("no time for surveys" is ignoring the market);
- a sign of the real thing inside a plain list of services or channels does not count;
- one span fires one rule: where candidates overlap, the most specific wins (more
  elements, then the longer span), and a negated one still holds its span ("we will not
  run your community" raises nothing, not "community").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vetting.scoring import language
from vetting.scoring.language import MARK, WORD, Reading
from vetting.scoring.lexicon import CONCEPTS, NEUTRAL
from vetting.scoring.text_rules import GREEN, RED, RULES, RULES_BY_CODE, Rule

__all__ = ["GREEN", "RED", "RULES", "Signal", "find_signals", "text_score"]

NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty hundred thousand million billion dozen dozens hundreds thousands millions
    third quarter half""".split()
)
CURRENCY = frozenset({"£", "$", "€"})
# Negators that turn a sign of the real thing into its warning sign (the consultant
# declining it). "without" and "unlike" are left out: "without a target market it's a
# shot in the dark" argues for the market, it does not refuse it.
REFUSALS = frozenset(
    {
        "not",
        "never",
        "no",
        "none",
        "nor",
        "neither",
        "nothing",
        "skip",
        "avoid",
        "forget",
        "stop",
        "cancel",
        "scrap",
        "ditch",
    }
)
REFUSING_CONTRASTS = frozenset({"instead", "rather", "need", "time", "point"})
FIRST_PERSON_BEFORE = frozenset({"our", "my", "we", "us", "i"})
CATALOGUE_ITEMS = 7  # a list naming this many services or channels offers everything
CATALOGUE_KNOWN = 5  # ... of which at least this many are known services or channels


@dataclass(frozen=True)
class Signal:
    code: str
    polarity: str
    weight: float
    principle: str
    start: int
    end: int
    text: str
    words: tuple[str, ...] = ()  # the concept words that matched, in order
    clause: str = ""  # the clause the match stands in
    via: str = ""  # for a refused sign of the real thing: the rule that was refused

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "polarity": self.polarity,
            "weight": self.weight,
            "principle": self.principle,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "words": list(self.words),
            "clause": self.clause,
            "via": self.via,
        }


# --- Compiling the lexicon and the patterns ------------------------------------------------


@dataclass(frozen=True)
class Element:
    concepts: frozenset[str]
    literals: frozenset[str]
    gap: int  # words allowed between the previous element and this one


@dataclass(frozen=True)
class Pattern:
    rule: Rule
    elements: tuple[Element, ...]


ELEMENT = re.compile(r"^[A-Z_]+$")


def _entry_lemmas(entry: str) -> tuple[str, ...]:
    return tuple(t.lemma for t in language._tokens(entry))


def _base_words() -> set[str]:
    found: set[str] = set()
    for entries in CONCEPTS.values():
        for entry in entries:
            found.update(entry.lower().replace("-", " ").split())
    for rule in RULES:
        for pattern in rule.patterns:
            for part in pattern.split():
                if not part.startswith("~"):
                    found.update(p for p in part.split("|") if not ELEMENT.match(p))
    return found


language.teach(_base_words())

SINGLE: dict[str, set[str]] = {}  # lemma or surface form -> concepts
MULTI: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first lemma -> (lemmas, concept)
for _name, _entries in CONCEPTS.items():
    for _entry in _entries:
        _lemmas = _entry_lemmas(_entry.lower())
        if not _lemmas:
            continue
        if len(_lemmas) == 1:
            # A base form ("listen") matches its inflections; an inflected entry
            # ("timing") only itself, not its verb ("time").
            SINGLE.setdefault(_entry.lower(), set()).add(_name)
            if _lemmas[0] == _entry.lower():
                SINGLE.setdefault(_lemmas[0], set()).add(_name)
        else:
            MULTI.setdefault(_lemmas[0], []).append((_lemmas, _name))
for _phrases in MULTI.values():
    _phrases.sort(key=lambda item: -len(item[0]))


def _element(part: str, gap: int) -> Element:
    concepts, literals = set(), set()
    for alternative in part.split("|"):
        if ELEMENT.match(alternative):
            if alternative not in ("NUM", "NEG") and alternative not in CONCEPTS:
                raise ValueError(f"unknown concept {alternative}")
            concepts.add(alternative)
        else:
            lemmas = _entry_lemmas(alternative.replace("-", " "))
            literals.add(" ".join(lemmas))
            literals.add(alternative)
    return Element(frozenset(concepts), frozenset(literals), gap)


def _compile(rule: Rule, text: str) -> Pattern:
    elements, gap = [], 0
    for part in text.split():
        if part.startswith("~"):
            gap = int(part[1:])
            continue
        elements.append(_element(part, gap))
        gap = 0
    return Pattern(rule, tuple(elements))


PATTERNS = tuple(_compile(rule, text) for rule in RULES for text in rule.patterns)
UNLESS = {
    rule.code: tuple(_compile(rule, text) for text in rule.unless) for rule in RULES if rule.unless
}
BY_CONCEPT: dict[str, list[Pattern]] = {}
BY_LITERAL: dict[str, list[Pattern]] = {}
for _pattern in PATTERNS:
    _first = _pattern.elements[0]
    for _concept in _first.concepts:
        BY_CONCEPT.setdefault(_concept, []).append(_pattern)
    for _literal in _first.literals:
        BY_LITERAL.setdefault(_literal, []).append(_pattern)
GATHERS = tuple(rule for rule in RULES if rule.gather)


# --- Matching ----------------------------------------------------------------------------------


class Hits:
    """Which concepts start at each token, and where they end (one lexicon pass)."""

    __slots__ = ("at", "blocked", "reading")

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        tokens = reading.tokens
        self.at: list[dict[str, int]] = [{} for _ in tokens]
        self.blocked: set[int] = set()
        for i, token in enumerate(tokens):
            if i in self.blocked:
                continue
            found = self.at[i]
            for lemmas, concept in MULTI.get(token.lemma, ()):
                n = len(lemmas)
                if tuple(t.lemma for t in tokens[i : i + n]) == lemmas:
                    if concept == NEUTRAL:
                        self.blocked.update(range(i, i + n))
                        found.clear()
                        break
                    if concept not in found:
                        found[concept] = i + n - 1
            if i in self.blocked:
                continue
            for key in (token.lemma, token.text):
                for concept in SINGLE.get(key, ()):
                    found.setdefault(concept, i)
            if token.kind == WORD and (token.text[:1].isdigit() or token.text in NUMBER_WORDS):
                found.setdefault("NUM", i)
            elif token.kind == MARK and token.text in CURRENCY:
                found.setdefault("NUM", i)
            if token.negator:
                found.setdefault("NEG", i)

    def end(self, element: Element, j: int) -> int | None:
        """The last token of `element` when it starts at token j (None: it does not)."""
        if j in self.blocked:
            return None
        found = self.at[j]
        best = None
        for concept in element.concepts:
            end = found.get(concept)
            if end is not None and (best is None or end > best):
                best = end
        token = self.reading.tokens[j]
        if best is None and (token.lemma in element.literals or token.text in element.literals):
            best = j
        return best


@dataclass(slots=True)
class Candidate:
    rule: Rule
    first: int
    last: int
    slots: tuple[tuple[int, int], ...]
    size: int  # number of elements: more is more specific
    status: str = "counts"
    fires: str = ""  # the rule that fires (the rule itself, or its inverse)


def _match(pattern: Pattern, hits: Hits, i: int) -> Candidate | None:
    tokens = hits.reading.tokens
    sentence = tokens[i].sentence
    end = hits.end(pattern.elements[0], i)
    if end is None:
        return None
    slots = [(i, end)]
    for element in pattern.elements[1:]:
        j, skipped, found = end + 1, 0, None
        while j < len(tokens) and tokens[j].sentence == sentence:
            found = hits.end(element, j)
            if found is not None:
                break
            if tokens[j].kind == WORD:
                skipped += 1
                if skipped > element.gap:
                    break
            j += 1
        if found is None:
            return None
        slots.append((j, found))
        end = found
    return Candidate(pattern.rule, i, end, tuple(slots), len(pattern.elements))


def _candidates(hits: Hits) -> list[Candidate]:
    found: list[Candidate] = []
    tokens = hits.reading.tokens
    for i, token in enumerate(tokens):
        concepts = hits.at[i]
        if not concepts and token.lemma not in BY_LITERAL and token.text not in BY_LITERAL:
            continue
        tried: set[int] = set()
        for concept in concepts:
            for pattern in BY_CONCEPT.get(concept, ()):
                tried.add(id(pattern))
                match = _match(pattern, hits, i)
                if match is not None:
                    found.append(match)
        for key in (token.lemma, token.text):
            for pattern in BY_LITERAL.get(key, ()):
                if id(pattern) not in tried:
                    tried.add(id(pattern))
                    match = _match(pattern, hits, i)
                    if match is not None:
                        found.append(match)
    found += _gathered(hits)
    found += _catalogues(hits)
    return found


def _gathered(hits: Hits) -> list[Candidate]:
    """Rules that fire when a sentence names several phrases of one concept together."""
    found = []
    tokens = hits.reading.tokens
    for rule in GATHERS:
        concept, count, companion = rule.gather  # type: ignore[misc]
        by_sentence: dict[int, list[int]] = {}
        with_companion: set[int] = set()
        for i, concepts in enumerate(hits.at):
            if concept in concepts:
                by_sentence.setdefault(tokens[i].sentence, []).append(i)
            if companion in concepts:
                with_companion.add(tokens[i].sentence)
        for sentence, positions in by_sentence.items():
            if len(positions) >= count and sentence in with_companion:
                first, last = positions[0], hits.at[positions[-1]][concept]
                slots = tuple((p, hits.at[p][concept]) for p in positions)
                found.append(Candidate(rule, first, last, slots, count))
    return found


def _catalogues(hits: Hits) -> list[Candidate]:
    """A list naming most of the catalogue of services and channels offers everything."""
    found = []
    reading = hits.reading
    rule = RULES_BY_CODE["does_it_all"]
    for start, end in reading.list_spans:
        items = [
            i
            for i in range(start, end + 1)
            if "SERVICE" in hits.at[i] or "PLATFORM" in hits.at[i]
        ]
        separators = sum(
            1
            for t in reading.tokens[start : end + 1]
            if t.text in {",", "/", "&", "and", "or", "plus"}
        )
        if separators + 1 >= CATALOGUE_ITEMS and len(items) >= CATALOGUE_KNOWN:
            found.append(Candidate(rule, start, end, ((start, end),), 4))
    return found


def _judge(candidate: Candidate, hits: Hits) -> None:
    """Set the candidate's status (does it count, and as which rule?)."""
    reading = hits.reading
    rule = candidate.rule
    first, last = candidate.first, candidate.last
    candidate.fires = rule.code
    own = frozenset(i for a, b in candidate.slots for i in range(a, b + 1))
    tokens = reading.tokens
    if reading.is_sarcastic(first):
        candidate.status = "sarcasm"
    elif reading.is_mention(first):
        candidate.status = "mention"
    elif reading.of_others(first):
        candidate.status = "others"
    elif reading.contrasted(first):
        candidate.status = "contrasted"
        if rule.inverse and _refusing_contrast(reading, first):
            candidate.fires = rule.inverse
    elif reading.negated(first, last, own):
        candidate.status = "negated"
        if rule.inverse and _refused(reading, first, last, own):
            candidate.fires = rule.inverse
    elif rule.polarity == GREEN and reading.in_list(first, last) and not _list_ok(
        rule, hits, reading.in_list(first, last)
    ):
        candidate.status = "listed"
    elif (
        rule.not_after_first_person
        and first > 0
        and tokens[first - 1].text in FIRST_PERSON_BEFORE
    ):
        candidate.status = "theirs"
    elif rule.code in UNLESS and _unless(rule, hits, first):
        candidate.status = "unless"
    if candidate.fires != rule.code:
        candidate.status = "counts"  # a refused sign of the real thing: the inverse counts


def _refused(reading: Reading, first: int, last: int, own: frozenset[int]) -> bool:
    tokens = reading.tokens
    clause = reading.clauses[tokens[first].clause]
    return any(
        tokens[i].negator and tokens[i].text in REFUSALS | {"do", "can", "will", "be", "have"}
        for i in range(clause.first, last)
        if i not in own
    )


def _refusing_contrast(reading: Reading, first: int) -> bool:
    tokens = reading.tokens
    clause = reading.clauses[tokens[first].clause]
    return any(tokens[i].text in REFUSING_CONTRASTS for i in range(clause.first, first))


def _list_ok(rule: Rule, hits: Hits, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    reading = hits.reading
    clause = reading.clauses[reading.tokens[span[0]].clause]
    return any(
        concept in hits.at[i] for i in range(clause.first, span[0]) for concept in rule.list_ok
    )


def _unless(rule: Rule, hits: Hits, first: int) -> bool:
    tokens = hits.reading.tokens
    sentence = tokens[first].sentence
    start = first
    while start > 0 and tokens[start - 1].sentence == sentence:
        start -= 1
    for pattern in UNLESS[rule.code]:
        for i in range(start, first):
            if _match(pattern, hits, i) is not None:
                return True
    return False


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """One span, one rule: the most specific candidate takes its tokens."""
    taken: set[int] = set()
    kept = []
    for candidate in sorted(
        candidates, key=lambda c: (-c.size, -(c.last - c.first), c.first, c.rule.code)
    ):
        span = range(candidate.first, candidate.last + 1)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        if candidate.status == "counts":
            kept.append(candidate)
    return kept


def _yield(kept: list[Candidate], reading: Reading) -> list[Candidate]:
    """Drop what a more telling rule in the same sentence explains away."""
    tokens = reading.tokens
    fired = {(c.fires, tokens[c.first].sentence) for c in kept}
    return [
        c
        for c in kept
        if not any(
            (other, tokens[c.first].sentence) in fired
            for other in RULES_BY_CODE[c.fires].yields_to
        )
    ]


@lru_cache(maxsize=8192)
def _analyse(text: str) -> tuple[Signal, ...]:
    reading = Reading(text)
    hits = Hits(reading)
    candidates = _candidates(hits)
    for candidate in candidates:
        _judge(candidate, hits)
    kept = _yield(_resolve(candidates), reading)
    if any(c.fires == "clear_scope" for c in kept):
        # A catalogue that also says what is left out is not an over-claim.
        kept = [c for c in kept if not (c.fires == "does_it_all" and c.size == 4)]
    tokens = reading.tokens
    best: dict[str, Signal] = {}
    for candidate in sorted(kept, key=lambda c: c.first):
        if candidate.fires in best:
            continue
        rule = RULES_BY_CODE[candidate.fires]
        start, end = tokens[candidate.first].start, tokens[candidate.last].end
        best[rule.code] = Signal(
            rule.code,
            rule.polarity,
            rule.weight,
            rule.principle,
            start,
            end,
            text[start:end],
            tuple(text[tokens[a].start : tokens[b].end] for a, b in candidate.slots),
            reading.clause_text(candidate.first),
            candidate.rule.code if candidate.fires != candidate.rule.code else "",
        )
    return tuple(sorted(best.values(), key=lambda s: (s.start, s.code)))


def find_signals(text: str) -> tuple[Signal, ...]:
    """Every rule the text raises, once per rule (its first match), in text order.
    Remembered per text: an answer is analysed once however often its card is scored."""
    return _analyse(text)


BASELINE = 0.35


def text_score(signals: tuple[Signal, ...] | list[Signal]) -> float:
    """0 to 1: a neutral baseline, plus green weights, minus red weights (without the
    question's own evidence: see `answers.answer_value` for what a card uses)."""
    score = BASELINE
    for signal in signals:
        score += signal.weight if signal.polarity == GREEN else -signal.weight
    return max(0.0, min(1.0, score))
