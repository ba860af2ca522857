from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from spinscope import (
    Claim,
    Document,
    Entity,
    Finding,
    Image,
    InputError,
    Mention,
    Metadata,
    Quote,
    Source,
    Span,
    Speaker,
    StageRecord,
    Technique,
    Term,
    TimelineEntry,
    Timex,
)
from spinscope.render import to_html
from spinscope.render.palette import technique_colour

_VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, **attrs: str) -> list[Node]:
        return [node for node in self.walk() if all(node.attrs.get(k) == v for k, v in attrs.items())]

    def tags(self, tag: str) -> list[Node]:
        return [node for node in self.walk() if node.tag == tag]

    def by_id(self, id_: str) -> Node:
        (node,) = self.find(id=id_)
        return node


class _TreeBuilder(HTMLParser):
    """Python's own HTML parser, building a small tree: what a browser's textContent would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "every element is closed"
    return builder.root


def _segments(page: str) -> list[tuple[str, str]]:
    """(text, data-items) of each highlighted piece of the article, in order."""
    article = _parse(page).by_id("article")
    return [(node.text(), node.attrs["data-items"]) for node in article.walk() if "data-items" in node.attrs]


def _data(page: str) -> dict:
    return json.loads(_parse(page).by_id("report-data").text())


def _document(text: str, **layers: list) -> Document:
    document = Document(text)
    document.add_layers(layers)
    return document


def _span(text: str, part: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def _technique(text: str, part: str, name: str = "Loaded_Language", score: float = 0.5, why: str = "cue") -> Technique:
    span = _span(text, part)
    return Technique(span.start, span.end, part, technique=name, score=score, why=why)


def _quote(text: str, part: str, speaker: str = "Anna Berg", kind: str = "direct") -> Quote:
    span = _span(text, part)
    return Quote(span.start, span.end, part, kind=kind, speaker=Speaker(speaker))


def _claim(text: str, part: str, score: float) -> Claim:
    span = _span(text, part)
    return Claim(span.start, span.end, part, score=score, checkworthy=score >= 0.5, kind="quantity")


@pytest.mark.parametrize(
    "text",
    [
        "Plain text.",
        "\nStarts with a line break, as the first line after <pre> would lose.",
        "Windows\r\nline ends\rand a lone CR.",
        "Markup-like <b>bold</b> &amp; &lt;script&gt; \"quoted\" 'single'.",
        "Astral 😀 characters and combining e\u0301 marks, RTL \u202eevil\u202c.",
        "Trailing spaces and tabs \t \n\n",
    ],
    ids=["plain", "leading-newline", "carriage-returns", "markup-like", "unicode", "trailing-whitespace"],
)
def test_to_html_keeps_the_text_of_the_article_exactly(text: str) -> None:
    words = [match for match in re.finditer(r"\S+", text)]
    techniques = [Technique(m.start(), m.end(), m.group(), technique="Doubt", score=0.3) for m in words[::2]]
    page = to_html(_document(text, techniques=techniques))
    assert _parse(page).by_id("article").text() == text


@pytest.mark.parametrize(
    ("text", "layers", "expected"),
    [
        (
            "abcdefghij",
            {"techniques": [("abcdef", "Loaded_Language"), ("cd", "Doubt")], "quotes": ["efghij"]},
            [
                ("ab", "techniques:0"),
                ("cd", "techniques:0 techniques:1"),
                ("ef", "techniques:0 quotes:0"),
                ("ghij", "quotes:0"),
            ],
        ),
        (
            "one two three",
            {"techniques": [("one two", "Doubt"), ("one two", "Slogans")]},
            [("one two", "techniques:0 techniques:1")],
        ),
        (
            "one two three",
            {"techniques": [("one", "Doubt"), ("two", "Doubt")], "claims": ["one two three"]},
            [
                ("one", "techniques:0 claims:0"),
                (" ", "claims:0"),
                ("two", "techniques:1 claims:0"),
                (" three", "claims:0"),
            ],
        ),
        (
            "nothing here",
            {"techniques": [], "quotes": []},
            [],
        ),
    ],
    ids=["nested-and-overlapping", "same-span-twice", "inside-a-longer-span", "empty-layers"],
)
def test_to_html_cuts_the_text_at_every_span_boundary(text: str, layers: dict, expected: list) -> None:
    built = {
        "techniques": [_technique(text, part, name) for part, name in layers.get("techniques", [])],
        "quotes": [_quote(text, part) for part in layers.get("quotes", [])],
        "claims": [_claim(text, part, 0.7) for part in layers.get("claims", [])],
    }
    page = to_html(_document(text, **{name: items for name, items in built.items() if name in layers}))
    assert _segments(page) == expected


def test_to_html_highlights_the_parts_of_a_split_quote_and_every_mention_of_an_entity() -> None:
    text = "“We won,” Berg said, “and we stay.” Berg left."
    first, second = _span(text, "“We won,”"), _span(text, "“and we stay.”")
    whole = text[first.start : second.end]
    quote = Quote(first.start, second.end, whole, speaker=Speaker("Berg"), parts=(first, second))
    mentions = (Mention(*_pair(_span(text, "Berg")), "Berg"), Mention(*_pair(_span(text, "Berg", 1)), "Berg"))
    page = to_html(_document(text, quotes=[quote], entities=[Entity("E1", "Anna Berg", "PERSON", mentions)]))
    assert _segments(page) == [
        ("“We won,”", "quotes:0"),
        ("Berg", "entities:0"),
        ("“and we stay.”", "quotes:0"),
        ("Berg", "entities:0"),
    ]


def _pair(span: Span) -> tuple[int, int]:
    return span.start, span.end


# Every tag the renderer writes itself: any other tag in a page was injected.
_RENDERED_TAGS = {
    "#document",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "nav",
    "a",
    "span",
    "header",
    "h1",
    "h2",
    "h3",
    "dl",
    "div",
    "dt",
    "dd",
    "details",
    "summary",
    "ul",
    "ol",
    "li",
    "main",
    "label",
    "input",
    "aside",
    "section",
    "p",
    "small",
    "button",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "b",
    "code",
    "svg",
    "line",
    "text",
    "g",
    "circle",
    "rect",
    "script",
}
HOSTILE = '</script><script>window.pwned=1</script><!-- <img src=x onerror="window.pwned=1"> \u2028'


def _hostile_document() -> Document:
    text = f'Intro. {HOSTILE} Outro " onmouseover="alert(1)".'
    span = _span(text, HOSTILE)
    metadata = Metadata(
        title='" onmouseover="alert(1)" <script>x</script>',
        byline=("<b>Eve</b>",),
        site="<i>site</i>",
        breadcrumbs=("<a href=javascript:alert(1)>Home</a>",),
        url="javascript:alert(1)",
        images=(Image(url="javascript:alert(1)", caption="<svg onload=alert(1)>", credit="</p><script>"),),
    )
    document = Document(text, source=Source("text", "<script>.txt"), metadata=metadata)
    document.add_layers(
        {
            "techniques": [Technique(span.start, span.end, span.text, technique="<script>", score=0.5, why=HOSTILE)],
            "quotes": [Quote(span.start, span.end, span.text, speaker=Speaker(HOSTILE))],
            "entities": [Entity("E1", HOSTILE, "<PERSON>", (Mention(span.start, span.end, span.text),))],
            "findings": [Finding("<kind>", HOSTILE, (span,))],
            "timeline": [TimelineEntry('2020-01-01"><script>', span)],
            "terms": [Term(span.start, span.end, span.text, kind="term", reason=HOSTILE)],
        }
    )
    document.add_stage(StageRecord("claims", "failed", error=HOSTILE, code="x"))
    return document


def test_to_html_lets_no_document_string_become_markup() -> None:
    document = _hostile_document()
    tree = _parse(to_html(document))
    scripts = tree.tags("script")
    assert [script.attrs.get("type") for script in scripts] == ["application/json", None]
    assert {node.tag for node in tree.walk()} <= _RENDERED_TAGS
    assert not [(node.tag, name) for node in tree.walk() for name in node.attrs if name.startswith("on")]
    assert all(a.attrs["href"].startswith(("/", "?", "#", "http:", "https:")) for a in tree.tags("a"))
    assert tree.by_id("article").text() == document.text
    assert tree.tags("h1")[0].text() == document.metadata.title


def test_to_html_shows_hostile_metadata_as_text() -> None:
    tree = _parse(to_html(_hostile_document()))
    header = tree.tags("header")[0].text()
    for shown in ('" onmouseover="alert(1)" <script>x</script>', "<b>Eve</b>", "<i>site</i>", "javascript:alert(1)"):
        assert shown in header


def test_to_html_keeps_the_json_block_inside_its_script_element() -> None:
    page = to_html(_hostile_document())
    raw = page.split('<script type="application/json" id="report-data">', 1)[1].split("</script>", 1)[0]
    assert not set(raw) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(raw)["items"]["techniques:0"]["rows"][1] == ["Why", HOSTILE]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/news/1", True),
        ("http://example.org/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https:///no-host", False),
        ("/relative/path", False),
    ],
    ids=[
        "https",
        "http",
        "javascript",
        "javascript-mixed-case",
        "leading-space",
        "tab-inside",
        "data",
        "no-host",
        "relative",
    ],
)
def test_to_html_links_metadata_urls_only_when_they_are_http(url: str, linked: bool) -> None:
    metadata = Metadata(url=url, images=(Image(url=url, caption="Photo"),))
    tree = _parse(to_html(Document("Some text.", metadata=metadata)))
    hrefs = [node.attrs["href"] for node in tree.tags("header")[0].tags("a")]
    assert hrefs == ([url, url] if linked else [])
    assert url in tree.tags("header")[0].text()


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("/", True),
        ("/api/documents/doc-1", True),
        ("?q=war", True),
        ("#top", True),
        ("https://example.org/a?b=1&c=2", True),
        ("http://localhost:8000/", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("\njavascript:alert(1)", False),
        ("/\tjavascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:msgbox(1)", False),
        ("mailto:a@example.org", False),
        ("file:///etc/passwd", False),
        ("search", False),
        ("", False),
    ],
    ids=[
        "root",
        "path",
        "query",
        "fragment",
        "https",
        "http",
        "javascript",
        "javascript-upper",
        "newline-first",
        "tab-inside",
        "data",
        "vbscript",
        "mailto",
        "file",
        "bare-relative",
        "empty",
    ],
)
def test_to_html_keeps_only_relative_and_http_links(href: str, kept: bool) -> None:
    nav = _parse(to_html(Document("Text."), links=[("Go <now>", href)])).tags("nav")[0]
    assert [(a.text(), a.attrs["href"]) for a in nav.tags("a")] == ([("Go <now>", href)] if kept else [])


@pytest.mark.parametrize(
    ("layers", "toggles", "panels"),
    [
        ({}, [], []),
        ({"claims": []}, ["layer:claims"], ["panel-claims"]),
        (
            {"techniques": ["Doubt"], "timexes": []},
            ["layer:techniques", "layer:timexes", "technique:Doubt"],
            ["panel-techniques", "panel-timexes"],
        ),
    ],
    ids=["none-ran", "empty-layer", "full-and-empty"],
)
def test_to_html_shows_toggles_and_panels_only_for_layers_that_ran(layers: dict, toggles: list, panels: list) -> None:
    text = "Doubt it."
    built = {name: [_technique(text, "Doubt", value) for value in values] for name, values in layers.items()}
    tree = _parse(to_html(_document(text, **built)))
    assert sorted(node.attrs["data-toggle"] for node in tree.walk() if "data-toggle" in node.attrs) == sorted(toggles)
    ids = [node.attrs.get("id", "") for node in tree.walk()]
    assert [id_ for id_ in ids if id_.startswith("panel-") and id_ != "panel-stages"] == panels


def test_to_html_says_none_found_for_an_empty_layer_and_disables_its_toggle() -> None:
    tree = _parse(to_html(_document("Nothing.", claims=[])))
    assert "None found." in tree.by_id("panel-claims").text()
    (toggle,) = tree.find(**{"data-toggle": "layer:claims"})
    assert "disabled" in toggle.attrs


def test_to_html_says_why_a_document_was_not_analysed() -> None:
    document = Document.failed(Source("text", "empty <x>.txt"), InputError("empty.txt is empty", code="input.empty"))
    tree = _parse(to_html(document, links=[("Home", "/")]))
    assert tree.tags("h1")[0].text() == "empty <x>.txt"
    assert "Not analysed (input.empty): empty.txt is empty" in tree.text()
    assert not tree.find(id="article")
    assert [a.attrs["href"] for a in tree.tags("nav")[0].tags("a")] == ["/"]


def test_to_html_ranks_claims_by_score_and_groups_quotes_by_speaker() -> None:
    text = "Ten died. Taxes rose. “Go,” said Ann. “Stay,” said Bo. “Run,” said Ann."
    claims = [_claim(text, "Ten died.", 0.4), _claim(text, "Taxes rose.", 0.9)]
    quotes = [_quote(text, "“Go,”", "Ann"), _quote(text, "“Stay,”", "Bo"), _quote(text, "“Run,”", "Ann")]
    tree = _parse(to_html(_document(text, claims=claims, quotes=quotes)))
    assert [b.text() for b in tree.by_id("panel-claims").tags("button")] == ["Taxes rose.", "Ten died."]
    assert [h.text() for h in tree.by_id("panel-quotes").tags("h3")] == ["Ann 2", "Bo 1"]


def test_to_html_makes_every_span_a_finding_cites_a_jump_into_the_article() -> None:
    text = "The war lasted 44 days. It lasted six weeks."
    first, second = _span(text, "44 days"), _span(text, "six weeks")
    tree = _parse(to_html(_document(text, findings=[Finding("duration", "Two lengths.", (first, second))])))
    jumps = [node.attrs["data-jump"] for node in tree.by_id("panel-findings").walk() if "data-jump" in node.attrs]
    assert jumps == [f"{first.start} {first.end}", f"{second.start} {second.end}"]
    assert _segments(to_html(_document(text, findings=[Finding("duration", "x", (first, second))]))) == [
        ("44 days", "findings:0"),
        ("six weeks", "findings:0"),
    ]


@pytest.mark.parametrize(
    ("layer", "item", "title", "rows"),
    [
        (
            "techniques",
            Technique(0, 5, "Shame", technique="Name_Calling,Labeling", score=0.456, why="cue “Shame”"),
            "Name Calling, Labeling",
            [["Score", "0.46"], ["Why", "cue “Shame”"]],
        ),
        (
            "quotes",
            Quote(0, 5, "Shame", kind="indirect", speaker=Speaker("Ann Lee"), cue=Span(6, 10, "said")),
            "Quote: Ann Lee",
            [["Speaker", "Ann Lee"], ["Kind", "reported"], ["Cue", "said"]],
        ),
        (
            "timexes",
            Timex(16, 26, "1 May 2020", type="DATE", value="2020-05-01", anchor="2020-06-01"),
            "Date: 2020-05-01",
            [["Type", "DATE"], ["Value", "2020-05-01"], ["Anchor", "2020-06-01"]],
        ),
        (
            "claims",
            Claim(0, 26, "Shame said Ann, 1 May 2020", score=0.8, checkworthy=True, kind="event"),
            "Claim",
            [["Score", "0.80"], ["Check-worthy", "yes"], ["Kind", "event"]],
        ),
        (
            "findings",
            Finding("date_mismatch", "Two dates.", (Span(16, 26, "1 May 2020"),)),
            "Finding: date mismatch",
            [["Message", "Two dates."], ["Cites", "“1 May 2020”"]],
        ),
        (
            "entities",
            Entity("E1", "Ann Lee", "PERSON", (Mention(11, 14, "Ann"),), ("Dr",)),
            "Ann Lee",
            [["Kind", "Person"], ["Mentions", "1"], ["Titles", "Dr"]],
        ),
    ],
    ids=["technique", "quote", "timex", "claim", "finding", "entity"],
)
def test_to_html_gives_each_item_the_details_shown_on_click(layer: str, item: object, title: str, rows: list) -> None:
    text = "Shame said Ann, 1 May 2020."
    details = _data(to_html(_document(text, **{layer: [item]})))["items"][f"{layer}:0"]
    assert (details["layer"], details["title"], details["rows"]) == (layer, title, rows)


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["2020-11-10", "1993", "2020-09-27"], ["1993", "2020-09-27", "2020-11-10"]),
        (["199X", "2020-11", "XXXX-11-08", "PRESENT_REF"], ["199X", "2020-11"]),
        (["2020-11-10", "2020-11-10"], ["2020-11-10", "2020-11-10"]),
    ],
    ids=["dates-in-order", "undated-left-off-the-axis", "same-day"],
)
def test_to_html_places_timeline_events_on_a_date_axis(values: list[str], order: list[str]) -> None:
    text = " ".join(f"Event {i}." for i in range(len(values)))
    entries = [TimelineEntry(value, _span(text, f"Event {i}.")) for i, value in enumerate(values)]
    tree = _parse(to_html(_document(text, timeline=entries)))
    events = [node for node in tree.tags("g") if node.attrs.get("class") == "event"]
    placed = sorted(events, key=lambda g: float(g.tags("circle")[0].attrs["cx"]))
    assert [g.tags("text")[0].text() for g in placed] == order
    assert len(tree.by_id("panel-timeline").tags("ol")[0].tags("li")) == len(values)


def test_to_html_colours_techniques_as_the_palette_does() -> None:
    text = "Shameful lies. Our flag!"
    techniques = [_technique(text, "Shameful lies", "Loaded_Language"), _technique(text, "Our flag!", "Made_Up")]
    data = _data(to_html(_document(text, techniques=techniques)))
    assert data["colors"] == {name: technique_colour(name) for name in ("Loaded_Language", "Made_Up")}


def test_to_html_allows_only_its_own_inline_script_and_style() -> None:
    tree = _parse(to_html(_document("Text.", techniques=[])))
    (meta,) = [node for node in tree.tags("meta") if node.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(rule.strip().split(" ", 1) for rule in meta.attrs["content"].split(";"))
    script = [node for node in tree.tags("script") if "type" not in node.attrs][0].text()
    style = tree.tags("style")[0].text()
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
    assert policy["style-src"] == f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
