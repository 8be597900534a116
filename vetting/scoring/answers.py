"""What a long answer earns: the question's own evidence, its text signals, and nothing for
words repeated from another answer. Pure Python, no Django; every part is explained.

Each question asks for something of its own (DOMAIN.md's five criteria):
- the greatest accomplishment: **a result** and **how it was achieved** (and who took part);
- media vs marketing: **the distinction** and **what it means for this buyer**;
- first steps: **the steps** and **who does them**;
- business background: **the roles** held and **what they were responsible for**.

An answer's value (0 to 1) is

    0.15 + 0.40 * E * N + min(sum of green weights, 0.30) * (0.4 + 0.6 * E) * N - sum of red

where E is the share of the question's evidence found and N the share of the answer that
is its own: not repeated from an earlier answer, and not found in another consultant's
earlier answer or in known boilerplate (`vetting/scoring/copies.py`); N = 1 - the larger of
the two shares, so a passage repeated and copied is discounted once. Recited values (green
signals) are worth less without the question's evidence; a red recommendation caps the
answer at 0.30 whatever values surround it; and an answer without the evidence the
question exists for (no result for an accomplishment, no distinction drawn) is capped at
0.35.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from vetting.scoring.language import lemma
from vetting.scoring.said import (
    Said,
    gettext_noop,
    join,
    num,
    pgettext_noop,
    say,
    specs,
    word,
)
from vetting.scoring.text_signals import GREEN, RED, Signal, find_signals

BASE = 0.15
EVIDENCE_POINTS = 0.40
GREEN_CAP = 0.30
RED_CAP = 0.30  # an answer that recommends a warning sign is worth at most this
MISSING_CAP = 0.35  # ... and one without the evidence its question exists for
REPEAT_MIN = 0.15  # below this, shared phrasing is coincidence ("in the first two weeks")
REPEAT_FLAG = 0.30  # share of an answer repeated from another that raises a flag
SHINGLE = 5  # words per shingle when comparing answers
WORDS = re.compile(r"[^\W_]+")
AMOUNT = re.compile(r"\d\s?%|[£$€]\s?\d|\d\s?(?:percent|per cent)", re.IGNORECASE)

# The questions whose text is scored, in the order they are asked (a repeat counts against
# the later answer), with the names a buyer reads.
QUESTION_LABELS = {
    "business_background": pgettext_noop("scored question", "business background"),
    "greatest_accomplishment": pgettext_noop("scored question", "greatest accomplishment"),
    "media_vs_marketing": pgettext_noop("scored question", "media vs marketing"),
    "first_steps": pgettext_noop("scored question", "first steps"),
}
TEXT_QUESTIONS = tuple(QUESTION_LABELS)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_WORDS = _words(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion dozen double triple doubled tripled
    quadrupled halve halved quarter third half twice threefold tenfold"""
)
RESULTS = _words(
    """revenue lead leads sale sales order orders booking bookings signup signups sign-up
    demo demos enquiry enquiries inquiry inquiries donor donors donation donations
    subscriber subscribers list database contact contacts coverage article articles
    press customer customers member members registration registrations appointment
    appointments reservation reservations pipeline conversion conversions retention
    churn profit margin turnover grow grew increase rise rose jump climb lift boost win
    won secure save cut reduce halve recover award result income footfall visit visits
    deal deals contract contracts cost rating ranking up down trial trials"""
)
ACTIONS = _words(
    """interview listen ask map research survey test pilot plan build write publish host
    run train coach invite answer reply partner recruit hire launch create measure track
    redesign rewrite segment target email call meet organise organize film share read
    analyse analyze set change replace persuade convince introduce negotiate fix
    apologise apologize teach design start stop focus move bring agree review study
    learn report pitch"""
)
PEOPLE = _words(
    """team staff colleague colleagues engineer engineers customer customers client clients
    partner partners volunteer volunteers manager managers founder founders ceo director
    journalist journalists editor editors member members employee employees agent agents
    rep reps nurse nurses baker bakers chef barista owner owners sales support service
    people expert experts specialist specialists designer designers"""
)
MEDIA_SIDE = _words(
    """media platform platforms network networks channel channels tool tools app apps phone
    place pipe pipes feed feeds"""
)
MARKETING_SIDE = _words(
    """marketing market sell selling business promote customer customers message value"""
)
CONNECTORS = _words(
    """is are means mean difference different whereas while but not versus vs rather unlike
    distinction"""
)
BUYER = _words(
    """market customer customers buyer buyers brief goal goals business launch audience
    sector product products brand company firm shop restaurant clinic bank store clients
    members patients guests donors pipeline sales revenue growth industry category
    region team people plan target targets timing season"""
)
SEQUENCE = _words(
    """first second third then next after afterwards week weeks month months day days phase
    step steps stage finally start begin initially later once before by"""
)
POSSESSIVE = frozenset({"your", "our", "my", "own", "in-house", "internal"})
FUNCTIONS = _words(
    """marketing pr sales service care support retail hospitality journalism journalist
    advertising communications comms business account brand finance operations
    e-commerce ecommerce restaurant shop store agency consultancy press"""
)
ROLES = _words(
    """manager director head lead owner founder co-founder executive officer rep agent
    assistant coordinator partner"""
)
RESPONSIBILITY = _words(
    """responsible accountable budget budgets p&l profit loss revenue target targets quota
    reported report payroll headcount suppliers managed led ran owned founded hired
    responsibility"""
)


