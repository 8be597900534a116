"""Explainable text signals: the rules of `text_rules` matched (by `patterns`) over the
concepts of `lexicon`, in the scope that `scope` reads. No black box: every signal cites
its rule, the principle it stands for, the words that matched and the clause they stand in.

One pass finds every candidate: each word is looked up once in the lexicon, and only the
patterns that start with a concept found there, and whose every element the text offers,
are tried; of one pattern's matches ending on the same word, the shortest is kept. Then,
for each candidate:
- in a sarcastic sentence, said of others, contrasted away or negated, it does not count;
  a sign of the real thing that the consultant negates or turns away from fires its
  `inverse` warning sign instead ("no time for surveys" is ignoring the market);
- a sign of the real thing inside a plain list of services or channels does not count;
- one phrase fires one rule: where candidates share matched words, the most specific
  wins (more elements, then the longer span), and a negated one still holds them ("we
  will not run your community" raises nothing, not "community"); a sign also holds the
  words its gaps skip against signs of the other polarity ("we will run your community
  for you" is not "community"), but not against its own ("a Facebook giveaway campaign"
  is a platform campaign and a giveaway);
- a sign said in the past perfect of someone else ("social had always belonged to
  marketing there"), conceded by a later "but" clause, or missing what its rule
  `requires` does not count.
Last, what the rules found is weighed sentence by sentence with the rest of the sentence's
evidence (`weighing`): a match the weighing is fairly sure against is dropped, a sign it is
fairly sure of is raised where no phrase matched, and each signal says how sure it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from vetting.scoring import weighing
from vetting.scoring.language import WORD, Token
from vetting.scoring.lexicon import AUXILIARIES, DISMISSALS, POSTPONE, word_set
from vetting.scoring.patterns import (
    BY_CONCEPT,
    BY_LITERAL,
    GATHERS,
    NEEDS,
    REQUIRES,
    UNLESS,
    Candidate,
    Hits,
    Pattern,
    match,
)
from vetting.scoring.scope import Scope
from vetting.scoring.text_rules import GREEN, PRINCIPLES, RED, RULES, RULES_BY_CODE, Rule

__all__ = ["GREEN", "RED", "RULES", "Signal", "find_signals", "text_score"]

# Negators that turn a sign of the real thing into its warning sign (the consultant
# declining it): "no time for surveys", "research isn't part of our process", "asking them
# is a waste", "we launch without research". ("Without a target market it's a shot in the
# dark" argues for the market: `language` does not count that "without".)
REFUSALS = word_set(
    "not never no none nor neither nothing skip avoid forget stop cancel scrap ditch without"
)
# ("than" alone ranks: "your staff hear more than any survey" still listens.)
REFUSING_CONTRASTS = frozenset({"instead", "rather", "need", "time", "point", "over"})
FIRST_PERSON_BEFORE = frozenset({"our", "my"})
CATALOGUE_ITEMS = 7  # a list naming this many services or channels offers everything
CATALOGUE_KNOWN = 5  # ... of which at least this many are known services or channels
CATALOGUE_SERVICES = 3  # ... and at least this many services
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
    # How sure the weighing of its sentence's evidence is (`weighing`; None: the rules alone
    # read), and the features that weighed most for or against it, as "feature +weight".
    confidence: float | None = None
    weighed: tuple[str, ...] = ()

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
            "confidence": self.confidence,
            "weighed": list(self.weighed),
        }


TURNS = frozenset({"but", "yet", "however", "though", "although"})


# The rules others yield to ("followers we bought" is fake voices, not vanity): of two
# matches of the same size, theirs takes the words first.
def _telling_rank(code: str, seen: frozenset[str] = frozenset()) -> int:
    """How many rules yield to this one, directly or through another: measurement yields to
    vanity, which yields to fake voices, so "fake followers gave the page its proof" is
    fake voices before it is vanity."""
    yielding = [r.code for r in RULES if code in r.yields_to and r.code not in seen]
    return len(yielding) + sum(_telling_rank(c, seen | {code}) for c in yielding)


TELLING_RANK = {rule.code: _telling_rank(rule.code) for rule in RULES}
YIELD_IN_TEXT = frozenset({"platform_only"})
AIMS = frozenset({"plan", "strategy", "goal", "point", "aim"})  # "..., but it's not the plan"


def _candidates(hits: Hits) -> list[Candidate]:
    """Every match of every pattern; of the matches of one pattern that end on the same
    token, the shortest (a match does not reach back over words it does not need)."""
    best: dict[tuple[int, int], Candidate] = {}
    tokens = hits.reading.tokens
    # The patterns worth trying from each first word or concept, once per text: a pattern
    # needing a concept the text does not have is never tried.
    viable: tuple[dict[str, list[Pattern]], dict[str, list[Pattern]]] = ({}, {})

    known = hits.viable
    present = hits.present

    def starting(key: str, by_literal: bool) -> list[Pattern]:
        cache = viable[by_literal]
        found = cache.get(key)
        if found is None:
            found = cache[key] = []
            for pattern in (BY_LITERAL if by_literal else BY_CONCEPT).get(key, ()):
                pid = id(pattern)
                ok = known.get(pid)
                if ok is None:  # hits.can_match, inlined: it runs for every pattern
                    ok = True
                    for need in NEEDS[pid]:
                        if need.isdisjoint(present):
                            ok = False
                            break
                    known[pid] = ok
                if ok:
                    found.append(pattern)
        return found

    # ... and the patterns of each kind of word (its lemma, form and concepts), once per text
    merged: dict[tuple[str, ...], list[Pattern]] = {}
    for i, token in enumerate(tokens):
        concepts = hits.at[i]
        if not concepts and token.lemma not in BY_LITERAL and token.text not in BY_LITERAL:
            continue
        kind = (token.lemma, token.text, *concepts)
        patterns = merged.get(kind)
        if patterns is None:
            unique: dict[int, Pattern] = {}
            for concept in concepts:
                for p in starting(concept, False):
                    unique[id(p)] = p
            for key in (token.lemma, token.text):
                for p in starting(key, True):
                    unique[id(p)] = p
            patterns = merged[kind] = list(unique.values())
        for pattern in patterns:
            found = match(pattern, hits, i)
            if found is not None:
                best[(id(pattern), found.last)] = found  # a later start replaces an earlier
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
            i for i in range(start, end + 1) if "SERVICE" in hits.at[i] or "PLATFORM" in hits.at[i]
        ]
        services = sum(1 for i in items if "SERVICE" in hits.at[i])
        separators = sum(1 for t in reading.tokens[start : end + 1] if t.text in SEPARATORS)
        if (
            separators + 1 >= CATALOGUE_ITEMS
            and len(items) >= CATALOGUE_KNOWN
            and services >= CATALOGUE_SERVICES  # six platforms are a channel plan, not a menu
        ):
            slots = tuple(
                (i, hits.at[i].get("SERVICE", hits.at[i].get("PLATFORM", i))) for i in items
            )
            found.append(Candidate(rule, items[0], slots[-1][1], slots, 4, counted=True))
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
    # ... but a negated auxiliary matched as a plain word ("isn't" as "be") still negates
    own = frozenset(
        i
        for a, b in candidate.slots
        for i in range(a, b + 1)
        if candidate.negative
        or a != b
        or not (tokens[i].negator and tokens[i].lemma in AUXILIARIES)
    ) | frozenset(
        i
        for i in range(first + 1, last)
        if tokens[i].negator
        and (candidate.negative or tokens[i - 1].text in {"who", "that", "which"})
    )
    span = reading.in_list(first, last)
    if reading.is_sarcastic(first):
        candidate.status = "sarcasm"
    elif rule.polarity == RED and reading.is_reversed(first) and reading.is_mention(first):
        candidate.status = "reversed"  # "Deleting bad comments? Not happening."
    elif reading.is_mention(first):
        candidate.status = "mention"
        if rule.inverse and reading.is_waved_away(first):
            candidate.fires = _inverse(rule, candidate, tokens)
    elif (
        reading.of_others(first)
        or reading.quoted_from_others(first)
        or reading.named_as_term(first)
    ):
        candidate.status = "others"
    elif reading.is_reversed(first):
        candidate.status = "reversed"
        if rule.inverse:
            candidate.fires = _inverse(rule, candidate, tokens)
    elif first <= reading._contrast_close(candidate.slots[-1][0]) < last:
        candidate.status = "straddles"  # "Instead of X for your founder, we coach her": two sides
    elif (contrast := reading.contrasted(first)) is not None:
        candidate.status = "contrasted"
        if rule.inverse and REFUSING_CONTRASTS.intersection(contrast):
            candidate.fires = _inverse(rule, candidate, tokens)
    elif _turned_inside(candidate, tokens):
        candidate.status = "turned"  # "judge success by bookings rather than followers"
    elif _only_now_and_then(candidate, tokens) or (
        rule.polarity == RED and _only_when(candidate, tokens)
    ):
        candidate.status = "limited"  # "with the offer only now and then"
    elif (negator := reading.negation(first, last, own)) is not None and not (
        candidate.negative and negator > last  # "we're not a one-stop shop and never will be"
    ):
        candidate.status = "negated"
        if first < negator < last and tokens[negator].clause != tokens[last].clause:
            # "the question isn't which app, it's who your customers are": the negator
            # turns one clause of the match, not the next
            candidate.status = "straddles"
        elif (
            rule.inverse
            and _refusal(tokens[negator])
            and not reading.negates_by_idiom(negator)
            and not _harm_refused(tokens, negator, first)
            and not reading.is_conditional(first)
            and not _relative_refusal(tokens, negator)
            and not reading.is_backstory(first)  # "I got burned by prescribing without ..."
        ):
            candidate.fires = _inverse(rule, candidate, tokens)
    elif rule.polarity == GREEN and span and not _list_ok(rule, hits, candidate, span):
        candidate.status = "listed"
    elif rule.not_after_first_person and any(_theirs(rule, tokens, a) for a, _ in candidate.slots):
        candidate.status = "theirs"
    elif rule.code == "outsourced_community" and _referees_our(tokens, first):
        candidate.status = "theirs"  # "our own staff now run the page, after his coaching"
    elif rule.polarity == RED and reading.is_backstory(first):
        candidate.status = "backstory"
    elif rule.code == "viral_buzz" and _past_event(candidate, reading):
        candidate.status = "record"  # "a video of our chef went viral last spring"
    elif rule.polarity == RED and (
        reading.is_hypothetical(first)
        or reading.is_refused_condition(first)
        or reading.is_presumption_refused(first)
    ):
        candidate.status = "hypothetical"
    elif rule.code == "market_first" and _relative_who(hits, first):
        candidate.status = "relative"  # "the people who already buy from you" names them
    elif rule.code in UNLESS and _in_sentence(UNLESS[rule.code], hits, first):
        candidate.status = "unless"
    elif rule.code in REQUIRES and not _in_sentence(REQUIRES[rule.code], hits, first):
        candidate.status = "unrequired"
    elif _conceded(rule, hits, first):
        candidate.status = "conceded"
    if candidate.fires != rule.code:
        candidate.status = "counts"  # a refused sign of the real thing: the inverse counts


# A refused disclosure is a hidden paid voice, not hidden criticism: "influencers who post
# without marking it as an ad" are fake voices.
DISCLOSURE = frozenset(
    {
        "label",
        "disclose",
        "disclosure",
        "sponsor",
        "sponsored",
        "ad",
        "advert",
        "tag",
        "hashtag",
        "gifted",
        "partnership",
        "paid",
    }
)


def _inverse(rule: Rule, candidate: Candidate, tokens: list[Token]) -> str | None:
    """The warning sign a refused sign of the real thing raises."""
    if rule.code == "transparency" and any(
        tokens[i].lemma in DISCLOSURE or tokens[i].text in DISCLOSURE
        for a, b in candidate.slots
        for i in range(a, b + 1)
    ):
        return "fake_voices"
    return rule.inverse


TURN_WORDS = frozenset({"than", "of", "to", "not"})
# "... X than Y": "bookings rather than followers", "forgives mistakes more readily than spin"
PREFERRING = frozenset({"rather", "sooner", "prefer", "better", "more"})
RELATIVE_HEADS = frozenset({"MARKET", "PEOPLE", "STAFF", "PEOPLE_WE_SERVE"})
PRONOUN_HEADS = frozenset({"those", "anyone", "someone", "everyone", "one", "ones", "person"})


# What makes a past viral moment a promise again: "... and yours will too".
PROMISING = frozenset({"will", "would", "can", "could", "yours", "again", "too", "make", "get"})


# What once spread: "went viral", "blew up", "exploded", "took off".
PAST_SPREAD = frozenset({"went", "blew", "exploded", "took"})


def _past_event(candidate: Candidate, reading: Scope) -> bool:
    """'One of the posts went viral in 2022', 'when the complaint went viral, we
    apologised': something that once spread is an event, not the plan; "our clips went
    viral, and yours will too" promises it again."""
    tokens = reading.tokens
    if not any(
        tokens[i].text in PAST_SPREAD
        for i in range(max(0, candidate.first - 1), candidate.last + 1)
    ):
        return False
    sentence = tokens[candidate.first].sentence
    clauses = reading.sentences[sentence]
    return not any(t.text in PROMISING for t in tokens[clauses[0].first : clauses[-1].last + 1])


