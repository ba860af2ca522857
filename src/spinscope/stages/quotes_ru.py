"""Russian quotes: who is quoted or reported saying what in a Russian article.

The same `quotes` and `terms` layers as the English finder (`spinscope.stages.quotes`), read
with the conventions of Russian news:

1. Quotation marks are «ёлочки» and „лапки“ (straight quotes too), nested as Russian nests them
   («... „...“ ...»); only the outermost pair bounds a quote, and a quote's content is what
   the marks enclose, without them.
2. A marked stretch is speech when a cue is beside it: the dash convention after it
   («...», — сказал он. / «...» — заявил министр), a colon after a speech verb or a speaker
   before it (X заявил: «...»), or when it is long (6 words or more). Anything else (a name
   in «», «Газпром», фестиваль «Хары бюльбюль») is a `Term`.
3. A quote split by its attribution («..., — отметил он, — ...») is one quote with two `parts`.
4. Reported speech: a speech or attitude verb with a что-clause (X заявил, что ...), «по
   словам X» / «по мнению X», «как сообщает X» / «как заявили в X» at the start of a sentence
   (the rest of it is the content) or in its middle (both sides are), and a sentence that ends
   with its attribution (..., сообщили в Кремле.). Its content runs to the end of the sentence.
5. Speech verbs are matched by lemma where the parse gives lemmas, by their forms otherwise
   (заявил, заявила, заявили, заявляет, ...), so that the finder also reads a text alone.
6. The speaker is the verb's subject (the parse's ``nsubj``, else the noun phrase opening
   the clause, else the one right after the verb: «...», — сказал он), or the institution of
   «заявили в МИД», or what «по словам» names. It resolves to an entity as in English: a name
   or a group to the entity mentioned there; a pronoun (он, она, его, её) to the last person
   named before it, of the pronoun's gender where the name shows one; a title (президент,
   министр, лидер) to the last person named.

Invariants: every quote's span, parts, cue and speaker mention are ``[start, end)`` offsets
into the text; a quote's span covers its parts; no two quotes overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from spinscope.document import Entity, Quote, Span, Speaker, Term

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SPEECH_LEMMAS", "find_quotes_ru", "speech_lemma"]

# Lemmas of verbs (and two short adjectives) that report what someone said, wrote or thinks.
SPEECH_LEMMAS = frozenset(
    """
    сказать заявить заявлять говорить отметить отмечать подчеркнуть подчёркивать подчеркивать сообщить
    сообщать добавить добавлять пояснить пояснять признать признавать считать полагать утверждать
    рассказать рассказывать написать писать объявить объявлять уточнить уточнять напомнить напоминать
    указать указывать предупредить предупреждать призвать призывать ответить отвечать выразить выражать
    заверить заверять обещать пообещать констатировать заметить замечать подтвердить подтверждать
    опровергнуть отрицать настаивать возразить прокомментировать комментировать признаться поделиться
    спросить воскликнуть продолжить резюмировать подытожить убеждать уверять надеяться опасаться
    рассчитывать думать говориться цитировать процитировать передать отчитаться убедить уверить
    жаловаться пожаловаться обвинить обвинять потребовать требовать предложить предлагать пригрозить
    высказаться уверен убеждён убежден уверенный убеждённый убежденный вспоминать вспомнить признаваться
