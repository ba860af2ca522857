"""Benchmark spinscope's HTML ingest on real pages, beside trafilatura's defaults in the same run.

The pages are trafilatura's own evaluation set (``../shared/data/trafilatura-eval``: 884 archived
real pages, gold text segments that must and must not be extracted, gold title, author and date
for 851 of them). Each page is read as ``spinscope analyze page.html`` reads it
(`spinscope.ingest.read_bytes`) and by ``trafilatura.bare_extraction`` with its default settings
(and, for the comparison of extraction settings, with ``favor_precision`` and ``favor_recall``).

Printed, per extractor: records against inputs and failures; segment precision, recall and F1 of
the main text, as trafilatura's evaluation counts them (a gold segment found in the text or not);
title, author and date accuracy against the gold; titles that keep decorations (the gold title
plus a site name or section), titles that are much shorter than the gold (the site name alone),
and byline entries that are no name. For spinscope also: the languages detected, their accuracy
on a hand-checked sample, and, with ``--pipeline``, spans per 1,000 words of each layer, English
pages apart from the others (where claims and techniques must be 0).

Run it from the repository root (4 to 6 minutes on 2 shared cores for the 884 pages without
``--pipeline``):

    python benchmarks/pages.py
    python benchmarks/pages.py --limit 300 --pipeline   # a subset through the whole pipeline
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "trafilatura-eval"
# `claims` holds every sentence and quote with its score; the check-worthy ones are counted apart.
LAYERS = ("sentences", "entities", "quotes", "timexes", "claims", "techniques", "findings")
# Languages read by hand, from each page's gold segments, for 60 pages: 40 spread evenly over
# the set (as `--sample 40` lists them) and the 20 the detector put outside de, en, es, pl and fr.
# The truth the detector's answers are checked against. File names only; no page text.
HAND_CHECKED: dict[str, str] = {
    "009aa1876c7f81b3.html.gz": "de",
    "1hundetagebuch.wordpress.com.langer.html.gz": "de",
    "7b78704710fe9d00.html.gz": "de",
    "abc7news.com-Napa.html.gz": "en",
    "anarc.at.cdpath.html.gz": "en",
    "archive.org.przepisy.pl.pierogi.html.gz": "pl",
    "autonews.ch-Tesla.html.gz": "de",
    "bayrische-bembel.de.504.html.gz": "de",
    "biobiochile.cl-gremios.html.gz": "es",
    "breakingbelizenews.com-paho.html.gz": "en",
    "chabermu.wordpress.com.expertenwissen.html.gz": "de",
    "couchstyle.de.vintage.html.gz": "de",
    "daheim-solar.de.batteriespeicher.html.gz": "de",
    "deutschlandfunk.de.titanic.html.gz": "de",
    "duengebehoerde-niedersachsen.de-Sperrfristen.html.gz": "de",
    "ekiba.de-trauer.html.gz": "de",
    "energiezukunft.eu.bioenergie.html.gz": "de",
    "feuerwehrverband.de-vorbereitungstagung.html.gz": "de",
    "forstpraxis.de.palletsauslaub.html.gz": "de",
    "giga.de.chrome.html.gz": "de",
    "guten-tach.de-sperrung.html.gz": "de",
    "heavenlynnhealthy.de.areenburk.html.gz": "de",
    "hvw-online.org-zuschauer.html.gz": "de",
    "jagdleben.de-waldwege.html.gz": "de",
    "kleinegruenemonster.wordpress.com.start.html.gz": "de",
    "lavazza.de.qualita.html.gz": "de",
    "litradio.net.bossong.html.gz": "de",
    "medicalnewstoday.com.318674.html.gz": "en",
    "mtb-news.de-tubeless.html.gz": "de",
    "nextkabinett.wordpress.com.garden.html.gz": "en",
    "pagesix.com.myers.html.gz": "en",
    "pix-bavaria.de.html.gz": "en",
    "reddit.com.init.html.gz": "en",
    "rtl.de-lockdown.html.gz": "de",
    "sibenlab.blogspot.com.privacy.html.gz": "en",
    "springer.com-produkte.html.gz": "de",
    "taucher.net-tauchmesse.html.gz": "de",
    "thisisjanewayne.com.bauch.html.gz": "de",
    "uepo.de.glossar.html.gz": "de",
    "verivox.de.finanzierung.html.gz": "de",
    "assabah.com.tn.article.html.gz": "ar",
    "baike.baidu.com.tanya.html.gz": "zh",
    "banyuetan.org.1000200033136171577956287380194268_1.html.gz": "zh",
    "brasil247.com-militares.html.gz": "pt",
    "campograndenews.com.br-adolescente.html.gz": "pt",
    "correio24horas.com.br-PMS.html.gz": "pt",
    "correiobraziliense.com.br-poderes.html.gz": "pt",
    "cybercook.com.br.sequilho.html.gz": "pt",
    "echte-demokratie-jetzt.de.blog.html.gz": "de",
    "football.ua.podolski.html.gz": "ru",
    "gazetadopovo.com.br-pacheco.html.gz": "pt",
    "lastampa.it.temperature.html.gz": "it",
    "mindmegette.hu.levagott.html.gz": "hu",
    "parcoabruzzo.it.58354.html.gz": "it",
    "tine.no.fotballskole.html.gz": "no",
    "ukbdnews.com.23646.html.gz": "bn",
    "uusisuomi.fi.angela.html.gz": "fi",
    "vegolosi.it.climate.html.gz": "it",
    "xinhuanet.com.c_1125597921.html.gz": "zh",
    "yle.fi.3-11212601.html.gz": "fi",
}
_ROLE_WORDS = frozenset(
    "staff writer reporter editor editors correspondent columnist contributor admin administrator "
    "team desk press news agency associated auto is a the of for and by with from at in on "
    "monday tuesday wednesday thursday friday saturday sunday published updated posted".split()
)


@dataclass(slots=True)
class Tally:
    """What one extractor got right and wrong over the pages."""

    inputs: int = 0
    records: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    segments: Counter[str] = field(default_factory=Counter)  # tp, fn, fp, tn
    fields: Counter[str] = field(default_factory=Counter)  # "<field>" gold count, "<field>_ok" right
    decorated: int = 0
    site_only: int = 0
    not_names: int = 0
    bylines: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, example: str) -> None:
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 4:
            self.examples[kind].append(example)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one extractor read from one page."""

    text: str
    title: str | None
    authors: tuple[str, ...]
    date: str | None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the trafilatura-eval folder")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages (in file-name order)")
    parser.add_argument("--pipeline", action="store_true", help="also run spinscope's whole pipeline (slow)")
    parser.add_argument(
        "--sample", type=int, default=0, help="print N pages' detected language and gold text, to check by hand"
    )
    parser.add_argument("--examples", action="store_true", help="print a few examples of each kind of error")
    parser.add_argument(
        "--language",
        default=None,
        help="keep only pages whose gold segments read as this language (en: the English pages)",
    )
    args = parser.parse_args()
    gold = json.loads((args.data / "evaldata.json").read_text(encoding="utf-8"))
    pages = sorted(gold.items(), key=lambda item: item[1]["file"])
    if args.language:
        from spinscope.language import detect_language

        def reads_as(entry: dict[str, Any]) -> bool:
            guess = detect_language(" ".join([entry.get("title") or "", *entry.get("with", [])]))
            return guess.note is None and guess.code == args.language

        pages = [page for page in pages if reads_as(page[1])]
    pages = pages[: args.limit]
    reading = f" whose gold text reads as {args.language!r}" if args.language else ""
    print(f"{len(pages)} pages of {args.data}{reading}", flush=True)

    extractors: dict[str, Callable[[bytes, str], Extraction]] = {
        "spinscope": _spinscope,
        "trafilatura (defaults)": _trafilatura(),
        "trafilatura favor_precision": _trafilatura(favor_precision=True),
        "trafilatura favor_recall": _trafilatura(favor_recall=True),
    }
    tallies = {name: Tally() for name in extractors}
    seconds = Counter[str]()
    languages: dict[str, str] = {}
    documents = []
    for number, (_url, entry) in enumerate(pages, 1):
        data = gzip.decompress((args.data / "pages" / entry["file"]).read_bytes())
        for name, extract in extractors.items():
            tally = tallies[name]
            tally.inputs += 1
            started = time.perf_counter()
            try:
                extraction = extract(data, entry["file"])
            except Exception as error:  # a failure is a figure here, not a stop
                tally.failures[getattr(error, "code", type(error).__name__)] += 1
                continue
            finally:
                seconds[name] += time.perf_counter() - started
            tally.records += 1
            _score(tally, extraction, entry)
            if name == "spinscope":
                languages[entry["file"]] = _LAST["language"]
                documents.append((entry["file"], _LAST["document"]))
        if number % 100 == 0:
            print(f"  {number} pages", file=sys.stderr, flush=True)

    for name, tally in tallies.items():
        _print_tally(name, tally, seconds[name], examples=args.examples)
    _print_languages(languages, pages, sample=args.sample)
    if args.pipeline:
        _print_layers(documents, languages)


