"""Compare articles about the same events: aligned claims, what each source asserts, changes
or omits, and which words each uses for the same place or act.

The library never imports the CLI or the web app; `compare_documents` takes analysed documents.
"""

from spinscope.compare.comparison import compare_documents
from spinscope.compare.differences import Difference
from spinscope.compare.lexicon import Lexicon, Referent, Variant, load_lexicon
from spinscope.compare.report import Comparison, Entry, Group, SourceInfo, TermRow, WordChoice

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
    "load_lexicon",
]
