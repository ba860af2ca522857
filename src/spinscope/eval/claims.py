"""Check-worthiness corpora (CLEF CheckThat! debates, ClaimBuster): reading them and scoring against them.

Scores follow the corpora's own definitions:
- CLEF-2019 CheckThat! Task 1 ranks the sentences of each debate by score, highest first (ties
  keep line order, as the lab's scorer sorts stably). Average precision of a debate is the sum,
  over the check-worthy sentences, of the precision at each one's rank, divided by the number
  of check-worthy sentences; MAP is its mean over debates. P@k is the share of check-worthy
  sentences among the first k, averaged over debates the same way.
- ClaimBuster: a sentence is check-worthy when its verdict is CFS (1, "check-worthy factual
  sentence"); UFS (0) and NFS (-1) are not. Precision, recall and F1 of that class, with the
  model's threshold.

Which files may be trained on is decided here, once (`load_training`): the CLEF-2019 test
debates and ClaimBuster's groundtruth.csv, and every training file that repeats them, never are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import InputError
from spinscope.eval import Scores
from spinscope.progress import Progress
from spinscope.settings import Settings

__all__ = [
    "CLAIMBUSTER",
    "CLEF2019",
    "CLEF2020",
    "CLEF2020_LEFT_OUT",
    "ClaimEvaluation",
    "Debate",
    "DebateSentence",
    "RankingScores",
    "average_precision",
    "evaluate_claims",
    "load_claimbuster",
    "load_clef",
    "load_test_sets",
    "load_training",
    "precision_at",
    "score_class",
    "score_rankings",
]

CLEF2019 = Path("clef2019-checkthat-task1-en/data")
CLEF2020 = Path("clef2020-checkthat-task5-en/v2.0/training")
CLAIMBUSTER = Path("claimbuster/datasets")
CUTOFFS = (5, 10, 20)
# CLEF-2020 Task 5 training transcripts that repeat a CLEF-2019 debate or a ClaimBuster
# groundtruth debate under another name (shared/data/README.md): the first three repeat test
# data, the others CLEF-2019 training debates (kept out so that CV folds do not share debates).
CLEF2020_LEFT_OUT = frozenset(
    """
    20160311_GOP_miami 20181015_60_min 20121023_third_presidential_debate
    20160204_democrats_new_hampshire 20160225_GOP_texas 20160415_NY_democratic_debate 20160721_Trump_draft_RNC
    20160926_1pres 20161005_vice_pres 20161010_2pres 20161019_3pres 20170216_Trump_press_conference
    20170228_Trump_Congress_joint_session 20170315_Trump_Nashville 20170601_Trump_Paris_Climate 20181112_trump_pelosi
    """.split()
)
# ClaimBuster debates that are CLEF-2019 training debates too: one cross-validation group each.
_SAME_DEBATE = {"2016-09-26": "20160926_1pres", "2016-10-09": "20161010_2pres", "2016-10-19": "20161019_3pres"}
_NOT_WORD = re.compile(r"[^a-z0-9]+")
ClassScores = Scores  # the old name, for code written against it while `Scores` replaced it: use `Scores`


@dataclass(frozen=True)
class DebateSentence:
    """One labelled sentence of a transcript."""

    line: int
    speaker: str
    text: str
    checkworthy: bool


@dataclass(frozen=True)
class Debate:
    """One transcript in order: its name, its corpus (``clef`` or ``claimbuster``) and its sentences.

    `group` names the debate for cross-validation: the same debate in two corpora has one group.
    """

    name: str
    corpus: str
    sentences: tuple[DebateSentence, ...]
    group: str = ""


@dataclass(frozen=True)
class RankingScores:
    """CheckThat! ranking measures: MAP and mean P@k over debates, and each debate's own."""

    map: float
    precision_at: dict[int, float]
    per_debate: dict[str, tuple[float, dict[int, float]]]  # name -> (AP, {k: P@k})


@dataclass(frozen=True)
class ClaimEvaluation:
    """The claims model on CLEF-2019 Task 1 test and on ClaimBuster groundtruth."""

    clef: RankingScores
    claimbuster: Scores  # the check-worthy class, at the model's threshold
    debates: int
    sentences: int


def load_clef(folder: Path) -> list[Debate]:
    """Read every ``*.tsv`` transcript of `folder` (``line<TAB>speaker<TAB>sentence<TAB>label``).

    Raises:
        InputError: The folder is missing or holds no transcripts (``input.claims``), or a line is
            malformed (``input.labels``).
    """
    paths = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not paths:
        raise InputError(
            f"{folder} holds no CheckThat! .tsv transcripts: pass the shared data folder", code="input.claims"
        )
    debates = []
    for path in paths:
        sentences = []
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not row.strip():
                continue
            fields = row.split("\t")
            if len(fields) != 4 or not fields[0].strip().isdigit() or fields[3].strip() not in ("0", "1"):
                raise InputError(
                    f"{path}:{number}: expected line<TAB>speaker<TAB>sentence<TAB>0|1, got {row!r}", code="input.labels"
                )
            sentences.append(DebateSentence(int(fields[0]), fields[1], fields[2], fields[3].strip() == "1"))
        debates.append(Debate(path.stem, "clef", tuple(sentences), group=path.stem))
    return debates


