"""Renderings of a comparison, built by hand: the side-by-side HTML page and the Markdown report."""

from __future__ import annotations

import pytest

from spinscope.compare import Comparison, Difference, Entry, Group, SourceInfo, TermRow, WordChoice
from spinscope.render import comparison_to_html, comparison_to_markdown
from spinscope.render.page import policy, policy_of, template

HOSTILE = 'The <script>alert(1)</script> council | met "here"\non 8 May.'


def _comparison(*, terminology: tuple[TermRow, ...] = (), choices: tuple[WordChoice, ...] = ()) -> Comparison:
    difference = Difference("date", ((0, "2024-05-08"), (1, "2024-05-09")), frozenset({0, 1}))
    groups = (
        Group(
            (Entry("differs", HOSTILE, 0, len(HOSTILE)), Entry("differs", "The council met on 9 May.", 0, 25)),
            (difference,),
            0.91,
        ),
        Group((Entry("asserts", "The dam was repaired.", 40, 61), Entry("omits")), (), None),
    )
    sources = (SourceInfo("A", "doc-a", "<b>Dam</b> news", None), SourceInfo("B", "doc-b", None, "b.txt"))
    return Comparison(sources, groups, terminology, choices, 0.65)


def test_comparison_to_html_shows_every_string_as_text_and_one_column_per_source() -> None:
    page = comparison_to_html(_comparison())
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Dam&lt;/b&gt; news" in page
    assert '<tr id="claim-1"><th>1</th><td class="differs" data-status="differs">' in page
    assert '<td class="omits" data-status="omits"><em>omits this claim</em></td>' in page
    assert "date (A: 2024-05-08; B: 2024-05-09)" in page


def test_comparison_to_html_runs_no_script_and_allows_only_its_style() -> None:
    page = comparison_to_html(_comparison())
    assert policy_of(page) == policy(template("compare.css"))
    assert "<script" not in page and " style=" not in page


def test_comparison_to_html_says_when_no_lexicon_word_was_found() -> None:
    page = comparison_to_html(_comparison())
    assert '<td colspan="3">No lexicon name or framing found in any source.</td>' in page
    assert "Differing words inside aligned claims" not in page


def test_comparison_to_markdown_keeps_each_claim_in_its_row_and_cells() -> None:
    lines = comparison_to_markdown(_comparison()).splitlines()
    row = next(line for line in lines if line.startswith("| 1 |"))
    assert row == (
        '| 1 | (differs) The &lt;script&gt;alert(1)&lt;/script&gt; council \\| met "here" on 8 May. '
        "| (differs) The council met on 9 May. | date (A: 2024-05-08; B: 2024-05-09) |"
    )
    assert "| 2 | (asserts) The dam was repaired. | (omits) |  |" in lines
    assert "- **A**: &lt;b&gt;Dam&lt;/b&gt; news (`doc-a`)" in lines and "- **B**: b.txt (`doc-b`)" in lines


def test_comparison_renderings_list_word_choices_per_source() -> None:
    terms = (TermRow("armed", "armed fighters", "framing", ((("fighters", 2),), (("militants", 1),))),)
    comparison = _comparison(terminology=terms, choices=(WordChoice(0, ("met", None)),))
    markdown = comparison_to_markdown(comparison)
    assert "| armed fighters (differs) | fighters ×2 | militants ×1 |" in markdown
    assert "| 1 | met | - |" in markdown
    page = comparison_to_html(comparison)
    assert '<tr class="differs"><th>armed fighters</th><td>fighters ×2</td><td>militants ×1</td></tr>' in page
    assert "<tr><th>1</th><td>met</td><td>-</td></tr>" in page


# text from a document, its Markdown table cell
MARKDOWN_CELLS = [
    ("cell-break", "a | b", "a \\| b"),
    ("emphasis", "*not bold* and _not em_", "\\*not bold\\* and \\_not em\\_"),
    ("code-span", "run `rm -rf` now", "run \\`rm -rf\\` now"),
    ("link", "[click](https://example.org)", "\\[click\\](https://example.org)"),
    ("image", "![x](https://example.org/x.png)", "!\\[x\\](https://example.org/x.png)"),
    ("html-and-entity", "<img src=x> &amp; <b>", "&lt;img src=x&gt; &amp;amp; &lt;b&gt;"),
    ("heading", "# Breaking", "\\# Breaking"),
    ("list-marker", "- item", "\\- item"),
    ("line-breaks", "one\ntwo\r\nthree\u2028four", "one two three four"),
    ("backslash", "C:\\path\\*", "C:\\\\path\\\\\\*"),
    ("strikethrough", "~~gone~~", "\\~\\~gone\\~\\~"),
]


@pytest.mark.parametrize(
    ("text", "cell"), [case[1:] for case in MARKDOWN_CELLS], ids=[case[0] for case in MARKDOWN_CELLS]
)
def test_comparison_to_markdown_shows_article_text_as_written(text: str, cell: str) -> None:
    group = Group((Entry("asserts", text, 0, len(text)), Entry("omits")), (), None)
    sources = (SourceInfo("A", "doc-a", text, None), SourceInfo("B", "doc-b", None, "b.txt"))
    lines = comparison_to_markdown(Comparison(sources, (group,), (), (), 0.65)).splitlines()
    assert f"| 1 | (asserts) {cell} | (omits) |  |" in lines
    assert f"- **A**: {cell} (`doc-a`)" in lines


def test_comparison_to_markdown_fences_an_id_longer_than_its_backticks() -> None:
    sources = (SourceInfo("A", "a`b``c", None, None), SourceInfo("B", "doc-b", None, None))
    lines = comparison_to_markdown(Comparison(sources, (), (), (), 0.65)).splitlines()
    assert "- **A**: a\\`b\\`\\`c (```a`b``c```)" in lines
