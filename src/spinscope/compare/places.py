"""Place names across scripts and cases: whether two sources name one place the same way.

A place-name difference needs no lexicon entry: two aligned claims that each name a place,
where a place of one is not, by its name, a place of the other, differ in their place names
(«мост через Ингур» against "the Enguri bridge"). `same_place` says whether two written
names are one name:

- spellings across scripts are folded by `spinscope.compare.translit.name_key` (kh/х, gh/г,
  j/дж, e/э/е, y/ы/й, ts/ц, -iy/-ий), and the Azerbaijani ə, which English and Russian write
  as a or e, by reading e as a inside a word (Kalbajar ~ Кельбаджар), never in its last
  letter, where Russian cases differ («Цхинвале» is not «Цхинвали»);
- a Russian noun is read as every nominative its case ending can come from, by the common
  declensions only (`_NOUN_ENDINGS`: «Шуши», «Шушу», «Шушой» -> «Шуша»; «Гале», the locative
  of «Гал», -> «Гал» or «Гала», never «Гали»: a name in -и does not decline);
- a Russian adjective of a place («Дзауского района», «Бардинского», «Мартакертском районе»)
  is its stem, which meets a name that it derives from, with or without the name's last
  vowel and with -н-/-ин- (Dzau, Barda, Martakert, Gali ~ «Гальского»);
- a Russian plural is read as its nominative too («в Олешках» -> «Олешки», Oleshky), and a
  Russian name in -ия as the Latin name of its stem in a vowel (Latgale ~ «Латгалии»: Latvian,
  Lithuanian and Georgian names end in -e or -i where Russian adds -ия);
- a Latin letter stripped of its diacritic is read as the affricate or hushing sound it wrote
  (Romanian ț, ș and Baltic or Slavic š, ž: Varnita ~ «Варница», Ninotsminda ~ «Ниноцминда»):
  ts is t, sh is s and zh is z in both names;
- the words that say what kind of place it is (district, river, «района», «реки») are left
  out, and every word of the shorter name must be a word of the longer one;
- two names of one state (`spinscope.compare.actors.state_in`: Georgia, «Грузии») are one, and
  so are a country's English and Russian names (`_COUNTRIES`: China, «Китае»).

`place_names_differ` pairs the places of two units by `same_place` (or by one lexicon
referent, whose variants the lexicon rule compares, or by one name of a gazetteer place that
spells both, or, for names of two words or more, by a translation test) and finds a
difference only where each unit keeps a place the other has no name for, as many on each side
and of one level (a district against a district, a town against a town, a river, valley or
other feature against a feature): a place one side simply omits is no difference, nor are two
places of one claim that both sides name, nor "the village of Norabak" against «Варденисского
района», unless GeoNames puts the towns and districts of the two sides in different countries
(`place_countries`: Norabak, in Armenia, against «Кельбаджарского района», in Azerbaijan;
Rusnė against «Славском районе»). A feature (a name written with the English article, "the
Dnipro", or with a word of water, a valley or a road: «заливе», "Vistula Spit") that one side
names where the other names no feature is one that side omits, not one named otherwise, and so
is a country (`is_country_name`: «на территории Казахстана под Мамлюткой» against "near
Petukhovo").
A name's level is also read from the whole group of articles (`PlaceLevels`): a name that
every source in the other script writes as a district («Горно-Бадахшанской автономной
области») is a district's, also where a sentence writes it bare ("Gorno-Badakhshan").
States and capitals are left to the actor rule (but a name a word of its kind introduces is a
place's: "the village of Ruska Poliana"), a place inside an organisation's name is the
organisation's, and a capitalised common Russian word the entity stage took for a place
(«Жители» at a sentence's start) is none, unless a word of the name says what kind of place
it is («Карагандинской области») or a word after its first is capitalised («Каменный Лог»,
«Каменки-Днепровской»). `kind_beside` finds the word beside a name that says it names a place
("the Medininkai crossing", «пункта пропуска «Каменный Лог»»), whatever the entity's label;
`find_kind_named` finds the names that such a word introduces where the entity stage saw none
("the village of Basid", «под Резекне», «недалеко от города Дружба», «пункт пропуска Бурачки»,
«КПП «Верхний Ларс»», "Vistula Lagoon"), `find_towns` the names that GeoNames knows as towns'
(«у Каменца», «аэродрома Мачулищи», "near Astravyets", "taken to Nalchik"), and
`follows_a_locative` the names a locative preposition puts in a place ("at Aghband", «около
Агбенда»), which are places whatever label the entity stage gave them.

Across scripts the lexicon rule leaves out a conventional exonym (`CONVENTIONAL_EXONYMS`): the
one name the Russian language has for a capital or a large region whose English name changed
(«Киев», whatever the English writer chose between Kyiv and Kiev) says nothing of its writer's side.

Invariant: every function here is pure; Latin names are never inflected.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.compare.actors import is_state, state_in
from spinscope.compare.translit import name_key, plain_latin
from spinscope.gazetteer import country_names, is_country
from spinscope.gazetteer.towns import town_countries, town_names
from spinscope.language import has_cyrillic
from spinscope.months import MONTH_NAMES, WEEKDAYS

__all__ = [
    "CONVENTIONAL_EXONYMS",
    "FEATURE_WORDS",
    "PlaceLevels",
    "find_kind_named",
    "find_towns",
    "follows_a_locative",
    "follows_a_preposition",
    "is_country_name",
    "kind_beside",
    "nominatives",
    "place_countries",
    "place_names_differ",
    "same_place",
    "sentence_start",
]

# The conventional Russian names (nominative) of capitals and large regions of the former Soviet
# Union whose English names moved away from the Russian form (Kyiv, Chișinău, Ashgabat, Tallinn;
# Belarus, Moldova, Kyrgyzstan). Russian-language writers of every side use them, so across
# scripts they tell no choice between the English names. A closed table of exonyms, general
# knowledge; no entry was taken from an evaluation set's difference.
CONVENTIONAL_EXONYMS = frozenset(
    {"Киев", "Кишинёв", "Кишинев", "Ашхабад", "Таллин", "Белоруссия", "Молдавия", "Киргизия"}
)

# Countries whose English and Russian names are not one name spelt two ways (Poland, «Польша»;
# China, «Китай»), as (English names, Russian nominatives): general knowledge, for the states
# that are no party in `spinscope.compare.actors.STATES`. Names that transliterate (Kazakhstan,
# «Казахстан») need no row.
_COUNTRIES = (
    (("Poland",), ("польша",)),
    (("China",), ("китай", "кнр")),
    (("Lithuania",), ("литва",)),
    (("Latvia",), ("латвия",)),
    (("Belarus",), ("беларусь", "белоруссия")),
    (("Moldova",), ("молдова", "молдавия")),
    (("Romania",), ("румыния",)),
    (("Kyrgyzstan",), ("киргизия", "кыргызстан")),
    (("Turkmenistan",), ("туркмения", "туркменистан")),
    (("Germany",), ("германия", "фрг")),
    (("Finland",), ("финляндия",)),
    (("Hungary",), ("венгрия",)),
    (("Norway",), ("норвегия",)),
    (("Sweden",), ("швеция",)),
    (("Greece",), ("греция",)),
    (("Egypt",), ("египет",)),
    (("Japan",), ("япония",)),
    (("Britain", "Great Britain", "United Kingdom", "the UK"), ("великобритания", "британия")),
    (("Czech Republic", "Czechia"), ("чехия",)),
    (("Croatia",), ("хорватия",)),
    (("Netherlands", "the Netherlands"), ("нидерланды", "голландия")),
    (("Switzerland",), ("швейцария",)),
    (("Denmark",), ("дания",)),
    (("North Korea",), ("кндр", "северная корея")),
    (("South Korea",), ("южная корея",)),
    (("Saudi Arabia",), ("саудовская аравия",)),
    (("United Arab Emirates", "the UAE", "UAE"), ("оаэ",)),
)
_COUNTRY_KEYS = {
    " ".join(name.casefold().split()): index
    for index, (english, russian) in enumerate(_COUNTRIES)
    for name in english + russian
}


def is_country_name(name: str) -> bool:
    """Whether a written place name, in either script and any case, names a country: GeoNames'
    English name ("Kazakhstan", «Казахстана»: one name spelt two ways), a row of `_COUNTRIES`
    («Польши»), or a republic («Республики Абхазия», "the Republic of Moldova")."""
    if _country(name) is not None or _REPUBLIC.search(name):
        return True
    bare = _without_article(name)
    if not has_cyrillic(bare):
        return is_country(bare)
    words = re.findall(r"[^\W\d_]+", bare)
    if len(words) != 1:
        return False
    # A feminine noun in -ь is -и in its other cases («Беларуси»), as a name in -и never is.
    forms = (words[0], words[0][:-1] + "ь") if words[0].endswith("и") else (words[0],)
    return any(_word_forms(form)[0] & _country_keys() for form in forms)


_REPUBLIC = re.compile(r"(?<!\w)(?:Республик[аиеуой]|Republic of)\s+[A-ZА-ЯЁ]")


def place_countries(name: str) -> frozenset[str]:
    """The countries (ISO codes) where GeoNames has a town of a written place name's: the name
    without its words of kind ("Kegen district" -> Kegen), in Russian any nominative of it
    («Брагине» -> «Брагин») or the town a district's adjective is made from («Славском районе»
    -> «Славск», «Синельниковском районе» -> «Синельниково»). A name of several words is the
    town of all of them («Печорском районе Псковской области»: Russia); empty for a name
    GeoNames does not know, or whose words share no country."""
    bare = _without_article(name.replace("'s", "").replace("’s", ""))
    if not has_cyrillic(bare):
        bare = plain_latin(bare)
    words = [word for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", bare) if not _kind_word(word)]
    if not words:
        return frozenset()
    if not has_cyrillic(bare):
        whole = _town_countries(_latin_readings(" ".join(words)))
        if whole or len(words) == 1:
            return whole
        found = [_town_countries(_latin_readings(word)) for word in words]
    else:
        found = [_word_countries(word) for word in words]
    return frozenset.intersection(*found) if all(found) else frozenset()


def _without_article(name: str) -> str:
    """A written name without the English article before it ("the Norway" -> "Norway")."""
    return re.sub(r"^the\s+", "", name.strip())


def _word_countries(word: str) -> frozenset[str]:
    """The countries with a town a Russian word may name, as a noun's case or as the adjective
    of a town (the stem as it is, with its last vowel back, or without the -н- or -ин- it took)."""
    lower = word.lower()
    candidates = set(_noun_nominatives(lower))
    if lower[-1] not in _VOWELS + "йь":
        candidates.add(lower + ("и" if lower[-1] in _HUSHING else "ы"))  # «Черкасс»: a plural's genitive
    adjective = _ADJECTIVE_ENDING.search(lower)
    if adjective and len(lower) - len(adjective.group(0)) >= 3:
        stem = lower[: adjective.start()]
        # «Славского» is Slavsk's, «Синельниковского» Synelnykove's: -ск- may be the name's or the suffix.
        for base in (stem, stem[:-2]) if stem.endswith(("ск", "цк")) else (stem,):
            candidates.update(base + vowel for vowel in ("", "а", "о", "и", "ы"))
            if base.endswith(("н", "ь")):
                candidates.update((base[:-1], base[:-1] + "и", base[:-1] + "а"))
            if base.endswith("ин"):
                candidates.add(base[:-2] + "а")  # «Кызылординской», Kyzylorda's
    return _town_countries(candidates)


def _town_countries(names: Iterable[str]) -> frozenset[str]:
    """The countries with a town of any of `names`, read by their keys (`_noun_key`), so that a
    Russian name meets a town GeoNames lists in Latin letters only («Амбролаури», Ambrolauri)."""
    towns = _town_keys()
    return frozenset(country for name in names for country in towns.get(_noun_key(name), ()))


@functools.cache
def _town_keys() -> dict[str, frozenset[str]]:
    """GeoNames' towns by their keys (`_noun_key`), each with its countries; built once, in about
    two seconds."""
    keys: dict[str, frozenset[str]] = {}
    for name, countries in town_names().items():
        key = _noun_key(name)
        keys[key] = keys.get(key, frozenset()) | countries
    return keys


@functools.cache
def _country_keys() -> frozenset[str]:
    """The keys (`_noun_key`) of GeoNames' one-word English names of countries."""
    return frozenset(_noun_key(name) for name in country_names() if len(name.split()) == 1)


