"""Contested names and framings: for one referent, the words different sources use for it.

The shipped lexicon (``lexicon.toml`` beside this module) groups variants by referent; a user
file in the same format adds referents or, under an existing ``id``, more variants. Matching
is case-insensitive on whole words, so "Burma's" holds "Burma" and "Kievan" does not hold
"Kiev"; a ``*`` at the end of a word of a form stands for any word ending, for languages that
inflect ("Степанакерт*" holds «Степанакерта», «Степанакертом»).

Across scripts: a variant may say which variant it `renders` (the Russian «Шуша» renders
"Shusha"), so a source writing «Шуша» and one writing "Shusha" use one name, while «Шуша» and
"Shushi" differ. A form spelled like another variant's form (the genitive «Шуши» of «Шуша» is
the Armenian «Шуши») is listed under the variant's `also`: it counts for that variant in a
text that uses one of the variant's own forms, and for the other variant otherwise.

Places of the gazetteer (`spinscope.compare.gazetteer`, the former Soviet Union's renamed and
contested places) are referents of the shipped lexicon too: each entry a ``place`` referent
whose variants are its names, found by the gazetteer's matcher (Russian cases read from the
nominative) where no lexicon form is; a Russian spelling renders the name it spells, so
«Бендерами» and "Bender" are one name and «Бендерами» and "Tighina" two names of one place.

Invariant: a lexicon says who typically uses a word (``usage``); it never ranks the variants,
and the comparison reports every source's choices by the same rules.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.compare.gazetteer import Gazetteer, Place, load_gazetteer
from spinscope.errors import ConfigError

__all__ = ["LEXICON_FILE", "Lexicon", "Referent", "Variant", "load_lexicon"]

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")
_KINDS = ("place", "framing")


@dataclass(frozen=True, slots=True)
class Variant:
    """One word for a referent: its headword, the forms searched for, and who uses it."""

    term: str
    forms: tuple[str, ...]
    usage: str = ""
    renders: str = ""  # the term of the variant this one writes in another script
    also: tuple[str, ...] = ()  # forms another variant owns, that are this one's in its texts


@dataclass(frozen=True, slots=True)
class Referent:
    """A place, group or act that sources name differently, with every word for it."""

    id: str
    name: str
    kind: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True, slots=True)
class Use:
    """Where a text uses a variant: the referent, the variant's headword, the offsets."""

    referent: str
    kind: str
    term: str
    start: int
    end: int
    text: str
    renders: str = ""

    @property
    def name(self) -> str:
        """The variant as one name across scripts: the term it renders, else its own term."""
        return self.renders or self.term


class Lexicon:
    """Referents and a matcher that finds their variants in a text."""

    def __init__(self, referents: Sequence[Referent], gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self._own = tuple(referents)
        places = [] if gazetteer is None else [_place_referent(place) for place in gazetteer.places.values()]
        self.referents = {referent.id: referent for referent in referents}
        for place in places:
            self.referents.setdefault(place.id, place)  # a lexicon referent of the same id comes first
        forms = [
            (form, referent.id, variant)
            for referent in referents
            for variant in referent.variants
            for form in variant.forms
        ]
        # The longest forms first, so that "freedom fighters" wins over "fighters".
        forms.sort(key=lambda item: -len(item[0]))
        kinds = {referent.id: referent.kind for referent in referents}
        self._owners = {
            form.casefold(): (referent, variant) for form, referent, variant in reversed(forms) if "*" not in form
        }
        self._stems = [(_form_pattern(form), referent, variant) for form, referent, variant in forms if "*" in form]
        self._shared = {
            form.casefold(): (referent.id, variant)
            for referent in referents
            for variant in referent.variants
            for form in variant.also
        }
        self._own_forms = {
            id(variant): re.compile(rf"(?<!\w)(?:{'|'.join(map(_form_pattern, variant.forms))})(?!\w)", re.IGNORECASE)
            for referent in referents
            for variant in referent.variants
            if variant.also
        }
        self._kinds = kinds
        alternatives = "|".join(_form_pattern(form) for form, _, _ in forms)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if forms else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Use]:
        """Every use of a variant in ``text[start:end]``, in text order (`also` forms read in all of `text`)."""
        uses = []
        if self._pattern is not None:
            for match in self._pattern.finditer(text, start, len(text) if end is None else end):
                referent, variant = self._owner(match.group(0), text)
                uses.append(
                    Use(
                        referent,
                        self._kinds[referent],
                        variant.term,
                        match.start(),
                        match.end(),
                        match.group(0),
                        variant.renders,
                    )
                )
        if self.gazetteer is not None:
            taken = [(use.start, use.end) for use in uses]
            for mention in self.gazetteer.find(text, start, end):
                if mention.place in self._kinds or any(a < mention.end and mention.start < b for a, b in taken):
                    continue  # a lexicon referent of that id, or a lexicon form there, comes first
                uses.append(
                    Use(
                        mention.place,
                        "place",
                        mention.spelling,
                        mention.start,
                        mention.end,
                        mention.text,
                        mention.name,
                    )
                )
        yield from sorted(uses, key=lambda use: (use.start, use.end))

    def canonical(self, name: str) -> str:
        """The referent id of a name that is a variant (``Kiev`` -> ``kyiv-kiev``), else the name folded."""
        owner = self._owner(name, name, strict=False)
        if owner:
            return f"@{owner[0]}"
        place = None if self.gazetteer is None else self.gazetteer.lookup(name)
        if place is not None and place not in self._kinds:
            return f"@{place}"
        return re.sub(r"\s+", " ", name).casefold()

    def _owner(self, found: str, text: str, *, strict: bool = True):
        """The (referent id, variant) of a matched form; None for a name no form matches whole
        when not `strict`."""
        key = re.sub(r"\s+", " ", found).casefold()
        shared = self._shared.get(key)
        if shared is not None and self._own_forms[id(shared[1])].search(text):
            return shared
        owner = self._owners.get(key)
        if owner is None:
            owner = next(((r, v) for pattern, r, v in self._stems if re.fullmatch(pattern, key, re.IGNORECASE)), None)
        if owner is None and strict:
            raise AssertionError(f"the lexicon pattern matched {found!r}, which no form owns")
        return owner

    def merged(self, referents: Sequence[Referent]) -> Lexicon:
        """This lexicon with `referents` added; an existing id gains the new variants."""
        combined = {referent.id: referent for referent in self._own}
        for referent in referents:
            old = combined.get(referent.id)
            if old is None:
                combined[referent.id] = referent
                continue
            known = {variant.term.casefold() for variant in old.variants}
            extra = tuple(variant for variant in referent.variants if variant.term.casefold() not in known)
            combined[referent.id] = Referent(old.id, referent.name or old.name, old.kind, old.variants + extra)
        return Lexicon(list(combined.values()), self.gazetteer)


