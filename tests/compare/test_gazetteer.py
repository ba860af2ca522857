"""The gazetteer of places with several names (`spinscope.compare.gazetteer`): which place and
which name a text uses, and the place-name differences compare finds from it (real texts and
units built by hand, no models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.compare.differences import find_differences
from spinscope.compare.gazetteer import load_gazetteer
from spinscope.compare.lexicon import load_lexicon
from spinscope.compare.units import Unit
from spinscope.errors import ConfigError
from tests.compare.test_crosslang_units import _marked

GAZETTEER = load_gazetteer()
LEXICON = load_lexicon()

# a text, the (place, name) of each place it names, in text order
FOUND = [
    ("latin-name", "Protesters gathered in Ninotsminda on Wednesday.", [("ninotsminda-bogdanovka", "Ninotsminda")]),
    ("russian-genitive", "Жители Богдановки вышли на дорогу.", [("ninotsminda-bogdanovka", "Bogdanovka")]),
    ("russian-genitive-of-a-region", "Активисты Джавахка собрались.", [("javakheti-javakhk", "Javakhk")]),
    ("russian-plural-instrumental", "Пост стоит между Варницей и Бендерами.", [("bender-tighina", "Bender")]),
    ("romanian-name", "The post stands between Varnita and Tighina.", [("bender-tighina", "Tighina")]),
    ("russian-adjective-noun", "Жители Красногвардейского.", [("krasnohvardiiske-qurman", "Krasnohvardiiske")]),
    (
        "a-shared-russian-name-resolved-by-the-text",
        "Спасатели из Кировского (Хрестовки).",
        [("khrestivka-kirovske", "Kirovske"), ("khrestivka-kirovske", "Khrestivka")],
    ),
    ("russian-locative", "Шахта в Торезе затоплена.", [("chystiakove-torez", "Torez")]),
    ("indeclinable", "Шахта в Чистяково затоплена.", [("chystiakove-torez", "Chystiakove")]),
    ("two-words-in-the-genitive", "Жители Красного Луча ждут.", [("khrustalnyi-krasnyi-luch", "Krasnyi Luch")]),
    ("two-words-in-the-plural", "В Горишних Плавнях тихо.", [("horishni-plavni-komsomolsk", "Horishni Plavni")]),
    ("ukrainian-letters", "Місто Дніпро.", [("dnipro-dnipropetrovsk", "Dnipro")]),
    ("crimean-tatar-name", "Fumes spread over Yany Kapu.", [("yany-kapu-krasnoperekopsk", "Yany Kapu")]),
    ("crimean-tatar-in-cyrillic", "Над Яны Капу стоял запах.", [("yany-kapu-krasnoperekopsk", "Yany Kapu")]),
    ("hyphenated", "Flights to Alma-Ata resumed.", [("almaty-alma-ata", "Alma-Ata")]),
    ("possessive", "Bishkek's mayor spoke.", [("bishkek-frunze", "Bishkek")]),
    ("a-russian-form-of-one-name", "Обстрел Горловки.", [("horlivka", "Horlivka")]),
    (
        "the-longer-name-wins",
        "Krasnyi Lyman was renamed Lyman.",
        [("lyman-krasnyi-lyman", "Krasnyi Lyman"), ("lyman-krasnyi-lyman", "Lyman")],
    ),
    (
        "a-shared-name-resolved-by-the-text",
        "Sverdlovsk, now Yekaterinburg, grew.",
        [("yekaterinburg-sverdlovsk", "Sverdlovsk"), ("yekaterinburg-sverdlovsk", "Yekaterinburg")],
    ),
    (
        "a-shared-name-left-open",
        "Sverdlovsk grew.",
        [("dovzhansk-sverdlovsk", "Sverdlovsk"), ("yekaterinburg-sverdlovsk", "Sverdlovsk")],
    ),
    ("a-neuter-adjective-name", "Проверка у Дороцкого.", [("dorotcaia-dorotskoye", "Dorotskoye")]),
    ("a-feminine-adjective-name", "Фермеры из Дороцкой.", [("dorotcaia-dorotskoye", "Dorotcaia")]),
    ("the-area-around-a-town", "Удар в районе Краснограда.", [("berestyn-krasnohrad", "Krasnohrad")]),
    ("a-river-in-the-genitive", "Затор на излучине Урала.", [("ural-zhaiyk", "Ural")]),
    ("a-region-of-a-town-name", "Fields in the Sverdlovsk region flooded.", []),
    ("a-russian-region-adjective", "Поля Днепропетровской области.", []),
    ("a-river-of-a-town-name", "Мост через реку Днепр.", []),
    ("a-river", "Мост через Днестр.", [("dniester-nistru", "Dniester")]),
    ("part-of-a-hyphenated-name", "Ships left Komsomolsk-on-Amur.", []),
    ("a-surname-after-a-first-name", "The writer Maxim Gorky lived there.", []),
    ("a-first-name-before-a-surname", "Posters of Dzhokhar Dudayev hung there.", []),
    ("a-russian-epithet", "Фильм про Ивана Грозного.", []),
    ("a-common-word-in-lower-case", "На берегу лиман обмелел.", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOUND], ids=[c[0] for c in FOUND])
def test_gazetteer_find_names_the_place_and_the_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(mention.place, mention.name) for mention in GAZETTEER.find(text)] == expected


# two written names, whether they name one place of the gazetteer
LOOKUPS = [
    ("two-names-of-one-town", "Tighina", "Бендерами", True),
    ("a-name-and-its-russian-form", "Kirovske", "Кировского", False),  # Kirovske is two towns' name
    ("renamed-town-across-scripts", "Khrestivka", "Хрестовка", True),
    ("three-names-of-one-capital", "Nur-Sultan", "Целинограда", True),
    ("false-friends-kirovakan-kirovabad", "Kirovakan", "Кировабаде", False),
    ("false-friends-yelysavethrad-yelizavetpol", "Yelisavetgrad", "Елизаветполь", False),
    ("false-friends-chornomorsk-chornomorske", "Chornomorsk", "Черноморское", False),
    ("false-friends-aqmescit-aqmecit", "Aqmescit", "Ак-Мечеть", False),
    ("a-town-and-its-region", "Khujand", "Sughd region", False),
]


@pytest.mark.parametrize(("one", "other", "same"), [c[1:] for c in LOOKUPS], ids=[c[0] for c in LOOKUPS])
def test_gazetteer_lookup_joins_only_names_of_one_entry(one: str, other: str, same: bool) -> None:
    first, second = GAZETTEER.lookup(one), GAZETTEER.lookup(other)
    assert (first is not None and first == second) is same


def _place_differences(english: str, russian: str) -> list[tuple[str, str | None]]:
    units: list[Unit] = [_marked(english, "en"), _marked(russian, "ru", 1)]
    return [(d.kind, d.referent) for d in find_differences(units, lambda a, b: 0.0) if d.kind == "place-name"]


# marked English sentence, marked Russian sentence, the place-name differences (kind, referent)
CLAIMS = [
    (
        "two-names-of-one-town",
        "About 300 people rallied in [Ninotsminda](GPE) on Wednesday.",
        "Около 800 жителей [Богдановки](GPE) вышли на акцию в среду.",
        [("place-name", "ninotsminda-bogdanovka")],
    ),
    (
        "two-names-of-one-region",
        "The wind farm would stand in [Javakheti](LOC), near the lake.",
        "Ветропарк построят в [Джавахке](LOC), у озера.",
        [("place-name", "javakheti-javakhk")],
    ),
    (
        "one-name-in-two-scripts-and-a-case",
        "Rescuers were sent from [Khrestivka](GPE) overnight.",
        "Ночью из [Хрестовки](GPE) прибыли спасатели.",
        [],
    ),
    (
        "one-name-across-a-plural-case",
        "The new post stands on the road to [Bender](GPE).",
        "Новый пост стоит на дороге к [Бендерам](GPE).",
        [],
    ),
    (
        "names-of-two-entries",
        "The injured were taken to hospital in [Armiansk](GPE).",
        "Пострадавших доставили в больницу [Красноперекопска](GPE).",
        [("place-name", None)],
    ),
    (
        "a-district-named-for-a-town-the-matcher-left",
        "Dorotcaia lies in [Dubăsari](GPE) district.",
        "Дороцкая входит в число сёл [Дубоссарского района](GPE).",
        [],
    ),
    (
        "a-town-and-its-earlier-name-beside-the-area-word",
        "Drones struck a plant on the edge of [Berestyn](GPE).",
        "Удар нанесён по складу в районе [Краснограда](GPE).",
        [("place-name", "berestyn-krasnohrad")],
    ),
    (
        "false-friends-stay-two-places",
        "The delegation arrived in [Kirovakan](GPE) on Monday.",
        "Делегация прибыла в [Кировабад](GPE) в понедельник.",
        [("place-name", None)],
    ),
]


@pytest.mark.parametrize(("english", "russian", "expected"), [c[1:] for c in CLAIMS], ids=[c[0] for c in CLAIMS])
def test_gazetteer_names_make_place_name_differences(english: str, russian: str, expected: list) -> None:
    assert _place_differences(english, russian) == expected


@pytest.mark.parametrize(
    ("text", "spelling"),
    [("Горноспасатели из соседнего Кировского.", "Кировское"), ("Рятувальники з Кіровського.", "Кіровське")],
    ids=["russian", "ukrainian"],
)
def test_gazetteer_reports_the_spelling_of_the_texts_own_language(text: str, spelling: str) -> None:
    mention = next(m for m in GAZETTEER.find(text) if m.place == "khrestivka-kirovske")
    assert mention.spelling == spelling


def test_gazetteer_places_are_lexicon_place_referents() -> None:
    referent = LEXICON.referents["bender-tighina"]
    assert referent.kind == "place"
    assert [variant.term for variant in referent.variants] == ["Bender", "Tighina"]
    assert LEXICON.canonical("Бендерами") == LEXICON.canonical("Tighina") == "@bender-tighina"


def test_gazetteer_shares_no_place_with_the_lexicon() -> None:
    own = {referent.id for referent in LEXICON.referents.values() if referent.id not in GAZETTEER.places}
    assert not own & set(GAZETTEER.places)
    for place in GAZETTEER.places.values():
        for name in place.names:
            for spelling in (name.name, *name.spellings):
                uses = [use for use in LEXICON.find(spelling) if use.referent not in GAZETTEER.places]
                assert not uses, f"{spelling} of {place.id} is a lexicon form of {uses[0].referent}"


def test_gazetteer_every_spelling_finds_its_own_place() -> None:
    for place in GAZETTEER.places.values():
        for name in place.names:
            for spelling in (name.name, *name.spellings):
                found = {(mention.place, mention.name) for mention in GAZETTEER.find(spelling)}
                assert (place.id, name.name) in found, f"{spelling!r} does not find {place.id}"


def test_gazetteer_every_place_has_two_names_or_two_spellings() -> None:
    for place in GAZETTEER.places.values():
        written = [spelling for name in place.names for spelling in (name.name, *name.spellings)]
        assert len(set(written)) >= 2, place.id


def test_load_gazetteer_rejects_an_unknown_level(tmp_path: Path) -> None:
    path = tmp_path / "places.toml"
    path.write_text('[[place]]\nid = "x"\nlevel = "country"\nnames = [{ name = "X" }]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_gazetteer(path)
    assert raised.value.code == "config.gazetteer"
    assert "'country'" in str(raised.value)
