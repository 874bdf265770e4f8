"""Journeys for the situations besides real imagery posted publicly, in headless Chromium: a fake image, threats with
nothing posted, private chats, links not known. Each waits for the navigation or the download."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from takedown_helper import bases
from tests.browser.nav import on, submit
from tests.browser.test_journeys import Watch, cont, download, fill_date, fill_links, flat, pdf_text

pytestmark = pytest.mark.browser


def _start(page: Page, role: str, age: str, region: str, kind: str, where: tuple[str, ...]) -> None:
    submit(page.get_by_role("button", name="Start now"))
    on(page, "Who are you? – Takedown helper")
    page.locator(f"input[name=role][value={role}]").check()
    cont(page)
    page.locator(f"input[name=minor_when_made][value={age}]").check()
    cont(page)
    page.select_option("#f-country", "US")
    page.select_option("#f-region", region)
    cont(page)
    if role != "survivor":
        page.locator("input[name=same][value=yes]").check()
        cont(page)
        on(page, "What is their name? (optional) – Takedown helper")
        cont(page)
    on(page, "Are the images real or fake? – Takedown helper")
    page.locator(f"input[name=kind][value={kind}]").check()
    cont(page)
    for value in where:
        page.locator(f"input[name=where][value={value}]").check()
    cont(page)


def _no_police_no_threats_sign_and_create(page: Page) -> None:
    either = re.compile(r"^(Has it been reported already|Have you reported it to the police)\?")
    on(page, either)
    if page.title().startswith("Has it been reported already"):
        cont(page)  # nothing reported to the apps yet
    on(page, "Have you reported it to the police? – Takedown helper")
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    on(page, "Is anyone threatening you or asking for more images? – Takedown helper")
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    _documents_sign_and_create(page)


def _documents_sign_and_create(page: Page) -> None:
    on(page, "Which documents do you want? – Takedown helper")
    cont(page)  # the recommended documents
    on(page, "How should the letters be signed? – Takedown helper")
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex.example@example.com")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    submit(page.get_by_role("button", name="Create my documents"))
    on(page, "Your documents – Takedown helper")


def _files(page: Page) -> list[str]:
    return [v or "" for v in page.locator("input[name=file]").evaluate_all(
        "nodes => nodes.map(n => n.value)")]


def test_threats_with_nothing_posted_get_the_threat_pack_and_no_notice(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    _start(page, "parent", "yes", "CA", "real", ("not_posted",))
    on(page, "Have you reported it to the police? – Takedown helper")
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    page.locator("input[name=threats][value=yes]").check()
    cont(page)
    expect(page.locator("h1")).to_have_text("What to do right now")
    page.fill("#f-threat_details", "Pay or I send your pictures to everyone.")
    cont(page)
    on(page, "What do you know about the threats? (optional) – Takedown helper")
    page.locator("input[name=money][value=yes]").check()
    fill_date(page, "started_on", "2026-11-20")
    page.select_option("#f-accounts-0-platform", "snapchat")
    page.fill("#f-accounts-0-account", "fictional_snap_99")
    cont(page)
    _documents_sign_and_create(page)
    files = _files(page)
    assert "threat-report" in files
    assert not [f for f in files if "removal-request" in f or "follow-up" in f]
    text = flat(pdf_text(download(page, "packet")))
    for printed in ("Threat report: what to do now", "Stop replying.", "Do not pay",
                    "Tell a trusted adult.", "fictional_snap_99", "November 20, 2026",
                    bases.CYBERTIP_ENTICEMENT, bases.POLICE_THREAT_ACCOUNTS,
                    "takeitdown.ncmec.org"):
        assert printed in text, printed
    assert "removal requests are being sent" not in text.lower()
    watch.assert_clean(page, ["Alex", "alex.example", "fictional_snap"])
    context.close()


def test_a_fake_image_on_reddit_is_named_a_digital_forgery(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    _start(page, "survivor", "no", "NY", "forgery", ("public",))
    fill_links(page, ["https://www.reddit.com/r/example/comments/fak001/fake_post/"])
    on(page, "What do you know about each link? (optional) – Takedown helper")
    cont(page)
    cont(page)  # what the website should know
    cont(page)  # reported: nothing yet
    on(page, "Have you reported it to the police? – Takedown helper")
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # no notices sent before
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    _documents_sign_and_create(page)
    notice = page.locator("input[name=file][value*='removal-request-reddit']").first.get_attribute(
        "value")
    text = flat(pdf_text(download(page, notice)))
    assert bases.FORGERY_STATEMENT in text and bases.FORGERY_CITE in text
    assert bases.TIDA_GOOD_FAITH in text
    google = flat(pdf_text(download(page, "search-removal-google")))
    assert "answer/9116649" in google.replace(" ", "")
    watch.assert_clean(page, ["Alex", "alex.example", "fak001"])
    context.close()


def test_private_chats_name_only_what_acts_there(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    _start(page, "survivor", "no", "IL", "real", ("private",))
    on(page, "Which apps was it shared on? (optional) – Takedown helper")
    page.locator("input[name=apps][value=telegram]").check()
    page.locator("input[name=apps][value=snapchat]").check()
    cont(page)
    _no_police_no_threats_sign_and_create(page)
    assert not [f for f in _files(page) if "removal-request" in f]
    text = flat(pdf_text(download(page, "00-your-guide")))
    assert "Telegram says it does not act on reports about private chats or groups." in text
    assert "Snapchat says it acts on reports about private messages." in text
    assert "abuse@telegram.org" not in text and "stopCA@telegram.org" not in text
    watch.assert_clean(page, ["Alex", "alex.example"])
    context.close()


def test_links_not_known_get_hashing_and_what_a_trusted_person_may_do(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    _start(page, "survivor", "no", "WA", "not_sure", ("unknown",))
    _no_police_no_threats_sign_and_create(page)
    assert not [f for f in _files(page) if "removal-request" in f or "search-removal" in f]
    text = flat(pdf_text(download(page, "00-your-guide")))
    for printed in ("You do not need a link to start.", "https://stopncii.org/",
                    "copy only the page addresses", "The law covers both"):
        assert printed in text, printed
    watch.assert_clean(page, ["Alex", "alex.example"])
    context.close()
