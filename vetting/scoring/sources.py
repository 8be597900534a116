"""The sources a criterion blends (automatic signals, reviews, references) and the flags
raised from the answers' structure. Pure functions of the inputs.

The parts that only depend on the consultant's locked answers (texts, accomplishments) are
remembered per answer set: a recompute after a new review or reference does not read the
answers again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from vetting.scoring.answers import QUESTION_LABELS, REPEAT_FLAG, AnswerReading, read_answers
from vetting.scoring.copies import COPY_FLAG, copied_message, copied_where
from vetting.scoring.inputs import Accomplishment, ReferenceEvidence, evidence_row
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.scoring.said import gettext_noop, join, num, pgettext_noop, say
from vetting.scoring.text_signals import GREEN, RED, Signal

# Source weights in the blend of one criterion: the automatic signals count as one
# reviewer; each submitted review counts as one; reference evidence counts per check.
AUTO_WEIGHT = 1.0
REVIEW_WEIGHT = 1.0
REFERENCE_WEIGHT = 1.0

# Uncertainty (standard deviation, on the 0-1 scale) of one observation of each source.
AUTO_SD = 0.25
REVIEW_SD = 0.15
REFERENCE_SD = 0.20

VERDICT_VALUE = {"not_confirmed": 0.0, "dont_know": 0.4, "partly": 0.6, "confirmed": 1.0}
VERDICT_BONUS = {"confirmed": 0.20, "partly": 0.10, "dont_know": 0.0, "not_confirmed": -0.20}
HIRE_VALUE = {"no": 0.0, "maybe": 0.5, "yes": 1.0}
DECLINED_EVIDENCE = 0.3
UNREACHABLE_EVIDENCE = 0.2
AREAS = frozenset({"monetization", "pr", "database_building"})
NUMBER_PATTERN = re.compile(r"\d")
WORDS = re.compile(r"\w+")

# Which answers feed which criterion.
TEXT_CRITERIA = {
    "business_background": ("business_background",),
    "greatest_accomplishment": ("greatest_accomplishment",),
    "media_vs_marketing": ("media_vs_marketing", "first_steps"),
}
# A consultant who offers this share of the catalogue and declines nothing claims to do it
# all; one who offers nearly all of it does, whatever they decline.
DOES_IT_ALL_SHARE = 0.5
# A copied answer's flag is high from this share (most of the answer is not the consultant's).
COPIED_HIGH = 0.6
DOES_NEARLY_ALL_SHARE = 0.85
# How many distinct answer sets the parts read from them are remembered for (per process).
ANSWERS_KEPT = 8192
# ... and how many sets of verdicts on one answer set's accomplishments.
VERDICTS_KEPT = 64


class Source(NamedTuple):
    kind: str  # "auto", "reviews", "consensus", "references"
    value: float  # 0..1
    weight: float  # its share of the blend before normalising
    sd: float  # uncertainty of this source
    explanation: str


class FlagOut(NamedTuple):
    code: str
    polarity: str  # "red" or "green"
    severity: str  # "low", "medium", "high"
    source: str  # "text", "structure", "reference", "reviews"
    message: str
    evidence: dict[str, Any] = {}
    hold: bool = False


# --- Years --------------------------------------------------------------------------------------


def years_value(years: int, scale: float) -> float:
    """Diminishing returns: 1 - exp(-years / scale)."""
    return 1.0 - math.exp(-max(years, 0) / scale)


def years_sources(years_social: int | None, years_clients: int | None) -> dict[str, Source]:
    found = {}
    if years_social is not None:
        value = years_value(years_social, 4)
        found["experience_social"] = Source(
            "auto",
            value,
            AUTO_WEIGHT,
            AUTO_SD,
            say(
                gettext_noop("%(years)s years practising: 1 − e^(−years/4) = %(value)s"),
                years=num(years_social, "d"),
                value=num(value),
            ),
        )
    if years_clients is not None:
        value = years_value(years_clients, 3)
        why = say(
            gettext_noop("%(years)s years for clients: 1 − e^(−years/3) = %(value)s"),
            years=num(years_clients, "d"),
            value=num(value),
        )
        if years_social is not None and years_clients > years_social:
            value *= 0.5
            why = say(
                gettext_noop("%(why)s × 0.5 (more years for clients than years practising at all)"),
                why=why,
            )
        found["experience_clients"] = Source("auto", value, AUTO_WEIGHT, AUTO_SD, why)
    return found


# --- Accomplishments ----------------------------------------------------------------------------


# An accomplishment's reasons (each the same words for every accomplishment).
LISTED = say(gettext_noop("listed (%(points)s)"), points=num(0.2))
MEASURED = say(
    gettext_noop("a measured result with a number (%(points)s)"), points=num(0.35, "+.2f")
)
UNMEASURED = say(gettext_noop("a result without a number (%(points)s)"), points=num(0.15, "+.2f"))
LINKED = say(gettext_noop("evidence linked (%(points)s)"), points=num(0.15, "+.2f"))
NAMED = say(gettext_noop("a reference named to confirm it (%(points)s)"), points=num(0.10, "+.2f"))
# What a reference said of it, as the reason reads ("the reference said partly").
VERDICT_WORDS = {
    "confirmed": pgettext_noop("verdict, inside a sentence", "confirmed"),
    "partly": pgettext_noop("verdict, inside a sentence", "partly"),
    "dont_know": pgettext_noop("verdict, inside a sentence", "dont know"),
    "not_confirmed": pgettext_noop("verdict, inside a sentence", "not confirmed"),
}


def accomplishment_value(item: Accomplishment, verdict: str | None) -> tuple[float, list[str]]:
    """One accomplishment, 0 to 1, with the reasons."""
    value, why = 0.2, [LISTED]
    result = item.result.strip()
    if result and NUMBER_PATTERN.search(result):
        value += 0.35
        why.append(MEASURED)
    elif result:
        value += 0.15
        why.append(UNMEASURED)
    if item.evidence_url.strip():
        value += 0.15
        why.append(LINKED)
    if item.reference_id is not None:
        value += 0.10
        why.append(NAMED)
    if verdict is not None:
        bonus = VERDICT_BONUS.get(verdict, 0.0)
        value += bonus
        why.append(
            say(
                gettext_noop("the reference said %(verdict)s (%(bonus)s)"),
                verdict=VERDICT_WORDS.get(verdict) or verdict.replace("_", " "),
                bonus=num(bonus, "+.2f"),
            )
        )
    return max(0.0, min(1.0, value)), why


def repeats_of(items: Sequence[Accomplishment]) -> dict[int, int]:
    """index -> the earlier accomplishment it repeats (same words, or nearly: 80% of the
    words shared), so that one result listed three times counts once."""
    seen: list[tuple[int, frozenset[str]]] = []
    found = {}
    for index, item in enumerate(items):
        words = frozenset(WORDS.findall(f"{item.what} {item.result}".lower()))
        for earlier, other in seen:
            union = words | other
            if words and union and len(words & other) / len(union) >= 0.8:
                found[index] = earlier
                break
        else:
            seen.append((index, words))
    return found


def _accomplishments_part(
    items: tuple[Accomplishment, ...], verdicts: tuple[str | None, ...]
) -> Source:
    repeats = repeats_of(items)
    scored = []
    for index, item in enumerate(items):
        if index in repeats:
            scored.append(
                (
                    0.0,
                    [
                        say(
                            gettext_noop("repeats #%(earlier)s: counted once (%(points)s)"),
                            earlier=num(repeats[index] + 1, "d"),
                            points=num(0.0),
                        )
                    ],
                )
            )
        else:
            scored.append(accomplishment_value(item, verdicts[index]))
    best = sorted((v for v, _ in scored), reverse=True)[:5]
    areas = {item.area for item in items} & AREAS
    value = 0.75 * (sum(best) / len(best)) + 0.25 * (len(areas) / len(AREAS))
    lines = [
        say(
            gettext_noop("#%(n)s: %(value)s (%(why)s)"),
            n=num(i + 1, "d"),
            value=num(v),
            why=join(", ", why),
        )
        for i, (v, why) in enumerate(scored)
    ]
    explanation = say(
        gettext_noop(
            "mean of the best %(best)s accomplishments × 0.75 + areas covered %(areas)s/3 × "
            "0.25; %(lines)s"
        ),
        best=num(len(best), "d"),
        areas=num(len(areas), "d"),
        lines=join("; ", lines),
    )
    return Source("auto", value, AUTO_WEIGHT, AUTO_SD, explanation)


def accomplishments_source(
    part: AnswersPart, items: tuple[Accomplishment, ...], verdicts: Mapping[tuple[int, int], str]
) -> Source | None:
    """The accomplishments (`items`, those of the answers `part` was read from), each with
    what its named reference said of it (`verdicts`, from `references_part`). Remembered
    on the part per verdicts heard: a recompute after a review hears the same."""
    if not items:
        return None
    heard = tuple([verdicts.get(named) for named in part.named])
    source = part.accomplishments.get(heard)
    if source is None:
        found: list[str | None] = [None] * len(items)
        for (_, index), verdict in zip(part.named, heard, strict=True):
            found[index] = verdict
        if len(part.accomplishments) >= VERDICTS_KEPT:
            part.accomplishments.clear()
        source = part.accomplishments[heard] = _accomplishments_part(items, tuple(found))
    return source


# --- Texts -----------------------------------------------------------------------------------


class TextPart(NamedTuple):
    sources: Mapping[str, Source]  # criterion -> its automatic source
    signals: Mapping[str, tuple[Signal, ...]]  # question -> its text signals
    readings: Mapping[str, AnswerReading]
    flags: tuple[FlagOut, ...]


def text_part(
    texts: tuple[tuple[str, str], ...], copied: tuple[tuple[Any, ...], ...] = ()
) -> TextPart:
    """What the texts give; `copied`: the answers found elsewhere (`inputs.Copied` rows)."""
    readings = read_answers(
        dict(texts),
        {row[0]: (row[1], copied_where(row[2], row[0], row[3])) for row in copied},
    )
    sources = {}
    for criterion, keys in TEXT_CRITERIA.items():
        found = [readings[k] for k in keys if k in readings]
        if found:
            value = sum(r.value for r in found) / len(found)
            sources[criterion] = Source(
                "auto", value, AUTO_WEIGHT, AUTO_SD, join("; ", [r.explanation for r in found])
            )
    # Shared by every card with these answers: read-only views.
    return TextPart(
        MappingProxyType(sources),
        MappingProxyType({k: r.signals for k, r in readings.items()}),
        MappingProxyType(readings),
        _copied_flags(copied) + _text_flags(readings),
    )


def _copied_flags(copied: tuple[tuple[Any, ...], ...]) -> tuple[FlagOut, ...]:
    """One red flag per answer found elsewhere, at or above the flag's share."""
    return tuple(
        FlagOut(
            "copied_answer",
            RED,
            "high" if share >= COPIED_HIGH else "medium",
            "text",
            copied_message(question, share, source, other, on),
            {
                "question": question,
                "share": share,
                "source": source,
                "same_question": source == "boilerplate" or other == question,
                "on": on,
            },
        )
        for question, share, source, other, on in copied
        if share >= COPY_FLAG
    )


