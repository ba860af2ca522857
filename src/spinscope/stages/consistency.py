"""The `findings` layer: places where an article disagrees with itself.

Each finding cites every span involved and says in one sentence what disagrees. The checks
favour precision over recall: a finding must be one a reader agrees with on sight, so each
check fires only on an explicit pattern, and anything hedged ("nearly thirty years", "some
40 days") is left alone.

- **period_length**: one period given different lengths. A duration measures a period when
  the text says so ("30 years of occupation", "the 44-day war", "the war lasted 44 days"), or
  when it is an adverbial ("for 28 long years") in a sentence, or just after one, that names
  a lasting state or event (occupation, war, blockade, talks, ...). Periods are matched by
  the stem of their noun, so "occupation", "occupying" and "occupiers" are one.
- **duration_dates**: a stated length that disagrees with the dates the text gives for the
  start and end of the same period ("the 44-day war" that began on 27 September and ended on
  12 November, 46 days later). Counting the last day or not are both accepted.
- **event_dates**: one event given two different days: a one-time act (liberated, captured,
  signed, died, ...) of the same named entity dated on two different days.
- **parts_total**: parts that add up to more than the total they are parts of ("300 were
  wounded, of whom 120 soldiers and 200 civilians"), or to other than the total of a list
  introduced by a colon ("3,000 casualties: 2,100 soldiers and 800 civilians").
- **percentage**: a share over 100 percent ("110 percent of voters"; growth such as "rose
  150 percent" is not a share), or shares of one whole adding up to over 100 ("Of the
  voters, 60% ... and 55% ..."). Shares that split the whole along different lines (race,
  age, sex, party: "69% were white ... 80% were over 18") are added up only line by line.

A period named with an indefinite article ("a 10-year study", "another two-year study") is a
new one each time, and is never compared with another.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spinscope.document import Document, Entity, Finding, Span, Timex
from spinscope.numbers import NUMBER_WORDS, parse_number
from spinscope.stages.base import Stage, StageResult

if TYPE_CHECKING:  # spaCy is imported when a pipeline is built, not with this module
    from spacy.tokens import Doc, Token

__all__ = ["ConsistencyStage", "find_findings"]

# Nouns of states and events that last: what an adverbial duration ("for 28 years") measures.
_LASTING = re.compile(
    r"\b(occup\w*|wars?|conflicts?|blockades?|sieges?|ceasefires?|truces?|negotiations?|talks|rule|reign|"
    r"presidency|regimes?|exile|crisis|disputes?|sanctions|embargo(?:es)?|isolation|lockdowns?|strikes?|"
    r"campaigns?|offensives?|battles?|fighting|hostilities|mandates?|tenure)\b",
    re.IGNORECASE,
)
_HEDGES = re.compile(
    r"\b(?:nearly|almost|about|around|some|roughly|approximately|close to|up to|at least|more than|less than|"
    r"over|under|just|little|well|barely|only|than)\W*$",
    re.IGNORECASE,
)
_ELAPSED = re.compile(r"^\s+(?:since|after|ago|later|before|earlier|on|from)\b", re.IGNORECASE)
_OF_NOUN = re.compile(r"^\s+(?:of|in)\s+(?:the\s+|their\s+|its\s+|our\s+|his\s+|her\s+)?([A-Za-z][\w-]*)")
_NEXT_NOUN = re.compile(r"^\s+([A-Za-z][\w-]*)")
_LASTED = re.compile(r"\b([A-Za-z][\w-]*)\s+(?:lasted|has lasted|had lasted|went on|dragged on)\s+(?:for\s+)?$")
_UNIT_YEARS = {"Y": 1.0, "E": 10.0, "C": 100.0, "M": 1 / 12, "W": 7 / 365.25, "D": 1 / 365.25}
_UNIT_DAYS = {"D": 1, "W": 7}
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_START_CUES = re.compile(r"\b(?:began|begun|begin|beginning|started|start|broke out|erupted|launched|outbreak)\b", re.I)
_END_CUES = re.compile(
    r"\b(?:ended|end|over|ceasefire|armistice|capitulation|surrender|signed|concluded|finished)\b", re.I
)
# One-time acts, by lemma; nouns that name them map to the verb.
_ONE_TIME = frozenset(
    "liberate capture seize take free fall sign found establish bear die kill assassinate elect declare "
    "proclaim surrender withdraw win lose annex invade occupy".split()
)
_NOMINAL = {
    "liberation": "liberate",
    "capture": "capture",
    "seizure": "seize",
    "fall": "fall",
    "signing": "sign",
    "founding": "found",
    "foundation": "found",
    "establishment": "establish",
    "birth": "bear",
    "death": "die",
    "killing": "kill",
    "assassination": "assassinate",
    "election": "elect",
    "declaration": "declare",
    "proclamation": "proclaim",
    "surrender": "surrender",
    "withdrawal": "withdraw",
    "annexation": "annex",
    "invasion": "invade",
    "occupation": "occupy",
}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS) + r")"
_PARTS = rf"{_NUMBER}\s+[a-z][\w\s-]*?(?:,\s*{_NUMBER}\s+[a-z][\w\s-]*?)*,?\s+and\s+{_NUMBER}\s+[a-z][\w-]*"
_COLON_TOTAL = re.compile(rf"\b(?P<total>{_NUMBER})\s+(?P<noun>[a-z][\w-]*)\s*:\s*(?P<parts>{_PARTS})", re.I)
_OF_WHOM = re.compile(
    rf"\b(?P<total>{_NUMBER})\s+(?:[a-z][\w-]*\s+){{0,6}}?[a-z][\w-]*,?\s+(?:of whom|of which|among them)\s+"
    rf"(?:were\s+)?(?P<parts>{_PARTS})",
    re.I,
)
_PART_NUMBER = re.compile(rf"\b{_NUMBER}\b", re.I)
# What introduces a new one of a kind, not the one already named: "a 10-year study".
_INDEFINITE = re.compile(
    r"\b(?:a|an|another|one|each|every|two|three|four|five|several|many|some|other|separate)\s+$", re.I
)
# Lines along which shares of one population are split; shares on different lines overlap.
_DIMENSIONS = {
    "age": re.compile(
        r"\b(?:over|under|aged?|older|younger|adults?|children|minors|teen\w*|seniors|elderly|retirees"
        r"|years? old|\d+\s*(?:and|or)\s*(?:over|older|under|younger)|between \d+)\b",
        re.I,
    ),
    "sex": re.compile(r"\b(?:men|women|male|female|boys|girls)\b", re.I),
    "race": re.compile(
        r"\b(?:white|black|hispanic|latino|latina|latinx|asian|native|indigenous|pacific|multiracial|mixed race"
        r"|african[ -]american|caucasian)\b",
        re.I,
    ),
    "party": re.compile(r"\b(?:democrats?|republicans?|independents?|democratic|conservatives?|liberals?)\b", re.I),
}
_PERCENT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b)", re.I)
_GROWTH = re.compile(
    r"\b(?:increase\w*|rise|rose|risen|rising|gr[eo]w\w*|up|jump\w*|surge\w*|higher|more|gain\w*|by|"
    r"double\w*|boost\w*|climb\w*|soar\w*|than)\b",
    re.I,
)


class ConsistencyStage(Stage):
    """Finds where the article disagrees with itself: lengths, dates, totals, percentages."""

    name = "consistency"
    requires = ("spacy", "sentences", "entities", "timexes")
    produces = ("findings",)
    version = "2"

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Check one document against itself."""
        findings = find_findings(
            document.text,
            inputs["spacy"],
            document.layers["sentences"],
            document.layers["timexes"],
            document.layers["entities"],
        )
        return StageResult(layers={"findings": findings})


