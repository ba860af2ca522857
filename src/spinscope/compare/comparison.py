"""`compare_documents`: analysed articles in, a `Comparison` out (alignment, differences, word choices)."""

from __future__ import annotations

import difflib
import re
import string
from collections import Counter
from collections.abc import Sequence

from spinscope.compare.align import align
from spinscope.compare.crosslang import (
    CAUSE_SIMILARITY_MULTILINGUAL,
    LOOSE_MARGIN,
    NAME_SIMILARITY_MULTILINGUAL,
    POSITION_WEIGHT,
    embed_units_multilingual,
    mixed_languages,
    same_language_thresholds,
)
from spinscope.compare.differences import CAUSE_SIMILARITY, build_place_levels, facts_differ, find_differences
from spinscope.compare.lexicon import Lexicon, load_lexicon
from spinscope.compare.report import Comparison, Entry, Group, SourceInfo, TermRow, WordChoice
from spinscope.compare.units import Unit, build_units, embed_units_with
from spinscope.document import Document
from spinscope.errors import ConfigError
from spinscope.settings import CompareSettings, Settings

__all__ = ["compare_documents", "embed_units"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)?")
_FUNCTION = frozenset(
    "a an the of to in on at by for from with and or but it its they them their this that these those was were"
    " is are be been being had has have said says say told would will could should may might as into onto over"
    " near than".split()
)


def compare_documents(documents: Sequence[Document], *, settings: Settings | None = None) -> Comparison:
    """Compare analysed articles about the same events, claim by claim.

    Args:
        documents: Two or more analysed documents (with sentences, entities and timexes).
        settings: `Settings.compare` gives the lexicon file and the alignment threshold.

    Raises:
        ConfigError: (``config.compare``) Fewer than two documents, or one that failed or lacks
            a layer; (``config.lexicon``) a lexicon file that cannot be read.
    """
    options = (settings or Settings()).compare
    if len(documents) < 2:
        raise ConfigError(f"compare needs at least two articles, got {len(documents)}", code="config.compare")
    lexicon = load_lexicon(options.lexicon)
    units = [build_units(document, source, lexicon) for source, document in enumerate(documents)]
    if mixed_languages(documents):
        # Articles in different languages: multilingual embeddings and their own thresholds.
        vectors, similarity = embed_units_multilingual(units, settings=settings)
        return _comparison(
            documents,
            units,
            vectors,
            similarity,
            lexicon,
            options,
            threshold=options.multilingual_threshold,
            cause_similarity=CAUSE_SIMILARITY_MULTILINGUAL,
            name_similarity=NAME_SIMILARITY_MULTILINGUAL,
            pair_thresholds=same_language_thresholds(documents, options.multilingual_threshold),
            loose_threshold=options.multilingual_threshold - LOOSE_MARGIN,
            position_weight=POSITION_WEIGHT,
        )
    vectors, similarity = embed_units(units, settings=settings)
    return _comparison(documents, units, vectors, similarity, lexicon, options)


def embed_units(units: Sequence[Sequence[Unit]], *, settings: Settings | None = None):
    """Unit embeddings by ``(source, index)`` from the shared MiniLM encoder, and a cached text similarity."""
    from spinscope.models.encoder import ENCODER_DIR, embed, load_encoder

    encoder = load_encoder(ENCODER_DIR, (settings or Settings()).threads)
    return embed_units_with(units, lambda texts: embed(encoder, texts))