def _text_flags(readings: dict[str, AnswerReading]) -> tuple[FlagOut, ...]:
    flags = []
    for key, reading in readings.items():
        if reading.repeated >= REPEAT_FLAG:
            flags.append(
                FlagOut(
                    "repeated_answer",
                    RED,
                    "medium",
                    "text",
                    say(
                        gettext_noop(
                            "%(share)s of the answer on %(question)s repeats the answer on "
                            "%(earlier)s: it earns its points once."
                        ),
                        share=num(reading.repeated, ".0%"),
                        question=QUESTION_LABELS[key],
                        earlier=QUESTION_LABELS[reading.repeated_from],
                    ),
                    {
                        "question": key,
                        "repeats": QUESTION_LABELS[reading.repeated_from],
                        "share": round(reading.repeated, 2),
                    },
                )
            )
    # One flag per signal, however many answers raised it; the evidence lists each match.
    by_code: dict[str, list[tuple[str, Signal]]] = {}
    for key, reading in readings.items():
        for signal in reading.signals:
            by_code.setdefault(signal.code, []).append((key, signal))
    for code, matches in by_code.items():
        first = matches[0][1]
        flags.append(
            FlagOut(
                f"text_{code}",
                first.polarity,
                "medium" if first.polarity == RED else "low",
                "text",
                first.principle,
                {
                    "question": matches[0][0],
                    "text": first.text,
                    "matches": [
                        {"question": k, "start": s.start, "end": s.end, "text": s.text}
                        for k, s in matches
                    ],
                },
            )
        )
    return tuple(flags)


