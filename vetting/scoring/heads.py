"""What heads a clause, for `scope`: the phrase a clause opens with, what follows it there
(a dismissal, a concession, a run of items joined to it, a subordinate clause and then its
verb), and a short negated header before a colon ("What I don't do: ...")."""

from __future__ import annotations

from vetting.scoring.language import WORD, Clause, Reading
from vetting.scoring.lexicon import (
    AUXILIARIES,
    CLAUSE_WORDS,
    CONCESSIVE,
    DISMISSALS,
    HEAD_FILLERS,
    HEADER_WORDS,
    JOINERS,
    LIST_ITEM_MAX_WORDS,
    NEGATOR_VERBS,
    SUBORDINATE_WORDS,
)

# Headers that name a list of what is refused ("What we won't do:", "Things we never do:").
LIST_HEADERS = frozenset({"what", "things", "stuff", "never", "not", "no", "nothing"})
# A header that points ahead may run longer: "We won't do any of this: ..."
POINTING_AHEAD = frozenset({"this", "these", "following"})
HEADER_ITEMS = 6  # items of a refused list, one per semicolon: "What we won't do: X; Y; Z"

# Words that open a clause of its own inside a run of items.
WH_ITEMS = frozenset({"who", "whom", "what", "which", "where", "when", "how", "why"})


class Heads(Reading):
    """The clause-head questions of `scope.Scope`."""

    __slots__ = ()

    def _negated_header(self, clause: Clause, items: int = 0) -> int | None:
        """A short negated header before a colon ("What I don't do:", "Not included:",
        "Things we refuse:", "We won't do any of this:") negates what the colon introduces,
        and the items after it that semicolons separate."""
        tokens = self.tokens
        if clause.index == 0:
            return None
        if (
            clause.first > 0
            and tokens[clause.first - 1].text == ";"
            and self.sentences[clause.sentence][0].index == clause.index
            and items < HEADER_ITEMS
        ):
            return self._negated_header(self.clauses[clause.index - 1], items + 1)
        if tokens[clause.first - 1].text != ":":
            # "What we won't do: hide complaints as they show up, so the page looks
            # positive": a header naming what is refused reaches the whole sentence
            opening = self.sentences[clause.sentence][0]
            if opening.index + 1 >= clause.index or tokens[opening.last].text != ":":
                return None
            if tokens[opening.first].text not in LIST_HEADERS:
                return None
            return self._negated_header(self.clauses[opening.index + 1])
        before = self.clauses[clause.index - 1]
        if before.sentence != clause.sentence:
            return None
        words = [i for i in range(before.first, before.last + 1) if tokens[i].kind == WORD]
        pointing = words and (
            tokens[words[-1]].text in POINTING_AHEAD or any(tokens[i].text == "what" for i in words)
        )
        longest = HEADER_WORDS + 3 if pointing else 0
        if len(words) > max(HEADER_WORDS, longest) or any(  # "Coached, not ghost-written:"
            tokens[i].text == "," for i in range(before.first, before.last + 1)
        ):
            return None
        if len(words) > 1 and tokens[words[-1]].lemma in NEGATOR_VERBS:
            return words[-1]  # "Things we refuse:", "What we avoid:"
        if (
            len(words) == 1
            and tokens[words[0]].text.endswith("ed")
            and tokens[words[0]].lemma in NEGATOR_VERBS | {"exclude"}
        ):
            return words[0]  # "Declined: running your accounts, paid media buying."
        what = next((k for k, i in enumerate(words) if tokens[i].text == "what"), None)
        if what is not None and len(words) > 1:
            # "What's not: paid ads, ...", "Here is what you don't (get): ..."
            negator = next(
                (i for i in words[what + 1 :] if tokens[i].text == "not" or tokens[i].negator),
                None,
            )
            if negator is not None:
                return negator
        return next(
            (
                i
                for i in words[:-1]  # "No:", "We don't:" answer what came before
                if (
                    tokens[i].text == "not"
                    or (tokens[i].negator and tokens[i].lemma in AUXILIARIES)
                    # "Things we never do:"
                    or (tokens[i].text == "never" and tokens[words[0]].text in LIST_HEADERS)
                )
                and not self._inactive(i)
            ),
            None,
        )

    def _continued(self, clause: Clause) -> int | None:
        """'Posting as your brand while your team stays out of it is not a service we
        offer': a subordinate clause after the phrase, then its own "is not": the main
        clause goes on with the subject the phrase heads."""
        tokens = self.tokens
        later = [c for c in self.sentences[clause.sentence] if c.index == clause.index + 1]
        if not later or tokens[later[0].first].text not in CLAUSE_WORDS:
            return None
        following = later[0]
        words = [i for i in range(following.first, following.last + 1) if tokens[i].kind == WORD]
        for n, i in enumerate(words[:-1]):
            if n >= SUBORDINATE_WORDS and tokens[i].lemma == "be":
                nxt = tokens[words[n + 1]]
                if nxt.text in {"not", "never"} or nxt.lemma in DISMISSALS:
                    return words[n + 1]
            if tokens[i].negator and tokens[i].lemma == "be" and n >= SUBORDINATE_WORDS:
                return i
        return None

    def _coordinated(self, last: int, clause: Clause) -> int:
        """The end of a run of short items joined to the phrase before a verb ("bots, fake
        accounts and paid commenters are ..."): what follows it speaks of them all."""
        tokens = self.tokens
        i, end, joined, words = last + 1, last, False, 0
        while i <= clause.last:
            token = tokens[i]
            if token.text in JOINERS:
                joined = joined or token.text in {"and", "or", "nor"}
                words = 0
            elif token.text in WH_ITEMS:
                # "the forums, the reviews, and who they trusted and who they didn't": a
                # clause of its own, not one more short item
                return end if joined else last
            elif token.kind == WORD and token.lemma not in AUXILIARIES:
                words += 1
                if words > LIST_ITEM_MAX_WORDS:
                    return last
                end = i
            elif token.kind == WORD:
                return end if joined else last
            else:
                return last
            i += 1
        return last

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
        if tokens[i].text in {"well", "too"} and i == self.last_word(clause):
            following = tokens[clause.last + 1] if clause.last + 1 < len(tokens) else None
            return following is not None and following.text == "but"
        if tokens[i].lemma not in CONCESSIVE or tokens[i - 1].lemma not in {"be", "very"}:
            return False
        following = tokens[clause.last + 1] if clause.last + 1 < len(tokens) else None
        return following is not None and following.text == "but"

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
