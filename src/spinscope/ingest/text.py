"""Plain-text input, and the conventions of pages scraped to text.

The text is kept exactly as given. What a scraped page puts around its article becomes
metadata, each field with the spans it was read from (`Metadata.evidence`):

- a breadcrumb line: ``• Home • News • Politics`` or ``Home › World › Europe``, and a trail
  that runs on over the next lines, one bulleted crumb a line (``• Home`` then
  ``  • <page title>``);
- the title: the first line of the header that is none of the others, also when the page
  repeats it on the next line;
- a dateline: a line that is a date (``8 November 2024``, ``November 8, 2024``,
  ``2024-11-08``), optionally with ``Published:``/``Updated:``, a weekday or a time; a line
  with Cyrillic letters is read by the Russian conventions instead (``18 апреля 2026``,
  ``18 апреля 2026 года``, ``18.04.2026``, ``18 апр 2026``, optionally with
  ``Опубликовано:``, a place, a weekday, a time, and a closing dash: ``Москва, суббота,
  18 апреля 2026, 14:30 —``), so English lines read exactly as the English rules say;
- a byline: ``By Anna Berg and Tomas Ruiz``;
- image lines anywhere in the text: ``Image: URL (caption. Photo: credit)``.

The header is the run of such lines at the top of the text; it ends at the first line that is
not one of them once a title has been seen. When the header has no title line of its own, a
trail's last crumb written on a line of its own is the page's title.

The language (`Metadata.language`) is detected from the body: the text without the lines
above (`spinscope.language`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spinscope.document import Document, Image, Metadata, Source, Span
from spinscope.ingest.dates import parse_date
from spinscope.ingest.decode import decode_text
from spinscope.language import detect_language, has_cyrillic
from spinscope.settings import IngestSettings

__all__ = ["find_metadata", "find_title_lines", "read_text", "split_credit"]

_MAX_HEADER_LINES = 12
_MAX_TITLE_WORDS = 30
_BULLETS = "•·►▸›»>|/"
_URL = re.compile(r"https?://[^\s()<>\"]+[^\s()<>\".,;:!?']")
_IMAGE_LINE = re.compile(
    r"^(?P<key>image|photo|picture|photograph|pic|photo credit|image credit)\s*[:：]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_CREDIT_MARK = re.compile(
    r"(?:^|(?<=[\s.;,(]))(?:photo credit|image credit|credit|photo|image|courtesy of|courtesy)"
    r"\s*[:：]\s*|©\s*",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:written\s+)?by\s+(?P<names>.+)$|^author\s*:\s*(?P<author>.+)$", re.IGNORECASE)
_DATELINE_PREFIX = re.compile(
    r"^(?:published|updated|posted|last updated|date)?\s*(?:on)?\s*[:：]?\s*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
    re.IGNORECASE,
)
_DATELINE_SUFFIX = re.compile(
    r"^[\s,|·•-]*(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?\s*$",
    re.IGNORECASE,
)
_RU_DATELINE_PREFIX = re.compile(
    r"^(?:(?:опубликовано|обновлено|размещено|дата(?:\s+(?:публикации|обновления))?)\s*[:：]?\s*)?"
    r"(?:(?-i:[А-ЯЁ])[\w-]*(?:\s+(?-i:[А-ЯЁ])[\w-]*){0,2},\s*)?"  # a place: "Москва, ", "МОСКВА, "
    r"(?:(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|пн|вт|ср|чт|пт|сб|вс)\.?,?\s+)?",
    re.IGNORECASE,
)
_RU_DATELINE_SUFFIX = re.compile(
    r"^(?:\s*г\.)?[\s,|·•—–-]*(?:в\s+)?"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*\(?(?:мск|msk|по\s+московскому\s+времени)\)?)?)?[\s—–-]*$",
    re.IGNORECASE,
)
_NAME_PART = re.compile(r"^(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|el|bin|ibn|la|le|du|dos)$")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Found:
    """What the header scan has found so far."""

    title: str | None = None
    published: str | None = None
    byline: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    crumb_lines: int = 0  # lines the breadcrumb trail runs over
    crumb_next: int = -1  # the index of the line that would continue the trail
    images: list[Image] = field(default_factory=list)
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def cite(self, name: str, line: _Line) -> None:
        self.evidence.setdefault(name, []).append(Span(line.start, line.end, line.text))


def find_metadata(text: str) -> Metadata:
    """Read the metadata a scraped page's text carries in its header and image lines."""
    lines = list(_lines(text))
    found = _Found()
    header_end = _scan_header(lines, found)
    for line in lines[header_end:]:
        image = _image(line.text)
        if image is not None:
            found.images.append(image)
            found.cite("images", line)
    if found.title is None and found.crumb_lines > 1:
        found.title = found.breadcrumbs[-1]
    evidence = {name: tuple(spans) for name, spans in found.evidence.items()}
    language = detect_language(_body(text, [span for spans in evidence.values() for span in spans]))
    return Metadata(
        title=found.title,
        published=found.published,
        byline=tuple(found.byline),
        breadcrumbs=tuple(found.breadcrumbs),
        images=tuple(found.images),
        language=language.code,
        language_note=language.note,
        evidence=evidence,
    )


