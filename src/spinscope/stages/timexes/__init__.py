"""The `timexes` and `timeline` layers: temporal expressions with TIMEX3 values, and the
article's dated events in order.

How it reads an article:

1. One compiled pattern (`patterns.MASTER`) scans the text once and proposes expressions of
   the four TIMEX3 types: DATE ("8 November 2020", "in 1993", "that year"), TIME ("the
   night of November 10, 2020", "4 p.m."), DURATION ("44-day", "28 long years", "three
   decades") and SET ("every year on 8 November", "annually"). Spans follow TimeML:
   prepositions stay out, determiners and modifiers that belong to the expression stay in.
2. Each proposal is normalised in text order (`normalise.normalise`), which may reject it
   ("May" the verb, "2,000" or "1993 troops" as numbers, "a second" as an ordinal).
3. Relative expressions resolve against the document date ("today", "five years ago",
   "Friday") or the narrative's reference time: the last date the text fixed ("two days
   later", "that year", a bare "November 10" in a paragraph that named 2020). Inside a
   quotation, "today", "this day" and their kin resolve to the day the quote was spoken
   when the paragraph or the quote's sentence names that day, or when the paragraph before
   dates a speech long before the document ("On the night of 10 November 2020 he addressed
   the nation."). Past-tense sentences ("said on Tuesday", "released November 5") resolve
   bare weekdays and dates to the past; a written weekday picks the year ("Saturday, May
   18"); a past-tense bare date just after the story's last fixed day takes that day's year.
4. The timeline keeps one entry per sentence that dates an event (a DATE or TIME with a
   calendar year), ordered by date, then by position.
5. Russian texts (``metadata.language == "ru"``) are read by Russian rules
   (`patterns_ru`, `normalise_ru`) through the same loop: the same narrative and speech-day
   anchoring, the same timeline.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.document import Document, Span, TimelineEntry, Timex
from spinscope.stages.base import Stage, StageResult
from spinscope.stages.timexes.normalise import Context, Reference, Value, normalise
from spinscope.stages.timexes.patterns import MASTER, RULES

__all__ = ["LANGUAGES", "TimexStage", "find_timeline", "find_timexes"]

_RULE_REGEX = {rule.name: rule.regex for rule in RULES}


@dataclass(frozen=True, slots=True)
class _Grammar:
    """One language's rules: the master pattern, each rule's own pattern, and their normaliser."""

    master: re.Pattern[str]
    rules: Mapping[str, re.Pattern[str]]
    normalise: Callable[[str, dict[str, str | None], int, int, Context], Value | None]


LANGUAGES = frozenset({"en", "ru"})


@functools.cache
def _grammar(language: str) -> _Grammar:
    """The rules of `language` (in `LANGUAGES`); the Russian ones are compiled on first use, so
    that importing spinscope costs no Russian regular expressions."""
    if language == "ru":
        from spinscope.stages.timexes import patterns_ru
        from spinscope.stages.timexes.normalise_ru import normalise_ru

        return _Grammar(patterns_ru.MASTER, {rule.name: rule.regex for rule in patterns_ru.RULES}, normalise_ru)
    return _Grammar(MASTER, _RULE_REGEX, normalise)


_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Expressions that point at "the day of speaking": inside a quote they take the speech date.
_SPEECH_DEICTICS = frozenset({"deictic", "deictic_part", "tonight", "relative", "clock", "noon"})
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "``": "''", '"': '"'}
_SPEECH_WORD = re.compile(
    r"\b(?:address(?:ed)?|speech|said|says|spoke|declared|announced|told|statement"
    r"|обратил(?:ся|ась)|обращени\w*|выступ\w+|речь|заявил\w*|сказал\w*|заявлени\w*)\b"
)
_QUOTE_OPEN = re.compile(r"“|«|„|``|(?<![\w.,])\"(?=\w)")


class TimexStage(Stage):
    """Finds and normalises temporal expressions, and orders the sentences that date events."""

    name = "timexes"
    requires = ("sentences",)
    produces = ("timexes", "timeline")
    version = "4"
    languages = frozenset({"en", "ru"})

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Find the timexes and the timeline of one document, anchored on its publication date."""
        # The page's own lines (dateline, image credits, title) are metadata, not body: their
        # dates are neither timexes of the article nor events of its timeline.
        furniture = list(document.metadata.spans())
        timexes = [
            timex
            for timex in find_timexes(
                document.text, anchor=_anchor(document.metadata.published), language=document.metadata.language or "en"
            )
            if not any(line.start < timex.end and timex.start < line.end for line in furniture)
        ]
        told = [
            sentence
            for sentence in document.layers["sentences"]
            if not any(line.start < sentence.end and sentence.start < line.end for line in furniture)
        ]
        timeline = find_timeline(document.text, timexes, told)
        return StageResult(layers={"timexes": timexes, "timeline": timeline})


