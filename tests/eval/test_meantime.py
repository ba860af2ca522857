"""MEANTIME entity loading, and the typing and named-cluster B³ measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.eval.meantime import PredictedMention, load_meantime_entities, score_entities

_WORDS = ["Gordon", "Sondland", "met", "Adam", "Schiff", "in", "Kyiv", ".", "Sondland", "spoke", "."]
_SENTENCES = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]


def _xml() -> str:
    tokens = "\n".join(
        f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>'
        for i, (w, s) in enumerate(zip(_WORDS, _SENTENCES, strict=True))
    )

    def mention(m_id: int, kind: str, *t_ids: int) -> str:
        anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)
        return f'<ENTITY_MENTION m_id="{m_id}" syntactic_type="{kind}">{anchors}</ENTITY_MENTION>'

    markables = "\n".join(
        [
            mention(1, "NAM", 1, 2),
            mention(2, "NAM", 4, 5),
            mention(3, "NAM", 7),
            mention(4, "NAM", 9),
            mention(5, "PRO", 10),  # not a name: left out
            '<ENTITY m_id="10" ent_type="PER" TAG_DESCRIPTOR="Sondland"/>',
            '<ENTITY m_id="11" ent_type="PER" TAG_DESCRIPTOR="Schiff"/>',
            '<ENTITY m_id="12" ent_type="LOC" TAG_DESCRIPTOR="Kyiv"/>',
        ]
    )
    relations = "\n".join(
        [
            '<REFERS_TO r_id="1"><source m_id="1"/><source m_id="4"/><source m_id="5"/><target m_id="10"/></REFERS_TO>',
            '<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>',
            '<REFERS_TO r_id="3"><source m_id="3"/><target m_id="12"/></REFERS_TO>',
        ]
    )
    return (
        f'<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Met" lang="en">\n{tokens}\n'
        f"<Markables>\n{markables}\n</Markables>\n<Relations>\n{relations}\n</Relations>\n</Document>"
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "topic").mkdir()
    (tmp_path / "topic" / "1_Met.xml").write_text(_xml(), encoding="utf-8")
    return tmp_path


def test_load_meantime_entities_reads_named_mentions_with_types_and_clusters(corpus: Path) -> None:
    [document] = load_meantime_entities(corpus)
    assert document.name == "topic/1_Met"
    assert [(m.text, m.type, m.cluster) for m in document.mentions] == [
        ("Gordon Sondland", "PER", "10"),
        ("Adam Schiff", "PER", "11"),
        ("Kyiv", "LOC", "12"),
        ("Sondland", "PER", "10"),
    ]
    assert all(document.text[m.start : m.end] == m.text for m in document.mentions)


def test_score_entities_counts_types_and_clusters(corpus: Path) -> None:
    [document] = load_meantime_entities(corpus)
    text = document.text
    at = {word: text.index(word) for word in ("Gordon", "Adam", "Kyiv")}
    second = text.rindex("Sondland")
    predicted = [
        PredictedMention(at["Gordon"], at["Gordon"] + 15, "PERSON", "a"),
        PredictedMention(at["Adam"], at["Adam"] + 11, "ORG", "b"),  # mistyped
        PredictedMention(at["Kyiv"], at["Kyiv"] + 4, "GPE", "c"),
        PredictedMention(second, second + 8, "GPE", "d"),  # split from its person, and mistyped
    ]
    scores = score_entities([document], lambda _: predicted)
    assert (scores.gold, scores.found, scores.typed_right) == (4, 4, 2)
    # Gold clusters {G. Sondland, Sondland}, {Schiff}, {Kyiv}; predicted all singletons.
    assert scores.b3_precision == 1.0
    assert scores.b3_recall == pytest.approx((0.5 + 1 + 1 + 0.5) / 4)


def test_load_meantime_entities_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no .xml files"):
        load_meantime_entities(tmp_path)
