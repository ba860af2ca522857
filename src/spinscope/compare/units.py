"""Claim units: the body sentences of an analysed document, with what alignment and
differences read from them (entities, dates, numbers, lexicon words).

Invariants: a unit is one sentence of the `sentences` layer, outside the metadata's evidence
(title, dateline, byline), with at least three words not all inside dates; its offsets are
the sentence's own.
Across scripts: a unit knows its document's language; a Russian unit's numbers are read by the
Russian rules of `spinscope.numbers` («двадцать три», «около сорока»), and every entity that
is no lexicon referent is keyed by `spinscope.compare.translit.name_key`, so «Пашинян» and
"Pashinyan" share an anchor; a state doing an act ("Armenia proposed", «Азербайджан
предложил», `spinscope.compare.actors`) is an actor keyed ``state:<name>`` in both scripts.
Asides: a name that the sentence gives only inside its attribution or a causal clause
(`spinscope.compare.clauses`: "according to the ministry", "because Armenian forces mined
it") stays an anchor of alignment but is no actor of the claim.
A Russian organisation's name is written whole where the entity stage cut it short
(`spinscope.compare.orgnames`: «АО «Сивашхимпром»», «Бюро политик реинтеграции»); its key is
the entity's.
Periods: a DURATION timex with a definite TIMEX3 value (``PT6H``, ``P2D``; also ``P6H``; decades
``P3E`` and centuries ``P2C``), the
period an offset timex counts ("four hours later", «через четыре часа», whose value is a time)
and a number followed by a unit of time ("six hours", «двое суток») are numbers with a unit,
``second`` (weeks, days, hours, minutes, seconds) or ``month`` (years, months), so "48 hours"
and «двое суток» are one value and "six hours" and «четыре часа» differ as numbers do. A
percentage ("80%", «пять процентов») has the unit ``percent``, compared with percentages only.
Qualifiers: the hedge or bound before a number ("more than", «почти») is kept with it, also
when a period's timex holds it ("more than three decades", «почти тридцать лет»).
Ordinals ("eleventh", «двенадцатое», «12-е») are numbers of the unit ``ordinal``, compared with
ordinals only. A part of a number already given ("two of them", «среди них двое», «трое из
них») has the unit ``part``, compared with parts only: "four killed, two of them workers"
differs from «двое погибших». A number glued to a name by a hyphen ("Soyuz-2.1a", «МС-34», "Ferosplavna-1")
and the "one" of "one of" («одним из главных мест») state no amount and are left out, as are
digits that close a name after a capitalised word ("the tanker Tarki 14.", «Тарки 14»).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.compare.actors import find_doers, find_state_actors
from spinscope.compare.clauses import attributions, causal_span
from spinscope.compare.lexicon import Lexicon, Use
from spinscope.compare.orgnames import org_name_end
from spinscope.compare.translit import name_key
from spinscope.document import Document, Span, Timex
from spinscope.errors import ConfigError
from spinscope.language import has_cyrillic, language_of
from spinscope.months import MONTHS, RUSSIAN_MONTHS
from spinscope.numbers import (
    find_numbers,
    find_numbers_ru,
    find_ordinals,
    find_ordinals_ru,
    parse_number,
    parse_number_ru,
    parse_ordinal,
    parse_ordinal_ru,
)

__all__ = ["ACTOR_LABELS", "Number", "Unit", "build_units", "embed_units_with", "parse_number"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "STATE"})
REQUIRED_LAYERS = ("sentences", "entities", "timexes")

_QUALIFIERS = (
    r"(?:nearly|almost|about|around|some|roughly|approximately|over|under|at least|at most|up to|more than"
    r"|fewer than|less than|just over|just under|as many as)"
)
_QUALIFIERS_RU = (
    r"(?:около|почти|примерно|приблизительно|порядка|более|свыше|больше|менее|меньше|не менее|не более|до"
    r"|по меньшей мере|по крайней мере|как минимум|неполных|целых|всего|лишь|лишь около)"
)
_QUALIFIER = re.compile(rf"{_QUALIFIERS}\s+$", re.IGNORECASE)
_QUALIFIER_RU = re.compile(rf"{_QUALIFIERS_RU}\s+$", re.IGNORECASE)
# A qualifier that opens a timex's own words ("more than three decades", «почти тридцать лет»).
_LEADING_QUALIFIER = re.compile(rf"(?:{_QUALIFIERS}|{_QUALIFIERS_RU})(?=\s)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SECONDS = {"W": 7 * 86400, "D": 86400, "H": 3600, "MIN": 60, "S": 1}
_PERIOD = re.compile(
    r"P(?:(?P<C>\d+(?:\.\d+)?)C)?(?:(?P<E>\d+(?:\.\d+)?)D?E)?(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
    r"(?:T?(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<MIN>\d+(?:\.\d+)?)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?"
)
_UNITS_EN = r"hours?|minutes?|seconds?|days?|weeks?|months?|years?"
_UNITS_RU = (
    r"час|часа|часов|минут[ауы]?|секунд[ауы]?|суток|сутки|день|дня|дней"
    r"|недел[юиьяе]|недель|месяц|месяца|месяцев|год|года|лет"
)
# An offset that counts a period: "four hours later", "after two days", «через четыре часа».
_OFFSET = re.compile(
    rf"(?:\b(?:after|within)\s+(?P<n1>[\w.,-]+(?:\s+[\w-]+)?)\s+(?P<u1>{_UNITS_EN})\b"
    rf"|\b(?P<n2>[\w.,-]+)\s+(?P<u2>{_UNITS_EN})\s+(?:later|after|ago|earlier)\b)",
    re.IGNORECASE,
)
_OFFSET_RU = re.compile(
    rf"(?:(?<!\w)(?:через|спустя)\s+(?P<n1>[\w.,]+(?:\s+\w+)?)\s+(?P<u1>{_UNITS_RU})(?!\w)"
    rf"|(?<!\w)(?P<n2>[\w.,]+)\s+(?P<u2>{_UNITS_RU})\s+(?:спустя|назад|позже)(?!\w))",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%|per ?cent|процент", re.IGNORECASE)
# A part of an amount the sentence has given: "two of them", «среди них двое», «трое из них».
_PART_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom)|из\s+них)(?!\w)", re.IGNORECASE)
_PART_BEFORE = re.compile(r"(?<!\w)(?:из|среди)\s+них\s+$", re.IGNORECASE)
# A unit of time right after a number, and how many seconds or months it is.
_TIME_UNIT = re.compile(rf"[\s-]+(?P<unit>{_UNITS_EN}|{_UNITS_RU})(?!\w)", re.IGNORECASE)
_UNIT_SIZE = {
    "hour": (3600, "second"),
    "minute": (60, "second"),
    "second": (1, "second"),
    "day": (86400, "second"),
    "week": (7 * 86400, "second"),
    "month": (1, "month"),
    "year": (12, "month"),
    "час": (3600, "second"),
    "мин": (60, "second"),
    "сек": (1, "second"),
    "сут": (86400, "second"),
    "ден": (86400, "second"),
    "дн": (86400, "second"),
    "нед": (7 * 86400, "second"),
    "мес": (1, "month"),
    "год": (12, "month"),
    "лет": (12, "month"),
}


@dataclass(frozen=True, slots=True)
class Number:
    """A number a sentence states: its words, its value (None when vague: "dozens"), its hedge."""

    text: str
    value: float | None
    qualifier: str = ""
    unit: str = ""  # "second" or "month" for a period ("six hours" is 21600 seconds), "percent", "part", else ""

    def __str__(self) -> str:
        return f"{self.qualifier} {self.text}".strip()


@dataclass(frozen=True)
class Unit:
    """One body sentence of one source, and the anchors it names."""

    source: int
    index: int
    span: Span
    entities: dict[str, str]  # canonical key -> label
    names: dict[str, str]  # canonical key -> the name as the source writes it
    timexes: tuple[Timex, ...]
    numbers: tuple[Number, ...]
    uses: tuple[Use, ...]
    score: float | None = None
    checkworthy: bool = False
    language: str = "en"
    asides: frozenset[str] = frozenset()  # keys named only in the attribution or a causal clause
    doers: tuple[tuple[str, str], ...] = ()  # (state key, phrase): the states whose people or craft act

    @property
    def text(self) -> str:
        """The sentence."""
        return self.span.text

    @property
    def actors(self) -> frozenset[str]:
        """Keys of the people, organisations and groups named (lexicon place names left out)."""
        return frozenset(
            key
            for key, label in self.entities.items()
            if label in ACTOR_LABELS and not key.startswith("@") and key not in self.asides
        )

    @property
    def anchors(self) -> frozenset[str]:
        """What alignment overlaps: entity keys, date values and number values."""
        dates = {f"t:{timex.value}" for timex in self.timexes if timex.type in ("DATE", "TIME")}
        numbers = {f"n:{number.value:g}{number.unit}" for number in self.numbers if number.value is not None}
        return frozenset(self.entities) | dates | numbers


def build_units(document: Document, source: int, lexicon: Lexicon) -> list[Unit]:
    """The claim units of one analysed document, in text order.

    Raises:
        ConfigError: (``config.compare``) The document failed, or lacks a layer compare reads.
    """
    name = document.source.name or document.id
    if document.error is not None:
        raise ConfigError(
            f"{name} could not be analysed ({document.error.message}); compare needs its text", code="config.compare"
        )
    missing = [layer for layer in REQUIRED_LAYERS if layer not in document.layers]
    if missing:
        raise ConfigError(
            f"{name} lacks the {', '.join(missing)} layer(s); analyse it with the default stages before comparing",
            code="config.compare",
        )
    layers = document.layers
    language = language_of(document)
    russian = language == "ru"
    header = [span for span in document.metadata.spans()]
    claims = {(claim.start, claim.end): claim for claim in layers.get("claims", ())}
    mentions = [(m.start, m.end, entity) for entity in layers["entities"] for m in entity.mentions]
    units: list[Unit] = []
    for sentence in layers["sentences"]:
        if any(s.start < sentence.end and sentence.start < s.end for s in header):
            continue
        if len(_WORD.findall(sentence.text)) < 3:
            continue
        timexes = tuple(t for t in layers["timexes"] if sentence.start <= t.start and t.end <= sentence.end)
        if _only_dates(sentence, timexes):
            continue  # a dateline the metadata did not take («14 марта 2025»): no claim
        entities: dict[str, str] = {}
        names: dict[str, str] = {}
        cause = causal_span(document.text, sentence.start, sentence.end)
        asides = _aside_spans(document, sentence, cause)
        # A doer inside any causal clause, one after "after" too, is the cause's (compared as such).
        doers = find_doers(
            document.text, sentence.start, sentence.end, [*asides, cause] if cause else asides, russian=russian
        )
        named: dict[str, bool] = {}  # key -> named outside every aside span at least once
        for start, end, entity in mentions:
            if sentence.start <= start and end <= sentence.end:
                if russian and entity.label == "ORG":
                    end = org_name_end(document.text, start, end, sentence.end)  # «АО «Сивашхимпром»»
                key = lexicon.canonical(entity.name)
                key = key if key.startswith("@") else name_key(_group_stem(entity.name, entity.label)) or key
                entities.setdefault(key, entity.label)
                names.setdefault(key, document.text[start:end])
                named[key] = named.get(key, False) or not _inside(start, end, asides)
        for key, written in find_state_actors(document.text, sentence.start, sentence.end, russian=russian):
            entities.setdefault(key, "STATE")
            names.setdefault(key, written)
            at = document.text.find(written, sentence.start, sentence.end)
            named[key] = named.get(key, False) or at < 0 or not _inside(at, at + len(written), asides)
        claim = claims.get((sentence.start, sentence.end))
        if russian:
            spans = find_numbers_ru(document.text, sentence.start, sentence.end, timexes)
        elif claim is not None:
            spans = list(claim.numbers)
        else:
            spans = find_numbers(document.text, sentence.start, sentence.end, timexes)
        ordinals = _ordinals(document.text, sentence, timexes, russian=russian)
        numbers = tuple(
            _number(document.text, span, russian=russian)
            for span in spans
            if _counts(document.text, span) and not any(o.start < span.end and span.start < o.end for o in ordinals)
        )
        numbers += tuple(Number(o.text, _parse_ordinal(o.text, russian=russian), unit="ordinal") for o in ordinals)
        numbers += _periods(document.text, timexes, russian=russian)
        units.append(
            Unit(
                source=source,
                index=len(units),
                span=sentence,
                entities=entities,
                names=names,
                timexes=timexes,
                numbers=numbers,
                uses=tuple(lexicon.find(document.text, sentence.start, sentence.end)),
                score=None if claim is None else claim.score,
                checkworthy=bool(claim and claim.checkworthy),
                language=language,
                asides=frozenset(key for key, outside in named.items() if not outside),
                doers=tuple(doers),
            )
        )
    return units


# The endings of a Russian adjective in every case, gender and number («армянских», «Армянская»).
_ADJECTIVE_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ий|ый|ой|ая|яя|ое|ее|ие|ые|их|ых|ым|им|ую|юю|ей)$", re.IGNORECASE
)


def _group_stem(name: str, label: str) -> str:
    """A Russian group's name by its stem («армянских», «Армянская» -> «армянск»), so that one
    group is one key in every case and gender; any other name as it is."""
    if label != "NORP" or not has_cyrillic(name):
        return name
    return " ".join(_ADJECTIVE_ENDING.sub("", word) for word in name.split())


def _aside_spans(document: Document, sentence: Span, cause: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The attributions of a sentence and its causal clause `cause` (`causal_span`) if a strong
    one: "because", «из-за»; "after" and «после» tell a sequence, whose names may act."""
    spans = attributions(document.text, sentence, document.layers.get("quotes", ()))
    if cause is not None and not _SEQUENCE.match(document.text, cause[0]):
        spans.append(cause)
    return spans


