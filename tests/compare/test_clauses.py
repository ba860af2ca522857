"""Attributions and causal clauses: the parts of a sentence whose names act in no claim (built by hand)."""

from __future__ import annotations

import pytest

from spinscope.compare.clauses import attributions, causal_span
from spinscope.document import Quote, Span, Speaker


def _quote(text: str, content: str, speaker: str, cue: str) -> Quote:
    start, who, verb = text.index(content), text.index(speaker), text.index(cue)
    return Quote(
        start,
        start + len(content),
        content,
        kind="indirect",
        speaker=Speaker(speaker, start=who, end=who + len(speaker)),
        cue=Span(verb, verb + len(cue), cue),
    )


# sentence, its reported speech (content, speaker, cue) or None, the attribution spans' texts
ATTRIBUTIONS = [
    ("according-to", "Two people died, according to the health ministry.", None, ["according to the health ministry"]),
    ("po-dannym", "По данным армянских СМИ, пострадали три человека.", None, ["По данным армянских СМИ"]),
    (
        "inside-the-sentence",
        "Школы в Горисе, по сообщениям армянских СМИ, будут закрыты.",
        None,
        ["по сообщениям армянских СМИ"],
    ),
    (
        "speaker-after-the-claim",
        "The bridge collapsed on Sunday, the emergencies ministry said.",
        ("The bridge collapsed on Sunday", "the emergencies ministry", "said"),
        ["the emergencies ministry said."],
    ),
    (
        "cue-after-the-claim",
        "Без газа остались 11 сёл, сообщили в компании «Азеригаз».",
        ("Без газа остались 11 сёл", "компании", "сообщили"),
        ["сообщили в компании «Азеригаз»."],
    ),
    (
        "speaker-who-opens-the-claim",
        "Armenia proposed that the commissions meet in March.",
        ("the commissions meet in March", "Armenia", "proposed"),
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "reported", "expected"), [case[1:] for case in ATTRIBUTIONS], ids=[case[0] for case in ATTRIBUTIONS]
)
def test_attributions_cover_who_reports_a_claim(text: str, reported, expected: list[str]) -> None:
    quotes = [_quote(text, *reported)] if reported else []
    found = attributions(text, Span(0, len(text), text), quotes)
    assert [text[start:end] for start, end in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The road closed because Armenian forces had mined the verge.", "because Armenian forces had mined the verge"),
        ("Взрыв произошёл из-за того, что сторона начала работы.", "из-за того, что сторона начала работы"),
        ("The road reopened on Monday.", None),
        ("The delay was due to heavy snow.", "due to heavy snow"),
        ("Work was due to finish in October.", None),
    ],
    ids=["english", "russian", "none", "due-to-a-cause", "due-to-a-schedule"],
)
def test_causal_span_runs_from_the_marker_to_the_clause_end(text: str, expected: str | None) -> None:
    found = causal_span(text, 0, len(text))
    assert (text[found[0] : found[1]] if found else None) == expected
