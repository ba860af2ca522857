"""The Russian parse: natasha's analysis of a Russian text, as a spaCy `Doc`.

natasha (razdel's sentences and tokens; slovnet's morphology, syntax and named entities over
navec embeddings; every model inside the wheels, nothing downloaded) is loaded once per process,
on first use, so that ``import spinscope`` and English-only runs never pay for it. Lemmas come
from pymorphy3 (natasha's own morph vocabulary needs pymorphy2, which Python 3.11 cannot run),
chosen the way natasha chooses them: the dictionary reading closest to the tagger's part of
speech and features. natasha's numpy models run on one BLAS thread (threadpoolctl): their
matrices are small, and more threads only contend for the cores.

Invariants of the `Doc` that `parse_russian` returns:
- ``doc.text == text``, character for character: natasha's tokens keep their offsets; the
  whitespace between them is each token's trailing space where it is one space, and a
  whitespace token (as spaCy writes one) for the rest.
- Sentences are natasha's, and none crosses a line break unless the text is hard-wrapped
  (`split_lines`, as for English): the text is parsed line by line (paragraph by paragraph when
  hard-wrapped), which also keeps natasha's memory bounded on long texts. Each sentence's
  dependency tree has one root (dep ``ROOT``), so spaCy's ``doc.sents`` are those sentences.
- Tokens carry UD parts of speech, UD features (``token.morph``), dependency relations and
  lemmas (lower case; a proper noun's lemma keeps its capital: "Шуши" -> "Шуша").
- Entities use spaCy's English (OntoNotes) labels: natasha's PER is PERSON, ORG is ORG, LOC is
  GPE, or LOC for what the Russian gazetteer lists as one (regions, mountains, seas) or what a
  landform word names ("река Аракс"); a word whose lemma is a nationality or people
  ("армяне", "российские") is NORP, as spaCy tags "Armenians" and "Russian".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from spinscope.errors import MissingDependencyError
from spinscope.gazetteer.russian import is_people, known_label
from spinscope.models.spacy import is_hard_wrapped

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

__all__ = ["RussianParser", "load_russian", "normal_name", "normal_words", "parse_russian"]

_INSTALL = "pip install natasha pymorphy3 threadpoolctl"
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
# Parts of speech whose lemma comes from the dictionary; the rest are their own lemma.
_LEMMATISED = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "AUX", "ADV", "PRON", "DET", "NUM"})
_LINE = re.compile(r"[^\r\n]+")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=[ \t\r]*\n[ \t\r]*\n|\s*\Z)", re.DOTALL)
_MORPH_CACHE = 50_000
_BATCH_CHARS = 20_000


class _Token(NamedTuple):
    """A token in the form natasha's name normaliser reads."""

    text: str
    pos: str
    feats: dict[str, str]
    start: int
    stop: int
    id: str
    head_id: str


class _Form:
    """One dictionary reading of a word, with natasha's (UD) part of speech and features."""

    __slots__ = ("feats", "normal", "parse", "pos", "word")

    def __init__(self, parse: Any) -> None:
        from natasha.morph.vocab import ud_feats, ud_pos

        self.parse = parse
        self.word: str = parse.word
        self.normal: str = parse.normal_form
        self.pos: str = ud_pos(parse.tag)
        self.feats: dict[str, str] = dict(ud_feats(parse.tag))

    def inflect(self, grams: set[str]) -> _Form | None:
        """This word in the form with UD features `grams` ({"Nom"}), or None if it has none."""
        from natasha.morph.vocab import oc_grams

        inflected = self.parse.inflect(set(oc_grams(grams)))
        return _Form(inflected) if inflected is not None else None


class _MorphVocab:
    """natasha's morph vocabulary (`natasha.MorphVocab`) on pymorphy3 instead of pymorphy2:
    called with a word, it returns the word's dictionary readings."""

    def __init__(self) -> None:
        import pymorphy3

        self.analyzer = pymorphy3.MorphAnalyzer()
        # Articles repeat their words; parsing each once keeps lemmatising cheap.
        self.forms = functools.lru_cache(_MORPH_CACHE)(self._forms)

    def __call__(self, word: str) -> list[_Form]:
        return self.forms(word)

    def _forms(self, word: str) -> list[_Form]:
        return [_Form(parse) for parse in self.analyzer.parse(word)]

    def lemmatize(self, word: str, pos: str, feats: dict[str, str]) -> str:
        """The lemma of `word` read as `pos` with `feats` (natasha's rule), in lower case."""
        from natasha.morph.lemma import lemmatize

        return lemmatize(self, word, pos, feats)