""".split()
)
# Irregular forms a form-built paradigm would miss, by lemma.
_IRREGULAR = {
    "писать": "пишет пишут",
    "написать": "напишет напишут",
    "сказать": "скажет скажут",
    "рассказать": "расскажет расскажут",
    "указать": "укажет укажут",
    "признавать": "признаёт признает признают",
    "опровергнуть": "опроверг опровергла опровергли",
    "говориться": "говорится говорилось",
    "уверен": "уверен уверена уверены",
    "убеждён": "убеждён убеждена убеждены",
    "убежден": "убежден",
    "передать": "передаёт передает передают",
    "надеяться": "надеется надеются",
    "требовать": "требует требуют",
    "потребовать": "потребует",
    "предлагать": "предлагает предлагают",
    "жаловаться": "жалуется жалуются",
}
_PRONOUNS = {
    "он": "m",
    "его": "m",
    "него": "m",
    "ему": "m",
    "она": "f",
    "её": "f",
    "ее": "f",
    "неё": "f",
    "нее": "f",
    "они": None,
    "их": None,
}
# Words that open a speaker's noun phrase but are never one: adverbs and particles of the clause.
_SKIP = frozenset(
    "также тоже уже ранее позже позднее затем потом вновь снова еще ещё же и а но в том числе лично "
    "неоднократно отдельно прямо публично официально впервые вчера сегодня завтра накануне".split()
)
_PREPOSITIONS = frozenset("в во на по с со к ко из от до за о об при для у через после перед под над между".split())
# Words after a verb of saying that name whom it was said to, not who said it.
_ADDRESSEES = re.compile(
    r"^(?:журналист\w*|корреспондент\w*|репортер\w*|репортёр\w*|собравш\w*|изданию|агентству|"
    r"телеканалу|газете|радио|ветеранам|депутатам|участникам|гостям|слушателям|нам|мне)$"
)
_TITLE_LEAD = re.compile(
    r"(?:назван\w*|названием|наименованием|так\sназываем\w*|т\.\s?н\.|партии?|газет\w*|компани\w*|издани\w*|"
    r"фестивал\w*|операци\w*|программ\w*|проект\w*|журнал\w*|телеканал\w*|агентств\w*|фонд\w*|движени\w*|"
    r"кампани\w*|групп\w*|концерн\w*|холдинг\w*|банк\w*|завод\w*|клуб\w*|книг\w*|фильм\w*|песн\w*|слов\w*)\s*$",
    re.IGNORECASE,
)
# Nouns a person is called by instead of the name: "российский президент", "премьер", "глава МИД".
_TITLES = re.compile(
    r"^(?:президент|премьер|премьер-министр|вице-премьер|вице-президент|министр|вице-министр|замминистра|лидер|глава"
    r"|председател|спикер|губернатор|мэр|посол|генсек|канцлер|депутат|сенатор|пресс-секретар|советник|помощник"
    r"|командующ|генерал|полководец|дипломат|политик|премьера|министра|президента)\w*$"
)
_WORD = re.compile(r"[\w][\w\-]*|[^\w\s]")
_OPEN, _CLOSE = '«„“"', '»“”"'
_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
_SPEECH_WORDS = 6  # a marked stretch this long is speech whatever surrounds it
_CUE_WORDS = 12  # the most words an attribution after a dash may have
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    lemma: str  # "" where the text came without a parse
    dep: str
    head: int  # index of the head token in the same list (itself for a root)


@dataclass(frozen=True, slots=True)
class _Marked:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end)


# Forms of speech verbs, for a text that comes without lemmas.
def _paradigm(lemma: str) -> list[str]:
    """The finite forms a news text uses of `lemma`: past, present or perfective future 3rd person."""
    forms = _IRREGULAR.get(lemma, "").split()
    reflexive = lemma.endswith(("ться", "тись"))
    stem = lemma[:-4] if reflexive else lemma[:-2] if lemma.endswith("ть") else ""
    if not stem:
        return forms or [lemma]
    suffix = "ся" if reflexive else ""
    past = [stem + "л" + ending for ending in ("", "а", "о", "и")]
    forms += [form + (("сь" if form[-1] in "аоиы" else "ся") if reflexive else "") for form in past]
    if stem.endswith(("а", "я", "е")) and not lemma.endswith("овать"):
        forms += [stem + "ет" + suffix, stem + "ют" + suffix]
    elif lemma.endswith("овать"):
        forms += [lemma[:-5] + "ует" + suffix, lemma[:-5] + "уют" + suffix]
    elif stem.endswith("и"):
        base = stem[:-1]
        forms += [base + "ит" + suffix, base + ("ат" if base[-1:] in "жшчщ" else "ят") + suffix]
    elif stem.endswith("у"):  # подчеркнуть -> подчеркнет
        forms += [stem[:-1] + "ет", stem[:-1] + "ут"]
    return forms


_FORMS = {form: lemma for lemma in sorted(SPEECH_LEMMAS) for form in _paradigm(lemma)}


_LEMMAS_YO = {lemma.replace("ё", "е"): lemma for lemma in SPEECH_LEMMAS}


def speech_lemma(word: str, lemma: str | None = None) -> str | None:
    """The speech verb a word is a form of: by its lemma when the parse gives one, else by its
    form ("заявила" -> "заявить"); None for any other word."""
    if lemma:
        return _LEMMAS_YO.get(lemma.lower().replace("ё", "е"))
    return _FORMS.get(word.lower())


def find_quotes_ru(text: str, doc: Doc | None, entities: Sequence[Entity]) -> tuple[list[Quote], list[Term]]:
    """The quotes and terms of a Russian text, given its parse (or None) and entity clusters."""
    tokens = _tokens(text, doc)
    resolver = _Resolver(text, entities)
    marked = find_marked(text)
    quotes: list[Quote] = []
    terms: list[Term] = []
    for mark in marked:
        quote = _direct(text, tokens, mark, resolver)
        if quote is None:
            terms.append(_term(text, mark))
        else:
            quotes.append(quote)
    taken = [(q.start, q.end) for q in quotes]
    quotes.extend(_reported(text, tokens, taken, resolver))
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    return quotes, terms


def find_marked(text: str) -> list[_Marked]:
    """The outermost stretches in quotation marks; one left open closes at its paragraph's end."""
    found: list[_Marked] = []
    stack: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char == "\n" and stack:
            found.append(_Marked(start, _trim_end(text, start, index)))
            stack = []
            continue
        if stack and char == _PAIRS[stack[-1]] and (char != '"' or _closes(text, index)):
            stack.pop()
            if not stack:
                found.append(_Marked(start, index + 1))
            continue
        if char in _PAIRS and (char != '"' or _opens(text, index)) and (char != "“" or not stack or stack[-1] != "„"):
            if not stack:
                start = index
            stack.append(char)
    if stack:
        found.append(_Marked(start, _trim_end(text, start, len(text))))
    return [mark for mark in found if mark.end - mark.start > 2]


