"""Named entities measured on MEANTIME (NewsReader; Minard et al., LREC 2016): types and clusters.

MEANTIME annotates, in the first sentences of 120 English Wikinews articles, every entity
mention (its tokens and syntactic type) and ties each to an entity instance of one type
(``PER``, ``ORG``, ``LOC``, ``PRO``, ``FIN``, ``MIX``) by a REFERS_TO relation: the mentions
tied to one instance are one within-document cluster. The text is rebuilt from the tokens as
`spinscope.eval.timeml` rebuilds it for timexes, from the same sentences.

Gold: the named mentions (syntactic type ``NAM``) tied to an instance, from their first to
their last token. A prediction is a named mention with a label and a cluster id.

Measures, summed over all documents:
- found: gold named mentions that share a character with a predicted mention. Each gold
  mention takes the predicted mention sharing the most characters with it (ties to the
  earlier), and the reverse is not required: a predicted "Gordon Sondland" covers one gold
  mention, never two.
- typing accuracy: among found gold mentions, the share whose predicted label maps to the
  gold type (`TYPE_OF_LABEL`; a label that maps to no MEANTIME type, such as NORP or EVENT,
  is wrong wherever MEANTIME has a typed mention).
- named-cluster B³ (Bagga & Baldwin 1998) over the gold named mentions: a mention's predicted
  cluster is the set of gold named mentions whose matched predictions share its predicted
  cluster id (a gold mention that nothing found is a singleton); precision and recall are the
  mean over mentions of |gold ∩ predicted| / |predicted| and / |gold|.

Invariants: every gold mention satisfies ``document.text[start:end] == mention.text``; a gold
cluster id is unique within its document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import InputError
from spinscope.eval import f1_score
from spinscope.eval.timeml import _MEANTIME_SENTENCES, _detokenize, _files, _name, _parse, _sentence

__all__ = [
    "TYPE_OF_LABEL",
    "EntityScores",
    "GoldMention",
    "MeantimeDocument",
    "PredictedMention",
    "load_meantime_entities",
    "score_entities",
]

# spaCy's OntoNotes labels as MEANTIME's entity types.
TYPE_OF_LABEL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "PRODUCT": "PRO",
    "MONEY": "FIN",
}


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold named mention: its extent, its text, its entity's type and cluster id."""

    start: int
    end: int
    text: str
    type: str
    cluster: str


@dataclass(frozen=True, slots=True)
class PredictedMention:
    """One predicted named mention: its extent, its label (spaCy's scheme) and cluster id."""

    start: int
    end: int
    label: str
    cluster: str


@dataclass(frozen=True, slots=True)
class MeantimeDocument:
    """One MEANTIME article: the rebuilt text and its gold named mentions."""

    name: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class EntityScores:
    """Typing accuracy and named-cluster B³ of one system, with the counts behind them."""

    gold: int
    found: int
    typed_right: int
    b3_precision: float
    b3_recall: float

    @property
    def typing_accuracy(self) -> float:
        """The share of found gold mentions whose predicted label maps to the gold type."""
        return self.typed_right / self.found if self.found else 0.0

    @property
    def b3_f1(self) -> float:
        """The harmonic mean of B³ precision and recall."""
        return f1_score(self.b3_precision, self.b3_recall)


def load_meantime_entities(path: Path) -> list[MeantimeDocument]:
    """Read MEANTIME's ``.xml`` files under `path` (a folder, searched recursively, or one file).

    Raises:
        InputError: `path` holds no ``.xml`` file, or a file is not a MEANTIME document.
    """
    files = _files(path, "*.xml", "input.meantime")
    root = path if path.is_dir() else path.parent
    return [_read(file, _name(file, root, ".xml")) for file in files]