def _relative_who(hits: Hits, first: int) -> bool:
    """'who' after a noun of people opens a relative clause ("the two hundred people already
    asking ...", "whoever answers residents"): it describes them, it does not ask who they
    are."""
    tokens = hits.reading.tokens
    if tokens[first].text != "who" or first == 0:
        return False
    before = tokens[first - 1]
    return before.kind == WORD and (
        before.text in PRONOUN_HEADS or not RELATIVE_HEADS.isdisjoint(hits.at[first - 1])
    )


# After "only", words that make it "no more often than": "the offer only now and then".
ONLY_SOMETIMES = frozenset({"now", "occasionally", "sometimes", "rarely", "seldom", "once"})


def _only_now_and_then(candidate: Candidate, tokens: list[Token]) -> bool:
    """Does an "only" of the match limit how often, not what ("the offer only now and
    then", "news only occasionally")?"""
    return any(
        tokens[i].text == "only" and i + 1 < len(tokens) and tokens[i + 1].text in ONLY_SOMETIMES
        for i in range(candidate.first, candidate.last + 1)
    )


# "Only" and what it allows: "we send a message only when we have something useful".
ONLY_CONDITIONS = frozenset({"when", "if", "where", "once"})


def _only_when(candidate: Candidate, tokens: list[Token]) -> bool:
    """Does an "only when" (or "only if") right after a warning sign's words allow it under
    a condition that limits it ("a message only when we have something useful for them")?"""
    last = candidate.last
    return any(
        tokens[i].text == "only" and i + 1 < len(tokens) and tokens[i + 1].text in ONLY_CONDITIONS
        for i in range(last + 1, min(len(tokens), last + 3))
    )


