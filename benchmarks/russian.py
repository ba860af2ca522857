"""Benchmark spinscope on Russian: dates, quotes and entities on the Russian gold set, each beside a
peer, and the whole pipeline's speed on Russian beside English.

The gold set is ``benchmarks/data/russian/{dev,test}`` (`spinscope.eval.russian`); settings are
chosen on dev, and test is run only for the report. spinscope runs once per article, through
the whole default pipeline (`spinscope.analyze`'s path: the language gate, natasha's parse,
entities, quotes, timexes; the English-only stages are skipped), anchored at the article's
date. Each measure is the English benchmarks' own function, applied to both systems:

- dates: TempEval-3 (`spinscope.eval.timeml.score_timexes`: relaxed and strict F1, value F1
  above all) beside natasha's own `DatesExtractor` (each match a DATE at the resolution it
  gives: ``2020-11-08``, ``2020-11``, ``2020``, ``XXXX-11-10`` without a year);
- quotes: PolNeAR's measures (`spinscope.eval.polnear.score_attributions`: content exact and
  overlap F1, end-to-end speaker F1) beside a plain finder: each «...» stretch a quote, its
  speaker the nearest person natasha's NER names (before or after it). A quote split by its
  attribution is scored as its two parts, as the gold writes it;
- entities: MEANTIME's measures (`spinscope.eval.meantime.score_entities`: typing accuracy and
  B³ F1 of named clusters) beside natasha's bare NER, whose mentions of the same text (case
  folded) form one cluster;
- speed: the whole default pipeline (`spinscope.build_pipeline(Settings())`) over the Russian
  articles and over as many English PolNeAR dev articles of the nearest lengths, in words
  (``len(text.split())``) per second, in the same process, each language warmed up on one
  untimed article first; the issue's target is Russian at least half as fast as English.

Targets on test: dates value F1 >= 0.80, quote content overlap F1 >= 0.65, speaker F1 >= 0.55.

Run it from the repository root (about a minute on 2 cores):

    python benchmarks/russian.py --split dev
    python benchmarks/russian.py --split test
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "russian"
DEFAULT_ENGLISH = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev" / "text"
TARGETS = {"dates value F1": 0.80, "quote content overlap F1": 0.65, "speaker F1": 0.55}
_NATASHA_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the gold set's folder (with dev/ and test/)")
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument(
        "--english", type=Path, default=DEFAULT_ENGLISH, help="English articles (.txt) for the speed run"
    )
    args = parser.parse_args()

    from spinscope.eval.russian import load_russian

    articles = load_russian(args.gold, args.split)
    print(
        f"Russian gold, {args.split}: {len(articles)} articles, {sum(len(a.text.split()) for a in articles)} words, "
        f"{sum(len(a.timexes) for a in articles)} timexes, {sum(len(a.attributions) for a in articles)} quotes, "
        f"{sum(len(a.mentions) for a in articles)} entity mentions"
    )
    documents = _spinscope(articles)
    natasha = _natasha(articles)
    scores = {**_dates(articles, documents, natasha), **_quotes(articles, documents, natasha)}
    _entities(articles, documents, natasha)
    _speed(articles, args.english)
    print()
    for label, target in TARGETS.items():
        value = scores[label]
        print(f"spinscope {label}: {value:.4f} (target >= {target}): {'met' if value >= target else 'MISSED'}")


def _spinscope(articles):
    """spinscope's documents, one whole-pipeline run per article, anchored at its date."""
    from spinscope import Settings, build_pipeline
    from spinscope.document import Document, Metadata, Source

    pipeline = build_pipeline(Settings())
    inputs = (Document(a.text, source=Source("text", a.name), metadata=Metadata(published=a.dct)) for a in articles)
    documents = {document.source.name: document for document in pipeline.run(inputs)}
    languages = {document.metadata.language for document in documents.values()}
    print(f"spinscope read them as: {', '.join(sorted(map(str, languages)))}")
    return documents


