"""The claims stage on Russian: the multilingual model's scores, Russian kinds and numbers."""

from __future__ import annotations

import pytest

from spinscope.document import Document, Span, Timex
from spinscope.models.claims import load_claim_model
from spinscope.models.claims_multilingual import load_multilingual_claim_model
from spinscope.settings import Settings
from spinscope.stages.claims import KINDS, ClaimStage, find_claims

TEXT = (
    "Безработица в области за год выросла с 4 до 7 процентов. "
    "Спасибо всем, кто пришёл! "
    "12 марта из-за обстрела погибли двое рабочих."
)


def _sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for end in (text.index(". ") + 1, text.index("! ") + 1, len(text)):
        while text[start] == " ":
            start += 1
        spans.append(Span(start, end, text[start:end]))
        start = end
    return spans


@pytest.fixture(scope="module")
def claims():
    date = TEXT.index("12 марта")
    timexes = [Timex(date, date + 8, "12 марта", type="DATE", value="2025-03-12")]
    found = find_claims(load_claim_model(), TEXT, _sentences(TEXT), [], [], timexes, encoded=None)
    Document(TEXT).add_layer("claims", found)  # every span checks against the text
    return found


def test_russian_claims_get_scores_from_the_multilingual_model(claims) -> None:
    model = load_multilingual_claim_model()
    assert len(claims) == 3
    assert all(0 < claim.score < 1 and claim.kind in KINDS for claim in claims)
    assert all(claim.checkworthy == (claim.score >= model.threshold) for claim in claims)
    unemployment, thanks, deaths = claims
    assert unemployment.score > thanks.score and deaths.score > thanks.score
    assert unemployment.checkworthy and not thanks.checkworthy


def test_russian_claims_get_russian_kinds_and_numbers(claims) -> None:
    unemployment, thanks, deaths = claims
    assert (unemployment.kind, thanks.kind, deaths.kind) == ("quantity", "event", "causal")
    assert [n.text for n in unemployment.numbers] == ["4", "7 процентов"]
    assert [n.text for n in deaths.numbers] == ["двое"]  # the date's "12" is a date, not a number
    assert deaths.timexes == (0,)


def test_the_stage_supports_russian() -> None:
    stage = ClaimStage(Settings())
    assert {"en", "ru"} <= stage.languages
    assert "other languages" in stage.version
