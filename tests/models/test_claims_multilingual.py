"""The shipped multilingual claims model: trained on English, it scores Russian; Russian kinds by cues."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelNotFoundError
from spinscope.models.claims_multilingual import (
    CUE_FEATURES,
    MODEL_DIR,
    MultilingualClaimModel,
    claim_kind_ru,
    cue_features,
    load_multilingual_claim_model,
)


def test_the_shipped_model_scores_each_text_between_0_and_1() -> None:
    model = load_multilingual_claim_model()
    scores = model.score(["Безработица снизилась до 3,1%.", "Спасибо!", ""])
    assert scores.shape == (3,)
    assert np.all((scores > 0) & (scores < 1))
    assert 0 < model.threshold < 1
    assert model.score([]).shape == (0,)


# a check-worthy factual sentence, a sentence that is not, in Russian
PAIRS = [
    ("unemployment", "Безработица в области за год выросла с 4 до 7 процентов.", "Спасибо всем, кто сегодня пришёл!"),
    ("budget", "Правительство потратило на строительство дороги 12 миллиардов рублей.", "Как вы себя чувствуете?"),
    ("casualties", "При обстреле погибли три человека, ещё двенадцать ранены.", "Добрый вечер, дорогие друзья."),
]


@pytest.mark.parametrize(("claim", "talk"), [pair[1:] for pair in PAIRS], ids=[pair[0] for pair in PAIRS])
def test_the_model_ranks_a_russian_claim_above_talk(claim: str, talk: str) -> None:
    claim_score, talk_score = load_multilingual_claim_model().score([claim, talk])
    assert claim_score > talk_score + 0.1


def test_the_model_was_chosen_on_english_data_only() -> None:
    meta = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    assert "English ClaimBuster" in meta["trained_on"]
    assert meta["cue_features"] == list(CUE_FEATURES)
    assert 0.3 < meta["cross_validation"]["f1"] <= 1


def test_cue_features_read_the_same_in_any_script() -> None:
    assert cue_features("Выросла на 5%!")[:6] == cue_features("Rose by 5%!")[:6]
    assert len(cue_features("")) == len(CUE_FEATURES)


def test_a_missing_model_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="train claims-multilingual"):
        MultilingualClaimModel.load(tmp_path)


# a Russian sentence, its kind
KINDS = [
    ("causal", "Из-за аномальной жары урожай пшеницы сократился.", "causal"),
    ("causal-led-to", "Забастовка привела к отмене рейсов.", "causal"),
    ("prediction", "В следующем году цены будут расти.", "prediction"),
    ("quantity-percent", "Безработица составила 3,1%.", "quantity"),
    ("quantity-scale-word", "На ремонт выделили миллиард рублей.", "quantity"),
    ("year-alone-is-no-quantity", "В 2020 году город перешёл под контроль Азербайджана.", "event"),
    ("comparison", "Это крупнейший мост в регионе.", "comparison"),
    ("comparison-than", "Зима оказалась теплее, чем обычно.", "comparison"),
    ("opinion", "Мы считаем, что решение несправедливо.", "opinion"),
    ("event", "Министр посетил Шушу.", "event"),
]


@pytest.mark.parametrize(("text", "kind"), [case[1:] for case in KINDS], ids=[case[0] for case in KINDS])
def test_claim_kind_ru_takes_the_first_matching_cue(text: str, kind: str) -> None:
    assert claim_kind_ru(text) == kind


def test_claim_kind_ru_attribution_only_when_it_reports_speech() -> None:
    assert claim_kind_ru("Министр заявил об этом журналистам.", reports_speech=True) == "attribution"
