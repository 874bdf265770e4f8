"""A live app in a thread and a headless Chromium driving it (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from takedown_helper.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# A neutral exit target on the same server, so the test never leaves the machine.
EXIT_PATH = "/exit-target-for-tests"


class _Quiet(WSGIRequestHandler):
    """No request log: the app's own promise is that nothing about a visit is written down."""

    def log_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    holder: dict[str, str] = {}
    app = create_app({"TESTING": True, "EXIT_URL": EXIT_PATH})

    @app.get(EXIT_PATH)
    def neutral() -> str:
        return "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    holder["url"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder["url"]
    server.shutdown()
    thread.join(timeout=5)


# A render on a loaded 2-core machine can take far longer than Playwright's defaults (30 s for a
# navigation, 5 s for an assertion). Tests wait for events (a navigation, a download), so a long
# limit costs nothing when all is well and keeps a slow machine from failing a good change.
PATIENCE_MS = 180_000


class _PatientBrowser:
    """The session's browser, whose new contexts and pages wait up to PATIENCE_MS."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.set_default_timeout(PATIENCE_MS)
        context.set_default_navigation_timeout(PATIENCE_MS)
        return context

    def new_page(self, **options: Any) -> Any:
        page = self._browser.new_page(**options)
        page.set_default_timeout(PATIENCE_MS)
        page.set_default_navigation_timeout(PATIENCE_MS)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser(live_server: str):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # DOM assertions after a navigation has finished
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield _PatientBrowser(browser)
        browser.close()