def _turned_inside(candidate: Candidate, tokens: list[Token]) -> bool:
    """Does the match turn away, between its words, from what its last element names
    ("bookings rather than followers", "leads, not likes")? A turn that is one of its own
    words ("no need to ask") is the pattern's."""
    a = candidate.slots[-1][0]
    lo = max(candidate.slots[0][1] + 1, a - 3)
    if not any(tokens[i].text in TURN_WORDS for i in range(lo, a)):
        return False
    own = {i for x, y in candidate.slots for i in range(x, y + 1)}
    for i in range(lo, a):
        if i in own or any(t.text == "," for t in tokens[i + 1 : a]):
            continue
        text = tokens[i].text
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if (
            (  # "bookings rather than followers", "answer complaints rather than delete them"
                text == "than" and any(t.text in PREFERRING for t in tokens[max(0, i - 8) : i])
            )
            or (text == "of" and tokens[i - 1].text == "instead")
            or (text == "to" and tokens[i - 1].text == "opposed")
            or (
                text == "not"
                and tokens[i - 1].text == ","
                and following not in {"just", "only", "merely"}
            )
        ):
            return True
    return False


def _theirs(rule: Rule, tokens: list[Token], a: int) -> bool:
    """'our own people', 'our in-house creators', 'we're a dedicated team': the agency's;
    but in a referee's 'she trained our staff', 'our' is the buyer's."""
    if a > 0 and tokens[a - 1].text in FIRST_PERSON_BEFORE:
        sentence = tokens[a].sentence
        return not any(
            t.text in {"she", "he"} and t.sentence == sentence for t in tokens[max(0, a - 12) : a]
        )
    if a > 1 and tokens[a - 1].kind == WORD and tokens[a - 2].text == "my":  # "my gaming community"
        return True
    return (
        a > 1
        and tokens[a - 1].text in {"a", "an"}
        and tokens[a - 2].text in FIRST_PERSON_BEFORE | set(rule.not_after_article)
    )


