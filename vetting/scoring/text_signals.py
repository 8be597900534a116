"""Explainable text signals: phrase rules drawn from the domain brief, with negation and
contrast handled, each match citing the span of text that raised it. No black box.

A rule is a list of regular expressions. A match counts unless it is negated: a negator
("not", "never", "no", "don't", "won't", "avoid", "without", ...) shortly before it in the
same clause, or a contrast ("rather than", "instead of") before it in the same clause.
"A relationship, not a campaign" is therefore green (relationship) and not red (campaign);
"we never buy followers" raises nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

GREEN, RED = "green", "red"

# How far back (in words, within the clause) a negator reaches.
NEGATION_WINDOW = 4
NEGATORS = re.compile(
    r"\b(?:not|never|no|none|nor|without|avoid|avoids|avoiding|against|"
    r"don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|isn'?t|aren'?t|wasn'?t|can'?t|cannot|"
    r"neither|stop|refuse|refuses|instead of|rather than|beyond|other than)\b",
    re.IGNORECASE,
)
# Negation reaches back to the start of its clause; contrast ("instead of going viral,
# we listen") also stops at a comma.
CLAUSE_BREAK = re.compile(r"[.;:!?()\n]|\bbut\b|\bhowever\b|\bwhereas\b|\band\b", re.I)
PHRASE_BREAK = re.compile(r",")


@dataclass(frozen=True)
class Rule:
    code: str
    polarity: str
    weight: float
    principle: str
    patterns: tuple[str, ...]

    def compiled(self) -> list[re.Pattern[str]]:
        """One alternation per rule, lower-cased: the text is scanned once per rule, and
        matching lower-case text without IGNORECASE is over twice as fast."""
        return [re.compile("|".join(f"(?:{p})" for p in self.patterns).lower())]

    def compiled_any_case(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.IGNORECASE)


@dataclass(frozen=True)
class Signal:
    code: str
    polarity: str
    weight: float
    principle: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "polarity": self.polarity,
            "weight": self.weight,
            "principle": self.principle,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


RULES: tuple[Rule, ...] = (
    # --- Green: the signs of social marketing -------------------------------------------
    Rule(
        "market_first",
        GREEN,
        0.12,
        "Start from the buyer's target market, timing and message, and ask before prescribing.",
        (
            r"\btarget (?:market|audience|customers?)\b",
            r"\b(?:your|the) (?:market|audience|customers?)\b",
            r"\bwho (?:your|the) (?:customers?|buyers?|audience) (?:are|is)\b",
            r"\b(?:timing|when (?:they|your customers?) (?:are|will be))\b",
            r"\bthe message\b|\bkey messages?\b",
            r"\b(?:interview|ask|asking|questions? for) (?:your|the) (?:team|sales|customers?)\b",
        ),
    ),
    Rule(
        "relationships",
        GREEN,
        0.10,
        "It is a relationship, not a campaign: serve the community's motivations first.",
        (r"\brelationships?\b", r"\bcommunit(?:y|ies)\b", r"\btrust\b", r"\bconversations?\b"),
    ),
    Rule(
        "listening",
        GREEN,
        0.10,
        "Listen to what the market thinks: likes, dislikes, whom it trusts.",
        (r"\blisten(?:ing|s|ed)?\b", r"\bsocial listening\b", r"\bhear (?:what|from)\b"),
    ),
    Rule(
        "contribute_value",
        GREEN,
        0.08,
        "Give first: add value to the conversation instead of pushing the message.",
        (
            r"\b(?:add|adding|contribut\w*|provid\w*|offer\w*) (?:real |genuine )?value\b",
            r"\bhelp(?:ful|ing)? (?:people|customers|them)\b",
            r"\bgive first\b|\breciprocity\b",
        ),
    ),
    Rule(
        "transparency",
        GREEN,
        0.10,
        "Be open, honest and transparent; treat feedback, good and bad, as a gift.",
        (
            r"\btranspar\w+\b",
            r"\bhonest\w*\b",
            r"\bbad (?:news|feedback|reviews?)\b",
            r"\bnegative (?:feedback|reviews?|comments?)\b",
            r"\b(?:own|owning|owned) (?:the |our )?(?:mistake|problem|feedback)\w*\b",
            r"\bin the open\b",
        ),
    ),
    Rule(
        "measurement",
        GREEN,
        0.10,
        "Measure results: revenue, leads, list growth, coverage.",
        (
            r"\bmeasur\w+\b",
            r"\bmetrics?\b|\bkpis?\b",
            r"\b\d+(?:[.,]\d+)?\s?%",
            r"\b(?:leads|revenue|pipeline|conversions?|sign-?ups|subscribers)\b",
            r"\breport(?:s|ing)?\b",
        ),
    ),
    Rule(
        "cross_department",
        GREEN,
        0.10,
        "Social cuts across silos: marketing, PR, customer service, product, legal, executives.",
        (
            r"\bcustomer (?:service|support|success)\b",
            r"\b(?:sales|support|legal|product|engineering|hr) (?:team|department|people)\b",
            r"\b(?:departments|silos|cross-functional|across the company)\b",
            r"\bexecutives?\b|\bleadership team\b",
        ),
    ),
    Rule(
        "buyers_own_people",
        GREEN,
        0.12,
        "Community involvement cannot be outsourced: the buyer's own people do the work, "
        "coached by the consultant.",
        (
            r"\byour (?:own )?(?:team|staff|people|employees|support team)\b",
            r"\b(?:train|training|coach|coaching|mentor)\w* (?:your|the|in-house)\b",
            r"\bin-house\b",
            r"\bhand (?:it )?over\b",
        ),
    ),
    Rule(
        "business_background",
        GREEN,
        0.12,
        "A business background beyond social platforms: marketing, PR, sales, customer "
        "service, responsibility for results.",
        (
            r"(?<!social )(?<!media )\bmarketing\b",
            r"\b(?:PR|public relations|press relations)\b",
            r"\bsales\b",
            r"\bcustomer (?:service|support|experience)\b",
            r"\b(?:P&L|budget|revenue) (?:responsibility|owner)\w*\b",
            r"\b(?:managed|led|ran|leading|running) (?:a |the )?(?:team|department|business)\b",
        ),
    ),
    # --- Red: warning signs ------------------------------------------------------------
    Rule(
        "platform_campaign_first",
        RED,
        0.20,
        "The first recommendation is a one-platform campaign, before understanding the "
        "audience and goals.",
        (
            r"\b(?:twitter|x|facebook|instagram|tiktok|linkedin|youtube|snapchat) campaign\b",
            r"\bfirst,? (?:we|i)(?:'ll| will)? (?:launch|run|start) an? \w+ campaign\b",
            r"\blaunch(?:ing)? an? (?:\w+ )?campaign (?:right away|immediately|first)\b",
        ),
    ),
    Rule(
        "viral_buzz",
        RED,
        0.18,
        "The plan is to go viral or build buzz: trying to capture lightning in a bottle.",
        (
            r"\bgo(?:ing|es)? viral\b",
            r"\bviral\w*\b",
            r"\bbuzz\b",
            r"\btrending\b",
            r"\btrends? in (?:a|one) (?:day|week)\b",
        ),
    ),
    Rule(
        "does_it_all",
        RED,
        0.18,
        "Claims to do everything: credible vendors say what they will and won't do.",
        (
            r"\bwe do (?:it )?(?:all|everything)\b",
            r"\b(?:one|single)[- ]stop[- ]shop\b",
            r"\beverything (?:social|you need)\b",
            r"\bend[- ]to[- ]end\b",
        ),
    ),
    Rule(
        "broadcast_push",
        RED,
        0.16,
        "Broadcast or push tactics: hired or fake accounts posting, feeds of company news, "
        "ads pushed into people's social space.",
        (
            r"\b(?:fake|paid|hired|sock[- ]?puppet) (?:accounts?|profiles?|posters?|followers?)\b",
            r"\bbuy(?:ing)? (?:followers|likes|fans)\b",
            r"\bnetwork of (?:\d+ )?posters?\b",
            r"\bpush (?:the|your|our) (?:message|product|brand)\b",
            r"\bblast\w*\b|\bspam\w*\b",
            r"\b(?:post|share) (?:every|all) (?:press release|company news|news)\b",
            r"\bhigh[- ]volume (?:posting|campaigns?)\b",
        ),
    ),
    Rule(
        "outsourced_community",
        RED,
        0.16,
        "Offers to run the community entirely for the buyer: the relationship is outsourced.",
        (
            r"\b(?:we|i)(?:'ll| will)? (?:run|manage|handle|take over) (?:your|the) "
            r"(?:community|accounts?|social media)(?: for you)?\b",
            r"\bso (?:your|the) team (?:never|doesn'?t) (?:has|have|need)s? to\b",
            r"\b(?:we|i) (?:post|reply|answer) (?:on your behalf|for you)\b",
        ),
    ),
    Rule(
        "free_earned_reach",
        RED,
        0.16,
        "Promises free 'earned' reach instead of a funded, dedicated team.",
        (
            r"\bfree (?:earned )?(?:reach|media|exposure|publicity)\b",
            r"\bearned reach\b",
            r"\bno budget (?:needed|required)\b",
            r"\bwithout (?:any )?budget\b",
        ),
    ),
)


class _Negations:
    """Answers "is the phrase at this position negated?" for one text, with the clause
    boundaries found once (the rules ask about many positions)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.end() for m in CLAUSE_BREAK.finditer(text)]
        self.phrases = sorted(self.breaks + [m.end() for m in PHRASE_BREAK.finditer(text)])
        self.cache: dict[int, bool] = {}

    @staticmethod
    def _start(breaks: list[int], position: int) -> int:
        index = bisect_right(breaks, position) - 1
        return breaks[index] if index >= 0 else 0

    def __call__(self, start: int) -> bool:
        if start not in self.cache:
            phrase = self.text[self._start(self.phrases, start) : start]
            # A negation stops at a comma ("Don't worry, we'll go viral"), except when the
            # next phrase only insists ("never, ever buy followers").
            insists = re.match(r"\s*ever\b", phrase, re.IGNORECASE)
            clause = self.text[self._start(self.breaks, start) : start] if insists else phrase
            self.cache[start] = _negated_clause(clause, phrase)
        return self.cache[start]


