"""Quote attribution measured on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR annotates every attribution of 1,008 US political news articles in brat standoff:
a Source (the speaker mention), a Cue and a Content span, tied together by an event line.
Where an article has several annotators' files, the first in name order is the gold.

Measures, end to end (every gold attribution counts, found or not):
- content, exact: a predicted quote's extent equals a gold content's extent (a discontinuous
  gold content is taken from its first character to its last);
- content, overlap: predicted and gold contents share characters, paired one to one, largest
  overlap first;
- speaker: an overlap pair whose predicted speaker mention overlaps the gold source (or where
  neither has one). Precision is over all predicted quotes, recall over all gold attributions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spinscope.document import Document, Metadata, Quote, Source
from spinscope.errors import InputError
from spinscope.eval import Scores
from spinscope.pipeline import build_pipeline
from spinscope.progress import Progress
from spinscope.settings import Settings

__all__ = [
    "Attribution",
    "PolnearArticle",
    "QuoteEvaluation",
    "evaluate_quotes",
    "load_polnear",
    "predicted_attributions",
    "score_attributions",
]

SPLITS = ("train", "dev", "test")
Extent = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One attribution: its content extent and its source mention (None when unsourced)."""

    content: Extent
    source: Extent | None = None


@dataclass(frozen=True)
class PolnearArticle:
    """One article's text and gold attributions."""

    name: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class QuoteEvaluation:
    """The three measures over a set of articles."""

    articles: int
    content_exact: Scores
    content_overlap: Scores
    speaker: Scores


def load_polnear(folder: Path, split: str) -> list[PolnearArticle]:
    """Read one split of PolNeAR from its root (the folder with ``data/``) or its ``data/`` folder.

    Raises:
        InputError: The split is unknown, or its folder or an annotation line is malformed.
    """
    if split not in SPLITS:
        raise InputError(f"split must be one of {', '.join(SPLITS)}, got {split!r}", code="input.polnear")
    base = next((path for path in (folder / "data" / split, folder / split) if (path / "text").is_dir()), None)
    if base is None:
        raise InputError(
            f"{folder} has no data/{split}/text folder; give the PolNeAR root (the folder with data/)",
            code="input.polnear",
        )
    annotations = sorted((base / "attributions").glob("*.ann"))
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        files = [path for path in annotations if path.name.startswith(text_path.stem + "_")]
        gold = _read_ann(files[0]) if files else ()
        articles.append(PolnearArticle(text_path.stem, text_path.read_text(encoding="utf-8"), gold))
    if not articles:
        raise InputError(f"{base / 'text'} holds no .txt articles", code="input.polnear")
    return articles


_TEXT_BOUND = re.compile(r"^(T\d+)\t(\w[\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")


def _read_ann(path: Path) -> tuple[Attribution, ...]:
    spans: dict[str, Extent] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _TEXT_BOUND.match(line):
            numbers = [int(n) for n in re.findall(r"\d+", match.group(3))]
            spans[match.group(1)] = (min(numbers[0::2]), max(numbers[1::2]))
        elif match := _EVENT.match(line):
            roles = dict(part.split(":", 1) for part in match.group(2).split() if ":" in part)
            events.append(roles)
    attributions = []
    for roles in events:
        if roles.get("Content") not in spans:
            continue  # an attribution with no content cannot be matched
        source = spans.get(roles.get("Source", ""))
        attributions.append(Attribution(spans[roles["Content"]], source))
    return tuple(sorted(attributions, key=lambda item: item.content))


def predicted_attributions(quotes: Iterable[Quote]) -> list[Attribution]:
    """spinscope's quotes in the shape of gold attributions."""
    return [
        Attribution(
            (quote.start, quote.end),
            (quote.speaker.start, quote.speaker.end)
            if quote.speaker is not None and quote.speaker.start is not None and quote.speaker.end is not None
            else None,
        )
        for quote in quotes
    ]


def score_attributions(
    predicted: Mapping[str, Sequence[Attribution]], gold: Mapping[str, Sequence[Attribution]]
) -> tuple[Scores, Scores, Scores]:
    """Content exact, content overlap and speaker scores, summed over articles."""
    exact = overlap = speaker = 0
    for name, gold_items in gold.items():
        found = predicted.get(name, ())
        exact += len({item.content for item in found} & {item.content for item in gold_items})
        for guess, truth in _pairs(found, gold_items):
            overlap += 1
            speaker += _same_source(guess.source, truth.source)
    total_predicted = sum(len(items) for items in predicted.values())
    total_gold = sum(len(items) for items in gold.values())
    return (
        Scores.of(exact, total_predicted, total_gold),
        Scores.of(overlap, total_predicted, total_gold),
        Scores.of(speaker, total_predicted, total_gold),
    )


def _pairs(found: Sequence[Attribution], gold: Sequence[Attribution]) -> list[tuple[Attribution, Attribution]]:
    """One-to-one pairs of overlapping contents, the largest overlaps first."""
    candidates = []
    for i, guess in enumerate(found):
        for j, truth in enumerate(gold):
            shared = min(guess.content[1], truth.content[1]) - max(guess.content[0], truth.content[0])
            if shared > 0:
                candidates.append((shared, i, j))
    used_found, used_gold, pairs = set(), set(), []
    for _, i, j in sorted(candidates, key=lambda item: (-item[0], item[1], item[2])):
        if i not in used_found and j not in used_gold:
            used_found.add(i)
            used_gold.add(j)
            pairs.append((found[i], gold[j]))
    return pairs


def _same_source(guess: Extent | None, truth: Extent | None) -> bool:
    if guess is None or truth is None:
        return guess is None and truth is None
    return min(guess[1], truth[1]) > max(guess[0], truth[0])


def evaluate_quotes(
    articles: Sequence[PolnearArticle],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> QuoteEvaluation:
    """Run the quotes stage over `articles` and score it against their gold attributions.

    `progress` gets ("scoring", articles done, articles in all).
    """
    pipeline = build_pipeline(replace(settings or Settings(), stages=("quotes",)))
    documents = (Document(a.text, source=Source("text", a.name), metadata=Metadata()) for a in articles)
    predicted: dict[str, list[Attribution]] = {}
    for done, document in enumerate(pipeline.run(documents), start=1):
        predicted[document.source.name or ""] = predicted_attributions(document.layers.get("quotes", ()))
        if progress:
            progress("scoring", done, len(articles))
    exact, overlap, speaker = score_attributions(predicted, {a.name: a.attributions for a in articles})
    return QuoteEvaluation(len(articles), exact, overlap, speaker)