# What a negator may deny of a practice rather than the practice itself: "I've never seen a
# clinic lose patients by owning a mistake".
HARMS = frozenset({"lose", "hurt", "damage", "suffer", "fail", "regret", "harm", "cost"})


def _harm_refused(tokens: list[Token], negator: int, first: int) -> bool:
    """Does the negator deny a harm the practice does ("never ... lose patients by owning a
    mistake"), not the practice?"""
    return (
        first > 0
        and tokens[first - 1].text in {"by", "from", "for"}
        and any(t.lemma in HARMS for t in tokens[negator + 1 : first])
    )


def _relative_refusal(tokens: list[Token], negator: int) -> bool:
    """'a client who won't fund a community manager': the refusal is that person's, in a
    relative clause, not the consultant's."""
    before = [t for t in tokens[max(0, negator - 3) : negator] if t.kind == WORD]
    if before and before[-1].lemma in AUXILIARIES:
        before = before[:-1]
    return (
        len(before) >= 2
        and before[-1].text in {"who", "that", "which"}
        and before[-2].text not in {"we", "i", "us", "me", "something", "anything", "thing"}
    )


def _referees_our(tokens: list[Token], first: int) -> bool:
    """'Our own staff now run the page, after his coaching': in a referee's sentence about
    the consultant ("he", "her"), "our" people are the buyer's, not the agency's."""
    if tokens[first].text != "our":
        return False
    sentence = tokens[first].sentence
    return any(
        t.text in {"he", "she", "his", "her", "him"} for t in tokens if t.sentence == sentence
    )


