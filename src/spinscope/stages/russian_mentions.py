"""Russian named mentions, read from natasha's parse the way `spinscope.stages.entities_ru`
clusters them.

Invariants:
- A mention is a name's tokens only: quotes, punctuation and whitespace at its edges are left
  out, and it ends at a line break.
- An organisation and the country or organisation in the genitive right after it are one
  mention ("МИД России"); a mention that the words after it make a place the gazetteer lists
  grows to that place ("Лачинскому" -> "Лачинскому коридору").
- Each mention's `key` compares names across inflection (the stems of its lemmas, a place's
  other name read as the name it stands for); `written` compares them as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spinscope.gazetteer.russian import canonical_key, listed_label, name_key
from spinscope.stages.entities import NAMED_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "ACRONYM",
    "MAX_TITLE_WORDS",
    "PHRASE_SIZES",
    "ROLE_TITLES",
    "RussianName",
    "find_russian_mentions",
    "is_nominative",
    "overlaps",
]

# Lemmas of the titles that name a role, and so can stand for the person ("президент заявил").
ROLE_TITLES = frozenset(
    {
        "президент",
        "вице-президент",
        "премьер",
        "премьер-министр",
        "вице-премьер",
        "министр",
        "замминистра",
        "глава",
        "госсекретарь",
        "канцлер",
        "генсек",
        "спикер",
        "посол",
        "мэр",
        "губернатор",
        "сенатор",
        "депутат",
        "председатель",
        "пресс-секретарь",
        "представитель",
        "советник",
        "помощник",
        "генерал",
        "командующий",
        "лидер",
        "король",
        "королева",
        "принц",
        "папа",
        "патриарх",
        "католикос",
        "муфтий",
        "шейх",
        "эмир",
        "султан",
        "омбудсмен",
        "судья",
        "прокурор",
        "полковник",
        "маршал",
        "адмирал",
    }
)
MAX_TITLE_WORDS = 6  # "министр иностранных дел Российской Федерации Сергей Лавров"
_EDGE = set(" \t\r\n\"'“”„‘’«»()[]{},;:•·-–—|/.!?")
# Words after which a name is a place ("в Шуше", "из Лачина", "город Шуша").
_PLACE_CUES = frozenset(
    {
        "в",
        "во",
        "из",
        "под",
        "около",
        "возле",
        "близ",
        "вблизи",
        "город",
        "село",
        "деревня",
        "посёлок",
        "поселок",
        "район",
        "область",
        "регион",
        "столица",
        "республика",
        "край",
    }
)
ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,6}")
PHRASE_SIZES = (3, 2)  # the gazetteer's names of several words, longest first


@dataclass(slots=True)
class RussianName:
    """One named mention: where it is, its label, its keys, its span and the titles before it."""

    start: int
    end: int
    text: str
    label: str
    key: tuple[str, ...]
    lemmas: tuple[str, ...]
    span: SpacySpan
    titles: list[str] = field(default_factory=list)
    title_lemmas: list[tuple[str, ...]] = field(default_factory=list)
    place_cue: bool = False
    head: tuple[str, ...] = ()  # an organisation's own name before a country ("МИД" of "МИД России")
    # The stems of the words as written: a name the dictionary does not know may get different
    # lemmas in different cases ("Ломджария" and "ломджарий"), never different spellings.
    written: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool:
        """Whether this mention on its own shows a person: a title, or a person-tagged name
        of two words or more."""
        return bool(self.titles) or (self.label == "PERSON" and len(self.key) >= 2)


def find_russian_mentions(parsed: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[RussianName]:
    """The named mentions of a Russian parse, cleaned, outside the stretches `skip`."""
    return [
        name
        for ent, head_end in _spans(parsed)
        if ent.label_ in NAMED_LABELS
        and not overlaps(ent.start_char, ent.end_char, skip)
        and (name := _clean(ent, head_end)) is not None
    ]


def _spans(parsed: Doc) -> list[tuple[SpacySpan, int]]:
    """natasha's mentions, each with the token where an organisation's own name ends: an
    organisation and the country or organisation in the genitive right after it are one
    mention ("МИД России", "Минской группы ОБСЕ"), the way such bodies are named."""
    from spacy.tokens import Span as SpacySpan

    ents = list(parsed.ents)
    spans: list[tuple[SpacySpan, int]] = []
    index = 0
    while index < len(ents):
        ent = ents[index]
        after = ents[index + 1] if index + 1 < len(ents) else None
        if (
            after is not None
            and ent.label_ == "ORG"
            and after.label_ in ("GPE", "ORG")
            and after.start == ent.end  # one space between, no line break
            and (after[0].morph.get("Case", []) in (["Gen"], []) or ACRONYM.fullmatch(after[0].text))
        ):
            spans.append((SpacySpan(parsed, ent.start, after.end, label="ORG"), ent.end))
            index += 2
            continue
        ent = _extend_to_listed(ent)
        spans.append((ent, ent.end))
        index += 1
    return spans


def _extend_to_listed(ent: SpacySpan) -> SpacySpan:
    """The mention grown by the words after it to a place the gazetteer lists, as that place:
    natasha tags "Лачинскому" in "Лачинскому коридору" alone."""
    from spacy.tokens import Span as SpacySpan

    doc = ent.doc
    for size in PHRASE_SIZES:
        end = ent.end + size - len(ent)
        if size <= len(ent) or end > len(doc) or any(token.is_space or token.is_punct for token in doc[ent.end : end]):
            continue
        label = listed_label([token.lemma_ or token.text for token in doc[ent.start : end]])
        if label is not None:
            return SpacySpan(doc, ent.start, end, label=label)
    return ent


def _clean(ent: SpacySpan, head_end: int) -> RussianName | None:
    """Trim a mention to its name's tokens, or None when no name is left."""
    tokens = list(ent)
    for index, token in enumerate(tokens):
        if "\n" in token.text or "\n" in token.whitespace_:
            tokens = tokens[: index + (0 if "\n" in token.text else 1)]
            break
    while tokens and set(tokens[0].text) <= _EDGE:
        tokens.pop(0)
    while tokens and set(tokens[-1].text) <= _EDGE:
        tokens.pop()
    if not tokens:
        return None
    doc = ent.doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    span.label_ = ent.label_
    words = [token for token in span if not token.is_space and any(ch.isalnum() for ch in token.text)]
    lemmas = tuple(token.lemma_ or token.text for token in words)
    key = canonical_key(lemmas)
    if not key or (ent.label_ != "NORP" and not any(ch.isupper() for ch in span.text)):
        return None
    titles, title_lemmas = _titles_before(doc, span.start) if ent.label_ == "PERSON" else ([], [])
    previous = _previous_word(doc, span.start)
    cue = previous is not None and previous.lower_ in _PLACE_CUES
    head = name_key([token.lemma_ or token.text for token in words if token.i < head_end])
    written = name_key([token.text for token in words])
    return RussianName(
        span.start_char,
        span.end_char,
        span.text,
        ent.label_,
        key,
        lemmas,
        span,
        titles,
        title_lemmas,
        cue,
        head,
        written,
    )


