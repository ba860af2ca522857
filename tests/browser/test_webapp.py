"""The web app in a real browser: paste an article, read its highlighted report, search it."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "victory-day.txt"

HOSTILE = (
    "Breaking news from the front\n\n"
    'The <script>window.pwned = 1</script> army <img src=x onerror="window.pwned = 2"> took the city. '
    "\"We are <b onmouseover='window.pwned = 3'>victorious</b>,\" the general said. "
    "</textarea><script>window.pwned = 4</script> The brutal enemy fled in shame.\n"
)


def _analyse(page, base: str, text: str) -> None:
    page.goto(base + "/")
    page.fill("#text", text)
    page.click("#analyse")
    page.wait_for_url("**/documents/doc-*", timeout=60_000)


def test_webapp_pasted_article_is_highlighted_with_working_toggles(page, live_app: str, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    _analyse(page, live_app, text)
    assert page.eval_on_selector("#article", "node => node.textContent") == text
    # How many spans reach the operating point depends on learned scores, so the toggles are
    # checked on whatever is highlighted once the spans below it are switched on too.
    highlighted = page.locator("#article .on-techniques")
    above = highlighted.count()
    page.check('input[data-toggle="scores:below"]')
    assert highlighted.count() > above, "the switch shows the spans below the operating point"
    first = highlighted.first.element_handle()
    shown = "node => node.classList.contains('on-techniques')"
    page.uncheck('input[data-toggle="layer:techniques"]')
    assert not first.evaluate(shown)
    page.check('input[data-toggle="layer:techniques"]')
    assert first.evaluate(shown)
    first.click()
    assert page.locator("#details").inner_text().strip()
    page.screenshot(path=str(tmp_path / "webapp-report.png"))
    assert (tmp_path / "webapp-report.png").stat().st_size > 10_000


def test_webapp_hostile_article_runs_no_script_and_shows_its_markup_as_text(page, live_app: str) -> None:
    _analyse(page, live_app, HOSTILE)
    assert page.evaluate("window.pwned") is None
    assert page.eval_on_selector("#article", "node => node.textContent") == HOSTILE
    assert page.locator("#article script, #article img, #article b").count() == 0
    page.goto(live_app + "/search?q=brutal+enemy")
    assert page.evaluate("window.pwned") is None
    assert "<script>" in page.locator("#results").inner_text()


def test_webapp_search_and_corpus_pages_show_the_stored_article(page, live_app: str) -> None:
    _analyse(page, live_app, EXAMPLE.read_text(encoding="utf-8"))
    page.goto(live_app + "/search")
    page.fill("#q", "Shusha")
    page.press("#q", "Enter")
    page.wait_for_selector("#results mark")
    page.click("#results a")
    page.wait_for_url("**/documents/doc-*")
    page.goto(live_app + "/corpus")
    assert page.locator("svg rect").count() > 0


@pytest.mark.error_page
def test_webapp_refused_url_shows_the_error_and_keeps_the_form(page, live_app: str) -> None:
    page.goto(live_app + "/")
    page.fill("#url", "http://127.0.0.1:9/private")
    page.click("#analyse")
    page.wait_for_selector("#error")
    assert "fetch.forbidden_address" in page.inner_text("#error")
    assert page.input_value("#url") == "http://127.0.0.1:9/private"


def test_webapp_compares_two_ticked_articles_side_by_side(page, live_app: str) -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "compare" / "sarvan"
    ids = []
    for name in ("a.txt", "b.txt"):
        _analyse(page, live_app, (folder / name).read_text(encoding="utf-8"))
        ids.append(page.url.rsplit("/", 1)[1])
    page.goto(live_app + "/")
    for document_id in ids:
        page.check(f'input[name=ids][value="{document_id}"]')
    page.click("#compare button")
    page.wait_for_url("**/compare?*")
    text = page.inner_text("body")
    assert "Army retakes Sarvan after week of fighting" in text and "Sarvan falls to government forces" in text
    assert "omits" in text and "framing" in text