def _refusal(token: Token) -> bool:
    """Does this negator decline what it negates ("no", "skip", "isn't", "a waste")?"""
    return (
        token.text in REFUSALS
        or (token.negator and token.lemma in AUXILIARIES)
        or token.lemma in DISMISSALS
        or token.text in DISMISSALS
        or token.text in POSTPONE
        or token.lemma == "slow"  # "asking them just slows things down"
    )


def _list_ok(rule: Rule, hits: Hits, candidate: Candidate, span: tuple[int, int]) -> bool:
    """A sign inside a list counts when it is a whole act within one item ("owning
    mistakes, disclosing sponsorships, ...") or when its sentence says what the list is ("I
    ran sales, PR and service"; "Who we'd want involved: marketing, ..."; "..., the press
    office and the helpline agreed the tone of voice")."""
    reading = hits.reading
    tokens = reading.tokens
    if len(candidate.slots) >= 2 and candidate.first >= span[0]:
        inside = tokens[candidate.first : candidate.last + 1]
        if not any(t.text in SEPARATORS for t in inside):
            return True
    clauses = reading.sentences[tokens[span[0]].sentence]
    return any(
        concept in hits.at[i]
        for i in range(clauses[0].first, clauses[-1].last + 1)
        for concept in rule.list_ok
    )


