from __future__ import annotations

import pytest

from spinscope.models.names import PLACEHOLDER, mask_names

TEXT = "Yes, Ilham Aliyev met Armenia today."
NAMES = [(5, 17, "PERSON"), (22, 29, "GPE")]


def test_mask_names_replaces_each_name_with_the_placeholder() -> None:
    assert mask_names(TEXT, NAMES).text == f"Yes, {PLACEHOLDER} met {PLACEHOLDER} today."


def test_mask_names_leaves_other_labels_alone() -> None:
    assert mask_names("On 5 May 2020 it ended.", [(3, 13, "DATE")]).text == "On 5 May 2020 it ended."


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 3), "Yes"),
        ((5, 17), "Ilham Aliyev"),
        ((11, 17), "Ilham Aliyev"),
        ((5, 29), "Ilham Aliyev met Armenia"),
        ((18, 35), "met Armenia today"),
        ((0, len(TEXT)), TEXT),
    ],
    ids=["plain", "name", "part-of-name", "across-names", "ends-after-name", "whole"],
)
def test_mask_names_maps_spans_there_and_back(span: tuple[int, int], expected: str) -> None:
    mask = mask_names(TEXT, NAMES)
    start, end = mask.to_original(*mask.to_masked(*span))
    assert TEXT[start:end] == expected


def test_mask_names_gives_swapped_texts_the_same_mask() -> None:
    swapped = "Yes, Nikol Pashinyan met Azerbaijan today."
    assert mask_names(swapped, [(5, 20, "PERSON"), (25, 35, "GPE")]).text == mask_names(TEXT, NAMES).text
