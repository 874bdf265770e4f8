"""Every part of a page sits in a landmark (axe-core's "region" rule, a best practice outside the
WCAG tags the main axe run uses), the Exit button included; and the tab shows the site's own icon,
served from this origin (no request for /favicon.ico, nothing from elsewhere)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.test_accessibility import AXE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", ["/", "/safety", "/exit-this-page", "/continue"])
def test_all_content_is_in_a_landmark(browser, live_server, path, lang):
    page = browser.new_page()
    page.goto(f"{live_server}{path}?lang={lang}")
    results = AXE.run(page, options={"runOnly": {"type": "rule", "values": ["region"]}})
    page.close()
    assert [n["target"] for v in results.response["violations"] for n in v["nodes"]] == []


def test_the_exit_button_is_in_a_landmark_and_the_icon_is_our_own(browser, live_server):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server}/?lang=es")
    landmark = page.locator("#exit-this-page").evaluate(
        "el => el.closest('aside, header, main, nav, footer, [role=region]')?.getAttribute('aria-label')"
    )
    assert landmark == "Salir de esta página"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon == "/static/favicon.svg"
    response = page.request.get(live_server + icon)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    page.close()
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in requests), requests
    assert not any(u.endswith("/favicon.ico") for u in requests)
