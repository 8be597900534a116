"""What a clause says about a phrase in it, as a reader would take it: negated, contrasted
away, said of someone else, sarcastic or conceded, turned around by what follows, or only
named in a question. Pure Python, no Django; words and clauses come from `language`.

- a **negator** ("not", "never", "no", "without", "don't", "avoid", ...) reaches forward to
  the end of its clause, however far: "we do not spend our time on surveys, research or
  listening" negates all three. A clause ends at a sentence mark (. ! ? ; parentheses, a
  line break or a dash), at a colon, at a contrasting or subordinate conjunction ("but",
  "because", "until", ...), where a new subject starts after a comma or "and"/"or" ("Don't
  worry, we'll go viral"), and at ", which". Its reach is shorter when the negation is
  elliptical ("we explain that we don't and name people who do"), local ("a relationship,
  not a campaign, and ..."), complete ("that rarely works and ...") or about telling
  ("we never tell anyone that the reviews are ours" hides them, it does not deny them);
- a phrase at the **head of its clause** is negated by what follows it there: "buying
  followers is not something we do", "going viral has never been the goal", "a feed of
  press releases is a waste", "50,000 likes is lovely, but ..."; and so is a phrase that a
  dismissal introduces ("the mistake I see most often is treating a feed like a billboard");
- a **contrast** ("instead of", "rather than", "unlike", "no need to", "no time for", "I'd
  rather X than Y", "turned the feed from press releases into guides", ...) reaches to the
  end of its clause: "instead of going viral, we listen";
- **others**: a phrase said of agencies, competitors, "gurus", of what clients ask for, or
  of what many brands do ("unlike most agencies, who promise virality", "clients often ask
  us to go viral", "a lot of brands switch off comments") is not the consultant's stance;
- **sarcasm** markers ("what could go wrong", "yeah, right", "good luck with that") and
  **concessions** ("Sure, delete the angry tweets ... We'd rather answer them") turn their
  sentence (and a short sentence before them) around; a **reversal** ("I argued for the
  opposite", "I talked them out of it", "We'll pass") turns what came before it;
- a short **question** names an idea to answer it ("Market research?"); when the answer
  waves it away ("Sure, if you enjoy paying for slide decks") the idea is refused.
"""

from __future__ import annotations

from itertools import pairwise

from vetting.scoring.heads import Heads
from vetting.scoring.language import MARK, WORD, Clause
from vetting.scoring.lexicon import (
    AUDIENCES,
    AUXILIARIES,
    BUSINESSES,
    CHANGES,
    CLAUSE_ENDS,
    CONCESSIVE,
    CONDITIONALS,
    CONTRASTS_BY_FIRST,
    COUNT_WORDS,
    DECLINES,
    DISMISSAL_REACH,
    DISMISSALS,
    DROPPING,
    FAILURES,
    FIRST_PERSON,
    FORMER,
    HEADER_WORDS,
    HIRING,
    JOINERS,
    LIST_ITEM_MAX_WORDS,
    MENTION_WORDS,
    NEGATION_ENDS,
    NOT_NEGATING_NEXT,
    OBSERVING,
    OTHERS,
    OWN_SIDE,
    PLACES,
    POST_NEGATION_REACH,
    POSTPONE,
    PRESUME,
    QUANTIFIERS,
    REPLACING,
    REQUESTERS,
    REVEAL,
    RIVALS,
    SO_CALLED_REACH,
    SUBJECT_FIRST_PERSON,
    WANT_ADVERBS,
    WANTS,
    WRONG_IDEA_LEADS,
    WRONG_IDEAS,
    YES_NO,
    word_set,
)

# "from no social presence": a "no" after one of these qualifies its own noun phrase.
# The speaker's own side when "our" or "my" stands before it ("our team", not "our clients").
OWN_GROUP = frozenset(
    {
        "team",
        "people",
        "agency",
        "firm",
        "consultancy",
        "company",
        "staff",
        "writer",
        "crew",
        "shop",
        "outfit",
        "business",
        "studio",
        "moderator",
        "manager",
        "specialist",
    }
)
# Relative heads that name the market or a side of the deal, not other vendors: "people
# who already follow you" are whom the consultant serves.
NOT_VENDORS = frozenset(
    {
        "people",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "they",
        "client",
        "clients",
        "customer",
        "customers",
        "team",
        "manager",
        "managers",
        "boss",
        "owner",
        "owners",
        "legal",
        "lawyer",
        "lawyers",
        "board",
        "ceo",
        "director",
        "directors",
        "leadership",
        "management",
        "founder",
        "founders",
        "some",
        "shop",
    }
)
RELATIVE_REACH = 5
JOINING = frozenset({"so", "too", "include"})
BACK_REFERENCES = frozenset({"that", "those", "these", "this", "it", "them", "any", "all"})
TALKING_OUT = frozenset({"talk", "argue", "persuade", "steer", "coax", "advise", "warn"})
TERM_WORDS = frozenset(
    {"term", "word", "phrase", "expression", "buzzword", "label", "idea", "notion", "myth"}
    | {"fantasy", "illusion", "assumption"}
)
# "nobody noticed the fake accounts": the negation is the noticing, the phrase stands
REACTIONS = frozenset(
    {"complain", "notice", "mind", "object", "realise", "realize", "spot", "detect", "suspect"}
)
# "no amount of X replaces Y", "nothing beats Y": the negation ranks, Y is praised
COMPARING = frozenset({"replace", "beat", "substitute", "match", "rival", "trump", "outweigh"})
# "before we came in", "when I started out", "until I joined"
ARRIVING = frozenset({"come", "join", "arrive", "start", "take", "inherit", "step"})
# "Buying followers, this we never do": a phrase named first, then refused.
RESUMPTIVE = frozenset({"this", "that", "these", "those", "it", "them", "such"})
TOPIC_SUBJECTS = frozenset({"we", "i", "she", "he"})
TOPIC_VERBS = frozenset({"do", "touch", "offer", "sell", "use", "make", "allow", "accept", "be"})
# "not only", "won't work just with": what follows is affirmed, and more besides.
ONLY_WORDS = frozenset({"only", "just", "solely", "merely", "exclusively"})
WH_OPENERS = frozenset(
    {"what", "whatever", "where", "how"}
)  # words from "that"/"who" to the phrase inside the relative clause
# Contrasts that open a sentence and name what the speaker turns from: "Instead of X, ...".
FRONTED = frozenset({"instead", "rather", "unlike", "as", "in"})
# What others say that the speaker reports: "Most consultants promise that ..."
REPORTING = frozenset({"tell", "say", "promise", "claim", "insist", "swear", "argue", "pitch"})
BRAGGING = frozenset({"brag", "boast", "bragged", "boasted", "admit", "mention"})
RELATIVES = frozenset({"who", "that", "which"})
# What others assume or say of the speaker: "Buyers assume I've only ever done social".
ASSUMING = frozenset({"assume", "think", "believe", "expect", "say", "imagine", "suppose"})
# A question taken up as the starting point: "That's where we begin", "Let's start there".
EMBRACES = frozenset({"start", "begin", "first", "where", "always"})
PREPOSITIONS = frozenset({"from", "with", "of", "for", "to", "in", "at", "by", "into", "on"})
QUOTES = {'"': '"', "\u201c": "\u201d"}
QUOTE_INTRO_WORDS = 10
# Words that introduce a quote as someone else's line ("pitches like", "you'll hear").
QUOTED_OTHERS = frozenset({"pitch", "line", "cliche", "slogan", "like", "hear", "heard", "usual"})
HEARING = frozenset({"hear", "heard", "like"})  # "we often hear: ...", "we get pitches like ..."
QUOTING_SELF = frozenset({"i", "we", "my", "our"})


def _quote_opening(text: str, at: int) -> int | None:
    """The offset of the double quote that opens the quotation around offset `at`, if any."""
    opening = None
    close = ""
    for i, ch in enumerate(text[:at]):
        if opening is None and ch in QUOTES:
            opening, close = i, QUOTES[ch]
        elif opening is not None and ch == close:
            opening = None
    return opening