def _opens(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:«„") and not after.isspace()


def _closes(text: str, index: int) -> bool:
    return index > 0 and not text[index - 1].isspace()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _inner(text: str, mark: _Marked) -> tuple[int, int]:
    """The content inside the marks, without them and without the spaces next to them."""
    start, end = mark.start + 1, mark.end - (1 if text[mark.end - 1] in _CLOSE else 0)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Tokens


def _tokens(text: str, doc: Doc | None) -> list[_Tok]:
    """The text's tokens with lemmas and dependencies from the parse, or bare ones from the text."""
    if doc is not None and len(doc) and doc.text == text:
        return [_Tok(t.idx, t.idx + len(t.text), t.text, t.lemma_, t.dep_, t.head.i) for t in doc]
    found = list(_WORD.finditer(text))
    return [_Tok(m.start(), m.end(), m.group(), "", "", i) for i, m in enumerate(found)]


def _between(tokens: Sequence[_Tok], start: int, end: int) -> list[int]:
    return [i for i, t in enumerate(tokens) if start <= t.start and t.end <= end]


def _verb(tokens: Sequence[_Tok], indexes: Sequence[int]) -> int | None:
    """The first speech verb among `indexes`."""
    return next((i for i in indexes if speech_lemma(tokens[i].text, tokens[i].lemma)), None)


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence around `position`, by its end marks and line breaks (not inside quotation marks)."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end_match = _SENTENCE_END.search(text, position)
    end = end_match.start() if end_match else len(text)
    while start < end and text[start].isspace():
        start += 1
    return start, end


# Direct quotes


def _direct(text: str, tokens: Sequence[_Tok], mark: _Marked, resolver: _Resolver) -> Quote | None:
    inner_start, inner_end = _inner(text, mark)
    if inner_end <= inner_start:
        return None
    parts = _split_inside(text, tokens, inner_start, inner_end)
    after = _cue_after(text, tokens, mark.end)
    before = _cue_before(text, tokens, mark.start)
    words = len(text[inner_start:inner_end].split())
    cue: tuple[int | None, tuple[int, int] | None] | None = None
    if parts is not None:
        cue = parts[1]
    elif after is not None:
        cue = after
    elif before is not None:
        cue = before
    if cue is None and parts is None:
        cue = _cue_next_sentence(text, tokens, mark.end)
    lead = text[max(0, mark.start - 40) : mark.start]
    if cue is None and (words < _SPEECH_WORDS or _TITLE_LEAD.search(lead)):
        return None
    if cue is None and words < 2 * _SPEECH_WORDS and _TITLE_LEAD.search(lead):
        return None
    verb, mention = cue if cue is not None else (None, None)
    speaker = resolver.resolve(*mention, verb_text=tokens[verb].text if verb is not None else "") if mention else None
    cue_span = Span(tokens[verb].start, tokens[verb].end, tokens[verb].text) if verb is not None else None
    if parts is not None:
        pieces = tuple(Span(s, e, text[s:e]) for s, e in parts[0])
        return Quote(
            pieces[0].start, pieces[-1].end, text[pieces[0].start : pieces[-1].end], "direct", speaker, cue_span, pieces
        )
    return Quote(inner_start, inner_end, text[inner_start:inner_end], "direct", speaker, cue_span)


_INSIDE_CUE = re.compile(r"[,!?…]\s*[—–]\s*([^—–«»„“\n]{3,120}?)[,.]?\s*[—–]\s*")


def _split_inside(
    text: str, tokens: Sequence[_Tok], start: int, end: int
) -> tuple[list[tuple[int, int]], tuple[int | None, tuple[int, int] | None]] | None:
    """A quote split by its attribution: «первое, — отметил он, — второе» -> both parts and the cue."""
    for match in _INSIDE_CUE.finditer(text, start, end):
        indexes = _between(tokens, match.start(1), match.end(1))
        verb = _verb(tokens, indexes[:3])
        if verb is None or len(indexes) > _CUE_WORDS:
            continue
        first_end = match.start() + (1 if text[match.start()] in "!?…" else 0)
        second_start = match.end()
        return [(start, first_end), (second_start, end)], (verb, _speaker_near(text, tokens, verb, indexes))
    return None


def _cue_after(text: str, tokens: Sequence[_Tok], position: int) -> tuple[int | None, tuple[int, int] | None] | None:
    """The attribution after a closing mark: ``, — сказал он.`` / `` — заявил министр.``"""
    match = re.compile(r"\s*[,!?…]?\s*[—–-]\s*").match(text, position)
    if match is None:
        return None
    end = _SENTENCE_END.search(text, match.end())
    stop = min(end.start() if end else len(text), *(i for i in (text.find("«", match.end()),) if i >= 0), len(text))
    indexes = _between(tokens, match.end(), stop)
    if not indexes:
        return None
    verb = _verb(tokens, indexes[:4])
    if verb is None:
        return None
    return verb, _speaker_near(text, tokens, verb, indexes)


def _cue_before(text: str, tokens: Sequence[_Tok], position: int) -> tuple[int | None, tuple[int, int] | None] | None:
    """The attribution before an opening mark: ``X заявил: «`` or ``X: «``."""
    lead = text[:position].rstrip()
    if not lead.endswith(":") and not re.search(r"(?:^|\W)что$", lead):
        return None  # only "X заявил: «...»" and "X заявил, что «...»" introduce a quote
    sentence_start, _ = _sentence_bounds(text, len(lead) - 1)
    sentence_start = max(sentence_start, max((text.rfind(c, 0, position) + 1 for c in "»“”"), default=0))
    indexes = _between(tokens, sentence_start, len(lead) - (1 if lead.endswith(":") else 3))
    if not indexes:
        return None
    verb = _verb(tokens, indexes[::-1])
    if verb is None and not lead.endswith(":"):
        return None
    if verb is not None:
        return verb, _speaker_near(text, tokens, verb, indexes)
    names = [i for i in indexes if tokens[i].text[:1].isupper()]
    if not names:
        return None
    return None, _phrase(tokens, [i for i in indexes if i <= names[-1]][-4:])


_ABOUT_THIS = re.compile(r"\s*[.!?…]?\s*(?:[Оо]б\s+этом|[Тт]ак(?:ое\s+мнение)?)\s+")


def _cue_next_sentence(
    text: str, tokens: Sequence[_Tok], position: int
) -> tuple[int | None, tuple[int, int] | None] | None:
    """The attribution that opens the next sentence: «...». Об этом заявил министр."""
    match = _ABOUT_THIS.match(text, position)
    if match is None or "\n" in text[position : match.end()]:
        return None
    _, end = _sentence_bounds(text, match.end())
    indexes = _between(tokens, match.end(), end)
    verb = _verb(tokens, indexes[:3])
    if verb is None:
        return None
    return verb, _speaker_near(text, tokens, verb, indexes)


def _speaker_near(text: str, tokens: Sequence[_Tok], verb: int, clause: Sequence[int]) -> tuple[int, int] | None:
    """The speaker of `verb` within `clause`: the parse's subject, the noun phrase that opens the
    clause before the verb, the institution of "заявили в X", or the phrase after the verb."""
    subject = [i for i in clause if tokens[i].dep.startswith("nsubj") and tokens[i].head == verb]
    if subject:
        return _phrase(tokens, _subtree(tokens, subject[0], clause))
    before = [i for i in clause if i < verb]
    opening = _opening_phrase(tokens, before)
    if opening is not None:
        return opening
    after = [i for i in clause if i > verb]
    return _phrase_after(tokens, after)


def _subtree(tokens: Sequence[_Tok], head: int, within: Sequence[int]) -> list[int]:
    inside = set(within)
    members = {head}
    changed = True
    while changed:
        changed = False
        for i in inside - members:
            attached = tokens[i].dep not in ("punct", "acl", "acl:relcl", "parataxis")
            if tokens[i].head in members and tokens[i].head != i and attached:
                members.add(i)
                changed = True
    ordered = sorted(members)
    run = [ordered[0]]
    for i in ordered[1:]:  # a contiguous run around the head: "министр сельского хозяйства Ерлан Ахметов"
        if i == run[-1] + 1:
            run.append(i)
        elif i < head:
            run = [i]
        else:
            break
    return [i for i in run if tokens[i].text not in ",—–"] or [head]


def _opening_phrase(tokens: Sequence[_Tok], before: Sequence[int]) -> tuple[int, int] | None:
    """The noun phrase that opens a clause before its verb: "Президент напомнил", "Он также
    подчеркнул", "Бывший житель города Ровшан Мамедов заявил"; "В МИД России выразили" gives
    the institution after its preposition."""
    words = [i for i in before if tokens[i].text[:1].isalnum()]
    if not words:
        return None
    if tokens[words[0]].text.lower() in ("в", "во"):
        words = words[1:]
    run = []
    for i in words:
        low = tokens[i].text.lower()
        if low in _SKIP or low in _PREPOSITIONS or low in ("как", "что", "по"):
            break
        run.append(i)
    return _phrase(tokens, run) if run else None


def _phrase_after(tokens: Sequence[_Tok], after: Sequence[int]) -> tuple[int, int] | None:
    """The speaker named after a verb of saying: "— сказал он", "— заявил министр Ерлан Ахметов",
    or the institution of "— сообщили в Кремле", "заявили на прошлой неделе в МИД"
    (a phrase after "в" that starts with a capital, else the first one after "в")."""
    runs: list[tuple[str, list[int]]] = [("", [])]
    for i in after:
        low = tokens[i].text.lower()
        if not tokens[i].text[:1].isalnum():
            break
        if low in _PREPOSITIONS:
            runs.append((low, []))
        elif low not in _SKIP and not _ADDRESSEES.match(low):
            runs[-1][1].append(i)
        elif runs[-1][1]:
            runs.append(("", []))  # "— сказал он журналистам": the addressee ends the speaker
    plain = [run for lead, run in runs if not lead and run]
    inside = [run for lead, run in runs if lead in ("в", "во") and run]
    capital = [run for run in inside if tokens[run[0]].text[:1].isupper()]
    best = (plain or capital or inside or [[]])[0]
    return _phrase(tokens, best[:6]) if best else None


def _phrase(tokens: Sequence[_Tok], indexes: Sequence[int]) -> tuple[int, int] | None:
    if not indexes:
        return None
    return tokens[indexes[0]].start, tokens[indexes[-1]].end


def _term(text: str, mark: _Marked) -> Term:
    words = len(text[mark.start : mark.end].split())
    lead = _TITLE_LEAD.search(text[max(0, mark.start - 40) : mark.start])
    reason = (
        f"introduced by {lead.group().strip()!r}"
        if lead
        else f"{words} word{'s' * (words > 1)} in quotation marks with no speech cue"
    )
    kind: Literal["title", "term"] = "title" if lead else "term"
    return Term(mark.start, mark.end, text[mark.start : mark.end], kind, reason)


# Reported speech

_DATA_NOUNS = frozenset({"данным", "информации", "сведениям", "прогнозу", "прогнозам", "оценкам"})

_ACCORDING = re.compile(
    r"(?:^|(?<=[\s(]))(?:[Пп]о\s+(?P<pronoun>(?:его|её|ее|их)\s+)?(?P<noun>словам|мнению|оценке|оценкам|утверждению|версии"
    r"|подсч[её]там|данным|информации|сведениям|прогнозу|прогнозам)|[Кк]ак\s+(?=\w+))"
)


def _reported(text: str, tokens: Sequence[_Tok], taken: Sequence[tuple[int, int]], resolver: _Resolver) -> list[Quote]:
    quotes: list[Quote] = []
    for sentence_start, sentence_end in _sentences(text):
        if _inside(sentence_start, taken) and _inside(max(sentence_start, sentence_end - 1), taken):
            continue
        found = (
            _about_this(text, tokens, sentence_start, sentence_end)
            or _according_to(text, tokens, sentence_start, sentence_end)
            or _that_clause(text, tokens, sentence_start, sentence_end)
            or _trailing_attribution(text, tokens, sentence_start, sentence_end)
        )
        if found is None:
            continue
        parts, cue_at, mention = found
        parts = [(s, e) for s, e in parts if e > s and not (_inside(s, taken) and _inside(e - 1, taken))]
        if not parts:
            continue
        overlaps = any(s < e2 and s2 < e for s, e in parts for s2, e2 in taken)
        if overlaps:
            continue
        cue = Span(cue_at[0], cue_at[1], text[cue_at[0] : cue_at[1]]) if cue_at is not None else None
        speaker = resolver.resolve(*mention, verb_text=cue.text if cue else "") if mention else None
        start, end = parts[0][0], parts[-1][1]
        pieces = tuple(Span(s, e, text[s:e]) for s, e in parts) if len(parts) > 1 else ()
        quotes.append(Quote(start, end, text[start:end], "indirect", speaker, cue, pieces))
    return quotes


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences by their end marks and line breaks, never ending inside quotation marks."""
    spans, start, depth = [], 0, 0
    for index, char in enumerate(text):
        if char in "«„":
            depth += 1
        elif char in "»“" and depth:
            depth -= 1
        if char == "\n" or (depth == 0 and char in ".!?" and (index + 1 == len(text) or text[index + 1].isspace())):
            if char == "\n":
                depth = 0
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


# What a reported-speech pattern finds: the content's parts, the cue's and the speaker's extents.
Found = tuple[list[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]


def _about_this(text: str, tokens: Sequence[_Tok], start: int, end: int) -> Found | None:
    """A sentence that the next one attributes: «Огонь прекращён. Об этом сообщили в Кремле.»"""
    cue = _cue_next_sentence(text, tokens, end)
    if cue is None or text[start:end].lstrip().startswith(("«", "„", '"')):
        return None
    verb, mention = cue
    if verb is None:
        return None
    return [_content(text, start, end)], (tokens[verb].start, tokens[verb].end), mention


def _according_to(text: str, tokens: Sequence[_Tok], start: int, end: int) -> Found | None:
    """«По словам X, ...», «Как сообщает X, ...», and the same in the middle of a sentence."""
    for match in _ACCORDING.finditer(text, start, end):
        comma = text.find(",", match.end(), end)
        if comma < 0:
            continue
        indexes = _between(tokens, match.end(), comma)
        if not (indexes or match.group("pronoun")) or len(indexes) > _CUE_WORDS:
            continue
        if match.group().lower().startswith("как"):
            verb = _verb(tokens, indexes[:2])
            if verb is None:
                continue
            mention = _phrase_after(tokens, [i for i in indexes if i > verb])
            cue_at = (tokens[verb].start, tokens[verb].end)
        else:
            pronoun = match.group("pronoun")
            if pronoun:
                at = match.start("pronoun")
                mention = (at, at + len(pronoun.strip()))
            else:
                mention = _phrase_after(tokens, indexes)
                if match.group("noun") in _DATA_NOUNS and not any(tokens[i].text[:1].isupper() for i in indexes):
                    continue  # "по последним данным": data nobody is named as giving
            cue_at = (match.start(), match.end())
        rest = _content(text, comma + 1, end)
        if match.start() <= start + 1:  # it opens the sentence: the rest is the content
            return [rest], cue_at, mention
        before_comma = text.rfind(",", start, match.start())
        if before_comma < 0:
            continue
        return [_content(text, start, before_comma), rest], cue_at, mention
    return None


def _that_clause(text: str, tokens: Sequence[_Tok], start: int, end: int) -> Found | None:
    """«X заявил, что ...»: the clause after "что" to the end of the sentence."""
    for match in re.finditer(r",\s+что\s+", text[start:end]):
        comma = start + match.start()
        clause_start = max(start, text.rfind(",", start, comma) + 1, *(text.rfind(c, start, comma) + 1 for c in "»“;:"))
        indexes = _between(tokens, clause_start, comma)
        verb = _verb(tokens, indexes[::-1][:5])
        if verb is None:
            continue
        mention = _speaker_near(text, tokens, verb, indexes)
        return [_content(text, start + match.end(), end)], (tokens[verb].start, tokens[verb].end), mention
    return None


def _trailing_attribution(text: str, tokens: Sequence[_Tok], start: int, end: int) -> Found | None:
    """A sentence that ends with its attribution: «Огонь прекращён, сообщили в Кремле.»"""
    comma = text.rfind(",", start, end)
    if comma < 0:
        return None
    indexes = _between(tokens, comma + 1, end)
    if not indexes or len(indexes) > 6:
        return None
    verb = _verb(tokens, indexes[:2])
    if verb is None:
        return None
    mention = _phrase_after(tokens, [i for i in indexes if i > verb]) or _opening_phrase(
        tokens, [i for i in indexes if i < verb]
    )
    return [_content(text, start, comma)], (tokens[verb].start, tokens[verb].end), mention


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


# Speakers


class _Resolver:
    """Resolves speaker mentions to entity clusters."""

    def __init__(self, text: str, entities: Sequence[Entity]) -> None:
        self.text = text
        self.mentions = sorted(
            ((mention.start, mention.end, entity) for entity in entities for mention in entity.mentions),
            key=lambda item: item[0],
        )

    def resolve(self, start: int, end: int, *, verb_text: str = "") -> Speaker:
        """The speaker a mention ``[start, end)`` stands for; its description when no entity fits."""
        words = self.text[start:end].split()
        described = Speaker(self.text[start:end], None, start, end)
        inside = [e for s, e_end, e in self.mentions if start <= s and e_end <= end]
        person = next((e for e in inside if e.label == "PERSON"), None)
        entity = person or (inside[0] if inside else None)
        if entity is None and len(words) == 1 and words[0].lower() in _PRONOUNS:
            gender = _PRONOUNS[words[0].lower()]
            if gender is None:
                return described
            entity = self._last_person(start, gender) or self._last_person(start, None)
        elif entity is None and 0 < len(words) <= 3 and _TITLES.match(words[-1].lower()):
            # a title ("российский президент", "премьер"): the last person named before it
            entity = self._last_person(start, "f" if verb_text.endswith(("ла", "лась")) else None)
        if entity is None:
            return described
        return Speaker(entity.name, entity.id, start, end)

    def _last_person(self, position: int, gender: str | None) -> Entity | None:
        for start, _, entity in reversed(self.mentions):
            if start < position and entity.label == "PERSON" and (gender is None or _gender(entity.name) == gender):
                return entity
        return None


def _gender(name: str) -> str:
    """A Russian name's gender, by its surname's (or last word's) ending: Алиева, Сарсенова are women."""
    last = name.split()[-1].lower() if name.split() else ""
    return (
        "f"
        if last.endswith(("ова", "ева", "ина", "ына", "ская", "цкая", "ая"))
        or (len(name.split()) == 1 and last.endswith("а"))
        else "m"
    )
