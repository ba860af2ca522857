"""The `quotes` and `terms` layers: who is quoted or reported saying what, and quoted words
that are not speech.

How it reads an article:

1. Quotation marks are paired (straight, curly and guillemets; an apostrophe is never a mark).
   A quote that runs over several paragraphs reopens each paragraph and closes once, as news
   style has it.
2. A quoted stretch is speech when it is long (5 words or more), or when it is a whole clause
   with a speech cue beside it (``"No," he said``). Anything else is a `Term`: a scare quote
   ("so-called "reform""), a quoted term or nickname, or a title.
3. A direct quote takes the speech verb next to it (``"...," he said``; ``X told reporters:
   "..."``) and its subject as the speaker. A quote introduced by a colon and no verb takes the
   person named before the colon; a paragraph that is one quote continues the last speaker's.
   A quote interrupted by its cue (``"...," he said, "..."``) becomes one quote with `parts`.
4. Reported speech is a speech or attitude verb with a clausal complement (``X said that
   ...``, ``X noted ...``), or ``according to X``; its content is the clause. A stance verb
   with an object (``X criticized the plan``) reports a stance on what the object names, and
   a colon after a speech verb introduces speech that has no quotation marks.
5. The speaker mention is resolved to an entity cluster: directly, when it is a name or a
   title the entities stage clustered; a he/she to the last person named as the subject of a
   clause before it, else the last person named (one with a full name or a title first, since
   the tagger takes some one-word places for people); a title ("the minister") to the last
   person bearing it; a relative pronoun ("who said") to its antecedent. Other speakers keep
   their description.
6. What is never a speaker: a dateline in capitals opening its line ("BUFFALO, N.Y. —"), a
   relative pronoun without an antecedent, and what "according to" names that cannot speak
   ("according to these orders"). A speech verb that also reports findings ("found",
   "showed") beside a few quoted words with no verb cues an epithet, not speech. Where the
   parser finds no subject, the name right after the verb speaks ("...," said Hill).

Russian texts are read by `spinscope.stages.quotes_ru`, with Russian quotation marks, dash
attributions and speech verbs, into the same layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from spinscope.document import Document, Entity, Quote, Span, Speaker, Term
from spinscope.stages.base import Stage, StageResult
from spinscope.stages.quotes_ru import find_quotes_ru

if TYPE_CHECKING:  # spaCy is imported when a pipeline is built, not with this module
    from spacy.tokens import Doc, Token

__all__ = ["QuoteStage", "find_quoted", "find_quotes"]

# Lemmas of verbs that report what someone said, wrote or announced.
SPEECH_VERBS = frozenset(
    """
    say tell add note stress claim state explain declare announce emphasize emphasise insist argue
    warn write report ask reply respond answer continue conclude admit acknowledge suggest accuse
    deny confirm predict promise vow urge recall remark observe tweet testify complain assert
    maintain mention reiterate comment charge allege contend concede boast joke quip exclaim shout
    tout brag caution propose reveal disclose indicate show find announce estimate insist retort
    counter posit proclaim pledge threaten demand order recommend advise inform assure remind
    describe call criticize criticise praise blame dismiss
""".split()
)
# Lemmas of verbs that report what someone thinks or wants: attributions too, by PolNeAR's rules.
ATTITUDE_VERBS = frozenset(
    """
    think believe hope expect fear feel know worry agree want plan intend seek wish doubt
    consider guess reckon understand realize realise
""".split()
)
# Lemmas of verbs that report a stance on something named by their object ("criticized the plan").
STANCE_VERBS = frozenset(
    """
    criticize criticise praise support endorse oppose back defend propose announce discuss mention
    reject condemn applaud welcome dispute blame mock attack slam blast dismiss express call
""".split()
)
_REPORTING_VERBS = SPEECH_VERBS | ATTITUDE_VERBS | STANCE_VERBS
# Speech verbs that also report findings: beside a few quoted words ("the inquiry found
# "warriors of light"") they cue an epithet, not speech. ("Called" and "described" do report
# what someone said: "called them "deplorables"".)
_WEAK_SPEECH_VERBS = frozenset("find show indicate estimate predict".split())
# Verbs whose subject may follow them ("...," said Hill).
_INVERTING_VERBS = frozenset("say add write ask explain recall continue note declare insist reply answer".split())
_RELATIVE_PRONOUNS = frozenset("who whom which that".split())
# What "according to" can name that says nothing: "acted according to these orders".
_SILENT_SOURCES = frozenset(
    """
    order rule instruction law plan schedule guideline regulation procedure principle tradition script
    agreement term constitution protocol standard custom recipe design wish will command directive
