"""Dates and times measured on TimeML gold: TempEval-3 task A (TIMEX3 extraction and normalisation).

Corpora:
- TimeML 1.2.1 (``.tml``: TempEval-3's TBAQ-cleaned and TE3-platinum). TIMEX3 tags are inline in
  ``<TEXT>``; a document's text is the character data of ``<TEXT>`` with every tag removed and
  entities decoded, less the one newline that follows ``<TEXT>`` (TempEval-3's scorer drops it
  too), so a gold timex spans the characters its tag enclosed. The DCT, outside ``<TEXT>``,
  anchors the document and is not a gold timex.
- MEANTIME (NewsReader, CAT XML): tokens with ids, TIMEX3 markables over token ids. The text is
  rebuilt from the tokens (one space between tokens, none before closing punctuation and
  clitics or after opening brackets and currency signs, a newline between sentences), and
  only from the sentences MEANTIME annotates (the title, the dateline and the next four: the
  rest of an article has no gold at all); a timex spans its first to its last token. The
  creation-time timex gives the DCT; as it marks the dateline inside the text, it stays a
  gold timex there.

Invariants: every gold `Timex` satisfies ``document.text[start:end] == timex.text``; a document's
`dct` is an ISO date ``YYYY-MM-DD`` or None; gold timexes without any text (non-consuming
TIMEX3s) are left out, as TempEval-3's scorer leaves them out.

Measures, as TempEval-3's official scorer computes them (``evaluate_entities.py`` of the TE3
toolkit; UzZaman et al., SemEval 2013), summed over all documents before dividing:
- pairs: each gold timex pairs with at most one predicted timex and the reverse (TE3 pairs
  them by aligning ids with its TimeML-Normalizer; here, by extents). Identical extents pair
  first; the rest pair by the most characters shared, ties to the earlier gold and then the
  earlier prediction. Timexes that share no character do not pair.
- relaxed P/R/F1: pairs / predicted, pairs / gold, their harmonic mean;
- strict P/R/F1: the same with only the pairs of identical extents;
- value and type accuracy: the share of pairs whose TIMEX3 ``value`` (the exact string) or
  ``type`` agrees with the gold one;
- value F1 and type F1: relaxed F1 x that accuracy (TE3's "attribute F1").
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, cast

from spinscope.document import Timex
from spinscope.errors import ContractError, InputError
from spinscope.eval import f1_score
from spinscope.progress import Progress

__all__ = [
    "TIMEX_TYPES",
    "TimemlDocument",
    "TimexScores",
    "TypeScores",
    "evaluate_timexes",
    "load_meantime",
    "load_timeml",
    "match_timexes",
    "score_timexes",
    "spinscope_finder",
]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TIMEX_TYPES: tuple[TimexType, ...] = ("DATE", "TIME", "DURATION", "SET")
Finder = Callable[["TimemlDocument"], Sequence[Timex]]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class TimemlDocument:
    """One gold document: its text, its creation date and its gold timexes."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[Timex, ...]


@dataclass(frozen=True)
class TypeScores:
    """How the gold timexes of one TIMEX3 type fared: found (relaxed) and normalised right."""

    gold: int
    found: int
    right_value: int

    @property
    def recall(self) -> float:
        """Relaxed recall of this type's gold timexes."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def value_accuracy(self) -> float:
        """The share of this type's found timexes whose value is right."""
        return self.right_value / self.found if self.found else 0.0