# Words that open an aside after a negator ("not, under any circumstances, ...").
PARENTHETICAL_OPENERS = frozenset(
    {
        "under",
        "in",
        "at",
        "for",
        "whatever",
        "however",
        "even",
        "no",
        "of",
        "frankly",
        "honestly",
        "realistically",
        "whoever",
        "whichever",
        "on",
        "as",
        "despite",
    }
)
# After "had", these make it a verb of having, not the past perfect.
HAVING = frozenset(
    {
        "a",
        "an",
        "the",
        "no",
        "some",
        "any",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "two",
        "three",
        "several",
        "lots",
        "plenty",
        "one",
        "to",
        "nothing",
        "everything",
        "all",
        "dozens",
        "hundreds",
        "thousands",
    }
)
# "Why pay ...?", "Why hire ...?": a question that waves the idea away.
RHETORICAL_WHY = frozenset(
    {"pay", "hire", "bother", "spend", "waste", "buy", "wait", "fund", "invest", "budget", "risk"}
)
PHRASAL_OFF = frozenset(
    {
        "kick",
        "thing",
        "things",
        "set",
        "start",
        "take",
        "pay",
        "show",
        "log",
        "sign",
        "head",
        "top",
        "round",
        "tee",
        "it",
        "them",
    }
)


# "X is for big brands", "... is for accountants": a tactic left to others.
FOR_OTHERS = frozenset(
    {
        "big",
        "large",
        "corporate",
        "corporates",
        "corporation",
        "enterprise",
        "accountant",
        "academic",
        "nerd",
        "bank",
        "government",
        "amateur",
        "beginner",
        "dinosaur",
    }
)
# Wants that are also tactics: "clients pushed us to ..." asks, "they pushed our offers" acts.
PRESSING = frozenset({"push", "pressure"})
PERSONS = frozenset({"me", "us", "you", "them", "him", "her"})
# Who asks, in "Should we push the offers harder, I asked her once".
ASKERS = frozenset({"i", "we", "he", "she", "they", "you", "someone", "somebody"})


# What "at no ...", "under no ..." negate a clause with.
SUBORDINATORS = frozenset(
    {"before", "until", "unless", "without", "if", "when", "after", "once", "because", "so"}
)
# ("in no time" is quickly, "by no one" a passive's agent: neither is here.)
NEGATING_IDIOMS = frozenset(
    {
        ("at", "point"),
        ("at", "time"),
        ("at", "stage"),
        ("under", "circumstance"),
        ("under", "circumstances"),
        ("in", "way"),
        ("by", "means"),
        ("by", "mean"),
        ("on", "account"),
    }
)


