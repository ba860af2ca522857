"""The Propaganda Techniques Corpus (SemEval-2020 Task 11): reading it and scoring against it.

Scores follow the task's definitions:
- SI (span identification): spans of one article are merged where they overlap, then
  precision = sum over predicted spans s, gold spans t of |s & t| / |s|, divided by the number of
  predicted spans; recall likewise with |t| and the number of gold spans; F1 of the two.
  Sums run over all articles before dividing.
- TC (technique classification): one technique per gold span; micro-averaged F1, which with
  exactly one prediction per gold span equals accuracy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from spinscope.document import Metadata
from spinscope.errors import InputError, PipelineError
from spinscope.eval import Scores, f1_score
from spinscope.progress import Progress
from spinscope.settings import Settings

__all__ = [
    "GoldSpan",
    "PtcArticle",
    "PtcEvaluation",
    "TechniqueScores",
    "evaluate_ptc",
    "load_ptc",
    "merge_spans",
    "mostly_inside",
    "score_spans",
    "score_techniques",
]

_ARTICLE_NAME = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True)
class GoldSpan:
    """One labelled span: a technique over `[start, end)` of the article text."""

    start: int
    end: int
    technique: str


@dataclass(frozen=True)
class PtcArticle:
    """One article of the corpus, read exactly as UTF-8 code points, with its labels."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]


@dataclass(frozen=True)
class TechniqueScores:
    """TC micro-F1 overall and F1 per technique."""

    micro_f1: float
    per_technique: dict[str, float]
    support: dict[str, int]


def load_ptc(articles: Path, labels: Path) -> list[PtcArticle]:
    """Read the articles in folder `articles` and the technique labels file `labels`.

    `labels` is the task's TC format (``id<TAB>technique<TAB>start<TAB>end``), one file or a
    folder of per-article files. Articles without labels get none.

    Raises:
        InputError: A path is missing, or a label line is malformed or outside its article.
    """
    if not articles.is_dir():
        raise InputError(f"articles folder {articles} does not exist: pass the folder of articleNNN.txt files")
    if not labels.exists():
        raise InputError(f"labels {labels} do not exist: pass the task's TC labels file or folder")
    by_article: dict[str, list[GoldSpan]] = defaultdict(list)
    for path in sorted(labels.glob("*.labels")) if labels.is_dir() else [labels]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit():
                raise InputError(
                    f"{path}:{number}: expected id<TAB>technique<TAB>start<TAB>end, got {line!r}", code="input.labels"
                )
            by_article[fields[0]].append(GoldSpan(int(fields[2]), int(fields[3]), fields[1]))
    result = []
    for path in sorted(articles.iterdir()):
        match = _ARTICLE_NAME.search(path.name)
        if not match:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        spans = tuple(sorted(by_article.get(match.group(1), ()), key=lambda span: (span.start, span.end)))
        for span in spans:
            if not 0 <= span.start < span.end <= len(text):
                raise InputError(
                    f"label {span} lies outside article {match.group(1)} ({len(text)} characters)", code="input.labels"
                )
        result.append(PtcArticle(match.group(1), text, spans))
    if not result:
        raise InputError(f"no articleNNN.txt files in {articles}", code="input.empty")
    return result


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching-free spans joined: the task scores merged spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def score_spans(predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]) -> Scores:
    """SI scores of `predicted` against `gold`, both keyed by article id (partial credit: no `correct`)."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for article in set(predicted) | set(gold):
        ours, theirs = merge_spans(predicted.get(article, [])), merge_spans(gold.get(article, []))
        n_predicted += len(ours)
        n_gold += len(theirs)
        for start, end in ours:
            for gold_start, gold_end in theirs:
                overlap = min(end, gold_end) - max(start, gold_start)
                if overlap > 0:
                    precision_sum += overlap / (end - start)
                    recall_sum += overlap / (gold_end - gold_start)
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return Scores(precision, recall, f1_score(precision, recall), n_predicted, n_gold)


def score_techniques(predicted: list[str], gold: list[str]) -> TechniqueScores:
    """TC micro-F1 and per-technique F1 of one predicted technique per gold span."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold spans: give exactly one each")
    correct = sum(1 for ours, theirs in zip(predicted, gold, strict=True) if ours == theirs)
    micro = correct / len(gold) if gold else 0.0
    support = Counter(gold)
    guessed = Counter(predicted)
    hits = Counter(theirs for ours, theirs in zip(predicted, gold, strict=True) if ours == theirs)
    per_technique = {}
    for technique in sorted(support | guessed):
        precision = hits[technique] / guessed[technique] if guessed[technique] else 0.0
        recall = hits[technique] / support[technique] if support[technique] else 0.0
        per_technique[technique] = f1_score(precision, recall)
    return TechniqueScores(micro, per_technique, dict(support))


@dataclass(frozen=True)
class PtcEvaluation:
    """SI and TC figures of a techniques model on a set of labelled articles."""

    articles: int
    si: Scores
    tc: TechniqueScores
    shown: int = 0  # reported spans at or above the model's operating point
    shown_right: int = 0  # of those, the ones mostly inside a gold span of their technique

    @property
    def shown_precision(self) -> float:
        """How often a span shown by default was right (0 when none was shown)."""
        return self.shown_right / self.shown if self.shown else 0.0


def evaluate_ptc(
    articles: list[PtcArticle], *, settings: Settings | None = None, progress: Progress | None = None
) -> PtcEvaluation:
    """Run the techniques model on `articles`: SI from its own spans, TC on the gold spans.

    `progress` gets ("scoring", articles done, articles in all).
    """
    from spinscope.analysis import analyze_text, classify_spans

    settings = replace(settings or Settings(), stages=("techniques",))
    predicted: dict[str, list[tuple[int, int]]] = {}
    gold: dict[str, list[tuple[int, int]]] = {}
    guessed: list[str] = []
    labelled: list[str] = []
    shown = shown_right = 0
    for done, article in enumerate(articles, start=1):
        document = analyze_text(article.text, metadata=Metadata(), settings=settings)
        if document.error is not None or "techniques" not in document.layers:
            raise PipelineError(f"article {article.id} was not analysed: {document.stages}")
        predicted[article.id] = [(span.start, span.end) for span in document.layers["techniques"]]
        gold[article.id] = [(span.start, span.end) for span in article.spans]
        for found in document.layers["techniques"]:
            if found.shown:
                shown += 1
                shown_right += mostly_inside(
                    found.start,
                    found.end,
                    [(span.start, span.end) for span in article.spans if span.technique == found.technique],
                )
        if article.spans:
            found = classify_spans(document, [(span.start, span.end) for span in article.spans], settings=settings)
            guessed.extend(item.technique for item in found)
            labelled.extend(span.technique for span in article.spans)
        if progress:
            progress("scoring", done, len(articles))
    return PtcEvaluation(
        len(articles), score_spans(predicted, gold), score_techniques(guessed, labelled), shown, shown_right
    )


def mostly_inside(start: int, end: int, gold: list[tuple[int, int]]) -> bool:
    """Whether at least half of `[start, end)` lies inside the (merged) `gold` spans."""
    covered = sum(max(0, min(end, gold_end) - max(start, gold_start)) for gold_start, gold_end in merge_spans(gold))
    return covered * 2 >= end - start