@dataclass(frozen=True)
class TimexScores:
    """TempEval-3 task A figures with the counts behind them (see the module docstring).

    `strict` and `relaxed` count pairs; `right_value` and `right_type` count relaxed pairs whose
    value or type agrees. `documents`, `words` and `seconds` (the finder's time alone) are set by
    `evaluate_timexes`; `score_timexes` leaves them 0.
    """

    gold: int
    predicted: int
    strict: int
    relaxed: int
    right_value: int
    right_type: int
    per_type: Mapping[str, TypeScores] = field(default_factory=dict)
    documents: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def strict_precision(self) -> float:
        """Pairs of identical extents over predicted timexes."""
        return self.strict / self.predicted if self.predicted else 0.0

    @property
    def strict_recall(self) -> float:
        """Pairs of identical extents over gold timexes."""
        return self.strict / self.gold if self.gold else 0.0

    @property
    def strict_f1(self) -> float:
        """Harmonic mean of strict precision and recall."""
        return f1_score(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        """Overlapping pairs over predicted timexes."""
        return self.relaxed / self.predicted if self.predicted else 0.0

    @property
    def relaxed_recall(self) -> float:
        """Overlapping pairs over gold timexes."""
        return self.relaxed / self.gold if self.gold else 0.0

    @property
    def relaxed_f1(self) -> float:
        """Harmonic mean of relaxed precision and recall."""
        return f1_score(self.relaxed_precision, self.relaxed_recall)

    @property
    def value_accuracy(self) -> float:
        """The share of relaxed pairs whose value equals the gold value."""
        return self.right_value / self.relaxed if self.relaxed else 0.0

    @property
    def type_accuracy(self) -> float:
        """The share of relaxed pairs whose type equals the gold type."""
        return self.right_type / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        """TE3's value F1: relaxed F1 x value accuracy."""
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        """TE3's type F1: relaxed F1 x type accuracy."""
        return self.relaxed_f1 * self.type_accuracy

    @property
    def words_per_second(self) -> float:
        """Words of the documents over the finder's seconds; 0 when not timed."""
        return self.words / self.seconds if self.seconds else 0.0


def load_timeml(path: Path) -> list[TimemlDocument]:
    """Read one ``.tml`` file, or every ``.tml`` file under a folder (recursively, in name order).

    A document's name is its path below the folder, without ``.tml`` (the file's stem for one
    file).

    Raises:
        InputError: (``input.timeml``) The path is missing or holds no .tml file, or a file is not
            well-formed XML, has no ``<TEXT>``, no creation-time DCT holding an ISO date, or a
            TIMEX3 in its text without a known type or a value.
    """
    files = _files(path, "*.tml", "input.timeml")
    return [_read_timeml(file, _name(file, path, ".tml")) for file in files]


def load_meantime(path: Path) -> list[TimemlDocument]:
    """Read one MEANTIME ``.xml`` file, or every one under a folder (recursively, in name order).

    The text holds the annotated sentences only (sentences 0 to 5, or to the last one holding a
    markable), as the rest of each article was not annotated. A document without a creation-time
    timex, or whose creation-time value is not an ISO date (one MEANTIME file says
    ``03-02-2009``), gets ``dct=None``; its gold values stay as written.

    Raises:
        InputError: (``input.meantime``) The path is missing or holds no .xml file, or a file is
            not well-formed XML, is not a MEANTIME document, has a token without a sentence
            number, or a TIMEX3 without a known type or anchored at a token that does not exist.
    """
    files = _files(path, "*.xml", "input.meantime")
    return [_read_meantime(file, _name(file, path, ".xml")) for file in files]


def _files(path: Path, pattern: str, code: str) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path} does not exist: give a {pattern[1:]} file or a folder of them", code=code)
    files = sorted(path.rglob(pattern))
    if not files:
        raise InputError(f"{path} holds no {pattern[1:]} files (searched recursively)", code=code)
    return files


def _name(file: Path, root: Path, suffix: str) -> str:
    name = file.name if file == root else file.relative_to(root).as_posix()
    return name.removesuffix(suffix)


def _parse(file: Path, code: str) -> ET.Element:
    try:
        return ET.parse(file).getroot()
    except ET.ParseError as error:
        raise InputError(f"{file} is not well-formed XML: {error}", code=code) from error
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}", code=code) from error


def _read_timeml(file: Path, name: str) -> TimemlDocument:
    root = _parse(file, "input.timeml")
    body = root.find(".//TEXT")
    if body is None:
        raise InputError(f"{file} has no <TEXT> element: is it a TimeML document?", code="input.timeml")
    dct = _timeml_dct(root, file)
    text, found = _strip(body)
    # TempEval-3's scorer takes the text after "<TEXT>\n": offsets count from there.
    skip = 1 if text.startswith("\n") else 0
    timexes = []
    for start, end, element in found:
        if not text[start:end].strip():
            continue  # a non-consuming TIMEX3: nothing in the text to find
        kind, value = _attributes(element, file, "input.timeml")
        timexes.append(Timex(start - skip, end - skip, text[start:end], type=kind, value=value))
    return TimemlDocument(name, text[skip:], dct, tuple(timexes))


