"""The buyer's own questions in the score (pure Python, no Django).

A template's own questions (see the question builder) feed the criterion the buyer chose:
- one choice: the points of the option chosen, over the most any option gives;
- several choices: the points of the options chosen (a negative one takes away), over the
  points of every option that gives some, between 0 and 1;
- a number: the points of the band it falls in, over the most any band gives (a number in
  no band scores nothing);
- the other kinds (texts, dates, addresses, yes or no) earn no points of their own:
  reviewers rate them with the criterion they feed.
Options without points, and questions without any option that has points, count nothing.
All the scored answers of one criterion make one source of it ("your questions"), blended
with the criterion's others (the core answers, the reviews) as any source is.

A text the buyer asks to be read (Question.read_signals) is read for the field's signs as the
core long answers are: each rule it raises is a flag on the card, unless a core answer
raised the same rule already (one flag per rule). It earns no points of its own.

A yes-or-no **must-have** answered "no" is a knockout: a red flag on the card, "Does not
meet must-have: ...", that the ranking marks and can leave out. It does not change points:
the buyer decides what a knockout means for the round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from vetting.scoring.inputs import BuyerAnswer
from vetting.scoring.said import Said, gettext_noop, join, pgettext_noop, say
from vetting.scoring.sources import AUTO_SD, AUTO_WEIGHT, FlagOut, Source
from vetting.scoring.text_signals import RED, find_signals

KNOCKOUT = "must_have_unmet"
SOURCE_KIND = "your questions"


def option_points(answer: BuyerAnswer) -> tuple[float, str] | None:
    """The answer's value (0..1) from its options' points, and why; None when the question
    gives no points or the answer is not one the options know."""
    scored = {key: points for key, _, points in answer.options if points is not None}
    if not scored:
        return None
    labels = {key: label for key, label, _ in answer.options}
    if answer.kind == "single_choice":
        if answer.value not in labels:
            return None
        best = max(scored.values())
        got = scored.get(answer.value) or 0
        value = min(max(got / best, 0.0), 1.0) if best > 0 else 0.0
        return value, _points(answer.prompt, labels[answer.value], got, best)
    if answer.kind == "multiple_choice":
        chosen = [key for key in answer.value or () if key in labels]
        possible = sum(points for points in scored.values() if points > 0)
        got = sum(scored.get(key) or 0 for key in chosen)
        value = min(max(got / possible, 0.0), 1.0) if possible > 0 else 0.0
        names = ", ".join(labels[key] for key in chosen) or NONE_CHOSEN
        return value, _points(answer.prompt, names, got, possible)
    return None


def band_points(answer: BuyerAnswer) -> tuple[float, str] | None:
    """A number's value (0..1) from the band it falls in, and why; None without bands or a
    number."""
    if answer.kind != "number" or not answer.bands:
        return None
    if not isinstance(answer.value, int) or isinstance(answer.value, bool):
        return None
    best = max(points for _, _, points in answer.bands)
    got = next(
        (
            p
            for low, high, p in answer.bands
            if low <= answer.value and (high is None or answer.value <= high)
        ),
        0,
    )
    value = min(max(got / best, 0.0), 1.0) if best > 0 else 0.0
    return value, _points(answer.prompt, f"{answer.value} {answer.unit}".strip(), got, best)


NONE_CHOSEN = pgettext_noop("no option chosen", "none")


def _points(prompt: str, answered: str, got: float, best: float) -> Said:
    """Why an answer scored: "“Your main channel?”: TikTok, 1 of 2 points"."""
    return say(
        gettext_noop("“%(prompt)s”: %(answer)s, %(got)s of %(best)s points"),
        prompt=prompt,
        answer=answered,
        got=str(got),
        best=str(best),
    )


def buyer_sources(answers: Iterable[BuyerAnswer]) -> dict[str, Source]:
    """One source per criterion that scored answers feed: their mean, with every answer's
    points explained."""
    by_criterion: dict[str, list[tuple[float, str]]] = {}
    for answer in answers:
        scored = option_points(answer) or band_points(answer)
        if scored is not None:
            by_criterion.setdefault(answer.criterion, []).append(scored)
    return {
        criterion: Source(
            SOURCE_KIND,
            sum(value for value, _ in scored) / len(scored),
            AUTO_WEIGHT,
            AUTO_SD,
            join("; ", [why for _, why in scored]),
        )
        for criterion, scored in by_criterion.items()
    }


def knockouts(answers: Sequence[BuyerAnswer]) -> list[FlagOut]:
    """A red flag for each must-have answered no."""
    return [
        FlagOut(
            KNOCKOUT,
            RED,
            "high",
            "answers",
            say(gettext_noop("Does not meet must-have: %(prompt)s"), prompt=answer.prompt),
            {"question": answer.key},
        )
        for answer in answers
        if answer.must_have and answer.kind == "yes_no" and answer.value is False
    ]


TEXT_KINDS = frozenset({"text", "short_text"})


def text_flags(answers: Sequence[BuyerAnswer], raised: Iterable[str]) -> list[FlagOut]:
    """A flag per text rule the buyer's texts raise (those they asked to be read), leaving
    out the rules whose flag is `raised` already; the evidence names the question."""
    seen = set(raised)
    flags = []
    for answer in answers:
        if not (answer.read and answer.kind in TEXT_KINDS and isinstance(answer.value, str)):
            continue
        for signal in find_signals(answer.value):
            code = f"text_{signal.code}"
            if code in seen:
                continue
            seen.add(code)
            flags.append(
                FlagOut(
                    code,
                    signal.polarity,
                    "medium" if signal.polarity == RED else "low",
                    "text",
                    signal.principle,
                    {
                        "question": answer.key,
                        "text": signal.text,
                        "matches": [
                            {
                                "question": answer.key,
                                "start": signal.start,
                                "end": signal.end,
                                "text": signal.text,
                            }
                        ],
                    },
                )
            )
    return flags