class Scope(Heads):
    """A reading that answers the scope questions the rules ask of a phrase."""

    __slots__ = ()

    def negated(self, first: int, last: int, own: frozenset[int] = frozenset()) -> bool:
        return self.negation(first, last, own) is not None

    def _topic_refused(self, last: int) -> int | None:
        """The phrase named first, then refused by the speaker: "Buying followers, this we
        never do", "Fake accounts, bots, paid posters, we don't touch this", "A one-stop shop
        I am not". Returns the negator: a subject, perhaps an auxiliary, the negator, then at
        most a verb and a pronoun before the clause ends."""
        tokens = self.tokens
        sentence = tokens[last].sentence
        i = last + 1
        # ... past a short item joined to it: "Buying followers or reviews, this we never do"
        if i < len(tokens) and tokens[i].text in {"or", "and", "nor"}:
            comma = next(
                (k for k in range(i + 1, min(i + 5, len(tokens))) if tokens[k].text == ","), None
            )
            if comma is None or any(
                t.text in TOPIC_SUBJECTS or t.negator for t in tokens[i + 1 : comma]
            ):
                return None
            i = comma
        if i < len(tokens) and tokens[i].text == ",":
            i += 1
        if i < len(tokens) and tokens[i].text in RESUMPTIVE:
            i += 1
        if i >= len(tokens) or tokens[i].text not in TOPIC_SUBJECTS:
            return None
        i += 1
        if i < len(tokens) and tokens[i].lemma in AUXILIARIES and not tokens[i].negator:
            i += 1
        if i >= len(tokens) or not tokens[i].negator or tokens[i].sentence != sentence:
            return None
        negator = i
        rest = []
        for token in tokens[i + 1 :]:
            if token.sentence != sentence or token.text in {",", ";", ":", "and", "but"}:
                break
            if token.kind == WORD:
                rest.append(token)
        if len(rest) <= 2 and all(
            t.text in RESUMPTIVE or t.lemma in TOPIC_VERBS or t.lemma in AUXILIARIES for t in rest
        ):
            return negator
        return None

    def negation(self, first: int, last: int, own: frozenset[int] = frozenset()) -> int | None:
        """The token that negates the phrase from token `first` to `last` in its clause (a
        negator before it that reaches it, or one after it, or a dismissal when the phrase
        heads the clause), or None. Negators that are part of the phrase (`own`) do not
        count."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        before = [
            i
            for i in range(clause.first, last)
            if tokens[i].negator
            and i not in own
            # "never skip the research": "never" negates a match that owns "skip"
            and (not self._inactive(i) or (i + 1 in own and tokens[i + 1].negator))
        ]
        before += [  # "he turned down our request for fake reviews"
            i
            for i in range(clause.first, first - 1)
            if tokens[i].lemma == "turn" and tokens[i + 1].text == "down"
        ]
        before.sort()
        before = [i for i in before if self._reaches(i, first if i < first else last, clause)]
        if not before:  # "At no point will your feed turn into a noticeboard for offers"
            before = self._negating_idiom(clause, first)
        if (
            before
            and not self._double_negation(before)
            and not self._refusal_dismissed(before[-1], last, clause)
        ):
            return before[-1]
        if (
            clause.first > 0
            and tokens[clause.first].text in {"because", "since"}
            and tokens[clause.first - 1].text == "not"
        ):
            return clause.first - 1  # "..., not because she's worked in marketing"
        if self._introduced_as_mistake(first, clause):
            return clause.first
        trailer = self._refused_after_colon(clause)
        if trailer is not None and trailer not in own and trailer > last:
            return trailer  # "Fake reviews, bought likes: none of that is how we work."
        dismissed = self._dismissed_around(first, last, clause)
        if dismissed is not None:
            return dismissed
        mistake = self._called_a_mistake(first, clause)
        if mistake is not None:
            return mistake
        sentence_end = self.sentences[clause.sentence][-1].last
        if DECLINES.isdisjoint(self.lemma_set) and self.lemma_set.isdisjoint(
            ("bother", "say", "elsewhere")
        ):
            sentence_end = last  # nothing declined anywhere in the text
        for i in range(last + 1, sentence_end + 1):
            if tokens[i].lemma in DECLINES and (
                tokens[i].lemma != "turn" or "down" in self.lemmas[i + 1 : i + 4]
            ):
                return i  # "we were offered bought followers and declined / turned it down"
            if tokens[i].lemma == "bother" and i > 0 and tokens[i - 1].negator:
                return i - 1  # "surveys tell you what people say, so we don't bother"
            if tokens[i].lemma == "say" and self.lemmas[i + 1 : i + 2] == ["no"]:
                return i + 1  # "when I asked him about buying followers, he said no"
            if (
                tokens[i].text == "elsewhere"
                and self.lemmas[i - 1 : i] == ["go"]
                and any(t.text == "for" for t in tokens[max(clause.first, first - 5) : first])
            ):
                return i  # "for ads and email blasts, honestly, go elsewhere"
        if any(
            tokens[i].text == "without" and self._inactive(i) for i in range(clause.first, first)
        ):
            return None  # "a programme without an exec sponsor is dead": the sponsor matters
        header = self._negated_header(clause)
        if header is None:
            header = self._never_header(clause)
        # "Social isn't free: it takes time" explains; "What I don't do: ..." refuses
        if header is not None and self._contrasting_header(header):
            header = None  # "Coached - not ghost-written: ..." prefers, it refuses nothing
        if header is not None and self.tokens[header].lemma != "be":
            return header  # "What I don't do: speak as your brand."
        span = self.in_list(first, last)
        if span is not None:  # "Bots, fake accounts and paid commenters are off the table"
            first, last = min(first, span[0]), max(last, span[1])
        refused = self._topic_refused(last)
        if refused is not None:
            return refused
        last = self._coordinated(last, clause)
        heads = (
            self._heads_clause(first, clause)
            or self._in_gerund_subject(first, clause)
            # "we tell clients that buying followers will backfire"
            or (
                first > 0
                and tokens[first - 1].text == "that"
                and tokens[first].text.endswith("ing")
            )
        )
        own_subject = any(t.text in SUBJECT_FIRST_PERSON for t in tokens[first : last + 1])
        words_after = 0
        comma = False
        copula = None  # "X is the fastest way to lose them": the dismissal follows "is"
        # a gerund's phrase runs to its verb: "Spamming every group with discounts is how ..."
        copula_reach = (
            DISMISSAL_REACH + 4 if tokens[first].text.endswith("ing") else DISMISSAL_REACH
        )
        for i in range(last + 1, clause.last + 1):
            token = tokens[i]
            if token.kind == WORD:
                words_after += 1
                if copula is None and token.lemma == "be" and words_after <= copula_reach:
                    copula = words_after
            comma = comma or token.text == ","
            if token.text in WH_OPENERS and (
                not heads or tokens[i - 1].lemma in PREPOSITIONS | {"about"}
            ):
                break  # "honest about what we don't do": the negation is the wh-clause's
            if token.text == "or" and tokens[i - 1].text == ",":
                break  # "put a real salary behind it, or don't do it at all": an alternative
            if token.text in {"instead", "unlike", "than"}:
                break  # "answering criticism openly instead of pretending it isn't there"
            if own_subject and token.text in SUBJECT_FIRST_PERSON:
                break  # "I only make LinkedIn, other things I don't do": a new proposition
            if token.text in {"that", "which", "who"} or (
                not heads and words_after > POST_NEGATION_REACH
            ):
                break  # "upfront that she wouldn't touch ..." is another proposition
            if (token.lemma in POSTPONE or token.text in POSTPONE) and (
                words_after <= 1 or tokens[i - 1].lemma in {"come", "follow"}
            ):
                return i  # "we'll figure out your audience later"; "..., if any, comes after"
            if (
                heads
                and copula
                and token.text == "not"
                and tokens[i - 1].text == ","
                and not any(t.lemma == "be" for t in tokens[first : last + 1])
            ):
                # "organic reach is a bonus, not the plan"; but a phrase with its own verb
                # ("my first question is who the customer is, not which app") is not negated
                return i
            dismissal = (
                (
                    (
                        (  # "listening exercises are for big brands", "... is for accountants"
                            token.text == "for"
                            and copula == words_after - 1
                            and any(t.lemma in FOR_OTHERS for t in tokens[i + 1 : i + 4])
                        )
                        or token.lemma in DISMISSALS
                        or token.text in DISMISSALS
                        or (
                            (token.lemma in CONCESSIVE or token.text in {"well", "too"})
                            and self._conceded(i, clause)
                        )
                        or (
                            token.text == "question"
                            and self.lemmas[i - 3 : i] == ["out", "of", "the"]
                        )
                        or (token.text == "last" and self.lemmas[i + 1 : i + 2] == ["thing"])
                        or (  # "... only works until the first complaint"
                            token.lemma == "work"
                            and tokens[i - 1].text == "only"
                            and self.lemmas[i + 1 : i + 2] == ["until"]
                        )
                        or (token.lemma in CONCESSIVE and self._conceded_later(i, clause))
                        or (  # "asking them just slows things down"; not "a slow burn"
                            token.lemma == "slow"
                            and self.lemmas[i + 1 : i + 2] in (["down"], ["thing"], ["we"])
                        )
                    )
                    and not tokens[i - 1].negator  # "never hurt anyone", "isn't a waste"
                    # "to kick things off", "until it takes off": a phrasal verb, no dismissal
                    and not (token.text == "off" and tokens[i - 1].lemma in PHRASAL_OFF)
                )
                and (  # "the way to lose them", "how you lose customers"; not "we were losing"
                    token.lemma != "lose" or tokens[i - 1].text in {"to", "you", "they"}
                )
            )
            reach = DISMISSAL_REACH + (copula + 2 if copula else 0)
            if (
                heads
                and dismissal
                and words_after <= reach
                and not comma
                and (copula or not any(t.lemma == "be" for t in tokens[i + 1 : i + 3]))
            ):
                return i  # not a word of the subject: "being candid about mistakes is ..."
            if (
                (
                    token.text in {"not", "never"}
                    or (token.negator and token.lemma in AUXILIARIES)
                    or (token.text == "no" and tokens[i - 1].lemma in {"have", "be"})
                )
                and not self._inactive(i)
                and self._carries_negation(i)
                and not self._elliptical(i)
                and not any(  # "listening isn't optional": a refused dismissal affirms
                    t.lemma in DISMISSALS or t.text in DISMISSALS for t in tokens[i + 1 : i + 3]
                )
                and not any(  # "listening is not something we skip": a refused dropping
                    t.lemma in DROPPING for t in tokens[i + 1 : min(clause.last + 1, i + 7)]
                )
                and not self._told_from_a_wrong_idea(i)
            ):
                return i
        return self._continued(clause) if heads else None

    def negates_by_idiom(self, i: int) -> bool:
        """Is token i the "no" of "at no point", "under no circumstances" and the like? It
        refuses a warning sign; a sign of the real thing it negates is not thereby refused
        ("at no point did the team stop answering" affirms)."""
        lemmas = self.lemmas
        return (
            0 < i < len(lemmas) - 1
            and lemmas[i] == "no"
            and (lemmas[i - 1], lemmas[i + 1]) in NEGATING_IDIOMS
        )

    def _negating_idiom(self, clause: Clause, first: int) -> list[int]:
        """'At no point', 'under no circumstances', 'in no way', 'by no means', 'on no
        account' before the phrase negate the whole clause: the "no" that does it."""
        lemmas = self.lemmas
        return [
            i + 1
            for i in range(clause.first, first - 2)
            if lemmas[i + 1] == "no"
            and (lemmas[i], lemmas[i + 2]) in NEGATING_IDIOMS
            # "at no point will a campaign go out before we know the audience": the
            # subordinate clause is what must happen first, it is not negated
            and SUBORDINATORS.isdisjoint(lemmas[i + 3 : first])
        ][-1:]

    def _told_from_a_wrong_idea(self, i: int) -> bool:
        """'A listening programme is not a follower count: ...', 'community is not about
        likes.': the negation tells the phrase from the wrong idea of it, it does not refuse
        it (the wrong idea closes the clause; "... is not a campaign we'd run" refuses)."""
        tokens = self.tokens
        j = i + 1
        while j < len(tokens) and tokens[j].text in WRONG_IDEA_LEADS:
            j += 1
        if not any(k < len(tokens) and tokens[k].lemma in WRONG_IDEAS for k in (j, j + 1)):
            return False
        # ... and names it in a word or two ("a follower count"), closing the clause
        return any(
            k >= len(tokens) or (tokens[k].kind == MARK and tokens[k].text != "'")
            for k in (j + 1, j + 2)
        )

    def _refused_after_colon(self, clause: Clause) -> int | None:
        """A list before a colon that the clause after it refuses as a whole ("Fake reviews,
        bought likes, hidden complaints: none of that is part of how we work")."""
        tokens = self.tokens
        if tokens[clause.last].text != ":":
            return None
        later = [c for c in self.sentences[clause.sentence] if c.index > clause.index]
        if not later:
            return None
        after = later[0]
        words = [k for k in range(after.first, after.last + 1) if tokens[k].kind == WORD]
        if 0 < len(words) <= 3 and tokens[words[0]].negator:
            return words[0]  # "Buying followers: never."
        span = range(after.first, min(after.last + 1, after.first + 8))
        if not any(tokens[k].text in BACK_REFERENCES for k in span):
            return None
        return next((k for k in span if tokens[k].negator and not self._inactive(k)), None)

    def _dismissed_around(self, first: int, last: int, clause: Clause) -> int | None:
        """'The days of buying followers are over'; 'buying followers belongs in 2012'; 'we
        talk clients out of giveaways'; 'the quickest way to lose trust is to buy followers':
        the phrase is named to be dismissed."""
        tokens = self.tokens
        lemmas = self.lemmas
        start = max(clause.first, first - 4)
        for k in range(start, first - 1):
            if (
                lemmas[k] == "out"
                and lemmas[k + 1] == "of"
                and any(lemmas[m] in TALKING_OUT for m in range(max(clause.first, k - 3), k))
            ):
                return k  # "we talk clients out of giveaways"
            if lemmas[k] in {"day", "era", "age"} and lemmas[k + 1] == "of":
                after = lemmas[last + 1 : clause.last + 1]
                if "be" in after[:3] and not {"over", "go", "number", "behind"}.isdisjoint(
                    after[:4]
                ):
                    return k  # "the days of buying followers are over"
        for k in range(max(clause.first, first - 8), first - 2):
            if (
                lemmas[k] == "way"
                and lemmas[k + 1] == "to"
                and lemmas[k + 2] in {"lose", "kill", "destroy", "ruin", "damage", "wreck"}
                and "be" in lemmas[k + 3 : first]
            ):
                return k  # "the quickest way to lose trust is to buy followers"
        after = lemmas[last + 1 : min(last + 5, clause.last + 1)]
        if after[:2] == ["belong", "in"] and len(after) > 2:
            nxt = tokens[last + 3]
            if nxt.text in {"the", "history"} or nxt.text.isdigit():
                return last + 1  # "buying followers belongs in 2012 / the past"
        return None

    def _conceded_later(self, i: int, clause: Clause) -> bool:
        """'Viral moments are nice when they happen, but ...': a concession turned by a
        later "but" of the sentence, not only the next clause's."""
        tokens = self.tokens
        if tokens[i].lemma not in CONCESSIVE or tokens[i - 1].lemma not in {"be", "very"}:
            return False
        return any(
            tokens[c.first].text == "but"
            for c in self.sentences[clause.sentence]
            if c.index > clause.index
        )

    def contrasted(self, first: int) -> tuple[str, ...] | None:
        """The contrast marker ("instead of", "unlike", ...) before the phrase, in its
        clause, that turns the speaker away from it, or None."""
        clause = self.clauses[self.tokens[first].clause]
        lemmas = self.lemmas
        for i in range(clause.first, first):
            for marker in CONTRASTS_BY_FIRST.get(lemmas[i], ()):
                n = len(marker)
                if i + n <= first and tuple(lemmas[i : i + n]) == marker:
                    if marker == ("over",) and not self._preference_over(i):
                        continue
                    if marker[0] == "no" and i > 0 and lemmas[i - 1] == "at":
                        continue  # "at no point" negates, it does not contrast
                    if self._fronted_contrast_closed(i, i + n, first, clause):
                        continue  # "Instead of us speaking for you, your people reply"
                    return marker
            if lemmas[i] == "so" and self._so_called(i, first):
                return ("so", "called")
            if (
                lemmas[i] == "than"
                and any(
                    t.text in {"rather", "sooner", "prefer", "better"}
                    for t in self.tokens[clause.first : i]
                )
                and not self._fronted_contrast_closed(i - 1, i + 1, first, clause)
            ):
                return ("rather", "than")
            if lemmas[i] == "than" and "more" in lemmas[clause.first : i]:
                # "forgives mistakes more readily than it forgives spin": the side compared
                # against, not refused ("the cover-up costs more than the apology" owns it)
                return ("more", "than")
            if lemmas[i] == "from" and self._changed_from(i, first, clause):
                return ("from",)
            if lemmas[i] in REPLACING and i + 4 >= first and self._replaced(i, first, clause):
                return ("replace",)
        return None

    def _replaced(self, verb: int, first: int, clause: Clause) -> bool:
        """'We replaced giveaways with useful content', 'we swapped the giveaway for a Q&A':
        what is replaced is left behind (what replaces it follows in its clause)."""
        joins = {"for", "with"} if self.lemmas[verb] == "swap" else {"with", "by"}
        return any(self.lemmas[k] in joins for k in range(first + 1, clause.last + 1))

    def of_others(self, first: int) -> bool:
        """Is the phrase said of someone other than the consultant (competitors, what
        clients ask for, what many brands do)? Looks back over its sentence to the nearest
        first person."""
        tokens = self.tokens
        sentence = tokens[first].sentence
        if "hear" in self.lemma_set and self._heard_from_others(first):
            return True  # "'We already know what you need' is the line I hear from agencies"
        if tokens[first].text in SUBJECT_FIRST_PERSON:
            return self._assumed(first)
        if self._joins_in(sentence):
            return False  # "everyone buys followers these days, and so do we"
        seen_want = (
            self._is_want(first)
            and any(  # "clients often ask lots of questions"
                t.lemma in REQUESTERS or t.text in REQUESTERS
                for t in tokens[max(0, first - 2) : first]
            )
        )
        if self._reported_before(sentence):
            return True  # "Some agencies will tell you that ...; they move it to DMs"
        opening = self.sentences[sentence][0].first
        if (
            tokens[opening].text in {"asked", "told", "pressed", "pushed", "urged", "begged"}
            and tokens[opening + 1].text == "to"
            and tokens[first].clause == tokens[opening].clause
        ):
            return True  # "Asked to hide complaints, she said no"
        if first > 0 and tokens[first - 1].text in {"everyone", "everybody"}:
            return True  # "when I started out, everyone bought followers"
        if self._others_header(first):
            return True  # "Typical agency pitch: we'll make you go viral."
        if self._vendors_who(first):
            return True  # "Agencies that promise virality get ...", "Brands that only post ..."
        between = False
        stop = self._contrast_close(first)  # "Unlike most brands, ..., the bank we worked with"
        i = first - 1
        while i > stop and tokens[i].sentence == sentence:
            token = tokens[i]
            if (
                token.text in SUBJECT_FIRST_PERSON
                and not between
                # "the agency we had before used bots": the relative clause names them
                and not (i > 0 and tokens[i - 1].lemma in OTHERS and self._former(i - 1))
            ):
                return False
            if self._is_want(i):
                if self._our_want(i):
                    return False  # "we ask to meet ...", "I'd get your staff into ..."
                if i > 0 and tokens[i - 1].lemma == "be" and token.lemma in {"ask", "tell"}:
                    return True  # "we were asked to set up fake accounts": someone else's want
                seen_want = between = True
            if token.lemma in OWN_GROUP and i > 0 and tokens[i - 1].text in {"our", "my"}:
                return False  # "our team will push ...": the speaker's own side
            if self._hired_or_reported(i, first):
                return True  # "my cousin's gym hired a guy who ...", "he bragged that ..."
            if (token.lemma in OTHERS or token.text in OTHERS) and not self._place(i):
                if token.lemma not in REQUESTERS and token.text not in REQUESTERS:
                    return not self._self_described(i, sentence)
                if (
                    seen_want
                    or self._many(i)
                    or self._observed(i, sentence)
                    or self._hired_by_others(i)
                    or (
                        token.lemma not in OWN_SIDE and self._former(i)  # not "our last client"
                    )
                ):
                    return True
            i -= 1
        return self._said_of_many(sentence)

    def _joins_in(self, sentence: int) -> bool:
        """Does the speaker join what others do ("and so do we", "we do too", "including
        us")?"""
        if JOINING.isdisjoint(self.lemma_set):
            return False
        clauses = self.sentences[sentence]
        words = [
            t.text for t in self.tokens[clauses[0].first : clauses[-1].last + 1] if t.kind == WORD
        ]
        pairs = set(pairwise(words))
        triples = set(zip(words, words[1:], words[2:], strict=False))
        return bool(
            {("so", "do", "we"), ("so", "do", "i"), ("we", "do", "too"), ("i", "do", "too")}
            & triples
            or {("including", "us"), ("including", "me"), ("we", "too")} & pairs
        )

    def named_as_term(self, first: int) -> bool:
        """'The term "going viral" comes from epidemiology', 'the idea that reach will
        arrive for free': a word or an idea named, not a plan."""
        tokens = self.tokens
        return any(
            tokens[k].lemma in TERM_WORDS and tokens[k - 1].text in {"the", "this", "that"}
            for k in range(max(1, first - 3), first)
        )

    def _others_header(self, first: int) -> bool:
        """Is the phrase after a colon whose header names what others pitch ("Typical
        agency pitch: ...", "The usual line from gurus: ...")?"""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        if clause.index == 0 or tokens[clause.first - 1].text != ":":
            return False
        before = self.clauses[clause.index - 1]
        if before.sentence != clause.sentence:
            return False
        words = [tokens[i] for i in range(before.first, before.last + 1) if tokens[i].kind == WORD]
        if len(words) > HEADER_WORDS or any(t.text in FIRST_PERSON for t in words):
            return False
        if any(t.lemma in REQUESTERS or t.text in REQUESTERS for t in words) and any(
            t.lemma in WANTS and t.lemma != "tell" for t in words
        ):
            return True  # "What prospects usually ask for: 'a viral video', ..."
        return any(t.lemma in QUOTED_OTHERS or t.lemma in FORMER for t in words) and any(
            (t.lemma in OTHERS or t.text in OTHERS) and t.lemma not in REQUESTERS for t in words
        )

    def _vendors_who(self, first: int) -> bool:
        """Is the phrase in a relative clause describing other vendors at the head of its
        sentence ("Companies that blast the same ad at you every hour lose customers",
        "Consultants who promise free earned reach are selling hope")?"""
        tokens = self.tokens
        sentence = tokens[first].sentence
        start = self.sentences[sentence][0].first
        for j in range(first - 1, max(start, first - RELATIVE_REACH - 1), -1):
            if tokens[j].text == "," or tokens[j].text in SUBJECT_FIRST_PERSON:
                return False  # "Unlike agencies that scrub comments we leave them up"
            if tokens[j].text in {"that", "who"}:
                head = tokens[j - 1] if j > start else None
                if head is None or head.text in NOT_VENDORS:
                    return False
                if head.lemma not in OTHERS and head.text not in OTHERS:
                    return False
                before = tokens[start : j - 1]
                return len(before) <= 3 and not any(
                    t.text in FIRST_PERSON or t.text in {"your", "you"} for t in before
                )
        return False

    def _reported_before(self, sentence: int) -> bool:
        """A sentence after a semicolon goes on reporting what others say in the one before
        it ("Most consultants promise that X; Y")."""
        clauses = self.sentences.get(sentence - 1)
        if not clauses:
            return False
        tokens = self.tokens
        end = clauses[-1].last
        if tokens[end].text != ";":
            return False
        before = tokens[clauses[0].first : end]
        for k, token in enumerate(before):
            if k == 0:
                continue
            if token.lemma in REPORTING and any(t.text == "that" for t in before[k + 1 : k + 4]):
                subject = before[max(0, k - 4) : k]
                if any(
                    (t.lemma in OTHERS or t.text in OTHERS) and t.text not in {"they", "people"}
                    for t in subject
                ) and not any(t.text in SUBJECT_FIRST_PERSON for t in subject):
                    return True
            if token.lemma in {"see", "watch"} and any(
                t.lemma in OTHERS and t.lemma not in REQUESTERS for t in before[k + 1 : k + 4]
            ):
                return True  # "I've seen agencies where ...; they ..."
        return False

    def _assumed(self, first: int) -> bool:
        """'Buyers usually assume I've only ever done social': what others assume of me."""
        tokens = self.tokens
        return (
            first > 1
            and tokens[first - 1].lemma in ASSUMING
            and any(
                t.lemma in REQUESTERS or t.lemma in OTHERS or t.lemma in {"buyer", "prospect"}
                for t in tokens[max(0, first - 4) : first - 1]
            )
        )

    def is_sarcastic(self, first: int) -> bool:
        return self.tokens[first].clause in self.sarcastic

    def quoted_from_others(self, first: int) -> bool:
        """Is the phrase inside double quotes that someone else says or pitches ('Some
        agencies will tell you: "..."', 'You'll hear pitches like "..."', 'Our last agency's
        line was "..."'), or that the consultant refuses to say ('We'd never say "..."')? A
        quote the consultant introduces as their own ('We tell clients: "..."') still
        counts, and so does one with nothing before it."""
        if '"' not in self.text and "\u201c" not in self.text:
            return False
        tokens = self.tokens
        at = tokens[first].start
        opening = _quote_opening(self.text, at)
        if opening is None:
            return False
        before = [t for t in tokens if t.end <= opening]
        if not before:
            return False
        sentence = before[-1].sentence
        intro = [t for t in before[-QUOTE_INTRO_WORDS:] if t.sentence == sentence]
        texts = {t.text for t in intro} | {t.lemma for t in intro}
        ours = not texts.isdisjoint(QUOTING_SELF)
        refused = any(t.negator for t in intro)
        if ours and not refused and texts.isdisjoint(FORMER | HEARING):
            return False  # "My pitch to you: ...", "What I tell every client: ..."
        return refused or not ours or not texts.isdisjoint(OTHERS | FORMER | QUOTED_OTHERS)

    def is_backstory(self, first: int) -> bool:
        """'Social had always belonged to marketing there': the past perfect of someone
        else's situation sets the scene, it is not the consultant's plan."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        if any(
            tokens[i].text == "had"
            and tokens[i - 1].text not in FIRST_PERSON
            # "they had a team posting ..." has something, it is no past perfect
            and (
                i + 1 >= len(tokens)
                or not (tokens[i + 1].text in HAVING or tokens[i + 1].text[:1].isdigit())
            )
            for i in range(max(clause.first, 1), first)
        ):
            return True
        # "Before, every post was a product"; "they used to post only offers"; "I've
        # inherited accounts full of bought followers".
        opening = self.sentences[clause.sentence][0].first
        if any(self.lemmas[i] == "inherit" for i in range(opening, first)):
            return True
        if any(  # "the old approach was to blast offers at everyone"
            self.lemmas[i] in {"old", "traditional"}
            and self.lemmas[i + 1] in {"approach", "way", "model", "playbook", "school", "days"}
            for i in range(opening, first - 1)
        ):
            return True
        # "Before we came in, the team was deleting reviews"; "when I started out, everyone
        # bought followers": the scene before the consultant arrived
        if any(
            tokens[i].text in {"before", "until", "when"}
            and tokens[i + 1].text in SUBJECT_FIRST_PERSON
            and tokens[i + 2].lemma in ARRIVING
            and not any(t.text in SUBJECT_FIRST_PERSON for t in tokens[i + 3 : first])
            for i in range(opening, first - 2)
        ):
            return True
        head = [t.text for t in tokens[opening : opening + 3]]
        if head[:2] in (["before", ","], ["until", "then"], ["back", "then"]) or head[:1] in (
            ["previously"],
            ["formerly"],
        ):
            return True
        if head[:1] == ["before"] and head[1:2] in (["him"], ["her"], ["them"]):
            return head[2:3] == [","]  # "Before him, social was a marketing thing."
        if any(  # "I got burned before by prescribing ...": a lesson learned
            self.lemmas[i] == "get" and self.lemmas[i + 1] == "burn"
            for i in range(opening, first - 1)
        ):
            return True
        return any(
            tokens[i].text == "used" and tokens[i + 1].text == "to"
            for i in range(opening, first - 1)
        )

    def is_conditional(self, first: int) -> bool:
        """'If your chief executive isn't behind it, wait': a negated condition states what
        is needed, it does not refuse it."""
        clause = self.clauses[self.tokens[first].clause]
        return self.tokens[clause.first].text in {"if", "unless"}

    def is_reversed(self, first: int) -> bool:
        clause = self.tokens[first].clause
        return clause in self.reversed or first < self.reversed_before.get(clause, -1)

    def is_mention(self, first: int) -> bool:
        """A short question ("Market research?", "Treat criticism as a gift?") or a yes/no
        question ("Should we delete the one-star reviews?") names an idea to answer it, it
        does not state it."""
        clauses = self.sentences[self.tokens[first].sentence]
        tokens = self.tokens[clauses[0].first : clauses[-1].last + 1]
        words = [t for t in tokens if t.kind == WORD]
        if not words:
            return False
        if self._asked_about(first):
            return True
        if tokens[-1].text != "?":
            return False
        # "Honestly, should we ...?", "In short: treat criticism as a gift?": the question
        # starts after a short lead-in
        lead = next((k for k, t in enumerate(tokens[:6]) if t.text in {",", ":"}), None)
        if lead is not None:
            words = [t for t in tokens[lead + 1 :] if t.kind == WORD] or words
        answer = [t.lemma for t in self.sentence_words(self.tokens[first].sentence + 1)[:6]]
        if answer[:1] in (["let"], ["that"], ["this"], ["start"], ["begin"]) and (
            EMBRACES.intersection(answer)
        ):
            return False  # "Who buys from you, and when? Let's start there."
        return (
            len(words) <= MENTION_WORDS
            or words[0].text in YES_NO
            # "Why would we hide a bad review when we can answer it?" asks it away
            or (words[0].text == "why" and len(words) > 1 and words[1].text in {"would", "should"})
            # "Why pay a team when reposts are free?" waves the idea away
            or (words[0].text == "why" and len(words) > 1 and words[1].lemma in RHETORICAL_WHY)
        )

    def _asked_about(self, first: int) -> bool:
        """An indirect question names what it asks about: "Your question was whether we'd
        take it off your hands", "Should we push the offers harder, I asked her once"."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        if any(tokens[i].text == "whether" for i in range(clause.first, first)):
            return True
        opening = self.sentences[clause.sentence]
        words = self.sentence_words(clause.sentence)
        if not words or words[0].text not in YES_NO or len(opening) < 2:
            return False
        # the question, then ", I asked (her)", ", she asked"
        for c in opening[1:]:
            said = [t for t in tokens[c.first : c.last + 1] if t.kind == WORD]
            if (
                tokens[c.first - 1].text == ","
                and len(said) <= 4
                and said[:1]
                and said[0].text in ASKERS
                and any(t.lemma in {"ask", "wonder"} for t in said[1:3])
            ):
                return tokens[first].clause < c.index
        return False

    def is_waved_away(self, first: int) -> bool:
        """A mention that the next sentence waves away ("Market research? Sure, if you enjoy
        paying for slide decks")."""
        return self.tokens[first].sentence in self.waved

    def _inactive(self, i: int) -> bool:
        tokens = self.tokens
        if (
            i > 0
            and tokens[i].lemma in NOT_NEGATING_NEXT
            and tokens[i - 1].negator
            and tokens[i - 1].kind == WORD
        ):
            return True  # "never stop", "don't skip": the two negations cancel
        following = next((t for t in tokens[i + 1 : i + 2] if t.kind == WORD), None)
        if following is not None and following.lemma in NOT_NEGATING_NEXT:
            return True
        if tokens[i].text == "without":  # "without a target market it's a shot in the dark"
            sentence = tokens[i].sentence
            for token in tokens[i + 1 :]:
                if token.sentence != sentence:
                    break
                if token.lemma in FAILURES or token.text in FAILURES:
                    return True
        return False

    def _parenthetical_after(self, i: int, clause: Clause) -> bool:
        """A comma after the negator opening an aside that a second comma closes before the
        verb: 'not, under any circumstances and whatever the deadline, delete'."""
        tokens = self.tokens
        if i + 2 > clause.last or tokens[i + 1].text != ",":
            return False
        if tokens[i + 2].text not in PARENTHETICAL_OPENERS:
            return False
        return any(
            tokens[j].text == "," and j < clause.last and tokens[j + 1].kind == WORD
            for j in range(i + 3, min(i + 12, clause.last))
        )

    def _elliptical(self, i: int) -> bool:
        """'we don't, and name people who do'; 'what they like, what they don't and ...'."""
        clause = self.clauses[self.tokens[i].clause]
        if i + 2 <= clause.last and self.tokens[i + 2].text == "ever":
            return False  # "never, ever": insisting, not elliptical
        if self._parenthetical_after(i, clause):
            return False  # "we will not, under any circumstances, delete ..."
        if i + 1 > clause.last or self.tokens[i + 1].text in JOINERS:
            return True
        # "what people said they liked and didn't.", "something your survey didn't.": a
        # negated auxiliary closing its clause after someone else stands for a verb of its own
        return self.tokens[i + 1].kind == MARK and (
            self.tokens[i - 1].text in {"and", "or", "but"}
            or (
                self.tokens[i].lemma in AUXILIARIES
                and self.tokens[i - 1].kind == WORD
                and self.tokens[i - 1].text not in SUBJECT_FIRST_PERSON
            )
        )

    def _reaches(self, i: int, first: int, clause: Clause) -> bool:
        """Does the negator at i reach forward to the word at `first` (the phrase, or its
        last word when the negator stands inside it)?"""
        tokens = self.tokens
        if self._elliptical(i):
            return False
        local = tokens[i].text == "not" and i > clause.first and tokens[i - 1].text in {",", "and"}
        # "from no social presence to a quarter of its pipeline": a "no" after a preposition
        # qualifies its own noun phrase, not the rest of the clause.
        if tokens[i].text == "no" and i > 0 and tokens[i - 1].text in PREPOSITIONS:
            return first - i <= 3
        conditional = tokens[clause.first].text in CONDITIONALS
        revealing = telling = False
        for j in range(i + 1, first):
            token = tokens[j]
            if token.text in ONLY_WORDS and j - i <= 2 and tokens[i].text != "no":
                return False  # "I won't work only with marketing": with more than marketing
            if token.lemma in REACTIONS and tokens[i].text in {"no", "nobody", "none", "never"}:
                return False  # "no client has ever complained about the bought followers"
            if token.lemma in COMPARING and tokens[i].text in {"no", "nothing", "none"}:
                return False  # "no amount of ads replaces an honest reply" praises the reply
            if token.text == "too" and "to" in self.lemmas[j + 1 : j + 4]:
                return False  # "no brand is too small to answer honestly": all should
            if local and token.kind == MARK:
                return False  # "a relationship, not a campaign, and ..."
            if token.text in JOINERS and tokens[j + 1].negator:
                return False  # "nothing for ads, nothing for staff": each its own
            if (
                token.text == ","
                and tokens[j + 1].kind == WORD
                and not tokens[j + 1].negator
                and (
                    (i > 0 and tokens[i - 1].text == ",")
                    or any(tokens[k].text == "," and tokens[k + 1].negator for k in range(i + 1, j))
                )
            ):
                return False  # "no deleting, no spin, answer everything in the open"
            if conditional and token.text == "," and self.in_list(j - 1, j + 1) is None:
                return False  # "if you can't take a case, say so": the main clause follows
            if token.lemma in NEGATION_ENDS and j - i <= 3 and self._ends_here(j):
                return False
            if token.lemma in PRESUME and j - i <= 3:
                return False  # "I'd never assume I know what they think": no presuming
            if token.lemma in REVEAL and j - i <= 3:
                # "we never tell anyone that ..." hides it; "I don't tell clients that ..."
                # refuses to claim it.
                revealing = token.lemma != "tell"
                telling = token.lemma == "tell"
            elif telling and (token.lemma in AUDIENCES or token.text in AUDIENCES):
                revealing = True
            if revealing and token.text == "that":
                return False
        return True

    def _contrasting_header(self, i: int) -> bool:
        """'Coached, not ghost-written:' (with a dash, or no mark at all): "not" after a
        word that is no auxiliary contrasts two words, it negates nothing after the colon."""
        tokens = self.tokens
        before = tokens[i - 1] if i > 0 else None
        return bool(
            before
            and (
                before.text in {",", "-"}
                or (before.kind == WORD and before.lemma not in AUXILIARIES)
            )
            and tokens[i].text == "not"
            and before.text not in SUBJECT_FIRST_PERSON
        )

    def _never_header(self, clause: Clause) -> int | None:
        """'Things I'd never do: ...', 'No thanks to: ...': a short header with any negator."""
        tokens = self.tokens
        if clause.index == 0 or tokens[clause.first - 1].text != ":":
            return None
        before = self.clauses[clause.index - 1]
        if before.sentence != clause.sentence:
            return None
        span = range(before.first, before.last + 1)
        words = [i for i in span if tokens[i].kind == WORD]
        if len(words) > HEADER_WORDS or any(tokens[i].text == "," for i in span):
            return None
        return next(
            (  # "No:" alone answers what came before
                i
                for i in words[:-1]
                if tokens[i].text in {"never", "no", "not"} and not self._inactive(i)
            ),
            None,
        )

    def _heads_clause(self, first: int, clause: Clause) -> bool:
        """... or is the last of short items joined at the head of the clause: "Bots, fake
        accounts and paid commenters are off the table"."""
        if super()._heads_clause(first, clause):
            return True
        tokens = self.tokens
        words, joined = 0, False
        for i in range(clause.first, first):
            token = tokens[i]
            if token.text in JOINERS:
                joined, words = True, 0
            elif token.kind == WORD:
                words += 1
                if words > LIST_ITEM_MAX_WORDS:
                    return False
        return joined and words == 0

    def _in_gerund_subject(self, first: int, clause: Clause) -> bool:
        """'Hiring people to post fake reviews is illegal': the phrase stands in the gerund
        that opens the clause, before its verb."""
        tokens = self.tokens
        opening = next((i for i in range(clause.first, first) if tokens[i].kind == WORD), None)
        return (
            opening is not None
            and tokens[opening].text.endswith("ing")
            and first - opening <= 8
            and not any(
                tokens[i].lemma in AUXILIARIES or tokens[i].text in SUBJECT_FIRST_PERSON
                for i in range(opening, first)
            )
        )

    def _called_a_mistake(self, first: int, clause: Clause) -> int | None:
        """'It would be a mistake to keep service out of it', 'it's pointless to ask them':
        a dismissal before the phrase, with its "to"."""
        tokens = self.tokens
        seen_be = tokens[clause.first].text in {"it", "that", "this"}  # "it's", "that'd be"
        dismissal = None
        for j in range(clause.first, first):
            token = tokens[j]
            if token.lemma == "be":
                seen_be = True
            elif seen_be and (token.lemma in DISMISSALS or token.text in DISMISSALS):
                dismissal = j
            elif dismissal is not None and token.text == "to":
                return dismissal if first - j <= 3 else None
        return None

    def is_refused_condition(self, first: int) -> bool:
        """'If you're looking for someone to go viral for you, I'm not your consultant': a
        condition the main clause refuses."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        if tokens[clause.first].text != "if":
            return False
        earlier = [c for c in self.sentences[clause.sentence] if c.index < clause.index]
        if earlier and any(  # "we'd be lying if we said we do it all"
            tokens[i].lemma in {"lie", "lying", "kid", "kidding", "joke", "joking"}
            for i in range(earlier[-1].first, earlier[-1].last + 1)
        ):
            return True
        later = [c for c in self.sentences[clause.sentence] if c.index > clause.index]
        return any(
            (tokens[i].negator and not self._inactive(i))
            or tokens[i].text in {"elsewhere", "wrong"}
            for c in later[:1]
            for i in range(c.first, c.last + 1)
        )

    def is_presumption_refused(self, first: int) -> bool:
        """'We never assume we already know what works': a refused presumption."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        return any(
            tokens[i].lemma in PRESUME and tokens[i - 1].negator
            for i in range(max(clause.first, first - 6, 1), first)
        )

    def is_hypothetical(self, first: int) -> bool:
        """'If we ever bought followers, fire us': a condition on what the speaker would
        never do is no plan."""
        clause = self.clauses[self.tokens[first].clause]
        words = [t.text for t in self.tokens[clause.first : first]]
        return bool(words) and words[0] in {"if", "should"} and "ever" in words

    def _refusal_dismissed(self, i: int, last: int, clause: Clause) -> bool:
        """'Skipping research is the fastest way to waste your budget': a refusal heading its
        clause that the clause then dismisses affirms what it refused."""
        tokens = self.tokens
        if tokens[i].text in {"not", "no", "never"} or not self._heads_clause(i, clause):
            return False
        words = [j for j in range(last + 1, clause.last + 1) if tokens[j].kind == WORD]
        if not words or tokens[words[0]].lemma != "be":
            return False
        return any(
            tokens[j].lemma in DISMISSALS or tokens[j].text in DISMISSALS
            for j in words[1 : DISMISSAL_REACH + 3]
        )

    def _ends_here(self, j: int) -> bool:
        """'that rarely works, and ...': the word closes its predicate."""
        following = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        if following is not None and following.text == "for" and self.tokens[j].lemma == "work":
            return False  # "I have not worked for a company": employment, not "it doesn't work"
        return following is None or following.kind == MARK or following.text in CLAUSE_ENDS

    def _double_negation(self, negators: list[int]) -> bool:
        """'Not one client has built trust without a paid team': the second negator
        ("without") undoes the first."""
        tokens = self.tokens
        return len(negators) >= 2 and tokens[negators[-1]].text == "without"

    def _carries_negation(self, i: int) -> bool:
        """A negated auxiliary ("aren't", "has never been", "is not") after a phrase
        negates it; "and not worry" after it does not."""
        tokens = self.tokens
        if tokens[i].lemma in AUXILIARIES:
            return True  # a contraction: "aren't", "won't"
        previous = tokens[i - 1] if i > 0 else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return bool(
            (previous and previous.lemma in AUXILIARIES)
            or (following and following.lemma in AUXILIARIES)
            # "ghost-writing replies never works", "bought followers never last"
            or (tokens[i].text == "never" and following and following.lemma in NEGATION_ENDS)
        )

    def _is_want(self, i: int) -> bool:
        """'ask', 'want', ...; 'tell' only as a request ("told us to"), not a report
        ("they told us they could")."""
        token = self.tokens[i]
        if token.lemma not in WANTS:
            return False
        if any(t.text in {"what", "how", "whatever"} for t in self.tokens[max(0, i - 4) : i]):
            return False  # "what your customers want" asks about them, it is no request
        if token.lemma in PRESSING:  # "they pushed us to ...", not "they pushed our offers"
            following = self.tokens[i + 1 : i + 4]
            return bool(following) and (
                following[0].text in PERSONS or any(t.lemma in {"to", "for"} for t in following)
            )
        return (  # "clients tell us to ...", "clients tell me they already know ..."
            token.lemma != "tell"
            or "to" in self.lemmas[i + 1 : i + 4]
            or (
                i + 1 < len(self.tokens)
                and self.tokens[i + 1].text in {"me", "us"}
                and any(  # clients' reports, not what "they" (the consultant) told us
                    t.lemma in REQUESTERS and t.text not in {"they", "he", "she"}
                    for t in self.tokens[max(0, i - 2) : i]
                )
            )
        )

    def _self_described(self, i: int, sentence: int) -> bool:
        """'We are an agency that ...' describes the speaker, not a competitor; 'we've
        watched agencies ...' does not."""
        tokens = self.tokens
        if tokens[i].lemma in RIVALS:
            return False
        j = i - 1
        while j >= 0 and tokens[j].sentence == sentence and j >= i - 4:
            if tokens[j].text in {":", ","}:
                return False  # "My answer: some agencies ..." describes them, not me
            if tokens[j].lemma in OBSERVING or tokens[j].text in FORMER:
                return False
            if tokens[j].lemma in HIRING:  # "we hired freelancers who ..." is the speaker's
                return not self._hired_by_others(i)
            if tokens[j].text in {"after", "before", "when", "until", "since", "because"}:
                return False  # "clients come to us after an agency promised them ..."
            if tokens[j].text in FIRST_PERSON and tokens[j].text not in {"us", "me"}:
                return True
            j -= 1
        return False

    def _heard_from_others(self, first: int) -> bool:
        """ "'We already know what your customers want' is the sentence I hear from agencies":
        the phrase is what is heard from others, named after it."""
        tokens, lemmas = self.tokens, self.lemmas
        sentence = tokens[first].sentence
        end = self.sentences[sentence][-1].last
        seen_be = False
        for k in range(first + 1, end):
            seen_be = seen_be or lemmas[k] == "be"
            if seen_be and lemmas[k] == "hear":
                after = range(k + 1, min(end, k + 5))
                at = next((m for m in after if lemmas[m] == "from"), None)
                return at is not None and any(
                    lemmas[m] in OTHERS or tokens[m].text in OTHERS
                    for m in range(at + 1, min(end + 1, at + 4))
                )
        return False

    def _hired_or_reported(self, i: int, first: int) -> bool:
        """Token i hires someone the phrase's relative clause describes ("My brother-in-law's
        gym hired a guy who deleted every bad review"), or reports what someone else said or
        bragged of ("A guy on the panel bragged that his shop deletes ..."): neither is the
        speaker, unless the speaker is the one hiring or reporting, or the subject the
        report is about ("... insisted that we delete ...")."""
        tokens = self.tokens
        lemma = tokens[i].lemma
        if lemma in HIRING:
            joined = RELATIVES.intersection(t.text for t in tokens[i + 1 : first])
        elif lemma in REPORTING | BRAGGING:
            joined = {"that"} & {t.text for t in tokens[i + 1 : i + 3]}
        else:
            return False
        if not joined or any(t.text in FIRST_PERSON for t in tokens[i + 1 : first]):
            return False
        k = i - 1
        while k >= 0 and tokens[k].lemma in AUXILIARIES:
            k -= 1
        if k < 0 or tokens[k].kind != WORD or tokens[k].sentence != tokens[i].sentence:
            return False
        subject = tokens[self.sentences[tokens[i].sentence][0].first : k + 1]
        return not any(t.text in SUBJECT_FIRST_PERSON or t.text in {"our", "us"} for t in subject)

    def _hired_by_others(self, i: int) -> bool:
        """'Our sister hotel hired someone who ...', 'my last client had paid an agency
        that ...': whom someone else hired is not the speaker (in 'we hire freelancers
        who ...' the speaker is the one hiring)."""
        tokens = self.tokens
        j = i - 1
        while j >= 0 and tokens[j].text in {"a", "an", "the", "some"}:
            j -= 1
        if j < 1 or tokens[j].lemma not in HIRING:
            return False
        k = j - 1
        while k >= 0 and tokens[k].lemma in AUXILIARIES:
            k -= 1
        return k >= 0 and tokens[k].kind == WORD and tokens[k].text not in SUBJECT_FIRST_PERSON

    def _our_want(self, i: int) -> bool:
        """'we ask', 'we always ask', "I'd get": the speaker's own want, not a client's (in
        "firms we meet want to ...", the firms want)."""
        tokens = self.tokens
        if i > 0 and tokens[i - 1].text in SUBJECT_FIRST_PERSON:
            return True
        return (
            i > 1
            and tokens[i - 2].text in SUBJECT_FIRST_PERSON
            and tokens[i - 1].lemma in WANT_ADVERBS
        )

    def _place(self, i: int) -> bool:
        """'at a B2B packaging firm', 'for a running-shoe shop': not a subject."""
        for token in reversed(self.tokens[max(0, i - 4) : i]):
            if token.kind == MARK or token.clause != self.tokens[i].clause:
                return False
            if token.lemma in PLACES:
                return True
        return False

    def _many(self, i: int) -> bool:
        """'most brands', 'a lot of companies', 'plenty of agencies' (not 'most clients':
        the consultant's own)."""
        lemmas = self.lemmas
        if lemmas[i] in OWN_SIDE:
            return False
        j = i - 1
        while j >= 0 and lemmas[j] in {"of", "the", "a", "our", "your"}:
            j -= 1
        return j >= 0 and lemmas[j] in QUANTIFIERS

    def _former(self, i: int) -> bool:
        """'your last firm', 'the agency we had before', 'the firm before us': someone the
        speaker came after."""
        tokens = self.tokens
        if any(t.text in FORMER for t in tokens[max(0, i - 2) : i]):
            return True
        after = [t.text for t in tokens[i + 1 : i + 5]]
        return after[:2] in (["before", "us"], ["before", "me"]) or (
            len(after) >= 3 and after[0] in {"we", "i", "you", "they"} and after[2] == "before"
        )

    def _said_of_many(self, sentence: int) -> bool:
        """'In many law firms social media sits with one assistant'; 'What most hotels do is
        chase a viral moment': the sentence describes what many others do."""
        words = self.sentence_words(sentence)
        opening = [t.text for t in words[:5]]
        if (
            opening[:1] == ["in"]
            and opening[1:2]
            and opening[1] in {"many", "most", "some"}
            and any(t.lemma in OTHERS for t in words[2:4])
        ):
            return True
        if (  # "One of the gyms near you has a ring of fake accounts"
            opening[:2] == ["one", "of"]
            and opening[2:3]
            and opening[2] in {"the", "your", "those", "these"}
            and any(t.lemma in OTHERS or t.lemma in BUSINESSES for t in words[3:5])
        ):
            return True
        return (
            opening[:1] == ["what"]
            and len(opening) >= 4
            and opening[1] in QUANTIFIERS
            and "do" in opening[3:5]
        )

    def _observed(self, i: int, sentence: int) -> bool:
        """'I've seen companies try to make it everybody's job'."""
        tokens = self.tokens
        return any(
            tokens[j].lemma in OBSERVING and tokens[j].sentence == sentence
            for j in range(max(0, i - 3), i)
        )

    def _preference_over(self, i: int) -> bool:
        """'relationships over campaigns', 'experience over surveys' prefer; 'over 3
        years', 'over sixty brands' and 'take over' do not."""
        tokens = self.tokens
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return bool(
            before
            and after
            and before.kind == WORD
            and after.kind == WORD
            and before.lemma
            not in word_set("take hand turn all go be think look talk get win start run hold")
            and not after.text[:1].isdigit()
            and after.text not in COUNT_WORDS
            and after.lemma
            not in word_set("the a an time year month week day and or to it them this that")
        )

    def _contrast_close(self, first: int) -> int:
        """The comma that closes a contrast opening the phrase's clause ("Rather than
        juggling five vendors, you get us ..."), or -1: who the contrast names is not who
        speaks after it."""
        clause = self.clauses[self.tokens[first].clause]
        opening = self.sentences[clause.sentence][0]
        lemmas = self.lemmas
        for i in range(opening.first, min(opening.first + 2, first)):
            for marker in CONTRASTS_BY_FIRST.get(lemmas[i], ()):
                n = len(marker)
                if tuple(lemmas[i : i + n]) != marker or marker[0] not in FRONTED:
                    continue
                if opening.index != clause.index:
                    return opening.last  # the contrast is a clause of its own
                for j in range(i + n, first):
                    if self._fronted_contrast_closed(i, j, j + 1, clause):
                        return j
        return -1

    def _fronted_contrast_closed(self, i: int, after: int, first: int, clause: Clause) -> bool:
        """A contrast that opens its clause ("Instead of X, ...", "Unlike most agencies,
        ...") turns from what it names up to its comma; the main clause after the comma is
        the speaker's (not a list's comma, nor one before "who", "which" or "that")."""
        tokens = self.tokens
        if i - clause.first > 1:
            return False
        for j in range(after, first):
            if (
                tokens[j].text in {",", "-"}
                and tokens[j + 1].text not in {"who", "which", "that", "whose", "where"}
                and (
                    self.in_list(j - 1, j + 1) is None
                    # "Rather than hoping the internet will do it for free, put a paid, ...":
                    # more words than a list's item
                    or sum(t.kind == WORD for t in tokens[after:j]) > LIST_ITEM_MAX_WORDS
                )
            ):
                return True
        return False

    def _so_called(self, i: int, first: int) -> bool:
        """'so-called' doubts only the few words it stands before."""
        lemmas = self.lemmas
        return (
            lemmas[i] == "so"
            and i + 1 < len(lemmas)
            and lemmas[i + 1] in {"call", "called"}
            and first - i <= SO_CALLED_REACH + 1
        )

    def _changed_from(self, i: int, first: int, clause: Clause) -> bool:
        """'They turned our LinkedIn from press releases into practical guides.'"""
        lemmas = self.lemmas
        if not any(lemma in CHANGES for lemma in lemmas[max(clause.first, i - 8) : i]):
            return False
        return any(lemma in {"into", "to"} for lemma in lemmas[first : clause.last + 1])