_LAST: dict[str, Any] = {}


def _spinscope(data: bytes, file: str) -> Extraction:
    from spinscope.ingest import read_bytes

    document = read_bytes(data, name=file.removesuffix(".gz"))
    _LAST["document"] = document
    _LAST["language"] = document.metadata.language
    metadata = document.metadata
    return Extraction(document.text, metadata.title, metadata.byline, metadata.published)


def _trafilatura(**options: bool) -> Callable[[bytes, str], Extraction]:
    def extract(data: bytes, file: str) -> Extraction:
        import trafilatura

        result = trafilatura.bare_extraction(data, with_metadata=True, **options)
        if result is None or not (result.text or "").strip():
            raise ValueError("no text")
        authors = tuple(part.strip() for part in re.split(r";", result.author or "") if part.strip())
        return Extraction(result.text, result.title, authors, result.date)

    return extract


def _normal(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.casefold().split())


def _score(tally: Tally, extraction: Extraction, entry: dict[str, Any]) -> None:
    text = _normal(extraction.text)
    for segment in entry.get("with", []):
        tally.segments["tp" if _normal(segment) in text else "fn"] += 1
    for segment in entry.get("without", []):
        tally.segments["fp" if _normal(segment) in text else "tn"] += 1
    if "title" not in entry:
        return
    title, gold_title = _normal(extraction.title), _normal(entry.get("title") or "")
    if gold_title:
        tally.fields["title"] += 1
        if title == gold_title:
            tally.fields["title_ok"] += 1
        elif gold_title in title:
            tally.decorated += 1
            tally.note("decorated title", extraction.title or "")
        elif title and len(title.split()) <= 3 < len(gold_title.split()):
            tally.site_only += 1
            tally.note("site name alone", f"{extraction.title!r} for {entry['title']!r}")
    gold_author = entry.get("author") or ""
    gold_author = "; ".join(gold_author) if isinstance(gold_author, list) else gold_author
    gold_authors = {_normal(name) for name in re.split(r";|,| and ", gold_author) if name.strip()}
    ours = {_normal(name) for name in extraction.authors}
    if gold_authors:
        tally.fields["author"] += 1
        tally.fields["author_ok"] += ours == gold_authors
    for name in extraction.authors:
        tally.bylines += 1
        if not _is_name(name):
            tally.not_names += 1
            tally.note("byline not a name", name)
    if entry.get("date"):
        tally.fields["date"] += 1
        tally.fields["date_ok"] += (extraction.date or "")[:10] == entry["date"][:10]


