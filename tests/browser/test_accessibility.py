"""axe-core (bundled with axe-playwright-python, no network) on every page, in both languages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.nav import submit

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()

pytestmark = pytest.mark.browser


def violations(page: Page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


def cont(page: Page) -> None:
    submit(page.locator("main button[value=continue]"))
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_has_no_wcag_22_aa_violations(browser, live_server, lang):
    page = browser.new_page()
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == lang
        if problems := violations(page):
            found[f"{name} ({page.title()})"] = problems

    for url in ("/", "/safety", "/exit-this-page", "/no-such-page", "/continue"):
        page.goto(f"{live_server}{url}?lang={lang}")
        check(url)
    cont(page)  # an empty paste: the error state
    check("continue with error")
    page.goto(f"{live_server}/?lang={lang}")
    submit(page.locator("button[value=start]"))
    check("role")
    cont(page)
    check("role with error")
    page.locator("input[name=role][value=parent]").check()
    cont(page)
    check("age")
    page.locator("input[name=minor_when_made][value=yes]").check()
    cont(page)
    check("where")
    page.select_option("#f-country", "US")
    page.select_option("#f-region", "CA")
    cont(page)
    check("where you")
    page.locator("input[name=same][value=no]").check()
    cont(page)
    check("where you with error")
    page.select_option("#f-country", "GB")
    page.select_option("#f-region", "SCT")
    cont(page)
    check("name")
    cont(page)
    check("kind")
    page.locator("input[name=kind][value=forgery]").check()
    cont(page)
    check("whereabouts")
    page.locator("input[name=where][value=public]").check()
    page.locator("input[name=where][value=private]").check()
    cont(page)
    check("links")
    page.fill("#f-links-0", "https://x.com/a/status/1")
    submit(page.locator("button[value='add:links']"))
    page.fill("#f-links-1", "not-a-link")
    cont(page)
    check("links with error")
    page.fill("#f-links-1", "https://videos.example.net/watch/1")
    cont(page)
    check("private")
    page.locator("input[name=apps][value=snapchat]").check()
    cont(page)
    check("websites")
    cont(page)
    check("accounts")
    page.fill("#f-items-0-first_seen", "31")
    page.fill("#f-items-0-first_seen-month", "2")
    page.fill("#f-items-0-first_seen-year", "2026")
    cont(page)
    check("accounts with a date error")
    page.fill("#f-items-0-first_seen", "")
    page.fill("#f-items-0-first_seen-month", "")
    page.fill("#f-items-0-first_seen-year", "")
    cont(page)
    check("context")
    cont(page)
    check("reported")
    submit(page.locator("button[value='add:reports']"))
    check("reported with two rows")
    cont(page)
    check("police")
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    check("sent")
    cont(page)
    check("threats")
    page.locator("input[name=threats][value=yes]").check()
    cont(page)
    check("threat help")
    cont(page)
    check("threat facts")
    cont(page)
    check("documents")
    page.locator("input[name=dmca]").check()
    cont(page)
    check("copyright")
    page.locator("input[name=copyright_holder][value=took_it]").check()
    cont(page)
    check("signer")
    cont(page)
    check("signer with errors")
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex@example.com")
    if page.locator("#f-police_agency").count():
        page.fill("#f-police_agency", "Example City Police Department")
    cont(page)
    check("check your answers")
    submit(page.locator("button[value=create]"))
    check("your documents")
    page.close()
    assert not found, found


def test_axe_finds_a_planted_violation(browser):
    """The check can fail: a page with an unlabelled input and no language is reported."""
    page = browser.new_page()
    page.set_content("<html><title>x</title><body><main><input type=text></main></body></html>")
    found = violations(page)
    page.close()
    assert any(v.startswith("label:") for v in found)
    assert any(v.startswith("html-has-lang:") for v in found)