def _place_referent(place: Place) -> Referent:
    """A gazetteer place as a place referent: a variant per name, its spellings the forms."""
    variants = tuple(
        Variant(name.name, (name.name, *name.spellings), name.note, renders=name.name) for name in place.names
    )
    return Referent(place.id, " / ".join(name.name for name in place.names), "place", variants)


def _form_pattern(form: str) -> str:
    """The regular expression of one form: its words escaped, a ``*`` any word ending, any spacing."""
    words = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in form.split()]
    return r"\s+".join(words)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, extended by the file at `path` when one is given.

    Raises:
        ConfigError: (``config.lexicon``) The file is missing, is not TOML, or an entry lacks
            an id, a kind of ``place`` or ``framing``, or at least two variants with terms.
    """
    shipped = _shipped()
    if path is None:
        return shipped
    return _checked(shipped.merged(read_referents(Path(path))), Path(path))


@functools.cache
def _shipped() -> Lexicon:
    return _checked(Lexicon(read_referents(LEXICON_FILE), load_gazetteer()), LEXICON_FILE)


def _checked(lexicon: Lexicon, path: Path) -> Lexicon:
    """`lexicon`, once every referent has two variants at least (an extension may add one)."""
    for referent in lexicon.referents.values():
        if len(referent.variants) < 2 and (lexicon.gazetteer is None or referent.id not in lexicon.gazetteer.places):
            raise ConfigError(
                f"the lexicon {path}: referent {referent.id} has {len(referent.variants)} variant; a contested "
                "name needs at least two (or extend an existing id)",
                code="config.lexicon",
            )
    return lexicon


def read_referents(path: Path) -> list[Referent]:
    """The referents of one lexicon file (see the shipped ``lexicon.toml`` for the format)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            f"cannot read the lexicon {path} ({error.strerror}); give a TOML file like the shipped lexicon.toml",
            code="config.lexicon",
        ) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"the lexicon {path} is not valid TOML: {error}", code="config.lexicon") from error
    entries = data.get("referent", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(
            f"the lexicon {path} has no [[referent]] entries; see the shipped lexicon.toml for the format",
            code="config.lexicon",
        )
    return [_referent(entry, path, number) for number, entry in enumerate(entries, 1)]


def _referent(entry: Any, path: Path, number: int) -> Referent:
    where = f"the lexicon {path}, referent {number}"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where} is not a table", code="config.lexicon")
    identifier, kind = entry.get("id"), entry.get("kind", "framing")
    if not isinstance(identifier, str) or not identifier.strip():
        raise ConfigError(f"{where} has no id: give each referent a unique id string", code="config.lexicon")
    if kind not in _KINDS:
        raise ConfigError(f"{where} ({identifier}) has kind {kind!r}; use 'place' or 'framing'", code="config.lexicon")
    variants = []
    for item in entry.get("variants", []):
        term = item.get("term") if isinstance(item, Mapping) else None
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"{where} ({identifier}) has a variant without a term", code="config.lexicon")
        forms = item.get("forms") or [term]
        if not isinstance(forms, list) or not all(isinstance(form, str) and form.strip() for form in forms):
            raise ConfigError(
                f"{where} ({identifier}), variant {term!r}: forms must be a list of words", code="config.lexicon"
            )
        also = item.get("also") or []
        if not isinstance(also, list) or not all(isinstance(form, str) and form.strip() for form in also):
            raise ConfigError(
                f"{where} ({identifier}), variant {term!r}: also must be a list of words", code="config.lexicon"
            )
        usage, renders = str(item.get("usage", "")), str(item.get("renders", ""))
        variants.append(Variant(term, tuple(forms), usage, renders, tuple(also)))
    if not variants:
        raise ConfigError(f"{where} ({identifier}) has no variants", code="config.lexicon")
    return Referent(identifier.strip(), str(entry.get("name") or identifier), kind, tuple(variants))
