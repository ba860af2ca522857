"""The Russian gold set's loader: text and offsets rebuilt from nested inline tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.eval.polnear import Attribution
from spinscope.eval.russian import load_russian, read_russian

ARTICLE = (
    '<article dct="2021-11-08"><ENTITY type="GPE" id="shusha">Шуша</ENTITY> празднует\n'
    '«<QUOTE source="s1"><TIMEX3 type="DURATION" value="P30Y">Тридцать лет</TIMEX3> мы ждали</QUOTE>», — '
    '<CUE>сказал</CUE> <SOURCE id="s1"><ENTITY type="PERSON" id="aliyev">Алиев</ENTITY></SOURCE>. '
    '<QUOTE source="s2">Первый этап</QUOTE>, как <CUE>пояснил</CUE> <SOURCE id="s2">он</SOURCE>, '
    '<QUOTE source="s2">завершён</QUOTE>. <ENTITY type="NORP" id="arm">Армяне</ENTITY> молчат.</article>'
)


def test_the_text_is_the_article_without_its_tags() -> None:
    article = read_russian(ARTICLE, "a")
    assert article.text == (
        "Шуша празднует\n«Тридцать лет мы ждали», — сказал Алиев. Первый этап, как пояснил он, завершён. Армяне молчат."
    )
    assert article.dct == "2021-11-08"


def test_gold_offsets_point_at_the_tagged_text() -> None:
    article = read_russian(ARTICLE, "a")
    [timex] = article.timexes
    assert (article.text[timex.start : timex.end], timex.type, timex.value) == ("Тридцать лет", "DURATION", "P30Y")
    spans = [
        (article.text[slice(*a.content)], article.text[slice(*a.source)] if a.source else None)
        for a in article.attributions
    ]
    assert spans == [("Тридцать лет мы ждали", "Алиев"), ("Первый этап", "он"), ("завершён", "он")]
    assert all(isinstance(a, Attribution) for a in article.attributions)


def test_entities_keep_the_types_meantime_scores() -> None:
    article = read_russian(ARTICLE, "a")
    assert [(m.text, m.type, m.cluster) for m in article.mentions] == [
        ("Шуша", "LOC", "shusha"),
        ("Алиев", "PER", "aliyev"),
    ]
    assert article.as_meantime().mentions == article.mentions
    assert article.as_timeml().timexes == article.timexes


@pytest.mark.parametrize(
    "source",
    ["<article>не закрыт", "<doc>текст</doc>", '<article><TIMEX3 type="DATE">вчера</TIMEX3></article>'],
    ids=["malformed", "wrong-root", "timex-without-value"],
)
def test_a_broken_article_is_refused_with_its_name(source: str) -> None:
    with pytest.raises(InputError, match="broken") as raised:
        read_russian(source, "broken")
    assert raised.value.code == "input.russian_gold"


def test_load_russian_reads_a_split_folder(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "01.xml").write_text(ARTICLE, encoding="utf-8")
    [article] = load_russian(tmp_path, "dev")
    assert article.name == "01"
    with pytest.raises(InputError, match="split must be"):
        load_russian(tmp_path, "train")
    with pytest.raises(InputError, match="holds no .xml"):
        load_russian(tmp_path, "test")