def _country(name: str) -> int | None:
    """The row of `_COUNTRIES` a written name is (any Russian case of a one-word name, and an
    English name with or without the article that a compound gives it: "the Norway-Russia
    border"), or None."""
    for written in dict.fromkeys((name, _without_article(name))):
        words = re.findall(r"[^\W\d_]+", written)
        if len(words) == 1:
            for form in sorted(nominatives(words[0])):
                if form in _COUNTRY_KEYS:
                    return _COUNTRY_KEYS[form]
        if (row := _COUNTRY_KEYS.get(" ".join(written.casefold().split()))) is not None:
            return row
    return None


# The words that say what a place is, not which (English words; Russian stems, for every case).
_KIND_WORDS = frozenset(
    "the of district districts region municipality province river village town city gorge reservoir bridge"
    " tunnel valley mountain mountains lake republic crossing border checkpoint highway road dam pass square"
    " street county oblast raion monastery settlement station airport lagoon bay gulf harbour".split()
)
_KIND_STEMS_RU = re.compile(
    r"(?:район|област|муниципалитет|аймак|рек[аиеуой]|сел[оаеу]|город|ущель|водохранилищ|мост|тоннел|туннел|долин"
    r"|озер|озёр|республик|кра[йяюе]|улиц|площад|монастыр|трасс|станци|аэропорт|перевал|поселк|посёлк|деревн"
    r"|границ|пункт|залив|кишлак|станиц|хутор|аул|дорог|шоссе|провинци|общин|кожуун)",
    re.IGNORECASE,
)
# The words that name a place as a district or a region, of a level above a town or a village.
_DISTRICT = re.compile(
    r"\b(?:districts?|regions?|municipality|municipalities|provinces?|oblasts?|raions?|aimags?)\b"
    r"|(?<!\w)(?:район|област|муниципалитет|кра[йяюе]|аймак|провинци|кожуун)",
    re.IGNORECASE,
)
# The English words that name a feature: water, a valley, a gorge, a spit, a road. A name is a feature's
# with one of them, with a Russian one, or after the English article, which English writes before
# rivers, seas and regions and never before a town.
FEATURE_WORDS = (
    "river",
    "valley",
    "lagoon",
    "bay",
    "gulf",
    "gorge",
    "lake",
    "spit",
    "sea",
    "strait",
    "road",
    "highway",
    "peninsula",
    "island",
    "cape",
)
_FEATURE = re.compile(
    rf"^the\s|\b(?:{'|'.join(FEATURE_WORDS)})\b"
    r"|(?<!\w)(?:рек[аиеуойи]|долин|залив|озер|озёр|ущель|кос[аеуыо](?!\w)|пролив|мор[ея](?!\w)|дорог|трасс|шоссе|полуостров"
    r"|остров|мыс|пойм)",
    re.IGNORECASE,
)
# Case endings of Russian nouns and the nominative endings each can come from (the common
# declensions; a name in -и, -е, -о or -у does not decline, so the form itself is always one).
_NOUN_ENDINGS = (
    ("ией", ("ия",)),
    ("ию", ("ия",)),
    ("ии", ("ия",)),
    ("ой", ("а",)),
    ("ом", ("",)),
    ("ем", ("ь",)),
    ("ы", ("а",)),
    ("у", ("", "а")),
    ("а", ("",)),
    ("е", ("", "а")),
    ("я", ("ь",)),
    ("ю", ("ь",)),
)
# Case endings of Russian plural nouns («Бендерами», «Дубоссарах», «Плавней») and their nominatives.
_PLURAL_ENDINGS = (
    ("ами", ("ы", "и")),
    ("ями", ("и",)),
    ("ах", ("ы", "и")),
    ("ях", ("и",)),
    ("ам", ("ы", "и")),
    ("ям", ("и",)),
    ("ей", ("и",)),
    ("ов", ("ы",)),
)
# After these letters the genitive of a noun in -а is -и («Шуша» -> «Шуши»), else -ы.
_HUSHING = "гкхжшчщ"
# The vowel a masculine noun drops before its last consonant outside the nominative, by that
# consonant («Каменец» -> «Каменца», «Городок» -> «Городка»).
_FLEETING = {"ц": "е", "к": "о"}
_VOWELS = "аеёиоуыэюя"
# The endings of a noun in -й after a vowel («Китай»: «Китая», «Китаю», «Китаем», «Китае»).
_AFTER_A_VOWEL = frozenset({"е", "я", "ю", "ем"})
# Adjective endings that are also noun case endings («Шушой», «Степанакертом»): an adjective
# only with -ск-/-цк- before them («Мартакертском»).
_NOUN_LIKE = frozenset({"ой", "ей", "ом", "ем"})
# The nominatives each adjective ending can come from, by gender and number: «Дороцкого» is
# masculine or neuter («Дороцкое», never «Дороцкая»), «Дороцкой» feminine (or a masculine
# nominative in stressed -ой, «Луговой»), «Дороцких» plural.
_MASCULINE_NEUTER = ("ий", "ый", "ой", "ое", "ее")
_FEMININE = ("ая", "яя")
_PLURAL = ("ие", "ые")
_ADJECTIVE_NOMINATIVES = {
    **dict.fromkeys(("ого", "его", "ому", "ему", "ом", "ем"), _MASCULINE_NEUTER),
    **dict.fromkeys(("ым", "им"), _MASCULINE_NEUTER + _PLURAL),
    **dict.fromkeys(("ая", "яя", "ую", "юю", "ей"), _FEMININE),
    "ой": (*_FEMININE, "ой"),
    **dict.fromkeys(("ий", "ый"), ("ий", "ый")),
    **dict.fromkeys(("ое", "ее"), ("ое", "ее")),
    **dict.fromkeys(("ие", "ые", "их", "ых", "ими", "ыми"), _PLURAL),
}
# Any adjective ending, the keys above (anchored at the word's end, so their order is free).
_ADJECTIVE_ENDING = re.compile(rf"(?:{'|'.join(_ADJECTIVE_NOMINATIVES)})$", re.IGNORECASE)


