"""Reading an answer the way the text rules need it: words with their lemmas and positions,
sentences and clauses, and what a clause says about a phrase in it (negated, contrasted
away, said of someone else, sarcastic or conceded, one item of a list). Pure Python, no
Django.

Lemmas come from simplemma's English dictionary, which ships inside the package (no model,
no download), with a small fallback for the inflections it leaves alone ("buying").

Scope, as a reader would take it:
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

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

WORD, MARK = 0, 1


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _cues(text: str) -> tuple[tuple[str, ...], ...]:
    """Word sequences separated by '|' (a cue may hold a comma: "sure , let")."""
    return tuple(tuple(cue.split()) for cue in text.split("|") if cue.strip())


TOKEN = re.compile(
    r"(?P<word>[^\W_]+(?:['’][^\W_]+)*)|(?P<mark>[.!?;:,()\[\]/&%$€£\n]|—|–|\s-\s|-{2,})"
)
# Marks that end a sentence (and so a clause).
SENTENCE_MARKS = frozenset({".", "!", "?", ";", "(", ")", "[", "]", "\n", "—", "–", "--"})
# A colon ends a clause, not a sentence: what follows it elaborates on what came before
# ("Who we'd want involved: marketing, PR, legal").
CLAUSE_MARKS = frozenset({":"})
# Words that end the clause before them and start a new one.
CLAUSE_WORDS = _set(
    """but however whereas although though yet while whilst except unless until because since
    once before after so then otherwise if when whenever"""
)
# After a comma, "and" or "or", these start a new clause ("..., we'll go viral").
SUBJECTS = _set("i we you they he she it there our my this")
JOINERS = frozenset({",", "and", "or", "&", "plus", "/"})
NEGATORS = _set(
    """not never no none nor neither nothing nobody without cannot avoid refuse stop against
    hardly rarely seldom forget ban reject zero skip cancel scrap ditch"""
)
# A negator followed by one of these does not negate: "not only", "no matter", "never fail".
NOT_NEGATING_NEXT = _set("only just merely matter doubt fail least exception")
# A negation ends with these: "that rarely works and we offer ..." negates "works" only.
NEGATION_ENDS = _set("work matter last happen succeed stick scale land")
# "We never tell anyone that the reviews are ours": a negated telling hides what follows.
REVEAL = _set("tell reveal disclose admit mention let label flag")
# Words that, after a phrase at the head of its clause, dismiss it ("... is a myth"), or
# before it, introduce it as a mistake ("the mistake ... is ...").
DISMISSALS = _set(
    """myth trap gamble lottery fantasy mistake waste fad gimmick illusion nonsense luck pipe
    dead backfire fail useless pointless overrated nothing rarely seldom counterproductive
    damage hurt kill erode destroy risky danger dangerous harm off overkill luxury worst
    unnecessary optional vanity worse louder lose losing expensive costly irrelevant
    distraction"""
)
# "X is lovely, but ...": a concession dismisses X when a "but" clause follows.
CONCESSIVE = _set("lovely nice great fine cute fun good")
# "Without a target market it's a shot in the dark" argues for the market.
FAILURES = DISMISSALS | _set("dark guess guesswork blind blindly fails flop")
# Contrast markers, as lemma sequences: the phrase after them is what the speaker turns from.
CONTRASTS = _cues(
    """instead of | rather than | unlike | as opposed to | in place of | no need | no time |
    no point | no room | no place | far from | other than | more than just | over |
    worth more than | better than | more useful than | more valuable than"""
)
SO_CALLED_REACH = 3
# "turned the feed from press releases into guides": the phrase after "from" is left behind.
CHANGES = _set("turn transform move shift switch change convert")
SARCASM = _cues(
    """what could go wrong | what could possibly go wrong | what can go wrong | yeah right |
    good luck with that | because that always work | because that always works |
    that always end well | that always ends well | sure that will work | how hard can it be |
    said no one ever | say no one ever | magic bullet | sure , let | would be lovely |
    winning the lottery | in this day and age | fairy | magic wand | pixie dust |
    gone brilliantly | went brilliantly | worked brilliantly | ah yes | oh yes | oh sure |
    if you enjoy paying | if you like paying"""
)
# "Sure, ..." or "Of course, ..." opening a sentence, answered by "rather", "but" or "or":
# the speaker concedes the tactic only to turn from it.
CONCESSIONS = _cues("sure , | of course , | yes , | fine , | ok , | okay ,")
CONCESSION_TURNS = _set("rather instead but or meanwhile meantime")
# After a short question ("Market research?"), an answer that waves the idea away.
WAVES = _set("sure lovely nice great fine cute yeah yes only")
WAVE_TURNS = _set("until but enjoy like theory")
REVERSALS = _cues(
    """the opposite | talk they out of | talk we out of | argue against | push back | we pass |
    no thanks"""
)
# Who else a phrase can be said of: competitors and the like (any verb) ...
OTHERS = _set(
    """agency agencies competitor vendor guru freelancer firm outfit others shop hustler
    marketer consultant consultancy company brand people everyone everybody someone somebody
    they client customer business owner boss founder manager predecessor team recruiter anyone
    anybody whoever"""
)
# ... the ones that only speak for others when they ask, want or promise something
# ("clients ask us to go viral"), when many of them do it ("most brands delete criticism")
# or when the speaker watched them ("I've seen companies ..."); on their own they are the
# subject of evidence ("clients trust us").
REQUESTERS = _set(
    """client customer company brand people everyone everybody business owner boss founder
    manager team someone somebody they recruiter"""
)
WANTS = _set(
    """ask want expect demand hope request insist crave beg dream wish like love think
    believe assume imagine obsess chase tell push pressure say brief panic"""
)
QUANTIFIERS = _set("most many lot lots plenty several few other too")
# The consultant's own clients: "most clients see their numbers climb" is evidence.
OWN_SIDE = _set("client customer buyer")
# "at a B2B packaging firm", "for a running-shoe shop": a place or a beneficiary.
PLACES = _set("at for with in from to into on by within inside")
FORMER = _set("last previous old former other")  # "our last agency" was someone else
OBSERVING = _set("see watch meet notice know replace inherit follow compete beat than")
FIRST_PERSON = _set("i we us our ours my me myself ourselves")
# Only a first-person subject ends the search for whom a phrase is said of: in "clients
# ask us to go viral", "us" is the one asked.
SUBJECT_FIRST_PERSON = frozenset({"i", "we"})
# After a phrase, these carry its negation: "... aren't part of what we offer", "... has
# never been the goal", "... won't be needed".
AUXILIARIES = _set("be have do will can would should could must")
POST_NEGATION_REACH = 3  # words after the phrase, when it does not head its clause
POSTPONE = _set("later eventually afterwards")  # "... your audience later": not now
DISMISSAL_REACH = 4  # "asking them is a waste": the dismissal follows its phrase closely
# Determiners and the like that may stand before the head phrase of a clause.
HEAD_FILLERS = _set(
    """a an the any all some our your their its this that these those just simply and or also
    honestly frankly really to trying try chasing chase relying rely on then so but even more
    lots of constant"""
)
CONTRACTIONS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "be", "don": "do"}
LIST_ITEM_MAX_WORDS = 3
MENTION_WORDS = 6
YES_NO = _set("should shall do does did can could would will is are was were")


@dataclass(slots=True)
class Token:
    text: str  # as written, lower-cased
    lemma: str
    start: int
    end: int
    kind: int  # WORD or MARK
    sentence: int = 0
    clause: int = 0
    negator: bool = False


@dataclass(slots=True)
class Clause:
    index: int
    sentence: int
    first: int  # token indexes, inclusive
    last: int


class Reading:
    """One text, tokenised and segmented, answering the scope questions the rules ask."""

    __slots__ = (
        "clauses",
        "lemmas",
        "list_spans",
        "reversed",
        "sarcastic",
        "sentences",
        "text",
        "tokens",
        "waved",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.lemmas = [t.lemma for t in self.tokens]
        self.clauses = _segment(self.tokens)
        self.words = [i for i, t in enumerate(self.tokens) if t.kind == WORD]
        self.sentences: dict[int, list[Clause]] = {}
        for clause in self.clauses:
            self.sentences.setdefault(clause.sentence, []).append(clause)
        self.sarcastic = self._sarcastic()
        self.reversed = self._reversed()
        self.waved = self._waved()
        self.list_spans = _lists(self.tokens, self.clauses)

    # --- Scope -----------------------------------------------------------------------------

    def negated(self, first: int, last: int, own: frozenset[int] = frozenset()) -> bool:
        return self.negation(first, last, own) is not None

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
            if tokens[i].negator and i not in own and not self._inactive(i)
        ]
        before = [i for i in before if i >= first or self._reaches(i, first, clause)]
        if before and not self._double_negation(before):
            return before[-1]
        if self._introduced_as_mistake(first, clause):
            return clause.first
        heads = self._heads_clause(first, clause)
        words_after = 0
        comma = False
        copula = None  # "X is the fastest way to lose them": the dismissal follows "is"
        for i in range(last + 1, clause.last + 1):
            token = tokens[i]
            if token.kind == WORD:
                words_after += 1
                if copula is None and token.lemma == "be" and words_after <= DISMISSAL_REACH:
                    copula = words_after
            comma = comma or token.text == ","
            if token.text in {"that", "which", "who"} or (
                not heads and words_after > POST_NEGATION_REACH
            ):
                break  # "upfront that she wouldn't touch ..." is another proposition
            if (token.lemma in POSTPONE or token.text in POSTPONE) and words_after <= 1:
                return i  # "we'll figure out your audience later"
            dismissal = (
                token.lemma in DISMISSALS or token.text in DISMISSALS or self._conceded(i, clause)
            )
            reach = DISMISSAL_REACH + (copula + 2 if copula else 0)
            if heads and dismissal and words_after <= reach and not comma:
                return i
            if (
                (token.text in {"not", "never"} or token.negator and token.lemma in AUXILIARIES)
                and not self._inactive(i)
                and self._carries_negation(i)
                and not self._elliptical(i)
            ):
                return i
        return None

    def contrasted(self, first: int) -> tuple[str, ...] | None:
        """The contrast marker ("instead of", "unlike", ...) before the phrase, in its
        clause, that turns the speaker away from it, or None."""
        clause = self.clauses[self.tokens[first].clause]
        lemmas = self.lemmas
        for i in range(clause.first, first):
            for marker in CONTRASTS:
                n = len(marker)
                if i + n <= first and tuple(lemmas[i : i + n]) == marker:
                    if marker == ("over",) and not self._preference_over(i):
                        continue
                    if marker[0] == "no" and i > 0 and lemmas[i - 1] == "at":
                        continue  # "at no point" negates, it does not contrast
                    return marker
            if lemmas[i] == "so" and self._so_called(i, first):
                return ("so", "called")
            if lemmas[i] == "than" and "rather" in lemmas[clause.first : i]:
                return ("rather", "than")
            if lemmas[i] == "from" and self._changed_from(i, first, clause):
                return ("from",)
        return None

    def of_others(self, first: int) -> bool:
        """Is the phrase said of someone other than the consultant (competitors, what
        clients ask for, what many brands do)? Looks back over its sentence to the nearest
        first person."""
        tokens = self.tokens
        sentence = tokens[first].sentence
        if tokens[first].text in SUBJECT_FIRST_PERSON:
            return False
        seen_want = self._is_want(first) and any(  # "clients often ask lots of questions"
            t.lemma in REQUESTERS or t.text in REQUESTERS for t in tokens[max(0, first - 2) : first]
        )
        between = False
        i = first - 1
        while i >= 0 and tokens[i].sentence == sentence:
            token = tokens[i]
            if token.text in SUBJECT_FIRST_PERSON and not between:
                return False
            if self._is_want(i):
                if any(t.text in SUBJECT_FIRST_PERSON for t in tokens[max(0, i - 2) : i]):
                    return False  # "we ask to meet ...", "I'd get your staff into ..."
                seen_want = between = True
            if (token.lemma in OTHERS or token.text in OTHERS) and not self._place(i):
                if token.lemma not in REQUESTERS and token.text not in REQUESTERS:
                    return not self._self_described(i, sentence)
                if seen_want or self._many(i) or self._observed(i, sentence):
                    return True
            i -= 1
        return False

    def is_sarcastic(self, first: int) -> bool:
        return self.tokens[first].clause in self.sarcastic

    def is_backstory(self, first: int) -> bool:
        """'Social had always belonged to marketing there': the past perfect of someone
        else's situation sets the scene, it is not the consultant's plan."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        before = tokens[clause.first : first]
        return any(t.text == "had" for t in before) and not any(
            t.text in FIRST_PERSON for t in before
        )

    def is_reversed(self, first: int) -> bool:
        return self.tokens[first].clause in self.reversed

    def is_mention(self, first: int) -> bool:
        """A short question ("Market research?", "Treat criticism as a gift?") or a yes/no
        question ("Should we delete the one-star reviews?") names an idea to answer it, it
        does not state it."""
        clauses = self.sentences[self.tokens[first].sentence]
        tokens = self.tokens[clauses[0].first : clauses[-1].last + 1]
        words = [t for t in tokens if t.kind == WORD]
        if tokens[-1].text != "?" or not words:
            return False
        return len(words) <= MENTION_WORDS or words[0].text in YES_NO

    def is_waved_away(self, first: int) -> bool:
        """A mention that the next sentence waves away ("Market research? Sure, if you enjoy
        paying for slide decks")."""
        return self.tokens[first].sentence in self.waved

    def in_list(self, first: int, last: int) -> tuple[int, int] | None:
        """The catalogue list (its first and last token) holding this phrase, if any."""
        for start, end in self.list_spans:
            if start <= first and last <= end:
                return start, end
        return None

    def clause_text(self, first: int) -> str:
        clause = self.clauses[self.tokens[first].clause]
        return self.text[self.tokens[clause.first].start : self.tokens[clause.last].end].strip(
            " ,"
        )

    # --- Helpers ---------------------------------------------------------------------------

    def _inactive(self, i: int) -> bool:
        tokens = self.tokens
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

    def _elliptical(self, i: int) -> bool:
        """'we don't, and name people who do'; 'what they like, what they don't and ...'."""
        clause = self.clauses[self.tokens[i].clause]
        return i + 1 > clause.last or self.tokens[i + 1].text in JOINERS

    def _reaches(self, i: int, first: int, clause: Clause) -> bool:
        """Does the negator at i reach forward to the phrase at `first`?"""
        tokens = self.tokens
        if self._elliptical(i):
            return False
        local = tokens[i].text == "not" and i > 0 and tokens[i - 1].text in {",", "and"}
        revealing = False
        for j in range(i + 1, first):
            token = tokens[j]
            if local and token.kind == MARK:
                return False  # "a relationship, not a campaign, and ..."
            if token.text == "," and tokens[j + 1].negator:
                return False  # "nothing for ads, nothing for staff": each its own
            if token.lemma in NEGATION_ENDS and j - i <= 3:
                return False
            if token.lemma in REVEAL and j - i <= 3:
                revealing = True
            if revealing and token.text == "that":
                return False
        return True

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
        )

    def _introduced_as_mistake(self, first: int, clause: Clause) -> bool:
        """'The mistake I see most often is treating a feed like a billboard.'"""
        tokens = self.tokens
        head = next(
            (
                i
                for i in range(clause.first, first)
                if tokens[i].kind == WORD and tokens[i].lemma not in HEAD_FILLERS
            ),
            None,
        )
        if head is not None and tokens[head].lemma in {"big", "common", "classic", "usual"}:
            head += 1  # "the biggest mistake is ..."
        if head is None or tokens[head].lemma not in DISMISSALS or tokens[head].negator:
            return False
        return any(tokens[j].lemma == "be" for j in range(head + 1, first))

    def _conceded(self, i: int, clause: Clause) -> bool:
        """'50,000 likes is lovely, but try paying the rent with them'; 'followers went up
        as well, but the number we report is revenue'."""
        tokens = self.tokens
        if tokens[i].text in {"well", "too"} and i == self._last_word(clause):
            following = tokens[clause.last + 1] if clause.last + 1 < len(tokens) else None
            return following is not None and following.text == "but"
        if tokens[i].lemma not in CONCESSIVE or tokens[i - 1].lemma not in {"be", "very"}:
            return False
        following = tokens[clause.last + 1] if clause.last + 1 < len(tokens) else None
        return following is not None and following.text == "but"

    def _last_word(self, clause: Clause) -> int:
        return max(i for i in range(clause.first, clause.last + 1) if self.tokens[i].kind == WORD)

    def _heads_clause(self, first: int, clause: Clause) -> bool:
        """Only fillers, or at most two other words ("Reading through what people say
        ..."), stand before the phrase in its clause."""
        others = 0
        for i in range(clause.first, first):
            token = self.tokens[i]
            if token.kind == WORD and token.lemma not in HEAD_FILLERS and not token.negator:
                others += 1
                if others > 2:
                    return False
        return True

    def _is_want(self, i: int) -> bool:
        """'ask', 'want', ...; 'tell' only as a request ("told us to"), not a report
        ("they told us they could")."""
        token = self.tokens[i]
        if token.lemma not in WANTS:
            return False
        if any(t.text in {"what", "how", "whatever"} for t in self.tokens[max(0, i - 4) : i]):
            return False  # "what your customers want" asks about them, it is no request
        return token.lemma != "tell" or "to" in self.lemmas[i + 1 : i + 4]

    def _self_described(self, i: int, sentence: int) -> bool:
        """'We are an agency that ...' describes the speaker, not a competitor; 'we've
        watched agencies ...' does not."""
        tokens = self.tokens
        j = i - 1
        while j >= 0 and tokens[j].sentence == sentence and j >= i - 4:
            if tokens[j].lemma in OBSERVING or tokens[j].text in FORMER:
                return False
            if tokens[j].text in FIRST_PERSON:
                return True
            j -= 1
        return False

    def _place(self, i: int) -> bool:
        """'at a B2B packaging firm', 'for a running-shoe shop': not a subject."""
        for token in reversed(self.tokens[max(0, i - 4) : i]):
            if token.kind == MARK:
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
            not in _set("take hand turn all go be think look talk get win start run hold")
            and not after.text[:1].isdigit()
            and after.text not in _NUMBER_WORDS
            and after.lemma
            not in _set("the a an time year month week day and or to it them this that")
        )

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

    # --- Sentences turned around -------------------------------------------------------------

    def _sentence_words(self, sentence: int) -> list[Token]:
        clauses = self.sentences.get(sentence, [])
        if not clauses:
            return []
        return [
            t for t in self.tokens[clauses[0].first : clauses[-1].last + 1] if t.kind == WORD
        ]

    def _clauses_of(self, sentence: int) -> set[int]:
        return {c.index for c in self.sentences.get(sentence, [])}

    def _sarcastic(self) -> frozenset[int]:
        """Clauses a sarcasm marker or a concession turns around."""
        marked: set[int] = set()
        texts = [t.text for t in self.tokens]
        for i, token in enumerate(self.tokens):
            for cue in SARCASM:
                if texts[i : i + len(cue)] == list(cue):
                    sentence = token.sentence
                    marked |= self._clauses_of(sentence)
                    # "Buy 10,000 followers. What could go wrong?" turns the sentence
                    # before; so does "...; that's gone brilliantly for everyone else".
                    words = self._sentence_words(sentence)
                    if len(words) <= len(cue) + 3 or words[0].text in {"that", "which"}:
                        marked |= self._clauses_of(sentence - 1)
        for sentence, clauses in self.sentences.items():
            first = self.tokens[clauses[0].first : clauses[0].first + 3]
            if [t.text for t in first[:2]] == ["as", "if"]:  # "As if that works."
                marked |= self._clauses_of(sentence) | self._clauses_of(sentence - 1)
            if not any(tuple(t.text for t in first[: len(c)]) == c for c in CONCESSIONS):
                continue
            turned = [c for c in clauses if self.tokens[c.first].text in {"but", "until"}]
            following = self._sentence_words(sentence + 1)
            if turned:
                marked |= {c.index for c in clauses if c.index < turned[0].index}
            elif any(t.lemma in CONCESSION_TURNS for t in following[:3]) or any(
                t.lemma in {"rather", "instead"} for t in following
            ):
                marked |= {c.index for c in clauses}
        return frozenset(marked)

    def _reversed(self) -> frozenset[int]:
        """Clauses that a reversal ("I argued for the opposite") turns around: the clauses
        before it in its sentence, or the sentence before when it opens its own."""
        turned: set[int] = set()
        lemmas = self.lemmas
        for i, token in enumerate(self.tokens):
            for cue in REVERSALS:
                if tuple(lemmas[i : i + len(cue)]) == cue:
                    clause = self.clauses[token.clause]
                    same = [c.index for c in self.sentences[clause.sentence]]
                    turned |= {c for c in same if c < clause.index}
                    if same[0] == clause.index:
                        turned |= self._clauses_of(clause.sentence - 1)
        return frozenset(turned)

    def _waved(self) -> frozenset[int]:
        """Short questions that the next sentence waves away."""
        waved = set()
        for sentence in self.sentences:
            words = self._sentence_words(sentence)
            last = self.tokens[self.sentences[sentence][-1].last]
            if not words or last.text != "?" or len(words) > MENTION_WORDS:
                continue
            answer = self._sentence_words(sentence + 1)
            if (
                answer
                and answer[0].lemma in WAVES
                and any(t.lemma in WAVE_TURNS for t in answer[:8])
            ):
                waved.add(sentence)
        return frozenset(waved)


