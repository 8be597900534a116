"""Reading an answer the way the text rules need it: words with their lemmas and positions,
sentences and clauses, and the lists in them. Pure Python, no Django. What a clause says
about a phrase in it (negated, contrasted, said of others, sarcastic) is `scope`'s work.

Lemmas come from simplemma's English dictionary, which ships inside the package (no model,
no download), with a small fallback for the inflections it leaves alone ("buying").

A sentence ends at . ! ? ; parentheses, a line break or a dash; a clause also ends at a
colon, at a contrasting or subordinate conjunction ("but", "because", "until", ...), where
a new subject starts after a comma or "and"/"or" ("Don't worry, we'll go viral"), and at
", which". A list is a run of at least three short items joined by commas, slashes, "and"
or "or": it names things, it does not show them done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from vetting.scoring.lexicon import (
    CLAUSE_MARKS,
    CLAUSE_WORDS,
    CONCESSION_TURNS,
    CONCESSIONS,
    CONTRACTIONS,
    DROPPING,
    JOINERS,
    LIST_ITEM_MAX_WORDS,
    LIST_LEAD_WORDS,
    MENTION_WORDS,
    NEGATOR_VERBS,
    NEGATORS,
    NOT_NEGATING_NEXT,
    NUMBER_WORDS,
    REVERSALS_BY_FIRST,
    SARCASM_ANSWERS,
    SARCASM_BY_FIRST,
    SENTENCE_MARKS,
    SUBJECTS,
    WAVE_TURNS,
    WAVES,
)

WORD, MARK = 0, 1
# The first word of an answer that refuses the question before it: "No; we start with ..."
REPLY_REFUSALS = frozenset({"no", "nope", "nah", "never", "not"})
# Hesitations of spoken answers (reference calls), and what may open a reply before its
# refusal ("lol no.")
FILLERS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "uhm", "hmm", "mm"})
REPLY_OPENERS = frozenset({"lol", "haha", "ha", "oh", "well", "honestly", "ah", "so"})
AVOIDING = frozenset({"stay", "steer", "keep", "shy", "walk", "run", "stayed", "steered"})
# Openings that say how the rest is said ("Honestly, ..."): a clause of their own.
LEAD_INS = frozenset(
    {
        "honestly",
        "frankly",
        "basically",
        "simply",
        "put",
        "realistically",
        "truthfully",
        "candidly",
        "ideally",
        "practically",
        "personally",
        "firstly",
        "secondly",
        "finally",
        "look",
        "well",
        "so",
        "now",
        "today",
        "again",
        "also",
        "then",
        "first",
        "second",
        "overall",
        "ultimately",
        "briefly",
        "short",
        "generally",
        "typically",
        "usually",
    }
)
LEAD_IN_WORDS = 4
# Contractions written without their apostrophe (only those that are no other word).
APOSTROPHE_LESS = {
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "couldnt": "couldn't",
    "wont": "won't",
    "aint": "ain't",
    "im": "i'm",
    "ive": "i've",
    "youre": "you're",
    "youll": "you'll",
    "youve": "you've",
    "theyre": "they're",
    "theyll": "they'll",
    "theyve": "they've",
    "weve": "we've",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "lets": "let's",
}
# A contrast opening a clause ("Instead of X we ...") ends where the speaker's own subject
# starts, with or without a comma; not after these ("agencies that we ...").
CONTRAST_OPENERS = frozenset({"instead", "rather", "unlike"})
# ... and so does a subordinate clause before its main one ("When a customer showed it didn't
# hold up we corrected it publicly").
SUBORDINATE_OPENERS = frozenset(
    {
        "when",
        "if",
        "once",
        "after",
        "before",
        "since",
        "until",
        "while",
        "although",
        "though",
        "because",
        "whenever",
        "unless",
    }
)
NOT_BEFORE_SUBJECT = frozenset({"that", "who", "which", "than", "and", "or", "whom", "what"})
# "You could ..., but ...": a concession the speaker turns from.
YOU_COULD = frozenset(("you", b) for b in ("could", "can", "might", "may"))
WE_COULD = frozenset((a, b) for a in ("we", "i") for b in ("could", "can", "might"))

TOKEN = re.compile(
    r"(?P<word>\d+(?:[.,]\d+)+|[^\W_]+(?:['’][^\W_]+)*)"
    r"|(?P<mark>[.!?;:,()\[\]/&%$€£\n]|—|–|\s-\s|-{2,})"
)


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
    alt: str = ""  # the verb behind a noun in -ing ("finding" out): phrases may use it


@dataclass(slots=True)
class Clause:
    index: int
    sentence: int
    first: int  # token indexes, inclusive
    last: int


class Reading:
    """One text, tokenised and segmented into sentences, clauses and lists, with the
    clauses that sarcasm, a concession or a reversal turns around (see `scope`)."""

    __slots__ = (
        "clauses",
        "lemma_set",
        "lemmas",
        "list_spans",
        "reversed",
        "reversed_before",
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
        _mark_avoidance(self.tokens)
        self.lemmas = [t.lemma for t in self.tokens]
        self.lemma_set = frozenset(self.lemmas)
        self.clauses = _segment(self.tokens)
        self.words = [i for i, t in enumerate(self.tokens) if t.kind == WORD]
        self.sentences: dict[int, list[Clause]] = {}
        for clause in self.clauses:
            self.sentences.setdefault(clause.sentence, []).append(clause)
        self.list_spans = _lists(self.tokens, self.clauses)
        empty = not self.tokens  # an empty answer has nothing to turn around
        self.sarcastic = frozenset() if empty else self._sarcastic()
        # clause -> the token where a reversal starts inside it ("... is a sentence you'll
        # never hear from me"): what stands before it there is turned around too
        self.reversed_before: dict[int, int] = {}
        self.reversed = frozenset() if empty else self._reversed()
        self.waved = frozenset() if empty else self._waved()

    def in_list(self, first: int, last: int) -> tuple[int, int] | None:
        """The catalogue list (its first and last token) holding this phrase, if any."""
        for start, end in self.list_spans:
            if start <= first and last <= end:
                return start, end
        return None

    def clause_text(self, first: int) -> str:
        clause = self.clauses[self.tokens[first].clause]
        return self.text[self.tokens[clause.first].start : self.tokens[clause.last].end].strip(" ,")

    def sentence_words(self, sentence: int) -> list[Token]:
        clauses = self.sentences.get(sentence, [])
        if not clauses:
            return []
        return [t for t in self.tokens[clauses[0].first : clauses[-1].last + 1] if t.kind == WORD]

    def clauses_of(self, sentence: int) -> set[int]:
        return {c.index for c in self.sentences.get(sentence, [])}

    def last_word(self, clause: Clause) -> int:
        return max(i for i in range(clause.first, clause.last + 1) if self.tokens[i].kind == WORD)

    # --- Sentences turned around -------------------------------------------------------------

    def _sarcastic(self) -> frozenset[int]:
        """Clauses a sarcasm marker or a concession turns around."""
        marked: set[int] = set()
        cued: set[int] = set()  # the sentences a sarcasm marker stands in
        # commas are left out: "Yeah, right." is "yeah right"
        kept = [t for t in self.tokens if t.text != ","]
        texts = [t.text for t in kept]
        for i, token in enumerate(kept):
            cues = SARCASM_BY_FIRST.get(token.text, ())
            if _said_no_one_ever(texts, i):  # "Said no managing partner, ever."
                cues = (*cues, tuple(texts[i : texts.index("ever", i) + 1]))
            for cue in cues:
                if tuple(texts[i : i + len(cue)]) == cue:
                    sentence = token.sentence
                    cued.add(sentence)
                    marked |= self.clauses_of(sentence)
                    # "Buy 10,000 followers. What could go wrong?" turns the sentence
                    # before, however long the question runs on; so does "...; that's gone
                    # brilliantly for everyone else".
                    words = self.sentence_words(sentence)
                    if (
                        len(words) <= len(cue) + 3
                        or words[0].text in {"that", "which"}
                        or words[0].start == token.start
                        or self._asks(sentence - 1)  # "You have 80,000 followers? Then ..."
                        or cue[0] in SARCASM_ANSWERS  # "'...!' wow, said no one ever"
                    ):
                        marked |= self.clauses_of(sentence - 1)
        for sentence, clauses in self.sentences.items():
            if (
                len(clauses) > 1
                and self.tokens[clauses[0].last].text == ","
                and _lead_in(self.tokens, clauses[0].first, clauses[0].last)
            ):
                clauses = clauses[1:]  # "Honestly, sure, ...": the concession follows
            opening = tuple(t.text for t in self.tokens[clauses[0].first : clauses[0].first + 2])
            if opening in YOU_COULD:  # "You could delete the angry comments, but ..."
                turned = [c for c in clauses if self.tokens[c.first].text == "but"]
                if turned:
                    marked |= {c.index for c in clauses if c.index < turned[0].index}
                elif any(t.text == "sure" for t in self.sentence_words(sentence)[-2:]):
                    marked |= {c.index for c in clauses}  # "You could hide them, sure."
            elif opening in WE_COULD:  # "We could run your accounts, but it would never ..."
                turned = [c for c in clauses if self.tokens[c.first].text == "but"]
                if turned and any(
                    t.negator or t.text in {"rather", "instead"}
                    for c in clauses[clauses.index(turned[0]) :]
                    for t in self.tokens[c.first : c.last + 1]
                ):
                    marked |= {c.index for c in clauses if c.index < turned[0].index}
            first = self.tokens[clauses[0].first : clauses[0].first + 4]
            if self._hailed(sentence):  # "'We do it all!' Great."
                marked |= self.clauses_of(sentence - 1)
            if [t.text for t in first[:2]] == ["as", "if"]:  # "As if that works."
                marked |= self.clauses_of(sentence) | self.clauses_of(sentence - 1)
            if not any(tuple(t.text for t in first[: len(c)]) == c for c in CONCESSIONS):
                continue
            turned = [c for c in clauses if self.tokens[c.first].text in {"but", "until"}]
            following = self.sentence_words(sentence + 1)
            if turned:
                marked |= {c.index for c in clauses if c.index < turned[0].index}
            elif (
                any(t.lemma in CONCESSION_TURNS for t in following[:3])
                or any(t.lemma in {"rather", "instead"} for t in following)
                or self._refusal_follows(sentence)
                # "Yes, let's delete every bad review. Then ... Great plan, team."
                or not cued.isdisjoint({sentence + 1, sentence + 2})
            ):
                marked |= {c.index for c in clauses}
        return frozenset(marked)

    def _hailed(self, sentence: int) -> bool:
        """A one-word cheer ("Great.", "Fantastic.") right after an exclamation or a quote
        hails it in mockery: "'We do it all!' Great. Do you also do my taxes?"."""
        words = self.sentence_words(sentence)
        if len(words) != 1 or words[0].text not in HAILS or sentence - 1 not in self.sentences:
            return False
        before = self.sentences[sentence - 1]
        between = self.text[self.tokens[before[-1].last].start : words[0].start]
        return any(mark in between for mark in EXCLAIMED)

    def _refusal_follows(self, sentence: int) -> bool:
        """Does one of the next two sentences refuse in the speaker's voice ("No.", "Not
        for us.", "We don't use them.", "I'd never ...")? After a concession ("Sure, let's
        buy ten thousand followers ..."), that is what the speaker thinks of it."""
        for later in (sentence + 1, sentence + 2):
            words = self.sentence_words(later)
            if not words:
                return False
            if words[0].text in {"no", "not", "nope", "nah"}:
                return True
            if any(
                w.text in {"we", "i"} and any(t.negator for t in words[k + 1 : k + 4])
                for k, w in enumerate(words[:4])
            ):
                return True
        return False

    def _asks(self, sentence: int) -> bool:
        """Does the sentence end in a question mark?"""
        clauses = self.sentences.get(sentence)
        return bool(clauses) and self.tokens[clauses[-1].last].text == "?"

    def _reversed(self) -> frozenset[int]:
        """Clauses that a reversal ("I argued for the opposite") turns around: the clauses
        before it in its sentence, or the sentence before when it opens its own."""
        turned: set[int] = set()
        lemmas = self.lemmas
        # a cue is read past an aside set off by commas: "That is not, in our experience,
        # how it works."
        kept = self._without_asides()
        read = [lemmas[k] for k in kept]
        for p, i in enumerate(kept):
            token = self.tokens[i]
            for cue in REVERSALS_BY_FIRST.get(token.lemma, ()):
                if tuple(read[p : p + len(cue)]) == cue:
                    after = kept[p + len(cue) - 1] + 1  # the token after the cue
                    clause = self.clauses[token.clause]
                    end = min(clause.last + 1, after + 4)
                    if any(
                        lemmas[k] in DROPPING and lemmas[k - 1] != "full"  # "full stop"
                        for k in range(after, end)
                    ):
                        continue  # "not something we'd ever drop": a refused dropping affirms
                    same = [c.index for c in self.sentences[clause.sentence]]
                    turned |= {c for c in same if c < clause.index}
                    if i > clause.first:
                        self.reversed_before[clause.index] = max(
                            i, self.reversed_before.get(clause.index, i)
                        )
                    if same[0] == clause.index:
                        # ... and the parts a semicolon joined to it: "Post everywhere, all the
                        # time; that's how you stay top of mind. That's not how we work."
                        before = clause.sentence - 1
                        turned |= self.clauses_of(before)
                        while before - 1 in self.sentences and self._after_semicolon(before):
                            before -= 1
                            turned |= self.clauses_of(before)
        for sentence in self.sentences:
            if self._refused_reply(sentence):
                turned |= self.clauses_of(sentence - 1)
            words = [w.text for w in self.sentence_words(sentence)[:3]]
            if words[:1] == ["instead"] and (
                words[1:2] != ["of"] or words[2:3] in (["that"], ["this"], ["all"])
            ):
                # "The instinct was to lock the comments. Instead we opened a thread."
                turned |= self.clauses_of(sentence - 1)
        return frozenset(turned)

    def _without_asides(self) -> list[int]:
        """The tokens, without short asides set off by commas ("in our experience", "frankly",
        "to be fair"): at most three words, opening with a word that opens an aside."""
        tokens = self.tokens
        kept: list[int] = []
        i = 0
        while i < len(tokens):
            if tokens[i].text == "," and i + 1 < len(tokens) and tokens[i + 1].text in ASIDES:
                close = next(
                    (k for k in range(i + 2, min(i + 5, len(tokens))) if tokens[k].text == ","),
                    None,
                )
                if close is not None and not any(t.negator for t in tokens[i + 1 : close]):
                    i = close + 1
                    continue
            kept.append(i)
            i += 1
        return kept

    def _refused_reply(self, sentence: int) -> bool:
        """A question the next sentence refuses: "Should we start with a LinkedIn campaign?
        No; ...", "Skip the listening part to save money? I wouldn't." """
        before = self.sentences.get(sentence - 1)
        if not before or self.tokens[before[-1].last].text != "?":
            return False
        words = self.sentence_words(sentence)
        while words and words[0].text in REPLY_OPENERS:
            words = words[1:]
        if not words:
            return False
        if words[0].text in REPLY_REFUSALS:
            return len(words) == 1 or words[1].text not in NOT_NEGATING_NEXT | {"question"}
        return words[0].text in {"i", "we"} and any(
            t.negator and (k + 1 >= len(words) or words[k + 1].lemma not in NOT_NEGATING_NEXT)
            for k, t in enumerate(words[:3])
        )

    def _after_semicolon(self, sentence: int) -> bool:
        first = self.sentences[sentence][0].first
        return first > 0 and self.tokens[first - 1].text == ";"

    def _waved(self) -> frozenset[int]:
        """Short questions that the next sentence waves away."""
        waved = set()
        for sentence in self.sentences:
            words = self.sentence_words(sentence)
            last = self.tokens[self.sentences[sentence][-1].last]
            if not words or last.text != "?" or len(words) > MENTION_WORDS:
                continue
            answer = self.sentence_words(sentence + 1)
            if (
                answer
                and answer[0].lemma in WAVES
                and any(t.lemma in WAVE_TURNS for t in answer[:8])
            ):
                waved.add(sentence)
        return frozenset(waved)


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
    "rose": "rise",  # "sales rose 18%", not the flower
    "won": "win",
    "worst": "worst",  # "the worst thing you can do" dismisses, it is no bad review
    "worse": "worse",
    # simplemma gives "I" for "i" and "me": the cues of the lexicon are lower-case ("i regret")
    "i": "i",
    "me": "i",
}
_KNOWN: set[str] = set()  # base forms the lexicon uses; the inflection fallback aims at them