def _anchor(published: str | None) -> str | None:
    """The day part of a publication date (``2025-11-08T10:00:00Z`` -> ``2025-11-08``), if any."""
    if published and _DAY_VALUE.match(published):
        return published[:10]
    return None


def find_timexes(text: str, *, anchor: str | None = None, language: str = "en") -> list[Timex]:
    """Find the temporal expressions of `text`, with TIMEX3 types and normalised values.

    Args:
        text: The text to read.
        anchor: The document's creation or publication date, ``YYYY-MM-DD``; relative
            expressions resolve against it. Without it they stay underspecified
            (``XXXX-11-10``, ``PAST_REF``).
        language: The text's language, ``en`` or ``ru`` (`LANGUAGES`): whose rules read it.

    Raises:
        ValueError: `anchor` is not a ``YYYY-MM-DD`` date, or `language` has no rules.
    """
    if language not in LANGUAGES:
        raise ValueError(f"no timex rules for language {language!r}; use one of {', '.join(sorted(LANGUAGES))}")
    grammar = _grammar(language)
    dct = None
    if anchor is not None:
        try:
            dct = dt.date.fromisoformat(anchor[:10]) if _DAY_VALUE.match(anchor) else None
        except ValueError:
            dct = None
        if dct is None:
            raise ValueError(f"anchor {anchor!r} is not a date written YYYY-MM-DD; pass e.g. '2025-11-08' or None")
    context = Context(text=text, dct=dct)
    quotes = _quoted(text)
    found: list[Timex] = []
    last_end = 0
    for match in grammar.master.finditer(text):
        start, end, rule = match.start(), match.end(), match.lastgroup
        assert rule is not None
        context.paragraph += text.count("\n", last_end, start)
        last_end = start
        inner = grammar.rules[rule].fullmatch(text, start, end)
        if inner is None:  # the master's choice and the rule disagree only on impossible input
            continue
        speaking = rule in _SPEECH_DEICTICS
        context.speech = _speech_date(text, start, end, quotes, context, grammar) if speaking else None
        value = grammar.normalise(rule, inner.groupdict(), start, end, context)
        if value is None:
            continue
        start += value.trim
        end = _trim_end(text, start, end)
        found.append(Timex(start, end, text[start:end], type=value.type, value=value.value, anchor=value.anchor))
        if value.type == "DATE" and "-Q" in value.value and value.value[:4].isdigit():
            context.quarter = value.value
        if value.type in ("DATE", "TIME"):
            reference = _reference(value.value)
            if reference is not None and rule == "night_of":
                # "в ночь на 10 ноября" is the night before the tenth, but tells the tenth
                reference = Reference(reference.date + dt.timedelta(days=1), "day")
            if reference is not None:
                context.narrative, context.narrative_paragraph = reference, context.paragraph
                context.narrative_end = end
    return found


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing spaces and commas a pattern may have taken."""
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    return end


def _reference(value: str) -> Reference | None:
    """The reference time a resolved value fixes: its day, month or year."""
    match = _CALENDAR.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return Reference(dt.date(int(year), int(month), int(day)), "day")
        if month:
            return Reference(dt.date(int(year), int(month), 1), "month")
        if "-W" in value or "-Q" in value or len(value) > 4:
            return Reference(dt.date(int(year), 1, 1), "year")
        return Reference(dt.date(int(year), 1, 1), "year")
    except ValueError:
        return None


def _quoted(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` inside quotation marks (a quote ends at its paragraph's end)."""
    spans = []
    position = 0
    while (opening := _QUOTE_OPEN.search(text, position)) is not None:
        closer = _QUOTE_PAIRS[opening.group()]
        paragraph_end = text.find("\n", opening.end())
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        close = text.find(closer, opening.end(), paragraph_end)
        end = paragraph_end if close < 0 else close
        spans.append((opening.end(), end))
        position = end + len(closer) if close >= 0 else end
    return spans