def find_title_lines(text: str, title: str, *, within: int = 3) -> tuple[Span, ...]:
    """The spans of the first `within` lines of `text` that repeat `title` (page furniture)."""
    lines = list(_lines(text))[:within]
    return tuple(Span(line.start, line.end, line.text) for line in lines if _same_title(line.text, title))


def _body(text: str, furniture: list[Span]) -> str:
    """The text without the lines read as metadata, each line replaced by a line break."""
    parts, position = [], 0
    for span in sorted(furniture, key=lambda span: span.start):
        parts.append(text[position : span.start])
        position = max(position, span.end)
    parts.append(text[position:])
    return "\n".join(parts)


def _scan_header(lines: list[_Line], found: _Found) -> int:
    """Classify the header lines into `found`; return the index of the first body line."""
    for index, line in enumerate(lines[:_MAX_HEADER_LINES]):
        if found.title is not None and _same_title(line.text, found.title):
            found.cite("title", line)
        elif not found.breadcrumbs and (crumbs := _breadcrumbs(line.text)):
            found.breadcrumbs = crumbs
            found.crumb_lines, found.crumb_next = 1, index + 1
            found.cite("breadcrumbs", line)
        elif found.crumb_next == index and (crumb := _next_crumb(line.text)):
            found.breadcrumbs.append(crumb)
            found.crumb_lines, found.crumb_next = found.crumb_lines + 1, index + 1
            found.cite("breadcrumbs", line)
        elif found.published is None and (date := _dateline(line.text)):
            found.published = date
            found.cite("published", line)
        elif not found.byline and (names := _byline(line.text)):
            found.byline = names
            found.cite("byline", line)
        elif (image := _image(line.text)) is not None:
            found.images.append(image)
            found.cite("images", line)
        elif found.title is None and _looks_like_title(line, next_line=_at(lines, index + 1)):
            found.title = line.text
            found.cite("title", line)
        else:
            return index
    return min(len(lines), _MAX_HEADER_LINES)


def _lines(text: str) -> Iterator[_Line]:
    """Yield each non-blank line, trimmed of surrounding whitespace and byte-order marks."""
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip().strip("\ufeff").strip()
        if stripped:
            start = position + content.index(stripped)
            yield _Line(start, start + len(stripped), stripped)
        position += len(raw)


def _same_title(line: str, title: str) -> bool:
    return _normal(line) == _normal(title)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _looks_like_title(line: _Line, *, next_line: _Line | None) -> bool:
    words = line.text.split()
    if len(words) > _MAX_TITLE_WORDS or _URL.search(line.text):
        return False
    repeated = next_line is not None and _same_title(next_line.text, line.text)
    return repeated or not line.text.endswith(".")


def _at(lines: list[_Line], index: int) -> _Line | None:
    return lines[index] if index < len(lines) else None


