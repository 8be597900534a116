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
from vetting.scoring.language import (
    AUXILIARIES,
    DISMISSALS,
    MARK,
    POSTPONE,
    WORD,
    Reading,
    Token,
)
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
# declining it): "no time for surveys", "research isn't part of our process", "asking them
# is a waste", "we launch without research". ("Without a target market it's a shot in the
# dark" argues for the market: `language` does not count that "without".)
REFUSALS = frozenset(
    """not never no none nor neither nothing skip avoid forget stop cancel scrap ditch
    without""".split()
)
REFUSING_CONTRASTS = frozenset({"instead", "rather", "need", "time", "point", "over", "than"})
FIRST_PERSON_BEFORE = frozenset({"our", "my"})
FIRST_PERSON_SUBJECTS = frozenset({"we", "i"})
# Concepts whose phrases hold their words for themselves ("social media manager" is a job,
# not "marketing" or a "manager"); NEUTRAL holds them for nothing.
EXCLUSIVE = frozenset({NEUTRAL, "SOCIAL_ROLE"})
CATALOGUE_ITEMS = 7  # a list naming this many services or channels offers everything
CATALOGUE_KNOWN = 5  # ... of which at least this many are known services or channels
SEPARATORS = frozenset({",", "/", "&", "and", "or", "plus"})


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
    phrases: tuple[tuple[str, ...], ...] = ()  # hyphenated literals: "in-house", "five-star"
    exact: frozenset[str] = frozenset()  # "=done": that form only, not "do"


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
    concepts, literals, phrases, exact = set(), set(), [], set()
    for alternative in part.split("|"):
        if alternative.startswith("="):
            exact.add(alternative[1:])
            continue
        if ELEMENT.match(alternative):
            if alternative not in ("NUM", "NEG") and alternative not in CONCEPTS:
                raise ValueError(f"unknown concept {alternative}")
            concepts.add(alternative)
            continue
        lemmas = _entry_lemmas(alternative.replace("-", " "))
        if len(lemmas) > 1:
            phrases.append(lemmas)
        else:
            literals.add(" ".join(lemmas))
            literals.add(alternative)
    return Element(
        frozenset(concepts), frozenset(literals), gap, tuple(phrases), frozenset(exact)
    )


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
    for _literal in _first.literals | _first.exact | {p[0] for p in _first.phrases}:
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
        # Tokens held by an exclusive phrase, or negated contractions ("don't" is not "do").
        self.blocked: set[int] = set()
        for i, token in enumerate(tokens):
            if i in self.blocked:
                continue
            found = self.at[i]
            for lemmas, concept in MULTI.get(token.lemma, ()):
                n = len(lemmas)
                if tuple(t.lemma for t in tokens[i : i + n]) == lemmas:
                    if concept in EXCLUSIVE:
                        self.blocked.update(range(i, i + n))
                        found.clear()
                        if concept != NEUTRAL:
                            found[concept] = i + n - 1
                        break
                    if concept not in found:
                        found[concept] = i + n - 1
            if token.negator and token.lemma in AUXILIARIES:
                found["NEG"] = i
                self.blocked.add(i)
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
        found = self.at[j]
        best = None
        for concept in element.concepts:
            end = found.get(concept)
            if end is not None and (best is None or end > best):
                best = end
        tokens = self.reading.tokens
        token = tokens[j]
        if best is None and j not in self.blocked:
            if (
                token.lemma in element.literals
                or token.text in element.literals
                or token.text in element.exact
            ):
                best = j
            for phrase in element.phrases:
                n = len(phrase)
                if tuple(t.lemma for t in tokens[j : j + n]) == phrase:
                    best = j + n - 1
        return best


@dataclass(slots=True)
class Candidate:
    rule: Rule
    first: int
    last: int
    slots: tuple[tuple[int, int], ...]
    size: int  # number of elements: more is more specific
    negative: bool = False  # the pattern itself has a negator ("we don't offer ads")
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
                if pattern.rule.own_subject and tokens[j].text in FIRST_PERSON_SUBJECTS:
                    break
            j += 1
        if found is None:
            return None
        slots.append((j, found))
        end = found
    negative = any("NEG" in e.concepts for e in pattern.elements)
    return Candidate(pattern.rule, i, end, tuple(slots), len(pattern.elements), negative=negative)


def _candidates(hits: Hits) -> list[Candidate]:
    """Every match of every pattern; of the matches of one pattern that end on the same
    token, the shortest (a match does not reach back over words it does not need)."""
    best: dict[tuple[int, int], Candidate] = {}
    tokens = hits.reading.tokens
    for i, token in enumerate(tokens):
        concepts = hits.at[i]
        if not concepts and token.lemma not in BY_LITERAL and token.text not in BY_LITERAL:
            continue
        tried: set[int] = set()
        patterns = [p for concept in concepts for p in BY_CONCEPT.get(concept, ())]
        patterns += [p for key in (token.lemma, token.text) for p in BY_LITERAL.get(key, ())]
        for pattern in patterns:
            if id(pattern) in tried:
                continue
            tried.add(id(pattern))
            match = _match(pattern, hits, i)
            if match is not None:
                best[(id(pattern), match.last)] = match  # a later start replaces an earlier
    found = list(best.values())
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
            if concept in concepts and hits.reading.contrasted(i) is None:
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
        separators = sum(1 for t in reading.tokens[start : end + 1] if t.text in SEPARATORS)
        if separators + 1 >= CATALOGUE_ITEMS and len(items) >= CATALOGUE_KNOWN:
            found.append(Candidate(rule, start, end, ((start, end),), 4))
    return found


