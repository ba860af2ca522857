"""A readable Markdown summary of one analysed document.

The summary opens with the article's metadata, then has one section per layer that ran, in
the order of `SECTIONS`; a later stage adds its section there. Article text is hostile input:
everything quoted from it is escaped so that it cannot change the summary's structure or carry
markup (HTML tags, entities, links) into it. The input's name is shown as a code span fenced
longer than any run of backticks inside it, with control characters escaped, so that it ends
where it should and stays on its line.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable

from spinscope.document import Claim, Document, Entity, Finding, Quote, Technique, Term, TimelineEntry, Timex
from spinscope.render.common import LABEL_NAMES, grouped

__all__ = ["SECTIONS", "to_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def to_markdown(document: Document, *, all_techniques: bool = False) -> str:
    """Render `document` as a Markdown summary.

    Technique spans below the operating point (not `shown`) are counted but listed only when
    `all_techniques` is true.
    """
    if document.error is not None:
        return "\n".join(
            [
                f"# {_escape(document.source.name or document.id)}",
                "",
                f"**Not analysed** ({document.error.code}): {_escape(document.error.message)}",
                "",
            ]
        )
    lines = _header(document)
    sections = SECTIONS | {"techniques": functools.partial(_techniques, everything=all_techniques)}
    for layer, render in sections.items():
        if layer in document.layers and (section := render(document)):
            lines += ["", *section]
    problems = [record for record in document.stages if record.status == "failed"]
    if problems:
        lines += ["", "## Stages that failed", ""]
        lines += [f"- **{r.name}** ({r.code}): {_escape(r.error or '')}" for r in problems]
    return "\n".join(lines) + "\n"


def _header(document: Document) -> list[str]:
    meta = document.metadata
    lines = [f"# {_escape(meta.title or document.source.name or 'Untitled document')}", ""]
    source = document.source
    skipped = ", ".join(record.name for record in document.stages if record.code == "language.unsupported")
    facts = [
        ("Source", f"{source.kind} {_code(source.name)}" if source.name else source.kind),
        ("Published", meta.published),
        ("By", ", ".join(meta.byline)),
        ("Site", meta.site),
        ("Section", " › ".join(meta.breadcrumbs)),
        ("URL", meta.url),
        ("Language", f"{meta.language}; not analysed by {skipped}, which do not support it" if skipped else None),
    ]
    lines += [f"- **{label}:** {_escape(value) if label != 'Source' else value}" for label, value in facts if value]
    words = len(document.text.split())
    sentences = len(document.layers.get("sentences", ()))
    size = f"{words:,} words" + (f", {sentences:,} sentences" if "sentences" in document.layers else "")
    lines.append(f"- **Length:** {size}")
    for image in meta.images:
        parts = (image.caption, image.credit and f"credit: {image.credit}")
        described = "; ".join(_escape(part) for part in parts if part)
        lines.append(f"- **Image:** {_escape(image.url or '(no URL)')}" + (f" ({described})" if described else ""))
    return lines


def _entities(document: Document) -> list[str]:
    entities: tuple[Entity, ...] = document.layers["entities"]
    lines = ["## Who and what it names", ""]
    if not entities:
        return lines + ["No named people, organisations or places found."]
    ranked = sorted(entities, key=lambda e: (e.label != "PERSON", -len(e.mentions), e.mentions[0].start))
    lines += ["| Name | Kind | Mentions | Titles | Also written |", "|---|---|---:|---|---|"]
    for entity in ranked:
        forms = sorted({m.text for m in entity.mentions} - {entity.name})
        lines.append(
            f"| {_escape(entity.name)} | {LABEL_NAMES.get(entity.label, entity.label)} "
            f"| {len(entity.mentions)} | {_escape(', '.join(entity.titles))} | {_escape(', '.join(forms))} |"
        )
    return lines


def _techniques(document: Document, *, everything: bool = False) -> list[str]:
    found: tuple[Technique, ...] = document.layers["techniques"]
    lines = ["## Persuasion techniques", ""]
    if not found:
        return lines + ["No technique spans found."]
    listed = found if everything else tuple(item for item in found if item.shown)
    hidden = len(found) - len(listed)
    summary = f"{len(found)} spans; the score estimates how often such a span is right."
    if hidden:
        below = Counter(item.technique for item in found if not item.shown)
        counts = ", ".join(f"{_escape(name.replace('_', ' '))} {count}" for name, count in below.most_common())
        summary += (
            f" {len(listed)} of them {'reaches' if len(listed) == 1 else 'reach'} the operating point chosen for "
            f"precision and {'is' if len(listed) == 1 else 'are'} listed; {hidden} below it are left out "
            f"(`--all-techniques` lists them): {counts}."
        )
    elif not everything:
        summary += " All reach the operating point chosen for precision."
    if not listed:
        return lines + [summary]
    lines.append(summary + " Techniques, most used first:")
    for technique, items in grouped(listed, lambda item: item.technique):
        lines += ["", f"### {_escape(technique.replace('_', ' '))} ({len(items)})", ""]
        for item in sorted(items, key=lambda item: -item.score):
            where = f"characters {item.start}–{item.end}"
            lines.append(f"- “{_escape(item.text)}” — score {item.score:.2f} ({where}); {_escape(item.why)}")
    return lines


_QUOTE_KINDS = {"direct": "quoted", "indirect": "reported", "mixed": "reported, partly quoted"}
_QUOTE_CHARS = 300  # longer quotes are cut in the summary; the JSON has them whole


def _quotes(document: Document) -> list[str]:
    quotes: tuple[Quote, ...] = document.layers["quotes"]
    lines = ["## Quotes", ""]
    if not quotes:
        return lines + ["No quotes or reported speech found."]
    direct = sum(quote.kind == "direct" for quote in quotes)
    lines.append(f"{len(quotes)} quotes ({direct} in quotation marks, {len(quotes) - direct} reported), by speaker:")
    for speaker, items in grouped(quotes, lambda quote: quote.speaker.name if quote.speaker else "(speaker not found)"):
        lines += ["", f"### {_escape(speaker)} ({len(items)})", ""]
        for quote in items:
            text = quote.text if len(quote.text) <= _QUOTE_CHARS else quote.text[:_QUOTE_CHARS].rstrip() + " …"
            cue = f", cue “{_escape(quote.cue.text)}”" if quote.cue else ""
            lines.append(f"- {_escape(text)} ({_QUOTE_KINDS[quote.kind]}{cue}; characters {quote.start}–{quote.end})")
    return lines


def _terms(document: Document) -> list[str]:
    terms: tuple[Term, ...] = document.layers["terms"]
    if not terms:
        return []
    lines = ["## Words in quotation marks that are not speech", ""]
    lines.append("Scare quotes and quoted terms frame what they mark; titles are listed too.")
    lines.append("")
    for term in terms:
        kind, where = term.kind.replace("_", " "), f"characters {term.start}–{term.end}"
        lines.append(f"- {_escape(term.text)}: {kind}, {_escape(term.reason)} ({where})")
    return lines


def _timeline(document: Document) -> list[str]:
    entries: tuple[TimelineEntry, ...] = document.layers["timeline"]
    if not entries:
        return []
    lines = ["## Timeline", "", "The sentences that date events, in the order of their dates:", ""]
    lines += [f"- **{_escape(entry.value)}**: {_escape(entry.sentence.text)}" for entry in entries]
    return lines


_TIMEX_KINDS = {"DATE": "Dates", "TIME": "Times", "DURATION": "Periods", "SET": "Recurring"}
_TIMEXES_SHOWN = 40  # past this many the section lists each kind's count only; the JSON has them all


def _timexes(document: Document) -> list[str]:
    timexes: tuple[Timex, ...] = document.layers["timexes"]
    if not timexes:
        return []
    lines = ["## Dates and periods", ""]
    for kind, label in _TIMEX_KINDS.items():
        items = [timex for timex in timexes if timex.type == kind]
        if not items:
            continue
        if len(timexes) > _TIMEXES_SHOWN:
            lines.append(f"- **{label}:** {len(items)}")
            continue
        shown = "; ".join(f"“{_escape(timex.text)}” → {_escape(timex.value)}" for timex in items)
        lines.append(f"- **{label}** ({len(items)}): {shown}")
    return lines


_CLAIMS_SHOWN = 10  # the section lists this many claims, best first; the JSON has them all


def _claims(document: Document) -> list[str]:
    claims: tuple[Claim, ...] = document.layers["claims"]
    if not claims:
        return []
    checkworthy = sum(claim.checkworthy for claim in claims)
    lines = ["## Check-worthy claims", ""]
    lines.append(
        f"{checkworthy} of {len(claims)} sentences and quotes pass the check-worthiness threshold; "
        f"the {min(_CLAIMS_SHOWN, len(claims))} that score highest:"
    )
    lines.append("")
    ranked = sorted(claims, key=lambda claim: (-claim.score, claim.start))[:_CLAIMS_SHOWN]
    for claim in ranked:
        text = claim.text if len(claim.text) <= _QUOTE_CHARS else claim.text[:_QUOTE_CHARS].rstrip() + " …"
        mark = "" if claim.checkworthy else ", below the threshold"
        lines.append(
            f"- {_escape(text)} ({claim.kind or 'unclassified'}, score {claim.score:.2f}{mark}; "
            f"characters {claim.start}–{claim.end})"
        )
    return lines


def _findings(document: Document) -> list[str]:
    findings: tuple[Finding, ...] = document.layers["findings"]
    lines = ["## Where the article disagrees with itself", ""]
    if not findings:
        return lines + ["No disagreement found in its lengths, dates, totals or percentages."]
    for finding in findings:
        cited = "; ".join(f"“{_escape(span.text)}” (characters {span.start}–{span.end})" for span in finding.cited)
        lines.append(f"- **{finding.kind.replace('_', ' ')}**: {_escape(finding.message)} Cites: {cited}")
    return lines


# Layer name -> section renderer, in the order sections appear.
SECTIONS: dict[str, Callable[[Document], list[str]]] = {
    "entities": _entities,
    "quotes": _quotes,
    "terms": _terms,
    "timeline": _timeline,
    "timexes": _timexes,
    "claims": _claims,
    "findings": _findings,
    "techniques": _techniques,
}


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    """`text` as an inline code span that nothing in it can close or break."""
    text = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