def _read(file: Path, name: str) -> MeantimeDocument:
    root = _parse(file, "input.meantime")
    tokens = root.findall("token")
    if root.tag != "Document" or not tokens:
        raise InputError(
            f"{file} is not a MEANTIME document: no <Document> with <token> elements", code="input.meantime"
        )
    sentences = {token.get("t_id", ""): _sentence(token, file) for token in tokens}
    anchored = [sentences.get(anchor.get("t_id", ""), 0) for anchor in root.iterfind("Markables/*/token_anchor")]
    last = max([_MEANTIME_SENTENCES - 1, *anchored])
    text, extents = _detokenize([token for token in tokens if sentences[token.get("t_id", "")] <= last])
    instances = {element.get("m_id", ""): element.get("ent_type", "") for element in root.iterfind("Markables/ENTITY")}
    cluster_of: dict[str, str] = {}
    for relation in root.iterfind("Relations/REFERS_TO"):
        target = relation.find("target")
        if target is None or target.get("m_id", "") not in instances:
            continue
        for source in relation.findall("source"):
            cluster_of[source.get("m_id", "")] = target.get("m_id", "")
    mentions = []
    for element in root.iterfind("Markables/ENTITY_MENTION"):
        cluster = cluster_of.get(element.get("m_id", ""))
        anchors = [anchor.get("t_id", "") for anchor in element.findall("token_anchor")]
        if element.get("syntactic_type") != "NAM" or cluster is None or not anchors:
            continue
        if any(anchor not in extents for anchor in anchors):
            raise InputError(
                f"{file}: entity mention {element.get('m_id')} is anchored at a token that does not exist",
                code="input.meantime",
            )
        start = min(extents[anchor][0] for anchor in anchors)
        end = max(extents[anchor][1] for anchor in anchors)
        mentions.append(GoldMention(start, end, text[start:end], instances[cluster], cluster))
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    return MeantimeDocument(name, text, tuple(mentions))


def score_entities(
    documents: Sequence[MeantimeDocument], predict: Callable[[MeantimeDocument], Iterable[PredictedMention]]
) -> EntityScores:
    """Score the named mentions `predict` finds in each document against the gold ones."""
    gold_total = found = typed_right = 0
    precision_sum = recall_sum = 0.0
    for document in documents:
        predicted = list(predict(document))
        matches = {index: _best(mention, predicted) for index, mention in enumerate(document.mentions)}
        gold_total += len(document.mentions)
        for index, mention in enumerate(document.mentions):
            match = matches[index]
            if match is not None:
                found += 1
                typed_right += TYPE_OF_LABEL.get(match.label) == mention.type
        precision, recall = _b_cubed(document.mentions, matches)
        precision_sum += precision
        recall_sum += recall
    return EntityScores(
        gold=gold_total,
        found=found,
        typed_right=typed_right,
        b3_precision=precision_sum / gold_total if gold_total else 0.0,
        b3_recall=recall_sum / gold_total if gold_total else 0.0,
    )


def _best(mention: GoldMention, predicted: Sequence[PredictedMention]) -> PredictedMention | None:
    best, shared_best = None, 0
    for candidate in predicted:
        shared = min(mention.end, candidate.end) - max(mention.start, candidate.start)
        if shared > shared_best:
            best, shared_best = candidate, shared
    return best


def _b_cubed(mentions: Sequence[GoldMention], matches: Mapping[int, PredictedMention | None]) -> tuple[float, float]:
    """The sums over `mentions` of B³ precision and recall (not yet divided)."""
    gold: dict[str, set[int]] = defaultdict(set)
    predicted: dict[str, set[int]] = defaultdict(set)
    for index, mention in enumerate(mentions):
        gold[mention.cluster].add(index)
        match = matches[index]
        predicted[f"p:{match.cluster}" if match is not None else f"g:{index}"].add(index)
    key_of = {index: key for key, members in predicted.items() for index in members}
    precision = recall = 0.0
    for index, mention in enumerate(mentions):
        mine, theirs = gold[mention.cluster], predicted[key_of[index]]
        shared = len(mine & theirs)
        precision += shared / len(theirs)
        recall += shared / len(mine)
    return precision, recall
