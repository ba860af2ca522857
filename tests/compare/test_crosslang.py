"""Comparing an English and a Russian article: multilingual alignment, differences across scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.analysis import analyze
from spinscope.compare import compare_documents
from spinscope.compare.crosslang import NAME_SIMILARITY_MULTILINGUAL, embed_units_multilingual
from spinscope.compare.differences import find_differences
from spinscope.compare.lexicon import load_lexicon
from spinscope.compare.report import Comparison
from spinscope.compare.units import Unit, build_units
from spinscope.document import Document, Entity, Mention, Metadata, Span
from spinscope.settings import Settings

ENGLISH = """Armenia frees Azerbaijani soldiers

14 March 2025

Armenia released five Azerbaijani soldiers on 12 March, the government in Yerevan said.

Prime Minister Nikol Pashinyan called the exchange an important step towards a peace treaty.

The soldiers had been held in Shushi since October.
"""

RUSSIAN = """Армения освободила азербайджанских военнослужащих

14 марта 2025

Армения освободила четырёх азербайджанских военнослужащих 13 марта, сообщило правительство в Ереване.

Премьер-министр Никол Пашинян назвал обмен важным шагом к мирному договору.

Военнослужащие содержались в Шуше с октября.
"""


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    folder: Path = tmp_path_factory.mktemp("pair")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    documents = list(analyze([str(folder / "en.txt"), str(folder / "ru.txt")], settings=Settings()))
    assert [document.metadata.language for document in documents] == ["en", "ru"]
    return compare_documents(documents)


def _group(comparison: Comparison, english: str, russian: str):
    for group in comparison.groups:
        texts = [entry.text or "" for entry in group.entries]
        if english in texts[0] and russian in texts[1]:
            return group
    raise AssertionError(f"no group aligns {english!r} with {russian!r}: {[g.entries for g in comparison.groups]}")


# an English fragment, the Russian fragment of the same claim, the kinds of difference expected
CLAIMS = [
    ("number-and-date", "released five Azerbaijani soldiers on 12 March", "освободила четырёх", {"number", "date"}),
    ("same-name-across-scripts", "Nikol Pashinyan called the exchange", "Никол Пашинян назвал", set()),
    ("place-name-of-a-side", "held in Shushi", "содержались в Шуше", {"place-name"}),
]


@pytest.mark.parametrize(
    ("english", "russian", "kinds"), [case[1:] for case in CLAIMS], ids=[case[0] for case in CLAIMS]
)
def test_crosslang_compare_aligns_and_finds_differences(
    comparison: Comparison, english: str, russian: str, kinds: set[str]
) -> None:
    group = _group(comparison, english, russian)
    assert {difference.kind for difference in group.differences} == kinds


def test_crosslang_compare_uses_the_multilingual_threshold(comparison: Comparison) -> None:
    assert comparison.threshold == Settings().compare.multilingual_threshold
    assert not comparison.word_choices  # words of two languages are no choice of words


def test_crosslang_place_name_shows_each_source_spelling(comparison: Comparison) -> None:
    group = _group(comparison, "held in Shushi", "содержались в Шуше")
    (difference,) = group.differences
    assert difference.referent == "shusha-shushi"
    assert dict(difference.values) == {0: "Shushi", 1: "Шуша"}


# an English organisation's name, a Russian one, whether they are one actor (multilingual-e5)
ORGANISATIONS = [
    ("translation", "State Security Service", "Служба государственной безопасности", True),
    (
        "translation-with-the-state",
        "Ministry of Ecology and Natural Resources",
        "Министерство экологии Азербайджана",
        True,
    ),
    ("other-body", "The European Union", "Министерство окружающей среды Армении", False),
    ("other-mediator", "United Arab Emirates", "Международный комитет Красного Креста", False),
]


@pytest.mark.parametrize(
    ("english", "russian", "same"), [case[1:] for case in ORGANISATIONS], ids=[case[0] for case in ORGANISATIONS]
)
def test_an_organisation_and_its_translation_are_one_actor(english: str, russian: str, same: bool) -> None:
    def unit(name: str, verb: str, language: str, source: int) -> Unit:
        text = f"{name} {verb}."
        document = Document(text, metadata=Metadata(language=language))
        entity = Entity("E1", name, "ORG", (Mention(0, len(name), name),))
        document.add_layers({"sentences": [Span(0, len(text), text)], "entities": [entity], "timexes": []})
        return build_units(document, source, load_lexicon())[0]

    left, right = unit(english, "opened a case", "en", 0), unit(russian, "возбудило дело", "ru", 1)
    _, similarity = embed_units_multilingual([[left], [right]])
    kinds = {d.kind for d in find_differences([left, right], similarity, name_similarity=NAME_SIMILARITY_MULTILINGUAL)}
    assert ("actor" not in kinds) is same