# The words right after a name, or (in Russian, in the genitive) right before it, that say the
# name is a place's, whatever label the entity stage gave it ("the Medininkai crossing", «села
# Кярки», «пункта пропуска «Каменный Лог»»).
_KINDS_AFTER = frozenset(
    "district region municipality province oblast raion county river village town city gorge reservoir bridge"
    " tunnel valley lake crossing checkpoint highway dam pass airport station settlement monastery".split()
)
_KINDS_BEFORE = re.compile(
    r"(?:(?:village|town|city|river|district|region|province|port|harbour) of|(?:port|harbour) (?:in|at)"
    r"|(?<!\w)(?:район[аеу]?|област[иь]|рек[аиеуо]|сел[аеоу]|город[аеу]?|пос[её]лк[аеу]|деревн[иеюя]|станци[иея]"
    r"|аэропорт[аеу]?|ущель[еия]|водохранилищ[аеу]|озер[аеу]?|перевал[аеу]?|долин[еуы]|пропуска|пункт[аеу]?"
    r"|кишлак[аеу]?|станиц[аеыу]|хутор[аеу]?|аул[аеу]?|порт[аеу]?|КПП))$",
    re.IGNORECASE,
)


def kind_beside(text: str, name: str) -> str | None:
    """The word beside `name` in the sentence `text` that says what kind of place it names ("the
    Medininkai crossing" -> "crossing", «пункта пропуска «Каменный Лог»» -> «пропуска», "the
    harbour in Tolkmicko" -> "harbour in"), or the name's own last word where that says it
    ("Pankisi Gorge" -> "Gorge"), or None (also when `text` does not hold `name`)."""
    at = text.find(name)
    if at < 0:
        return None
    own = re.findall(r"[^\W\d_]+", name)
    if len(own) > 1 and own[-1].casefold() in _KINDS_AFTER:
        return own[-1]  # "Pankisi Gorge": the name holds its kind
    after = re.match(r"[\s»\"”-]+(?:border\s+(?=crossing|checkpoint|station))?([^\W\d_]+)", text[at + len(name) :])
    if after and after.group(1).casefold() in _KINDS_AFTER:
        return after.group(1)
    before = _KINDS_BEFORE.search(text[max(0, at - 30) : at].rstrip(' «"“'))
    return before.group(0) if before else None