def teach(words: set[str]) -> None:
    """Tell the lemmatiser which base forms the rules use (see `lemma`): the words that
    simplemma leaves as they are ("timing" is a noun of its own, not "time")."""
    _KNOWN.update(w for w in words if simplemma.lemmatize(w, lang="en") == w)
    lemma.cache_clear()
    _verb_behind.cache_clear()
    _word.cache_clear()


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


@lru_cache(maxsize=65536)
def _verb_behind(word: str, base: str) -> str:
    """'finding' -> 'find' when the lexicon knows both (for phrases: "finding out")."""
    if not word.endswith("ing") or base != word:
        return ""
    return next((c for c in _candidates(word) if c in _KNOWN and c != word), "")


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
    after_d = False  # the word before was "they'd", "she'd": "had" before a participle
    for match in TOKEN.finditer(text):
        word = match.group("word")
        if word is None:
            mark = match.group("mark").strip()
            append(Token(mark, mark, match.start(), match.end(), MARK))
            after_d = False
            continue
        form, base, negator, alt = _word(word)
        if after_d and _participle(form):  # "they'd bought" reads "they had bought"
            append(Token("had", "have", match.start(), match.start(), WORD))
        after_d = word.lower().replace("’", "'").endswith("'d")
        if negator and text[match.end() : match.end() + 1] == "-":
            negator = False  # "a no-show", "a no-brainer": one noun, nothing negated
        append(Token(form, base, match.start(), match.end(), WORD, negator=negator, alt=alt))
        verb = _contracted_verb(word, form) if "'" in word or "’" in word else ""
        if verb:  # "we're" reads "we are", "it's" "it is": the verb is a word of its own
            at = match.start() + len(form)
            append(Token(verb, "be", min(at, match.end()), match.end(), WORD))
    if FILLERS.isdisjoint(t.text for t in tokens) and not any(
        _filler_like(tokens, i) for i, t in enumerate(tokens) if t.text == "like"
    ):
        return tokens
    return _without_fillers(tokens, text)