def _strip(body: ET.Element) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """The character data of `body` with its tags removed, and where each TIMEX3 starts and ends."""
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        parts.append(text or "")
        length += len(text or "")

    def visit(element: ET.Element) -> None:
        start = length
        add(element.text)
        for child in element:
            visit(child)
            add(child.tail)
        if element.tag == "TIMEX3":
            found.append((start, length, element))

    visit(body)
    return "".join(parts), found


def _timeml_dct(root: ET.Element, file: Path) -> str:
    body = root.find(".//TEXT")
    inside = set() if body is None else set(body.iter("TIMEX3"))
    for timex in root.iter("TIMEX3"):
        if timex in inside or timex.get("functionInDocument") != "CREATION_TIME":
            continue
        value = timex.get("value", "")
        if not _ISO_DATE.match(value):
            raise InputError(
                f"{file}: the DCT's value {value!r} does not start with an ISO date YYYY-MM-DD", code="input.timeml"
            )
        return value[:10]
    raise InputError(
        f'{file} has no DCT: a TIMEX3 with functionInDocument="CREATION_TIME" outside <TEXT>', code="input.timeml"
    )


def _attributes(element: ET.Element, file: Path, code: str) -> tuple[TimexType, str]:
    kind, value = element.get("type"), element.get("value")
    label = element.get("tid") or element.get("m_id") or "?"
    if kind not in TIMEX_TYPES:
        raise InputError(
            f"{file}: TIMEX3 {label} has type {kind!r}; TIMEX3 types are {', '.join(TIMEX_TYPES)}", code=code
        )
    if value is None:
        raise InputError(f"{file}: TIMEX3 {label} has no value attribute", code=code)
    return cast(TimexType, kind), value


# MEANTIME annotates the first sentences of each article only: the title, the dateline and the
# next four (117 of its 120 English documents have their last markable in sentence 5). The text
# stops there, or at the last sentence holding a markable if that is later, so that what a
# finder reads is what the annotators read.
_MEANTIME_SENTENCES = 6

_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "%",
        ")",
        "]",
        "}",
        "?",
        "!",
        "...",
        "''",
        "'",
        "\u201d",
        "\u2019",
        "'s",
        "'S",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
    }
)
_NO_SPACE_AFTER = frozenset(
    {"(", "[", "{", "$", "US$", "CA$", "AU$", "\u00a3", "\u20ac", "``", "`", "\u201c", "\u2018", "#"}
)


def _read_meantime(file: Path, name: str) -> TimemlDocument:
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
    dct, timexes = None, []
    for element in root.iter("TIMEX3"):
        anchors = [anchor.get("t_id", "") for anchor in element.findall("token_anchor")]
        if element.get("functionInDocument") == "CREATION_TIME":
            value = element.get("value", "")
            dct = value[:10] if _ISO_DATE.fullmatch(value[:10]) else None
        if not anchors:
            continue  # a non-consuming TIMEX3
        missing = [anchor for anchor in anchors if anchor not in extents]
        if missing:
            raise InputError(
                f"{file}: TIMEX3 {element.get('m_id')} is anchored at token {missing[0]}, which does not exist",
                code="input.meantime",
            )
        kind, value = _attributes(element, file, "input.meantime")
        start = min(extents[anchor][0] for anchor in anchors)
        end = max(extents[anchor][1] for anchor in anchors)
        timexes.append(Timex(start, end, text[start:end], type=kind, value=value))
    timexes.sort(key=lambda timex: (timex.start, timex.end))
    return TimemlDocument(name, text, dct, tuple(timexes))


def _sentence(token: ET.Element, file: Path) -> int:
    sentence = token.get("sentence", "")
    if not sentence.isdigit():
        raise InputError(
            f"{file}: token {token.get('t_id')} has sentence {sentence!r}, not a sentence number", code="input.meantime"
        )
    return int(sentence)