""".split()
)
# A dateline opening a line ("BUFFALO, N.Y. —", "DENVER (AP) -"): a place in capitals, maybe
# its state, then an agency or a dash; never a speaker.
_DATELINE = re.compile(r"[A-Z][A-Z'’.\- ]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?")
_DATELINE_END = re.compile(r"\s*(?:\([A-Za-z ]+\)\s*)?[—–-]")
# Attitude verbs whose content is commonly an infinitive ("wants to raise taxes").
_INFINITIVE_VERBS = frozenset(
    "want plan intend seek hope expect promise vow threaten pledge refuse decline urge".split()
)
_PERSONAL_PRONOUNS = frozenset("he she him her".split())
_TERM_LEADS = re.compile(
    r"(so-called|so called|dubbed|termed|labell?ed|branded|nicknamed|known as|the words?|the term|the phrase"
    r"|called)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_TITLE_LEADS = re.compile(r"(titled|entitled|book|film|song|novel|documentary)\s*[,:]?\s*$", re.IGNORECASE)
_SPEECH_WORDS = 5  # a quoted stretch this long is speech whatever surrounds it
_BETWEEN_CHARS = 120  # the most text between two stretches of one quote (the cue and its phrase)
_COLON_REACH = 12  # a colon introduces speech when a speech verb is this many tokens before it
_TAIL_TOKENS = 5  # after a quote that ends a sentence, a cue comes in this many tokens ("she said.")

_REGION_END = re.compile(r"[.!?]\s|[“«\"]|\n")  # what ends the text after a quote that its cue can be in
_OPENERS = frozenset('“«„"')
_CLOSERS = frozenset('”»"')


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch in quotation marks: ``[start, end)`` includes the marks."""

    start: int
    end: int
    closed: bool = True  # False: left open, it ends with its paragraph

    @property
    def inner(self) -> tuple[int, int]:
        """The offsets inside the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


class QuoteStage(Stage):
    """Finds direct and reported quotes with their speakers, and quoted terms that are not speech."""

    name = "quotes"
    requires = ("spacy", "sentences", "entities")
    produces = ("quotes", "terms")
    version = "3"
    languages = frozenset({"en", "ru"})

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Find the quotes and terms of one document (Russian ones by `quotes_ru`'s conventions)."""
        if document.metadata.language == "ru":
            quotes, terms = find_quotes_ru(document.text, inputs["spacy"], document.layers["entities"])
            return StageResult(layers={"quotes": quotes, "terms": terms})
        quotes, terms = find_quotes(document.text, inputs["spacy"], document.layers["entities"])
        return StageResult(layers={"quotes": quotes, "terms": terms})


def find_quoted(text: str) -> list[Marked]:
    """Pair the quotation marks of `text`; a quote open at a paragraph's end continues only
    when the next paragraph reopens it, and otherwise closes at the paragraph's end."""
    found: list[Marked] = []
    start: int | None = None
    paragraph_end = False  # a line break passed since the open mark
    for index, char in enumerate(text):
        if char == "\n":
            if start is not None:
                paragraph_end = True
            continue
        if start is None:
            if char in _OPENERS and _opens(text, index):
                start, paragraph_end = index, False
            continue
        if paragraph_end and not char.isspace():
            if char in _OPENERS and _opens(text, index):
                paragraph_end = False  # the quote goes on in this paragraph
                continue
            found.append(Marked(start, _line_end(text, start, index), closed=False))
            start = None
            if char in _OPENERS and _opens(text, index):
                start, paragraph_end = index, False
            continue
        if char in _CLOSERS and _closes(text, index):
            found.append(Marked(start, index + 1))
            start = None
    if start is not None:
        found.append(Marked(start, _line_end(text, start, len(text)), closed=False))
    return [mark for mark in found if mark.end - mark.start > 2]


def _opens(text: str, index: int) -> bool:
    char = text[index]
    if char != '"':
        return char in _OPENERS
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, index: int) -> bool:
    if text[index] != '"':
        return True
    before = text[index - 1] if index else " "
    return not before.isspace()