# The causal markers that tell a sequence (`spinscope.compare.clauses`), at the start of a clause.
_SEQUENCE = re.compile(r"(?:after|following|после)\s", re.IGNORECASE)


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(first <= start and end <= last for first, last in spans)


def _only_dates(sentence: Span, timexes: tuple[Timex, ...]) -> bool:
    """Whether every word of the sentence is inside one of its timexes."""
    return all(
        any(t.start <= sentence.start + m.start() and sentence.start + m.end() <= t.end for t in timexes)
        for m in _WORD.finditer(sentence.text)
    )


# A number glued to a name by a hyphen ("Soyuz-2.1a", «МС-34», "Ferosplavna-1": a model's or a
# line's number), and the "one" of "one of" (a part of a whole, «одним из главных мест»): no amount.
_IN_A_NAME = re.compile(r"[^\W\d_]-[\d.]*$")
# A number that follows a capitalised word and closes its phrase ("the tanker Tarki 14.",
# «Танкер «Тарки 14» шёл»): a ship's, a line's or a unit's name, no amount. A number read
# before a noun («в Харькове 14 человек») or after a month's name counts as ever.
_AFTER_A_NAME = re.compile(r"(?<![\w-])([^\W\d_]+) $")
_CLOSES_A_PHRASE = re.compile(r"[»\"”)]|[.,;:!?](?:\s|$)|$")
_ONE_OF = re.compile(r"(?:one|одна|один|одно|одного|одной|одному|одним|одном|одну)\s+(?:of|из)\s", re.IGNORECASE)


