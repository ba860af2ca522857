from __future__ import annotations

import pytest

from spinscope import Document, Entity, InputError, Mention, Metadata, Source, Technique, to_markdown


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


def test_to_markdown_groups_techniques_with_their_quoted_spans() -> None:
    text = "A shameful betrayal. Our glorious nation! A disgraceful deal."
    document = Document(text)
    document.add_layer(
        "techniques",
        [
            Technique(2, 19, "shameful betrayal", technique="Loaded_Language", score=0.4, why="cue words"),
            Technique(21, 41, "Our glorious nation!", technique="Flag-Waving", score=0.3, why="exclamation"),
            Technique(44, 60, "disgraceful deal", technique="Loaded_Language", score=0.5, why="cue words"),
        ],
    )
    markdown = to_markdown(document)
    assert "## Persuasion techniques" in markdown
    assert markdown.index("### Loaded Language (2)") < markdown.index("### Flag-Waving (1)")
    loaded = markdown.split("### Loaded Language (2)")[1]
    assert loaded.index("“disgraceful deal” — score 0.50") < loaded.index("“shameful betrayal” — score 0.40")


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("plain.txt", "- **Source:** jsonl `plain.txt`"),
        ("x`<img src=x onerror=alert(1)>`", "- **Source:** jsonl `` x`<img src=x onerror=alert(1)>` ``"),
        ("two\nlines.txt", "- **Source:** jsonl `two\\nlines.txt`"),
    ],
    ids=["plain", "backticks-and-markup", "newline"],
)
def test_to_markdown_keeps_the_input_name_in_its_code_span(name: str, line: str) -> None:
    markdown = to_markdown(Document("Some text.", source=Source("jsonl", name)))
    assert markdown.splitlines()[2] == line


def test_to_markdown_escapes_entities_so_text_reads_as_written() -> None:
    document = Document("x", metadata=Metadata(title="AT&T &lt;b&gt; &#60;i&#62;"))
    assert to_markdown(document).splitlines()[0] == r"# AT\&T \&lt;b\&gt; \&#60;i\&#62;"