@dataclass(frozen=True)
class Evidence:
    key: str
    label: str  # what the question asks for, in a buyer's words
    found: bool
    words: str = ""  # the words that showed it


@dataclass(frozen=True)
class AnswerReading:
    question: str
    value: float
    signals: tuple[Signal, ...]
    evidence: tuple[Evidence, ...]
    repeated: float = 0.0  # share of the answer repeated from an earlier one
    repeated_from: str = ""
    capped: str = ""  # why the value was capped, if it was (`said.Said`)
    explanation: str = ""  # (`said.Said`)
    copied: float = 0.0  # share of the answer found in another consultant's or boilerplate
    copied_from: str = ""  # where, in a buyer's words (no name, no round, no words of it)

    def as_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "value": self.value,
            "evidence": [
                {"key": e.key, "label": e.label, "found": e.found, "words": e.words}
                for e in self.evidence
            ],
            "repeated": self.repeated,
            "repeated_from": self.repeated_from,
            "capped": self.capped,
            "explanation": self.explanation,
            # Only on readings with a match (the others' cards stay as they were).
            **({"copied": self.copied, "copied_from": self.copied_from} if self.copied else {}),
            # What they say, for the reader's language (`said`).
            **specs({"capped": self.capped, "explanation": self.explanation}),
        }


# --- Evidence per question ------------------------------------------------------------------


class _Word(NamedTuple):
    text: str  # lower-cased
    lemma: str
    start: int
    end: int
    sentence: int


WORD_OR_STOP = re.compile(r"([^\W_]+(?:['’&][^\W_]+)*)|([.!?;\n])")