def _counts(text: str, span: Span) -> bool:
    """Whether a number found in a sentence states an amount: not a number glued to a name or
    closing one ("Tarki 14"), nor the "one" of "one of"."""
    if _IN_A_NAME.search(text, max(0, span.start - 12), span.start) or _ONE_OF.match(text, span.start):
        return False
    return not _names_a_number(text, span)


def _names_a_number(text: str, span: Span) -> bool:
    """Whether a number is the last word of a name: digits right after a capitalised word that
    is no month's name, closing the phrase (see `_AFTER_A_NAME`)."""
    if not text[span.start : span.end].isdigit():
        return False
    before = _AFTER_A_NAME.search(text, max(0, span.start - 30), span.start)
    if before is None or not before.group(1)[0].isupper() or _month_word(before.group(1)):
        return False
    return _CLOSES_A_PHRASE.match(text, span.end) is not None


def _month_word(word: str) -> bool:
    lower = word.casefold()
    if lower.rstrip(".") in MONTHS or lower in ("май", "мая", "маю", "мае"):
        return True
    return any(lower.startswith(stem) for stem in RUSSIAN_MONTHS if stem != "ма")


def _ordinals(text: str, sentence: Span, timexes: tuple[Timex, ...], *, russian: bool) -> list[Span]:
    """The sentence's ordinals ("eleventh", «двенадцатое», «12-е»): which one in a series, kept as
    numbers of the unit ``ordinal`` and compared with ordinals only."""
    return (find_ordinals_ru if russian else find_ordinals)(text, sentence.start, sentence.end, timexes)