def _previous_word(doc: Doc, index: int) -> Token | None:
    index -= 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return doc[index] if index >= 0 and not doc[index].is_sent_end else None


def _titles_before(doc: Doc, start: int) -> tuple[list[str], list[tuple[str, ...]]]:
    """The title written just before a name ("президент Азербайджана", "министр иностранных дел
    России"), with its lemmas: a role word, then at most a few genitive words."""
    index = start - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    first = index
    for _ in range(MAX_TITLE_WORDS):
        if index < 0 or doc[index].is_space or doc[index].is_punct or doc[index].is_sent_end:
            return [], []
        token = doc[index]
        if token.lemma_.casefold() in ROLE_TITLES:
            # "бывший президент", "азербайджанский лидер": adjectives before the role are part of it.
            while index > 0 and doc[index - 1].pos_ == "ADJ" and not doc[index - 1].is_sent_end:
                index -= 1
            title = doc[index : first + 1]
            lemmas = tuple(t.lemma_.casefold() for t in title if not t.is_space)
            return [" ".join(title.text.split())], [lemmas]
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.morph.get("Case", []) not in (["Gen"], []):
            return [], []
        index -= 1
    return [], []


def is_nominative(token: Token) -> bool:
    return token.morph.get("Case", []) in (["Nom"], [])


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with any of `spans`."""
    return any(start < other_end and other_start < end for other_start, other_end in spans)
