"""The card's sentences, said in English and kept as what they say, so that a page can say
them again in its reader's language. Pure: no Django.

The scoring service writes every sentence a buyer reads (an explanation, a flag's message,
why an answer was capped) with `say`: the result is the English text, a `str` like any
other, that also carries its *spec*: the template (a message marked for translation, with
`%(name)s` placeholders) and its values. A value is either a plain `str` (a name, a quoted
answer: shown as given), a number (`num`: shown in the reader's number format), a word of
the product (`word`: translated) or another sentence. `join` keeps a list of sentences.

The card stores each such text beside its spec (`specs`); `vetting.i18n.say_again` renders
a spec in the active language, and a text stored without one (an older card, a fixed
message) through the catalogue as it is. `said_in_english(spec)` renders a spec back in
English: the tests hold it equal to the text for every card they build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

Spec = dict[str, Any] | str


def gettext_noop(text: str) -> str:
    """Marks `text` for translation (`make messages` reads this name); returns it as is."""
    return text


def pgettext_noop(context: str, text: str) -> Said:
    """A word of the product said inside a sentence, whose translation depends on `context`
    (marked for translation under that context; see vetting/management/commands/
    makemessages.py)."""
    return Said(text, {"t": text, "c": context})


class Said(str):
    """English text that keeps what it says (`spec`)."""

    spec: Spec

    def __new__(cls, text: str, spec: Spec) -> Said:
        self = super().__new__(cls, text)
        self.spec = spec
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (str(self), self.spec))


def say(template: str, **values: Any) -> Said:
    """`template % values`, remembered. `template` must be marked with `gettext_noop` where
    it is written."""
    text = template % values if values else template
    spec: dict[str, Any] = {"t": template}
    if values:
        spec["p"] = {name: spec_of(value) for name, value in values.items()}
    return Said(text, spec)


def word(text: str, *, lower: bool = False) -> Said:
    """A label of the product (marked where it is written), translated where it is shown;
    `lower`: it stands inside a sentence (lower-cased where the reader's language does)."""
    if lower:
        return Said(text.lower(), {"t": text, "l": 1})
    return Said(text, {"t": text})


def num(value: float, style: str = ".2f") -> Said:
    """A number in `style` ("d", ".2f", "+.2f", ".0%", "g"), shown in the reader's format."""
    return Said(format(value, style), {"n": value, "f": style})


def day(iso: str, *, short: bool = False) -> Said:
    """A date ("2026-11-02") as "2 November 2026" ("2 Nov 2026" when `short`), shown in the
    reader's date format."""
    return Said(_english_day(iso, short), {"d": iso, **({"s": 1} if short else {})})


def _english_day(iso: str, short: bool) -> str:
    when = date.fromisoformat(iso)
    return f"{when.day} {when:%b %Y}" if short else f"{when.day} {when:%B %Y}"


def join(separator: str, parts: Iterable[str]) -> Said:
    """`separator.join(parts)`, each part remembered."""
    parts = list(parts)
    return Said(separator.join(parts), {"j": separator, "l": [spec_of(p) for p in parts]})


def spec_of(value: Any) -> Spec:
    """What a value says: a `Said`'s spec, else the value as text (shown as given)."""
    if isinstance(value, Said):
        return value.spec
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"n": value, "f": "g"}
    return str(value)


def specs(record: Mapping[str, Any]) -> dict[str, Spec]:
    """The specs of a record's said fields, as `<field>_said` entries (to store beside the
    record's fields)."""
    return {f"{k}_said": v.spec for k, v in record.items() if isinstance(v, Said)}


def said_in_english(spec: Spec) -> str:
    """A spec rendered in English: the text it was said with."""
    if isinstance(spec, str):
        return spec
    if "n" in spec:
        return format(spec["n"], spec["f"])
    if "d" in spec:
        return _english_day(spec["d"], bool(spec.get("s")))
    if "j" in spec:
        return spec["j"].join(said_in_english(part) for part in spec["l"])
    text = spec["t"].lower() if spec.get("l") else spec["t"]
    values = spec.get("p")
    if values:
        return text % {name: said_in_english(value) for name, value in values.items()}
    return text