def _line_end(text: str, start: int, stop: int) -> int:
    """The end of the last non-blank text before `stop`, after `start`."""
    end = stop
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str, doc: Doc, entities: Sequence[Entity]) -> tuple[list[Quote], list[Term]]:
    """The quotes and terms of a text, given its spaCy parse and entity clusters."""
    resolver = _Resolver(text, doc, entities)
    marked = find_quoted(text)
    terms: list[Term] = []
    speech: list[tuple[Marked, _Cue | None]] = []
    for mark in marked:
        cue = _adjacent_cue(doc, text, mark)
        term = _as_term(text, mark, has_cue=_cues_speech(doc, mark, cue))
        if term is None:
            speech.append((mark, cue))
        else:
            terms.append(term)
    quotes = _direct_quotes(text, doc, speech, resolver)
    quotes.extend(_introduced_quotes(text, doc, quotes, marked, resolver))
    used_cues = {quote.cue.start for quote in quotes if quote.cue is not None}
    quotes.extend(_reported_quotes(text, doc, quotes, used_cues, resolver))
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    return quotes, terms


def _as_term(text: str, mark: Marked, *, has_cue: bool) -> Term | None:
    """The term a marked stretch is, or None when it is speech."""
    start, end = mark.inner
    words = text[start:end].split()
    lead = text[max(0, mark.start - 40) : mark.start]
    whole_clause = bool(re.search(r"[.,!?…]$", text[start:end].strip()))

    def term(kind: Literal["scare_quote", "term", "title"], reason: str) -> Term:
        return Term(mark.start, mark.end, text[mark.start : mark.end], kind, reason)

    if len(words) < 2 * _SPEECH_WORDS:
        if match := _TITLE_LEADS.search(lead):
            return term("title", f"introduced by {match.group(1)!r}")
        if match := _TERM_LEADS.search(lead):
            kind: Literal["scare_quote", "term"] = "scare_quote" if match.group(1).lower().startswith("so") else "term"
            return term(kind, f"introduced by {match.group(1)!r}")
    if _title_case(words) and not whole_clause:
        return term("title", "capitalised like a title")
    if len(words) >= _SPEECH_WORDS or (whole_clause and has_cue):
        return None
    kind = "term" if any(word[:1].isupper() for word in words) else "scare_quote"
    return term(kind, f"{len(words)} word{'s' if len(words) > 1 else ''} in quotation marks with no speech cue")


def _cues_speech(doc: Doc, mark: Marked, cue: _Cue | None) -> bool:
    """Whether `cue` makes a short quoted stretch speech: any cue does, but a verb that also
    reports findings only beside words that hold a verb (not "“warriors of light,” the
    inquiry found")."""
    if cue is None:
        return False
    if cue.verb is None or cue.verb.lemma_.lower() not in _WEAK_SPEECH_VERBS:
        return True
    return any(token.pos_ in ("VERB", "AUX") for token in _tokens_between(doc, *mark.inner))


def _title_case(words: Sequence[str]) -> bool:
    """Two or more capitalised words, and lowercase only for short words ("of", "the", "and")."""
    capitalised = sum(word[:1].isupper() for word in words)
    return capitalised >= 2 and all(word[:1].isupper() or len(word) <= 3 for word in words)


# Direct quotes.


@dataclass
class _Cue:
    verb: Token | None  # the speech verb, if any
    speaker: tuple[int, int, Token] | None  # the speaker mention and its head


def _adjacent_cue(doc: Doc, text: str, mark: Marked) -> _Cue | None:
    """The speech cue right after or right before a marked stretch, within its line and sentence."""
    after = _tokens_between(doc, mark.end, _region_end(text, mark.end))
    if re.search(r"[.!?…][”»\"]$", text[mark.start : mark.end]) and len(after) > _TAIL_TOKENS:
        after = []  # "... done." He went on: a new sentence, not a cue ("... done," he said)
    before = _tokens_between(doc, _region_start(text, mark.start), mark.start)
    for tokens in (after, before[::-1]):  # the verbs nearest the quote first
        verb = next((t for t in tokens if _is_speech_verb(t) or _according_to(t)), None)
        if verb is not None and _according_to(verb):
            source = _source_of_according(verb)
            if source is None:
                continue  # "according to these orders": nobody speaks
            return _Cue(verb, source)
        if verb is not None:
            return _Cue(verb, _subject(verb) or _inverted_subject(verb))
    lead = text[_region_start(text, mark.start) : mark.start].rstrip()
    if lead.endswith(":"):
        return _Cue(None, _last_nominal(before))
    return None


def _region_end(text: str, position: int) -> int:
    """Where the text after a closing mark stops belonging to its cue: a sentence end, an opening
    mark or a line break."""
    match = _REGION_END.search(text, position)
    return match.start() + 1 if match else len(text)


