"""Copied and templated answers: an answer's fingerprint, and how much of it another holds.

Pure Python (datasketch and numpy for MinHash; no Django). The database side (storing
prints, the LSH band table, document frequencies, matches) is `vetting.services.copies`.

An answer is read as sentences of *content lemmas*: lower-cased, lemmatised (simplemma, as
the text signals read), stop words left out and a few near-synonyms folded into one word
("client" and "customer", "grow" and "increase"). Its shingles are the runs of `SHINGLE`
content lemmas inside one sentence, each hashed to a signed 64-bit integer. So:

- reordering sentences changes nothing (no shingle crosses a sentence);
- a few synonyms or inflections change little (folded, or they break only the shingles
  that hold them);
- added sentences add shingles of their own, and lower the share copied accordingly.

The share of THIS answer found in another is the containment |A ∩ B| / |A| over the
shingles that are not common (a shingle used by `COMMON_CONSULTANTS` or more different
consultants is a phrase of the field, "understand the target market", not a copy): it says
"62% of this answer also appears in that one", which Jaccard similarity would not.

Candidates are found with MinHash LSH (`BANDS` bands of `ROWS` values: an answer that
shares about a fifth of its shingles with another is a candidate nine times in ten) and
then confirmed exactly on the stored shingles.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from datasketch import MinHash

from vetting.scoring.answers import QUESTION_LABELS
from vetting.scoring.language import lemma
from vetting.scoring.said import Said, day, gettext_noop, num, say, word

SHINGLE = 3  # content lemmas per shingle
MIN_SHINGLES = 15  # an answer with fewer (common ones left out) is too short to judge: short
# answers overlap honestly ("Eight years in B2B marketing and PR")
COPY_FLAG = 0.30  # the share of an answer found in another that raises the flag
COMMON_CONSULTANTS = 10  # a shingle in this many consultants' answers is a common phrase
BANDS = 32
ROWS = 2
PERMUTATIONS = BANDS * ROWS
# Named, not left to datasketch's default: the stored bands must not change with its version.
SCHEME = "affine32"
CANDIDATES = 50  # per answer, the candidates with most bands in common are confirmed

BOILERPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "boilerplate"

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
SENTENCE_END = re.compile(r"[.!?;:\n]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _words(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves really always every many much well way get got make made s t d
    ll m re ve"""
)
# Near-synonyms a light edit swaps: each folds into the first word of its line.
SYNONYMS = {
    word: line.split()[0]
    for line in """customer client buyer patron shopper
    grow increase raise boost lift rise double triple
    big large huge major substantial significant
    small little modest
    help assist support aid
    build create develop establish
    plan strategy roadmap
    result outcome
    goal objective aim target
    brand company business firm organisation organization
    team staff people employee colleague
    audience community followers
    fast quick rapid
    start begin launch kick
    show demonstrate prove
    use utilise utilize leverage employ
    important key crucial vital essential critical
    improve enhance strengthen
    work collaborate cooperate
    learn discover find
    talk speak chat converse
    listen hear
    sale revenue income turnover""".splitlines()
    for word in line.split()
}


class Shingle(NamedTuple):
    hash: int  # signed 64-bit
    start: int  # offsets of the shingle's first and last word in the answer's text
    end: int


@lru_cache(maxsize=65536)
def _content(token: str) -> str:
    """A token as compared: its folded lemma, or "" for a stop word or a lone digit."""
    word = token.lower().replace("’", "'").split("'")[0]
    if word in STOP_WORDS or (word.isdigit() and len(word) < 2):
        return ""
    base = lemma(word)
    return SYNONYMS.get(base, base)


def _hash(words: Sequence[str]) -> int:
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def shingles_of(text: str) -> list[Shingle]:
    """Every shingle of the text, in order, with where it stands (for the highlight)."""
    found: list[Shingle] = []
    cursor = 0
    for end_match in [*SENTENCE_END.finditer(text), None]:
        stop = end_match.start() if end_match else len(text)
        words = []
        for token in TOKEN.finditer(text, cursor, stop):
            word = _content(token.group())
            if word:
                words.append((word, token.start(), token.end()))
        for i in range(len(words) - SHINGLE + 1):
            run = words[i : i + SHINGLE]
            found.append(Shingle(_hash([w for w, _, _ in run]), run[0][1], run[-1][2]))
        cursor = end_match.end() if end_match else len(text)
    return found