def _speech_date(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], context: Context, grammar: _Grammar
) -> dt.date | None:
    """The day a quote around ``[start, end)`` was spoken, when the text says it: a day fixed
    earlier in the paragraph, or a full date later in the quote's sentence."""
    quote = next(((a, b) for a, b in quotes if a <= start and end <= b), None)
    if quote is None:
        return None
    local = context.local()
    if local is not None and local.grain == "day":
        return local.date
    story = context.narrative
    # A speech the text has just dated, long before the article: "On the night of 10
    # November 2020 he addressed the nation." then, in the next paragraph (up to two line
    # breaks on), "Today ...". The dating paragraph must quote nothing itself: else the
    # speech it dates was quoted there, and a later quote is another one.
    if (
        story is not None
        and story.grain == "day"
        and context.paragraph - context.narrative_paragraph <= 2
        and context.dct is not None
        and (context.dct - story.date).days > 31
    ):
        first = text.rfind("\n", 0, context.narrative_end) + 1
        last = text.find("\n", context.narrative_end)
        paragraph = text[first : len(text) if last < 0 else last]
        if _SPEECH_WORD.search(paragraph) and not _QUOTE_OPEN.search(paragraph):
            return story.date
    after = text.find("\n", quote[1])
    after = len(text) if after < 0 else after
    sentence_end = min((i for i in (text.find(". ", quote[1], after), after) if i >= 0), default=after)
    for match in grammar.master.finditer(text, quote[1], sentence_end):
        if match.lastgroup in ("full_date", "iso"):
            found = _DAY_VALUE.match(_full_value(text, match, grammar))
            if found:
                return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    return None


def _full_value(text: str, match: re.Match[str], grammar: _Grammar) -> str:
    """The value of a full date (one that writes its year), or "" for any other match."""
    rule = match.lastgroup or ""
    inner = grammar.rules[rule].fullmatch(text, *match.span())
    if inner is None or not inner.group("year"):
        return ""
    value = grammar.normalise(rule, inner.groupdict(), match.start(), match.end(), Context(text=text, dct=None))
    return value.value if value else ""


def find_timeline(text: str, timexes: Sequence[Timex], sentences: Sequence[Span]) -> list[TimelineEntry]:
    """The sentences of `text` that date an event, one entry each, ordered by date.

    A sentence dates an event when it holds a DATE or TIME timex whose value names a calendar
    year at least (durations, sets and vague references do not). Its entry takes the most
    specific such value (the first among equals). Entries are ordered by value, then by
    position in the text.
    """
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and _CALENDAR.match(t.value)]
    entries: list[tuple[str, int, TimelineEntry]] = []
    index = 0
    for sentence in sorted(sentences, key=lambda s: s.start):
        inside = []
        while index < len(dated) and dated[index].start < sentence.end:
            if dated[index].start >= sentence.start:
                inside.append(dated[index])
            index += 1
        if not inside:
            continue
        best = max(inside, key=lambda t: (_precision(t.value), -t.start))
        entries.append((best.value, sentence.start, TimelineEntry(value=best.value, sentence=sentence)))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (_start(e[0]), e[0], e[1]))]


def _start(value: str) -> str:
    """The first day a calendar value covers, as ``YYYY-MM-DD``, so weeks and quarters sort among days."""
    year = value[:4]
    if match := re.match(r"\d{4}-W(\d{2})", value):
        try:
            return dt.date.fromisocalendar(int(year), int(match.group(1)), 1).isoformat()
        except ValueError:
            return value
    if match := re.match(r"\d{4}-([QH])(\d)", value):
        months = 3 if match.group(1) == "Q" else 6
        return f"{year}-{(int(match.group(2)) - 1) * months + 1:02d}"
    if match := re.match(r"\d{4}-(SP|SU|FA|WI)", value):
        return f"{year}-{ {'SP': '03', 'SU': '06', 'FA': '09', 'WI': '12'}[match.group(1)] }"
    return value


def _precision(value: str) -> int:
    """How much of a calendar value is known: year 1, month or week or quarter 2, day 3, time 4."""
    match = _CALENDAR.match(value)
    if match is None:
        return 0
    if "T" in value:
        return 4
    if match.group(3):
        return 3
    if match.group(2) or "-W" in value or "-Q" in value or "-H" in value:
        return 2
    return 1