def _in_sentence(patterns: tuple[Pattern, ...], hits: Hits, first: int) -> bool:
    """Does the sentence have one of these patterns (what takes a sign back: "once we
    know your audience, a LinkedIn campaign"; or what it needs: "start with")?"""
    tokens = hits.reading.tokens
    sentence = tokens[first].sentence
    key = (id(patterns), sentence)
    found = hits.memo.get(key)
    if found is None:
        clauses = hits.reading.sentences[sentence]
        found = any(
            match(pattern, hits, i) is not None
            for pattern in patterns
            if hits.has_all(pattern)
            for i in range(clauses[0].first, clauses[-1].last + 1)
        )
        hits.memo[key] = found
    return found


def _conceded(rule: Rule, hits: Hits, first: int) -> bool:
    """Does a later "but"/"yet" clause of the sentence turn away from the sign ("4,000
    followers, but the newsletter paid the bills"; "one post went viral, but that was
    luck, not the plan")?"""
    reading = hits.reading
    tokens = reading.tokens
    clause = tokens[first].clause
    for later in reading.sentences[tokens[first].sentence]:
        if later.index <= clause or tokens[later.first].text not in TURNS:
            continue
        for i in range(later.first, later.last + 1):
            if "DISMISSAL" in rule.conceded_by and (
                tokens[i].lemma in DISMISSALS
                or (
                    tokens[i].text == "not"
                    and any(t.lemma in AIMS for t in tokens[i + 1 : min(i + 4, later.last + 1)])
                )
            ):
                return True
            if any(concept in hits.at[i] for concept in rule.conceded_by):
                return True
    return False