def _parse_ordinal(text: str, *, russian: bool) -> float | None:
    return parse_ordinal_ru(text) if russian else parse_ordinal(text)


def _number(text: str, span: Span, *, russian: bool = False) -> Number:
    before = (_QUALIFIER_RU if russian else _QUALIFIER).search(text, max(0, span.start - 20), span.start)
    value = parse_number_ru(span.text) if russian else parse_number(span.text)
    qualifier = before.group(0).strip().lower() if before else ""
    if _PERCENT.search(span.text):
        return Number(span.text, value, qualifier, "percent")
    if _PART_AFTER.match(text, span.end) or _PART_BEFORE.search(text, max(0, span.start - 12), span.start):
        return Number(span.text, value, qualifier, "part")
    after = _TIME_UNIT.match(text, span.end)
    if after is None or value is None:
        return Number(span.text, value, qualifier)
    word = after.group("unit").lower()
    size, unit = next(size for stem, size in _UNIT_SIZE.items() if word.startswith(stem))
    return Number(text[span.start : after.end()], value * size, qualifier, unit)


def period(value: str) -> tuple[float, str] | None:
    """A TIMEX3 duration as one amount: ``(seconds, "second")`` or ``(months, "month")``; None
    when it is vague (``PXH``), not a duration, or mixes months with days ("a year and a day")."""
    match = _PERIOD.fullmatch(value)
    if match is None or not any(match.groupdict().values()):
        return None
    parts = {name: float(amount) for name, amount in match.groupdict().items() if amount is not None}
    months = 1200 * parts.pop("C", 0.0) + 120 * parts.pop("E", 0.0) + 12 * parts.pop("Y", 0.0) + parts.pop("M", 0.0)
    seconds = sum(_SECONDS[name] * amount for name, amount in parts.items())
    if months and seconds:
        return None
    return (months, "month") if months else (seconds, "second")


