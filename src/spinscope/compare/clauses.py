"""Parts of a sentence whose names are not the actors of its claim: the attribution (who
reports the claim: "according to the ministry", «по данным армянских СМИ», "..., Azerigas
said") and the causal clause (why it happened: "because Armenian forces had mined the verge").

Who reports a claim is no actor of it, and two outlets that credit different sources for one
event do not differ on who did it; a name inside a cause is the cause's content, compared by
the ``cause`` rule. A reporting verb whose speaker opens the sentence ("Armenia proposed
that ...", «Никол Пашинян заявил, что ...») is the claim itself and is kept.

Invariants: every function is pure; spans are ``(start, end)`` offsets into the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spinscope.document import Quote, Span

__all__ = ["attributions", "causal_clause", "causal_span"]

# "was due to finish" schedules an act, it gives no cause ("was due to heavy snow" does).
_SCHEDULED = (
    r"(?!\s+(?:be|begin|close|complete|end|expire|finish|hold|land|launch|leave|meet|open|reopen|resume|return"
    r"|sign|start|take|visit|vote)\b)"
)
_CAUSE = re.compile(
    rf"\b(?P<marker>because(?: of)?|due to{_SCHEDULED}|owing to|as a result of|caused by|blamed (?:\w+ )?on"
    r"|after|following)\s+(?P<clause>[^.;:!?]+)",
    re.IGNORECASE,
)
_CAUSE_RU = re.compile(
    r"(?<!\w)(?P<marker>потому что|так как|поскольку|из-за(?: того,? что)?|вследствие|в результате|по причине|по вине"
    r"|после)\s+(?P<clause>[^.;:!?]+)",
    re.IGNORECASE,
)
# A phrase that credits a source, up to the end of its clause.
_CREDIT = re.compile(
    r"(?<!\w)(?:according to|as reported by|citing|по данным|по сообщени\w+|по словам|по утверждению|по оценк\w+"
    r"|по мнению|по информации|по версии|по подсч[её]там|со ссылкой на|как сообща\w+|как сообщил\w*|как заявил\w*"
    r"|как утвержда\w+)\s+[^,.;:!?]+",
    re.IGNORECASE,
)


def causal_clause(text: str) -> tuple[str, str] | None:
    """The (marker, clause) of the first causal clause of a sentence, or None."""
    match = _CAUSE.search(text) or _CAUSE_RU.search(text)
    return (match.group("marker").lower(), match.group("clause").strip()) if match else None


def causal_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the first causal clause of ``text[start:end]`` runs (marker included), or None."""
    sentence = text[start:end]
    match = _CAUSE.search(sentence) or _CAUSE_RU.search(sentence)
    return (start + match.start(), start + match.end()) if match else None


def attributions(text: str, sentence: Span, quotes: Iterable[Quote] = ()) -> list[tuple[int, int]]:
    """The spans of ``sentence`` that credit a source: a crediting phrase ("according to X",
    «по данным X», «как сообщает X») to the end of its clause, and a reporting clause after the
    start of what it reports ("..., the ministry said.", "..., сообщили в компании «Азеригаз».",
    «Колонна, как сообщили в комитете, отправится ...») from its cue or speaker to the end of
    its clause."""
    found = [(match.start(), match.end()) for match in _CREDIT.finditer(text, sentence.start, sentence.end)]
    for quote in quotes:
        speaker, cue = quote.speaker, quote.cue
        if speaker is None or speaker.start is None or speaker.end is None or cue is None:
            continue  # a speaker without a mention in the text marks no words
        first, stop = speaker.start, speaker.end
        if not (sentence.start <= first and stop <= sentence.end) or first < quote.start:
            continue  # elsewhere, or "X said that ...": a speaker who opens the claim may be its actor
        start, last = min(cue.start, first), max(cue.end, stop)
        comma = text.find(",", last, sentence.end)
        end = comma if comma >= 0 else sentence.end
        end = min([end, *(part.start for part in quote.parts if part.start >= last)])
        found.append((start, end))
    return found