# --- References --------------------------------------------------------------------------------


# Positions in a reference check's row (`inputs._evidence_row`).
CHECK, REFERENCE, STATUS, RELATIONSHIP, PERIOD, VERDICTS = range(6)
RATINGS = slice(6, 9)
HIRE = 9


def reference_evidence_value(evidence: ReferenceEvidence) -> float | None:
    """What one reference check says, 0 to 1 (None while it is pending)."""
    return _row_value(evidence_row(evidence))


def _row_value(row: tuple[Any, ...]) -> float | None:
    status = row[STATUS]
    if status == "declined":
        return DECLINED_EVIDENCE
    if status == "unreachable":
        return UNREACHABLE_EVIDENCE
    if status != "completed":
        return None
    weighted = 0.0
    total = 0.0
    if row[RELATIONSHIP] is not None:
        weighted += 0.15 * (1.0 if row[RELATIONSHIP] else 0.3)
        total += 0.15
    weighted += 0.10 * (1.0 if row[PERIOD] else 0.3)
    total += 0.10
    if row[VERDICTS]:
        values = [VERDICT_VALUE.get(v, 0.4) for _, v in row[VERDICTS]]
        weighted += 0.25 * sum(values) / len(values)
        total += 0.25
    ratings = [r for r in row[RATINGS] if r is not None]
    if ratings:
        weighted += 0.35 * sum((r - 1) / 4 for r in ratings) / len(ratings)
        total += 0.35
    if row[HIRE] in HIRE_VALUE:
        weighted += 0.15 * HIRE_VALUE[row[HIRE]]
        total += 0.15
    return weighted / total