def _breadcrumbs(line: str) -> list[str]:
    """Split a breadcrumb line into its items; an empty list when the line is not one."""
    text = line.strip()
    for separator in _BULLETS:
        if separator not in text:
            continue
        parts = [part.strip() for part in text.split(separator)]
        leading = parts[0] == ""
        items = [part for part in parts if part]
        if not items or not (leading or len(items) >= 2):
            continue
        if any(len(item.split()) > 5 or item[-1] in ".!?:" for item in items):
            continue
        # '/' and '|' also divide headlines ("Armenia | Azerbaijan"): trust them only
        # when the trail starts at the home page.
        if separator in "/|>" and items[0].casefold() != "home":
            continue
        if not leading and len(items) < 2:
            continue
        return items
    return []


def _next_crumb(line: str) -> str | None:
    """The crumb of a line that continues a breadcrumb trail (``• <page title>``), else None."""
    text = line.strip()
    if not text or text[0] not in "•·►▸›»>":
        return None
    crumb = text[1:].strip()
    if not crumb or text[0] in crumb or len(crumb.split()) > _MAX_TITLE_WORDS:
        return None
    return crumb


def _dateline(line: str) -> str | None:
    """The ISO date of a line that is a date and nothing more, else None.

    A line with Cyrillic letters takes the Russian words around the date (``Опубликовано:``,
    ``Москва,``, ``суббота,``, ``в 14:30 мск``); any other line the English ones.
    """
    text = line.strip()
    russian = has_cyrillic(text)
    prefix, suffix = (_RU_DATELINE_PREFIX, _RU_DATELINE_SUFFIX) if russian else (_DATELINE_PREFIX, _DATELINE_SUFFIX)
    rest = prefix.sub("", text, count=1)
    found = parse_date(rest)
    if found is None:
        return None
    iso, match = found
    if match.start() != 0 or not suffix.match(rest[match.end() :]):
        return None
    return iso


def _byline(line: str) -> list[str]:
    """The author names of a byline, or an empty list when the line is not one."""
    match = _BYLINE.match(line.strip())
    if match is None:
        return []
    names_text = match.group("names") or match.group("author")
    if len(names_text.split()) > 12:
        return []
    names: list[str] = []
    for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*|\s*;\s*", names_text.strip(" .")):
        words = part.split()
        if not 1 <= len(words) <= 4 or not all(_NAME_PART.match(word) for word in words):
            break
        names.append(" ".join(words))
    return names


def _image(line: str) -> Image | None:
    """The image an image line describes (``Image: URL (caption. Photo: credit)``), or None."""
    match = _IMAGE_LINE.match(line.strip())
    if match is None:
        return None
    rest = match.group("rest")
    url_match = _URL.search(rest)
    url = url_match.group(0) if url_match else None
    if url_match:
        rest = rest[: url_match.start()] + rest[url_match.end() :]
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    caption, credit = split_credit(rest)
    if credit is None and caption and match.group("key").lower() != "image" and _short_name(caption):
        caption, credit = None, caption
    if url is None and caption is None and credit is None:
        return None
    return Image(url=url, caption=caption, credit=credit)


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Split an image caption into its caption and its credit (``... Photo: Tom Reyes``)."""
    marks = list(_CREDIT_MARK.finditer(text))
    if not marks:
        return (text.strip(" .") or None), None
    last = marks[-1]
    caption = text[: last.start()].strip(" ,;(").removesuffix(".") or None
    credit = text[last.end() :].strip(" .)") or None
    return caption, credit


def _short_name(text: str) -> bool:
    words = text.split()
    return len(words) <= 4 and all(word[:1].isupper() for word in words)


def read_text(data: bytes, *, source: Source, settings: IngestSettings) -> Document:
    """Build a document from plain-text bytes, kept exactly as given, with page metadata."""
    decoded = decode_text(data, name=source.name or "the input", settings=settings)
    metadata = replace(find_metadata(decoded.text), encoding=decoded.encoding, encoding_note=decoded.note)
    return Document(decoded.text, source=source, metadata=metadata)
