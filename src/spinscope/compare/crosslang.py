"""Comparing articles in different languages: which encoder aligns them, at which thresholds.

The English comparison reads MiniLM embeddings (`spinscope.models.encoder`), which know
English only. When the compared documents are not all in one language, every unit is embedded
by multilingual-e5-small instead (`spinscope.models.multilingual`, e5's ``query:`` prefix for
sentences compared symmetrically), where a sentence and its translation land close together.
e5's cosines run higher than MiniLM's (two unrelated news sentences often score 0.75), so the
alignment threshold (`CompareSettings.multilingual_threshold`), the looser pass's margin under
it (`LOOSE_MARGIN`), the weight of where two sentences stand (`POSITION_WEIGHT`), the
causal-clause threshold (`CAUSE_SIMILARITY_MULTILINGUAL`) and the translated-name threshold
(`NAME_SIMILARITY_MULTILINGUAL`) are e5's own, chosen on the development groups
(tests/fixtures/compare-crosslang, benchmarks/data/compare-crosslang and
benchmarks/data/compare-crosslang-2, with `benchmarks/compare_crosslang.py --sweep`; the
position weight also on benchmarks/data/compare-crosslang-3, once it was development data).

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
# under the threshold, for pairs that share a place, a name, numbers of one kind or dates. On the
# development groups every such pair between 0.82 and 0.85 told one claim (and most carried a
# planted difference that had lowered their cosine); the nearest wrong pair with shared evidence
# scored 0.78.
LOOSE_MARGIN = 0.03
# Across languages a planted change lowers e5's cosine of two versions of one claim to where a
# look-alike sentence of the same event can outscore it by a hundredth or two: who is whose best
# then also weighs where the sentences stand (`spinscope.compare.align`). On the development
# groups 84 to 100% of the aligned pairs stand within 0.15 of each other's relative place,
# against about a quarter of the unaligned pairs scoring 0.83 or more; 0.05 to 0.1 found the
# same or more differences on every group, with no more false ones.
POSITION_WEIGHT = 0.08
# e5 scores two sentences of one language higher than a sentence and its translation: in a
# comparison across languages, two sources of one language need this much more to align.
SAME_LANGUAGE_MARGIN = 0.04


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
    units: Sequence[Sequence[Unit]], *, settings: Settings | None = None
) -> tuple[dict[tuple[int, int], np.ndarray], Callable[[str, str], float]]:
    """Unit embeddings by ``(source, index)`` from multilingual-e5-small, and a cached text similarity."""
    from spinscope.models.multilingual import load_multilingual

    encoder = load_multilingual((settings or Settings()).threads)
    return embed_units_with(units, lambda texts: encoder.embed(texts, kind="query"))
