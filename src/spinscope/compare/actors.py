"""States named as the doer of an act: "Armenia proposed", «Азербайджан предложил», "Baku accused".

The entity labels call a country a place (GPE, LOC), so without this a claim whose actor is a
state could never differ in its actor. A state counts as an actor where its name (the country,
its capital used for its government, or "the Armenian side" / «армянская сторона») is
directly followed by a verb of an act, optionally after a second state joined by "and" / «и»
and one auxiliary or adverb ("has", "also", «вновь»). Reporting verbs ("said", «заявил»,
«сообщил») are left out: who reports a claim is no actor of it.

A state also acts through its people, forces and craft: "a Russian drone", «украинские
пограничники», «ракета российской ПВО» (`find_doers`). Such a phrase counts unless it is acted
on or described: after a preposition ("fired on Kyrgyz workers", «по таджикским пограничникам»),
or in Russian the genitive of a noun after one («под контролем армянских сил»). "By" names the
doer and keeps it.

Invariants: the table (`STATES`) maps every form, in either language, to one key per state
(``state:armenia``), so a state is one actor across scripts without transliteration; the
verb test looks only at the words after the name, and never at the entity labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.compare.translit import name_key, same_name

__all__ = ["STATES", "State", "find_doers", "find_state_actors", "is_state", "state_in"]


@dataclass(frozen=True, slots=True)
class State:
    """A state and the names news writes for it as a doer, in English and Russian (nominative)."""

    key: str
    english: tuple[str, ...]
    russian: tuple[str, ...]
    stems: tuple[str, ...] = ()  # word starts that name the state inside another name ("Georgian energy ministry")


# The states of the South Caucasus conflicts and those their press names as parties; the Russian
# forms are nominative, the case of a subject.
STATES = (
    State(
        "armenia",
        ("Armenia", "Yerevan", "the Armenian side", "Armenian side"),
        ("Армения", "Ереван", "армянская сторона", "Республика Армения"),
        ("Armenia", "Армени", "армянск", "Армянск"),
    ),
    State(
        "azerbaijan",
        ("Azerbaijan", "Baku", "the Azerbaijani side", "Azerbaijani side"),
        ("Азербайджан", "Баку", "азербайджанская сторона", "Азербайджанская Республика"),
        ("Azerbaijan", "Азербайджан", "азербайджанск"),
    ),
    State(
        "georgia",
        ("Georgia", "Tbilisi", "the Georgian side", "Georgian side"),
        ("Грузия", "Тбилиси", "грузинская сторона"),
        ("Georgia", "Грузи", "грузинск", "Грузинск"),
    ),
    State(
        "russia",
        ("Russia", "Moscow", "the Kremlin", "the Russian side", "Russian side"),
        ("Россия", "Москва", "Кремль", "российская сторона", "Российская Федерация"),
        ("Russia", "Росси", "российск", "Российск"),
    ),
    State(
        "turkey",
        ("Turkey", "Türkiye", "Ankara", "the Turkish side", "Turkish side"),
        ("Турция", "Анкара", "турецкая сторона"),
        ("Turkey", "Turkish", "Türkiye", "Турци", "турецк", "Турецк"),
    ),
    State(
        "iran",
        ("Iran", "Tehran", "the Iranian side", "Iranian side"),
        ("Иран", "Тегеран", "иранская сторона"),
        ("Iran", "Иран", "иранск", "Иранск"),
    ),
    State(
        "ukraine",
        ("Ukraine", "Kyiv", "Kiev", "the Ukrainian side", "Ukrainian side"),
        ("Украина", "Киев", "украинская сторона"),
        ("Ukrain", "Украин", "украинск"),
    ),
    State(
        "united-states",
        ("the United States", "United States", "the US", "Washington"),
        ("США", "Соединённые Штаты", "Соединенные Штаты", "Вашингтон"),
        ("US ", "American", "США", "американск", "Американск"),
    ),
    State(
        "european-union",
        ("the European Union", "European Union", "the EU", "Brussels"),
        ("Евросоюз", "Европейский союз", "ЕС", "Брюссель"),
        ("EU ", "European", "Евросоюз", "ЕС ", "Европейск", "европейск"),
    ),
    State(
        "france",
        ("France", "Paris", "the French side"),
        ("Франция", "Париж", "французская сторона"),
        ("France", "French", "Франци", "французск", "Французск"),
    ),
)

_REPORTING = frozenset(
    "said says say told tells reported reports stated states noted notes added adds announced announces claimed"
    " claims".split()
)
_REPORTING_RU = re.compile(r"(?:заяв|сообщ|отмет|сказа|говор|подчеркн|добав|указа|напомн|уточн)\w*$")
_BETWEEN = frozenset(
    "has have had will would could did does is was also again then formally officially not now already first".split()
)
_BETWEEN_RU = frozenset("уже вновь снова также тоже ещё еще не официально первой первым сначала".split())
_IRREGULAR = frozenset(
    "sent took made gave began won lost struck hit held kept sought brought built fought left met paid put set shot"
    " stood went agree agrees want wants refuse refuses offer offers accuse accuses propose proposes demand demands"
    " insist insists reject rejects threaten threatens deny denies blame blames sign signs withdraw withdrew"
    " deploy deploys seek seeks".split()
)
_PREPOSITIONS = frozenset(
    "of in from to by with for between against near at on into over under than about"
    " в во из с со к ко по от до на у для между о об обо при за под над через против".split()
)
_VERB_RU = re.compile(r"\w+(?:л|ла|ло|ли|ет|ит|ют|ят|ут|ат)(?:ся|сь)?$")
_WORDS = re.compile(r"[\w-]+")


def _table(russian: bool) -> tuple[re.Pattern[str], list[str]]:
    """The pattern of one language's state names (one named group per form, longest first) and
    each group's state key; a form written in lower case («армянская сторона») is also found
    capitalised, at the start of a sentence."""
    forms = [(form, state.key) for state in STATES for form in (state.russian if russian else state.english)]
    forms += [(form[0].upper() + form[1:], key) for form, key in forms if form[0].islower()]
    forms.sort(key=lambda item: -len(item[0]))
    spaced = r"\s+"
    alternatives = "|".join(
        rf"(?P<s{n}>{spaced.join(map(re.escape, form.split()))})" for n, (form, _) in enumerate(forms)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), [key for _, key in forms]


_ENGLISH, _RUSSIAN = _table(False), _table(True)


def find_state_actors(text: str, start: int, end: int, *, russian: bool) -> list[tuple[str, str]]:
    """The states doing an act in ``text[start:end]``: ``(key, the name as written)`` pairs, keys
    prefixed ``state:``, in text order (a state once)."""
    pattern, keys = _RUSSIAN if russian else _ENGLISH
    found: dict[str, str] = {}
    matches = list(pattern.finditer(text, start, end))
    chained: set[int] = set()
    for n, match in enumerate(matches):
        if n in chained:
            continue  # the second of "Armenia and Azerbaijan": its group was judged with the first
        # A state joined to the next one by "and" / «и» shares its verb ("Armenia and Azerbaijan agreed").
        group = [match]
        last = match
        for m, following in enumerate(matches[n + 1 :], n + 1):
            if re.fullmatch(r"\s+(?:and|и)\s+", text[last.end() : following.start()], re.IGNORECASE):
                group.append(following)
                chained.add(m)
                last = following
            else:
                break
        if _after_preposition(text[max(start, match.start() - 20) : match.start()]):
            continue
        if _verb_follows(text[last.end() : end], russian=russian):
            for member in group:
                key = keys[int(member.lastgroup[1:])]  # type: ignore[index]
                found.setdefault(f"state:{key}", member.group(0))
    return list(found.items())


def state_in(name: str) -> str | None:
    """The key (``state:<name>``) of the state a name belongs to by its words ("Georgian energy
    ministry", «Министерство энергетики России»), or None: such a body acts for its state, so it
    is no other actor than the state."""
    padded = f" {name} "
    for state in STATES:
        if any(f" {stem}" in padded for stem in state.stems):
            return f"state:{state.key}"
    return None


def is_state(name: str) -> bool:
    """Whether a name, in either script and any case, is one of `STATES` or its capital
    ("Tbilisi", «Армении», «в Баку»): the parties of every article about their conflicts. The
    name must begin as the state's does: a case ending changes a name's end, never its start
    (Lankaran is not Ankara)."""
    starts = {word[:1] for word in name_key(name).split()}
    return any(start in starts and same_name(name, form) for form, start in _STATE_STARTS)


_STATE_NAMES = tuple(
    form for state in STATES for form in (*state.english, *state.russian) if " " not in form and form[0].isupper()
)
# Each of them with the first letter of its key, which a name matched with it must begin a word with.
_STATE_STARTS = tuple((form, name_key(form)[:1]) for form in _STATE_NAMES)


def _after_preposition(before: str) -> bool:
    """Whether the words before a name end in a preposition ("of Armenia", «в Баку»): a name
    inside a phrase is no subject."""
    words = _WORDS.findall(before)
    return bool(words) and words[-1].lower() in _PREPOSITIONS


def _verb_follows(rest: str, *, russian: bool) -> bool:
    """Whether `rest` (the text after a name) starts with a verb of an act, after at most one
    auxiliary or adverb."""
    if not re.match(r"\s+\w", rest):
        return False  # a comma, a possessive or the end: not the subject of what follows
    words = _WORDS.findall(rest[:60])
    between = _BETWEEN_RU if russian else _BETWEEN
    for word in words[:3]:
        if word[0].isupper():
            return False
        lower = word.lower()
        if lower in between:
            continue
        if russian:
            return bool(_VERB_RU.fullmatch(lower)) and not _REPORTING_RU.match(lower)
        if lower in _REPORTING:
            return False
        return lower.endswith("ed") or lower in _IRREGULAR
    return False


# The adjectives of states' people, a closed table of general knowledge: the English words and
# the Russian stems (any case ending follows), each with its state's key (those of `STATES` where
# it has the state). Wider than `STATES`: a border guard of any state acts for it.
_PEOPLES = (
    ("russia", ("Russian",), ("российск", "русск")),
    ("ukraine", ("Ukrainian",), ("украинск",)),
    ("belarus", ("Belarusian", "Belarussian"), ("белорусск",)),
    ("poland", ("Polish",), ("польск",)),
    ("lithuania", ("Lithuanian",), ("литовск",)),
    ("latvia", ("Latvian",), ("латвийск", "латышск")),
    ("estonia", ("Estonian",), ("эстонск",)),
    ("finland", ("Finnish",), ("финск", "финляндск")),
    ("norway", ("Norwegian",), ("норвежск",)),
    ("sweden", ("Swedish",), ("шведск",)),
    ("romania", ("Romanian",), ("румынск",)),
    ("moldova", ("Moldovan",), ("молдавск", "молдовск")),
    ("transnistria", ("Transnistrian",), ("приднестровск",)),
    ("hungary", ("Hungarian",), ("венгерск",)),
    ("georgia", ("Georgian",), ("грузинск",)),
    ("abkhazia", ("Abkhaz", "Abkhazian"), ("абхазск",)),
    ("south-ossetia", ("South Ossetian",), ("южноосетинск", "югоосетинск")),
    ("armenia", ("Armenian",), ("армянск",)),
    ("azerbaijan", ("Azerbaijani", "Azeri"), ("азербайджанск",)),
    ("turkey", ("Turkish",), ("турецк",)),
    ("iran", ("Iranian",), ("иранск",)),
    ("kazakhstan", ("Kazakh", "Kazakhstani"), ("казахск", "казахстанск")),
    ("kyrgyzstan", ("Kyrgyz", "Kirghiz"), ("киргизск", "кыргызск", "кыргызстанск")),
    ("tajikistan", ("Tajik",), ("таджикск",)),
    ("uzbekistan", ("Uzbek",), ("узбекск",)),
    ("turkmenistan", ("Turkmen",), ("туркменск",)),
    ("afghanistan", ("Afghan",), ("афганск",)),
    ("china", ("Chinese",), ("китайск",)),
    ("mongolia", ("Mongolian",), ("монгольск",)),
    ("japan", ("Japanese",), ("японск",)),
    ("italy", ("Italian",), ("итальянск",)),
    ("germany", ("German",), ("немецк", "германск")),
    ("france", ("French",), ("французск",)),
    ("united-kingdom", ("British",), ("британск",)),
    ("united-states", ("American", "US"), ("американск",)),
)
# The heads of a phrase that names who or what acts: forces, services, crews, weapons and craft,
# groups of people (English words; Russian stems).
_DOERS_EN = (
    r"drones?|missiles?|rockets?|shells?|jets?|fighters?|planes?|aircraft|helicopters?|boats?|ships?|vessels?"
    r"|patrols?|guards?|troops|forces|soldiers|servicemen|military|police|policemen|officers|agents"
    r"|rescuers|firefighters|crews?|smugglers|farmers|villagers|residents|herders|shepherds|fishermen|workers"
    r"|miners|drivers|volunteers|compan(?:y|ies)|firms?|operators?|authorities|ministry|services?|intelligence"
    r"|units?|navy|air[- ]defen[cs]e|gunmen|militants|tanks?|artillery|sappers|engineers|contractors"
)
_DOERS_RU = (
    r"беспилотн|дрон|ракет|снаряд|истребител|самол[её]т|вертол[её]т|катер|корабл|судн|пограничник|военн"
    r"|сил(?:а|ы|у|ами|ам|ах)?\b|войск|флот|подразделени|полици|полицейск|спасател|пожарн|экипаж|бригад"
    r"|контрабандист|фермер|аграри|жител|рыбак|водител|компани|ведомств|министерств|служб|спецслужб|ПВО|добровол"
    r"|группировк|боевик|комплекс|артиллери|танк|патрул|сотрудник|силовик|власт|сапер|сапёр|подрядчик|рабоч|инженер"
)
_PEOPLE_EN = {word: key for key, english, _ in _PEOPLES for word in english}
_PEOPLE_RU = [(stem, key) for key, _, russian in _PEOPLES for stem in russian]
_DOER_PHRASE_EN = re.compile(
    rf"(?<![\w-])(?P<people>(?:{'|'.join(sorted(_PEOPLE_EN, key=len, reverse=True))})(?:-[A-Z]\w+)?)"
    rf"(?P<between>(?:\s+[\w/.-]+){{0,3}}?)\s+(?P<head>{_DOERS_EN})(?![\w-])"
)
_DOER_PHRASE_RU = re.compile(
    rf"(?<![\w-])(?P<people>(?:{'|'.join(stem for stem, _ in _PEOPLE_RU)})\w*)"
    rf"(?P<between>(?:\s+[\w/.-]+){{0,2}}?)\s+(?P<head>{_DOERS_RU})\w*",
    re.IGNORECASE,
)


def find_doers(
    text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = (), *, russian: bool
) -> list[tuple[str, str]]:
    """The states whose people, forces or craft ``text[start:end]`` (in Russian or English)
    names ("a Russian drone", «украинские пограничники», «ракета российской ПВО»): ``(key, the
    phrase as written)`` pairs, keys prefixed ``state:``, outside the spans `skip` (an
    attribution, a causal clause)."""
    found: dict[str, str] = {}
    for match in (_DOER_PHRASE_RU if russian else _DOER_PHRASE_EN).finditer(text, start, end):
        people = match.group("people")
        if (
            any(first <= match.start() < last for first, last in skip)
            or set(_WORDS.findall(match.group("between").lower())) & _LINKS
            or _acted_on(text[max(start, match.start() - 40) : match.start()], people, russian=russian)
        ):
            continue
        for key in filter(None, map(_people_key, people.split("-"))):
            found.setdefault(f"state:{key}", match.group(0))
    return list(found.items())


_LINKS = frozenset(
    "by of in at on to from was were is are has have had the a an and or with for near that which who"
    " в во на у из с со от по и был была были было к ко под за что который которая которые".split()
)


def _acted_on(before: str, people: str, *, russian: bool) -> bool:
    """Whether the words before a doer's phrase make it one acted on or described: a preposition
    before it ("fired on Kyrgyz workers", "the crew of a Russian boat", «по таджикским
    пограничникам»), in Russian also before the noun a genitive phrase belongs to («под контролем
    армянских сил»); "by" names the doer."""
    words = [word.lower() for word in _WORDS.findall(before) if word.lower() not in ("a", "an", "the")][-2:]
    if words[-1:] and words[-1] in _PREPOSITIONS - {"by"}:
        return True
    genitive = russian and people.lower().endswith(("ого", "его", "ой", "ей", "ых", "их"))
    return genitive and len(words) == 2 and words[0] in _PREPOSITIONS


def _people_key(word: str) -> str | None:
    """The state whose people's adjective `word` is (`_PEOPLES`), or None."""
    if word in _PEOPLE_EN:
        return _PEOPLE_EN[word]
    lower = word.lower()
    return next((key for stem, key in _PEOPLE_RU if lower.startswith(stem)), None)