def _filler_like(tokens: list[Token], i: int) -> bool:
    """Spoken "like" is a hesitation, not the verb: "she spent like 3 weeks reading
    reviews", "it was, like, eighteen months": set off by commas, or before a number."""
    if tokens[i].text != "like" or i == 0 or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1].text
    if tokens[i - 1].text == "," and after == ",":
        return True
    return tokens[i - 1].lemma in BEFORE_FILLER_LIKE and (
        after[:1].isdigit() or after in NUMBER_WORDS
    )


# What spoken "like" follows before a number ("spent like 3 weeks"); "we'd like 5,000
# followers" and "customers like 3 posts a week" keep the verb.
BEFORE_FILLER_LIKE = frozenset(
    {"be", "have", "spend", "take", "get", "for", "in", "after", "within", "over", "just"}
    | {"only", "maybe", "cost", "last", "wait", "make", "hit", "reach", "gain", "lose"}
)


def _without_fillers(tokens: list[Token], text: str) -> list[Token]:
    """A spoken answer's hesitations are not words: "Going viral wasn't, um, something she
    promised" reads "Going viral wasn't something she promised", with the commas that set
    the filler off. Written in capitals it is a word ("the ER nurses"). Where a new clause
    follows ("she wouldn't be the voice of the brand, um, she trained our team"), one comma
    stays: the filler stood between two clauses, not inside one."""
    kept: list[Token] = []
    skip_comma = False
    for i, token in enumerate(tokens):
        if (
            token.kind == WORD
            and (token.text in FILLERS or _filler_like(tokens, i))
            and not text[token.start : token.end].isupper()
        ):
            if kept and kept[-1].text == ",":
                kept.pop()
            skip_comma = True
            continue
        if skip_comma and token.text == ",":
            skip_comma = False
            if i + 1 >= len(tokens) or tokens[i + 1].text not in SUBJECTS:
                continue
        skip_comma = False
        kept.append(token)
    return kept