# The prepositions that put a name in a place: "in", "near", "outside", "at"; «в», «во», «под»,
# «около», «близ», «возле», «вблизи». Not "from", "to" or «у», which people follow as often
# ("a call from Aliyev", "according to Azerigas", «у Пашиняна»): those are the prepositions of
# direction, with «из», «до», «к» and «ко». The four regexes below are made of these lists.
_EN_LOCATIVE = r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]t)"
_RU_LOCATIVE = r"(?<!\w)(?:[Вв]о?|[Пп]од|[Оо]коло|[Бб]лиз|[Вв]озле|[Вв]близи)"
_EN_DIRECTION = r"\b(?:[Tt]o|[Ff]rom)"
_RU_DIRECTION = r"(?<!\w)(?:[Уу]|[Ии]з|[Дд]о|[Кк]о?)"
# A name of one word, or of words joined by hyphens, right after a preposition.
_NAME_AFTER = r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)(?![\w'’-])"
_LOCATIVE_BEFORE = re.compile(rf"(?:{_EN_LOCATIVE}|{_RU_LOCATIVE})\s+$")


def follows_a_preposition(text: str, name: str) -> bool:
    """Whether the sentence `text` writes `name` right after any preposition of place or
    direction, «у», «из», «до», "to" and "from" included («заметили у Светогорска», "taken to
    Nalchik"): a looser test than `follows_a_locative`, for names a town list already knows."""
    at = text.find(name)
    return at >= 0 and bool(_PREPOSITION_BEFORE.search(text, max(0, at - 10), at))


# Any preposition of place or direction, «от» and «на» too: a looser test, for names a list knows.
_PREPOSITION_BEFORE = re.compile(
    rf"(?:{_EN_LOCATIVE}|{_EN_DIRECTION}|{_RU_LOCATIVE}|{_RU_DIRECTION}|(?<!\w)(?:[Оо]т|[Нн]а))\s+$"
)


def follows_a_locative(text: str, name: str) -> bool:
    """Whether the sentence `text` writes `name` right after a preposition that puts it in a place
    ("gathered at Aghband", "in Sokhumi", «около Агбенда», «в Рошорве»), and not as an owner
    ("in Smith's view"): the entity stage may take a place it does not know for a person."""
    at = text.find(name)
    if at < 0 or text.startswith(("'s", "’s"), at + len(name)):
        return False
    return bool(_LOCATIVE_BEFORE.search(text, max(0, at - 10), at))


# Capitalised words that a word of a kind of place introduces, for a place neither the entity
# stage nor the gazetteer knows ("the village of Basid", "Tigranashen, a village", «в селе
# Джоколо», «недалеко от города Дружба», «под Резекне», «около Агбенда», "the Lagodekhi
# crossing", «КПП «Верхний Ларс»»: a capitalised word after «под», «около», «близ», «возле» or
# «вблизи» names where, as no person's name does); a water body keeps its word ("Vistula Lagoon",
# «Калининградском заливе»), the rest are the name alone. A Russian name that opens with a first
# name is a person's («мэр города Олег Клименко»).
_EN_NAME = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*"
_RU_WORD_NAME = r"[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё][а-яё]*)*"
_RU_NAME = rf"{_RU_WORD_NAME}(?: {_RU_WORD_NAME})*"
# An English name inside a sentence before a word of a district ("the Cherlak district", "Racha's
# Oni municipality"), unless it is a state's adjective ("the Russian region of Belgorod").
_DISTRICT_NAMED = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?:-[A-Z][a-z]+)*) (?:district|municipality|province|region)\b")
# The patterns that name a settlement: a village or a town, never a district.
_SETTLEMENT_NAMED = (
    re.compile(
        rf"\b(?:village|town|city|settlement|port|harbour) of (?:the )?({_EN_NAME})"
        rf"|\b({_EN_NAME}), (?:an?|the) (?:small |border |frontline )?(?:village|town|settlement)\b"
    ),
    re.compile(
        rf"(?<!\w)(?:сел(?:о|а|е|у|ом)|кишлак(?:а|е|у|ом)?|деревн(?:я|и|е|ю|ей)|пос[её]л(?:ок|ка|ке|ку|ком)"
        rf"|станиц(?:а|ы|е|у|ей)|хутор(?:а|е|у|ом)?|аул(?:а|е|у|ом)?"
        rf"|порт(?:а|е|у|ом)?|город(?:а|е|у|ом)?|под|около|близ|возле|вблизи) ({_RU_NAME})(?!\w)"
    ),
)
_KIND_NAMED = (
    *_SETTLEMENT_NAMED,
    re.compile(rf"\b(?:harbour|port) (?:in|at) ({_EN_NAME})"),
    re.compile(rf"\b[Tt]he ({_EN_NAME}) (?:border )?(?:crossing|checkpoint)\b"),
    _DISTRICT_NAMED,
    re.compile(rf"\b({_EN_NAME} (?:Lagoon|Bay|Gulf|[Pp]eninsula))\b"),
    re.compile(rf"(?<!\w)(?:КПП|пункт(?:а|е|у|ом)? пропуска) (?:«([^»]+)»|({_RU_NAME})(?!\w))"),
    re.compile(r"(?<!\w)([А-ЯЁ][а-яё-]+ (?:залив|озер|озёр|ущель)[а-яё]*)"),
)