_NUMBER_WORDS = _set(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million dozen"""
)

# --- Tokens and lemmas ----------------------------------------------------------------------

# Where simplemma's dictionary reads a verb form as a noun of its own, or a noun in -ing as
# a verb form ("accounting" is not "account").
OVERRIDES = {
    "buying": "buy",
    "hiring": "hire",
    "spamming": "spam",
    "posting": "post",
    "accounting": "accounting",
    "branding": "branding",
}
_KNOWN: set[str] = set()  # base forms the lexicon uses; the inflection fallback aims at them


def teach(words: set[str]) -> None:
    """Tell the lemmatiser which base forms the rules use (see `lemma`): the words that
    simplemma leaves as they are ("timing" is a noun of its own, not "time")."""
    _KNOWN.update(w for w in words if simplemma.lemmatize(w, lang="en") == w)
    lemma.cache_clear()


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a lower-case word. simplemma first; when it leaves a word
    unchanged that ends like an inflection ("buying", "hires"), try the base forms the
    rules know."""
    if word in OVERRIDES:
        return OVERRIDES[word]
    if word in _KNOWN:
        return word
    base = simplemma.lemmatize(word, lang="en")
    if base == word or base not in _KNOWN:
        for candidate in _candidates(word):
            if candidate in _KNOWN:
                return candidate
    return base


def _candidates(word: str) -> tuple[str, ...]:
    if len(word) <= 3:
        return ()
    found: list[str] = []
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        found += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            found.append(stem[:-1])
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        found += [stem, word[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            found.append(stem[:-1])
        if stem.endswith("i"):
            found.append(stem[:-1] + "y")
    if word.endswith("ies"):
        found.append(word[:-3] + "y")
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    return tuple(found)


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for match in TOKEN.finditer(text):
        word = match.group("word")
        if word is None:
            mark = match.group("mark").strip()
            append(Token(mark, mark, match.start(), match.end(), MARK))
            continue
        lower = word.lower().replace("’", "'")
        negator = False
        if "'" in lower:
            head, _, tail = lower.partition("'")
            if tail == "t" and head.endswith("n"):
                negator = True
                head = head[:-1]
                head = CONTRACTIONS.get(head, head)
            elif tail in ("ll", "re", "ve", "d", "m", "s"):
                pass
            else:
                head = lower
            lower_form = head
        else:
            lower_form = lower
            negator = lower in NEGATORS
        append(
            Token(lower_form, lemma(lower_form), match.start(), match.end(), WORD, negator=negator)
        )
    return tokens


def _segment(tokens: list[Token]) -> list[Clause]:
    """Sentences and clauses, written onto the tokens; returns the clauses."""
    clauses: list[Clause] = []
    sentence = 0
    start = 0

    def close(last: int, next_sentence: bool) -> None:
        nonlocal start, sentence
        if last >= start:
            clauses.append(Clause(len(clauses), sentence, start, last))
            for token in tokens[start : last + 1]:
                token.sentence = sentence
                token.clause = len(clauses) - 1
        start = last + 1
        if next_sentence:
            sentence += 1

    for i, token in enumerate(tokens):
        if token.kind == MARK:
            if token.text in SENTENCE_MARKS and not _decimal_point(tokens, i):
                close(i, True)
            elif token.text in CLAUSE_MARKS and not _decimal_point(tokens, i):
                close(i, False)
            continue
        if i == start:
            continue
        previous = tokens[i - 1]
        if token.text in CLAUSE_WORDS and not _clause_word_inside(tokens, i):
            close(i - 1, False)
        elif (
            (token.text in SUBJECTS or token.text == "which")
            and previous.text in JOINERS
            and i - 1 > start
        ):
            close(i - 1, False)
    close(len(tokens) - 1, True)
    if not clauses:
        clauses.append(Clause(0, 0, 0, -1))
    return clauses


def _decimal_point(tokens: list[Token], i: int) -> bool:
    """'2.5' and '1:1' are numbers, not sentence ends."""
    if tokens[i].text not in (".", ":") or i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return (
        before.end == tokens[i].start
        and after.start == tokens[i].end
        and before.text[-1:].isdigit()
        and after.text[:1].isdigit()
    )


def _clause_word_inside(tokens: list[Token], i: int) -> bool:
    """'so' in 'so far', 'so many', 'and so on'; 'since 2015'; 'before/after' followed by a
    noun phrase rather than a clause still end the clause (their phrase is a new scope)."""
    word = tokens[i].text
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if word == "so" and following in {"far", "many", "much", "that", "on", "called", "call"}:
        return word != "so" or following == "that"
    if word == "if" and tokens[i - 1].text in {"as", "even"}:
        return True
    if word == "since" and following[:1].isdigit():
        return True
    if word == "yet" and tokens[i - 1].text in {"not", "n't", "never"}:
        return True
    if word == "however" and following not in SUBJECTS and following != ",":
        return tokens[i - 1].text != "."
    return word == "then" and tokens[i - 1].text in {"and", ","}


def _lists(tokens: list[Token], clauses: list[Clause]) -> list[tuple[int, int]]:
    """Runs of at least three short items joined by commas, slashes, "and" or "or": a
    list names things, it does not show them done."""
    spans: list[tuple[int, int]] = []
    for clause in clauses:
        items: list[tuple[int, int]] = []  # (first, last) word token of each item
        item_start: int | None = None
        words = 0
        separators = 0
        for i in range(clause.first, clause.last + 1):
            token = tokens[i]
            if token.kind == MARK and token.text in {",", "/", "&"} or token.text in {
                "and",
                "or",
                "plus",
            }:
                if item_start is not None:
                    if words <= LIST_ITEM_MAX_WORDS:
                        items.append((item_start, i - 1))
                    else:
                        _close_list(items, separators, spans)
                        items, separators = [], 0
                if token.kind == MARK:
                    separators += 1
                item_start, words = None, 0
                continue
            if token.kind == MARK:
                continue
            if item_start is None:
                item_start = i
            words += 1
        if item_start is not None and words <= LIST_ITEM_MAX_WORDS:
            items.append((item_start, clause.last))
        _close_list(items, separators, spans)
    return spans


def _close_list(
    items: list[tuple[int, int]], separators: int, spans: list[tuple[int, int]]
) -> None:
    if len(items) >= 3 and separators >= 1:
        # The first item often carries the lead-in ("we offer ads"): keep its last words.
        spans.append((items[0][0], items[-1][1]))
