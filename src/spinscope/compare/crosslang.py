"""Comparing articles in different languages: which encoder aligns them, at which thresholds.

The English comparison reads MiniLM embeddings (`spinscope.models.encoder`), which know
English only. When the compared documents are not all in one language, every unit is embedded
by multilingual-e5-small instead (`spinscope.models.multilingual`, e5's ``query:`` prefix for
sentences compared symmetrically), where a sentence and its translation land close together,
and alignment reads them through the adapter fitted on the gold pairs of compare sets 1 to 28
(`spinscope.models.alignment`), which spreads apart the sentences of one event that tell
different facts. The alignment threshold (`CompareSettings.multilingual_threshold`), the looser
pass's margin under it (`LOOSE_MARGIN`) and the margin of two sources in one language
(`SAME_LANGUAGE_MARGIN`) are the adapter's own, chosen on sets 29 to 36, which it was not fitted
on (threshold 0.30 to 0.38 and margins 0.1 to 0.5 tried; 0.35 gave mean alignment F1 0.878 and
202 of 320 planted differences there, against 0.836 and 196 without the adapter). The weight of
where two sentences stand (`POSITION_WEIGHT`), the causal-clause threshold
(`CAUSE_SIMILARITY_MULTILINGUAL`) and the translated-name threshold
(`NAME_SIMILARITY_MULTILINGUAL`), which read e5's own cosines, were chosen on the first
development groups (tests/fixtures/compare-crosslang, benchmarks/data/compare-crosslang and -2
and -3, with `benchmarks/compare_crosslang.py --sweep`).

Invariant: the choice depends only on the documents' languages, so a comparison of English
articles is the same as before this module existed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from spinscope.compare.units import Unit, embed_units_with
from spinscope.document import Document
from spinscope.language import language_of
from spinscope.settings import Settings

__all__ = [
    "CAUSE_SIMILARITY_MULTILINGUAL",
    "LOOSE_MARGIN",
    "NAME_SIMILARITY_MULTILINGUAL",
    "POSITION_WEIGHT",
    "SAME_LANGUAGE_MARGIN",
    "embed_units_multilingual",
    "mixed_languages",
    "same_language_thresholds",
]

CAUSE_SIMILARITY_MULTILINGUAL = 0.86
# An organisation's name and its translation («Служба государственной безопасности», "State
# Security Service": 0.90) against two bodies' names (0.79 to 0.86 on the development groups).
NAME_SIMILARITY_MULTILINGUAL = 0.87
# The looser second alignment pass (`spinscope.compare.align`) across languages reaches this far
# under the threshold, for pairs that share a place, a name, numbers of one kind or dates.
LOOSE_MARGIN = 0.05
# Across languages a planted change lowers the cosine of two versions of one claim to where a
# look-alike sentence of the same event can outscore it: who is whose best then also weighs where
# the sentences stand (`spinscope.compare.align`). On the development groups 84 to 100% of the
# aligned pairs stand within 0.15 of each other's relative place.
POSITION_WEIGHT = 0.08
# The adapter was fitted on pairs across languages only; two sources of one language in a
# comparison across languages need this much more to align, where e5 scores sentences of one
# language that share only a topic high.
SAME_LANGUAGE_MARGIN = 0.3


def mixed_languages(documents: Sequence[Document]) -> bool:
    """Whether the documents are not all in one language (a failed document counts as none)."""
    return len({language_of(document) for document in documents if document.error is None}) > 1


def same_language_thresholds(documents: Sequence[Document], threshold: float) -> dict[tuple[int, int], float]:
    """The alignment threshold of each pair of sources ``(i, j)`` in one language: `threshold`
    raised by `SAME_LANGUAGE_MARGIN` (at most 1)."""
    languages = [language_of(document) for document in documents]
    return {
        (i, j): min(1.0, threshold + SAME_LANGUAGE_MARGIN)
        for i in range(len(documents))
        for j in range(i + 1, len(documents))
        if languages[i] == languages[j]
    }


def embed_units_multilingual(
    units: Sequence[Sequence[Unit]], *, settings: Settings | None = None, adapted: bool = True
) -> tuple[dict[tuple[int, int], np.ndarray], Callable[[str, str], float]]:
    """Unit embeddings by ``(source, index)`` from multilingual-e5-small, through the alignment
    adapter (`spinscope.models.alignment`) unless `adapted` is False, and a cached text
    similarity of e5's own embeddings (for causes and names)."""
    from spinscope.models.alignment import load_adapter
    from spinscope.models.multilingual import load_multilingual

    encoder = load_multilingual((settings or Settings()).threads)
    vectors, similarity = embed_units_with(units, lambda texts: encoder.embed(texts, kind="query"))
    if not adapted or not vectors:
        return vectors, similarity
    keys = list(vectors)
    rows = load_adapter().apply(np.stack([vectors[key] for key in keys]))
    return dict(zip(keys, rows, strict=True)), similarity