def _region_start(text: str, position: int) -> int:
    """Where the lead-in before an opening mark starts: after a sentence end, a closing mark or a
    line break."""
    for index in range(position - 1, -1, -1):
        char = text[index]
        if char == "\n" or char in "”»" or (char in ".!?" and index + 1 < position and text[index + 1].isspace()):
            return index + 1
        if char == '"' and index != position - 1:
            return index + 1
    return 0


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _according_to(token: Token) -> bool:
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"


def _source_of_according(token: Token) -> tuple[int, int, Token] | None:
    """X in "according to X", when X can say something (not "according to these orders")."""
    objects = [child for child in token.nbor().children if child.dep_ == "pobj"]
    if not objects or objects[0].lemma_.lower() in _SILENT_SOURCES:
        return None
    return _mention(objects[0])


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def _subject(verb: Token) -> tuple[int, int, Token] | None:
    """The speaker mention a verb governs: its subject, the agent of a passive, or the subject it
    shares with the verb it is conjoined to or hangs from ("X emailed supporters, telling them")."""
    for head in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "advcl") else None):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ == "nsubj":
                return _mention(child)
            if child.dep_ == "agent":
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects:
                    return _mention(objects[0])
    return None


def _inverted_subject(verb: Token) -> tuple[int, int, Token] | None:
    """The name or noun phrase right after a verb of saying: "...," said Hill."""
    if verb.lemma_.lower() not in _INVERTING_VERBS:
        return None
    run = []
    for token in verb.doc[verb.i + 1 : verb.i + 6]:
        if token.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") or token.ent_type_ in ("DATE", "TIME"):
            break
        run.append(token)
    nouns = [token for token in run if token.pos_ in ("PROPN", "NOUN")]
    if not nouns:
        return None
    head = nouns[-1]
    return run[0].idx, head.idx + len(head.text), head


def _mention(head: Token) -> tuple[int, int, Token]:
    """The noun phrase a head token heads, without relative clauses or trailing punctuation."""
    tokens = [t for t in head.subtree if not any(a.dep_ in ("relcl", "acl") for a in _ancestors_to(t, head))]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    tokens = tokens or [head]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), head


def _ancestors_to(token: Token, head: Token) -> Iterator[Token]:
    """The tokens from `token` up to, not including, `head`."""
    while token.i != head.i and token.head.i != token.i:
        yield token
        token = token.head


def _last_nominal(tokens: Sequence[Token]) -> tuple[int, int, Token] | None:
    """The last proper noun (a name) in `tokens`, else the last noun: who a colon introduces."""
    for pos in (("PROPN",), ("NOUN", "PRON")):
        for token in reversed(tokens):
            if token.pos_ in pos:
                start = token.idx
                left = token
                while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).idx >= tokens[0].idx:
                    left = left.nbor(-1)
                    start = left.idx
                return start, token.idx + len(token.text), token
    return None


def _direct_quotes(
    text: str, doc: Doc, marks: Sequence[tuple[Marked, _Cue | None]], resolver: _Resolver
) -> list[Quote]:
    quotes: list[Quote] = []
    index = 0
    last_speaker: Speaker | None = None
    while index < len(marks):
        mark, cue = marks[index]
        verb = cue.verb if cue is not None else None
        parts = [mark]
        # One quote in several marked stretches: the cue between them ("...," he said, "...";
        # "...," he said. "..."), or stretches that follow with nothing between them.
        while index + 1 < len(marks):
            following, following_cue = marks[index + 1]
            between = text[parts[-1].end : following.start]
            if "\n" in between or len(between) > _BETWEEN_CHARS:
                break
            cue_between = verb is not None and parts[-1].end <= verb.idx < following.start
            following_verb = following_cue.verb if following_cue is not None else None
            same_verb = verb is not None and following_verb is not None and following_verb.i == verb.i
            own_cue = following_cue is not None and not (cue_between and same_verb)
            if own_cue or not (cue_between or not between.strip()):
                break
            parts.append(following)
            index += 1
        index += 1
        start, end = parts[0].start, parts[-1].end
        speaker = None
        if cue is not None and cue.speaker is not None:
            speaker = resolver.resolve(*cue.speaker)
        elif cue is None and _is_whole_paragraph(text, mark) and last_speaker is not None and quotes:
            speaker = last_speaker  # a paragraph that is all quote continues the last speaker
        if speaker is not None:
            last_speaker = speaker
        cue_span = _cue_span(text, verb) if verb is not None else None
        quotes.append(
            Quote(
                start,
                end,
                text[start:end],
                "direct",
                speaker,
                cue_span,
                tuple(Span(p.start, p.end, text[p.start : p.end]) for p in parts) if len(parts) > 1 else (),
            )
        )
    return quotes


