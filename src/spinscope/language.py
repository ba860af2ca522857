"""Which language a text is written in, read from the text itself.

The language decides which stages may run (`Stage.languages`): spinscope's models are
English, and no English model runs on another language. Markup (``<html lang>``) and records
are never trusted for this: pages declare ``lang="en"`` over German text.

Invariants:
- `detect_language` always returns a language code; it never fails on odd input.
- A text too short to tell (fewer than `MIN_WORDS` words) or one the detector cannot place
  with confidence (the best language under `MIN_CONFIDENCE`, as mixed-language texts are) is
  taken as English, the language of the models, and the result says so in `note`; an
  English pipeline then runs as it did before the gate existed.
- Detection is deterministic and offline: py3langid's naive Bayes model ships in its wheel.
  It chooses among `LANGUAGES` only, the 96 common languages of langid.py's original model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spinscope.document import Document
from spinscope.errors import MissingDependencyError

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MIN_CONFIDENCE",
    "MIN_WORDS",
    "LanguageGuess",
    "detect_language",
    "has_cyrillic",
    "language_of",
]

DEFAULT_LANGUAGE = "en"
# Under this many words, a character n-gram detector guesses ("Hello world" -> Fula).
MIN_WORDS = 12
# Normalised probability of the best language; mixed texts score lower than this.
MIN_CONFIDENCE = 0.5
# The languages the detector chooses among: those of langid.py's original model. py3langid 0.4
# adds rarer ones that take plain texts of common languages (an English news sentence read as
# Nigerian Pidgin).
LANGUAGES = frozenset(
    """af am an ar as az be bg bn br bs ca cs cy da de dz el en eo es et eu fa fi fo fr ga gl gu he
    hi hr ht hu hy id is it ja jv ka kk km kn ko ku ky la lb lo lt lv mg mk ml mn mr ms mt ne nl nn
    no oc or pa pl ps pt qu ro ru rw se si sk sl sq sr sv sw ta te th tl tr ug uk ur vi vo wa xh zh
    zu""".split()
)
# The detector reads this much of a text: more adds time, not accuracy.
_MAX_CHARS = 20_000
_WORD = re.compile(r"\w+")
# URLs and e-mail addresses are ASCII whatever the language of the page around them.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A text's language: an ISO 639 code, and a note when it was assumed rather than read.

    Attributes:
        code: ``en``, ``de``, ``ru``, ... (ISO 639-1 where the language has such a code).
        note: None when the detector was confident; otherwise why the default was taken.
    """

    code: str
    note: str | None = None


def detect_language(text: str) -> LanguageGuess:
    """Detect the language of `text`, falling back on English when the text cannot tell.

    Raises:
        MissingDependencyError: py3langid is not installed.
    """
    sample = _NOISE.sub(" ", text[:_MAX_CHARS])
    words = len(_WORD.findall(sample))
    if words < MIN_WORDS:
        return LanguageGuess(
            DEFAULT_LANGUAGE, f"too short to tell ({words} words, {MIN_WORDS} needed): assumed English"
        )
    code, probability = _identifier().classify(sample)
    if probability < MIN_CONFIDENCE:
        return LanguageGuess(
            DEFAULT_LANGUAGE,
            f"no clear language (best guess {code!r} at {probability:.2f}): assumed English",
        )
    return LanguageGuess(code)


def language_of(document: Document) -> str:
    """The language of a document: `metadata.language` as ingest detected it, else detected now.

    A regional tag counts as its language (``en-US`` is ``en``).
    """
    given = document.metadata.language
    if given:
        return given.replace("_", "-").split("-")[0].casefold()
    return detect_language(document.text).code


@functools.cache
def _identifier() -> LanguageIdentifier:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError as error:
        raise MissingDependencyError(
            "language detection needs py3langid, a dependency of spinscope; "
            "reinstall spinscope (pip install spinscope) to get it",
            code="dependency.missing",
        ) from error
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(LANGUAGES & set(identifier.nb_classes)))
    return identifier


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    """Whether `text` holds a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))