def _is_name(text: str) -> bool:
    """Whether a byline entry reads as a person's name: 1-4 capitalised words, no role or date."""
    words = text.replace(".", ". ").split()
    if not 1 <= len(words) <= 4 or any(character.isdigit() for character in text):
        return False
    return not any(word.casefold().strip(",.") in _ROLE_WORDS for word in words) and all(
        word[0].isupper() for word in words if word.casefold() not in {"de", "van", "von", "der", "da", "al", "bin"}
    )


def _print_tally(name: str, tally: Tally, seconds: float, *, examples: bool) -> None:
    tp, fn, fp = tally.segments["tp"], tally.segments["fn"], tally.segments["fp"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    failures = ", ".join(f"{code} {count}" for code, count in tally.failures.most_common()) or "none"
    print(f"\n{name}: {tally.records} records of {tally.inputs} inputs; failures: {failures}; {seconds:.1f} s")
    print(f"  main text segments: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for field_name in ("title", "author", "date"):
        gold = tally.fields[field_name]
        right = tally.fields[f"{field_name}_ok"]
        print(f"  {field_name} accuracy: {right}/{gold} = {right / gold if gold else 0:.3f}")
    print(f"  titles with site decorations: {tally.decorated}; site name alone: {tally.site_only}")
    print(f"  byline entries that are not names: {tally.not_names} of {tally.bylines}")
    if examples:
        for kind, found in tally.examples.items():
            print(f"    {kind}: {found}")


def _print_languages(languages: dict[str, str], pages: Iterable[tuple[str, dict[str, Any]]], *, sample: int) -> None:
    counts = Counter(languages.values())
    print("\nspinscope languages detected: " + ", ".join(f"{code} {count}" for code, count in counts.most_common()))
    checked = [(file, truth) for file, truth in HAND_CHECKED.items() if file in languages]
    if checked:
        right = sum(languages[file] == truth for file, truth in checked)
        print(f"  against the hand-checked sample: {right}/{len(checked)} right")
        for file, truth in checked:
            if languages[file] != truth:
                print(f"    {file}: detected {languages[file]}, is {truth}")
    if sample:
        step = max(1, len(languages) // sample)
        by_file = {entry["file"]: entry for _, entry in pages}
        for file in sorted(languages)[::step][:sample]:
            segment = (by_file[file].get("with") or [""])[0][:70]
            print(f"  {file}: {languages[file]} | {segment}")


def _print_layers(documents: list[tuple[str, Any]], languages: dict[str, str]) -> None:
    from spinscope import build_pipeline

    pipeline = build_pipeline()
    groups: dict[str, Counter[str]] = {"English": Counter(), "other languages": Counter()}
    skipped = Counter[str]()
    started = time.perf_counter()
    analysed = pipeline.run(document for _, document in documents)
    for (file, _), document in zip(documents, analysed, strict=True):
        group = groups["English" if languages[file] == "en" else "other languages"]
        group["documents"] += 1
        group["words"] += len(document.text.split())
        for layer in LAYERS:
            group[layer] += len(document.layers.get(layer, ()))
        group["checkworthy"] += sum(1 for claim in document.layers.get("claims", ()) if claim.checkworthy)
        for record in document.stages:
            if record.status == "skipped" and record.code:
                skipped[f"{record.name} {record.code}"] += 1
    print(f"\nspinscope pipeline over {len(documents)} pages in {time.perf_counter() - started:.0f} s")
    for name, group in groups.items():
        words = group["words"] or 1
        per_thousand = ", ".join(f"{layer} {1000 * group[layer] / words:.2f}" for layer in LAYERS)
        print(f"  {name} ({group['documents']} pages, {group['words']} words), per 1,000 words: {per_thousand}")
        print(
            f"    check-worthy claims {1000 * group['checkworthy'] / words:.2f} per 1,000 words; spans in all: "
            f"check-worthy claims {group['checkworthy']}, techniques {group['techniques']}, "
            f"entities {group['entities']}"
        )
    codes = ", ".join(f"{key} {count}" for key, count in skipped.most_common())
    print("  stages skipped with a code: " + (codes or "none"))


if __name__ == "__main__":
    main()
