"""SemEval-2023 Task 3, subtask 3 (persuasion techniques per paragraph): reading it, scoring, writing.

The corpus, per language: a folder of ``article<ID>.txt`` files and a labels file of
``article_id<TAB>paragraph_no<TAB>technique,technique,...`` rows. A paragraph is one line of
the article file: `paragraph_no` is its 1-based line number, empty lines are not listed. Files
are read exactly as stored (``newline=""``): many use CRLF, and offsets count the ``\\r``.

Invariants: a `Paragraph`'s `start`/`end` are code-point offsets into its article's text,
trimmed of white space (so ``text[start:end] == paragraph.text``); paragraphs are in line order;
the score is the task's micro-F1 over (article, paragraph, technique) triples, and the output
format is the task's, so a file written here can be scored by the official scorer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.errors import InputError
from spinscope.eval import f1_score

__all__ = [
    "TECHNIQUES_2023",
    "Article",
    "Paragraph",
    "PairScores",
    "evaluate_subtask3",
    "load_semeval2023",
    "load_subtask3",
    "paragraph_lines",
    "score_pairs",
    "write_subtask3",
]

# The 23 techniques of SemEval-2023 Task 3, spelled and ordered as in its techniques_subtask3.txt.
TECHNIQUES_2023 = (
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    "Slogans",
    "Appeal_to_Time",
    "Conversation_Killer",
    "Loaded_Language",
    "Repetition",
    "Exaggeration-Minimisation",
    "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling",
    "Doubt",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)

_ARTICLE_NAME = re.compile(r"article(\d+)\.txt$")
_SPAN_LABELS = re.compile(r"article(\d+)-labels-subtask-3\.txt$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (a non-empty line) of an article, with its gold techniques if known."""

    number: int  # 1-based line number in the article file
    start: int
    end: int
    text: str
    techniques: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Article:
    """One article read exactly as stored, its paragraphs, and its gold technique spans."""

    id: str
    language: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, technique), offsets into `text`