def _natasha(articles):
    """natasha's own analysis of each article: its dates, and its bare NER's spans."""
    import pymorphy3
    from natasha import DatesExtractor, Doc, NewsEmbedding, NewsNERTagger, Segmenter

    # natasha's MorphVocab needs pymorphy2, which Python 3.11 cannot import; its extractors take
    # any pymorphy-style analyser, so pymorphy3's (the same dictionaries) stands in.
    dates = DatesExtractor(pymorphy3.MorphAnalyzer())
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    found = {}
    for article in articles:
        doc = Doc(article.text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        found[article.name] = (list(dates(article.text)), [(s.start, s.stop, s.type) for s in doc.spans])
    return found


def _dates(articles, documents, natasha):
    from spinscope.document import Timex
    from spinscope.eval.timeml import score_timexes

    gold = {a.name: a.timexes for a in articles}
    ours = {name: tuple(document.layers.get("timexes", ())) for name, document in documents.items()}
    theirs = {}
    for article in articles:
        timexes = []
        for match in natasha[article.name][0]:
            fact = match.fact
            year = f"{fact.year:04d}" if fact.year else "XXXX"
            month = f"-{fact.month:02d}" if fact.month else ""
            value = year + month + (f"-{fact.day:02d}" if fact.month and fact.day else "")
            if value == "XXXX":
                continue
            span_text = article.text[match.start : match.stop]
            timexes.append(Timex(match.start, match.stop, span_text, type="DATE", value=value))
        theirs[article.name] = timexes
    print("\nDates (TempEval-3)\n")
    print("| system | found / gold | strict F1 | relaxed F1 | value accuracy | value F1 | type F1 |")
    print("|---|---|---|---|---|---|---|")
    results = {}
    for name, predicted in (("spinscope", ours), ("natasha DatesExtractor", theirs)):
        s = score_timexes(predicted, gold)
        results[name] = s
        print(
            f"| {name} | {s.predicted} / {s.gold} | {s.strict_f1:.4f} | {s.relaxed_f1:.4f} | {s.value_accuracy:.4f} "
            f"| {s.value_f1:.4f} | {s.type_f1:.4f} |"
        )
    per_type = results["spinscope"].per_type
    print(
        "\nspinscope by gold type: "
        + ", ".join(
            f"{kind} {t.found}/{t.gold} found, {t.right_value} right value" for kind, t in per_type.items() if t.gold
        )
    )
    return {"dates value F1": results["spinscope"].value_f1}


def _attributions(quotes):
    """Quotes as gold attributions: a quote split by its attribution as its parts."""
    from spinscope.eval.polnear import Attribution

    found = []
    for quote in quotes:
        speaker = quote.speaker
        source = (speaker.start, speaker.end) if speaker is not None and speaker.start is not None else None
        found.extend(Attribution((part.start, part.end), source) for part in (quote.parts or (quote,)))
    return found


def _quotes(articles, documents, natasha):
    from spinscope.eval.polnear import Attribution, score_attributions

    gold = {a.name: a.attributions for a in articles}
    ours = {name: _attributions(document.layers.get("quotes", ())) for name, document in documents.items()}
    theirs = {}
    for article in articles:
        people = [(start, stop) for start, stop, label in natasha[article.name][1] if label == "PER"]
        found = []
        for match in re.finditer(r"«([^«»]+)»", article.text):
            nearest = min(people, key=lambda p: min(abs(p[0] - match.end()), abs(match.start() - p[1])), default=None)
            found.append(Attribution(match.span(1), nearest))
        theirs[article.name] = found
    print("\nQuotes (PolNeAR measures)\n")
    print("| system | quotes / gold | content exact P/R/F1 | content overlap P/R/F1 | speaker P/R/F1 |")
    print("|---|---|---|---|---|")
    results = {}
    for name, predicted in (("spinscope", ours), ("«…» regex + nearest name", theirs)):
        exact, overlap, speaker = score_attributions(predicted, gold)
        results[name] = (overlap, speaker)
        print(f"| {name} | {overlap.predicted} / {overlap.gold} | {_prf(exact)} | {_prf(overlap)} | {_prf(speaker)} |")
    overlap, speaker = results["spinscope"]
    return {"quote content overlap F1": overlap.f1, "speaker F1": speaker.f1}


def _entities(articles, documents, natasha):
    from spinscope.eval.meantime import PredictedMention, score_entities

    def ours(document):
        for entity in documents[document.name].layers.get("entities", ()):
            for mention in entity.mentions:
                if mention.kind == "name":
                    yield PredictedMention(mention.start, mention.end, entity.label, entity.id)

    def theirs(document):
        for start, stop, label in natasha[document.name][1]:
            key = " ".join(document.text[start:stop].casefold().split())
            yield PredictedMention(start, stop, _NATASHA_LABELS.get(label, label), key)

    print("\nEntities (MEANTIME measures, PERSON/ORG/GPE/LOC/FAC gold)\n")
    print("| system | gold found | typing accuracy | B³ P | B³ R | B³ F1 |")
    print("|---|---|---|---|---|---|")
    meantime = [article.as_meantime() for article in articles]
    for name, predict in (("spinscope", ours), ("natasha NER, same-text clusters", theirs)):
        s = score_entities(meantime, predict)
        print(
            f"| {name} | {s.found} / {s.gold} | {s.typing_accuracy:.4f} | {s.b3_precision:.4f} | {s.b3_recall:.4f} "
            f"| {s.b3_f1:.4f} |"
        )


def _speed(articles, english_folder: Path) -> None:
    """Words per second of the whole default pipeline, Russian beside English of similar lengths."""
    from spinscope import Settings, build_pipeline
    from spinscope.document import Document, Metadata, Source

    russian = [a.text for a in articles]
    pool = sorted((p.read_text(encoding="utf-8") for p in english_folder.glob("*.txt")), key=lambda t: len(t.split()))
    english = []
    for text in russian:  # for each Russian article, the unused English one nearest in words
        if not pool:
            break
        best = min(pool, key=lambda t: abs(len(t.split()) - len(text.split())))
        pool.remove(best)
        english.append(best)
    print("\nSpeed in words per second (same process, each pipeline and language warmed up on one untimed article)\n")
    print("| pipeline | language | articles | words | seconds | words/s | stages run |")
    print("|---|---|---|---|---|---|---|")
    # The whole default pipeline runs the English-only stages (claims, techniques, ...) on English
    # alone; the same stages on both (the ones Russian supports) compare like with like.
    for label, settings in (("default", Settings()), ("same stages", Settings(stages=("quotes", "timexes")))):
        pipeline = build_pipeline(settings)
        rates = {}
        for language, texts in (("English", english), ("Russian", russian)):
            list(pipeline.run([Document(texts[0], source=Source("text", "warm-up"), metadata=Metadata())]))
            inputs = [Document(t, source=Source("text", str(i)), metadata=Metadata()) for i, t in enumerate(texts)]
            started = time.perf_counter()
            done = list(pipeline.run(inputs))
            seconds = time.perf_counter() - started
            words = sum(len(t.split()) for t in texts)
            ran = sorted({record.name for d in done for record in d.stages if record.status == "ok"})
            rates[language] = words / seconds
            print(
                f"| {label} | {language} | {len(texts)} | {words} | {seconds:.2f} | {words / seconds:.1f} "
                f"| {', '.join(ran)} |"
            )
        ratio = rates["Russian"] / rates["English"]
        verdict = "met" if ratio >= 0.5 else "MISSED"
        print(f"| {label} | Russian / English | | | | {ratio:.2f}x (target >= 0.5: {verdict}) | |")


def _prf(scores) -> str:
    return f"{scores.precision:.4f}/{scores.recall:.4f}/{scores.f1:.4f}"


if __name__ == "__main__":
    main()
