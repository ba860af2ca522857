"""Fixtures of the browser tests: Playwright driving Debian's Chromium, headless.

Chromium comes from the system (`apt-get install chromium`; `.ci/run` installs it), never from
`playwright install`. A page fixture fails the test on any console error or uncaught exception.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("SPINSCOPE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright import sync_api

    if not shutil.which(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: run `apt-get install chromium` or set SPINSCOPE_CHROMIUM")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "error_page: the test loads an error page on purpose, so its HTTP status is not a console error"
    )


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page that records console errors and page errors; the test fails if any occur.

    Chromium logs a page answered with an error status as a console error; a test marked
    `error_page` expects that one message, and only that one.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    if request.node.get_closest_marker("error_page"):
        problems = [text for text in problems if not text.startswith("Failed to load resource: the server responded")]
    assert not problems, f"the browser reported errors: {problems}"


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    """The web app served by uvicorn on a free local port over a new store; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from spinscope import Settings, StoreSettings
    from spinscope.web import create_app

    store = StoreSettings(path=str(tmp_path_factory.mktemp("web") / "store.db"))
    app = create_app(Settings(store=store), pipeline=pipeline)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
