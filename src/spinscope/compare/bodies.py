"""International bodies by their names in English and Russian: "IAEA" and «МАГАТЭ» are one actor.

An acronym of one language is no spelling of the other's ("IAEA", «МАГАТЭ»: Международное
агентство по атомной энергии), so neither transliteration nor, reliably, an embedding joins
them. The table (`BODIES`) lists the international organisations news about the former Soviet
Union names most, each with its acronyms and full names in both languages (Russian full names
in the nominative; their cases are read by word starts: «Международного агентства по атомной
энергии»).

A few national bodies that English names in full and Russian by an acronym of its own (Ukraine's
State Emergency Service, «ГСЧС»; its armed forces, «ВСУ») are listed the same way.

Also here: the Russian abbreviations that are common nouns, not names («АЭС», a nuclear power
plant; «СМИ», the media), which the entity stage may label an organisation.

Invariants: every name maps to one key (``body:iaea``); matching is by whole names, never by
a word inside a longer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BODIES", "Body", "body_of", "is_common_abbreviation"]


@dataclass(frozen=True, slots=True)
class Body:
    """An international body and the names it goes by, English and Russian."""

    key: str
    names: tuple[str, ...]


BODIES = (
    Body(
        "iaea",
        (
            "IAEA",
            "International Atomic Energy Agency",
            "МАГАТЭ",
            "Международное агентство по атомной энергии",
        ),
    ),
    Body("un", ("UN", "United Nations", "ООН", "Организация Объединённых Наций")),
    Body("eu", ("EU", "European Union", "ЕС", "Евросоюз", "Европейский союз")),
    Body(
        "osce",
        (
            "OSCE",
            "Organization for Security and Co-operation in Europe",
            "ОБСЕ",
            "Организация по безопасности и сотрудничеству в Европе",
        ),
    ),
    Body("who", ("WHO", "World Health Organization", "ВОЗ", "Всемирная организация здравоохранения")),
    Body(
        "icrc",
        ("ICRC", "International Committee of the Red Cross", "МККК", "Международный комитет Красного Креста"),
    ),
    Body("unhcr", ("UNHCR", "UN Refugee Agency", "УВКБ ООН")),
    Body("imf", ("IMF", "International Monetary Fund", "МВФ", "Международный валютный фонд")),
    Body("cis", ("CIS", "Commonwealth of Independent States", "СНГ", "Содружество Независимых Государств")),
    Body(
        "csto",
        (
            "CSTO",
            "Collective Security Treaty Organization",
            "ОДКБ",
            "Организация Договора о коллективной безопасности",
        ),
    ),
    Body("eaeu", ("EAEU", "Eurasian Economic Union", "ЕАЭС", "Евразийский экономический союз")),
    Body("pace", ("PACE", "Parliamentary Assembly of the Council of Europe", "ПАСЕ")),
    Body("coe", ("Council of Europe", "Совет Европы")),
    Body(
        "echr",
        ("ECHR", "European Court of Human Rights", "ЕСПЧ", "Европейский суд по правам человека"),
    ),
    Body("icc", ("ICC", "International Criminal Court", "МУС", "Международный уголовный суд")),
    Body("eumm", ("EUMM", "EU Monitoring Mission", "МНЕС", "Миссия наблюдателей Евросоюза")),
    Body("unesco", ("UNESCO", "ЮНЕСКО")),
    Body("unicef", ("UNICEF", "ЮНИСЕФ")),
    # National bodies that English names in full and Russian by an acronym of its own.
    Body(
        "ukraine-emergency-service",
        (
            "State Emergency Service of Ukraine",
            "Ukraine's State Emergency Service",
            "State Emergency Service",
            "SESU",
            "ГСЧС",
            "ГСЧС Украины",
            "ДСНС",
            "Государственная служба Украины по чрезвычайным ситуациям",
        ),
    ),
    Body(
        "ukraine-armed-forces",
        (
            "Armed Forces of Ukraine",
            "Ukraine's Armed Forces",
            "Ukrainian Armed Forces",
            "AFU",
            "ВСУ",
            "ЗСУ",
            "Вооружённые силы Украины",
        ),
    ),
)

# Russian abbreviations of common nouns: a kind of thing, not a name.
_COMMON_ABBREVIATIONS = frozenset("аэс гэс гаэс тэс тэц грэс азс лэп сми дтп бпла пво чп чс нко вуз жкх".split())
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def body_of(name: str) -> str | None:
    """The key (``body:<key>``) of the international body a whole name names ("the IAEA",
    «МАГАТЭ», «Международного агентства по атомной энергии»), or None."""
    words = _words(name)
    if words and words[0] == "the":
        words = words[1:]
    for body in BODIES:
        for form in body.names:
            expected = _words(form)
            if len(expected) == len(words) and all(map(_same_word, words, expected)):
                return f"body:{body.key}"
    return None


def is_common_abbreviation(name: str) -> bool:
    """Whether a name is a Russian abbreviation of a common noun («АЭС», «СМИ»): no actor."""
    return name.strip().casefold().replace("ё", "е") in _COMMON_ABBREVIATIONS


def _words(name: str) -> list[str]:
    return _WORD.findall(re.sub(r"['’]s\b", "", name).casefold().replace("ё", "е"))


def _same_word(word: str, form: str) -> bool:
    """Whether a written word is a form's word: the same, or a Russian word the same but for its
    case ending («агентства», «агентство»; «союза», «союз»)."""
    if word == form:
        return True
    if form.isascii() or len(word) > len(form) + 2:
        return False
    return word.startswith(form[:-2] if len(form) >= 5 else form)