# Past participles that do not end in -ed: after "'d" they make it "had", not "would".
PARTICIPLES = frozenset(
    {
        "been",
        "done",
        "seen",
        "gone",
        "made",
        "paid",
        "bought",
        "sold",
        "written",
        "taken",
        "given",
        "spent",
        "built",
        "told",
        "got",
        "gotten",
        "kept",
        "left",
        "lost",
        "brought",
        "thought",
        "taught",
        "found",
        "held",
        "known",
        "shown",
        "grown",
        "drawn",
        "driven",
        "chosen",
        "spoken",
        "broken",
        "begun",
        "hidden",
    }
)


def _participle(form: str) -> bool:
    return form in PARTICIPLES or (form.endswith("ed") and not form.endswith("eed"))


def _contracted_verb(word: str, form: str) -> str:
    """The verb a contraction stands for, when it is a form of "be" ("'re", "'m", and "'s"
    after a pronoun: "it's", "that's", "there's"), or ""."""
    if "'" not in word and "’" not in word:
        return ""
    tail = word.lower().replace("’", "'").rpartition("'")[2]
    if tail == "re":
        return "are"
    if tail == "m":
        return "am"
    if tail == "s" and form in IS_AFTER:
        return "is"
    return ""


# Words that open a short aside between commas: ", in our experience,", ", frankly,".
ASIDES = frozenset(
    {
        "in",
        "frankly",
        "honestly",
        "to",
        "of",
        "as",
        "sadly",
        "believe",
        "trust",
        "quite",
        "truthfully",
    }
)


