"""What differs between the sentences of an aligned claim, source by source.

Each rule compares two units and is applied to every pair of sources in a group alike:

- ``number``: both state numbers and neither's values are all among the other's (an extra
  number is more detail, not a conflict); "nearly 3,000" and "3,000" are the same value, but
  bounds on one value that cannot both hold are not: "more than three decades" and «почти
  тридцать лет» (nearly thirty years) differ, "more than 390" and «более 390» do not. Periods
  are numbers with their unit of time, from DURATION timexes (TIMEX3 ``PT6H`` against ``PT4H``)
  or a number before a unit ("six hours", «двое суток» is "48 hours"), compared by the same
  rule with the other's periods only (and bare numbers with bare numbers): "six hours" and
  «четыре часа» differ, "six hours" and «шесть человек» are not compared.
- ``date``: both have dates or times and neither's are all compatible with the other's
  (equal, or one more precise than the other, or a weekday with no date to count from and a
  date on that weekday: «в понедельник» and "on Monday, 19 May"; a month in a season:
  "October 2020" and «осенью 2020 года»; a clock time in a part of the day: "4 a.m." and
  «ночью»); the same words resolved to two values are not a difference between the sources,
  nor are words that state the same where the timexes stage filled in the rest differently:
  a weekday without its date ("Friday" and «до пятницы», resolved a week apart) is compared
  as that weekday, a month or season without its year ("in March", «в марте») as that month,
  while "on Monday" and «14 сентября» (a Sunday) still differ, and a part of the day named
  without its day ("overnight", «ночью») as that part of any day; a reference left unresolved
  (``PAST_REF``, «вчера» in a text with no date to count from) is compared with nothing.
- ``actor``: both name people, organisations or groups, and none in common; names are one
  across scripts and spellings when `spinscope.compare.translit.same_name` says so (Пашинян,
  Pashinyan; people also by `same_person`: two words of their names), and an organisation's
  name in one script and its translation in another («Министерство экологии Азербайджана»,
  "Ministry of Ecology and Natural Resources") are one when their embeddings are at least
  `name_similarity` alike (multilingual comparisons only). Groups (NORP) count only between
  two English units: Russian group names are adjectives («армянских сил») that describe more
  often than they act. A state doing an act ("Armenia proposed", «Азербайджан предложил») is
  an actor (``STATE``, one key across scripts), so "Armenia proposed" and «Азербайджан
  предложил» differ; a body named after a state ("the Georgian energy ministry") is that
  state's actor. An international body's names in both languages are one actor ("IAEA",
  «МАГАТЭ»: `spinscope.compare.bodies`), and a Russian abbreviation of a common noun («АЭС»,
  «СМИ») is none. A group of a state's people that opens the sentence ("Russian border guards
  detained", «Российские пограничники задержали») and a body named after that state («ФСБ
  России») are one actor, in any language. Where both units name states acting through their
  people, forces or craft ("a Russian drone", «украинский беспилотник»:
  `spinscope.compare.actors.find_doers`, outside the attribution and any causal clause) and no
  state is in both, the actors differ whatever else they name. Names given only in the
  sentence's attribution or causal clause are no actors (`Unit.asides`), nor is a person's name
  that a unit of the claim labels a place, or that a word beside it says is a place's ("the
  Medininkai crossing", «села Кярки»).
- ``cause``: the causal clauses ("because", "due to", "owing to", "as a result of", "caused
  by", "blamed on", "after", "following"; in Russian «потому что», «из-за», «так как»,
  «поскольку», «в результате», «вследствие», «по причине», «по вине», «после») differ: their
  words share less than half and their embeddings are less similar than `cause_similarity`
  (`CAUSE_SIMILARITY` for the English encoder); or one gives a cause with a strong marker
  (not "after"/"following"/«после») and the other gives none.
- ``place-name`` and ``framing``: they use different variants of one lexicon referent; a
  variant in another script is the variant it renders («Шуша» is "Shusha", not "Shushi"). The
  gazetteer's places are lexicon referents too: "Tighina" and «Бендерами» are two names of one
  place, «Бендерами» and "Bender" one name (`spinscope.compare.gazetteer`).
  With no such lexicon difference, ``place-name`` also where each unit names a place the other
  has no name for (`spinscope.compare.places.place_names_differ`: «мост через Ингур» against
  "the Enguri bridge", «в Гале» against "in Gali"); a place one side omits is none. A person's
  name beside a word that says what kind of place it is ("the Medininkai crossing") is a
  place, and «области Улытау» is named as a region, like "Ulytau region"; so is a group's
  label on a name before "region" ("Belgorod region") unless it is a state's. A lexicon place
  the entity stage took for an organisation ("Turkmenbashi") is a place, as is a name it took
  for one after "the village of" or a town GeoNames knows after a preposition ("taken to
  Nalchik"), and a place the other side names only inside an organisation's name («Народного
  собрания Гагаузии») is named by both. A source that gives a place both its names
  ("Berestyn, called Krasnohrad until 2024") names it as a source that gives either does.
  Across scripts a conventional Russian exonym («Киев»:
  `spinscope.compare.places.CONVENTIONAL_EXONYMS`) is no variant chosen: "Kyiv" and «Киев» do
  not differ, "Kyiv" and "Kiev" do. A name's level is read from the whole group of
  articles where its sentence writes it bare (`build_place_levels`: "Gorno-Badakhshan" is a
  district where the Russian source writes «Горно-Бадахшанской автономной области»), and an
  English name after "the" ("the Dnipro") names a river or a region, never a town.
- Dates: a year or a month that only places another date of the unit («5 декабря прошлого
  года») is no date of its own.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spinscope.compare.actors import state_in
from spinscope.compare.bodies import body_of, is_common_abbreviation
from spinscope.compare.clauses import causal_clause
from spinscope.compare.gazetteer import load_gazetteer
from spinscope.compare.places import (
    CONVENTIONAL_EXONYMS,
    FEATURE_WORDS,
    PlaceLevels,
    find_kind_named,
    find_placed_names,
    find_towns,
    follows_a_locative,
    follows_a_preposition,
    kind_beside,
    place_names_differ,
    same_place,
)
from spinscope.compare.translit import same_name, same_person
from spinscope.compare.units import ACTOR_LABELS, Number, Unit
from spinscope.gazetteer import is_country
from spinscope.language import has_cyrillic
from spinscope.months import MONTHS, RUSSIAN_MONTHS

__all__ = [
    "CAUSE_SIMILARITY",
    "KINDS",
    "Difference",
    "build_place_levels",
    "causal_clause",
    "facts_differ",
    "find_differences",
    "places_differ",
]

KINDS = ("number", "date", "actor", "cause", "place-name", "framing")
CAUSE_SIMILARITY = 0.6

_WEAK_MARKERS = ("after", "following", "после")
_STOP = frozenset(
    "a an the of to in on at by for from with and or it its they them their this that was were is are be been had has"
    " have".split()
)


@dataclass(frozen=True, slots=True)
class Difference:
    """One way the sources of a claim differ: the kind, and what each present source says
    (``None`` where a source has nothing of that kind)."""

    kind: str
    values: tuple[tuple[int, str | None], ...]
    sources: frozenset[int]  # the sources in at least one conflicting pair
    referent: str | None = None  # the lexicon referent, for place-name and framing


def find_differences(
    units: Sequence[Unit],
    similarity: Callable[[str, str], float],
    *,
    cause_similarity: float = CAUSE_SIMILARITY,
    name_similarity: float | None = None,
    levels: PlaceLevels | None = None,
) -> list[Difference]:
    """The differences among the units of one aligned claim (one unit per source).

    Args:
        units: The group's units, in source order.
        similarity: The cosine of two texts' embeddings (for causal clauses and translated names).
        cause_similarity: The cosine below which two causal clauses differ (it depends on
            the encoder behind `similarity`).
        name_similarity: The cosine from which an organisation's names in two scripts are one
            (None: only spellings make names one, as with an encoder of one language).
        levels: The places of the whole group of articles (`build_place_levels`), for the level
            of a name its sentence writes bare; None: each name's own words say it.
    """
    rules: list[tuple[str, Callable[[Unit], str | None], Callable[[Unit, Unit], bool]]] = [
        ("number", _numbers_text, _numbers_differ),
        ("date", _dates_text, _dates_differ),
        ("actor", _actors_text, lambda a, b: _actors_differ(a, b, similarity, name_similarity, places)),
        ("cause", _cause_text, lambda a, b: _causes_differ(a, b, similarity, cause_similarity)),
    ]
    places = [key for unit in units for key in unit.entities if _placed(key, unit)]
    found = []
    for kind, describe, differ in rules:
        involved = {s for a, b in _pairs(units) if differ(a, b) for s in (a.source, b.source)}
        if involved:
            found.append(Difference(kind, tuple((unit.source, describe(unit)) for unit in units), frozenset(involved)))
    lexicon_places = _lexicon_differences(units, "place", "place-name")
    translated = None if name_similarity is None else _translated(similarity, name_similarity)
    found.extend(lexicon_places or _place_name_differences(units, translated, levels))
    found.extend(_lexicon_differences(units, "framing", "framing"))
    return found


def _pairs(units: Sequence[Unit]) -> list[tuple[Unit, Unit]]:
    return [(a, b) for n, a in enumerate(units) for b in units[n + 1 :]]


def _numbers_text(unit: Unit) -> str | None:
    return ", ".join(str(number) for number in unit.numbers) or None


# A qualifier's bound on its number: (direction, strict). "more than 30" and "nearly 30" cannot
# both hold; "at least 30" and "up to 30" can (at 30); "about 30" bounds nothing.
_BOUNDS = {
    **dict.fromkeys(("more than", "over", "just over", "более", "свыше", "больше"), (1, True)),
    **dict.fromkeys(("at least", "не менее", "по меньшей мере", "по крайней мере", "как минимум"), (1, False)),
    **dict.fromkeys(
        ("nearly", "almost", "less than", "fewer than", "under", "just under", "почти", "менее", "меньше", "неполных"),
        (-1, True),
    ),
    **dict.fromkeys(("up to", "at most", "не более", "до"), (-1, False)),
}


def _numbers_differ(a: Unit, b: Unit) -> bool:
    for unit in {n.unit for n in a.numbers} & {n.unit for n in b.numbers}:
        left = [n for n in a.numbers if n.value is not None and n.unit == unit]
        right = [n for n in b.numbers if n.value is not None and n.unit == unit]
        if not (left and right):
            continue
        covered = all(any(_same_amount(x, y) for y in right) for x in left)
        covering = all(any(_same_amount(x, y) for x in left) for y in right)
        if not (covered or covering):
            return True
    return False


def _same_amount(one: Number, other: Number) -> bool:
    """Whether two numbers can state one amount: equal values whose bounds can both hold."""
    if one.value != other.value:
        return False
    first, second = _BOUNDS.get(one.qualifier), _BOUNDS.get(other.qualifier)
    return not (first and second and first[0] != second[0] and (first[1] or second[1]))


# A moment placed minutes or hours after another («через 40 минут», "two hours later"): it says
# how long after, which the number rule compares, not which day (its value is the day of the
# story's last date, which two sources dated a day apart give differently).
_WITHIN_A_DAY = re.compile(
    r"(?<!\w)(?:через|спустя)\s.*(?:минут|час|секунд)|\b(?:minutes?|hours?|seconds?)\s+(?:later|after)\b",
    re.IGNORECASE,
)


def _dated(unit: Unit) -> list[tuple[str, str]]:
    """The unit's dates as (value, words), without a year or a month that only places another
    of its dates («5 декабря прошлого года»: ``2025-12-05`` and ``2025``; the year alone would
    be compatible with any other date of 2025), nor a moment minutes or hours after another."""
    dated = [
        (t.value, t.text.casefold())
        for t in unit.timexes
        if t.type in ("DATE", "TIME") and t.value and not t.value.endswith("_REF") and not _WITHIN_A_DAY.search(t.text)
    ]
    return [
        (value, text)
        for value, text in dated
        if not (_YEAR_OR_MONTH.fullmatch(value) and any(o != value and o.startswith(value) for o, _ in dated))
    ]


_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d{2})?")


# Names of months, seasons and weekdays, English and Russian (stems, for every case).
_MONTH_NAME = re.compile(
    r"\b(?:" + "|".join(dict.fromkeys(name[:3] for name in MONTHS)) + r")[a-z]*\b"
    r"|(?<!\w)(?:" + "|".join(stem if stem != "ма" else r"ма[йяюе](?!\w)" for stem in RUSSIAN_MONTHS) + ")",
    re.IGNORECASE,
)
_SEASON_NAME = re.compile(
    r"\b(?:spring|summer|autumn|fall|winter)\b|(?<!\w)(?:весн|лет[оау]|летом|осен|зим)", re.IGNORECASE
)
_WEEKDAY_NAME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|(?<!\w)(?:понедельник|вторник|сред[аеуы](?!\w)|четверг|пятниц|суббот|воскресень)",
    re.IGNORECASE,
)


# Words that name a part of the day and no day ("overnight", «ночью»): "this morning", "last
# night" and «этой ночью» name their day, so they are not among them.
_PART_OF_DAY_ONLY = re.compile(
    r"(?:(?:early |late )?(?:in|during) the )?(?:morning|afternoon|evening|night)|overnight|at night"
    r"|утром|днём|днем|вечером|ночью|(?:рано|поздно) (?:утром|вечером|ночью)",
    re.IGNORECASE,
)


def _stated(value: str, text: str) -> str | None:
    """The part of a resolved date its words state, where the timexes stage supplied the rest
    from the date line and the tense: a weekday named without its date ("on Friday",
    ``2026-09-04`` -> ``XXXX-WXX-5``), a day, a month or a season without its year ("12 May",
    ``2025-05-12`` -> ``XXXX-05-12``; "in March", ``2024-03`` -> ``XXXX-03``), a part of the day
    without its day ("overnight", ``2026-02-12TNI`` -> ``XXXX-XX-XXTNI``). None when the words
    state it all (or it is none of these)."""
    if re.search(r"\d{4}", text):
        return None
    day = _DAY.match(value)
    if day and day.group(4) and _PART_OF_DAY_ONLY.fullmatch(text.strip()):
        return f"XXXX-XX-XX{day.group(4)}"
    if day and _WEEKDAY_NAME.search(text) and not _MONTH_NAME.search(text):
        try:
            weekday = datetime.date(*(int(part) for part in day.groups()[:3])).isoweekday()
        except ValueError:
            return None
        return f"XXXX-WXX-{weekday}{day.group(4) or ''}"
    if day and _MONTH_NAME.search(text) and re.search(r"\d", text):
        return f"XXXX-{day.group(2)}-{day.group(3)}{day.group(4) or ''}"  # "12 May", «12 мая»
    month = re.fullmatch(r"\d{4}-(\d{2}(?:T\w+)?)", value)
    if month and _MONTH_NAME.search(text):
        return f"XXXX-{month.group(1)}"
    season = re.fullmatch(r"\d{4}-((?:SP|SU|FA|WI)(?:T\w+)?)", value)
    if season and _SEASON_NAME.search(text):
        return f"XXXX-{season.group(1)}"
    return None


def _dates_text(unit: Unit) -> str | None:
    return ", ".join(f"{t.text} ({t.value})" for t in unit.timexes if t.type in ("DATE", "TIME")) or None


def _compatible(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two dates (value, words) can be one: as resolved, or as their words state them
    (two sources may resolve the same words, "in March" and «в марте», to different years)."""
    (v1, t1), (v2, t2) = one, other
    if t1 == t2:
        return True
    # Each as resolved or as stated: "Sunday" (stated) is 28 June (resolved), «12 мая» (stated)
    # is 12 May 2026 whatever year the tense gave it.
    firsts, seconds = {v1, _stated(v1, t1) or v1}, {v2, _stated(v2, t2) or v2}
    return any(_values_compatible(first, second) for first in firsts for second in seconds)


