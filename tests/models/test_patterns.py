from __future__ import annotations

import re

import pytest

from spinscope.models.patterns import PATTERNS, find_matches


def _matches(text: str) -> list[tuple[str, str]]:
    sentences = [(match.start(), match.end()) for match in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    return [(match.pattern, text[match.start : match.end]) for match in find_matches(text, sentences)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"My people, we stood. My people, we fought. My people, we won," she said.',
            [("repeated_address", "My people")] * 3,
        ),
        ('The crowd chanted "Bread and land!" all night.', [("quoted_slogan", "Bread and land!")]),
        (
            'Their motto, "Rise and shine, hold the line", was everywhere.',
            [("quoted_slogan", "Rise and shine, hold the line")],
        ),
        ('Flags reading "Iron Dome" hung from the windows.', [("quoted_slogan", "Iron Dome")]),
        ("The war is over. Victory is ours!", [("exclaimed_slogan", "Victory is ours!")]),
        ("Leading experts agree that the plan works.", [("unnamed_authority", "Leading experts agree")]),
        (
            "According to independent observers, the vote was fair.",
            [("unnamed_authority", "According to independent observers")],
        ),
        ("Studies show that the policy failed.", [("unnamed_authority", "Studies show")]),
        ("Not a single soldier was lost.", [("absolute_claim", "Not a single soldier")]),
        ("The law applies without exception.", [("absolute_claim", "without exception")]),
    ],
    ids=[
        "address",
        "chant",
        "rhyme",
        "banner",
        "exclamation",
        "experts",
        "observers",
        "studies",
        "not-a-single",
        "no-exception",
    ],
)
def test_find_matches_names_the_move(text: str, expected: list[tuple[str, str]]) -> None:
    assert _matches(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"We are building and planning," the mayor said.',
        '"The plan is good," she said. "The plan is cheap," she added.',
        "Experts from the university presented their findings on Monday.",
        "Prices rose by 3 percent in March.",
        '"Please stop the car and wait here for the police to arrive," the officer told the driver.',
        "Bake for ten minutes, then let the cookies cool.",
    ],
    ids=["suffix-rhyme", "twice-only", "named-experts", "plain-percent", "long-quote", "recipe"],
)
def test_find_matches_stays_quiet_on_plain_text(text: str) -> None:
    assert _matches(text) == []


def test_repeated_address_cites_the_other_uses() -> None:
    text = '"Dear friends, we waited. Dear friends, we hoped. Dear friends, we are home."'
    sentences = [(match.start(), match.end()) for match in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    first, second, third = find_matches(text, sentences)
    assert first.evidence == ((second.start, second.end), (third.start, third.end))


def test_every_pattern_names_a_known_technique() -> None:
    from spinscope.models.techniques import TECHNIQUES

    assert set(PATTERNS.values()) <= set(TECHNIQUES)