# Whose "'s" is "is", not a possessive: "it's", "that's", "there's", "what's".
IS_AFTER = frozenset(
    {
        "it",
        "that",
        "there",
        "what",
        "he",
        "she",
        "who",
        "here",
        "where",
        "this",
        "everything",
        "nothing",
        "something",
        "anything",
        "everyone",
        "nobody",
        "someone",
        "which",
        "how",
    }
)


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, str, bool, str]:
    """A word as written -> (its lower-case form without a contraction, its lemma, is it a
    negator, the verb behind it if it is a noun in -ing). Remembered: answers share most
    of their words."""
    lower = word.lower().replace("’", "'")
    lower = APOSTROPHE_LESS.get(lower, lower)  # "dont", "im", "theyre" written without it
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
    base = lemma(lower_form)
    # "she refused to buy followers", "we stopped counting likes": the verbs' other forms
    negator = negator or (base in NEGATOR_VERBS and lower_form != base)
    return lower_form, base, negator, _verb_behind(lower_form, base)


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

    opens = 0  # where the current sentence opens
    for i, token in enumerate(tokens):
        if token.kind == MARK:
            if token.text in SENTENCE_MARKS and not _decimal_point(tokens, i):
                close(i, True)
                opens = i + 1
            elif token.text in CLAUSE_MARKS and not _decimal_point(tokens, i):
                close(i, False)
            elif token.text == "," and start == opens and _lead_in(tokens, start, i):
                close(i, False)  # "Honestly, ...", "For a law firm, ...": a lead-in of its own
            continue
        if i == start:
            continue
        previous = tokens[i - 1]
        if (
            (token.text in CLAUSE_WORDS and not _clause_word_inside(tokens, i))
            or (
                (token.text in SUBJECTS or token.text == "which")
                and previous.text in JOINERS
                and i - 1 > start
            )
            or (  # "Unlike agencies that scrub negative comments we leave them up": no comma
                token.text in {"we", "i"}
                and tokens[start].text in CONTRAST_OPENERS | SUBORDINATE_OPENERS
                and previous.kind == WORD
                and previous.text not in NOT_BEFORE_SUBJECT
                and i - 1 > start + 1
            )
        ):
            close(i - 1, False)
    close(len(tokens) - 1, True)
    if not clauses:
        clauses.append(Clause(0, 0, 0, -1))
    return clauses