def find_findings(
    text: str, doc: Doc, sentences: Sequence[Span], timexes: Sequence[Timex], entities: Sequence[Entity]
) -> list[Finding]:
    """Every finding of the five checks, in the order of the first span each cites."""
    sentences = sorted(sentences, key=lambda s: s.start)
    periods = list(_periods(text, sentences, timexes))
    findings = [
        *_period_lengths(periods),
        *_durations_against_dates(periods, sentences, timexes),
        *_event_dates(doc, sentences, timexes, entities),
        *_totals(text, sentences),
        *_percentages(text, sentences),
    ]
    return sorted(findings, key=lambda f: min(s.start for s in f.cited))


@dataclass(frozen=True, slots=True)
class _Period:
    """A duration the text gives for a named period: its stem, its words, and its length."""

    stem: str
    noun: str
    timex: Timex
    years: float


def _periods(text: str, sentences: Sequence[Span], timexes: Sequence[Timex]) -> Iterator[_Period]:
    for timex in timexes:
        years = _years(timex.value) if timex.type == "DURATION" else None
        before, after = text[max(0, timex.start - 30) : timex.start], text[timex.end : timex.end + 60]
        if (
            years is None
            or _HEDGES.search(before)
            or _HEDGES.search(timex.text.split()[0] + " ")
            or _ELAPSED.match(after)
        ):
            continue
        noun = _named_period(timex, before, after) or _adverbial_period(text, timex, before, sentences)
        if noun:
            yield _Period(_stem(noun), noun, timex, years)


