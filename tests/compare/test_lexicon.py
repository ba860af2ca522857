from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.compare.lexicon import load_lexicon
from spinscope.errors import ConfigError


def test_shipped_lexicon_finds_variants_as_whole_words_case_insensitively() -> None:
    uses = list(load_lexicon().find("Burma's army; Kievan Rus; freedom fighters entered Kyiv"))
    assert [(use.referent, use.term) for use in uses] == [
        ("myanmar-burma", "Burma"),
        ("armed-fighters", "freedom fighters"),
        ("kyiv-kiev", "Kyiv"),
    ]


def test_user_file_adds_a_referent_and_extends_an_existing_one(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[referent]]\nid = "kyiv-kiev"\nvariants = [{ term = "Kyjiw" }, { term = "Kiew" }]\n'
        '[[referent]]\nid = "gulf"\nname = "Gulf of Mexico / Gulf of America"\nkind = "place"\n'
        'variants = [{ term = "Gulf of Mexico" }, { term = "Gulf of America" }]\n',
        encoding="utf-8",
    )
    lexicon = load_lexicon(extra)
    assert [use.referent for use in lexicon.find("Kiew and the Gulf of America")] == ["kyiv-kiev", "gulf"]
    assert {v.term for v in lexicon.referents["kyiv-kiev"].variants} >= {"Kyiv", "Kiev", "Kyjiw", "Kiew"}


def test_user_file_may_extend_an_existing_referent_by_one_variant(tmp_path: Path) -> None:
    extra = tmp_path / "one.toml"
    extra.write_text('[[referent]]\nid = "kyiv-kiev"\nvariants = [{ term = "Kiew" }]\n', encoding="utf-8")
    assert [use.referent for use in load_lexicon(extra).find("Kiew")] == ["kyiv-kiev"]


@pytest.mark.parametrize(
    "content",
    [
        "not = [toml",
        '[[referent]]\nkind = "place"\nvariants = [{ term = "A" }, { term = "B" }]',
        '[[referent]]\nid = "x"\nvariants = [{ term = "A" }]',
        '[[referent]]\nid = "x"\nkind = "moral"\nvariants = []',
    ],
    ids=["not-toml", "no-id", "one-variant", "bad-kind"],
)
def test_bad_lexicon_file_is_a_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_lexicon(path)
    assert raised.value.code == "config.lexicon"