def _periods(text: str, timexes: tuple[Timex, ...], *, russian: bool) -> tuple[Number, ...]:
    """The definite periods of the timexes, as numbers with a unit: a DURATION's value, or the
    period an offset counts ("four hours later", «через четыре часа», whose value is the time
    it resolves to); with the qualifier that opens the timex or stands before it."""
    found = []
    for timex in timexes:
        amount = period(timex.value) if timex.type == "DURATION" and timex.value else None
        if amount is None and timex.type != "DURATION":
            amount = _offset(timex.text, russian=russian)
        if amount is None:
            continue
        inside = _LEADING_QUALIFIER.match(timex.text)
        if inside:
            words, qualifier = timex.text[inside.end() :].strip(), inside.group(0)
        else:
            before = (_QUALIFIER_RU if russian else _QUALIFIER).search(text, max(0, timex.start - 20), timex.start)
            words, qualifier = timex.text, before.group(0).strip() if before else ""
        found.append(Number(words, amount[0], qualifier.lower(), amount[1]))
    return tuple(found)


def _offset(text: str, *, russian: bool) -> tuple[float, str] | None:
    """The period an offset timex counts ("four hours later", «через четыре часа»), or None."""
    match = (_OFFSET_RU if russian else _OFFSET).search(text)
    if match is None:
        return None
    number, word = match.group("n1", "u1") if match.group("n1") else match.group("n2", "u2")
    value = (parse_number_ru if russian else parse_number)(number)
    if value is None:
        return None
    word = word.lower()
    size, unit = next(size for stem, size in _UNIT_SIZE.items() if word.startswith(stem))
    return value * size, unit


def embed_units_with(
    units: Sequence[Sequence[Unit]], embed: Callable[[list[str]], np.ndarray]
) -> tuple[dict[tuple[int, int], np.ndarray], Callable[[str, str], float]]:
    """Unit embeddings by ``(source, index)``, and a text similarity with a cache, both from
    `embed` (texts to unit rows): the one shape of every encoder compare uses."""
    flat = [unit for these in units for unit in these]
    matrix = embed([unit.text for unit in flat])
    vectors = {(unit.source, unit.index): row for unit, row in zip(flat, matrix, strict=True)}
    cache: dict[str, np.ndarray] = {}

    def similarity(one: str, other: str) -> float:
        missing = [text for text in dict.fromkeys((one, other)) if text not in cache]
        if missing:
            cache.update(zip(missing, embed(missing), strict=True))
        return float(cache[one] @ cache[other])

    return vectors, similarity