def _resolve(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """One phrase, one rule: the most specific candidate takes the words it matched (the
    words its gaps skip stay free: "a Facebook giveaway campaign" is a platform campaign and
    a giveaway). Of two as specific, one whose gaps skip a comma comes after one that does
    not ("we tripled their followers and, more importantly, doubled online sales": the
    doubling is the sales')."""

    def skips_comma(c: Candidate) -> bool:
        # a gap of a list ("marketing, PR and legal") is no skip, nor a gathering's
        if c.rule.gather and c.size == c.rule.gather[1]:
            return False
        for (_, b), (a, _) in zip(c.slots, c.slots[1:], strict=False):
            gap = [t.text for t in tokens[b + 1 : a]]
            if "," in gap and any(w not in SEPARATORS for w in gap):
                return True
        return False

    taken: set[int] = set()
    spans: dict[str, set[int]] = {GREEN: set(), RED: set()}  # ... and a sign's whole span
    held: dict[str, set[int]] = {GREEN: set(), RED: set()}  # ... stays the other side's
    kept = []
    for candidate in sorted(
        candidates,
        key=lambda c: (
            -c.size,
            skips_comma(c),
            -TELLING_RANK[c.rule.code],
            -(c.last - c.first),
            c.first,
            c.rule.code,
        ),
    ):
        if candidate.status in {"unless", "unrequired", "turned"}:
            continue  # the rule does not apply to this sentence: its words stay free
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


def _yield(kept: list[Candidate], hits: Hits) -> list[Candidate]:
    """Drop what a more telling rule in the same clause explains away ("the KPI we agreed
    was followers"; not "donations went up 40%, but I'm proudest of the impressions"). A
    match that names a business outcome of its own stands ("we tripled their followers
    and doubled online sales" measures sales)."""
    reading = hits.reading
    tokens = reading.tokens
    part: dict[int, tuple[int, int]] = {}  # clause -> (sentence, turns before it)
    for clause in reading.clauses:
        turns = sum(
            1
            for c in reading.sentences[clause.sentence]
            if c.index <= clause.index and c.index and tokens[c.first].text in TURNS
        )
        part[clause.index] = (clause.sentence, turns)
    fired = {(c.fires, part[tokens[c.first].clause]) for c in kept}
    return [
        c
        for c in kept
        if any("OUTCOME" in hits.at[a] for a, _ in c.slots)
        or not any(
            (other, part[tokens[c.first].clause]) in fired
            for other in RULES_BY_CODE[c.fires].yields_to
        )
    ]


SEQUENCE = frozenset({"then", "after", "afterwards", "later"})


def _sequenced(kept: list[Candidate], reading: Scope) -> list[Candidate]:
    """'A TikTok campaign next week, then work out the audience': the market comes after the
    campaign in the same sentence, so it is not started from."""
    tokens = reading.tokens
    campaigns = [c for c in kept if c.fires == "platform_campaign_first"]

    def after_campaign(c: Candidate) -> bool:
        return any(
            tokens[p.first].sentence == tokens[c.first].sentence
            and p.last < c.first
            and any(tokens[i].text in SEQUENCE for i in range(p.last + 1, c.first))
            for p in campaigns
        )

    return [c for c in kept if not (c.fires == "market_first" and after_campaign(c))]


def _needed_instead(kept: list[Candidate], reading: Scope) -> list[Candidate]:
    """'You don't need a huge budget, but you do need one paid person': a warning sign said
    as a negation and turned, by a later "but" of its sentence, to the sign of the real
    thing of the same principle is that sign's foil, not the consultant's stance."""
    tokens = reading.tokens
    greens = [c for c in kept if RULES_BY_CODE[c.fires].polarity == GREEN]

    def turned_to_green(c: Candidate) -> bool:
        sentence = tokens[c.first].sentence
        return any(
            c.fires in PRINCIPLES.get(g.fires, ())
            and tokens[g.first].sentence == sentence
            and g.first > c.last
            and any(tokens[i].text in TURNS for i in range(c.last + 1, g.first))
            for g in greens
        )

    return [
        c
        for c in kept
        if not (RULES_BY_CODE[c.fires].polarity == RED and c.negative and turned_to_green(c))
    ]


@lru_cache(maxsize=8192)
def _analyse(text: str) -> tuple[Signal, ...]:
    hits, candidates, found, counted = _by_rules(text)
    signals = _weighed(found, counted, hits, candidates, text)
    return tuple(sorted(signals, key=lambda s: (s.start, s.code)))


def text_features(text: str) -> dict[int, weighing.Features]:
    """What the weighing reads of each sentence of a text (what the corpus's training
    learns on)."""
    hits, candidates, found, _ = _by_rules(text)
    return weighing.features(hits, candidates, list(found))


Found = dict[tuple[str, int], Signal]


def _reversed_with_a_warning_sign(candidates: list[Candidate], reading: Scope) -> None:
    """'A lot of folks say sorry to a bad comment and then quietly delete it. We do the
    opposite.': what a reversal turns from is the warning sign of its sentence; the sign
    of the real thing beside it is part of that practice, not refused in its own right."""
    tokens = reading.tokens
    turned = {
        tokens[c.first].sentence
        for c in candidates
        if c.rule.polarity == RED and c.status == "reversed"
    }
    for c in candidates:
        if (
            c.fires != c.rule.code
            and tokens[c.first].sentence in turned
            and reading.is_reversed(c.first)
        ):
            c.fires, c.status = c.rule.code, "reversed"


def _by_rules(text: str) -> tuple[Hits, list[Candidate], Found, set[tuple[str, int]]]:
    """The rules' reading: every candidate judged, the signals they fire, by rule and
    sentence (each rule's first match in each sentence), and which of those are counted
    (a catalogue of services), not phrased."""
    reading = Scope(text)
    hits = Hits(reading)
    candidates = _candidates(hits)
    for candidate in candidates:
        _judge(candidate, hits)
    _reversed_with_a_warning_sign(candidates, reading)
    kept = _resolve(candidates, reading.tokens)
    # A sign of the real thing preferred to another form of itself is not refused: "reading
    # the forums told us more than any survey would have" listens.
    held = {(c.rule.code, reading.tokens[c.first].sentence) for c in kept if c.fires == c.rule.code}
    kept = _yield(
        [
            c
            for c in kept
            if c.fires == c.rule.code or (c.rule.code, reading.tokens[c.first].sentence) not in held
        ],
        hits,
    )
    kept = _sequenced(kept, reading)
    kept = _needed_instead(kept, reading)
    fired = {c.fires for c in kept}
    if fired & YIELD_IN_TEXT:
        # follower counts in an answer about one's own accounts are credentials, not a
        # result claimed ("I have 45,000 followers. My background is my account.")
        kept = [c for c in kept if c.fires != "vanity_metrics"]
    if any(c.fires == "clear_scope" for c in kept):
        # A catalogue that also says what is left out is not an over-claim.
        kept = [c for c in kept if not c.counted]
    tokens = reading.tokens
    found: Found = {}  # the first match of each rule in each sentence
    counted: set[tuple[str, int]] = set()
    for candidate in sorted(kept, key=lambda c: c.first):
        sentence = tokens[candidate.first].sentence
        if (candidate.fires, sentence) in found:
            continue
        if candidate.counted:
            counted.add((candidate.fires, sentence))
        found[candidate.fires, sentence] = _signal(
            RULES_BY_CODE[candidate.fires],
            reading,
            text,
            (candidate.first, candidate.last),
            tuple(text[tokens[a].start : tokens[b].end] for a, b in candidate.slots),
            via=candidate.rule.code if candidate.fires != candidate.rule.code else "",
        )
    return hits, candidates, found, counted


def _signal(
    rule: Rule,
    reading: Scope,
    text: str,
    span: tuple[int, int],
    words: tuple[str, ...],
    **more: object,
) -> Signal:
    """A signal of this rule over the tokens `span` (first, last), in the clause of its first."""
    tokens = reading.tokens
    start, end = tokens[span[0]].start, tokens[span[1]].end
    return Signal(
        rule.code,
        rule.polarity,
        rule.weight,
        rule.principle,
        start,
        end,
        text[start:end],
        words,
        reading.clause_text(span[0]),
        **more,  # type: ignore[arg-type]
    )


def _weighed(
    found: Found, counted: set[tuple[str, int]], hits: Hits, candidates: list[Candidate], text: str
) -> list[Signal]:
    """The rules' signals weighed, sentence by sentence, with all that sentence's evidence
    (`weighing`): a rule fires where the weighing of one of its sentences bears it out,
    citing its own match there or, where no phrase of it matched, the clause that weighed
    most. Sentence by sentence, so that what one sentence says never makes another raise or
    lose a sign. A catalogue of services is counted, not phrased: no weighing overrules the
    count. Without learned weights, the rules' first match of each rule."""
    learned = weighing.model()
    if learned is None:
        first: dict[str, Signal] = {}
        for (code, _), signal in sorted(found.items(), key=lambda item: item[1].start):
            first.setdefault(code, signal)
        return list(first.values())
    features = weighing.features(hits, candidates, list(found))
    tokens = hits.reading.tokens
    result: dict[str, Signal] = {}
    for sentence, sentence_features in sorted(features.items()):
        for code, probability in weighing.probabilities(sentence_features).items():
            rule = RULES_BY_CODE[code]
            if code in result or not (
                weighing.fires(
                    probability,
                    rule.polarity,
                    matched=(code, sentence) in found,
                    reversed_=weighing.reversed_in(sentence_features, code),
                )
                or (code, sentence) in counted
            ):
                continue
            judged = weighing.weighed(sentence_features, code, probability)
            reasons = tuple(f"{name} {weight:+.2f}" for name, weight in judged.reasons)
            signal = found.get((code, sentence))
            if signal is not None:
                result[code] = replace(signal, confidence=judged.confidence, weighed=reasons)
                continue
            where = weighing.strongest_clause(hits, sentence_features, code)
            if where is None:
                continue
            index, carried = where
            clause = hits.reading.clauses[index]
            result[code] = _signal(
                rule,
                hits.reading,
                text,
                (clause.first, clause.last),
                tuple(text[tokens[i].start : tokens[i].end] for i in sorted(carried[:3])),
                confidence=judged.confidence,
                weighed=reasons,
            )
    return list(result.values())


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