def find_kind_named(text: str, *, settlements: bool = False) -> list[str]:
    """The place names in the sentence `text` that a word beside them says are places' ("the
    village of Basid" -> "Basid", "the Cherlak district" -> "Cherlak", «через КПП «Верхний
    Ларс»» -> «Верхний Ларс», «в Калининградском заливе» -> «Калининградском заливе»), in the
    order they are written: the places a sentence names that no entity or gazetteer entry may
    know. With `settlements`, only the names a word
    of a settlement introduces ("the village of Basid", «кишлак Рошорв», «под Резекне»)."""
    patterns = _SETTLEMENT_NAMED if settlements else _KIND_NAMED
    found = {
        match.start(group): match.group(group)
        for pattern in patterns
        for match in pattern.finditer(text)
        for group in range(1, (pattern.groups or 0) + 1)
        if match.group(group)
        and not _a_persons_name(match.group(group))
        and not (pattern is _DISTRICT_NAMED and state_in(match.group(group)) is not None)
    }
    return [found[start] for start in sorted(found)]


def _a_persons_name(name: str) -> bool:
    """Whether a Russian name of two words or more opens with a first name, as a person's does
    after a word of a place («мэр города Олег Клименко»)."""
    words = name.split()
    return len(words) > 1 and has_cyrillic(name) and "Name" in _morphology().parse(words[0].lower())[0].tag.grammemes


# A Latin name after a preposition that puts it in a place: "near Astravyets", "from Narva-Joesuu",
# "taken to Nalchik".
_EN_TOWN = re.compile(rf"(?:{_EN_LOCATIVE}|{_EN_DIRECTION}){_NAME_AFTER}")
_CALENDAR_WORDS = frozenset(name.capitalize() for name in (*MONTH_NAMES, *WEEKDAYS))
# A capitalised Russian word, hyphenated parts included, not inside a longer word («Беюк-Кясик»).
_RU_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?![\w-])")


def find_towns(text: str) -> list[str]:
    """The names of towns or villages GeoNames knows in the former Soviet Union or beside it
    (`spinscope.gazetteer.towns`) in the sentence `text`, in the order they are written: places
    the entity stage may not know. In Russian, a capitalised word in any case («у Каменца»,
    «аэродрома Мачулищи», «из Каменки»), left out where it may be something else: a word of the
    dictionary at the sentence's start («Победа близка»), a word beside another capitalised
    word, as a person's name is written («Серик Ахметов»), or one inside «guillemets» (a vessel's
    or a company's name). In English, a name after a preposition that puts it in a place ("near
    Astravyets", "from Petukhovo", "back to Ölgii"), never a month's or a weekday's."""
    found = [
        name
        for name in (match.group(1) for match in _EN_TOWN.finditer(text))
        if name[0].isupper()
        and not has_cyrillic(name)
        and name not in _CALENDAR_WORDS
        and town_countries(plain_latin(name))
    ]
    words = list(_RU_WORD.finditer(text))
    for index, match in enumerate(words):
        word = match.group(0)
        beside = [
            other
            for other in words[max(0, index - 1) : index + 2]
            if other is not match
            and re.fullmatch(r"\s+", text[min(other.end(), match.end()) : max(other.start(), match.start())])
        ]
        if any(not sentence_start(text, other.start()) for other in beside) or _quoted(text, match.start()):
            continue
        if sentence_start(text, match.start()) and _common_word(word):
            continue  # «Победа близка»; inside a sentence a capital makes «Каменки» a name
        if not any(town_countries(form) for form in _noun_nominatives(word.lower())):
            continue
        found.append(word)
    return found


# A name right after a preposition of place or direction ("at Adutiškis", "taken to Posyet", «в
# Славянку», «у Пабраде»).
_AFTER_A_PREPOSITION = re.compile(rf"(?:{_EN_LOCATIVE}|{_EN_DIRECTION}|{_RU_LOCATIVE}|{_RU_DIRECTION}){_NAME_AFTER}")


def find_placed_names(text: str) -> list[str]:
    """The capitalised names in the sentence `text` that a preposition of place or direction
    puts somewhere ("monitoring station at Adutiškis", "taken to Posyet", «доставлен в Славянку»),
    in the order they are written, whether or not any list knows them; never a month's or a
    weekday's, an abbreviation («в МЧС») or a name inside «guillemets». A person or a body may
    stand there too ("according to Smith", «у Пашиняна»): the caller leaves out the names its
    entities say are actors'."""
    return [
        name
        for match in _AFTER_A_PREPOSITION.finditer(text)
        if (name := match.group(1))[0].isupper()
        and not name.isupper()
        and name not in _CALENDAR_WORDS
        and not _quoted(text, match.start(1))
    ]


def _quoted(text: str, at: int) -> bool:
    """Whether `at` lies inside «guillemets», which name a vessel, a company or a work («Тарки 14»)."""
    return text.count("«", 0, at) > text.count("»", 0, at)