def _detokenize(tokens: list[ET.Element]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text of `tokens` as a reader would see it, and each token id's extent in it."""
    parts: list[str] = []
    extents: dict[str, tuple[int, int]] = {}
    length, sentence, glue, open_quote = 0, None, True, False
    for token in tokens:
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            separator = "\n"
        elif glue or word in _NO_SPACE_BEFORE or (word == '"' and open_quote):
            separator = ""
        else:
            separator = " "
        sentence = token.get("sentence")
        parts.append(separator + word)
        length += len(separator)
        extents[token.get("t_id", "")] = (length, length + len(word))
        length += len(word)
        glue = word in _NO_SPACE_AFTER or (word == '"' and not open_quote)
        if word == '"':
            open_quote = not open_quote
    return "".join(parts), extents


def match_timexes(predicted: Sequence[Timex], gold: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one (predicted, gold) pairs of timexes that share characters.

    Identical extents pair first; then the most characters shared, ties to the earlier gold
    timex, then the earlier prediction.
    """
    candidates = []
    for i, guess in enumerate(predicted):
        for j, truth in enumerate(gold):
            shared = min(guess.end, truth.end) - max(guess.start, truth.start)
            if shared > 0:
                identical = (guess.start, guess.end) == (truth.start, truth.end)
                candidates.append((not identical, -shared, truth.start, j, guess.start, i))
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for *_, j, _, i in sorted(candidates):
        if i not in used_predicted and j not in used_gold:
            used_predicted.add(i)
            used_gold.add(j)
            pairs.append((predicted[i], gold[j]))
    return pairs


def score_timexes(predicted: Mapping[str, Sequence[Timex]], gold: Mapping[str, Sequence[Timex]]) -> TimexScores:
    """TempEval-3 task A scores of `predicted` against `gold`, both keyed by document name."""
    strict = relaxed = right_value = right_type = 0
    by_type = {kind: [0, 0, 0] for kind in TIMEX_TYPES}  # gold, found, right value
    for name in sorted(set(predicted) | set(gold)):
        truths = gold.get(name, ())
        for truth in truths:
            by_type[truth.type][0] += 1
        for guess, truth in match_timexes(predicted.get(name, ()), truths):
            relaxed += 1
            strict += (guess.start, guess.end) == (truth.start, truth.end)
            right_value += guess.value == truth.value
            right_type += guess.type == truth.type
            by_type[truth.type][1] += 1
            by_type[truth.type][2] += guess.value == truth.value
    return TimexScores(
        gold=sum(len(items) for items in gold.values()),
        predicted=sum(len(items) for items in predicted.values()),
        strict=strict,
        relaxed=relaxed,
        right_value=right_value,
        right_type=right_type,
        per_type={kind: TypeScores(*counts) for kind, counts in by_type.items()},
    )


def spinscope_finder() -> Finder:
    """spinscope's `find_timexes`, anchored at each document's creation date."""
    from spinscope.stages.timexes import find_timexes

    def find(document: TimemlDocument) -> Sequence[Timex]:
        return find_timexes(document.text, anchor=document.dct)

    return find


def evaluate_timexes(
    documents: Iterable[TimemlDocument],
    *,
    find: Finder | None = None,
    progress: Progress | None = None,
) -> TimexScores:
    """Run a timex finder over `documents` and score it; spinscope's `find_timexes` by default.

    `seconds` is the time spent inside `find` alone; `progress` gets ("scoring", documents done,
    documents in all).

    Raises:
        ContractError: The finder returned a timex whose offsets or text disagree with the
            document's text.
    """
    find = find or spinscope_finder()
    documents = list(documents)  # counted first, for the progress total
    predicted: dict[str, list[Timex]] = {}
    gold: dict[str, tuple[Timex, ...]] = {}
    words, seconds, done = 0, 0.0, 0
    for done, document in enumerate(documents, start=1):
        started = time.perf_counter()
        found = list(find(document))
        seconds += time.perf_counter() - started
        for timex in found:
            _check(timex, document)
        predicted[document.name] = found
        gold[document.name] = document.timexes
        words += len(document.text.split())
        if progress:
            progress("scoring", done, len(documents))
    return replace(score_timexes(predicted, gold), documents=done, words=words, seconds=seconds)


def _check(timex: Timex, document: TimemlDocument) -> None:
    if not 0 <= timex.start <= timex.end <= len(document.text) or document.text[timex.start : timex.end] != timex.text:
        raise ContractError(
            f"{document.name}: the finder's timex [{timex.start}, {timex.end}) {timex.text!r} does not match "
            f"the text there ({document.text[timex.start : timex.end]!r})"
        )