def _judge(candidate: Candidate, hits: Hits) -> None:
    """Set the candidate's status (does it count, and as which rule?)."""
    reading = hits.reading
    rule = candidate.rule
    first, last = candidate.first, candidate.last
    candidate.fires = rule.code
    tokens = reading.tokens
    # The match's own words, and a negator inside a relative clause it skips ("who aren't
    # buying" still names who buys), are not its negation.
    own = frozenset(i for a, b in candidate.slots for i in range(a, b + 1)) | frozenset(
        i
        for i in range(first + 1, last)
        if tokens[i].negator
        and (candidate.negative or tokens[i - 1].text in {"who", "that", "which"})
    )
    span = reading.in_list(first, last)
    if reading.is_sarcastic(first):
        candidate.status = "sarcasm"
    elif reading.is_mention(first):
        candidate.status = "mention"
        if rule.inverse and reading.is_waved_away(first):
            candidate.fires = rule.inverse
    elif reading.of_others(first):
        candidate.status = "others"
    elif reading.is_reversed(first):
        candidate.status = "reversed"
        if rule.inverse:
            candidate.fires = rule.inverse
    elif (contrast := reading.contrasted(first)) is not None:
        candidate.status = "contrasted"
        if rule.inverse and REFUSING_CONTRASTS.intersection(contrast):
            candidate.fires = rule.inverse
    elif (negator := reading.negation(first, last, own)) is not None:
        candidate.status = "negated"
        if rule.inverse and _refusal(tokens[negator]):
            candidate.fires = rule.inverse
    elif rule.polarity == GREEN and span and not _list_ok(rule, hits, candidate, span):
        candidate.status = "listed"
    elif rule.not_after_first_person and any(
        a > 0 and tokens[a - 1].text in FIRST_PERSON_BEFORE for a, _ in candidate.slots
    ):
        candidate.status = "theirs"
    elif rule.polarity == RED and reading.is_backstory(first):
        candidate.status = "backstory"
    elif rule.code in UNLESS and _unless(rule, hits, first):
        candidate.status = "unless"
    if candidate.fires != rule.code:
        candidate.status = "counts"  # a refused sign of the real thing: the inverse counts


def _refusal(token: Token) -> bool:
    """Does this negator decline what it negates ("no", "skip", "isn't", "a waste")?"""
    return (
        token.text in REFUSALS
        or (token.negator and token.lemma in AUXILIARIES)
        or token.lemma in DISMISSALS
        or token.text in DISMISSALS
        or token.text in POSTPONE
    )


def _list_ok(rule: Rule, hits: Hits, candidate: Candidate, span: tuple[int, int]) -> bool:
    """A sign inside a list counts when it is a whole act within one item ("owning
    mistakes, disclosing sponsorships, ...") or when the sentence before the list says what
    the list is ("I ran sales, PR and service"; "Who we'd want involved: marketing, ...")."""
    reading = hits.reading
    tokens = reading.tokens
    if len(candidate.slots) >= 2 and candidate.first >= span[0]:
        inside = tokens[candidate.first : candidate.last + 1]
        if not any(t.text in SEPARATORS for t in inside):
            return True
    sentence = tokens[span[0]].sentence
    start = span[0]
    while start > 0 and tokens[start - 1].sentence == sentence:
        start -= 1
    return any(
        concept in hits.at[i] for i in range(start, span[0]) for concept in rule.list_ok
    )


def _unless(rule: Rule, hits: Hits, first: int) -> bool:
    """Does the sentence say what takes the sign back ("once we know your audience, a
    LinkedIn campaign"; "a LinkedIn campaign might come later, once we know who buys")?"""
    tokens = hits.reading.tokens
    sentence = tokens[first].sentence
    clauses = hits.reading.sentences[sentence]
    for pattern in UNLESS[rule.code]:
        for i in range(clauses[0].first, clauses[-1].last + 1):
            if i != first and _match(pattern, hits, i) is not None:
                return True
    return False


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """One phrase, one rule: the most specific candidate takes the words it matched (the
    words its gaps skip stay free: "a Facebook giveaway campaign" is a platform campaign and
    a giveaway)."""
    taken: set[int] = set()
    spans: dict[str, set[int]] = {GREEN: set(), RED: set()}  # ... and a sign's whole span
    held: dict[str, set[int]] = {GREEN: set(), RED: set()}  # ... stays the other side's
    kept = []
    for candidate in sorted(
        candidates, key=lambda c: (-c.size, -(c.last - c.first), c.first, c.rule.code)
    ):
        polarity = RULES_BY_CODE[candidate.fires or candidate.rule.code].polarity
        other = RED if polarity == GREEN else GREEN
        words = {i for a, b in candidate.slots for i in range(a, b + 1)}
        span = set(range(candidate.first, candidate.last + 1))
        if words & taken or words & spans[other] or span & held[other]:
            continue
        taken |= words
        spans[polarity] |= span
        held[polarity] |= words
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