@dataclass(frozen=True)
class PairScores:
    """Micro precision, recall and F1 over (paragraph, technique) pairs, and F1 per technique."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    per_technique: dict[str, float] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)


def paragraph_lines(text: str) -> list[tuple[int, int, int]]:
    """`(number, start, end)` of every non-blank line of `text`, trimmed, numbered from 1.

    Lines end at ``\\n``; a ``\\r`` before it is white space and trimmed, as is any other.
    """
    found = []
    position = 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            found.append((number, start, start + len(stripped)))
        position += len(line) + 1
    return found


def load_semeval2023(folder: Path, *, language: str) -> list[Article]:
    """Read one language's subtask-3 training folder: articles, paragraph labels and span labels.

    Args:
        folder: The folder holding ``train-articles-subtask-3/``, ``train-labels-subtask-3.txt``
            and, optionally, ``train-labels-subtask-3-spans/``.
        language: The ISO 639-1 code recorded on each article ("ru", "en", ...).

    Raises:
        InputError: As `load_subtask3`.
    """
    return load_subtask3(
        folder / "train-articles-subtask-3",
        folder / "train-labels-subtask-3.txt",
        language=language,
        spans=folder / "train-labels-subtask-3-spans",
    )


def load_subtask3(articles: Path, labels: Path, *, language: str, spans: Path | None = None) -> list[Article]:
    """Read a folder of ``article<ID>.txt`` files with their paragraph labels (and span labels).

    Raises:
        InputError: A path is missing, a label row is malformed, names an unknown technique, or
            a paragraph that is not a non-empty line of its article.
    """
    for path in (articles, labels):
        if not path.exists():
            raise InputError(
                f"{path} does not exist: pass a SemEval-2023 subtask-3 articles folder and its paragraph labels file"
            )
    gold_labels = _paragraph_labels(labels)
    gold_spans = _span_labels(spans) if spans is not None else {}
    result = []
    for path in sorted(articles.iterdir()):
        match = _ARTICLE_NAME.search(path.name)
        if not match:
            continue
        article_id = match.group(1)
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        gold = gold_labels.get(article_id, {})
        lines = paragraph_lines(text)
        numbers = {number for number, _, _ in lines}
        for number in gold:
            if number not in numbers:
                raise InputError(f"{labels}: article {article_id} has no non-empty line {number}", code="input.labels")
        paragraphs = tuple(
            Paragraph(number, start, end, text[start:end], gold.get(number, frozenset()))
            for number, start, end in lines
        )
        result.append(Article(article_id, language, text, paragraphs, tuple(gold_spans.get(article_id, ()))))
    if not result:
        raise InputError(f"no articleNNN.txt files in {articles}", code="input.empty")
    return result


def evaluate_subtask3(
    articles: Sequence[Article], *, model_dir: Path | None = None, output: Path | None = None
) -> PairScores:
    """Score the paragraph model (`spinscope.models.paragraphs`) on labelled articles of one language.

    Args:
        articles: From `load_subtask3`, all in one language the paragraph models cover.
        model_dir: A folder from ``spinscope train paragraphs``; None uses the shipped models.
        output: Where to write the predictions in the task's format, if anywhere.
    """
    from spinscope.models.paragraphs import find_paragraph_techniques, load_paragraph_model

    predicted: dict[tuple[str, int], list[str]] = {}
    gold: dict[tuple[str, int], list[str]] = {}
    for article in articles:
        model = load_paragraph_model(article.language, model_dir)
        found: dict[int, list[str]] = {}
        for span in find_paragraph_techniques(model, article.text, [], language=article.language):
            found.setdefault(span.start, []).append(span.technique)
        for paragraph in article.paragraphs:
            predicted[(article.id, paragraph.number)] = sorted(found.get(paragraph.start, []))
            gold[(article.id, paragraph.number)] = sorted(paragraph.techniques)
    if output is not None:
        write_subtask3(output, [(key[0], key[1], names) for key, names in predicted.items()])
    return score_pairs(predicted, gold)


def _paragraph_labels(path: Path) -> dict[str, dict[int, frozenset[str]]]:
    labels: dict[str, dict[int, frozenset[str]]] = {}
    known = set(TECHNIQUES_2023)
    for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        if len(fields) not in (2, 3) or not fields[1].isdigit():
            raise InputError(
                f"{path}:{row}: expected article_id<TAB>paragraph_no<TAB>techniques, got {line!r}", code="input.labels"
            )
        techniques = frozenset(
            name.strip() for name in (fields[2] if len(fields) == 3 else "").split(",") if name.strip()
        )
        unknown = techniques - known
        if unknown:
            raise InputError(f"{path}:{row}: unknown technique {sorted(unknown)[0]!r}", code="input.labels")
        labels.setdefault(fields[0], {})[int(fields[1])] = techniques
    return labels


def _span_labels(folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = {}
    if not folder.is_dir():
        return spans
    for path in sorted(folder.iterdir()):
        if not _SPAN_LABELS.search(path.name):
            continue
        for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            fields = line.rstrip("\r").split("\t")
            if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit():
                if line.strip():
                    raise InputError(
                        f"{path}:{row}: expected id<TAB>technique<TAB>start<TAB>end, got {line!r}", code="input.labels"
                    )
                continue
            spans.setdefault(fields[0], []).append((int(fields[2]), int(fields[3]), fields[1]))
    return spans


def score_pairs(
    predicted: Mapping[tuple[str, int], Iterable[str]], gold: Mapping[tuple[str, int], Iterable[str]]
) -> PairScores:
    """The task's micro-F1 over (paragraph, technique) pairs, with F1 per technique.

    Args:
        predicted: Techniques predicted per `(article_id, paragraph_no)`.
        gold: Gold techniques per `(article_id, paragraph_no)`; every scored paragraph is a key.
    """
    predicted_pairs = {(key, name) for key, names in predicted.items() for name in names}
    gold_pairs = {(key, name) for key, names in gold.items() for name in names}
    right = predicted_pairs & gold_pairs
    precision = len(right) / len(predicted_pairs) if predicted_pairs else 0.0
    recall = len(right) / len(gold_pairs) if gold_pairs else 0.0
    support = Counter(name for _, name in gold_pairs)
    guessed = Counter(name for _, name in predicted_pairs)
    hits = Counter(name for _, name in right)
    per_technique = {
        name: f1_score(
            hits[name] / guessed[name] if guessed[name] else 0.0, hits[name] / support[name] if support[name] else 0.0
        )
        for name in TECHNIQUES_2023
        if support[name] or guessed[name]
    }
    return PairScores(
        precision,
        recall,
        f1_score(precision, recall),
        len(predicted_pairs),
        len(gold_pairs),
        per_technique,
        dict(support),
    )


def write_subtask3(path: Path, rows: Sequence[tuple[str, int, Sequence[str]]]) -> None:
    """Write the task's output: ``article_id<TAB>paragraph_no<TAB>technique,...`` per paragraph.

    A paragraph with no technique gets an empty third column, as in the task's gold files.
    """
    lines = [f"{article_id}\t{number}\t{','.join(names)}\n" for article_id, number, names in rows]
    path.write_text("".join(lines), encoding="utf-8")
