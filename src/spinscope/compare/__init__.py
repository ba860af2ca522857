"""Compare articles about the same events: aligned claims, what each source asserts, changes
or omits, and which words each uses for the same place or act.

The library never imports the CLI or the web app; `compare_documents` takes analysed documents,
and `load_articles` gets them from what a user names: stored document ids, files or URLs.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.compare.comparison import compare_documents
from spinscope.compare.differences import Difference
from spinscope.compare.lexicon import Lexicon, Referent, Variant, load_lexicon
from spinscope.compare.report import Comparison, Entry, Group, SourceInfo, TermRow, WordChoice
from spinscope.document import Document
from spinscope.errors import ConfigError, InputError
from spinscope.settings import Settings

__all__ = [
    "Comparison",
    "Difference",
    "Entry",
    "Group",
    "Lexicon",
    "Referent",
    "SourceInfo",
    "TermRow",
    "Variant",
    "WordChoice",
    "compare_documents",
    "load_articles",
    "load_lexicon",
]


def load_articles(inputs: Sequence[str], *, settings: Settings | None = None) -> list[Document]:
    """The analysed articles that `inputs` name, in their order, ready for `compare_documents`.

    An input of the form of a document id (`spinscope.store.is_document_id`) is read from the
    store at ``settings.store.path``; any other input is one file or URL, analysed with `settings`.

    Raises:
        ConfigError: Fewer than two inputs, or an input that may hold several articles (a folder
            or a JSONL corpus) (code ``config.compare``).
        InputError: An input could not be read (with that input's own code).
        StoreError: The store cannot be opened. DocumentNotFoundError: An id is not in it.
    """
    from spinscope.analysis import analyze
    from spinscope.ingest import may_hold_several
    from spinscope.store import is_document_id, open_store

    settings = settings or Settings()
    if len(inputs) < 2:
        raise ConfigError(f"compare needs at least two articles, got {len(inputs)}", code="config.compare")
    if corpora := [spec for spec in inputs if may_hold_several(spec)]:
        raise ConfigError(
            f"compare takes one article per input, and {corpora[0]} holds several; name the files",
            code="config.compare",
        )
    documents: dict[str, Document] = {}
    if stored := [spec for spec in inputs if is_document_id(spec)]:
        with open_store(settings.store, create=False) as store:
            documents.update((spec, store.get(spec)) for spec in stored)
    others = [spec for spec in inputs if spec not in documents]
    for spec, document in zip(others, analyze(others, settings=settings), strict=True):
        if document.error is not None:
            raise InputError(document.error.message, code=document.error.code)
        documents[spec] = document
    return [documents[spec] for spec in inputs]
