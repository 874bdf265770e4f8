"""A Spanish-speaking parent, all the way through: no page, and none of the documents meant for the
parent (the CyberTipline worksheet, the sheet for when nothing happens, the guide, the calendar
reminders), shows English outside a passage marked as English (`lang="en"` in a page, /Lang en in
the PDF's structure). Letters to platforms stay in English and are marked so.

The detector (tests/english.py) looks for English function words and common English words of this
subject in every text node whose nearest `lang` is Spanish, and in every marked-content run of a
PDF whose structure element's language is Spanish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page

from tests.browser.test_journeys import Watch, fill_date
from tests.english import PAGE_RUNS_JS, english_words, pdf_runs, share_in, unmarked_english

pytestmark = pytest.mark.browser


class Reader:
    """Reads every page the parent sees and keeps what is English without a mark."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, list[str]] = {}

    def read(self, name: str) -> None:
        self.page.wait_for_load_state()
        assert self.page.locator("html").get_attribute("lang") == "es", name
        runs = [(lang or "", text) for lang, text in self.page.evaluate(PAGE_RUNS_JS)]
        if problems := unmarked_english(runs):
            self.found[f"page {name}"] = problems

    def go(self, name: str, click: str = "main button[value=continue]") -> None:
        with self.page.expect_navigation():
            self.page.locator(click).first.click()
        self.read(name)


def _download(page: Page, file: str) -> bytes:
    with page.expect_download() as info:
        page.locator(f"form:has(input[name=file][value='{file}']) button").click()
    return Path(info.value.path()).read_bytes()


def test_the_detector_finds_english_and_passes_spanish():
    assert english_words("CyberTipline online report") == ["online", "report"]
    assert english_words("Take It Down (imagery made before age 18)") == ["It", "before"]
    assert english_words("Denuncia en línea a la CyberTipline (report.cybertip.org)") == []
    assert english_words("Escriba a abuse@hosting.example o https://x.com/a/status/1") == []
    assert english_words("Presione Mayús. Allí se reportó. take-it-down answer/6302812") == []
    runs = [("es", "Su guía"), ("en", "Your guide"), ("es", "X (formerly Twitter)")]
    assert len(unmarked_english(runs)) == 1


def test_a_spanish_parent_sees_no_unmarked_english(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    reader = Reader(page)
    for path in ("/", "/safety", "/exit-this-page", "/no-such-page", "/continue"):
        page.goto(f"{live_server}{path}?lang=es")
        reader.read(path)
    reader.go("continue, with an error")  # nothing pasted
    page.goto(f"{live_server}/?lang=es")
    reader.go("role", "button[value=start]")
    page.locator("input[name=role][value=parent]").check()
    reader.go("age")
    page.locator("input[name=minor_when_made][value=yes]").check()
    reader.go("where")
    page.select_option("#f-country", "US")
    page.select_option("#f-region", "DC")
    reader.go("same place")
    page.locator("input[name=same][value=yes]").check()
    reader.go("name")
    reader.go("kind")
    page.locator("input[name=kind][value=real]").check()
    reader.go("whereabouts")
    page.locator("input[name=where][value=public]").check()
    reader.go("links")
    page.fill("#f-links-0", "https://x.com/cuenta_ficticia_01/status/1111111111111111111")
    with page.expect_navigation():
        page.locator("button[value='add:links']").click()
    page.fill("#f-links-1", "https://www.reddit.com/r/ejemplo/comments/abc123/post/")
    reader.go("each link")
    fill_date(page, "items-0-first_seen", "2026-11-14")
    reader.go("context")
    page.fill("#f-context", "Mi hija nunca dio permiso para publicar esto.")
    reader.go("reported")
    fill_date(page, "reports-0-reported_on", "2026-11-15")
    page.select_option("#f-reports-0-answer", "no_reply")
    reader.go("police")
    page.locator("input[name=reported][value=no]").check()
    reader.go("sent")
    reader.go("threats")
    page.locator("input[name=threats][value=yes]").check()
    reader.go("threat help")
    reader.go("threat facts")
    page.locator("input[name=money][value=no]").check()
    page.select_option("#f-accounts-0-platform", "snapchat")
    page.fill("#f-accounts-0-account", "amenaza_ficticia_9")
    reader.go("documents")
    for kind in ("ncmec_worksheet", "escalation", "guide"):
        page.locator(f"input[name=documents][value={kind}]").check()
    reader.go("signer")
    page.fill("#f-name", "Alex Ejemplo")
    page.fill("#f-email", "alex.ejemplo@example.com")
    if page.locator("#f-police_agency").count():
        page.fill("#f-police_agency", "Departamento de Policía Metropolitana")
    reader.go("check your answers")
    reader.go("your documents", "button[value=create]")

    # The parent's own documents: in Spanish, English only where marked.
    for slug in ("cybertipline-worksheet", "if-nothing-happens", "00-your-guide"):
        runs = pdf_runs(_download(page, slug))
        problems = unmarked_english(runs)
        if share_in(runs, "es") < 0.8:  # an English document declared English is not the answer
            problems.append(f"only {share_in(runs, 'es'):.0%} of its text is in Spanish")
        if problems:
            reader.found[f"PDF {slug}"] = problems
    calendar = Calendar.from_ical(_download(page, "ics"))
    for event in calendar.walk("VEVENT"):
        for key in ("SUMMARY", "DESCRIPTION"):
            if words := english_words(str(event[key])):
                reader.found.setdefault("reminders (.ics)", []).append(f"{words} <- {event[key]}")
    watch.assert_clean(page, ["Alex", "alex.ejemplo", "cuenta_ficticia", "amenaza_ficticia"])
    context.close()
    assert reader.found == {}, "\n".join(
        f"{where}:\n  " + "\n  ".join(problems) for where, problems in reader.found.items()
    )
