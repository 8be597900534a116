"""The small pattern language of `text_rules` compiled over the concepts of `lexicon`, and
the one lexicon pass that finds, for each word of an answer, the concepts that start there
(phrases by their first word, like a token-level Aho-Corasick automaton), so that only the
patterns starting with a concept found there are tried. `text_signals` judges what matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vetting.scoring import language
from vetting.scoring.language import MARK, WORD, Reading, Token
from vetting.scoring.lexicon import AUXILIARIES, CONCEPTS, NEUTRAL, NUMBER_WORDS
from vetting.scoring.text_rules import RULES, Rule

CURRENCY = frozenset({"£", "$", "€"})
DURATIONS = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "decade", "season", "quarter"}
)
# Concepts whose phrases hold their words for themselves ("social media manager" is a job,
# not "marketing" or a "manager"); NEUTRAL holds them for nothing.
EXCLUSIVE = frozenset({NEUTRAL, "SOCIAL_ROLE", "GROWTH_SERVICE", "SILOS"})
FIRST_PERSON_SUBJECTS = frozenset({"we", "i"})
POSSESSIVES = frozenset({"your", "our", "my", "their", "its", "his", "her", "the", "whose"})
POSSESSIVES_AND_ARTICLES = POSSESSIVES | {"a", "an", "short", "simple", "quick"}
NOUN_OWN = frozenset({"own", "answer", "response", "show"})
DISCOURSE = frozenset({"honestly", "frankly", "candidly", "truthfully", "openly"})
# A consultant may be an agency or one person: "we", "our", "us" in a rule or a phrase of
# the lexicon also stand for "I", "my", "me" ("not on our menu" / "not on my menu").
SINGULAR = {"we": "i", "us": "me", "our": "my", "ours": "mine"}


# The concepts whose phrases say "we" or "our" of the speaker ("not on our menu").
FIRST_PERSON_CONCEPTS = frozenset(
    {"SCOPE_WORD", "ALL_IN_ONE", "ON_BEHALF", "KNOW_ALREADY", "SAME_FOR_ALL", "ONLY_NEWS"}
)


def _singular(text: str) -> str:
    return " ".join(SINGULAR.get(word, word) for word in text.split(" "))


TURNS = frozenset({"but", "however", "whereas", "although", "though"})


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

    @property
    def needs(self) -> tuple[frozenset[str], ...]:
        """What each element needs to find in a text (a concept, a lemma or a form)."""
        return tuple(
            e.concepts | e.literals | e.exact | {p[0] for p in e.phrases} for e in self.elements
        )


ELEMENT = re.compile(r"^[A-Z_]+$")


def _entry_lemmas(entry: str) -> tuple[str, ...]:
    return tuple(t.lemma for t in language._tokens(entry))


def _negated_at(entry: str) -> tuple[int, ...]:
    """Where a phrase of the lexicon has a negated contraction: "won't need to" reads as
    "will need to" once lemmatised, and must not match it."""
    return tuple(
        k
        for k, t in enumerate(language._tokens(entry))
        if t.negator and t.lemma in AUXILIARIES and t.lemma != "not"
    )


def _base_words() -> set[str]:
    """The words of the lexicon, and the base forms among the rules' literals (an
    inflected literal such as "kpis" or "building" must not become a base form itself)."""
    found: set[str] = set()
    for entries in CONCEPTS.values():
        for entry in entries:
            found.update(entry.lower().replace("-", " ").split())
    literals: set[str] = set()
    for rule in RULES:
        for pattern in (*rule.patterns, *rule.unless, *rule.requires):
            for part in pattern.split():
                if not part.startswith("~"):
                    literals.update(p.lstrip("=") for p in part.split("|") if not ELEMENT.match(p))
    everything = found | literals
    found.update(w for w in literals if not any(c in everything for c in language._candidates(w)))
    return found


language.teach(_base_words())

SINGLE: dict[str, set[str]] = {}  # lemma or surface form -> concepts
NEGATED: dict[tuple[str, ...], tuple[int, ...]] = {}  # phrase -> its negated contractions
MULTI: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first lemma -> (lemmas, concept)
for _name, _entries in CONCEPTS.items():
    for _entry in {
        variant
        for entry in _entries
        for variant in (
            (entry, _singular(entry.lower())) if _name in FIRST_PERSON_CONCEPTS else (entry,)
        )
    }:
        _lemmas = _entry_lemmas(_entry.lower())
        if not _lemmas:
            continue
        _negated = _negated_at(_entry.lower())
        if _negated:
            # ... but its words written out ("will not need to") match it
            NEGATED[_lemmas] = _negated
            _out = list(_lemmas)
            for _k in reversed(_negated):
                _out.insert(_k + 1, "not")
            MULTI.setdefault(_out[0], []).append((tuple(_out), _name))
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
# The same phrases as one table per length, longest first: a word is looked up with one
# slice per length instead of one comparison per phrase.
BY_LENGTH: dict[str, tuple[tuple[int, dict[tuple[str, ...], tuple[str, ...]]], ...]] = {}
for _first_word, _phrases in MULTI.items():
    _tables: dict[int, dict[tuple[str, ...], list[str]]] = {}
    for _lemmas, _name in _phrases:
        _tables.setdefault(len(_lemmas), {}).setdefault(_lemmas, []).append(_name)
    BY_LENGTH[_first_word] = tuple(
        (n, {k: tuple(v) for k, v in table.items()})
        for n, table in sorted(_tables.items(), reverse=True)
    )


def _element(part: str, gap: int) -> Element:
    concepts, literals, phrases, exact = set(), set(), [], set()
    alternatives = part.split("|")
    alternatives += [
        prefix + _singular(a.lstrip("="))
        for a in alternatives
        for prefix in ("=" if a.startswith("=") else "",)
        if not ELEMENT.match(a) and _singular(a.lstrip("=")) != a.lstrip("=")
    ]
    if "we" in alternatives:  # "our team will push ..." says what we will do
        alternatives += ["our-team", "my-team"]
    for alternative in alternatives:
        if alternative.startswith("="):
            exact.add(alternative[1:])
            continue
        if ELEMENT.match(alternative):
            if alternative not in ("NUM", "COUNT", "NEG") and alternative not in CONCEPTS:
                raise ValueError(f"unknown concept {alternative}")
            concepts.add(alternative)
            continue
        lemmas = _entry_lemmas(alternative.replace("-", " "))
        if len(lemmas) > 1:
            phrases.append(lemmas)
        else:
            literals.add(" ".join(lemmas))
            literals.add(alternative)
    return Element(frozenset(concepts), frozenset(literals), gap, tuple(phrases), frozenset(exact))


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
# What the rest of each pattern needs (it is only tried from a word its first element
# found), the most selective first, so that a text without it is told so at once.
NEEDS = {id(pattern): tuple(sorted(pattern.needs[1:], key=len)) for pattern in PATTERNS}
UNLESS = {
    rule.code: tuple(_compile(rule, text) for text in rule.unless) for rule in RULES if rule.unless
}
ALL_NEEDS: dict[int, tuple[frozenset[str], ...]] = {}
REQUIRES = {
    rule.code: tuple(_compile(rule, text) for text in rule.requires)
    for rule in RULES
    if rule.requires
}
for _checks in (*UNLESS.values(), *REQUIRES.values()):
    for _check in _checks:
        ALL_NEEDS[id(_check)] = tuple(sorted(_check.needs, key=len))
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


def _alt_match(tokens: list[Token], i: int, lemmas: tuple[str, ...]) -> bool:
    """The phrase read with the verb behind a noun in -ing ("finding out")."""
    window = tokens[i : i + len(lemmas)]
    return (
        len(window) == len(lemmas)
        and any(t.alt for t in window)
        and all(t.lemma == want or t.alt == want for t, want in zip(window, lemmas, strict=True))
    )


def _duration_or_year(tokens: list[Token], i: int) -> bool:
    """'seven years', '30-minute call', 'in 2019': a number that counts no result."""
    text = tokens[i].text
    if len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}:
        return True
    following = next((t for t in tokens[i + 1 : i + 3] if t.kind == WORD), None)
    return following is not None and following.lemma in DURATIONS


class Hits:
    """Which concepts start at each token, and where they end (one lexicon pass)."""

    __slots__ = ("at", "blocked", "memo", "present", "reading", "viable")

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        tokens = reading.tokens
        all_lemmas = reading.lemmas
        alts = [0]  # how many nouns in -ing with a verb behind them, up to each token
        for t in tokens:
            alts.append(alts[-1] + bool(t.alt))
        self.at: list[dict[str, int]] = [{} for _ in tokens]
        # Tokens held by an exclusive phrase, or negated contractions ("don't" is not "do").
        self.blocked: set[int] = set()
        for i, token in enumerate(tokens):
            if i in self.blocked:
                continue
            found = self.at[i]
            if token.lemma in BY_LENGTH or token.alt:
                self._phrases(i, token, all_lemmas, alts, found)
            if token.negator and token.lemma in AUXILIARIES:
                found["NEG"] = i
                self.blocked.add(i)
            if (
                token.text in DISCOURSE
                and i + 1 < len(tokens)
                and tokens[i + 1].text in {",", ":", "-"}
                and (i == 0 or tokens[i - 1].kind == MARK or tokens[i - 1].text in {"and", "but"})
            ):
                self.blocked.add(i)  # "Honestly, ..." says how, it is no honesty
            if i in self.blocked:
                continue
            # "your own pages" owns nothing, "my answer:" answers no complaint
            possessive_own = (
                token.lemma in NOUN_OWN and i > 0 and tokens[i - 1].text in POSSESSIVES_AND_ARTICLES
            )
            for key in (token.lemma, token.text):
                for concept in SINGLE.get(key, ()):
                    if not (possessive_own and concept == "OWN"):
                        found.setdefault(concept, i)
            number = token.text[:1].isdigit() or token.text in NUMBER_WORDS
            if (token.kind == WORD and number) or (token.kind == MARK and token.text in CURRENCY):
                found.setdefault("NUM", i)
                if not _duration_or_year(tokens, i):
                    found.setdefault("COUNT", i)
            if token.negator:
                found.setdefault("NEG", i)
        # Everything the text offers, so that a pattern missing an element is not tried.
        self.present: set[str] = {key for found in self.at for key in found}
        self.present.update(t.lemma for t in tokens)
        self.present.update(t.text for t in tokens)
        self.viable: dict[int, bool] = {}
        self.memo: dict[tuple[int, int], bool] = {}  # (patterns, sentence) -> found there

    def _phrases(
        self,
        i: int,
        token: Token,
        all_lemmas: list[str],
        alts: list[int],
        found: dict[str, int],
    ) -> None:
        """The phrases of the lexicon that start at token i, longest first."""
        tokens = self.reading.tokens
        for first_word in (token.lemma, token.alt) if token.alt else (token.lemma,):
            for n, table in BY_LENGTH.get(first_word, ()):
                key = tuple(all_lemmas[i : i + n])
                concepts = table.get(key)
                if (
                    concepts is not None
                    and key in NEGATED
                    and not all(tokens[i + k].negator for k in NEGATED[key])
                ):
                    concepts = None  # "will need to" is not "won't need to"
                if concepts is None and alts[min(i + n, len(tokens))] > alts[i]:
                    concepts = next(
                        (c for lemmas, c in table.items() if _alt_match(tokens, i, lemmas)), None
                    )
                for concept in concepts or ():
                    if concept in EXCLUSIVE:
                        self.blocked.update(range(i, i + n))
                        found.clear()
                        if concept != NEUTRAL:
                            found[concept] = i + n - 1
                        return
                    if concept not in found:
                        found[concept] = i + n - 1

    def can_match(self, pattern: Pattern) -> bool:
        key = id(pattern)
        viable = self.viable.get(key)
        if viable is None:
            present = self.present
            viable = True
            for need in NEEDS[key]:
                if need.isdisjoint(present):
                    viable = False
                    break
            self.viable[key] = viable
        return viable

    def has_all(self, pattern: Pattern) -> bool:
        """Does the text have something for every element of the pattern?"""
        present = self.present
        return all(not need.isdisjoint(present) for need in ALL_NEEDS[id(pattern)])

    def end(self, element: Element, j: int) -> int | None:
        """The last token of `element` when it starts at token j (None: it does not)."""
        found = self.at[j]
        best = None
        if found:
            for concept in element.concepts:
                end = found.get(concept)
                if end is not None and (best is None or end > best):
                    best = end
        if best is None and j not in self.blocked:
            tokens = self.reading.tokens
            token = tokens[j]
            literals = element.literals
            if token.lemma in literals or token.text in literals or token.text in element.exact:
                best = j
            if element.phrases:
                lemmas = self.reading.lemmas
                for phrase in element.phrases:
                    n = len(phrase)
                    if tuple(lemmas[j : j + n]) == phrase:
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
    counted: bool = False  # a catalogue counted, not a phrase matched (`text_signals`)


def match(pattern: Pattern, hits: Hits, i: int) -> Candidate | None:
    tokens = hits.reading.tokens
    sentence = tokens[i].sentence
    end = hits.end(pattern.elements[0], i)
    if end is None:
        return None
    slots = [(i, end)]
    count = len(tokens)
    hit = hits.end
    own_subject = pattern.rule.own_subject
    for element in pattern.elements[1:]:
        j, skipped, found = end + 1, 0, None
        gap = element.gap
        while j < count:
            token = tokens[j]
            if token.sentence != sentence:
                break
            found = hit(element, j)
            if found is not None:
                break
            if token.kind == WORD:
                skipped += 1
                if skipped > gap or token.text in TURNS:
                    break  # a gap does not reach over "but": what follows turns from it
                if own_subject and token.text in FIRST_PERSON_SUBJECTS:
                    break
            elif gap == 0 and token.text == ",":
                break  # words written together are not split by a comma ("customers, fleet")
            j += 1
        if found is None:
            return None
        slots.append((j, found))
        end = found
    negative = any("NEG" in e.concepts for e in pattern.elements)
    return Candidate(pattern.rule, i, end, tuple(slots), len(pattern.elements), negative=negative)
