from __future__ import annotations

import pytest

from spinscope.compare.lexicon import load_lexicon

# text, the (referent, term as written, name across scripts) of each use
USES = [
    ("inflected-with-star", "В Степанакерте и Ханкенди", [
        ("khankendi-stepanakert", "Степанакерт", "Stepanakert"), ("khankendi-stepanakert", "Ханкенди", "Khankendi"),
    ]),
    ("instrumental-of-shusha", "под Шушой", [("shusha-shushi", "Шуша", "Shusha")]),
    ("genitive-beside-shusha", "Обстрел у Шуши. Город Шуша восстановлен.", [
        ("shusha-shushi", "Шуша", "Shusha"), ("shusha-shushi", "Шуша", "Shusha"),
    ]),
    ("armenian-shushi-alone", "Обстрел у Шуши.", [("shusha-shushi", "Шуши", "Shushi")]),
    ("adjective-of-a-place", "в Кельбаджарском районе", [("kalbajar-karvachar", "Кельбаджар", "Kalbajar")]),
    ("two-word-star-form", "в Персидском заливе", [("persian-arabian-gulf", "Персидский залив", "Persian Gulf")]),
    ("framing-word", "двадцать три армянских диверсанта", [("detainee-status", "диверсанты", "saboteurs")]),
    ("english-unchanged", "outside Shushi", [("shusha-shushi", "Shushi", "Shushi")]),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in USES], ids=[case[0] for case in USES])
def test_lexicon_finds_russian_variants_in_any_inflection(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(use.referent, use.term, use.name) for use in load_lexicon().find(text)] == expected


def test_every_russian_variant_renders_a_variant_of_its_referent() -> None:
    for referent in load_lexicon().referents.values():
        terms = {variant.term for variant in referent.variants}
        assert all(variant.renders in terms for variant in referent.variants if variant.renders), referent.id