def _values_compatible(v1: str, v2: str) -> bool:
    weekday = _weekday_against_date(v1, v2)
    if weekday is not None:
        return weekday
    (day1, _, time1), (day2, _, time2) = v1.partition("T"), v2.partition("T")
    return _days_compatible(day1, day2) and (not time1 or not time2 or _times_compatible(time1, time2))


def _days_compatible(one: str, other: str) -> bool:
    """Whether two TIMEX3 dates can be one day: equal where both are known (``X`` is unknown),
    one a prefix of the other, or a month (or day) in a season (``2020-10`` in ``2020-FA``)."""
    shorter, longer = sorted((one, other), key=len)
    if longer.startswith(shorter) or all(x == y or "X" in (x, y) for x, y in zip(one, other, strict=False)):
        return True
    for season, dated in ((one, other), (other, one)):
        season_match, month_match = _SEASON.fullmatch(season), _MONTH_OF.match(dated)
        if season_match and month_match:
            name, month = season[-2:], int(month_match.group(2))
            year, dated_year = season_match.group(1), month_match.group(1)
            # A winter spans two years: January 2021 may be in the winter of 2020 or of 2021.
            gap = 0 if "XXXX" in (year, dated_year) else int(dated_year) - int(year)
            same_year = gap == 0 or (name == "WI" and month < 12 and gap == 1)
            return same_year and month in _SEASONS[name]
    return False