WORD = re.compile(r"[\w']+")
CONTRAST = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)


def _negated_clause(clause: str, phrase: str) -> bool:
    words = WORD.findall(clause)
    if NEGATORS.search(" ".join(words[-NEGATION_WINDOW:])) and not CONTRAST.search(
        " ".join(words[-NEGATION_WINDOW:])
    ):
        return True
    # Contrast reaches a little further ("rather than a big launch campaign"), but not past
    # a comma ("instead of going viral, we listen").
    return bool(CONTRAST.search(" ".join(WORD.findall(phrase)[-8:])))


def is_negated(text: str, start: int) -> bool:
    """Is the phrase at `start` negated or contrasted away within its clause?"""
    return _Negations(text)(start)


_COMPILED = [(rule, rule.compiled()) for rule in RULES]
# For the rare text whose lower-case form has another length (some Unicode letters), where
# spans found in the lower-case copy would not line up with the original.
_COMPILED_ANY_CASE = [(rule, [rule.compiled_any_case()]) for rule in RULES]


def find_signals(text: str) -> list[Signal]:
    """Every rule that matches `text`, once per rule (its first un-negated match).

    A green phrase inside a red one does not count: in "we will run your community for
    you", "community" is part of the warning sign, not a sign of community building.
    """
    negated = _Negations(text)
    lowered = text.lower()
    rules, scanned = (
        (_COMPILED, lowered) if len(lowered) == len(text) else (_COMPILED_ANY_CASE, text)
    )
    matches = [
        (rule, match)
        for rule, patterns in rules
        for pattern in patterns
        for match in pattern.finditer(scanned)
        if not negated(match.start())
    ]
    red = [(m.start(), m.end()) for rule, m in matches if rule.polarity == RED]
    best: dict[str, Signal] = {}
    for rule, match in matches:
        start, end = match.span()
        if rule.polarity == GREEN and any(a < end and start < b for a, b in red):
            continue
        current = best.get(rule.code)
        if current is None or start < current.start:
            best[rule.code] = Signal(
                rule.code, rule.polarity, rule.weight, rule.principle, start, end, text[start:end]
            )
    return sorted(best.values(), key=lambda s: (s.start, s.code))


BASELINE = 0.35


def text_score(signals: list[Signal]) -> float:
    """0 to 1: a neutral baseline, plus green weights, minus red weights."""
    score = BASELINE
    for signal in signals:
        score += signal.weight if signal.polarity == GREEN else -signal.weight
    return max(0.0, min(1.0, score))
