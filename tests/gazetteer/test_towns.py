"""The GeoNames town list (`spinscope.gazetteer.towns`): its lookups and how it is built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.gazetteer import is_country
from spinscope.gazetteer.towns import build_towns, town_countries

# a nominative, the countries the shipped list gives it
TOWNS = [
    ("a-belarusian-town", "Каменец", {"BY"}),
    ("any-case-of-letters", "мачулищи", {"BY"}),
    ("yo-read-as-ye", "Орёл", {"RU"}),
    ("an-inflected-form-is-no-name", "Каменца", set()),
    ("a-latin-name", "Astravyets", {"BY"}),
    ("a-country-is-no-town", "Russia", set()),
]


@pytest.mark.parametrize(("name", "countries"), [c[1:] for c in TOWNS], ids=[c[0] for c in TOWNS])
def test_town_countries_looks_up_the_shipped_list(name: str, countries: set[str]) -> None:
    assert countries <= town_countries(name)
    assert bool(town_countries(name)) is bool(countries)


def test_build_towns_keeps_the_regions_cyrillic_and_latin_names(tmp_path: Path) -> None:
    cities = {
        "1": {"name": "Lida", "countrycode": "BY", "population": 100000, "alternatenames": ["Lida", "Лида", "リダ"]},
        "2": {"name": "Lida", "countrycode": "US", "population": 900, "alternatenames": ["Лида"]},
        "3": {"name": "Tiny", "countrycode": "UA", "population": 40, "alternatenames": ["Крошка"]},
        "4": {"name": "Lida", "countrycode": "LT", "population": 700, "alternatenames": ["Лида", "лида-2", "ly-da"]},
    }
    source, out = tmp_path / "cities500.json", tmp_path / "towns.txt"
    source.write_text(json.dumps(cities, ensure_ascii=False), encoding="utf-8")
    assert build_towns(source, out) == 2
    assert out.read_text(encoding="utf-8").splitlines()[-2:] == ["Lida\tBY LT", "Лида\tBY LT"]


@pytest.mark.parametrize(("name", "country"), [("Poland", True), ("poland", True), ("Warsaw", False)])
def test_is_country_knows_geonames_countries(name: str, country: bool) -> None:
    assert is_country(name) is country