# A finished check's status, as the explanation reads it ("check 12 (declined): 0.30").
CHECK_WORDS = {
    "completed": pgettext_noop("reference check status, inside a sentence", "completed"),
    "declined": pgettext_noop("reference check status, inside a sentence", "declined"),
    "unreachable": pgettext_noop("reference check status, inside a sentence", "unreachable"),
}


class ReferencesPart(NamedTuple):
    """What one card's reference checks say (`references_part`)."""

    source: Source | None  # the references criterion's source; None while none finished
    # (reference id, accomplishment index) -> the verdict of the last completed check by
    # that reference (read-only: shared by the cards with these checks).
    verdicts: dict[tuple[int, int], str]


@lru_cache(maxsize=65536)
def references_part(rows: tuple[tuple[Any, ...], ...]) -> ReferencesPart:
    """The checks' rows (see `inputs.Key`), each evaluated once: a recompute after a
    review finds the same checks here."""
    verdicts: dict[tuple[int, int], str] = {}
    scored = []
    for row in rows:
        value = _row_value(row)
        if value is not None:
            scored.append((row, value))
        if row[STATUS] == "completed" and row[REFERENCE] is not None:
            for index, verdict in row[VERDICTS]:
                verdicts[(row[REFERENCE], index)] = verdict
    if not scored:
        return ReferencesPart(None, verdicts)
    value = sum(v for _, v in scored) / len(scored)
    lines = join(
        "; ",
        [
            say(
                gettext_noop("check %(check)s (%(status)s): %(value)s"),
                check=str(row[CHECK]),
                status=CHECK_WORDS.get(row[STATUS]) or row[STATUS],
                value=num(v),
            )
            for row, v in scored
        ],
    )
    source = Source(
        "references",
        value,
        REFERENCE_WEIGHT * len(scored),
        REFERENCE_SD / math.sqrt(len(scored)),
        say(
            gettext_noop("mean of %(n)s finished reference check(s): %(lines)s"),
            n=num(len(scored), "d"),
            lines=lines,
        ),
    )
    return ReferencesPart(source, verdicts)


# --- Structure -----------------------------------------------------------------------------------


