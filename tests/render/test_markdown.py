from __future__ import annotations

from spinscope import Document, Entity, InputError, Mention, Metadata, Source, to_markdown


def test_to_markdown_shows_metadata_and_entities() -> None:
    text = "Ilham Aliyev spoke. Aliyev left."
    document = Document(text, metadata=Metadata(title="Victory", published="2025-11-08", byline=("Leyla Mammadova",)))
    mentions = (Mention(0, 12, "Ilham Aliyev"), Mention(20, 26, "Aliyev"))
    document.add_layer("entities", [Entity("E1", "Ilham Aliyev", "PERSON", mentions, ("President",))])
    markdown = to_markdown(document)
    assert markdown.startswith("# Victory\n")
    assert "- **Published:** 2025-11-08" in markdown
    assert "| Ilham Aliyev | Person | 2 | President | Aliyev |" in markdown


def test_to_markdown_escapes_article_text() -> None:
    document = Document("x", metadata=Metadata(title="<script>alert(1)</script> | *bold*"))
    first_line = to_markdown(document).splitlines()[0]
    assert first_line == r"# \<script\>alert(1)\</script\> \| \*bold\*"


def test_to_markdown_says_why_a_document_was_not_analysed() -> None:
    document = Document.failed(Source("text", "empty.txt"), InputError("empty.txt is empty", code="input.empty"))
    assert "**Not analysed** (input.empty): empty.txt is empty" in to_markdown(document)


def test_to_markdown_leaves_out_sections_of_layers_that_did_not_run() -> None:
    assert "## Who and what it names" not in to_markdown(Document("No layers ran."))