def _cue_span(text: str, cue: Token) -> Span:
    """The cue's span: the verb, or both words of "according to"."""
    end = cue.nbor().idx + len(cue.nbor().text) if _according_to(cue) else cue.idx + len(cue.text)
    return Span(cue.idx, end, text[cue.idx : end])


def _is_whole_paragraph(text: str, mark: Marked) -> bool:
    line_start = text.rfind("\n", 0, mark.start) + 1
    line_end = text.find("\n", mark.end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start : mark.start].strip() and not text[mark.end : line_end].strip()


def _introduced_quotes(
    text: str, doc: Doc, direct: Sequence[Quote], marked: Sequence[Marked], resolver: _Resolver
) -> Iterator[Quote]:
    """Speech a colon introduces without quotation marks: ``X wrote on Twitter: ...`` up to the
    end of the line, or the next paragraph when the colon ends its line."""
    taken = [(quote.start, quote.end) for quote in direct] + [(mark.start, mark.end) for mark in marked]
    for token in doc:
        if token.text != ":" or _within(token.idx, taken):
            continue
        lead = [t for t in token.sent if t.i < token.i]
        verb = next((t for t in reversed(lead) if _is_speech_verb(t)), None)
        if verb is None or verb.i < token.i - _COLON_REACH:
            continue
        start = token.idx + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        if not text[start:line_end].strip():  # the colon ends its line: the next paragraph is the speech
            start = line_end
            while start < len(text) and text[start].isspace():
                start += 1
            line_end = text.find("\n", start)
            line_end = len(text) if line_end == -1 else line_end
        while start < line_end and text[start].isspace():
            start += 1
        end = _line_end(text, start, line_end)
        speaker = _subject(verb)  # "the so-called process: ..." has a speech verb but nobody speaking
        if end - start < 2 or text[start] in _OPENERS or _within(start, taken) or speaker is None:
            continue
        yield Quote(start, end, text[start:end], "indirect", resolver.resolve(*speaker), _cue_span(text, verb))


# Reported speech.


def _reported_quotes(
    text: str, doc: Doc, direct: Sequence[Quote], used_cues: set[int], resolver: _Resolver
) -> Iterator[Quote]:
    inside = [(quote.start, quote.end) for quote in direct]
    for token in doc:
        if token.idx in used_cues or _within(token.idx, inside):
            continue
        found = _reported(token)
        if found is None:
            continue
        content, cue, speaker_mention = found
        start, end = content
        if end <= start or (_within(start, inside) and _within(end - 1, inside)):
            continue
        overlaps = any(s < end and start < e for s, e in inside)
        speaker = resolver.resolve(*speaker_mention) if speaker_mention else None
        yield Quote(start, end, text[start:end], "mixed" if overlaps else "indirect", speaker, _cue_span(text, cue))


def _reported(token: Token) -> tuple[tuple[int, int], Token, tuple[int, int, Token] | None] | None:
    """(content, cue, speaker) when `token` is a reporting verb with a clause (or an object, for
    a stance verb), or the "according" of "according to X"."""
    lemma = token.lemma_.lower()
    if _according_to(token):
        source = _source_of_according(token)
        if source is None:
            return None
        phrase = list(token.subtree)
        sentence = token.sent
        rest = [t for t in sentence if t.i < phrase[0].i or t.i > phrase[-1].i]
        content = _trimmed(rest)
        if content is None:
            return None
        return content, token, source
    if token.pos_ not in ("VERB", "AUX") or lemma not in _REPORTING_VERBS:
        return None
    clauses = [child for child in token.children if child.dep_ == "ccomp"]
    if not clauses and lemma in _INFINITIVE_VERBS:
        clauses = [child for child in token.children if child.dep_ == "xcomp" and child.i > token.i]
    if not clauses and lemma in STANCE_VERBS:
        clauses = [child for child in token.children if child.dep_ == "dobj"]
        if not clauses and lemma == "call":  # "called for a ban", "called on Congress to act"
            preps = [child for child in token.children if child.dep_ == "prep" and child.lower_ in ("for", "on")]
            clauses = [grand for prep in preps for grand in prep.children if grand.dep_ == "pobj"]
    if not clauses:
        return None
    tokens = [t for clause in clauses for t in clause.subtree]
    content = _trimmed(sorted(tokens, key=lambda t: t.i))
    if content is None:
        return None
    return content, token, _subject(token)