def _times_compatible(one: str, other: str) -> bool:
    """Whether two TIMEX3 times of day can be one: equal, overlapping parts of the day (``EV``,
    ``NI``), or a clock time in a part of the day (``04:00`` at ``NI``)."""
    if one == other:
        return True
    first, second = _hours(one), _hours(other)
    if first is None or second is None:
        return False
    return any(a < d and c < b for a, b in first for c, d in second)


def _hours(time: str) -> list[tuple[float, float]] | None:
    """The hours a TIMEX3 time of day may be, as intervals within 0-24; None when unread."""
    if time[:2] in _PARTS_OF_DAY:
        start, end = _PARTS_OF_DAY[time[:2]]
        return [(start, min(end, 24)), (0, end - 24)] if end > 24 else [(start, end)]
    clock = re.match(r"(\d{2}):?(\d{2})?", time)
    if clock is None:
        return None
    hour = int(clock.group(1)) + int(clock.group(2) or 0) / 60
    return [(hour, hour + 1 / 60)]


# The hours of each TIMEX3 part of the day (night runs past midnight), and the months of each season.
_PARTS_OF_DAY = {"MO": (5, 12), "MI": (11, 14), "AF": (12, 18), "EV": (17, 23), "NI": (21, 29), "DT": (6, 18)}
_SEASONS = {"SP": {3, 4, 5}, "SU": {6, 7, 8}, "FA": {9, 10, 11}, "WI": {12, 1, 2}}
_SEASON = re.compile(r"(\d{4}|XXXX)-(?:SP|SU|FA|WI)")
_MONTH_OF = re.compile(r"(\d{4}|XXXX)-(\d{2})")