def _comparison(
    documents,
    units,
    vectors,
    similarity,
    lexicon: Lexicon,
    options: CompareSettings,
    *,
    threshold: float | None = None,
    cause_similarity: float = CAUSE_SIMILARITY,
    name_similarity: float | None = None,
    pair_thresholds: dict[tuple[int, int], float] | None = None,
    loose_threshold: float | None = None,
    position_weight: float = 0.0,
) -> Comparison:
    threshold = options.threshold if threshold is None else threshold
    levels = build_place_levels(unit for source in units for unit in source)
    alignment = align(
        units,
        vectors,
        threshold=threshold,
        pair_thresholds=pair_thresholds,
        loose_threshold=loose_threshold,
        position_weight=position_weight,
        apart=None if loose_threshold is None else lambda one, other: facts_differ(one, other, levels),
    )
    count = len(documents)
    groups, choices = [], []
    for number, (members, score) in enumerate(zip(alignment.groups, alignment.scores, strict=True)):
        present = [units[source][index] for source, index in sorted(members.items())]
        differences = (
            find_differences(
                present,
                similarity,
                cause_similarity=cause_similarity,
                name_similarity=name_similarity,
                levels=levels,
            )
            if len(present) > 1
            else []
        )
        involved = {source for difference in differences for source in difference.sources}
        entries = []
        for source in range(count):
            if source not in members:
                entries.append(Entry("omits"))
                continue
            unit = units[source][members[source]]
            entries.append(
                Entry("differs" if source in involved else "asserts", unit.text, unit.span.start, unit.span.end)
            )
        groups.append(Group(tuple(entries), tuple(differences), score))
        choices.extend(_word_choices(number, present, count))
    return Comparison(
        sources=tuple(_source(document, n) for n, document in enumerate(documents)),
        groups=tuple(groups),
        terminology=_terminology(documents, lexicon),
        word_choices=tuple(choices),
        threshold=threshold,
    )


def _source(document: Document, number: int) -> SourceInfo:
    label = string.ascii_uppercase[number] if number < 26 else f"S{number + 1}"
    return SourceInfo(label, document.id, document.metadata.title, document.source.name or document.metadata.url)


def _terminology(documents: Sequence[Document], lexicon: Lexicon) -> tuple[TermRow, ...]:
    counts: dict[str, list[Counter[str]]] = {}
    for source, document in enumerate(documents):
        for use in lexicon.find(document.text):
            counts.setdefault(use.referent, [Counter() for _ in documents])[source][use.term] += 1
    rows = []
    for referent_id in sorted(counts, key=lambda key: list(lexicon.referents).index(key)):
        referent = lexicon.referents[referent_id]
        uses = tuple(
            tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0]))) for counter in counts[referent_id]
        )
        rows.append(TermRow(referent.id, referent.name, referent.kind, uses))
    return tuple(rows)


def _word_choices(group: int, present: Sequence[Unit], count: int) -> list[WordChoice]:
    """Short phrases that replace each other between two sources' versions of one claim."""
    found = []
    for n, one in enumerate(present):
        for other in present[n + 1 :]:
            if one.language != other.language:
                continue  # words of two languages replace each other everywhere: no choice of words
            a, b = _tokens(one), _tokens(other)
            matcher = difflib.SequenceMatcher(a=[t.lower() for t, _ in a], b=[t.lower() for t, _ in b], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "replace" or not (i2 - i1 <= 3 and j2 - j1 <= 3):
                    continue
                left, right = a[i1:i2], b[j1:j2]
                if not (_content(left) and _content(right)) or _covered(one, left) or _covered(other, right):
                    continue
                phrases: list[str | None] = [None] * count
                phrases[one.source] = _phrase(one, left)
                phrases[other.source] = _phrase(other, right)
                found.append(WordChoice(group, tuple(phrases)))
    return found


def _tokens(unit: Unit) -> list[tuple[str, int]]:
    return [(match.group(0), match.start()) for match in _TOKEN.finditer(unit.text)]


def _content(tokens: Sequence[tuple[str, int]]) -> bool:
    return any(
        token.isalpha() and len(token) > 2 and token.lower() not in _FUNCTION for token, _ in tokens
    ) and not any(any(ch.isdigit() for ch in token) for token, _ in tokens)


def _covered(unit: Unit, tokens: Sequence[tuple[str, int]]) -> bool:
    """Whether the tokens touch a lexicon word, a date or a number (reported elsewhere)."""
    start, end = unit.span.start + tokens[0][1], unit.span.start + tokens[-1][1] + len(tokens[-1][0])
    spans = [(u.start, u.end) for u in unit.uses] + [(t.start, t.end) for t in unit.timexes]
    return any(s < end and start < e for s, e in spans)


def _phrase(unit: Unit, tokens: Sequence[tuple[str, int]]) -> str:
    return unit.text[tokens[0][1] : tokens[-1][1] + len(tokens[-1][0])]
