"""A flag's evidence in words a buyer reads: "Consultant said: Client", never
"claimed = client". Pure functions over the evidence dicts the flag rules store; no Django.

One reading for every place a flag is shown (the reference check, the discrepancies list,
the printed reports), so that a new kind of evidence is taught here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

# How each key the rules write reads on the page, in the order the lines are shown.
LABELS: dict[str, str] = {
    "claimed": "Consultant said",
    "referee": "Referee said",
    "months": "Apart by",
    "claim": "Accomplishment claimed",
    "would_hire_again": "Would hire again",
    "rating_honesty": "Honesty and transparency",
    "referee_domain": "Referee's email domain",
    "referee_email_domain": "Referee's email domain",
    "consultant_domains": "Consultant's own domains",
    "ip": "IP address",
    "user_agent": "Browser",
    "seconds": "Time on the form",
    "accomplishments": "Accomplishment",
    "ratings": "Ratings",
    "years_social": "Years in social media",
    "years_clients": "Years for clients",
    "offered": "Services offered",
    "declined": "Services declined",
}
# Bookkeeping the rules keep for themselves (positions, indexes): not for the reader.
# (A flag's kind and criterion are shown beside it already.)
HIDDEN = frozenset({"index", "start", "end", "question", "source", "code", "kind", "criterion"})
WORDS = {
    "client": "Client",
    "employer": "Employer",
    "peer": "Peer",
    "yes": "Yes",
    "maybe": "Maybe",
    "no": "No",
}


def _date(value: str) -> str | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return f"{day.day} {day:%b %Y}"


def _value(key: str, value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value(key, v) for v in value) or "(none)"
    if key == "months":
        return f"{value} months"
    if key == "seconds":
        return f"{value:g} seconds" if isinstance(value, int | float) else f"{value} seconds"
    if key == "rating_honesty":
        return f"{value} of 5"
    text = str(value)
    if isinstance(value, str):
        text = WORDS.get(value) or _date(value) or value
    return text or "(empty)"


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
        label = LABELS.get(key) or key.replace("_", " ").capitalize()
        lines.append(f"{label}: {_value(key, rest[key])}")
    return lines