def sentence_start(text: str, at: int) -> bool:
    """Whether `at` opens the sentence `text`, a quote or bracket in it, or a clause after a
    colon or a dash, where any word is capitalised."""
    before = text[:at].rstrip(" \t«\"'“(")
    return not before or before[-1] in ".!?:—–-\n" or before != text[:at].rstrip()


def same_place(one: str, other: str) -> bool:
    """Whether two written place names, in any script and case, are one name (see the module)."""
    state = state_in(one)
    if state is not None and state == state_in(other):
        return True
    country = _country(one)
    if country is not None and country == _country(other):
        return True
    first, second = _name_words(one), _name_words(other)
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    return all(any(_same_word(word, candidate) for candidate in longer) for word in shorter)


def nominatives(word: str) -> frozenset[str]:
    """Every nominative a written Russian word may be a form of, lower-cased, itself included:
    a noun's case by the common declensions (`_NOUN_ENDINGS`), a plural's case («Бендерами» ->
    «Бендеры»), and an adjective's case in the genders and numbers its ending can have
    («Кировского» -> «Кировское» or «Кировский», «Красной» -> «Красная»). A word with no
    Cyrillic is only itself. Meant for lookups in a closed list of names (the gazetteer): it
    reads generously."""
    lower = word.lower()
    if not has_cyrillic(word):
        return frozenset({lower})
    forms = set(_noun_nominatives(lower))
    adjective = _ADJECTIVE_ENDING.search(lower)
    if adjective and len(lower) - len(adjective.group(0)) >= 3:
        stem = lower[: adjective.start()]
        forms.update(stem + ending for ending in _ADJECTIVE_NOMINATIVES[adjective.group(0)])
    return frozenset(forms)