def _trimmed(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The span of `tokens` without a leading "that" or punctuation and trailing punctuation."""
    tokens = list(tokens)
    while tokens and (
        tokens[0].is_punct or tokens[0].is_space or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
    ):
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or (tokens[-1].is_punct and tokens[-1].text not in _CLOSERS)):
        tokens.pop()
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _within(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


# Speakers.


class _Resolver:
    """Resolves speaker mentions to entity clusters."""

    def __init__(self, text: str, doc: Doc, entities: Sequence[Entity]) -> None:
        self.text = text
        self.mentions = sorted(
            ((mention.start, mention.end, entity) for entity in entities for mention in entity.mentions),
            key=lambda item: item[0],
        )
        # Mentions that are the subject of their clause: who "he" most likely is.
        self.subjects = {
            start
            for start, end, _ in self.mentions
            if any(token.dep_ in ("nsubj", "nsubjpass") for token in _tokens_between(doc, start, end))
        }

    def resolve(self, start: int, end: int, head: Token) -> Speaker | None:
        """The speaker a mention ``[start, end)`` with head token `head` stands for; None when
        it is no speaker (a dateline, a relative pronoun with no antecedent)."""
        if (after := self._after_dateline(start)) is not None:
            if after >= end:
                return None  # the dateline itself
            start = after  # "BUFFALO, N.Y. (AP) — Officials": the words after the dash
            while start < end and self.text[start].isspace():
                start += 1
            entity = next((e for s, e_end, e in self.mentions if start <= s < end), None)
            text = self.text[start:end]
            return Speaker(entity.name if entity else text, entity.id if entity else None, start, end)
        if head.lower_ in _RELATIVE_PRONOUNS:
            # "Sondland, who said ...": the mention stays "who", the name is its antecedent's
            clause = head.head
            if clause.dep_ != "relcl" or clause.head.pos_ not in ("PROPN", "NOUN"):
                return None
            antecedent_start, antecedent_end, antecedent = _mention(clause.head)
            named = self.resolve(antecedent_start, antecedent_end, antecedent)
            return None if named is None else Speaker(named.name, named.entity, start, end)
        described = Speaker(self.text[start:end], None, start, end)
        entity = self._entity_at(start, end, head)
        if entity is None and head.lower_ in _PERSONAL_PRONOUNS:
            # The last person named as the subject of a clause ("Sondland testified that he had
            # discussed Joe Biden. "I now do recall," he said"), then the last person named.
            # Either with a full name or a title first: spaCy's small model takes some one-word
            # places for people ("Lachin"), and "she" should not become a town.
            def named_person(e: Entity) -> bool:
                return e.label == "PERSON" and (" " in e.name or bool(e.titles))

            entity = self._last_before(start, named_person, subject=True)
            entity = entity or self._last_before(start, named_person)
            entity = entity or self._last_before(start, lambda e: e.label == "PERSON")
        elif entity is None and head.pos_ == "NOUN":
            title = head.lower_
            entity = self._last_before(start, lambda e: e.label == "PERSON" and title in map(str.lower, e.titles))
        if entity is None:
            return described
        return Speaker(entity.name, entity.id, start, end)

    def _entity_at(self, start: int, end: int, head: Token) -> Entity | None:
        """The entity with a mention at the head of ``[start, end)``: "the minister's aide" is not the minister."""
        for mention_start, mention_end, entity in self.mentions:
            if mention_start >= end:
                break
            if mention_start <= head.idx < mention_end:
                return entity
        return None

    def _last_before(self, position: int, wanted: Any, *, subject: bool = False) -> Entity | None:
        for mention_start, _, entity in reversed(self.mentions):
            if mention_start < position and wanted(entity) and (not subject or mention_start in self.subjects):
                return entity
        return None

    def _after_dateline(self, start: int) -> int | None:
        """Where the dateline that a mention starting at `start` opens ends, past its dash
        ("BUFFALO, N.Y. (AP) —"); None when the mention opens no dateline."""
        line_start = self.text.rfind("\n", 0, start) + 1
        dateline = _DATELINE.match(self.text, line_start)
        if dateline is None or not line_start <= start < dateline.end():
            return None
        dash = _DATELINE_END.match(self.text, dateline.end())
        return dash.end() if dash is not None else None