def structural_flags(
    years_social: int | None,
    years_clients: int | None,
    items: Sequence[Accomplishment],
    services: tuple[int, int, int],
) -> list[FlagOut]:
    flags = []
    if years_social is not None and years_clients is not None and years_clients > years_social:
        flags.append(
            FlagOut(
                "years_inconsistent",
                RED,
                "medium",
                "structure",
                say(
                    gettext_noop(
                        "%(clients)s years for clients but only %(social)s years practising "
                        "social media."
                    ),
                    clients=num(years_clients, "d"),
                    social=num(years_social, "d"),
                ),
                {"years_social": years_social, "years_clients": years_clients},
            )
        )
    bare = [
        i + 1 for i, a in enumerate(items) if not a.result.strip() and not a.evidence_url.strip()
    ]
    if bare:
        flags.append(
            FlagOut(
                "accomplishments_unmeasured",
                RED,
                "medium",
                "structure",
                say(
                    gettext_noop(
                        "%(n)s accomplishment(s) with no measured result and no evidence."
                    ),
                    n=num(len(bare), "d"),
                ),
                {"accomplishments": bare},
            )
        )
    repeats = repeats_of(items) if len(items) > 1 else {}
    if repeats:
        flags.append(
            FlagOut(
                "accomplishments_repeated",
                RED,
                "medium",
                "structure",
                say(
                    gettext_noop(
                        "%(n)s accomplishment(s) repeat an earlier one: each result counts once."
                    ),
                    n=num(len(repeats), "d"),
                ),
                {"accomplishments": [i + 1 for i in sorted(repeats)]},
            )
        )
    measured = [
        i + 1
        for i, a in enumerate(items)
        if i not in repeats
        and NUMBER_PATTERN.search(a.result)
        and (a.evidence_url or a.reference_id)
    ]
    if measured:
        flags.append(
            FlagOut(
                "measured_accomplishments",
                GREEN,
                "low",
                "structure",
                say(
                    gettext_noop(
                        "%(n)s accomplishment(s) with a measured result and evidence or a "
                        "reference."
                    ),
                    n=num(len(measured), "d"),
                ),
                {"accomplishments": measured},
            )
        )
    flag = does_it_all_flag(*services)
    if flag is not None:
        flags.append(flag)
    return flags


def does_it_all_flag(offered: int, declined: int, total: int) -> FlagOut | None:
    """Offering most of the catalogue and declining nothing is claiming to do it all,
    measured against the catalogue's size and what the consultant declines."""
    if not total:
        return None
    share = offered / total
    if declined == 0 and share >= DOES_IT_ALL_SHARE:
        severity = "high" if share >= DOES_NEARLY_ALL_SHARE else "medium"
    elif share >= DOES_NEARLY_ALL_SHARE:
        severity = "medium"
    else:
        return None
    values = {"offered": num(offered, "d"), "total": num(total, "d"), "share": num(share, ".0%")}
    return FlagOut(
        "does_everything",
        RED,
        severity,
        "structure",
        say(
            gettext_noop(
                "Offers %(offered)s of the %(total)s services in the catalogue (%(share)s) and "
                "declines none: credible vendors say what they will not do."
            ),
            **values,
        )
        if declined == 0
        else say(
            gettext_noop(
                "Offers %(offered)s of the %(total)s services in the catalogue (%(share)s) and "
                "declines only %(declined)s: credible vendors say what they will not do."
            ),
            declined=num(declined, "d"),
            **values,
        ),
        {"offered": offered, "declined": declined},
    )


class AnswersPart(NamedTuple):
    """Everything read from the consultant's own (locked) answers."""

    # Per criterion, in CRITERIA order: the automatic source from the answers (years,
    # texts), None for the others. (A tuple: a card reads every criterion's.)
    sources: tuple[Source | None, ...]
    texts: TextPart  # its flags follow the card's others
    structure: tuple[FlagOut, ...]  # flags from the answers' structure (years, items, services)
    named: tuple[tuple[int, int], ...]  # (reference id, index) of the items naming a reference
    # The accomplishments' source by what their references said (`accomplishments_source`).
    accomplishments: dict[tuple[str | None, ...], Source]


_ANSWERS: dict[Any, AnswersPart] = {}


def answers_part(
    digest: str,
    answers: tuple[Any, ...],
    items: Sequence[Accomplishment],
    copied: tuple[tuple[Any, ...], ...] = (),
) -> AnswersPart:
    """What the locked answers (`inputs.Key.answers`) give, computed once per answer set
    (and the copies found of them, `inputs.Key.copied`) and found again by the answers' own
    hash (cheaper to look up than the answers)."""
    found = (digest, copied) if copied else digest
    part = _ANSWERS.get(found)
    if part is None:
        if len(_ANSWERS) >= ANSWERS_KEPT:
            _ANSWERS.clear()
        part = _ANSWERS[found] = _answers_part(answers, tuple(items), copied)
    return part


def _answers_part(
    answers: tuple[Any, ...],
    items: tuple[Accomplishment, ...],
    copied: tuple[tuple[Any, ...], ...] = (),
) -> AnswersPart:
    years_social, years_clients, _, services, texts = answers
    read = text_part(texts, copied)
    sources = years_sources(years_social, years_clients)
    sources.update(read.sources)
    flags = structural_flags(years_social, years_clients, items, services)
    named = tuple(
        (item.reference_id, index)
        for index, item in enumerate(items)
        if item.reference_id is not None
    )
    return AnswersPart(tuple(sources.get(k) for k in CRITERION_KEYS), read, tuple(flags), named, {})