@dataclass(frozen=True)
class RussianParser:
    """natasha's models, pymorphy3's dictionary and the spaCy vocabulary the Docs share."""

    segmenter: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any
    morph: _MorphVocab
    vocab: Vocab
    version: str


@functools.cache
def load_russian() -> RussianParser:
    """Load natasha's models and pymorphy3's dictionary, once per process.

    Raises:
        MissingDependencyError: natasha or pymorphy3 is not installed.
    """
    try:
        import natasha
        import pymorphy3
        import threadpoolctl  # noqa: F401 (parse_russian's)
    except ImportError as error:
        raise MissingDependencyError(
            f"reading Russian needs natasha, pymorphy3 and threadpoolctl ({error.name} is missing); "
            f"install them with: {_INSTALL}"
        ) from error
    from importlib.metadata import version

    import spacy

    embedding = natasha.NewsEmbedding()
    return RussianParser(
        segmenter=natasha.Segmenter(),
        morph_tagger=natasha.NewsMorphTagger(embedding),
        syntax_parser=natasha.NewsSyntaxParser(embedding),
        ner_tagger=natasha.NewsNERTagger(embedding),
        morph=_MorphVocab(),
        vocab=spacy.blank("ru").vocab,
        version=f"natasha {version('natasha')}, slovnet {version('slovnet')}, pymorphy3 {pymorphy3.__version__}",
    )


def parse_russian(text: str, *, split_lines: str = "auto", parser: RussianParser | None = None) -> Doc:
    """Parse a Russian text into a spaCy `Doc` whose text is `text`.

    Args:
        text: The text.
        split_lines: Where a line break ends a sentence, as `NlpSettings.split_lines`.
        parser: The loaded models; None loads them (once per process).

    Raises:
        MissingDependencyError: natasha or pymorphy3 is not installed.
    """
    from spacy.tokens import Doc
    from threadpoolctl import threadpool_limits

    parser = parser or load_russian()
    builder = _Builder(text)
    by_line = split_lines == "always" or (split_lines == "auto" and not is_hard_wrapped(text))
    blocks = [
        (block.start(), block.group())
        for block in (_LINE if by_line else _PARAGRAPH).finditer(text)
        if not block.group().isspace()
    ]
    # natasha's models multiply small matrices: BLAS threads only contend for the cores (five
    # times slower on a busy two-core machine), so natasha runs on one.
    with threadpool_limits(limits=1, user_api="blas"):
        for batch in _batches(blocks):
            for (offset, _), analysed in zip(batch, _analyse(parser, [block for _, block in batch]), strict=True):
                builder.add_block(offset, analysed)
    builder.finish()
    lemmas = [_lemma(parser.morph, token) for token in builder.tokens]
    ents = _entities(builder, lemmas)
    return Doc(
        parser.vocab,
        words=builder.words,
        spaces=builder.spaces,
        lemmas=lemmas,
        pos=[token.pos for token in builder.tokens],
        morphs=[_morph(token.feats) for token in builder.tokens],
        heads=builder.heads,
        deps=builder.deps,
        ents=ents,
    )


def normal_name(span: Span) -> str:
    """The nominative form of a name mention ("Ильхама Алиева" -> "Ильхам Алиев"), by natasha's
    rules: every word of a person's or place's name is put in the nominative case; an
    organisation's head word and its adjectives only ("Министерства обороны" -> "Министерство
    обороны"). The words keep the spacing they have in the text."""
    words = normal_words(span)
    tokens = [token for token in span if not token.is_space]
    if not tokens:
        return span.text
    parts = [words[0]]
    for previous, token, word in zip(tokens, tokens[1:], words[1:], strict=False):
        parts.append(" " * (token.idx - previous.idx - len(previous.text)) + word)
    return "".join(parts)


