"""The Russian gold set (``benchmarks/data/russian/{dev,test}/*.xml``): dates, quotes and entities.

Each file is one article, ``<article dct="YYYY-MM-DD">...</article>``, whose text is the
article with every tag removed (the first line its headline, paragraphs separated by "\\n").
Inline tags mark the gold:

- ``<TIMEX3 type="DATE|TIME|DURATION|SET" value="...">``: a temporal expression, its span
  without a leading preposition;
- ``<QUOTE source="S">``: what a source says, quotation marks excluded; a quote split by its
  attribution is two QUOTEs with the same source;
- ``<SOURCE id="S">``: the speaker mention a QUOTE's ``source`` names; ``<CUE>``: the cue;
- ``<ENTITY type="PERSON|GPE|LOC|ORG|NORP|FAC|EVENT" id="cluster">``: a named mention and its
  within-document cluster.

Tags may nest (a SOURCE inside an ENTITY, a TIMEX3 inside a QUOTE); the text and every gold
offset are rebuilt from ElementTree's ``text`` and ``tail``, so that
``document.text[start:end]`` is the tagged text, always.

The gold takes the shapes the English benchmarks score, so the same measures apply: timexes
as `spinscope.eval.timeml` documents (TempEval-3), quotes as PolNeAR attributions
(`spinscope.eval.polnear.score_attributions`), entities as MEANTIME documents
(`spinscope.eval.meantime.score_entities`). A QUOTE's attribution takes the source mention of
its ``source`` id (the first SOURCE with that id, or none). Entities are scored over the types
MEANTIME scores (PERSON, ORG, GPE, LOC, FAC, mapped by `TYPE_OF_LABEL`); NORP and EVENT
mentions have no MEANTIME type and are left out of the entity gold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from spinscope.document import Timex
from spinscope.errors import InputError
from spinscope.eval.meantime import TYPE_OF_LABEL, GoldMention, MeantimeDocument
from spinscope.eval.polnear import Attribution
from spinscope.eval.timeml import TIMEX_TYPES, TimemlDocument

__all__ = ["SPLITS", "RussianArticle", "load_russian", "read_russian"]

SPLITS = ("dev", "test")
_CODE = "input.russian_gold"


@dataclass(frozen=True)
class RussianArticle:
    """One gold article: its text, its date, and its gold timexes, quotes and entity mentions."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[Timex, ...]
    attributions: tuple[Attribution, ...]
    mentions: tuple[GoldMention, ...]

    def as_timeml(self) -> TimemlDocument:
        """The article as a TempEval-3 document."""
        return TimemlDocument(self.name, self.text, self.dct, self.timexes)

    def as_meantime(self) -> MeantimeDocument:
        """The article as a MEANTIME entities document."""
        return MeantimeDocument(self.name, self.text, self.mentions)


def load_russian(folder: Path, split: str) -> list[RussianArticle]:
    """Read one split of the gold set from its folder (the one holding ``dev/`` and ``test/``).

    Raises:
        InputError: The split is unknown, holds no ``.xml`` file, or a file is malformed.
    """
    if split not in SPLITS:
        raise InputError(f"split must be one of {', '.join(SPLITS)}, got {split!r}", code=_CODE)
    files = sorted((folder / split).glob("*.xml"))
    if not files:
        raise InputError(f"{folder / split} holds no .xml article; give the gold set's folder", code=_CODE)
    return [read_russian(file.read_text(encoding="utf-8"), file.stem) for file in files]


@dataclass
class _Tagged:
    start: int
    end: int
    element: ET.Element


def read_russian(source: str, name: str) -> RussianArticle:
    """Read one gold article from its XML text.

    Raises:
        InputError: The XML is malformed, the root is not ``<article>``, or a tag lacks an
            attribute the format requires.
    """
    try:
        root = ET.fromstring(source)
    except ET.ParseError as error:
        raise InputError(f"{name}: not well-formed XML ({error}); fix the file", code=_CODE) from error
    if root.tag != "article":
        raise InputError(f"{name}: the root element is <{root.tag}>, not <article>", code=_CODE)
    dct = root.get("dct")
    pieces: list[str] = []
    tagged: list[_Tagged] = []
    _walk(root, pieces, tagged)
    text = "".join(pieces)
    timexes: list[Timex] = []
    sources: dict[str, tuple[int, int]] = {}
    quotes: list[tuple[int, int, str | None]] = []
    mentions: list[GoldMention] = []
    for item in tagged:
        tag, get = item.element.tag, item.element.get
        if tag == "TIMEX3":
            kind, value = get("type"), get("value")
            if kind not in TIMEX_TYPES or not value:
                raise InputError(f"{name}: TIMEX3 {text[item.start : item.end]!r} needs a type and a value", code=_CODE)
            timexes.append(Timex(item.start, item.end, text[item.start : item.end], type=kind, value=value))
        elif tag == "SOURCE":
            sources.setdefault(get("id", ""), (item.start, item.end))
        elif tag == "QUOTE":
            quotes.append((item.start, item.end, get("source")))
        elif tag == "ENTITY":
            label = get("type", "")
            if label in TYPE_OF_LABEL:
                cluster = get("id") or f"{label}:{text[item.start : item.end]}"
                mention = GoldMention(item.start, item.end, text[item.start : item.end], TYPE_OF_LABEL[label], cluster)
                mentions.append(mention)
    attributions = tuple(
        Attribution((start, end), sources.get(source or ""))
        for start, end, source in sorted(quotes, key=lambda q: q[:2])
    )
    return RussianArticle(
        name,
        text,
        dct,
        tuple(sorted(timexes, key=lambda t: (t.start, t.end))),
        attributions,
        tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


def _walk(element: ET.Element, pieces: list[str], tagged: list[_Tagged]) -> None:
    """Append `element`'s text and its children's to `pieces`, recording each child's extent."""
    pieces.append(element.text or "")
    for child in element:
        start = sum(map(len, pieces))
        _walk(child, pieces, tagged)
        tagged.append(_Tagged(start, sum(map(len, pieces)), child))
        pieces.append(child.tail or "")
