"""A flag's evidence in words a buyer reads: "Consultant said: Client", never
"claimed = client". Pure functions over the evidence dicts the flag rules store; no Django.

One reading for every place a flag is shown (the reference check, the discrepancies list,
the printed reports), so that a new kind of evidence is taught here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from vetting.scoring.answers import QUESTION_LABELS
from vetting.scoring.said import Said, day, gettext_noop, join, num, pgettext_noop, say, word

# How each key the rules write reads on the page, in the order the lines are shown.
LABELS: dict[str, str] = {
    "claimed": gettext_noop("Consultant said"),
    "referee": gettext_noop("Referee said"),
    "months": gettext_noop("Apart by"),
    "claim": gettext_noop("Accomplishment claimed"),
    "would_hire_again": gettext_noop("Would hire again"),
    "rating_honesty": gettext_noop("Honesty and transparency"),
    "referee_domain": gettext_noop("Referee's email domain"),
    "referee_email_domain": gettext_noop("Referee's email domain"),
    "consultant_domains": gettext_noop("Consultant's own domains"),
    "ip": gettext_noop("IP address"),
    "user_agent": gettext_noop("Browser"),
    "seconds": gettext_noop("Time on the form"),
    "accomplishments": gettext_noop("Accomplishment"),
    "ratings": gettext_noop("Ratings"),
    "years_social": gettext_noop("Years in social media"),
    "years_clients": gettext_noop("Years for clients"),
    "offered": gettext_noop("Services offered"),
    "declined": gettext_noop("Services declined"),
    # A copied or repeated answer's flag: when the other answer was submitted, the question
    # it repeats, whether it answered the same question, and the share found there.
    "on": pgettext_noop("flag evidence: the date the other answer was submitted", "On"),
    "repeats": pgettext_noop("flag evidence: the earlier question an answer repeats", "Repeats"),
    "same_question": pgettext_noop("flag evidence", "Same question"),
    "share": pgettext_noop("flag evidence: the share of an answer found elsewhere", "Share"),
}
# Bookkeeping the rules keep for themselves (positions, indexes): not for the reader.
# (A flag's kind and criterion are shown beside it already.)
HIDDEN = frozenset({"index", "start", "end", "question", "source", "code", "kind", "criterion"})
WORDS = {
    "client": gettext_noop("Client"),
    "employer": gettext_noop("Employer"),
    "peer": gettext_noop("Peer"),
    "yes": gettext_noop("Yes"),
    "maybe": gettext_noop("Maybe"),
    "no": gettext_noop("No"),
}
# Yes-or-no evidence (a copied answer's "same question"), as the rules store it.
TRUTHS = {
    True: pgettext_noop("flag evidence: yes", "True"),
    False: pgettext_noop("flag evidence: no", "False"),
}
# The scored questions by the words the rules store (a repeated answer's earlier question).
QUESTIONS_BY_WORDS = {str(label): label for label in QUESTION_LABELS.values()}


def _date(value: str) -> Said | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return day(value, short=True)


def _value(key: str, value: Any) -> str:
    if isinstance(value, list | tuple):
        return join(", ", [_value(key, v) for v in value]) if value else word(NONE)
    if key == "months":
        return say(
            gettext_noop("%(n)s months"), n=num(value, "d") if isinstance(value, int) else value
        )
    if key == "seconds":
        seconds = num(value, "g") if isinstance(value, int | float) else str(value)
        return say(gettext_noop("%(n)s seconds"), n=seconds)
    if key == "rating_honesty":
        return say(gettext_noop("%(n)s of 5"), n=str(value))
    if isinstance(value, bool):
        return TRUTHS[value]
    if key == "share" and isinstance(value, float):
        return num(value, ".1f" if value.is_integer() else "g")
    if key == "repeats" and isinstance(value, str) and value in QUESTIONS_BY_WORDS:
        return QUESTIONS_BY_WORDS[value]
    text = str(value)
    if isinstance(value, str):
        found = WORDS.get(value)
        text = word(found) if found else _date(value) or value
    return text or word(EMPTY)


NONE = gettext_noop("(none)")
EMPTY = gettext_noop("(empty)")


def _quotes(evidence: Mapping[str, Any]) -> list[str]:
    """The phrases a text signal matched, each once, in quotes."""
    matches = evidence.get("matches") or []
    found = [m["text"] for m in matches if isinstance(m, Mapping) and m.get("text")]
    if evidence.get("text"):
        found.insert(0, evidence["text"])
    return [f"“{text}”" for text in dict.fromkeys(found)]


def describe(evidence: Mapping[str, Any] | None) -> list[str]:
    """The evidence as short lines ("Label: value"), quotes first; empty when there is
    nothing a reader would use."""
    if not evidence:
        return []
    lines = _quotes(evidence)
    rest = {
        k: v
        for k, v in evidence.items()
        if k not in HIDDEN and k not in ("text", "matches") and v not in (None, "")
    }
    order = {key: n for n, key in enumerate(LABELS)}
    for key in sorted(rest, key=lambda k: (order.get(k, len(order)), k)):
        label = LABELS.get(key)
        if isinstance(label, Said):  # a word with a context
            shown: str = label
        else:
            shown = word(label) if label else key.replace("_", " ").capitalize()
        lines.append(
            say(gettext_noop("%(label)s: %(value)s"), label=shown, value=_value(key, rest[key]))
        )
    return lines
