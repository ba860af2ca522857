"""Russian organisation names as a whole: where the entity stage cut one short, where it ends.

The entity stage may end a Russian organisation's name early: before the closing quote or
bracket it opened («АО «Сивашхимпром», «Агентство по разминированию (ANAMA»), before the words
in the genitive that finish it («Бюро политик реинтеграции», «Департамент полиции и
погранохраны», «Пограничные войска ГКНБ Таджикистана»), or before the territory or the affairs
it is for («Пограничное управление ФСБ по Псковской области», «Государственный комитет по делам
беженцев»). `org_name_end` finds where such a name ends, so that compare reads the name its
source wrote (an actor compared with its translation, a place inside a body's name that is the
body's, not the claim's). It reads on:

- to the quote or the bracket the name opened and did not close;
- over a state, a region or an abbreviation in the genitive («Таджикистана», «ФСБ»), after any name;
- over words in the genitive («политик реинтеграции»), and one more after «и» («и
  погранохраны»), only after a name that ends in a common noun («Бюро», «полиции») or that
  was read on already: after a proper name a genitive is the sentence's (от «Роскосмоса»
  компенсации ущерба);
- over «по делам» and its genitives, and over «по» with a region or a city, or two joined by
  «и» («по Псковской области», «по Санкт-Петербургу и Ленинградской области»).

It stops at anything else: punctuation, a verb, a preposition, the sentence's end.

Invariant: pure; the end it gives is never before the mention's own end nor after `limit`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["org_name_end"]

_CLOSING = {"«": "»", "(": ")", "„": "“"}
_WORD = re.compile(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)*)")
# «по Псковской области», «по Калининградскому краю», «по Республике Северная Осетия — Алания»,
# «по Санкт-Петербургу и Ленинградской области»: the territory a body is for, a region, or a city
# in the dative joined to its region by «и» (a city alone may be where a strike fell: «удары по
# Белгороду»).
_REGION = (
    r"(?:[А-ЯЁ][а-яё-]+(?:ой|ому|ым)[ \t]+(?:области|краю|району|округу|республике)"
    r"|Республике(?:[ \t]+[А-ЯЁ][а-яё]+)+(?:[ \t]+[—–-][ \t]+[А-ЯЁ][а-яё]+)?)"
)
_CITY = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*(?:у|ю|е)"
_FOR_A_REGION = re.compile(rf"[ \t]+по[ \t]+(?:{_CITY}[ \t]+и[ \t]+)?{_REGION}(?!\w)")
_FOR_AFFAIRS = re.compile(r"[ \t]+по[ \t]+делам(?!\w)")


def org_name_end(text: str, start: int, end: int, limit: int) -> int:
    """Where a Russian organisation's name that an entity mention spans ``text[start:end]`` ends
    (see the module); `end` itself when nothing continues it, never past `limit`."""
    end = _closed(text, start, end, limit)
    going = False
    while True:
        step = _next(text, start, end, limit, going=going)
        if step is None:
            return end
        end, going = step, True


def _closed(text: str, start: int, end: int, limit: int) -> int:
    """The end past the quote or bracket that the name opened and did not close."""
    name = text[start:end]
    for opening, closing in _CLOSING.items():
        if name.count(opening) > name.count(closing):
            at = text.find(closing, end, limit)
            if at >= 0 and "\n" not in text[end:at] and at - end <= 40:
                return at + 1
    return end


def _next(text: str, start: int, end: int, limit: int, *, going: bool = False) -> int | None:
    """The end of the name one step further, or None where nothing continues it (`going`: the
    name was read on already, so its genitives go on: «по делам беженцев и вынужденных переселенцев»)."""
    for pattern in (_FOR_A_REGION, _FOR_AFFAIRS):
        match = pattern.match(text, end, limit)
        if match:
            return match.end()
    match = _WORD.match(text, end, limit)
    if match is None:
        return None
    word = match.group(1)
    if word[0].isupper():
        return match.end() if _abbreviation(word) or _genitive(word, proper=True) else None
    words = re.findall(r"[^\W\d_]+", text[start:end])
    if not going and not (words and _common_noun_or_genitive(words[-1])):
        return None
    if word == "и":
        following = _WORD.match(text, match.end(), limit)
        if following and following.group(1)[0].islower() and _genitive(following.group(1)):
            return following.end()
        return None
    return match.end() if _genitive(word) else None


def _abbreviation(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _genitive(word: str, *, proper: bool = False) -> bool:
    """Whether a word may be a noun or an adjective in the genitive (with `proper`, a state's,
    a region's or a town's name: «Таджикистана»), and no verb or other part of speech."""
    parses = _morphology().parse(word.lower())
    if any(parse.tag.POS not in ("NOUN", "ADJF", "PRTF") for parse in parses[:1]):
        return False
    return any(
        parse.tag.case == "gent" and parse.tag.POS in ("NOUN", "ADJF", "PRTF") and (not proper or "Geox" in parse.tag)
        for parse in parses
    )


def _common_noun_or_genitive(word: str) -> bool:
    """Whether a name's last word is a common noun of the dictionary («Бюро», «полиции»), or a
    genitive that finishes one («реинтеграции»), not a proper name or an abbreviation."""
    if _abbreviation(word) or not _morphology().word_is_known(word.lower()):
        return False
    parse = _morphology().parse(word.lower())[0]
    return parse.tag.POS == "NOUN" and not ({"Geox", "Name", "Surn", "Patr", "Orgn"} & parse.tag.grammemes)


@functools.cache
def _morphology() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
