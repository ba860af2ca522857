"""Classic persuasion moves found by pattern, beside the learned detector.

The learned detector is trained on US news of 2017-2019 and misses moves that are rare there
but common in commemorative speeches and one-sided reports. Each pattern here finds one such
move and names its technique:

- ``repeated_address``: the same opening phrase (an address, a rallying line) used three times
  or more within the quoted speech of one article: Repetition;
- ``quoted_slogan``: a short quoted line that is an exclamation, rhymes, or is introduced as a
  chant or motto: Slogans;
- ``exclaimed_slogan``: a short sentence of its own ending in "!": Slogans;
- ``unnamed_authority``: unnamed experts, scientists or observers invoked as the authority for
  a claim ("experts agree", "according to leading analysts"): Appeal_to_Authority;
- ``absolute_claim``: an absolute quantity ("not a single case", "without exception"):
  Exaggeration,Minimisation.

Patterns read the name-masked text, as the detector does, so they apply alike to every side.
They are not fitted: each pattern's score is its precision measured on the training corpus
(a match is right when it lies mostly inside a labelled span of its technique), stored in the
model's ``model.json`` by ``spinscope train techniques``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["PATTERNS", "Match", "find_matches"]

_QUOTED = re.compile(r"[\"“«„]([^\"“”«»„\n]{1,600})[\"”»“]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SUFFIXES = {"ing", "ion", "ent", "ers", "ies", "ity", "ble", "ted", "ess", "ous", "ate", "ive", "ism", "ist"}
_SPEECH_VERBS = re.compile(r"\b(said|says|say|told|added|stated|declared|noted|stressed|asked|wrote)\b", re.I)
_SLOGAN_CUES = re.compile(
    r"\b(chant\w*|slogan\w*|motto\w*|cry|cries|rallying|banners?|flags?|placards?|posters?|shout\w*)\b"
    r"[^.!?\n]{0,40}$",
    re.I,
)
_AUTHORITY = re.compile(
    r"\b(?:(?:according to|as)\s+)?(?:(?:many|most|all|leading|top|independent|international|foreign|renowned|"
    r"respected|prominent|serious|numerous|countless)\s+)+(?:experts?|scientists?|analysts?|observers?|specialists?|"
    r"scholars?|historians?|economists?)\b(?:\s+(?:agree|say|believe|confirm|warn|have\s+\w+|acknowledge|recogni[sz]e)\w*)?"
    r"|\b(?:experts?|scientists?|analysts?|observers?|specialists?|scholars?|historians?)\s+"
    r"(?:agree|unanimously\s+\w+|all\s+agree|have\s+long\s+\w+|confirm\w*|acknowledge\w*)\b"
    r"|\b(?:studies|research|science)\s+(?:shows?|proves?|has\s+proven|confirms?)\b"
    r"|\bno\s+(?:serious|reputable|honest)\s+(?:expert|scientist|historian|analyst|observer)\b",
    re.I,
)
_ABSOLUTE = re.compile(
    r"\bnot\s+(?:a\s+single|one\s+single|one)\s+\w+"
    r"|\bwithout\s+(?:a\s+single\s+)?exception\b"
    r"|\bevery\s+single\s+\w+"
    r"|\b(?:100|one\s+hundred)\s+(?:percent|per\s+cent|%)\b"
    r"|\bno\s+(?:one|force)\s+(?:in\s+the\s+world\s+)?(?:can|could|will|would|ever)\b[^.,;!?\n]{0,30}"
    r"|\bnever\s+(?:once|again|before\s+in\s+history)\b",
    re.I,
)


@dataclass(frozen=True)
class Match:
    """One pattern match in masked offsets, with the other places that back it."""

    start: int
    end: int
    pattern: str
    technique: str
    reason: str
    evidence: tuple[tuple[int, int], ...] = ()


def _repeated_address(text: str, quoted: Sequence[tuple[int, int]]) -> Iterator[Match]:
    """Openings of two to six words used three times or more inside quoted speech."""
    openings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end in quoted:
        for clause in re.finditer(r"[^.!?;:,—–\n]+", text[start:end]):
            if clause.start() and text[start + clause.start() - 1] == ",":
                continue  # an opening starts a sentence or a quote, and ends at its first comma
            words = list(_WORD.finditer(clause.group()))
            for size in range(2, min(6, len(words)) + 1):
                first, last = words[0], words[size - 1]
                key = " ".join(word.group().lower() for word in words[:size])
                openings[key].append((start + clause.start() + first.start(), start + clause.start() + last.end()))
    taken: list[tuple[int, int]] = []
    for key, places in sorted(openings.items(), key=lambda item: -len(item[0])):
        if len(places) < 3 or not any(len(word) > 3 for word in key.split()):
            continue
        if any(start < end_taken and start_taken < end for start, end in places for start_taken, end_taken in taken):
            continue  # a longer repeated opening already covers it
        taken.extend(places)
        for place in places:
            others = tuple(other for other in places if other != place)
            why = f"said {len(places)} times in the quoted speech"
            yield Match(*place, "repeated_address", "Repetition", why, others)


def _quoted_slogans(text: str, quoted: Sequence[tuple[int, int]]) -> Iterator[Match]:
    """Short quoted lines that exclaim, rhyme, or are introduced as a chant or motto."""
    for start, end in quoted:
        inner = text[start:end].strip()
        words = _WORD.findall(inner)
        if not 2 <= len(words) <= 8 or _SPEECH_VERBS.search(inner):
            continue
        before = text[max(0, start - 60) : start - 1]
        if inner.endswith("!"):
            reason = "a short quoted exclamation"
        elif _rhymes(inner):
            reason = "a short quoted line that rhymes"
        elif _SLOGAN_CUES.search(before):
            reason = "a short quoted line introduced as a chant or motto"
        else:
            continue
        offset = text.index(inner, start)
        yield Match(offset, offset + len(inner), "quoted_slogan", "Slogans", reason)


def _exclaimed_slogans(
    text: str, sentences: Sequence[tuple[int, int]], quoted: Sequence[tuple[int, int]]
) -> Iterator[Match]:
    """Sentences of two to six words ending in "!" (outside quotes: those are `_quoted_slogans`)."""
    for start, end in sentences:
        if "!" not in text[start:end]:
            continue  # the search below would try every position of the sentence
        for part in re.finditer(r"[^.!?\"“”«»]+!", text[start:end]):
            inner = part.group().strip()
            first = start + part.start() + part.group().index(inner)
            if any(q_start <= first < q_end for q_start, q_end in quoted):
                continue
            if 2 <= len(_WORD.findall(inner)) <= 6:
                yield Match(first, first + len(inner), "exclaimed_slogan", "Slogans", "a short exclamation of its own")


def _rhymes(line: str) -> bool:
    """Whether the line's two halves (split at a comma or dash) end in rhyming words.

    Words rhyme when they share their last three letters, unless those are a common suffix
    ("-ing", "-ion", ...), which makes prose rhyme by accident.
    """
    halves = [_WORD.findall(half) for half in re.split(r"[,;—–-]", line)]
    ends = [words[-1].lower() for words in halves if words]
    if len(ends) < 2 or any(len(end) < 3 for end in ends[-2:]):
        return False
    first, last = ends[-2], ends[-1]
    return first != last and first[-3:] == last[-3:] and last[-3:] not in _SUFFIXES


def _regex(pattern: re.Pattern[str], name: str, technique: str, reason: str, text: str) -> Iterator[Match]:
    for match in pattern.finditer(text):
        yield Match(match.start(), match.end(), name, technique, reason)


PATTERNS = {
    "repeated_address": "Repetition",
    "quoted_slogan": "Slogans",
    "exclaimed_slogan": "Slogans",
    "unnamed_authority": "Appeal_to_Authority",
    "absolute_claim": "Exaggeration,Minimisation",
}


def find_matches(text: str, sentences: Sequence[tuple[int, int]]) -> list[Match]:
    """Every pattern's matches in `text` (masked), in text order."""
    quoted = [(match.start(1), match.end(1)) for match in _QUOTED.finditer(text)]
    found = [
        *_repeated_address(text, quoted),
        *_quoted_slogans(text, quoted),
        *_exclaimed_slogans(text, sentences, quoted),
        *_regex(_AUTHORITY, "unnamed_authority", "Appeal_to_Authority", "unnamed experts invoked as authority", text),
        *_regex(_ABSOLUTE, "absolute_claim", "Exaggeration,Minimisation", "an absolute claim", text),
    ]
    return sorted(found, key=lambda match: (match.start, match.end, match.pattern))
