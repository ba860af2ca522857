"""The HTML report in Chromium, opened from a file as a reader would: highlights, toggles,
details, jumps from the panels, and hostile text that must stay text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spinscope import Claim, Document, Finding, Metadata, Quote, Span, Speaker, Technique, TimelineEntry, Timex
from spinscope.render import to_html

FILLER = "\n\n".join(f"Paragraph {i} repeats what the officials said before, at length." for i in range(40))
TEXT = (
    "A shameful betrayal by the glorious nation!\r\n"
    "“We will never give up,” said the Minister on 10 November 2020.\n\n"
    f"{FILLER}\n\n"
    "The war lasted 44 days, the report says; elsewhere it lasted six weeks."
)


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span(start, start + len(part), part)


def _at(part: str) -> tuple[int, int, str]:
    span = _span(part)
    return span.start, span.end, span.text


def _report_document() -> Document:
    document = Document(TEXT, metadata=Metadata(title="Victory", published="2020-11-10", byline=("Anna Berg",)))
    document.add_layers(
        {
            "techniques": [
                Technique(
                    *_at("shameful betrayal"), technique="Loaded_Language", score=0.42, why="cue words “shameful”"
                ),
                Technique(
                    *_at("betrayal by the glorious nation!"), technique="Flag-Waving", score=0.31, why="exclamation"
                ),
            ],
            "quotes": [Quote(*_at("“We will never give up,”"), kind="direct", speaker=Speaker("Ilham Aliyev"))],
            "timexes": [Timex(*_at("10 November 2020"), type="DATE", value="2020-11-10")],
            "claims": [Claim(*_at("The war lasted 44 days"), score=0.8, checkworthy=True, kind="quantity")],
            "timeline": [
                TimelineEntry("2020-11-10", _span("“We will never give up,” said the Minister on 10 November 2020."))
            ],
            "findings": [Finding("duration", "One war, two lengths.", (_span("44 days"), _span("six weeks")))],
        }
    )
    return document


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    page = to_html(_report_document(), links=[("Home", "/"), ("Bad", "javascript:alert(1)")])
    path.write_text(page, encoding="utf-8")
    return path


def _segment(page, items: str):
    return page.locator(f'#article [data-items="{items}"]')


def test_report_highlights_the_layers_and_keeps_the_text(page, report: Path, tmp_path: Path) -> None:
    page.goto(report.as_uri())
    assert page.locator("#article").evaluate("e => e.textContent") == TEXT
    assert page.locator("#article [data-items]").count() >= 6
    assert "on-techniques" in _segment(page, "techniques:0 techniques:1").get_attribute("class")
    assert "on-quotes" in _segment(page, "quotes:0 timeline:0").get_attribute("class")
    assert "on-timeline" not in _segment(page, "quotes:0 timeline:0").get_attribute("class")  # off until switched on
    assert page.locator("nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == ["/"]
    page.screenshot(path=str(tmp_path / "report.png"))


def test_report_layer_toggle_removes_and_restores_the_layers_style(page, report: Path) -> None:
    page.goto(report.as_uri())
    both = _segment(page, "techniques:0 techniques:1")
    toggle = page.locator('input[data-toggle="layer:techniques"]')
    toggle.uncheck()
    assert "on-techniques" not in both.get_attribute("class")
    assert "on-quotes" in _segment(page, "quotes:0 timeline:0").get_attribute("class")
    toggle.check()
    assert "on-techniques" in both.get_attribute("class")


def test_report_technique_toggle_switches_one_technique(page, report: Path) -> None:
    page.goto(report.as_uri())
    page.locator('input[data-toggle="technique:Loaded_Language"]').uncheck()
    assert "on-techniques" not in _segment(page, "techniques:0").get_attribute("class")
    assert "on-techniques" in _segment(page, "techniques:0 techniques:1").get_attribute("class")  # Flag-Waving stays
    assert "on-techniques" in _segment(page, "techniques:1").get_attribute("class")


def test_report_click_on_a_segment_shows_its_details(page, report: Path) -> None:
    page.goto(report.as_uri())
    _segment(page, "techniques:0").click()
    details = page.locator("#details")
    assert details.locator(".card").count() == 1
    assert "Loaded Language" in details.inner_text()
    assert "0.42" in details.inner_text() and "cue words “shameful”" in details.inner_text()
    _segment(page, "quotes:0 timeline:0").click()
    assert "Ilham Aliyev" in details.inner_text()


def test_report_finding_cites_spans_that_scroll_into_view(page, report: Path) -> None:
    from playwright.sync_api import expect

    page.goto(report.as_uri())
    target = _segment(page, "findings:0").last
    expect(target).not_to_be_in_viewport()
    page.locator("#panel-findings [data-jump]").last.click()
    expect(target).to_have_class(re.compile(r"\bflash\b"), timeout=1000)
    expect(target).to_be_in_viewport()
    assert "One war, two lengths." in page.locator("#details").inner_text()


def test_report_timeline_event_shows_its_sentence(page, report: Path) -> None:
    page.goto(report.as_uri())
    page.locator("#panel-timeline svg g.event").first.click()
    assert "said the Minister on 10 November 2020" in page.locator("#details").inner_text()


HOSTILE = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=1">',
    '</div><svg onload="window.pwned=1"></svg>',
    '"><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
    "<!-- </script><script>window.pwned=1</script> -->",
    "javascript:window.pwned=1 \u2028 \u2029",
]


def test_report_runs_nothing_from_a_hostile_article(page, tmp_path: Path) -> None:
    text = "Headline\r\n\n" + "\n\n".join(HOSTILE)
    document = Document(text, metadata=Metadata(title=HOSTILE[1], url=HOSTILE[5], byline=(HOSTILE[0],)))
    document.add_layers(
        {
            "techniques": [
                Technique(text.index(line), text.index(line) + len(line), line, technique=line, score=0.5, why=line)
                for line in HOSTILE
            ],
            "quotes": [Quote(0, len(text), text, speaker=Speaker(HOSTILE[2]))],
        }
    )
    path = tmp_path / "hostile.html"
    path.write_text(to_html(document, links=[(HOSTILE[0], "javascript:window.pwned=1")]), encoding="utf-8")
    page.goto(path.as_uri())
    for index, line in enumerate(HOSTILE):
        page.locator(f'#article [data-items="techniques:{index} quotes:0"]').click()
        assert line in page.locator("#details").text_content()
    assert page.evaluate("window.pwned") is None
    assert page.locator("#article").evaluate("e => e.textContent") == text
    assert page.locator("h1").text_content() == HOSTILE[1]
    injected = "iframe, img, #article svg, #article script, #details *:not(div, h3, span, blockquote, dl, dt, dd)"
    assert page.locator(injected).count() == 0


def test_report_hides_spans_below_the_operating_point_until_switched_on(page, tmp_path: Path) -> None:
    document = Document(TEXT, metadata=Metadata(title="Victory"))
    document.add_layers(
        {
            "techniques": [
                Technique(*_at("shameful betrayal"), technique="Loaded_Language", score=0.42, why="cue", shown=True),
                Technique(*_at("the glorious nation!"), technique="Flag-Waving", score=0.11, why="cue", shown=False),
            ],
        }
    )
    path = tmp_path / "below.html"
    path.write_text(to_html(document), encoding="utf-8")
    page.goto(path.as_uri())
    assert "on-techniques" in _segment(page, "techniques:0").get_attribute("class")
    assert "on-techniques" not in _segment(page, "techniques:1").get_attribute("class")
    page.check('input[data-toggle="scores:below"]')
    assert "on-techniques" in _segment(page, "techniques:1").get_attribute("class")
