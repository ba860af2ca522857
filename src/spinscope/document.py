"""The central data type: one fixed text, its metadata, and named layers of spans.

Invariants:
- `Document.text` never changes after ingest; every span anywhere in a document is a
  half-open interval ``[start, end)`` of Unicode code points into it, and carries the text it
  covers, so ``doc.text[span.start:span.end] == span.text`` always holds.
- A layer that is present ran (it may be empty: "found nothing"); a layer that is absent did
  not run, and `Document.stages` says why.
- `Document.to_dict()` produces the JSON contract (`contract/analysis.schema.json`) and
  `Document.from_dict()` reads it back into an equal document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, Self

from spinscope.errors import ContractError, SpinscopeError

__all__ = [
    "Claim",
    "Document",
    "DocumentError",
    "Entity",
    "Finding",
    "Image",
    "LayerItem",
    "Mention",
    "Metadata",
    "Quote",
    "Source",
    "Span",
    "Speaker",
    "StageRecord",
    "Technique",
    "Term",
    "TimelineEntry",
    "Timex",
]

SCHEMA_VERSION = "1"

SourceKind = Literal["text", "html", "url", "jsonl", "warc", "stdin"]
StageStatus = Literal["ok", "failed", "skipped"]


class LayerItem(Protocol):
    """What every item of a layer offers: JSON conversion and the spans it holds."""

    def to_dict(self) -> dict[str, Any]: ...

    def spans(self) -> Iterator[Span]: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def spans(self) -> Iterator[Span]:
        """Yield this span (a span is a layer item holding one span)."""
        yield self

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's ``span`` object."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract ``span`` object."""
        return cls(start=_int(data, "start"), end=_int(data, "end"), text=_str(data, "text"))


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """One mention of an entity: its proper name (``kind="name"``) or a bare title standing
    for it (``kind="title"``, e.g. "the President" after "President Ilham Aliyev")."""

    kind: Literal["name", "title"] = "name"

    def to_dict(self) -> dict[str, Any]:
        """Convert to a contract ``span`` object with the mention's kind added."""
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a mention; a plain span counts as a name mention."""
        kind = data.get("kind", "name")
        if kind not in ("name", "title"):
            raise ContractError(f"mention kind {kind!r} is not 'name' or 'title'")
        return cls(start=_int(data, "start"), end=_int(data, "end"), text=_str(data, "text"), kind=kind)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or other named thing, with all its mentions clustered."""

    id: str
    name: str
    label: str
    mentions: tuple[Mention, ...]
    titles: tuple[str, ...] = ()

    def spans(self) -> Iterator[Span]:
        """Yield every mention."""
        yield from self.mentions

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's entity object (plus the titles seen before the name)."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "titles": list(self.titles),
            "mentions": [mention.to_dict() for mention in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract entity object."""
        return cls(
            id=_str(data, "id"),
            name=_str(data, "name"),
            label=_str(data, "label"),
            mentions=tuple(Mention.from_dict(m) for m in _list(data, "mentions")),
            titles=tuple(str(t) for t in data.get("titles", ())),
        )


@dataclass(frozen=True, slots=True)
class Technique(Span):
    """A span using a persuasion technique, with a calibrated score and the evidence for it.

    `cues` are the words inside the span that drove the detection most; `why` says in words
    what drove the span and its technique; `evidence` holds the other passages that back it
    (the other uses of a repeated phrase). `shown` is whether the score reaches the operating
    point chosen for precision: readers see those spans by default.
    """

    technique: str = ""
    score: float = 0.0
    why: str = ""
    cues: tuple[Span, ...] = ()
    evidence: tuple[Span, ...] = ()
    shown: bool = True

    def spans(self) -> Iterator[Span]:
        """Yield the span itself, its cue words and its evidence."""
        yield self
        yield from self.cues
        yield from self.evidence

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's technique object (plus `why` and `cues`)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
            "score": self.score,
            "why": self.why,
            "cues": [cue.to_dict() for cue in self.cues],
            "evidence": [item.to_dict() for item in self.evidence],
            "shown": self.shown,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract technique object."""
        score = data.get("score")
        if not isinstance(score, int | float) or not 0 <= score <= 1:
            raise ContractError(f"technique score {score!r} is not a number from 0 to 1")
        return cls(
            start=_int(data, "start"),
            end=_int(data, "end"),
            text=_str(data, "text"),
            technique=_str(data, "technique"),
            score=float(score),
            why=str(data.get("why", "")),
            cues=tuple(Span.from_dict(cue) for cue in data.get("cues", ())),
            evidence=tuple(Span.from_dict(item) for item in data.get("evidence", ())),
            shown=bool(data.get("shown", True)),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    `name` is the resolved person ("Ilham Aliyev" where the sentence says "he"), or the
    description of an unnamed or group speaker ("foreign experts"); `entity` is the id of the
    entity cluster, or None. `start`/`end` point at the mention the cue governs (the pronoun,
    title or name next to the verb), when there is one.
    """

    name: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's speaker object."""
        return {"name": self.name, "entity": self.entity, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract speaker object."""
        start, end = data.get("start"), data.get("end")
        return cls(
            name=_str(data, "name"),
            entity=None if data.get("entity") is None else str(data["entity"]),
            start=None if start is None else _int(data, "start"),
            end=None if end is None else _int(data, "end"),
        )


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """What a source is quoted or reported as saying: the content span, its speaker and cue.

    `kind` is ``direct`` (inside quotation marks), ``indirect`` (reported speech) or ``mixed``
    (reported speech that quotes some words). A direct quote split around its cue
    (``"...," he said, "..."``) lists its pieces in `parts`, and its own span covers them all.
    """

    kind: Literal["direct", "indirect", "mixed"] = "direct"
    speaker: Speaker | None = None
    cue: Span | None = None
    parts: tuple[Span, ...] = ()

    def spans(self) -> Iterator[Span]:
        """Yield the content span, its cue and its parts."""
        yield self
        if self.cue is not None:
            yield self.cue
        yield from self.parts

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's quote object."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": None if self.speaker is None else self.speaker.to_dict(),
            "cue": None if self.cue is None else self.cue.to_dict(),
            "parts": [part.to_dict() for part in self.parts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract quote object."""
        kind = data.get("kind")
        if kind not in ("direct", "indirect", "mixed"):
            raise ContractError(f"quote kind {kind!r} is not direct, indirect or mixed")
        speaker, cue = data.get("speaker"), data.get("cue")
        return cls(
            start=_int(data, "start"),
            end=_int(data, "end"),
            text=_str(data, "text"),
            kind=kind,
            speaker=None if speaker is None else Speaker.from_dict(speaker),
            cue=None if cue is None else Span.from_dict(cue),
            parts=tuple(Span.from_dict(part) for part in data.get("parts", ())),
        )


@dataclass(frozen=True, slots=True)
class Term(Span):
    """Words in quotation marks that are not speech: a scare quote, a coined or quoted term, a
    nickname, a title. `text` includes the marks; `reason` says why it is not a quote."""

    kind: Literal["scare_quote", "term", "title"] = "term"
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Convert to spinscope's term object."""
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a term object."""
        kind = data.get("kind")
        if kind not in ("scare_quote", "term", "title"):
            raise ContractError(f"term kind {kind!r} is not scare_quote, term or title")
        return cls(
            start=_int(data, "start"),
            end=_int(data, "end"),
            text=_str(data, "text"),
            kind=kind,
            reason=str(data.get("reason", "")),
        )


@dataclass(frozen=True, slots=True)
class Timex(Span):
    """A temporal expression with its TIMEX3 type and normalised value.

    `value` is a TIMEX3 value (``2020-11-10``, ``2020-11-10TNI``, ``P44D``, ``XXXX-11-08``,
    ``PRESENT_REF``); `anchor` is the reference date it was resolved against, if any.
    """

    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str = ""
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's timex object."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "anchor": self.anchor,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract timex object."""
        kind = data.get("type")
        if kind not in ("DATE", "TIME", "DURATION", "SET"):
            raise ContractError(f"timex type {kind!r} is not DATE, TIME, DURATION or SET")
        anchor = data.get("anchor")
        return cls(
            start=_int(data, "start"),
            end=_int(data, "end"),
            text=_str(data, "text"),
            type=kind,
            value=_str(data, "value"),
            anchor=None if anchor is None else str(anchor),
        )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event of the article's timeline: the sentence that tells it and its date."""

    value: str
    sentence: Span

    def spans(self) -> Iterator[Span]:
        """Yield the sentence."""
        yield self.sentence

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's timeline object."""
        return {"value": self.value, "sentence": self.sentence.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract timeline object."""
        return cls(value=_str(data, "value"), sentence=Span.from_dict(data.get("sentence") or {}))


@dataclass(frozen=True, slots=True)
class Claim(Span):
    """A sentence or quote that states something checkable, with its check-worthiness.

    `score` is from 0 to 1; `checkworthy` says whether it passed the model's threshold;
    `kind` names what sort of claim it is (``quantity``, ``event``, ``opinion``, ...).
    What it states is linked: `entities` are the ids of the entities named in it, `numbers`
    the numbers in it (spans of the document's text), `timexes` indexes into the timexes layer.
    """

    score: float = 0.0
    checkworthy: bool = False
    kind: str | None = None
    entities: tuple[str, ...] = ()
    numbers: tuple[Span, ...] = ()
    timexes: tuple[int, ...] = ()

    def spans(self) -> Iterator[Span]:
        """Yield the claim itself and its numbers."""
        yield self
        yield from self.numbers

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's claim object (plus its links)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "checkworthy": self.checkworthy,
            "kind": self.kind,
            "entities": list(self.entities),
            "numbers": [number.to_dict() for number in self.numbers],
            "timexes": list(self.timexes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract claim object; links it lacks (older JSON) are empty."""
        score = data.get("score")
        if not isinstance(score, int | float) or not 0 <= score <= 1:
            raise ContractError(f"claim score {score!r} is not a number from 0 to 1")
        kind = data.get("kind")
        timexes = data.get("timexes", ())
        if not all(isinstance(index, int) and not isinstance(index, bool) for index in timexes):
            raise ContractError(f"claim timexes {timexes!r} are not indexes into the timexes layer")
        return cls(
            start=_int(data, "start"),
            end=_int(data, "end"),
            text=_str(data, "text"),
            score=float(score),
            checkworthy=bool(data.get("checkworthy")),
            kind=None if kind is None else str(kind),
            entities=tuple(str(entity) for entity in data.get("entities", ())),
            numbers=tuple(Span.from_dict(number) for number in data.get("numbers", ())),
            timexes=tuple(timexes),
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """A place where the article disagrees with itself: what disagrees, and every span involved."""

    kind: str
    message: str
    cited: tuple[Span, ...] = ()

    def spans(self) -> Iterator[Span]:
        """Yield every span the finding cites."""
        yield from self.cited

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's finding object."""
        # Plain spans, whatever cites them.
        spans = [{"start": s.start, "end": s.end, "text": s.text} for s in self.cited]
        return {"kind": self.kind, "message": self.message, "spans": spans}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract finding object."""
        return cls(
            kind=_str(data, "kind"),
            message=_str(data, "message"),
            cited=tuple(Span.from_dict(s) for s in _list(data, "spans")),
        )


# The layer names this version reads back from JSON, and the item type of each.
LAYER_TYPES: dict[str, type[Any]] = {
    "sentences": Span,
    "entities": Entity,
    "techniques": Technique,
    "quotes": Quote,
    "terms": Term,
    "timexes": Timex,
    "timeline": TimelineEntry,
    "claims": Claim,
    "findings": Finding,
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: its kind and its path, URL or record key."""

    kind: SourceKind
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's ``source`` object."""
        return {"kind": self.kind, "name": self.name}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract ``source`` object."""
        kind = data.get("kind")
        if kind not in ("text", "html", "url", "jsonl", "warc", "stdin"):
            raise ContractError(f"source kind {kind!r} is not one the contract allows")
        name = data.get("name")
        return cls(kind=kind, name=None if name is None else str(name))


@dataclass(frozen=True, slots=True)
class Image:
    """An image the article shows, with what the page says about it."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's image object."""
        return {"url": self.url, "caption": self.caption, "credit": self.credit}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract image object."""
        return cls(url=data.get("url"), caption=data.get("caption"), credit=data.get("credit"))


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the article says about itself: title, date, authors, site, navigation, images.

    `evidence` maps a field name (``title``, ``published``, ``byline``, ``breadcrumbs``,
    ``images``) to the spans of the text it was read from; it is empty for fields that came
    from HTML markup or a record rather than from the text itself. `language` is read from the
    text (`spinscope.language`), never from markup; `language_note` says why English was
    assumed when the text could not tell. `encoding_note` says what decoding the input had to
    repair (invalid UTF-8 bytes replaced), None when nothing.
    """

    title: str | None = None
    published: str | None = None
    byline: tuple[str, ...] = ()
    site: str | None = None
    breadcrumbs: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    language: str | None = None
    url: str | None = None
    encoding: str | None = None
    evidence: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    language_note: str | None = None
    encoding_note: str | None = None

    def spans(self) -> Iterator[Span]:
        """Yield every evidence span."""
        for spans in self.evidence.values():
            yield from spans

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's ``metadata`` object."""
        return {
            "title": self.title,
            "published": self.published,
            "byline": list(self.byline),
            "site": self.site,
            "breadcrumbs": list(self.breadcrumbs),
            "images": [image.to_dict() for image in self.images],
            "language": self.language,
            "url": self.url,
            "encoding": self.encoding,
            "evidence": {name: [span.to_dict() for span in spans] for name, spans in self.evidence.items()},
            "language_note": self.language_note,
            "encoding_note": self.encoding_note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract ``metadata`` object."""
        evidence = data.get("evidence") or {}
        return cls(
            title=data.get("title"),
            published=data.get("published"),
            byline=tuple(data.get("byline") or ()),
            site=data.get("site"),
            breadcrumbs=tuple(data.get("breadcrumbs") or ()),
            images=tuple(Image.from_dict(i) for i in data.get("images") or ()),
            language=data.get("language"),
            url=data.get("url"),
            encoding=data.get("encoding"),
            evidence={name: tuple(Span.from_dict(s) for s in spans) for name, spans in evidence.items()},
            language_note=data.get("language_note"),
            encoding_note=data.get("encoding_note"),
        )


@dataclass(frozen=True, slots=True)
class StageRecord:
    """What happened when one stage met one document."""

    name: str
    status: StageStatus
    version: str | None = None
    error: str | None = None
    code: str | None = None
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the contract's stage object."""
        return {
            "name": self.name,
            "version": self.version,
            "status": self.status,
            "error": self.error,
            "code": self.code,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a contract stage object."""
        status = data.get("status")
        if status not in ("ok", "failed", "skipped"):
            raise ContractError(f"stage status {status!r} is not 'ok', 'failed' or 'skipped'")
        return cls(
            name=_str(data, "name"),
            status=status,
            version=data.get("version"),
            error=data.get("error"),
            code=data.get("code"),
            seconds=data.get("seconds"),
        )


@dataclass(frozen=True, slots=True)
class DocumentError:
    """Why an input produced no text to analyse: the error's stable code and its message."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON ``error`` object."""
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Document:
    """One analysed document: a fixed text, its metadata, span layers and stage records.

    Create one with `Document(text, source=...)`; stages never modify it, the pipeline adds
    their layers with `add_layers` and their records with `add_stage`.
    """

    text: str
    source: Source = Source(kind="text")
    metadata: Metadata = Metadata()
    id: str = ""
    layers: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    stages: list[StageRecord] = field(default_factory=list)
    error: DocumentError | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ContractError(f"document text must be a str, not {type(self.text).__name__}")
        if not self.id:
            object.__setattr__(self, "id", _document_id(self.text, self.source))
        for span in self.metadata.spans():
            self._check_span(span, "metadata.evidence")
        for name, items in self.layers.items():
            self.check_layer(name, items)

    @classmethod
    def failed(cls, source: Source, error: SpinscopeError) -> Document:
        """Build the record of an input that could not be read, so that no input is lost."""
        message = error.message
        document = cls("", source=source, error=DocumentError(code=error.code, message=message))
        document.add_stage(StageRecord(name="ingest", status="failed", error=message, code=error.code))
        return document

    def span(self, start: int, end: int) -> Span:
        """Return the span ``[start, end)`` of this document's text."""
        if not 0 <= start <= end <= len(self.text):
            raise ContractError(f"span [{start}, {end}) is outside the document's text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])

    def add_layer(self, name: str, items: Iterable[LayerItem]) -> None:
        """Store a stage's output as layer `name`, after checking every span against the text."""
        self.add_layers({name: items})

    def add_layers(self, layers: Mapping[str, Iterable[LayerItem]]) -> None:
        """Store several layers at once: all of them, or none if any span is wrong.

        Raises:
            ContractError: A span is out of range or its text disagrees with the document's.
        """
        checked = {name: tuple(items) for name, items in layers.items()}
        for name, items in checked.items():
            self.check_layer(name, items)
        self.layers.update(checked)

    def check_layer(self, name: str, items: Iterable[LayerItem]) -> None:
        """Check that every span of `items` lies in the text and carries the text it covers.

        Raises:
            ContractError: A span is out of range or its text disagrees with the document's.
        """
        for item in items:
            for span in item.spans():
                self._check_span(span, name)

    def add_stage(self, record: StageRecord) -> None:
        """Record what one stage did with this document."""
        self.stages.append(record)

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON contract of one analysed document."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source.to_dict(),
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "layers": {name: [item.to_dict() for item in items] for name, items in self.layers.items()},
            "stages": [record.to_dict() for record in self.stages],
        }
        if self.error is not None:
            data["error"] = self.error.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Read a document back from its JSON contract form."""
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ContractError(
                f"schema_version {data.get('schema_version')!r} is not {SCHEMA_VERSION!r}; "
                "this spinscope reads version 1 documents"
            )
        layers: dict[str, tuple[Any, ...]] = {}
        for name, items in (data.get("layers") or {}).items():
            if name not in LAYER_TYPES:
                raise ContractError(
                    f"layer {name!r} is unknown to this version of spinscope; "
                    f"known layers: {', '.join(sorted(LAYER_TYPES))}"
                )
            layers[name] = tuple(LAYER_TYPES[name].from_dict(item) for item in items)
        error = data.get("error")
        return cls(
            _str(data, "text"),
            id=_str(data, "id"),
            source=Source.from_dict(data.get("source") or {}),
            metadata=Metadata.from_dict(data.get("metadata") or {}),
            layers=layers,
            stages=[StageRecord.from_dict(s) for s in data.get("stages") or ()],
            error=None if error is None else DocumentError(str(error["code"]), str(error["message"])),
        )

    def _check_span(self, span: Span, where: str) -> None:
        if not 0 <= span.start <= span.end <= len(self.text):
            raise ContractError(
                f"{where}: span [{span.start}, {span.end}) is outside the text of length {len(self.text)}"
            )
        if self.text[span.start : span.end] != span.text:
            raise ContractError(
                f"{where}: span [{span.start}, {span.end}) says {span.text!r} "
                f"but the text there is {self.text[span.start : span.end]!r}"
            )


def _document_id(text: str, source: Source) -> str:
    """A stable id: the same text gives the same id; an empty text falls back to its source."""
    key = text if text else f"{source.kind}:{source.name}"
    return "doc-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _int(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ContractError(f"field {key!r} must be an integer, got {value!r}")
    return value


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ContractError(f"field {key!r} must be a string, got {value!r}")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ContractError(f"field {key!r} must be a list, got {value!r}")
    return value
