"""Reading an answer the way the text rules need it: words with their lemmas and positions,
sentences and clauses, and what a clause says about a phrase in it (negated, contrasted
away, said of someone else, sarcastic, one item of a list). Pure Python, no Django.

Lemmas come from simplemma's English dictionary, which ships inside the package (no model,
no download), with a small fallback for the inflections it leaves alone ("buying").

Scope, as a reader would take it:
- a **negator** ("not", "never", "no", "without", "don't", "avoid", ...) reaches forward to
  the end of its clause, however far: "we do not spend our time on surveys, research or
  listening" negates all three. A clause ends at a sentence mark (. ! ? ; : parentheses, a
  line break or a dash), at a contrasting conjunction ("but", "however", "whereas",
  "although", ...) or a subordinate one ("because", "until", "so that", ...), and where a new
  subject starts after a comma or "and"/"or" ("Don't worry, we'll go viral": the second
  clause is not negated);
- a phrase at the **head of its clause** is negated by what follows it there: "buying
  followers is not something we do", "going viral has never been the goal", "a feed of
  press releases is a waste";
- a **contrast** ("instead of", "rather than", "unlike", "as opposed to", "no need to", "no
  time for", ...) reaches to the end of its clause: "instead of going viral, we listen";
- **others**: a phrase said of agencies, competitors, "gurus", or of what clients ask for
  ("unlike most agencies, who promise virality", "clients often ask us to go viral") is not
  the consultant's own stance;
- **sarcasm** markers ("what could go wrong", "yeah, right", "as if", "good luck with that")
  turn their sentence (and a short sentence before them) around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

WORD, MARK = 0, 1

TOKEN = re.compile(
    r"(?P<word>[^\W_]+(?:['’][^\W_]+)*)|(?P<mark>[.!?;:,()\[\]/&%$€£\n]|—|–|\s-\s|-{2,})"
)
# Marks that end a sentence (and so a clause).
SENTENCE_MARKS = frozenset({".", "!", "?", ";", ":", "(", ")", "[", "]", "\n", "—", "–", "--"})
# Words that end the clause before them and start a new one.
CLAUSE_WORDS = frozenset(
    {
        "but",
        "however",
        "whereas",
        "although",
        "though",
        "yet",
        "while",
        "whilst",
        "except",
        "unless",
        "until",
        "because",
        "since",
        "once",
        "before",
        "after",
        "so",
        "then",
        "otherwise",
        "if",
        "when",
        "whenever",
    }
)
# After a comma, "and" or "or", these start a new clause ("..., we'll go viral").
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "there", "our", "my", "this"})
JOINERS = frozenset({",", "and", "or", "&", "plus", "/"})

NEGATORS = frozenset(
    {
        "not",
        "never",
        "no",
        "none",
        "nor",
        "neither",
        "nothing",
        "nobody",
        "without",
        "cannot",
        "avoid",
        "refuse",
        "stop",
        "against",
        "hardly",
        "rarely",
        "seldom",
        "forget",
        "ban",
        "reject",
        "zero",
        "skip",
        "cancel",
        "scrap",
        "ditch",
    }
)
# A negator followed by one of these does not negate: "not only", "no matter", "never fail".
NOT_NEGATING_NEXT = frozenset(
    {"only", "just", "merely", "matter", "doubt", "fail", "least", "longer_ok", "exception"}
)
# Words that, after a phrase at the head of its clause, dismiss it ("... is a myth").
DISMISSALS = frozenset(
    {
        "myth",
        "trap",
        "gamble",
        "lottery",
        "fantasy",
        "mistake",
        "waste",
        "fad",
        "gimmick",
        "illusion",
        "nonsense",
        "luck",
        "pipe",
        "dead",
        "backfire",
        "fail",
        "useless",
        "pointless",
        "overrated",
        "nothing",
        "rarely",
        "seldom",
        "counterproductive",
        "damage",
        "hurt",
        "kill",
        "erode",
        "destroy",
        "risky",
        "danger",
        "dangerous",
        "harm",
        "off",
    }
)
# Contrast markers, as lemma sequences: the phrase after them is what the speaker turns from.
CONTRASTS: tuple[tuple[str, ...], ...] = (
    ("instead", "of"),
    ("rather", "than"),
    ("unlike",),
    ("as", "opposed", "to"),
    ("in", "place", "of"),
    ("no", "need"),
    ("no", "time"),
    ("no", "point"),
    ("no", "room"),
    ("no", "place"),
    ("far", "from"),
    ("other", "than"),
    ("so", "call"),
    ("so", "called"),
    ("more", "than", "just"),
    ("over",),
)
SARCASM: tuple[tuple[str, ...], ...] = (
    ("what", "could", "go", "wrong"),
    ("what", "could", "possibly", "go", "wrong"),
    ("what", "can", "go", "wrong"),
    ("yeah", "right"),
    ("as", "if"),
    ("good", "luck", "with", "that"),
    ("because", "that", "always", "work"),
    ("because", "that", "always", "works"),
    ("that", "always", "end", "well"),
    ("that", "always", "ends", "well"),
    ("sure", "that", "will", "work"),
    ("how", "hard", "can", "it", "be"),
    ("said", "no", "one", "ever"),
    ("say", "no", "one", "ever"),
    ("magic", "bullet"),
)
# Who else a phrase can be said of: competitors and the like (any verb) ...
OTHERS = frozenset(
    {
        "agency",
        "agencies",
        "competitor",
        "vendor",
        "guru",
        "freelancer",
        "firm",
        "outfit",
        "others",
        "shop",
        "hustler",
        "marketer",
        "consultant",
        "consultancy",
        "company",
        "brand",
        "people",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "they",
        "client",
        "customer",
        "business",
        "owner",
        "boss",
        "founder",
        "manager",
        "predecessor",
        "team",
    }
)
# ... the ones that only speak for others when they ask, want or promise something
# ("clients ask us to go viral"); on their own they are the subject of evidence
# ("clients trust us").
REQUESTERS = frozenset(
    {
        "client",
        "customer",
        "company",
        "brand",
        "people",
        "everyone",
        "everybody",
        "business",
        "owner",
        "boss",
        "founder",
        "manager",
        "team",
        "someone",
        "somebody",
        "they",
    }
)
WANTS = frozenset(
    {
        "ask",
        "want",
        "expect",
        "demand",
        "hope",
        "request",
        "insist",
        "crave",
        "beg",
        "dream",
        "wish",
        "like",
        "love",
        "come",
        "think",
        "believe",
        "assume",
        "imagine",
        "obsess",
        "chase",
        "tell",
        "push",
        "pressure",
        "say",
        "get",
        "brief",
    }
)
FIRST_PERSON = frozenset({"i", "we", "us", "our", "ours", "my", "me", "myself", "ourselves"})
# Only a first-person subject ends the search for whom a phrase is said of: in "clients
# ask us to go viral", "us" is the one asked.
SUBJECT_FIRST_PERSON = frozenset({"i", "we"})
# After a phrase, these carry its negation: "... aren't part of what we offer", "... has
# never been the goal", "... won't be needed".
AUXILIARIES = frozenset({"be", "have", "do", "will", "can", "would", "should", "could", "must"})
POST_NEGATION_REACH = 3  # words after the phrase, when it does not head its clause
# Determiners and the like that may stand before the head phrase of a clause.
HEAD_FILLERS = frozenset(
    {
        "a",
        "an",
        "the",
        "any",
        "all",
        "some",
        "our",
        "your",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "just",
        "simply",
        "and",
        "or",
        "also",
        "honestly",
        "frankly",
        "really",
        "to",
        "trying",
        "try",
        "chasing",
        "chase",
        "relying",
        "rely",
        "on",
        "then",
        "so",
        "but",
        "even",
        "more",
        "lots",
        "of",
        "constant",
    }
)
CONTRACTIONS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "be", "don": "do"}
LIST_ITEM_MAX_WORDS = 3
MENTION_WORDS = 6


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
        "sarcastic",
        "text",
        "tokens",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.lemmas = [t.lemma for t in self.tokens]
        self.clauses = _segment(self.tokens)
        self.words = [i for i, t in enumerate(self.tokens) if t.kind == WORD]
        self.sarcastic = _sarcastic_sentences(self.tokens)
        self.list_spans = _lists(self.tokens, self.clauses)

    # --- Scope -----------------------------------------------------------------------------

    def negated(self, first: int, last: int, own: frozenset[int] = frozenset()) -> bool:
        """Is the phrase from token `first` to `last` negated in its clause (a negator
        before it, or one after it when the phrase heads the clause)? Negators that are
        part of the phrase itself (`own`) do not count."""
        tokens = self.tokens
        clause = self.clauses[tokens[first].clause]
        before = [
            i
            for i in range(clause.first, last)
            if tokens[i].negator and i not in own and not self._inactive(i)
        ]
        if before and not self._double_negation(before):
            return True
        heads = self._heads_clause(first, clause)
        words_after = 0
        for i in range(last + 1, clause.last + 1):
            token = tokens[i]
            if token.kind == WORD:
                words_after += 1
            if not heads and words_after > POST_NEGATION_REACH:
                break
            if token.lemma in DISMISSALS and heads:
                return True
            if token.negator and not self._inactive(i) and self._carries_negation(i):
                return True
        return False

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

    def contrasted(self, first: int) -> bool:
        """Does a contrast marker ("instead of", "unlike", ...) before the phrase, in its
        clause, turn the speaker away from it?"""
        clause = self.clauses[self.tokens[first].clause]
        lemmas = self.lemmas
        for i in range(clause.first, first):
            for marker in CONTRASTS:
                n = len(marker)
                if i + n <= first and tuple(lemmas[i : i + n]) == marker:
                    if marker == ("over",) and not self._preference_over(i):
                        continue
                    return True
        return False

    def of_others(self, first: int) -> bool:
        """Is the phrase said of someone other than the consultant (competitors, or what
        clients ask for)? Looks back over its sentence to the nearest first person."""
        tokens = self.tokens
        sentence = tokens[first].sentence
        seen_want = False
        i = first - 1
        while i >= 0 and tokens[i].sentence == sentence:
            lemma = tokens[i].lemma
            if tokens[i].text in SUBJECT_FIRST_PERSON and not seen_want:
                return False
            if lemma in WANTS:
                seen_want = True
            if lemma in OTHERS or tokens[i].text in OTHERS:
                if lemma in REQUESTERS or tokens[i].text in REQUESTERS:
                    if seen_want:
                        return not self._first_person_before(i, sentence)
                else:
                    return not self._first_person_before(i, sentence)
            i -= 1
        return False

    def is_sarcastic(self, first: int) -> bool:
        return self.tokens[first].sentence in self.sarcastic

    def is_mention(self, first: int) -> bool:
        """A short question ("Market research?", "Treat criticism as a gift?") names an
        idea to answer it, it does not state it."""
        sentence = self.tokens[first].sentence
        in_sentence = [t for t in self.tokens if t.sentence == sentence]
        words = sum(1 for t in in_sentence if t.kind == WORD)
        return in_sentence[-1].text == "?" and words <= MENTION_WORDS

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
        return following is not None and following.lemma in NOT_NEGATING_NEXT

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

    def _first_person_before(self, i: int, sentence: int) -> bool:
        """'We are an agency that ...' describes the speaker, not a competitor."""
        tokens = self.tokens
        j = i - 1
        while j >= 0 and tokens[j].sentence == sentence and j >= i - 4:
            if tokens[j].text in FIRST_PERSON:
                return True
            j -= 1
        return False

    def _preference_over(self, i: int) -> bool:
        """'relationships over campaigns' prefers; 'over 3 years' and 'take over' do not."""
        tokens = self.tokens
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return bool(
            before
            and after
            and before.kind == WORD
            and after.kind == WORD
            and before.lemma not in {"take", "hand", "turn", "all", "go", "be", "think"}
            and not after.text[:1].isdigit()
            and after.lemma not in {"the", "a", "time", "year", "month", "week", "day"}
            and before.text.endswith("s")
        )


# --- Tokens and lemmas ----------------------------------------------------------------------

# Where simplemma's dictionary reads a verb form as a noun of its own.
OVERRIDES = {"buying": "buy", "hiring": "hire", "spamming": "spam", "posting": "post"}
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
            Token(
                lower_form,
                lemma(lower_form),
                match.start(),
                match.end(),
                WORD,
                negator=negator,
            )
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
            continue
        if i == start:
            continue
        previous = tokens[i - 1]
        if token.text in CLAUSE_WORDS and not _clause_word_inside(tokens, i):
            close(i - 1, False)
        elif token.text in SUBJECTS and previous.text in JOINERS and i - 1 > start:
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
    if word == "since" and following[:1].isdigit():
        return True
    if word == "yet" and tokens[i - 1].text in {"not", "n't", "never"}:
        return True
    return word == "then" and tokens[i - 1].text in {"and", ","}


def _sarcastic_sentences(tokens: list[Token]) -> frozenset[int]:
    marked: set[int] = set()
    lemmas_by_text = [t.text for t in tokens]
    for i in range(len(tokens)):
        for cue in SARCASM:
            n = len(cue)
            if tuple(lemmas_by_text[i : i + n]) == cue:
                sentence = tokens[i].sentence
                marked.add(sentence)
                # "Buy 10,000 followers. What could go wrong?" turns the sentence before.
                words = sum(1 for t in tokens if t.sentence == sentence and t.kind == WORD)
                if words <= n + 3:
                    marked.add(sentence - 1)
    # "Sure, ..." opening a sentence about a tactic reads as a concession.
    return frozenset(marked)


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