def fingerprint(text: str) -> np.ndarray:
    """The text's distinct shingle hashes, sorted (int64): what is stored and compared. The
    same hashes as `shingles_of`, without the offsets (this runs on every answer)."""
    hashes = []
    for sentence in SENTENCE_END.split(text):
        words = [w for w in map(_content, TOKEN.findall(sentence)) if w]
        hashes.extend(_hash(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    return np.unique(np.array(hashes, dtype=np.int64))


def packed(hashes: np.ndarray) -> bytes:
    return hashes.astype("<i8").tobytes()


def unpacked(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<i8")


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations, drawn once (datasketch draws them on every new sketch)."""
    return MinHash(num_perm=PERMUTATIONS, seed=19, hashfunc=_low32, scheme=SCHEME).permutations


def bands_of(hashes: np.ndarray) -> list[tuple[int, int]]:
    """(band, hash of the band's MinHash values) for the LSH table; none for an empty set."""
    if not len(hashes):
        return []
    sketch = MinHash(
        num_perm=PERMUTATIONS,
        seed=19,
        hashfunc=_low32,
        permutations=_permutations(),
        scheme=SCHEME,
    )
    sketch.update_batch(hashes.tolist())
    values = sketch.hashvalues.astype(np.uint64)
    found = []
    for band in range(BANDS):
        row = values[band * ROWS : (band + 1) * ROWS]
        combined = int(row[0]) << 32 | int(row[1]) & 0xFFFFFFFF
        found.append((band, combined - (1 << 64) if combined >= 1 << 63 else combined))
    return found


def containment(own: np.ndarray, other: np.ndarray, common: Collection[int] = ()) -> float:
    """The share of `own` (sorted shingle hashes) also in `other`, common shingles left out.
    0.0 when too little of `own` is left to judge."""
    if common:
        own = own[~np.isin(own, np.fromiter(common, dtype=np.int64))]
    if len(own) < MIN_SHINGLES:
        return 0.0
    return float(np.isin(own, other, assume_unique=True).sum()) / len(own)


def passages(text: str, shared: Collection[int]) -> list[tuple[int, int]]:
    """The stretches of `text` made of shingles in `shared`: (start, end), merged, in order."""
    spans: list[tuple[int, int]] = []
    for shingle in shingles_of(text):
        if shingle.hash not in shared:
            continue
        if spans and _joins(text[spans[-1][1] : shingle.start]):
            spans[-1] = (spans[-1][0], max(spans[-1][1], shingle.end))
        else:
            spans.append((shingle.start, shingle.end))
    return spans


def _joins(gap: str) -> bool:
    """Two marked stretches read as one across a gap of stop words and punctuation ("We",
    ". The"): the highlight shows one passage, not a mark per shingle."""
    return len(gap) < 40 and not any(_content(t) for t in TOKEN.findall(gap))


def shared_hashes(own: str, other: str) -> set[int]:
    return {s.hash for s in shingles_of(own)} & {s.hash for s in shingles_of(other)}


@dataclass(frozen=True)
class Boilerplate:
    name: str  # the file's name without .txt: "agency_brochure_03"
    text: str
    hashes: np.ndarray


@lru_cache(maxsize=1)
def boilerplate() -> tuple[Boilerplate, ...]:
    """The known boilerplate the project ships (vetting/data/boilerplate/*.txt: one
    passage per paragraph, named after its file and position)."""
    found = []
    for path in sorted(BOILERPLATE_DIR.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text().split("\n\n") if p.strip()]
        for index, paragraph in enumerate(paragraphs, 1):
            name = f"{path.stem}_{index:02d}"
            found.append(Boilerplate(name, paragraph, fingerprint(paragraph)))
    return tuple(found)


def boilerplate_text(name: str) -> str:
    return next((b.text for b in boilerplate() if b.name == name), "")


def boilerplate_matches(hashes: np.ndarray) -> list[tuple[str, float]]:
    """(passage, share of the answer found in it) for every known passage at or above
    the flag."""
    found = [(b.name, containment(hashes, b.hashes)) for b in boilerplate()]
    return sorted(
        [(name, share) for name, share in found if share >= COPY_FLAG], key=lambda m: -m[1]
    )


def consultants_new(hashes: np.ndarray, own_earlier: Iterable[np.ndarray]) -> np.ndarray:
    """The shingles of an answer its consultant has not used before (each consultant counts
    once in a shingle's document frequency)."""
    earlier = [e for e in own_earlier if len(e)]
    if not earlier:
        return hashes
    return hashes[~np.isin(hashes, np.concatenate(earlier))]


# --- On the card --------------------------------------------------------------------------


def _label(question: str) -> str:
    return QUESTION_LABELS.get(question, question.replace("_", " "))


def copied_where(source: str, question: str, other_question: str) -> Said:
    """Where the copied share was found, in a buyer's words: never the other consultant's
    name, round, organisation or words."""
    if source == "boilerplate":
        return word(
            gettext_noop(
                "is known boilerplate (agency brochure, template proposal or listicle text)"
            )
        )
    if other_question == question:
        return word(
            gettext_noop("also appears in another consultant's answer to the same question")
        )
    return say(
        gettext_noop("also appears in another consultant's answer to another question (%(other)s)"),
        other=_label(other_question),
    )


def copied_message(question: str, share: float, source: str, other_question: str, on: str) -> Said:
    """The flag's sentence: "62% of this answer on greatest accomplishment also appears in
    another consultant's answer to the same question, submitted earlier (2 November 2026)"."""
    values = {
        "share": num(share, ".0%"),
        "question": _label(question),
        "where": copied_where(source, question, other_question),
        "rest": num(1 - share, ".0%"),
    }
    if on:
        return say(
            gettext_noop(
                "%(share)s of the answer on %(question)s %(where)s, submitted earlier (%(on)s): "
                "it earns its text points on the other %(rest)s only."
            ),
            on=day(on),
            **values,
        )
    return say(
        gettext_noop(
            "%(share)s of the answer on %(question)s %(where)s: it earns its text points on the "
            "other %(rest)s only."
        ),
        **values,
    )