_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])(T[\w:]+)?$")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(T[\w:]+)?$")


def _weekday_against_date(one: str, other: str) -> bool | None:
    """Whether an unanchored weekday (``XXXX-WXX-1``, "on Monday" with no date to count from)
    can be a full date (``2025-05-19``): it can when the date falls on that weekday. None when
    the two values are not such a pair."""
    for weekday, day in ((one, other), (other, one)):
        week_match, day_match = _WEEKDAY.match(weekday), _DAY.match(day)
        if week_match and day_match:
            try:
                date = datetime.date(*(int(part) for part in day_match.groups()[:3]))
            except ValueError:
                return None
            return date.isoweekday() == int(week_match.group(1))
    return None


def _dates_differ(a: Unit, b: Unit) -> bool:
    left, right = _dated(a), _dated(b)
    if not left or not right:
        return False
    covered = all(any(_compatible(x, y) for y in right) for x in left)
    covering = all(any(_compatible(y, x) for x in left) for y in right)
    return not (covered or covering)


def _actors_text(unit: Unit) -> str | None:
    phrases = list(dict.fromkeys(phrase for _, phrase in unit.doers))
    named = [unit.names[key] for key in sorted(unit.actors) if not any(unit.names[key] in p for p in phrases)]
    return ", ".join(named + phrases) or None


def _actors_differ(
    a: Unit,
    b: Unit,
    similarity: Callable[[str, str], float],
    name_similarity: float | None,
    places: Sequence[str] = (),
) -> bool:
    doers = {key for key, _ in a.doers}, {key for key, _ in b.doers}
    if all(doers) and not doers[0] & doers[1]:
        return True  # "a Russian drone" against «украинский беспилотник»
    left, right = _actor_names(a, b, places), _actor_names(b, a, places)
    if not (left and right) or any(
        _same_actor(a, one, b, other, similarity, name_similarity) for one in left for other in right
    ):
        return False
    # "Russian border guards" against «Пограничники ФСБ России»: a group of a state's people and
    # a body named after that state are one actor, in any language (groups alone are no actors).
    return not any(
        state_in(unit.names.get(key, key)) in _group_states(beside)
        for unit, these, beside in ((a, left, b), (b, right, a))
        for key in these
    )


def _group_states(unit: Unit) -> set[str]:
    """The states whose people open the sentence as a group, its subject ("Russian border
    guards detained", «Российские пограничники задержали»); a group named later ("sent to the
    Georgian side") is often the one acted on."""
    opening = re.sub(r"^the\s+", "", unit.text, flags=re.IGNORECASE)
    return {
        state
        for key, label in unit.entities.items()
        if label == "NORP"
        and opening.startswith(unit.names.get(key, key))
        and (state := state_in(unit.names.get(key, key)))
    }