def _named_period(timex: Timex, before: str, after: str) -> str | None:
    """The period a duration names outright: "N years of X", "the N-day X", "X lasted N days";
    not "a 10-year study", which introduces one study among others."""
    if match := _OF_NOUN.match(after):
        return match.group(1)
    if re.search(r"-(?:day|week|month|year|decade)s?$", timex.text, re.I) and (match := _NEXT_NOUN.match(after)):
        return None if _INDEFINITE.search(before) else match.group(1)
    if match := _LASTED.search(before):
        return match.group(1)
    return None


def _adverbial_period(text: str, timex: Timex, before: str, sentences: Sequence[Span]) -> str | None:
    """For "for N years", the lasting state or event its sentence, or the one before, names."""
    if not re.search(r"\bfor\s+$", before, re.I):
        return None
    index = next((i for i, s in enumerate(sentences) if s.start <= timex.start < s.end), None)
    if index is None:
        return None
    for sentence in (sentences[index], sentences[index - 1] if index else None):
        if sentence is not None and (match := _LASTING.search(text, sentence.start, sentence.end)):
            return match.group(0)
    return None


def _period_lengths(periods: Iterable[_Period]) -> Iterator[Finding]:
    by_stem: dict[str, list[_Period]] = defaultdict(list)
    for period in periods:
        by_stem[period.stem].append(period)
    for group in by_stem.values():
        lengths = sorted({round(p.years, 3) for p in group})
        if len(lengths) < 2:
            continue
        nouns = Counter(p.noun.lower() for p in group)
        noun = max(nouns, key=lambda n: (nouns[n], len(n)))
        told = "; ".join(
            f"{_length(value)} ({', '.join(dict.fromkeys(f'“{p.timex.text}”' for p in group if p.years == years))})"
            for years, value in _lengths(group)
        )
        message = f"The {noun} is given different lengths: {told}."
        yield Finding("period_length", message, tuple(_plain(p.timex) for p in group))


def _durations_against_dates(
    periods: Iterable[_Period], sentences: Sequence[Span], timexes: Sequence[Timex]
) -> Iterator[Finding]:
    days = [t for t in timexes if t.type in ("DATE", "TIME") and _DAY_VALUE.match(t.value[:10])]
    for period in periods:
        stated = _days(period.timex.value)
        if stated is None:
            continue
        start = _dated(period.stem, _START_CUES, sentences, days)
        end = _dated(period.stem, _END_CUES, sentences, days)
        if start is None or end is None:
            continue
        span = (dt.date.fromisoformat(end.value[:10]) - dt.date.fromisoformat(start.value[:10])).days
        if span <= 0 or stated in (span, span + 1):
            continue
        message = (
            f"The {period.noun.lower()} is called {stated} days long (“{period.timex.text}”), but “{start.text}” "
            f"to “{end.text}” is {span} days."
        )
        yield Finding("duration_dates", message, (_plain(period.timex), _plain(start), _plain(end)))


def _dated(stem: str, cues: re.Pattern[str], sentences: Sequence[Span], days: Sequence[Timex]) -> Timex | None:
    """The first day-precise date in a sentence that names the period and a start (or end) cue."""
    for timex in days:
        sentence = next((s for s in sentences if s.start <= timex.start < s.end), None)
        if sentence is None:
            continue
        words = sentence.text
        names_it = any(_stem(match.group(0)) == stem for match in re.finditer(r"[A-Za-z][\w-]*", words))
        if names_it and cues.search(words):
            return timex
    return None


def _event_dates(
    doc: Doc, sentences: Sequence[Span], timexes: Sequence[Timex], entities: Sequence[Entity]
) -> Iterator[Finding]:
    dated: dict[tuple[str, str], dict[str, list[Timex]]] = defaultdict(lambda: defaultdict(list))
    names = {entity.id: entity.name for entity in entities}
    for timex in timexes:
        if timex.type != "DATE" or not _DAY_VALUE.match(timex.value):
            continue
        act = _act(doc, timex)
        sentence = next((s for s in sentences if s.start <= timex.start < s.end), None)
        if act is None or sentence is None:
            continue
        for entity in entities:
            if entity.label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"):
                continue
            if any(sentence.start <= m.start < sentence.end for m in entity.mentions):
                dated[(act, entity.id)][timex.value].append(timex)
    for (act, entity_id), by_day in dated.items():
        if len(by_day) < 2:
            continue
        cited = tuple(_plain(timex) for day in sorted(by_day) for timex in by_day[day])
        days = " and ".join(f"“{by_day[day][0].text}”" for day in sorted(by_day))
        message = f"The same event (“{act}”, {names[entity_id]}) is given different dates: {days}."
        yield Finding("event_dates", message, cited)