class _Words:
    """The answer's words by sentence, for the evidence checks (a light reading: no
    clauses or scope, which the evidence does not need)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[_Word] = []
        sentence = 0
        for match in WORD_OR_STOP.finditer(text):
            word = match.group(1)
            if word is None:
                sentence += 1
                continue
            lower = word.lower()
            self.tokens.append(_Word(lower, lemma(lower), match.start(), match.end(), sentence))
        self.sentences: dict[int, list[_Word]] = {}
        for token in self.tokens:
            self.sentences.setdefault(token.sentence, []).append(token)

    def first(self, found: list) -> str:
        if not found:
            return ""
        first, last = found[0], found[-1]
        return self.text[first.start : last.end][:120]

    def having(self, *sets: frozenset[str]) -> list:
        """The first sentence with a word of every set (its matching words), or []."""
        for words in self.sentences.values():
            matched = []
            for wanted in sets:
                hit = next((t for t in words if _is(t, wanted)), None)
                if hit is None:
                    break
                matched.append(hit)
            else:
                return sorted(matched, key=lambda t: t.start)
        return []


def _is(token: object, words: frozenset[str]) -> bool:
    return token.lemma in words or token.text in words  # type: ignore[attr-defined]


def _number(token: object) -> bool:
    text = token.text  # type: ignore[attr-defined]
    return text[:1].isdigit() or text in NUMBER_WORDS


# How many words apart a number and what it counts may stand ("sign-ups were up 38%").
RESULT_REACH = 4


def _result(words: _Words) -> Evidence:
    """A number with what it counts ("sign-ups up 38%", "1,200 new contacts", "£310k of
    orders"): a number within a few words of a result word, or a percentage or an amount.
    A number and a result word far apart in a sentence measure nothing ("we trained four
    product marketers ..., with legal agreeing the rules up front")."""
    amounts: list = []
    for sentence in words.sentences.values():
        numbers = [k for k, t in enumerate(sentence) if _number(t)]
        if not numbers:
            continue
        results = [k for k, t in enumerate(sentence) if _is(t, RESULTS)]
        pairs = [(n, r) for n in numbers for r in results if abs(n - r) <= RESULT_REACH]
        # "by month twelve trial sign-ups were up 38%": the amount is the measure
        pairs.sort(key=lambda pair: not _amount(words.text, sentence[pair[0]]))
        if pairs:
            n, r = pairs[0]
            found = [sentence[min(n, r)], sentence[max(n, r)]]
            quote = words.first(found)
            if r < n and _amount(words.text, sentence[n]):
                quote = words.text[found[0].start : _amount(words.text, sentence[n])][:120]
            return Evidence("result", gettext_noop("a result, measured"), True, quote)
        if not amounts:
            amounts = [t for t in sentence if _amount(words.text, t)][:1]
    if amounts:
        end = _amount(words.text, amounts[0])
        quote = words.text[amounts[0].start : end]
        return Evidence("result", gettext_noop("a result, measured"), True, quote)
    return Evidence("result", gettext_noop("a result, measured"), False)


def _amount(text: str, token: object) -> int:
    """Where the amount a number token stands in ends ("38%", "£310k", "14 percent"), or 0
    if it is no percentage or sum of money."""
    start, end = token.start, token.end  # type: ignore[attr-defined]
    for found in AMOUNT.finditer(text, max(0, start - 2), min(len(text), end + 9)):
        if found.start() < end and found.end() > start:
            return max(found.end(), end)
    return 0


def _method(words: _Words) -> Evidence:
    actions = {t.lemma: t for t in words.tokens if t.lemma in ACTIONS}
    by_doing = [
        (a, b)
        for a, b in zip(words.tokens, words.tokens[1:], strict=False)
        if a.text == "by" and b.text.endswith("ing")
    ]
    if len(actions) >= 3 or by_doing:
        shown = by_doing[0] if by_doing else sorted(actions.values(), key=lambda t: t.start)[:3]
        text = (
            words.first(list(shown))
            if by_doing
            else ", ".join(words.text[t.start : t.end] for t in shown)
        )
        return Evidence("method", gettext_noop("how it was done"), True, text)
    return Evidence("method", gettext_noop("how it was done"), False)


def _who(words: _Words, label: str) -> Evidence:
    found = [t for t in words.tokens if t.lemma in PEOPLE or t.text in PEOPLE]
    if found:
        return Evidence("people", label, True, words.text[found[0].start : found[0].end])
    return Evidence("people", label, False)


def _distinction(words: _Words) -> Evidence:
    found = words.having(MEDIA_SIDE, MARKETING_SIDE, CONNECTORS)
    if not found:
        # The two sides may be drawn in two sentences ("Social media is the network.
        # Social marketing is ...").
        media = next((t for t in words.tokens if t.lemma in MEDIA_SIDE), None)
        marketing = next((t for t in words.tokens if t.text == "marketing"), None)
        found = [media, marketing] if media and marketing and media is not marketing else []
    label = gettext_noop("the distinction between social media and social marketing")
    return Evidence("distinction", label, bool(found), words.first(found) if found else "")


def _for_buyer(words: _Words) -> Evidence:
    found = words.having(frozenset({"you", "your"}), BUYER)
    return Evidence(
        "buyer",
        gettext_noop("what it means for this buyer"),
        bool(found),
        words.first(found) if found else "",
    )


def _steps(words: _Words) -> Evidence:
    markers = {t.text: t for t in words.tokens if t.text in SEQUENCE}
    found = len(markers) >= 2
    shown = sorted(markers.values(), key=lambda t: t.start)[:3]
    return Evidence(
        "steps",
        gettext_noop("the steps, in order"),
        found,
        ", ".join(words.text[t.start : t.end] for t in shown) if found else "",
    )


def _who_does_it(words: _Words) -> Evidence:
    for a, b in zip(words.tokens, words.tokens[1:], strict=False):
        if a.text in POSSESSIVE and (b.lemma in PEOPLE or b.text in PEOPLE):
            return Evidence(
                "who", gettext_noop("who does the work"), True, words.text[a.start : b.end]
            )
    return Evidence("who", gettext_noop("who does the work"), False)


def _roles(words: _Words) -> Evidence:
    found = [t for t in words.tokens if t.text in FUNCTIONS or t.text in ROLES]
    # "social media marketing" is the platforms, not a business function beyond them.
    found = [t for t in found if not _after_social_media(words, t)]
    if found:
        return Evidence(
            "roles",
            gettext_noop("roles beyond the platforms"),
            True,
            ", ".join(dict.fromkeys(words.text[t.start : t.end] for t in found[:3])),
        )
    return Evidence("roles", gettext_noop("roles beyond the platforms"), False)


def _after_social_media(words: _Words, token: _Word) -> bool:
    index = words.tokens.index(token)
    return [t.text for t in words.tokens[max(0, index - 2) : index]] == ["social", "media"]


def _responsibility(words: _Words) -> Evidence:
    found = [t for t in words.tokens if t.text in RESPONSIBILITY or t.lemma in RESPONSIBILITY]
    years = words.having(frozenset({"year", "years"}), frozenset(NUMBER_WORDS))
    if not years:
        years = [
            t
            for a, t in zip(words.tokens, words.tokens[1:], strict=False)
            if t.lemma == "year" and a.text[:1].isdigit()
        ]
    if found or years:
        shown = found[0] if found else years[0]
        return Evidence(
            "responsibility",
            gettext_noop("what they were responsible for"),
            True,
            words.text[shown.start : shown.end],
        )
    return Evidence("responsibility", gettext_noop("what they were responsible for"), False)


# question -> (evidence checks, the one it cannot do without)
CHECKS = {
    "greatest_accomplishment": (
        (_result, _method, lambda w: _who(w, gettext_noop("who took part"))),
        "result",
    ),
    "media_vs_marketing": ((_distinction, _for_buyer), "distinction"),
    "first_steps": ((_steps, _who_does_it), "steps"),
    "business_background": ((_roles, _responsibility), "roles"),
}


@lru_cache(maxsize=8192)
def evidence_of(question: str, text: str) -> tuple[Evidence, ...]:
    """The evidence the question asks for, found or not (remembered per answer)."""
    checks, _ = CHECKS.get(question, ((), ""))
    if not checks:
        return ()
    words = _Words(text)
    return tuple(check(words) for check in checks)


class TextReading(NamedTuple):
    """What reading one answer finds: its text signals and its question's evidence (the
    costly part of scoring it; `readings` stores it as JSON)."""

    signals: tuple[Signal, ...]
    evidence: tuple[Evidence, ...]


# Readings stored earlier and handed back (`readings.readings_remember`), keyed by
# (question, text): used instead of reading the text again.
REMEMBERED: dict[tuple[str, str], TextReading] = {}


def text_read(question: str, text: str) -> TextReading:
    """The answer's reading: remembered if it was handed back, else read (and cached)."""
    found = REMEMBERED.get((question, text))
    if found is None:
        found = TextReading(find_signals(text), evidence_of(question, text))
    return found


def scored_texts(texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The answers that are read and scored, as (question, text), in the order asked."""
    found = []
    for question in TEXT_QUESTIONS:
        text = texts.get(question, "")
        if text.strip():
            found.append((question, text))
    return found


# --- Repetition -------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The answer's runs of five words (lower-cased): what copying carries over."""
    words = WORDS.findall(text.lower())
    return frozenset(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


def repeated_share(text: str, earlier: Mapping[str, str]) -> tuple[float, str]:
    """How much of `text` repeats one earlier answer, and which (the largest overlap)."""
    own = shingles(text)
    if not own:
        return 0.0, ""
    best, source = 0.0, ""
    for key, other in earlier.items():
        share = len(own & shingles(other)) / len(own)
        if share > best:
            best, source = share, key
    return best, source


# --- Value ----------------------------------------------------------------------------------


def answer_value(
    question: str,
    text: str,
    *,
    repeated: float = 0.0,
    repeated_from: str = "",
    copied: float = 0.0,
    copied_from: str = "",
) -> AnswerReading:
    """One answer's value, 0 to 1, with its explanation."""
    signals, evidence = text_read(question, text)
    share = sum(e.found for e in evidence) / len(evidence) if evidence else 1.0
    own = 1.0 - max(repeated, copied)
    green = min(sum(s.weight for s in signals if s.polarity == GREEN), GREEN_CAP)
    red = sum(s.weight for s in signals if s.polarity == RED)
    value = BASE + EVIDENCE_POINTS * share * own + green * (0.4 + 0.6 * share) * own - red
    capped = ""
    _, required = CHECKS.get(question, ((), ""))
    missing = [e for e in evidence if e.key == required and not e.found]
    if red and value > RED_CAP:
        value, capped = RED_CAP, RED_CAPPED
    elif missing and value > MISSING_CAP:
        value = MISSING_CAP
        capped = say(
            gettext_noop("capped at %(cap)s: it does not give %(missing)s"),
            cap=num(MISSING_CAP),
            missing=word(missing[0].label),
        )
    value = max(0.0, min(1.0, value))
    explanation = _explain(
        question, share, evidence, green, red, signals, repeated, repeated_from, value
    )
    if copied > repeated:  # the copy is the discount applied (the larger of the two shares)
        explanation = _explain(
            question, share, evidence, green, red, signals, copied, copied_from, value, copy=True
        )
    return AnswerReading(
        question,
        value,
        signals,
        evidence,
        repeated,
        repeated_from,
        capped,
        explanation,
        copied,
        copied_from,
    )


# An answer capped for recommending a warning sign (the same words for every answer).
RED_CAPPED = say(
    gettext_noop(
        "capped at %(cap)s: a warning sign is recommended, and values recited around it do not "
        "buy it back"
    ),
    cap=num(RED_CAP),
)


def _explain(
    question: str,
    share: float,
    evidence: tuple[Evidence, ...],
    green: float,
    red: float,
    signals: tuple[Signal, ...],
    repeated: float,
    repeated_from: str,
    value: float,
    *,
    copy: bool = False,
) -> Said:
    parts: list[str] = [
        say(gettext_noop("%(question)s: %(base)s"), question=question, base=num(BASE))
    ]
    if evidence:
        found = [word(e.label) for e in evidence if e.found]
        values = {
            "found": num(sum(e.found for e in evidence), "d"),
            "asked": num(len(evidence), "d"),
            "points": num(EVIDENCE_POINTS),
        }
        parts.append(
            say(
                gettext_noop("+ evidence %(found)s/%(asked)s (%(labels)s) × %(points)s"),
                labels=join("; ", found),
                **values,
            )
            if found
            else say(gettext_noop("+ evidence %(found)s/%(asked)s × %(points)s"), **values)
        )
    greens = [s.code for s in signals if s.polarity == GREEN]
    reds = [s.code for s in signals if s.polarity == RED]
    if greens:
        parts.append(
            say(
                gettext_noop("+ green %(codes)s (%(green)s) × %(factor)s for the evidence"),
                codes=", ".join(greens),
                green=num(green),
                factor=num(0.4 + 0.6 * share),
            )
        )
    if copy:
        parts.append(
            say(
                gettext_noop("× %(factor)s (%(share)s %(where)s)"),
                factor=num(1 - repeated),
                share=num(repeated, ".0%"),
                where=repeated_from,
            )
        )
    elif repeated:
        parts.append(
            say(
                gettext_noop("× %(factor)s (%(share)s repeats the answer to %(question)s)"),
                factor=num(1 - repeated),
                share=num(repeated, ".0%"),
                question=repeated_from,
            )
        )
    if reds:
        parts.append(
            say(gettext_noop("− red %(codes)s (%(red)s)"), codes=", ".join(reds), red=num(red))
        )
    return say(gettext_noop("%(parts)s = %(value)s"), parts=join(" ", parts), value=num(value))


def read_answers(
    texts: Mapping[str, str], copied: Mapping[str, tuple[float, str]] | None = None
) -> dict[str, AnswerReading]:
    """Every scored answer of one submission, repeats counted against the later answer;
    `copied`: question -> (share found elsewhere, where, in words) for the answers with a
    match."""
    readings: dict[str, AnswerReading] = {}
    earlier: dict[str, str] = {}
    copied = copied or {}
    for question, text in scored_texts(texts):
        repeated, source = repeated_share(text, earlier)
        if repeated < REPEAT_MIN:
            repeated, source = 0.0, ""
        share, where = copied.get(question, (0.0, ""))
        readings[question] = answer_value(
            question,
            text,
            repeated=repeated,
            repeated_from=source,
            copied=share,
            copied_from=where,
        )
        earlier[question] = text
    return readings
