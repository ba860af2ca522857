"""Colours of techniques, shared by the HTML report and the web app's charts.

Each of the 14 SemEval-2020 techniques has a fixed colour chosen to stay distinct from its
neighbours and readable under dark text; any other name (a SemEval-2023 technique) gets a
stable colour derived from its name, so a technique looks the same on every page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["TECHNIQUE_COLOURS", "swatch_css", "technique_colour"]

TECHNIQUE_COLOURS: dict[str, str] = {
    "Loaded_Language": "#f6c85f",
    "Name_Calling,Labeling": "#f28e8e",
    "Repetition": "#b4d88b",
    "Exaggeration,Minimisation": "#f5a962",
    "Doubt": "#a7c7e7",
    "Appeal_to_fear-prejudice": "#d4a5e8",
    "Flag-Waving": "#8fd3c8",
    "Causal_Oversimplification": "#e8c1a0",
    "Slogans": "#f7a8c8",
    "Appeal_to_Authority": "#9fb4f0",
    "Black-and-White_Fallacy": "#c9c9c9",
    "Thought-terminating_Cliches": "#d8e28c",
    "Whataboutism,Straw_Men,Red_Herring": "#c3b0e0",
    "Bandwagon,Reductio_ad_hitlerum": "#e6b8a2",
}


def technique_colour(technique: str) -> str:
    """The colour of `technique` as ``#rrggbb``: fixed for the 14 known names, derived otherwise."""
    if technique in TECHNIQUE_COLOURS:
        return TECHNIQUE_COLOURS[technique]
    hue = int(hashlib.sha256(technique.encode("utf-8")).hexdigest()[:4], 16) % 360
    return _hsl_to_hex(hue, 0.65, 0.78)


def swatch_css(techniques: Sequence[str]) -> str:
    """CSS giving class ``tc-<i>`` the background colour of ``techniques[i]``.

    Pages colour techniques with these classes: their policy forbids style attributes.
    """
    return "".join(f".tc-{i}{{background:{technique_colour(name)}}}" for i, name in enumerate(techniques))


def _hsl_to_hex(hue: int, saturation: float, lightness: float) -> str:
    chroma = (1 - abs(2 * lightness - 1)) * saturation
    x = chroma * (1 - abs((hue / 60) % 2 - 1))
    m = lightness - chroma / 2
    sector = [(chroma, x, 0), (x, chroma, 0), (0, chroma, x), (0, x, chroma), (x, 0, chroma), (chroma, 0, x)][hue // 60]
    return "#" + "".join(f"{round((value + m) * 255):02x}" for value in sector)