def _mark_avoidance(tokens: list[Token]) -> None:
    """'stay away from', 'steer clear of', 'shy away from': negators of what follows."""
    for i in range(1, len(tokens) - 1):
        token = tokens[i]
        if (
            token.text in {"away", "clear"}
            and tokens[i - 1].lemma in AVOIDING
            and tokens[i + 1].text in {"from", "of"}
        ):
            token.negator = True


# One-word cheers, and what they hail when they follow it (an exclamation, a quote's end).
HAILS = frozenset({"great", "fantastic", "wonderful", "lovely", "brilliant", "amazing", "super"})
EXCLAIMED = ("!", "'", '"', "\u2019", "\u201d")


def _said_no_one_ever(texts: list[str], i: int) -> bool:
    """'said no florist ever', 'said no managing partner, ever': nobody would say it."""
    return (
        texts[i] in {"said", "say", "says"}
        and texts[i + 1 : i + 2] in (["no"], ["nobody"])
        and "ever" in texts[i + 2 : i + 6]
    )


def _lead_in(tokens: list[Token], start: int, comma: int) -> bool:
    """A short opening before a comma that says how, not what: "Honestly,", "Put simply,",
    "For a law firm,", "In practice,"."""
    words = [t.text for t in tokens[start:comma] if t.kind == WORD]
    if not words or len(words) > LEAD_IN_WORDS + 2:
        return False
    if words[:4] == ["if", "i", "were", "you"] or words[:3] == ["to", "be", "clear"]:
        return True
    if words[0] in {"for", "in", "from", "at", "with"}:
        return len(words) >= 2  # "For a business like yours, ..."
    return words[0] in LEAD_INS and len(words) <= LEAD_IN_WORDS


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
    after_next = tokens[i + 2].text if i + 2 < len(tokens) else "."
    if word == "so" and following in {"far", "many", "much", "that", "on", "called", "call"}:
        return word != "so" or following == "that"
    if word == "if" and tokens[i - 1].text in {"as", "even"}:
        return True
    if word == "since" and following[:1].isdigit():
        return True
    if word in {"before", "after"} and (
        following in {",", ".", "?", "!", ";", ":"}
        or (following in {"us", "me", "them", "him", "her", "you"} and after_next in {",", "."})
    ):
        return True  # "the agency before, who ...", "the firm before us, who ...": an adverb
    if word == "once" and tokens[i - 1].text in {"not", "never"}:
        return True  # "Not once have we deleted a review": no new clause
    if word == "yet" and (
        tokens[i - 1].text in {"not", "n't", "never"}
        or following in {"another", "again", "more", "other"}  # "yet another promo"
    ):
        return True
    if word == "however" and following not in SUBJECTS and following != ",":
        return tokens[i - 1].text != "."
    return word == "then" and tokens[i - 1].text in {"and", ","}


