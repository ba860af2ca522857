"""Numbers as news text writes them: "2,900", "three thousand", "1.5 million", "Forty".

Shared by the stages and the comparison, so that every part of spinscope reads a written
number the same way.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_WORDS", "parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "bn": 1e9, "m": 1e6,
           "trillion": 1e12}
# The words that are numbers on their own (not "a" or "an"), for patterns that find numbers.
NUMBER_WORDS = tuple(word for word in _UNITS if word not in ("a", "an"))


def parse_number(text: str) -> float | None:
    """The value of a number as written ("2,900", "three thousand", "1.5 million", "Forty");
    None for a vague amount ("dozens", "hundreds", "half") or one it cannot read."""
    words = text.lower().replace(",", "").replace("-", " ").replace("per cent", "").replace("percent", "")
    words = re.sub(r"[$€£¥%]", " ", words).split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
        elif word == "and":
            continue
        else:
            return None
    return total + current if seen else None
