"""Where a reference and the consultant's claims disagree, and signs that a reference may
not be what it seems. Pure functions over plain data; no Django.

Each finding carries a stable code, a severity, a sentence a buyer can read, and the
evidence that raised it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vetting.scoring.said import gettext_noop, num, pgettext_noop, say

PERIOD_TOLERANCE_MONTHS = 6
LOW_HONESTY = 2  # a rating of 1 or 2 out of 5
FAST_FORM_SECONDS = 30

# The first label of a free-mail domain (gmail.com, gmail.co.uk, and so on).
FREE_MAIL = frozenset(
    {
        "gmail",
        "googlemail",
        "yahoo",
        "ymail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "aol",
        "icloud",
        "me",
        "mac",
        "gmx",
        "web",
        "mail",
        "proton",
        "protonmail",
        "yandex",
        "zoho",
        "qq",
        "163",
        "126",
    }
)


@dataclass(frozen=True)
class Finding:
    code: str
    kind: str  # "discrepancy" or "fraud"
    severity: str  # "low", "medium" or "high"
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    hold: bool = False  # suspected fraud: blocks selecting the consultant until cleared


@dataclass(frozen=True)
class Claim:
    """What the consultant said about this reference."""

    relationship: str
    period_from: date
    period_to: date | None  # None: still working together
    accomplishments: Sequence[tuple[int, str]] = ()  # (index, what was done) tied to them


@dataclass(frozen=True)
class RefereeAnswer:
    """What the referee said (web form or call notes)."""

    relationship: str
    period_from: date | None
    period_to: date | None
    verdicts: dict[int, str] = field(default_factory=dict)  # accomplishment index -> verdict
    rating_relationships: int | None = None
    rating_honesty: int | None = None
    rating_results: int | None = None
    would_hire_again: str = ""  # "yes", "maybe", "no"


@dataclass(frozen=True)
class Fingerprint:
    ip: str
    user_agent: str

    def matches(self, other: Fingerprint | None) -> bool:
        return bool(
            other and self.ip and self.ip == other.ip and self.user_agent == other.user_agent
        )


def _months_between(a: date, b: date) -> int:
    return abs((a.year - b.year) * 12 + (a.month - b.month))


def period_drift(
    claimed: tuple[date, date | None], said: tuple[date | None, date | None], *, today: date
) -> list[tuple[str, date, date, int]]:
    """Where the referee's period and the claimed one are more than PERIOD_TOLERANCE_MONTHS
    apart: ("start" or "end", claimed, said, months). An open end ("still working
    together") is today. The one rule behind both the flags and the score's evidence."""
    claimed_from, claimed_to = claimed
    said_from, said_to = said
    pairs = []
    if said_from:
        pairs.append(("start", claimed_from, said_from))
    if said_from or said_to:
        pairs.append(("end", claimed_to or today, said_to or today))
    return [
        (which, a, b, _months_between(a, b))
        for which, a, b in pairs
        if _months_between(a, b) > PERIOD_TOLERANCE_MONTHS
    ]


# The relationships as a sentence names them ("the consultant said client").
RELATIONSHIP_WORDS = {
    "client": pgettext_noop("relationship, inside a sentence", "client"),
    "employer": pgettext_noop("relationship, inside a sentence", "employer"),
    "peer": pgettext_noop("relationship, inside a sentence", "peer"),
}
PERIOD_DIFFERS = {
    "start": gettext_noop("The start of the period differs by %(months)s months from the claim."),
    "end": gettext_noop("The end of the period differs by %(months)s months from the claim."),
}


def _relationship(key: str) -> str:
    return RELATIONSHIP_WORDS.get(key) or key


def find_discrepancies(claim: Claim, answer: RefereeAnswer, *, today: date) -> list[Finding]:
    findings = []
    if answer.relationship and answer.relationship != claim.relationship:
        findings.append(
            Finding(
                "relationship_differs",
                "discrepancy",
                "medium",
                say(
                    gettext_noop("The consultant said %(claimed)s; the referee said %(referee)s."),
                    claimed=_relationship(claim.relationship),
                    referee=_relationship(answer.relationship),
                ),
                {"claimed": claim.relationship, "referee": answer.relationship},
            )
        )
    drift = period_drift(
        (claim.period_from, claim.period_to), (answer.period_from, answer.period_to), today=today
    )
    for which, claimed, said, months in drift:
        findings.append(
            Finding(
                f"period_{which}_differs",
                "discrepancy",
                "medium",
                say(PERIOD_DIFFERS[which], months=num(months, "d")),
                {"claimed": claimed.isoformat(), "referee": said.isoformat(), "months": months},
            )
        )
    claimed_work = dict(claim.accomplishments)
    for index, verdict in sorted(answer.verdicts.items()):
        if verdict == "not_confirmed":
            findings.append(
                Finding(
                    "accomplishment_not_confirmed",
                    "discrepancy",
                    "high",
                    gettext_noop(
                        "The referee did not confirm an accomplishment the consultant tied to them."
                    ),
                    {"index": index, "claim": claimed_work.get(index, "")},
                )
            )
    if answer.would_hire_again == "no":
        findings.append(
            Finding(
                "would_not_hire_again",
                "discrepancy",
                "high",
                gettext_noop("The referee would not hire the consultant again."),
                {"would_hire_again": "no"},
            )
        )
    if answer.rating_honesty is not None and answer.rating_honesty <= LOW_HONESTY:
        findings.append(
            Finding(
                "low_honesty",
                "discrepancy",
                "high",
                say(
                    gettext_noop("The referee rated honesty and transparency %(rating)s out of 5."),
                    rating=num(answer.rating_honesty, "d"),
                ),
                {"rating_honesty": answer.rating_honesty},
            )
        )
    return findings


def email_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower() if "@" in address else ""


def website_domain(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


SECOND_LEVEL = {"co", "com", "net", "org"}


def is_free_mail(address: str) -> bool:
    """gmail.com, yahoo.co.uk, gmx.de, ... but not mail.<company>.com: only the registrable
    name counts, never a subdomain."""
    labels = email_domain(address).split(".")
    if len(labels) == 2 or (len(labels) == 3 and labels[1] in SECOND_LEVEL and len(labels[2]) == 2):
        name = labels[0]
    else:
        return False
    return name in FREE_MAIL


def find_fraud_signals(
    *,
    referee_email: str,
    relationship: str,
    consultant_email: str,
    consultant_website: str,
    referee: Fingerprint | None,
    consultant_sessions: Iterable[Fingerprint] = (),
    other_referees: Iterable[Fingerprint] = (),
    form_seconds: float | None = None,
    answered: bool = True,
) -> list[Finding]:
    """Signals about who the referee is and how they answered.

    A referee who declined (``answered=False``) asserted nothing about the consultant, so the
    rules about the answering itself (device, speed) do not apply: only the rules about the
    referee's address do.
    """
    findings = []
    domain = email_domain(referee_email)
    own = {email_domain(consultant_email), website_domain(consultant_website)} - {""}
    if domain and domain in own and not is_free_mail(referee_email):
        findings.append(
            Finding(
                "referee_domain_is_consultants",
                "fraud",
                "high",
                gettext_noop("The referee's email address is on the consultant's own domain."),
                {"referee_domain": domain, "consultant_domains": sorted(own)},
                hold=True,
            )
        )
    if relationship == "client" and is_free_mail(referee_email):
        findings.append(
            Finding(
                "free_mail_corporate_client",
                "fraud",
                "low",
                gettext_noop("A reference presented as a client uses a free-mail address."),
                {"referee_email_domain": domain},
            )
        )
    if not answered:
        return findings
    if referee is not None:
        if any(referee.matches(session) for session in consultant_sessions):
            findings.append(
                Finding(
                    "same_device_as_consultant",
                    "fraud",
                    "high",
                    gettext_noop(
                        "The reference form was sent from the same address and browser as the "
                        "consultant's own session."
                    ),
                    {"ip": referee.ip, "user_agent": referee.user_agent},
                    hold=True,
                )
            )
        if any(referee.matches(other) for other in other_referees):
            findings.append(
                Finding(
                    "same_device_as_other_referee",
                    "fraud",
                    "high",
                    gettext_noop(
                        "Two referees of this consultant answered from the same address and "
                        "browser."
                    ),
                    {"ip": referee.ip, "user_agent": referee.user_agent},
                    hold=True,
                )
            )
    if form_seconds is not None and form_seconds < FAST_FORM_SECONDS:
        findings.append(
            Finding(
                "form_too_fast",
                "fraud",
                "medium",
                say(
                    gettext_noop("The reference form was completed in %(seconds)s seconds."),
                    seconds=num(int(form_seconds), "d"),
                ),
                {"seconds": round(form_seconds, 1)},
            )
        )
    return findings