def _lists(tokens: list[Token], clauses: list[Clause]) -> list[tuple[int, int]]:
    """Runs of at least three items joined by commas, slashes, "and" or "or", the inner ones
    short: a list names things, it does not show them done. The first item may carry a
    lead-in ("we offer ads") and the last a tail ("... and design for restaurants"): the
    list starts at the lead-in's last words and ends after the tail's first ones."""
    spans: list[tuple[int, int]] = []
    for clause in clauses:
        segments: list[list[int]] = [[]]  # word tokens between separators
        commas: list[bool] = []  # is the separator after each segment a mark?
        for i in range(clause.first, clause.last + 1):
            token = tokens[i]
            if (token.kind == MARK and token.text in {",", "/", "&"}) or token.text in {
                "and",
                "or",
                "plus",
            }:
                if segments[-1]:
                    segments.append([])
                    commas.append(token.kind == MARK)
                elif token.kind == MARK and commas:
                    commas[-1] = True
            elif token.kind == WORD:
                segments[-1].append(i)
        segments = [seg for seg in segments if seg]
        start = 0
        while start < len(segments):
            end = start + 1
            while end < len(segments) and len(segments[end]) <= LIST_ITEM_MAX_WORDS:
                end += 1
            last = min(end, len(segments) - 1)  # a long item closes the run as its tail
            long_ends = len(segments[start]) > LIST_ITEM_MAX_WORDS or end == last
            if last - start + 1 >= 3 and sum(commas[start:last]) >= 1 + long_ends:
                spans.append(
                    (
                        segments[start][-LIST_LEAD_WORDS:][0],
                        segments[last][:LIST_LEAD_WORDS][-1],
                    )
                )
            start = max(end, start + 1)
    return spans