def _act(doc: Doc, timex: Timex) -> str | None:
    """The one-time act a date dates: the verb (or its noun) the date hangs from, if one-time."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    token: Token = span.root
    for _ in range(4):
        if token.head.i == token.i:
            break
        token = token.head
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in _ONE_TIME:
            return lemma
        if token.pos_ == "NOUN" and lemma in _NOMINAL:
            return _NOMINAL[lemma]
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _totals(text: str, sentences: Sequence[Span]) -> Iterator[Finding]:
    for sentence in sentences:
        words = text[sentence.start : sentence.end]
        for pattern, exact in ((_COLON_TOTAL, True), (_OF_WHOM, False)):
            for match in pattern.finditer(words):
                total = _number(match.group("total"))
                found = [(_number(m.group(0)), m) for m in _PART_NUMBER.finditer(match.group("parts"))]
                parts = [(value, m) for value, m in found if value is not None]
                if total is None or len(parts) < 2 or len(parts) < len(found):
                    continue  # a part that is no whole number is not added up
                added = sum(value for value, _ in parts)
                if added == total or (not exact and added < total):
                    continue
                base = sentence.start + match.start("parts")
                cited = (
                    Span(
                        sentence.start + match.start("total"), sentence.start + match.end("total"), match.group("total")
                    ),
                    *(Span(base + m.start(), base + m.end(), m.group(0)) for _, m in parts),
                )
                listed = " + ".join(m.group(0) for _, m in parts)
                message = f"The parts do not add up to the total: {listed} is {added:,}, not {total:,}."
                yield Finding("parts_total", message, cited)


def _percentages(text: str, sentences: Sequence[Span]) -> Iterator[Finding]:
    for sentence in sentences:
        words = text[sentence.start : sentence.end]
        shares = []
        matches = list(_PERCENT.finditer(words))
        for index, match in enumerate(matches):
            value = float(match.group("n"))
            cited = Span(sentence.start + match.start(), sentence.start + match.end(), match.group(0))
            is_share = re.match(r"\s+of\b", words[match.end() :]) and not _GROWTH.search(words[: match.start()])
            if value > 100 and is_share:
                yield Finding("percentage", f"A share cannot be over 100 percent: “{match.group(0)}”.", (cited,))
            following = words[match.end() : matches[index + 1].start() if index + 1 < len(matches) else len(words)]
            shares.append((value, cited, _dimension(following)))
        if not (re.match(r"\s*Of\b", words) and not _GROWTH.search(words)):
            continue
        for dimension in dict.fromkeys(d for _, _, d in shares):
            # Shares on no known line are added together, as shares of one whole.
            group = [(value, span) for value, span, d in shares if d == dimension]
            added = sum(value for value, _ in group)
            if len(group) >= 2 and added > 100.5 and all(value <= 100 for value, _ in group):
                listed = " + ".join(span.text for _, span in group)
                message = f"Shares of one whole add up to more than 100 percent: {listed} is {added:g} percent."
                yield Finding("percentage", message, tuple(span for _, span in group))


def _dimension(words: str) -> str | None:
    """The line a share splits its whole along, from the words after it, if one is known."""
    found = [name for name, pattern in _DIMENSIONS.items() if pattern.search(words)]
    return found[0] if len(found) == 1 else None


def _plain(span: Span) -> Span:
    """The bare span of a timex, as a finding cites it."""
    return Span(span.start, span.end, span.text)


def _years(value: str) -> float | None:
    match = re.fullmatch(r"P(\d+(?:\.\d+)?)([YECMWD])", value)
    return float(match.group(1)) * _UNIT_YEARS[match.group(2)] if match else None


def _days(value: str) -> int | None:
    match = re.fullmatch(r"P(\d+)([DW])", value)
    return int(match.group(1)) * _UNIT_DAYS[match.group(2)] if match else None


def _length(value: str) -> str:
    match = re.fullmatch(r"P(\d+(?:\.\d+)?)([YECMWD])", value)
    assert match is not None
    amount, unit = float(match.group(1)), match.group(2)
    names = {"Y": "year", "E": "decade", "C": "century", "M": "month", "W": "week", "D": "day"}
    word = names[unit] + ("s" if amount != 1 else "")
    if unit in "EC":
        return f"{amount:g} {word} ({amount * _UNIT_YEARS[unit]:g} years)"
    return f"{amount:g} {word}"


def _lengths(group: Sequence[_Period]) -> list[tuple[float, str]]:
    """Each distinct length of a group, longest first, with the value of its first mention."""
    seen: dict[float, str] = {}
    for period in group:
        seen.setdefault(period.years, period.timex.value)
    return sorted(seen.items(), key=lambda item: -item[0])


def _stem(word: str) -> str:
    """A crude stem, enough to join the words of one article: occupation, occupying, occupiers."""
    word = word.lower()
    return word[:5] if len(word) > 5 else word.rstrip("s")


def _number(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value.is_integer() else None