def _same_actor(
    a: Unit,
    one: str,
    b: Unit,
    other: str,
    similarity: Callable[[str, str], float],
    name_similarity: float | None,
) -> bool:
    """Whether two actor keys are one actor: one name (a person's by two of its words), a state
    and a body named after it ("Georgia" and "the Georgian energy ministry"), or an organisation
    and its translation in another script."""
    labels = a.entities[one], b.entities[other]
    if same_name(one, other) or (labels == ("PERSON", "PERSON") and same_person(one, other)):
        return True
    written = a.names.get(one, one), b.names.get(other, other)
    body = body_of(written[0])
    if body is not None and body == body_of(written[1]):
        return True  # "IAEA" and «МАГАТЭ»
    if one.startswith("state:"):
        return state_in(written[1]) == one
    if other.startswith("state:"):
        return state_in(written[0]) == other
    translated = labels == ("ORG", "ORG") and has_cyrillic(written[0]) != has_cyrillic(written[1])
    return translated and name_similarity is not None and similarity(*written) >= name_similarity


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_REGION_WORDS = frozenset({"region", "district", "province", "oblast", "raion"})
_CROSSING_WORDS = frozenset(
    {"crossing", "checkpoint", "harbour in", "harbour at", "harbour of", "port in", "port at", "port of"}
)
_SETTLEMENT_WORDS = frozenset({"village of", "town of", "city of"})


def _actor_names(unit: Unit, other: Unit, places: Sequence[str] = ()) -> list[str]:
    """The actor keys of `unit` compared with `other`: without a person's name that a unit of
    the claim labels a place (the entity stage may take a village or a station for a person:
    "Aghband" beside «станция Агбенд»)."""
    groups = unit.language == other.language == "en"
    keep = ("PERSON", "ORG", "NORP", "STATE") if groups else ("PERSON", "ORG", "STATE")
    return [
        key
        for key in unit.actors
        if unit.entities[key] in keep
        and not _a_place(key, unit, places)
        and not _placed(key, unit)
        and not is_common_abbreviation(unit.names.get(key, key))
    ]


def _a_place(key: str, unit: Unit, places: Sequence[str]) -> bool:
    """Whether a person's name is, word for word, one that a unit of the claim labels a place."""
    return unit.entities[key] == "PERSON" and any(
        len(key.split()) == len(place.split()) and same_name(key, place) for place in places
    )


def _placed(key: str, unit: Unit) -> bool:
    """Whether an entity of the unit names a place: by its label, or a person's name beside a
    word that says what kind of place it is ("the Medininkai crossing", «села Кярки»), or an
    organisation's beside a crossing's, a port's or a district's ("the Lagodekhi crossing", "the
    harbour in Tolkmicko", "Baizak district"), or a person's name after a locative preposition
    ("at Aghband", «около Агбенда»), or any name of a town GeoNames knows after a preposition
    ("hospital in Noyemberyan", «у Светогорска»): the entity stage may take a place it does not
    know for a person, a group or a body."""
    label = unit.entities[key]
    if label in _PLACE_LABELS:
        return True
    name = unit.names.get(key, key)
    if name in find_towns(unit.text) and follows_a_preposition(unit.text, name):
        # A town GeoNames knows where a preposition puts it, whatever the label ("taken to
        # Nalchik", "in Taganrog", "hospital in Noyemberyan", «заметили у Светогорска»).
        return True
    if label == "NORP":
        # "Belgorod region": a group's label on a name the word after says is a region's,
        # unless the name is a state's ("Russian regions").
        return kind_beside(unit.text, name) in _REGION_WORDS and state_in(name) is None
    kind = kind_beside(unit.text, name)
    if label == "ORG":
        # A crossing's, a port's, a district's or a settlement's word ("the Lagodekhi crossing",
        # "Kara-Buura district", "the village of Odzisi").
        return kind is not None and kind.casefold() in _CROSSING_WORDS | _REGION_WORDS | _SETTLEMENT_WORDS
    # A person's name after "in", "near" or «около» ("gathered at Aghband") is a place's.
    return label == "PERSON" and (kind is not None or follows_a_locative(unit.text, name))


def _cause_text(unit: Unit) -> str | None:
    cause = causal_clause(unit.text)
    return f"{cause[0]} {cause[1]}" if cause else None


def _causes_differ(a: Unit, b: Unit, similarity: Callable[[str, str], float], threshold: float) -> bool:
    left, right = causal_clause(a.text), causal_clause(b.text)
    if left is None and right is None:
        return False
    if left is None or right is None:
        marker = (left or right)[0]  # type: ignore[index]
        return marker not in _WEAK_MARKERS
    words = [set(re.findall(r"\w+", clause.lower())) - _STOP for _, clause in (left, right)]
    union = words[0] | words[1]
    if union and len(words[0] & words[1]) / len(union) >= 0.5:
        return False
    return similarity(left[1], right[1]) < threshold


