"""Long texts through spaCy in pieces: the same characters, sentences and entities as in one pass."""

from __future__ import annotations

import pytest

from spinscope.models.spacy import load_spacy, pipe_in_chunks, split_paragraphs
from spinscope.settings import NlpSettings
from spinscope.stages.nlp import find_sentences

from ..conftest import EXAMPLE


@pytest.mark.parametrize(
    ("text", "size", "pieces"),
    [
        ("one\ntwo\nthree\n", 8, ["one\ntwo\n", "three\n"]),
        ("one\n\n\ntwo", 5, ["one\n\n\n", "two"]),
        ("a long line without breaks\nx", 5, ["a long line without breaks\n", "x"]),
        ("short", 100, ["short"]),
        ("", 10, [""]),
    ],
    ids=["after-line-breaks", "blank-lines-stay-behind", "long-line-whole", "one-piece", "empty"],
)
def test_split_paragraphs_cuts_after_line_breaks(text: str, size: int, pieces: list[str]) -> None:
    assert split_paragraphs(text, size) == pieces
    assert "".join(pieces) == text


def test_a_text_parsed_in_pieces_keeps_its_sentences_and_entities() -> None:
    nlp = load_spacy(NlpSettings())
    text = EXAMPLE.read_text(encoding="utf-8")
    whole = nlp(text)
    [pieces] = list(pipe_in_chunks(nlp, [text], batch_size=8, size=600))
    assert pieces.text == text
    assert [(s.start, s.end) for s in find_sentences(pieces)] == [(s.start, s.end) for s in find_sentences(whole)]
    assert {(e.start_char, e.end_char) for e in pieces.ents} == {(e.start_char, e.end_char) for e in whole.ents}