def normal_words(span: Span) -> list[str]:
    """`normal_name`'s words, one for each token of `span` that is not whitespace; a word natasha
    cannot inflect (the tagger's features match none of the dictionary's readings) is as written."""
    from natasha.norm import inflect_words, recover_shapes, select_inflectable

    parser = load_russian()
    tokens = [
        _Token(
            token.text,
            token.pos_,
            {key: value for key, value in token.morph.to_dict().items() if isinstance(value, str)},
            token.idx,
            token.idx + len(token.text),
            str(token.i),
            str(token.head.i) if token.head.i != token.i else "root",
        )
        for token in span
        if not token.is_space
    ]
    ids = set(select_inflectable(tokens)) if span.label_ == "ORG" else None
    return list(recover_shapes(inflect_words(parser.morph, tokens, ids), tokens))


class _Parsed(NamedTuple):
    """One token as natasha read it; `head` indexes its sentence, None for the root."""

    start: int
    text: str
    pos: str
    feats: dict[str, str]
    head: int | None
    rel: str


@dataclass(frozen=True, slots=True)
class _Analysed:
    """natasha's reading of one block of text: tokens in sentences, and entity spans, in the
    block's coordinates."""

    sentences: list[list[_Parsed]]
    spans: list[tuple[int, int, str]]