def _noun_nominatives(lower: str) -> set[str]:
    """The nominatives a lower-cased Russian noun may be a case of, itself included: by the
    common declensions, in the singular and the plural, with the vowel a masculine name drops
    in its other cases («Каменца» -> «Каменец», «Городка» -> «Городок») and the -й of a name in
    -ай or -ей («Китае» -> «Китай»)."""
    forms = {lower}
    for endings in (_NOUN_ENDINGS, _PLURAL_ENDINGS):
        for ending, nominatives in endings:
            if lower.endswith(ending) and len(lower) > len(ending) + 2:
                stem = lower[: -len(ending)]
                forms.update(stem + nominative for nominative in nominatives)
                if "" in nominatives and stem[-1] in _FLEETING and stem[-2] not in _VOWELS:
                    forms.add(stem[:-1] + _FLEETING[stem[-1]] + stem[-1])
                if ending in _AFTER_A_VOWEL and stem[-1] in _VOWELS:
                    forms.add(stem + "й")  # «Китае», «Китая» -> «Китай»
                break
    if len(lower) > 3 and lower[-1] == "и" and lower[-2] in _HUSHING:
        forms.add(lower[:-1] + "а")  # «Шуши», the genitive of «Шуша»; a name in -и stays one too
    for ending in ("ей", "и", "е", "ю"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2 and lower[-len(ending) - 1] in _VOWELS:
            forms.add(lower[: -len(ending)] + "я")  # «Пиедруи», «Друе»: a name in -я after a vowel
    return forms


@dataclass(frozen=True, slots=True)
class PlaceLevels:
    """The places a group of articles names, each as written with the word of its kind beside it
    (``("Горно-Бадахшанской автономной области", True)``: whether that word names a district), to
    read a bare name's level from how the other script writes it."""

    names: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_names(cls, names: Iterable[str]) -> PlaceLevels:
        """The levels of the written place names of a group's sentences (any order, repeats kept once)."""
        return cls(tuple((name, bool(_DISTRICT.search(name))) for name in dict.fromkeys(names)))

    def district(self, name: str) -> bool:
        """Whether `name` is a district's: the group names it in the other script, and always as a
        district there («Горно-Бадахшанской автономной области» for "Gorno-Badakhshan"; not
        "Kherson" beside «Херсона» and «Херсонской области»), and never as one in its own ("Brest"
        is the town where the same article writes "Brest regions")."""
        script = has_cyrillic(name)
        found = [
            district for other, district in self.names if has_cyrillic(other) != script and same_place(name, other)
        ]
        # A script that writes the district's word itself elsewhere ("Hrodna and Brest regions")
        # names the town where it writes the name bare ("towards Brest").
        own = any(
            district for other, district in self.names if has_cyrillic(other) == script and same_place(name, other)
        )
        return bool(found) and all(found) and not own


def place_names_differ(
    one: Sequence[tuple[str, str | None]],
    other: Sequence[tuple[str, str | None]],
    translated: Callable[[str, str], bool] | None = None,
    levels: PlaceLevels | None = None,
    spellings: Callable[[str], Sequence[Sequence[str]]] | None = None,
    *,
    introduced: Iterable[str] = (),
    placed: Iterable[str] = (),
    countries: bool = True,
) -> tuple[list[str], list[str]]:
    """The places of each side that the other side has no name for, given each side's places
    as ``(written name, lexicon referent or None)``; a difference only when both are non-empty.

    Args:
        one: One side's places.
        other: The other side's.
        translated: Whether two names of two words or more are one name translated ("United
            Arab Emirates", «Объединённые Арабские Эмираты»); None: only spellings make names one.
        levels: The group's places, for the level of a name written bare; None: each name's own words.
        spellings: A referent's names, each with its spellings (a gazetteer place's), so that a
            name the matcher did not take («Дубоссарского района») is the referent's when one
            name spells it and the other side's name («Дубоссары», Dubăsari); None: referents
            only meet referents.
        introduced: The names a word of their kind introduces (`find_kind_named`: «посёлка
            Морское»), which are names even where they are words of the dictionary.
        placed: The names a preposition puts somewhere (`find_placed_names`: «доставлен в
            Славянку»), capitalised inside a sentence, so names even where they are words of
            the dictionary; unlike an introduced name, not where a state's words make them an actor's.
        countries: Whether places of different levels differ where GeoNames puts every one of
            a side in other countries than the other side's (`place_countries`: Rusnė against
            «Славском районе»); False: only places of one level differ.
    """
    # «у села Колбасна Рыбницкого района» introduces «Колбасна Рыбницкого»: a name is introduced
    # when it opens an introduced name.
    named, after = frozenset(introduced), frozenset(placed)

    def naming(place: tuple[str, str | None], beside: Sequence[tuple[str, str | None]]) -> bool:
        opens = any(name == place[0] or name.startswith(place[0] + " ") for name in named)
        known = place[1] is not None or place[0] in after
        return _names_a_place(place[0], beside, known=known, introduced=opens)

    left = [place for place in one if naming(place, other)]
    right = [place for place in other if naming(place, one)]
    unmatched_left = [
        name for name in left if not any(_one_place(name, there, translated, spellings) for there in right)
    ]
    unmatched_right = [
        name for name in right if not any(_one_place(there, name, translated, spellings) for there in left)
    ]
    first, second = _levels(unmatched_left, levels), _levels(unmatched_right, levels)
    for level in ("country", "feature"):
        if (level in first) != (level in second):
            # A country, a river or a valley only one side names is one it names beside the
            # place («на территории Казахстана под Мамлюткой»), not instead of it.
            unmatched_left = [place for place in unmatched_left if _level(place[0], levels) != level]
            unmatched_right = [place for place in unmatched_right if _level(place[0], levels) != level]
            first, second = _levels(unmatched_left, levels), _levels(unmatched_right, levels)
    if first != second and not (countries and _apart(unmatched_left, unmatched_right, levels)):
        return [], []  # not one place named two ways: a place omitted, or a village against a district
    return [name for name, _ in unmatched_left], [name for name, _ in unmatched_right]


def _apart(
    one: Sequence[tuple[str, str | None]], other: Sequence[tuple[str, str | None]], levels: PlaceLevels | None
) -> bool:
    """Whether the towns and districts of two sides lie in different countries by GeoNames
    (`place_countries`), so that none can be the other or hold it: a Lithuanian town against
    a Russian district across the river names two places, whatever their levels. Each side
    must name as many, every one known."""
    sides: list[list[frozenset[str]]] = []
    for places in (one, other):
        towns = [name for name, _ in places if _level(name, levels) in ("place", "district")]
        sides.append([place_countries(name) for name in towns])
    first, second = sides
    if not first or len(first) != len(second) or not all(first + second):
        return False
    return not frozenset().union(*first) & frozenset().union(*second)


def _levels(places: Sequence[tuple[str, str | None]], levels: PlaceLevels | None = None) -> list[str]:
    """The level of each distinct place (names of one place counted once), sorted."""
    distinct: list[str] = []
    for name, _ in places:
        if not any(same_place(name, other) for other in distinct):
            distinct.append(name)
    return sorted(_level(name, levels) for name in distinct)


def _level(name: str, levels: PlaceLevels | None = None) -> str:
    """What a written place name names: a ``country`` (`is_country_name`), a ``district`` (by its
    own word, or as the group names it in the other script where no word of its own names a
    feature), a ``feature`` (a river, a valley, a lagoon) or a ``place`` (a settlement, or a name
    that says nothing of its level)."""
    if is_country_name(name):
        return "country"
    if _DISTRICT.search(name):
        return "district"
    if _FEATURE.search(name):
        return "feature"  # «реке Илек» is the river where the group also writes "Ilek district"
    return "district" if levels is not None and levels.district(name) else "place"


def _names_a_place(
    name: str, beside: Sequence[tuple[str, str | None]] = (), *, known: bool = False, introduced: bool = False
) -> bool:
    """Whether a written name is one a place-name difference can hold: it names more than the
    kind of place, it is no state or capital (the parties, whose names are actors more often
    than places: `spinscope.compare.actors.is_state`), and in Russian not every word of it is a
    common word (the entity stage may take a capitalised «Жители» at a sentence's start), unless
    the other side names it (`beside`: «Головного водозабора» is "Golovnoi", a name), a word of
    it says what kind of place it is («Карагандинской области») or a word after its first is
    capitalised («Каменный Лог», «Каменки-Днепровской»): common words are not written so; nor
    does a name the lexicon or the gazetteer knows, or one a word of its kind introduces
    (`known`: «из Каменки» is Camenca's; `introduced`: «посёлка Морское» is a village's). A
    name a word of its kind introduces is a place's even where its words recall a state's ("the
    village of Ruska Poliana")."""
    words = _name_words(name)
    if not words:
        return False
    if introduced:
        return True
    if is_state(name) or state_in(name) is not None:
        return False
    if known:
        return True
    written = re.findall(r"[^\W\d_]+", name)
    naming = [word for word in written if not _kind_word(word)]
    if not all(has_cyrillic(word) and _common_word(word) for word in naming):
        return True
    if len(naming) < len(written) or any(word[0].isupper() for word in written[1:]):
        return True  # «Карагандинской области», «Каменный Лог», «Каменки-Днепровской»: a name
    return any(same_place(name, other) for other, _ in beside)


def _one_place(
    one: tuple[str, str | None],
    other: tuple[str, str | None],
    translated: Callable[[str, str], bool] | None,
    spellings: Callable[[str], Sequence[Sequence[str]]] | None = None,
) -> bool:
    if one[1] is not None and one[1] == other[1]:
        return True  # one lexicon referent: the lexicon rule compares its variants
    if same_place(one[0], other[0]):
        return True
    if spellings is not None:
        # A name the matcher did not take is the referent's when one name of it spells both:
        # the same place named the same way. Named otherwise, it stays a difference.
        for known, bare in ((one, other), (other, one)):
            if known[1] is None or bare[1] is not None:
                continue
            for written in spellings(known[1]):
                if any(same_place(name, bare[0]) for name in written) and any(
                    same_place(name, known[0]) for name in written
                ):
                    return True
    words = min(len(_name_words(one[0])), len(_name_words(other[0])))
    return translated is not None and words >= 2 and translated(one[0], other[0])


def _kind_word(word: str) -> bool:
    return word.casefold() in _KIND_WORDS or bool(has_cyrillic(word) and _KIND_STEMS_RU.match(word))


@functools.cache
def _common_word(word: str) -> bool:
    """Whether a Russian word is in the dictionary as a word that names no place or person."""
    parse = _morphology().parse(word.lower())[0]
    return _morphology().word_is_known(word.lower()) and not (
        {"Geox", "Name", "Surn", "Patr", "Orgn"} & parse.tag.grammemes
    )


@functools.cache
def _morphology() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _name_words(name: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each naming word of a place name as (the keys of its possible nominatives, the keys of the
    stems it may derive an adjective from, or it is an adjective of)."""
    words = []
    for word in re.findall(r"[^\W\d_]+", name.replace("'s", "").replace("’s", "")):
        if not _kind_word(word):
            words.append(_word_forms(word))
    return words


@functools.lru_cache(maxsize=8192)
def _word_forms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """A word's keys as (every nominative it may be a case of, the stem it has if an adjective).
    Cached: every pair of places a comparison weighs reads the same few words again."""
    if not has_cyrillic(word):
        return frozenset(_noun_key(spelt) for spelt in _latin_readings(word)), frozenset()
    lower = word.lower()
    nouns = set(_noun_nominatives(lower))
    # «Закарпатье» is Zakarpattia: a Latin -ia stands for the Russian -ье.
    nouns.update(noun[:-2] + "ия" for noun in list(nouns) if noun.endswith(("ье", "ья")))
    # «Латгалия» is Latgale, «Кахетия» Kakheti: Russian adds -ия where the Latin name ends in a vowel.
    nouns.update(noun[:-2] + vowel for noun in list(nouns) if noun.endswith("ия") for vowel in "еиа")
    keys = {_noun_key(noun) for noun in nouns}
    stems: set[str] = set()
    adjective = _ADJECTIVE_ENDING.search(lower)
    if adjective and len(lower) - len(adjective.group(0)) >= 3:
        stem = lower[: adjective.start()]
        if stem.endswith(("ск", "цк")):
            # «Мартакертского» is Martakert's, «Омской» Omsk's: a name may end in -ск itself.
            stems.update((_fold(name_key(stem[:-2])), _fold(name_key(stem))))
        elif adjective.group(0) not in _NOUN_LIKE:
            stems.add(_fold(name_key(stem)))
            keys.update(_fold(name_key(stem + ending)) for ending in ("ий", "ый", "ой", "ая"))
    return frozenset(keys), frozenset(stems)


def _latin_readings(word: str) -> set[str]:
    """A Latin name as each language that writes it may sound it: as written (j as the y of
    Latvian and Lithuanian, Piedruja ~ «Пиедруя»), with j as the zh of Uzbek and Kazakh (Andijan ~
    «Андижан»), with y before a vowel as the Russian и (Tokyo ~ «Токио»), and with i inside the
    word as the Russian е that a Ukrainian i stands for (Smila ~ «Смела»; a last i stays, Gali is
    not «Гале»). An h after zh or sh is a sound of its own, the Russian г (Uzhhorod ~ «Ужгород»),
    which the key's doubled letters would lose. A q, which Azerbaijani and Uzbek write for sounds
    Russian spells к or г, is read as both (Qusar ~ «Кусар», Quba ~ «Губинский»)."""
    readings = {word, word.replace("j", "zh"), re.sub(r"(?<=[^\Waeiou])y(?=[aeiou])", "i", word)}
    readings |= {reading.replace("q", "k").replace("Q", "K") for reading in readings if "q" in reading.lower()}
    readings |= {reading.replace("q", "g").replace("Q", "G") for reading in readings if "q" in reading.lower()}
    readings |= {re.sub(r"(?<=[szSZ]h)h", "g", reading) for reading in readings}
    return readings | {reading[:-1].replace("i", "e") + reading[-1:] for reading in readings}


def _derived(key: str) -> frozenset[str]:
    """The stems a Russian adjective of a place name may have: the name, without its last vowel
    or its -ia, and with -н- or -ин- (Barda -> бардин-, Gubadli -> губадлин-, Gali -> галь-, Dzau
    -> дзау-, Zakarpattia -> закарпат-)."""
    bare = key[:-1] if len(key) > 3 and key[-1] in "aeiouy" else key
    stems = {key, bare, key + "n", bare + "in"}
    if len(key) > 5 and key.endswith("ia"):
        stems.add(key[:-2])
    return frozenset(stems)


def _fold(key: str) -> str:
    """A key with the spellings of one sound made one: e read as a inside a word (the Azerbaijani
    ə), never in its last letter; h as g (Horadiz ~ Горадиз); y dropped after a letter and before
    a vowel (Sumgayit ~ Сумгаит, Ganja ~ Гянджа); ts, sh and zh as t, s and z (the Romanian ț
    and ș, the Baltic and Slavic š and ž, which English writes without their marks: Varnita ~
    «Варница»); i before u as the softness that Russian writes y (the Ukrainian romanisation's
    iu, Koriukivka, for «Корюковка»'s ю)."""
    words = []
    for word in re.sub(r"(?<=[sz])h", "", key.replace("ts", "t")).split():
        word = word[:-1].replace("e", "a") + word[-1:] if len(word) > 3 else word
        word = re.sub(r"(?<=\w)y(?=[aeiou])", "", word.replace("h", "g"))
        words.append(re.sub(r"(?<=[^\Waeiou])i(?=u)", "", word))
    return " ".join(words)


def _noun_key(noun: str) -> str:
    """A nominative's folded key (`_fold`), with the Ukrainian i of a closed last syllable read
    as the Russian o or e it stands for (Kharkiv ~ «Харьков», Koriukivka ~ «Корюковка»)."""
    return " ".join(_CLOSED_SYLLABLE.sub("ov", word) for word in _fold(name_key(noun)).split())


# A vowel before v that ends a word or comes before its suffix -ka, after a consonant: the
# Ukrainian i where Russian writes o or e (Kharkiv, «Харьков»; Koriukivka, «Корюковка»).
_CLOSED_SYLLABLE = re.compile(r"(?<=[^\Waeiou])[aeio]v(?=(?:k[aiy])?$)")


def _same_word(one: tuple[frozenset[str], frozenset[str]], other: tuple[frozenset[str], frozenset[str]]) -> bool:
    (nouns, stems), (other_nouns, other_stems) = one, other
    if nouns & other_nouns or stems & other_stems:
        return True
    return any(stems & _derived(noun) for noun in other_nouns) or any(other_stems & _derived(noun) for noun in nouns)