def _lexicon_differences(units: Sequence[Unit], referent_kind: str, kind: str) -> list[Difference]:
    by_referent: dict[str, dict[int, list[tuple[str, str]]]] = {}  # referent -> source -> (name, term)
    for unit in units:
        for use in unit.uses:
            if use.kind == referent_kind:
                by_referent.setdefault(use.referent, {}).setdefault(unit.source, []).append((use.name, use.term))
    found = []
    for referent, uses in by_referent.items():
        involved = {
            s
            for s, own in uses.items()
            for t, other in uses.items()
            if s != t and _names_differ(*_chosen(own, other), kind)
        }
        if involved:
            values = tuple(
                (unit.source, ", ".join(dict.fromkeys(term for _, term in uses.get(unit.source, []))) or None)
                for unit in units
            )
            found.append(Difference(kind, values, frozenset(involved), referent))
    return found


def _chosen(own: Sequence[tuple[str, str]], other: Sequence[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """The names two sources chose for one referent, as (name, term) uses: without a conventional
    Russian exonym («Киев») against a source in the other script, whose writer had no other name
    to write (`spinscope.compare.places.CONVENTIONAL_EXONYMS`)."""
    scripts = {has_cyrillic(term) for _, term in own}, {has_cyrillic(term) for _, term in other}
    return (
        {name for name, term in own if not (term in CONVENTIONAL_EXONYMS and False in scripts[1])},
        {name for name, term in other if not (term in CONVENTIONAL_EXONYMS and False in scripts[0])},
    )


def _names_differ(own: set[str], other: set[str], kind: str) -> bool:
    """Whether two sources use different variants of one referent. A source that gives a place
    both its names ("Berestyn, called Krasnohrad until 2024") names it as one that gives
    either does."""
    if kind == "place-name":
        return not (own <= other or other <= own)
    return own != other


def _translated(similarity: Callable[[str, str], float], threshold: float) -> Callable[[str, str], bool]:
    """Whether two names in two scripts are one name translated: their embeddings are at least `threshold` alike."""
    return lambda one, other: has_cyrillic(one) != has_cyrillic(other) and similarity(one, other) >= threshold


def places_differ(one: Unit, other: Unit, levels: PlaceLevels | None = None) -> bool:
    """Whether two units of different sources name their claim's place differently, as
    `find_differences` would find it if they were aligned: each names a place the other has no
    name for (names compared by spelling only, not by translation), of one level (two sentences
    that only share a stretch name towns of other countries often, so GeoNames' countries part
    no two places of different levels here, nor do names no list knows count)."""
    units = (one, other)
    return bool(
        _lexicon_differences(units, "place", "place-name")
        or _place_name_differences(units, None, levels, countries=False, unlisted=False)
    )


def facts_differ(one: Unit, other: Unit, levels: PlaceLevels | None = None) -> bool:
    """Whether two units of different sources give their claim's place or its numbers
    differently (`places_differ`, or numbers of one unit that differ: "Fourteen lorries" against
    «шесть грузовиков»), as `find_differences` would find it if they were aligned."""
    return _numbers_differ(one, other) or places_differ(one, other, levels)


def build_place_levels(units: Iterable[Unit]) -> PlaceLevels:
    """The places that the units of a whole group of articles name, for the level of a name that
    one sentence writes bare (`spinscope.compare.places.PlaceLevels`)."""
    return PlaceLevels.from_names(name for unit in units for name, _ in _places(unit))


def _place_name_differences(
    units: Sequence[Unit],
    translated: Callable[[str, str], bool] | None = None,
    levels: PlaceLevels | None = None,
    *,
    countries: bool = True,
    unlisted: bool = True,
) -> list[Difference]:
    """A place-name difference the lexicon does not know: two units that each name a place the
    other has no name for (`spinscope.compare.places`), as one difference of the claim; with
    `countries`, places of different levels in different countries differ too; with `unlisted`,
    a name a preposition puts somewhere is a name even where it is a word of the dictionary
    («в Славянку»), and a side that names no known place may name one no list knows (`_readings`)."""
    places = {unit.source: _places(unit) for unit in units}
    bodies = {unit.source: _bodies(unit) for unit in units}
    kind_named = {unit.source: find_kind_named(unit.text) for unit in units}
    placed = {unit.source: find_placed_names(unit.text) if unlisted else [] for unit in units}
    involved: set[int] = set()
    for a, b in _pairs(units):
        # A place the other names inside an organisation's name («Народного собрания Гагаузии»
        # against "Gagauzia") is one both name: neither a difference nor one left over.
        left = [place for place in places[a.source] if not _in_a_body(place[0], bodies[b.source])]
        right = [place for place in places[b.source] if not _in_a_body(place[0], bodies[a.source])]
        introduced = kind_named[a.source] + kind_named[b.source]
        if any(
            all(
                place_names_differ(
                    one,
                    other,
                    translated,
                    levels,
                    _spellings,
                    introduced=introduced,
                    placed=placed[a.source] + placed[b.source],
                    countries=countries,
                )
            )
            for one, other in _readings(a, b, left, right, (placed[a.source], placed[b.source]) if unlisted else None)
        ):
            involved.update((a.source, b.source))
    if not involved:
        return []
    values = tuple(
        (unit.source, ", ".join(dict.fromkeys(name for name, _ in places[unit.source])) or None) for unit in units
    )
    return [Difference("place-name", values, frozenset(involved))]


@functools.cache
def _spellings(referent: str) -> tuple[tuple[str, ...], ...]:
    """A gazetteer place's names, each with its spellings (none for a lexicon referent, whose forms are patterns)."""
    place = load_gazetteer().places.get(referent)
    return () if place is None else tuple((name.name, *name.spellings) for name in place.names)


def _places(unit: Unit) -> list[tuple[str, str | None]]:
    """The places a unit names, as (written name, lexicon referent or None): entities of a place
    label, the lexicon's places, names a word of a kind of place introduces
    (`spinscope.compare.places.find_kind_named`) and names of towns GeoNames knows
    (`spinscope.compare.places.find_towns`). A country named only as a body's owner ("Poland's
    Operational Command") is none."""
    # A place inside an organisation's name («МЧС Республики Южная Осетия») is the actor's, not the claim's.
    bodies = _bodies(unit)
    found = [
        (unit.names.get(key, key), key[1:] if key.startswith("@") else None)
        for key in unit.entities
        if _placed(key, unit)
    ]
    found += [(use.text, use.referent) for use in unit.uses if use.kind == "place"]
    # A place no entity or gazetteer entry knows, named after a word of its kind ("the village of
    # Basid", «под Резекне»), unless a place already found holds it or it holds one.
    found += [
        (name, None)
        for name in find_kind_named(unit.text)
        if not any(name in known or known in name for known, _ in found)
    ]
    # A town GeoNames knows («у Каменца», "near Astravyets"), unless an entity of another kind holds it.
    named = [unit.names.get(key, key) for key in unit.entities]
    found += [
        (name, None)
        for name in find_towns(unit.text)
        if not any(name in known or known in name for known, _ in found) and not any(name in other for other in named)
    ]
    return [
        (_with_kind(unit.text, name), referent)
        for name, referent in dict.fromkeys(found)
        if not any(name in body for body in bodies) and not _an_owner(unit.text, name, bodies)
    ]


def _an_owner(text: str, name: str, bodies: Sequence[str]) -> bool:
    """Whether the sentence names a country only as the owner of a body the entity stage found
    ("Poland's Operational Command said"), as the body «МИД Польши» holds «Польши» in Russian:
    the body's, not a place of the claim. A country that owns a place ("Belarus's Braslaw
    district") or a person ("Belarus's chargé d'affaires", «поверенного в делах Беларуси») is one."""
    if not is_country(name) or re.search(rf"(?<!\w){re.escape(name)}(?!['’\w])", text):
        return False
    owned = [match.end() for match in re.finditer(rf"(?<!\w){re.escape(name)}['’]s\s+", text)]
    return bool(owned) and all(any(text.startswith(body, at) for body in bodies) for at in owned)


def _readings(
    a: Unit,
    b: Unit,
    left: list[tuple[str, str | None]],
    right: list[tuple[str, str | None]],
    placed: tuple[list[str], list[str]] | None = None,
) -> Iterator[tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]]:
    """The ways to read two units' places against each other for a place-name difference, each
    tried while the ones before find none: all of them; without a region or a district a side
    names only as what holds its place ("Karelia's Sortavala district", "Gulcha, the centre of
    Alay district"), which says where, not which; and only the settlements each names ("the
    village of Basid", «кишлак Рошорв»), which differ whatever else each side names around them
    (a region, a town they lie near); given the names a preposition puts somewhere in each unit
    (`find_placed_names`), when one side names no place, those of that side (`_placed_names`)."""
    yield left, right
    held = (_uncontained(a, left, right), _uncontained(b, right, left))
    if held != (left, right) and all(held):
        yield held
    settled = (_settlements(a, left), _settlements(b, right))
    if all(settled):
        yield settled
    # A side that names no place any list or word of a kind knows reads the names a preposition
    # puts somewhere ("at Adutiškis", «в Славянку»): against a place the other side names, a
    # village no list holds is a different place.
    if placed is not None and bool(left) != bool(right):
        unknown = (left or _placed_names(a, placed[0]), right or _placed_names(b, placed[1]))
        if all(unknown):
            yield unknown


def _placed_names(unit: Unit, placed: Sequence[str]) -> list[tuple[str, str | None]]:
    """The names a preposition of place puts somewhere in a unit (`placed`, `find_placed_names`
    of its text) that are no actor's its entities name (a person, a body, a group, a state) and no country's: the
    places of a sentence that names none a list knows. Two labels are the entity stage's guess
    at a name it does not know: a body's right after "at", "in", "near" or «в» ("station at
    Adutiškis"; a body is more often written "from" or "to"), and a people's on a name that
    is no state's word and no plural ("taken to Posyet"; a people is "Ukrainians", "Russian")."""
    actors = [
        unit.names.get(key, key)
        for key, label in unit.entities.items()
        if label in ACTOR_LABELS and not _a_guess(label, unit.names.get(key, key), unit.text)
    ]
    return [(name, None) for name in placed if not any(name in actor for actor in actors) and not is_country(name)]


def _a_guess(label: str, name: str, text: str) -> bool:
    """Whether an actor's label on a name of one word is the entity stage's guess (see
    `_placed_names`); a body of more words is one («в Пограничном управлении»)."""
    if " " in name:
        return False
    if label == "ORG":
        return follows_a_locative(text, name)
    return label == "NORP" and not name.endswith("s") and state_in(name) is None


def _uncontained(
    unit: Unit, places: Sequence[tuple[str, str | None]], other: Sequence[tuple[str, str | None]]
) -> list[tuple[str, str | None]]:
    """A unit's places without those it names only as what holds another (`_a_container`),
    unless the other side names that one too (then the two sides agree on it)."""
    names = [name for name, _ in places]
    return [
        place
        for place in places
        if not _a_container(unit.text, place[0], names) or any(same_place(place[0], name) for name, _ in other)
    ]


def _a_container(text: str, name: str, places: Sequence[str]) -> bool:
    """Whether the sentence names a region or a district only as what holds another place it
    names: as the owner of that place ("Karelia's Sortavala district", "Tyumen region's Kazansky
    district") or as the district a town is the centre of ("Isfana, the centre of Leilek
    district", «Гульча, центр Алайского района»), or as the land across the border from it («в
    сомоне Сагил, в 12 километрах от границы с Тувой»). It says where the place lies, not which
    place the claim is about. A country is left to the level rule (`place_names_differ`)."""
    if is_country(name):
        return False
    spots = [match.start() for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    if not spots:
        return False
    others = [other for other in places if other != name]
    for at in spots:
        after = text[at + len(name) :]
        owner = after.startswith(("'s ", "’s ")) and any(after[3:].startswith(other) for other in others)
        # «в Гурленском районе Хорезмской области»: a region in the genitive right after a place.
        genitive = bool(_REGION_WORD.search(name)) and any(text[:at].endswith(other + " ") for other in others)
        before = text[max(0, at - 40) : at]
        if not (owner or genitive or _CENTRE_OF.search(before) or _BORDER_WITH.search(before)):
            return False
    return True


# The Russian words of a region in the genitive, which holds the place named before it.
_REGION_WORD = re.compile(r"(?<!\w)(?:области|края|республики|округа|провинции)(?!\w)", re.IGNORECASE)
# The words before a name that make it the land across a border from the place («в 12 километрах
# от границы с Тувой», "the border with Russia's Chechen Republic").
_BORDER_WITH = re.compile(r"(?:\bborder with (?:the )?(?:\w+['’]s )?|(?<!\w)границ[аеуыи]\w* со? )$", re.IGNORECASE)
# The words before a district's name that make it the district a town is the centre of.
_CENTRE_OF = re.compile(
    r"(?:(?:administrative |district |regional )?(?:centre|center|capital) of (?:the )?(?:\w+['’]s )?"
    r"|(?<!\w)(?:административн\w+ )?(?:центр[аеу]?|столиц[аеыу])\s)$"
)


def _settlements(unit: Unit, places: Sequence[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The places of a unit that a word of a settlement introduces ("the village of Basid", «под Резекне»)."""
    named = find_kind_named(unit.text, settlements=True)
    return [place for place in places if any(place[0] in name or name in place[0] for name in named)]


def _bodies(unit: Unit) -> list[str]:
    """The organisations a unit names, as written: a lexicon place the entity stage labelled an
    organisation ("Turkmenbashi"), or one a word beside it says is a place ("the Lagodekhi
    crossing"), is a place, not a body."""
    return [
        unit.names.get(key, key)
        for key, label in unit.entities.items()
        if label == "ORG" and key[0] != "@" and not _placed(key, unit)
    ]


def _in_a_body(name: str, bodies: Sequence[str]) -> bool:
    """Whether a place's name is one inside an organisation's name («Народного собрания
    Гагаузии» holds "Gagauzia")."""
    return any(len(re.findall(r"\w+", body)) > 1 and same_place(name, body) for body in bodies)


_NEXT_WORD = re.compile(r"[\s-]+(\w+)")


def _with_kind(text: str, name: str) -> str:
    """A place's name with the word beside it in the sentence where that word says it names a
    district, a region or a feature ("Java" of "the Java district" -> "Java district"; «Улытау»
    of «в области Улытау» -> «области Улытау»; "Bartang" of "the Bartang valley" -> "Bartang
    valley"), or with the English article that stands before it and no word of its kind after
    ("the Dnipro"): the entity may leave them out («на реке Нарова» -> «реке Нарова»). «В районе
    Марганца» is "near Marhanets", so «район» counts only after a name."""
    at = text.find(name)
    if at < 0:
        return name
    after = _NEXT_WORD.match(text, at + len(name))
    if after and after.group(1).casefold() in _WORDS_AFTER:
        return f"{name} {after.group(1)}"
    before = _REGION_BEFORE.search(text, max(0, at - 12), at)
    if before:
        return f"{before.group(1)} {name}"
    if _ARTICLE_BEFORE.search(text, max(0, at - 5), at) and not (after and kind_beside(text, name)):
        return f"the {name}"  # "the Dnipro": a river or a region; English writes no article before a town
    return name


_DISTRICTS_AFTER = frozenset(
    {"district", "districts", "region", "regions", "municipality", "province", "aimag"}
    | {"район", "района", "районе", "районом", "аймак", "аймака", "аймаке", "аймаком"}
    | {"кожуун", "кожууна", "кожууне", "кожууном"}
)
# The words after a name that say it names a district or a feature ("the Bartang valley"), not a
# settlement.
_WORDS_AFTER = _DISTRICTS_AFTER | frozenset(FEATURE_WORDS)
# The Russian words before a name, in the case its sentence needs, that say it names a region or
# a feature («области Улытау», «на реке Нарова», «озера Пейпси», «у острова Большой Уссурийский»,
# «в пойме Припяти»).
_REGION_BEFORE = re.compile(
    r"(?<!\w)(област(?:ь|и|ью)|провинци(?:я|и|ю|ей)|рек(?:а|и|е|у|ой)|озер(?:о|а|е|ом)|(?:полу)?остров(?:а|е|у|ом)?|пойм(?:а|ы|е|у|ой))\s+$",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"(?<!\w)the\s+$")