def load_claimbuster(path: Path, *, exclude: Sequence[str] = ()) -> list[Debate]:
    """Read a ClaimBuster CSV as one debate per transcript, sentences in line order.

    A sentence is check-worthy when its verdict is 1 (CFS). Sentences whose normalised text
    (lower case, letters and digits only) is among `exclude`'s are left out.

    Raises:
        InputError: The file is missing (``input.claims``) or a row lacks the columns Text, File_id,
            Line_number, Verdict (``input.labels``).
    """
    if not path.is_file():
        raise InputError(f"ClaimBuster file {path} does not exist: pass the shared data folder", code="input.claims")
    left_out = {normalise(text) for text in exclude}
    by_file: dict[str, list[DebateSentence]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            try:
                text, name, line, verdict = row["Text"], row["File_id"], int(row["Line_number"]), int(row["Verdict"])
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(
                    f"{path}:{number}: expected Text, File_id, Line_number and Verdict columns ({error})",
                    code="input.labels",
                ) from error
            if normalise(text) in left_out:
                continue
            by_file.setdefault(name.removesuffix(".txt"), []).append(
                DebateSentence(line, row.get("Speaker", ""), text, verdict == 1)
            )
    return [
        Debate(name, "claimbuster", tuple(sorted(sentences, key=lambda s: s.line)), group=_SAME_DEBATE.get(name, name))
        for name, sentences in sorted(by_file.items())
    ]


def load_training(data: Path) -> list[Debate]:
    """The training debates under the shared data folder `data`.

    CLEF-2019 Task 1 training, CLEF-2020 Task 5 training without `CLEF2020_LEFT_OUT`, and
    ClaimBuster crowdsourced.csv without the sentences it shares with groundtruth.csv.
    """
    clef = load_clef(data / CLEF2019 / "training")
    clef += [debate for debate in load_clef(data / CLEF2020) if debate.name not in CLEF2020_LEFT_OUT]
    groundtruth = [
        s.text for debate in load_claimbuster(data / CLAIMBUSTER / "groundtruth.csv") for s in debate.sentences
    ]
    return clef + load_claimbuster(data / CLAIMBUSTER / "crowdsourced.csv", exclude=groundtruth)


def load_test_sets(data: Path) -> tuple[list[Debate], list[Debate]]:
    """The CLEF-2019 Task 1 test debates and ClaimBuster groundtruth.csv, to report on only."""
    return load_clef(data / CLEF2019 / "test_annotated"), load_claimbuster(data / CLAIMBUSTER / "groundtruth.csv")


def normalise(text: str) -> str:
    """A sentence's text for finding repeats: lower case, letters and digits, single spaces."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def average_precision(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Average precision of one debate's ranking, as the CheckThat! 2019 scorer computes it."""
    relevant = sum(labels)
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for rank, index in enumerate(_ranking(scores), 1):
        if labels[index]:
            found += 1
            total += found / rank
    return total / relevant


def precision_at(labels: Sequence[bool], scores: Sequence[float], k: int) -> float:
    """The share of check-worthy sentences among the `k` ranked first (a short debate counts as k)."""
    return sum(labels[index] for index in _ranking(scores)[:k]) / k


def score_rankings(debates: Sequence[Debate], scores: Sequence[Sequence[float]]) -> RankingScores:
    """MAP and P@5/10/20 of per-sentence `scores` (one sequence per debate, in sentence order)."""
    per_debate = {}
    for debate, debate_scores in zip(debates, scores, strict=True):
        labels = [sentence.checkworthy for sentence in debate.sentences]
        per_debate[debate.name] = (
            average_precision(labels, debate_scores),
            {k: precision_at(labels, debate_scores, k) for k in CUTOFFS},
        )
    count = max(1, len(per_debate))
    return RankingScores(
        map=sum(ap for ap, _ in per_debate.values()) / count,
        precision_at={k: sum(p[k] for _, p in per_debate.values()) / count for k in CUTOFFS},
        per_debate=per_debate,
    )


def score_class(labels: Sequence[bool], scores: Sequence[float], threshold: float) -> Scores:
    """Precision, recall and F1 of the check-worthy class, a sentence predicted when score >= threshold."""
    predicted = [bool(score >= threshold) for score in scores]
    gold = [bool(label) for label in labels]
    correct = sum(p and g for p, g in zip(predicted, gold, strict=True))
    return Scores.of(correct, sum(predicted), sum(gold), threshold=float(threshold))


def evaluate_claims(
    data: Path, *, settings: Settings | None = None, progress: Progress | None = None
) -> ClaimEvaluation:
    """Score the claims model `settings.claims` names (the shipped one by default) on both test sets.

    Each debate is scored as one text, sentence by sentence with its neighbours, as the stage
    scores an article. `progress` gets ("scoring", debates done, debates in all).
    """
    from spinscope.models.claims import MODEL_DIR, embed_sentences, load_claim_model

    folder = (settings or Settings()).claims.model_dir
    model = load_claim_model(Path(folder) if folder else MODEL_DIR)
    clef, groundtruth = load_test_sets(data)
    scores: list[list[float]] = []
    debates = [*clef, *groundtruth]
    for done, debate in enumerate(debates, 1):
        texts = [sentence.text for sentence in debate.sentences]
        scores.append(model.score(texts, embed_sentences(texts)).tolist())
        if progress:
            progress("scoring", done, len(debates))
    labels = [sentence.checkworthy for debate in groundtruth for sentence in debate.sentences]
    flat = [float(score) for debate_scores in scores[len(clef) :] for score in debate_scores]
    return ClaimEvaluation(
        clef=score_rankings(clef, scores[: len(clef)]),
        claimbuster=score_class(labels, flat, model.threshold),
        debates=len(clef),
        sentences=sum(len(debate.sentences) for debate in clef),
    )


def _ranking(scores: Sequence[float]) -> list[int]:
    """Indexes by score, highest first; ties keep their order (the scorer's stable sort)."""
    return sorted(range(len(scores)), key=lambda index: -scores[index])