def _batches(blocks: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Blocks in groups of about `_BATCH_CHARS` characters: natasha's models batch their work
    over many sentences, and a group at a time keeps their memory bounded."""
    batch: list[tuple[int, str]] = []
    size = 0
    for block in blocks:
        batch.append(block)
        size += len(block[1])
        if size >= _BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _analyse(parser: RussianParser, texts: list[str]) -> list[_Analysed]:
    """natasha's sentences, tokens, morphology, syntax and entities for each of `texts`."""
    per_text: list[list[list[tuple[int, str]]]] = []
    for text in texts:
        sentences = []
        for sentence in parser.segmenter.sentenize(text):
            tokens = [(sentence.start + token.start, token.text) for token in parser.segmenter.tokenize(sentence.text)]
            if tokens:
                sentences.append(tokens)
        per_text.append(sentences)
    every = [sentence for sentences in per_text for sentence in sentences]
    morphs = iter(parser.morph_tagger.map([[word for _, word in sentence] for sentence in every]))
    # slovnet's parser fails on a one-word sentence; such a word is its sentence's root anyway.
    trees = iter(parser.syntax_parser.map([[word for _, word in sentence] for sentence in every if len(sentence) > 1]))
    spans = parser.ner_tagger.map(texts)
    results = []
    for sentences, markup in zip(per_text, spans, strict=True):
        parsed = []
        for sentence in sentences:
            morph = next(morphs).tokens
            tree = next(trees).tokens if len(sentence) > 1 else None
            parsed.append(
                [
                    _Parsed(
                        start,
                        word,
                        morph[index].pos or "X",
                        dict(morph[index].feats or {}),
                        _head(tree[index].head_id) if tree else None,
                        tree[index].rel if tree else "root",
                    )
                    for index, (start, word) in enumerate(sentence)
                ]
            )
        results.append(_Analysed(parsed, [(span.start, span.stop, span.type) for span in markup.spans]))
    return results


def _head(head_id: str) -> int | None:
    return None if head_id == "0" else int(head_id) - 1


@dataclass(frozen=True, slots=True)
class _Word:
    """One token of the Doc being built, before spaCy's Doc is made."""

    text: str
    start: int
    pos: str
    feats: dict[str, str]


class _Builder:
    """Collects tokens, whitespace and the tree, block by block, in the text's coordinates."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.tokens: list[_Word] = []
        self.spaces: list[bool] = []
        self.heads: list[int] = []
        self.deps: list[str] = []
        self.spans: list[tuple[int, int, str]] = []

    @property
    def words(self) -> list[str]:
        return [token.text for token in self.tokens]

    def add_block(self, offset: int, analysed: _Analysed) -> None:
        for sentence in analysed.sentences:
            members = []
            for token in sentence:
                self._gap(offset + token.start)
                members.append(len(self.tokens))
                self._add(_Word(token.text, offset + token.start, token.pos, token.feats), token.rel)
            self._tree(members, [None if token.head is None else members[token.head] for token in sentence])
        self.spans.extend((offset + start, offset + stop, label) for start, stop, label in analysed.spans)

    def finish(self) -> None:
        self._gap(len(self.text))

    def _add(self, word: _Word, dep: str | None) -> None:
        self.tokens.append(word)
        self.spaces.append(False)
        self.heads.append(len(self.heads))
        self.deps.append(dep or "dep")
        self.cursor = word.start + len(word.text)

    def _gap(self, end: int) -> None:
        """Represent ``text[cursor:end]`` as spaCy does: one space after a token is its trailing
        whitespace; other whitespace is a token attached to the token before it (the first
        token after it where none is before)."""
        gap = self.text[self.cursor : end]
        if not gap:
            return
        if self.tokens and not self.spaces[-1] and gap[0] == " " and not self.tokens[-1].text.isspace():
            self.spaces[-1] = True
            gap, self.cursor = gap[1:], self.cursor + 1
        for run in re.finditer(r"\s+|\S+", gap):
            space = run.group().isspace()
            attach = len(self.tokens) - 1
            self._add(_Word(run.group(), self.cursor + run.start(), "SPACE" if space else "X", {}), "dep")
            if attach >= 0:
                self.heads[-1] = attach
        self.cursor = end

    def _tree(self, members: list[int], heads: list[int | None]) -> None:
        """Set one sentence's heads as a tree with one root: a second root, or a token on a
        cycle, is attached to the first root (slovnet picks each head on its own)."""
        root = next((member for member, head in zip(members, heads, strict=True) if head is None), members[0])
        for member, head in zip(members, heads, strict=True):
            self.heads[member] = root if head is None else head
            if head is None and member != root:
                self.deps[member] = "dep"
        self.heads[root] = root
        self.deps[root] = "ROOT"
        for member in members:
            seen, node = set(), member
            while node != root and node not in seen:
                seen.add(node)
                node = self.heads[node]
            if node != root:
                self.heads[member] = root
        # Whitespace that opens the text had no token before it to attach to.
        index = 0
        while index < len(self.tokens) and self.tokens[index].text.isspace() and self.heads[index] == index:
            self.heads[index] = root
            index += 1


def _lemma(morph: _MorphVocab, token: _Word) -> str:
    if token.pos not in _LEMMATISED:
        return token.text
    if token.pos == "PROPN" and token.feats.get("Case") == "Nom" and token.feats.get("Number") != "Plur":
        # A name in the nominative singular is its own lemma; the dictionary guesses at unknown
        # names ("Пашинян" read as the genitive plural of "пашинянин").
        return token.text
    lemma = morph.lemmatize(token.text, token.pos, token.feats)
    if token.pos == "PROPN" and token.text[:1].isupper():
        lemma = lemma[:1].upper() + lemma[1:]
    return lemma


def _morph(feats: dict[str, str]) -> str:
    return "|".join(f"{key}={value}" for key, value in sorted(feats.items()))


def _entities(builder: _Builder, lemmas: Sequence[str]) -> list[str]:
    """IOB tags in OntoNotes labels: natasha's spans, then the nationality words outside them."""
    tags = ["O"] * len(builder.tokens)
    starts = {token.start: index for index, token in enumerate(builder.tokens)}
    for start, stop, kind in builder.spans:
        first = starts.get(start)
        if first is None:
            continue  # natasha's NER tokenised differently here: a span that no token starts
        last = first
        while last + 1 < len(builder.tokens) and builder.tokens[last + 1].start < stop:
            last += 1
        while last > first and builder.tokens[last].text.isspace():
            last -= 1
        label = _LABELS.get(kind)
        if label is None or any(tag != "O" for tag in tags[first : last + 1]):
            continue
        if kind == "LOC":
            label = known_label(lemmas[first : last + 1]) or "GPE"
        tags[first : last + 1] = [f"B-{label}"] + [f"I-{label}"] * (last - first)
    for index, lemma in enumerate(lemmas):
        if tags[index] == "O" and builder.tokens[index].pos in ("NOUN", "ADJ", "PROPN") and is_people(lemma):
            tags[index] = "B-NORP"
    return tags
