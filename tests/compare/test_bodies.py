"""International bodies across languages (`spinscope.compare.bodies`) and the actor rule that
reads them (real units, built by hand, no models)."""

from __future__ import annotations

import pytest

from spinscope.compare.bodies import body_of, is_common_abbreviation
from tests.compare.test_crosslang_units import _kinds, _marked

# a written name, the body it names
BODIES = [
    ("english-acronym", "IAEA", "body:iaea"),
    ("english-acronym-with-the", "the IAEA", "body:iaea"),
    ("russian-acronym", "МАГАТЭ", "body:iaea"),
    ("english-full-name", "International Atomic Energy Agency", "body:iaea"),
    ("russian-full-name-in-the-genitive", "Международного агентства по атомной энергии", "body:iaea"),
    ("a-short-word-in-a-case", "Европейского союза", "body:eu"),
    ("a-one-word-name-in-a-case", "Евросоюзом", "body:eu"),
    ("another-body", "ООН", "body:un"),
    ("a-national-body-not-listed", "State Security Service", None),
    ("a-listed-national-body", "the State Emergency Service", "body:ukraine-emergency-service"),
    ("its-russian-acronym", "ГСЧС", "body:ukraine-emergency-service"),
    ("armed-forces-by-their-acronym", "ВСУ", "body:ukraine-armed-forces"),
    ("a-word-inside-a-longer-name", "UN Security Council envoy", None),
]


@pytest.mark.parametrize(("name", "expected"), [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_body_of_names_one_body_in_both_languages(name: str, expected: str | None) -> None:
    assert body_of(name) == expected


# a name, whether it is a common noun's abbreviation
ABBREVIATIONS = [
    ("nuclear-plant", "АЭС", True),
    ("the-media", "СМИ", True),
    ("a-named-plant", "ЗАЭС", False),
    ("a-ministry", "МВД", False),
]


@pytest.mark.parametrize(("name", "common"), [c[1:] for c in ABBREVIATIONS], ids=[c[0] for c in ABBREVIATIONS])
def test_is_common_abbreviation_knows_common_nouns(name: str, common: bool) -> None:
    assert is_common_abbreviation(name) is common


# marked English sentence, marked Russian sentence, whether they differ in actor
ACTORS = [
    (
        "one-body-by-two-acronyms",
        "An [IAEA](ORG) team at the plant confirmed that all six reactors were in cold shutdown.",
        "Все шесть энергоблоков в режиме холодного останова, подтвердили специалисты [МАГАТЭ](ORG).",
        False,
    ),
    (
        "two-bodies",
        "An [IAEA](ORG) team at the plant confirmed that all six reactors were in cold shutdown.",
        "Все шесть энергоблоков в режиме холодного останова, подтвердили специалисты [ОБСЕ](ORG).",
        True,
    ),
    (
        "a-states-people-and-a-body-named-after-the-state",
        "[Russian](NORP) border guards detained [Ants Rebane](PERSON) on the ice.",
        "Пограничники [ФСБ России](ORG) задержали на льду гражданина Эстонии.",
        False,
    ),
    (
        "another-states-people-and-a-body",
        "[Estonian](NORP) border guards detained [Ivan Petrov](PERSON) on the ice.",
        "Пограничники [ФСБ России](ORG) задержали на льду гражданина Эстонии.",
        True,
    ),
    (
        "a-group-acted-on-is-not-the-body-that-acts",
        "The price hike was announced by [Gazprom Export](ORG) in a letter to the [Georgian Oil Corporation](ORG).",
        "О корректировке цены [Министерство энергетики России](ORG) сообщило [грузинской](NORP) стороне.",
        True,
    ),
    (
        "a-common-noun-is-no-actor",
        "The line was repaired by crews of [Ukrenergo](ORG).",
        "Линию восстановили специалисты [АЭС](ORG).",
        False,
    ),
]


@pytest.mark.parametrize(("english", "russian", "differs"), [c[1:] for c in ACTORS], ids=[c[0] for c in ACTORS])
def test_an_international_body_is_one_actor_across_languages(english: str, russian: str, differs: bool) -> None:
    assert ("actor" in _kinds(_marked(english, "en"), _marked(russian, "ru", 1))) is differs
