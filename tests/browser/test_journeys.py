"""Whole journeys in headless Chromium: documents downloaded and read, nothing leaked anywhere."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import EXIT_PATH
from tests.browser.nav import enter, on, submit

TITLE = re.compile(r"^(Error: )?[^@/]+ – (Takedown helper|Ayuda para retirar imágenes)$")

pytestmark = pytest.mark.browser


class Watch:
    """Every URL requested and every page title seen during a journey."""

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        self.titles: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("load", lambda p: self.titles.append(p.title()))

    def assert_clean(self, page: Page, secrets: list[str]) -> None:
        assert page.context.cookies() == [], "the site sets no cookie"
        for url in self.urls:
            parts = urlsplit(url)
            assert parts.hostname == "127.0.0.1", f"nothing loads from another origin: {url}"
            assert parts.query in ("", "lang=en", "lang=es"), url
            for secret in secrets:
                assert secret not in url
        for title in self.titles:
            # "" while a download replaces nothing; "Loading <this server's URL>" when the title
            # is read after the next navigation began (a busy machine): Chromium's placeholder.
            placeholder = title.startswith("Loading http://127.0.0.1:")
            if title not in ("Weather", "") and not placeholder:
                assert TITLE.match(title), title
            for secret in secrets:
                assert secret not in title


def pdf_text(path: str | Path) -> str:
    data = Path(path).read_bytes()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def cont(page: Page) -> None:
    submit(page.locator("main button[value=continue]"))


def fill_date(page: Page, field: str, iso: str) -> None:
    """A date in the three boxes (day, month, year) of a GOV.UK date input."""
    year, month, day = iso.split("-")
    page.fill(f"#f-{field}", str(int(day)))
    page.fill(f"#f-{field}-month", str(int(month)))
    page.fill(f"#f-{field}-year", year)


def answer_common(page: Page, role: str, age: str, country: str, region: str, links: str,
                  kind: str = "real", where: tuple[str, ...] = ("public",)) -> None:
    """Who, age, where (the person shown; for a helper, "same place"), kind, whereabouts, links."""
    submit(page.get_by_role("button", name=re.compile("Start now|Empezar ahora")))
    on(page, "Who are you? – Takedown helper")
    page.locator(f"input[name=role][value={role}]").check()
    cont(page)
    page.locator(f"input[name=minor_when_made][value={age}]").check()
    cont(page)
    page.select_option("#f-country", country)
    if region:
        page.select_option("#f-region", region)
    cont(page)
    if role != "survivor":
        on(page, "Do you live in the same place as them? – Takedown helper")
        page.locator("input[name=same][value=yes]").check()
        cont(page)
        on(page, "What is their name? (optional) – Takedown helper")
        cont(page)
    page.locator(f"input[name=kind][value={kind}]").check()
    cont(page)
    for value in where:
        page.locator(f"input[name=where][value={value}]").check()
    cont(page)
    fill_links(page, links.split("\n"))


def fill_links(page: Page, links: list[str]) -> None:
    """One box per link: "Add another link" (a form post) for each after the first."""
    on(page, "Where is it online? – Takedown helper")
    for n, link in enumerate(links):
        if n:
            submit(page.locator("button[value='add:links']"))
            expect(page.locator(f"#f-links-{n}")).to_be_visible()
        page.fill(f"#f-links-{n}", link)
    cont(page)


def download(page: Page, file: str) -> str:
    with page.expect_download() as info:
        page.locator(f"form:has(input[name=file][value='{file}']) button").click()
    dl = info.value
    assert "Alex" not in dl.suggested_filename and "@" not in dl.suggested_filename
    return dl.path()


def flat(text: str) -> str:
    return " ".join(text.split())


def printed_in(printed: str, text: str) -> bool:
    """`printed` is in the text; an address may wrap inside its table cell, so it is compared
    without white space."""
    if printed.startswith("https://"):
        return printed in "".join(text.split())
    return printed in text


def test_parent_of_a_minor_on_x_with_an_earlier_refusal(browser, live_server):
    """A parent fills every question about the case; each answer is found in the PDFs."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    submit(page.get_by_role("button", name="Start now"))
    page.locator("input[name=role][value=parent]").check()
    cont(page)
    page.locator("input[name=minor_when_made][value=yes]").check()
    cont(page)
    on(page, "Where does the person shown live? – Takedown helper")
    page.select_option("#f-country", "US")
    page.select_option("#f-region", "CA")
    cont(page)
    page.locator("input[name=same][value=yes]").check()
    cont(page)
    page.fill("#f-person_name", "Sam Fictional")
    cont(page)
    page.locator("input[name=kind][value=real]").check()
    cont(page)
    page.locator("input[name=where][value=public]").check()
    page.locator("input[name=where][value=private]").check()
    cont(page)
    fill_links(page, ["https://x.com/fictional_account_01/status/1111111111111111111"])
    on(page, "Which apps was it shared on? (optional) – Takedown helper")
    page.locator("input[name=apps][value=snapchat]").check()
    cont(page)
    on(page, "What do you know about each link? (optional) – Takedown helper")
    page.fill("#f-items-0-account", "@fictional_account_01")
    fill_date(page, "items-0-first_seen", "2026-11-14")
    page.fill("#f-items-0-views", "1200")
    page.fill("#f-items-0-shares", "35")
    cont(page)
    page.fill("#f-context", "I never agreed to this being posted.")
    cont(page)
    on(page, "Has it been reported already? – Takedown helper")
    fill_date(page, "reports-0-reported_on", "2026-11-15")
    page.fill("#f-reports-0-reference", "0123456789")
    page.select_option("#f-reports-0-answer", "no_violation")
    fill_date(page, "reports-0-answered_on", "2026-11-17")
    page.fill("#f-reports-0-note", "We reviewed the post and found no violation.")
    cont(page)
    page.locator("input[name=reported][value=yes]").check()
    page.fill("#f-agency", "Example City Police Department")
    fill_date(page, "reported_on", "2026-11-16")
    page.fill("#f-case_number", "PD-2026-0042")
    page.fill("#f-email", "cyber.unit@police.example")
    page.fill("#f-address", "100 Example Plaza\nExample City, CA 90000")
    cont(page)
    on(page, "Did you send notices made here before? (optional) – Takedown helper")
    cont(page)
    page.locator("input[name=threats][value=yes]").check()
    cont(page)
    expect(page.locator("h1")).to_have_text("What to do right now")
    expect(page.locator("main")).to_contain_text("1-800-843-5678")
    page.fill("#f-threat_details", "They said they will post it unless I pay.")
    cont(page)
    page.locator("input[name=money][value=yes]").check()
    fill_date(page, "started_on", "2026-11-12")
    page.select_option("#f-accounts-0-platform", "snapchat")
    page.fill("#f-accounts-0-account", "fictional_threat_9")
    cont(page)
    on(page, "Which documents do you want? – Takedown helper")
    for kind in ("platform_notice", "ncmec_worksheet", "police_referral", "guide"):
        page.locator(f"input[name=documents][value={kind}]").check()
    cont(page)
    on(page, "How should the letters be signed? – Takedown helper")
    expect(page.locator("#f-police_agency")).to_have_count(0)  # given on the police page
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex.example@example.com")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    submit(page.get_by_role("button", name="Create my documents"))
    on(page, "Your documents – Takedown helper")
    text = flat(pdf_text(download(page, "packet")))
    for printed in (
        "https://x.com/fictional_account_01/status/1111111111111111111", "Alex Example",
        "Sam Fictional", "@fictional_account_01", "November 14, 2026", "1,200 views", "35",
        "November 17, 2026", "We reviewed the post and found no violation.",
        "Example City Police Department", "PD-2026-0042", "100 Example Plaza",
        "cyber.unit@police.example", "They said they will post it unless I pay.",
        "November 12, 2026", "fictional_threat_9", "Snapchat",
        "I never agreed to this being posted.",  # the context, quoted in the notice
    ):
        assert printed_in(printed, text), printed
    notice = page.locator("input[name=file][value*='removal-request-x']").first.get_attribute("value")
    assert "0123456789" in pdf_text(download(page, notice))
    watch.assert_clean(page, ["Alex", "alex.example", "fictional_account", "0123456789",
                              "Sam Fictional", "PD-2026"])
    context.close()


def test_adult_survivor_with_reddit_and_a_standalone_website(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    answer_common(page, "survivor", "no", "US", "NY",
                  "https://www.reddit.com/r/example/comments/abc123/post/\n"
                  "https://videos.example.net/watch/123", kind="forgery")
    on(page, "Who runs the other websites? – Takedown helper")
    expect(page.locator("main")).to_contain_text("videos.example.net")
    page.fill("#f-sites-0-host_name", "Example Hosting Ltd")
    page.fill("#f-sites-0-host_abuse_email", "abuse@hosting.example")
    page.fill("#f-sites-0-registrar_name", "Example Registrar Inc")
    page.fill("#f-sites-0-registrar_abuse_email", "abuse@registrar.example")
    cont(page)
    page.fill("#f-items-1-account", "uploader_fictional")
    cont(page)
    page.fill("#f-context", "This is a fake made with an app from my photo.")
    cont(page)
    cont(page)  # reported: nothing yet
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # no notices sent before
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    cont(page)  # the recommended documents
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex.example@example.com")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    submit(page.get_by_role("button", name="Create my documents"))
    text = flat(pdf_text(download(page, "packet")))
    for printed in ("https://www.reddit.com/r/example/comments/abc123/post/",
                    "https://videos.example.net/watch/123", "Example Hosting Ltd",
                    "abuse@hosting.example", "uploader_fictional"):
        assert printed_in(printed, text), printed
    watch.assert_clean(page, ["Alex", "alex.example", "hosting.example", "abc123"])
    context.close()


def test_adult_survivor_who_took_the_photo_adds_a_copyright_notice(browser, live_server):
    """The DMCA notice is asked for on its own page, after its risks, and says who owns the work."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    answer_common(page, "survivor", "no", "US", "FL", "https://www.instagram.com/p/FICTIONALDMCA/")
    cont(page)  # what do you know about each link
    cont(page)  # what should the website know
    cont(page)  # reported to the apps: not yet
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # no notices sent before
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    on(page, "Which documents do you want? – Takedown helper")
    page.locator("input[name=dmca][value=yes]").check()
    cont(page)
    on(page, "A copyright (DMCA) notice – Takedown helper")
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("A copyright (DMCA) notice")
    expect(main.get_by_text("Who took the picture or video?", exact=True)).to_have_count(1)
    expect(page.locator("#dmca-risks")).to_contain_text("Lumen")
    cont(page)  # nothing chosen: a field-specific error
    on(page, "Error: A copyright (DMCA) notice – Takedown helper")
    page.locator("input[name=copyright_holder][value=took_it]").check()
    cont(page)
    on(page, "How should the letters be signed? – Takedown helper")
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex.example@example.com")
    for box, value in (("#f-phone", "555 010 0199"), ("#f-address", "1 Sample Street\nMiami, FL 33101")):
        if page.locator(box).count():
            page.fill(box, value)
    cont(page)
    on(page, "Check your answers – Takedown helper")
    submit(page.get_by_role("button", name="Create my documents"))
    notice = page.locator("input[name=file][value*='copyright-notice']").first.get_attribute("value")
    text = flat(pdf_text(download(page, notice)))
    assert "https://www.instagram.com/p/FICTIONALDMCA/" in text
    assert "The copyright owner is me, the person shown in them, who took them and owns the " \
        "copyright in them." in text
    watch.assert_clean(page, ["Alex", "alex.example", "FICTIONALDMCA", "Sample Street"])
    context.close()


def test_advocate_for_a_client(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    answer_common(page, "advocate", "no", "US", "TX",
                  "https://www.instagram.com/p/FICTIONAL123/")
    cont(page)  # what do you know about each link
    cont(page)  # what should the website know
    cont(page)  # reported
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    # A returning user: the notice sent last week, and a fresh one anyway.
    on(page, "Did you send notices made here before? (optional) – Takedown helper")
    page.select_option("#f-sent-0-platform", "instagram")
    fill_date(page, "sent-0-sent_on", "2026-11-10")
    page.select_option("#f-sent-0-route", "form")
    page.fill("#f-sent-0-reference", "IG-FICTIONAL-77")
    page.locator("input[name=new_notices]").check()
    cont(page)
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    cont(page)
    page.fill("#f-name", "Alex Example")
    if page.locator("#f-organisation").count():
        page.fill("#f-organisation", "Example Advocacy Center")
    page.fill("#f-phone", "555 010 0199")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    expect(page.locator("#row-sent")).to_contain_text("IG-FICTIONAL-77")
    submit(page.get_by_role("button", name="Create my documents"))
    text = flat(pdf_text(download(page, "packet")))
    assert "https://www.instagram.com/p/FICTIONAL123/" in text
    assert "authorized representative" in text
    assert "Example Advocacy Center" in text
    # The notice already sent is named with its date and the platform's reference.
    assert "IG-FICTIONAL-77" in text and "November 10, 2026" in text
    watch.assert_clean(page, ["Alex", "FICTIONAL123", "555 010", "Advocacy"])
    context.close()


def test_teacher_abroad_for_a_pupil_in_scotland(browser, live_server):
    """A trusted adult in Spain for a pupil who lives in Scotland: the law of Scotland applies."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    submit(page.get_by_role("button", name="Start now"))
    page.locator("input[name=role][value=trusted_adult]").check()
    cont(page)
    page.locator("input[name=minor_when_made][value=yes]").check()
    cont(page)
    page.select_option("#f-country", "GB")
    page.select_option("#f-region", "SCT")
    cont(page)
    page.locator("input[name=same][value=no]").check()
    page.select_option("#f-country", "ES")
    cont(page)
    page.fill("#f-person_name", "Robin Fictional")
    cont(page)
    page.locator("input[name=kind][value=not_sure]").check()
    cont(page)
    page.locator("input[name=where][value=public]").check()
    cont(page)
    fill_links(page, ["https://www.tiktok.com/@fictional_school_acct/video/7000000000000000001"])
    page.fill("#f-items-0-account", "@fictional_school_acct")
    cont(page)
    cont(page)  # context
    cont(page)  # reported
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # sent
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    on(page, "Which documents do you want? – Takedown helper")
    page.locator("input[name=documents][value=platform_notice]").check()
    page.locator("input[name=documents][value=guide]").check()
    cont(page)
    if page.locator("#f-name").count():
        page.fill("#f-name", "Alex Example")
        if page.locator("#f-email").count():
            page.fill("#f-email", "alex.example@example.com")
        cont(page)
    on(page, "Check your answers – Takedown helper")
    expect(page.locator("#row-where")).to_contain_text("Scotland")
    expect(page.locator("#row-where_you")).to_contain_text("Spain")
    saved = json.loads(page.locator("main input[name=answers]").first.input_value())
    assert saved["person_shown"]["country"] == "GB" and saved["person_shown"]["region"] == "SCT"
    assert saved["requester"]["country"] == "ES", "the law follows the pupil, the reply the teacher"
    submit(page.get_by_role("button", name="Create my documents"))
    text = flat(pdf_text(download(page, "packet")))
    assert "https://www.tiktok.com/@fictional_school_acct/video/7000000000000000001" in "".join(
        text.split()), "the exact link (a long link may wrap across lines)"
    assert "@fictional_school_acct" in text
    # The law of the pupil's home (Scotland), and no other part of the UK's.
    notice = page.locator("input[name=file][value*='removal-request-tiktok']").first.get_attribute("value")
    letter = flat(pdf_text(download(page, notice)))
    assert "section 2 of the Abusive Behaviour and Sexual Harm (Scotland) Act 2016" in letter
    assert "Sexual Offences Act 2003" not in letter and "Justice Act (Northern Ireland)" not in letter
    assert "TAKE IT DOWN" not in letter, "a US law is not the law of a pupil in Scotland"
    watch.assert_clean(page, ["Alex", "alex.example", "fictional_school", "Robin"])
    context.close()


def test_javascript_disabled_journey_still_makes_documents(browser, live_server):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    answer_common(page, "trusted_adult", "not_sure", "US", "",
                  "https://x.com/fictional_account_01/status/1111111111111111111\n"
                  "https://x.com/fictional_account_01/status/3333333333333333333")
    cont(page)  # each link
    cont(page)  # context
    # Add another and Remove are form posts: they work without JavaScript.
    submit(page.locator("button[value='add:reports']"))
    expect(page.locator("#f-reports-1-reference")).to_be_visible()
    submit(page.locator("button[value='remove:reports:1']"))
    expect(page.locator("#f-reports-1-reference")).to_have_count(0)
    cont(page)
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # sent
    page.locator("input[name=threats][value=no]").check()
    cont(page)
    cont(page)
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex.example@example.com")
    if page.locator("#f-police_agency").count():
        page.fill("#f-police_agency", "Example City Police Department")
    cont(page)
    # Change and Back work as plain form posts.
    submit(page.locator("button[value='change:where']"))
    on(page, "Where does the person shown live? – Takedown helper")
    page.select_option("#f-region", "WA")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    expect(page.locator("#row-where")).to_contain_text("Washington")
    submit(page.get_by_role("button", name="Create my documents"))
    assert "https://x.com/fictional_account_01" in pdf_text(download(page, "packet"))
    watch.assert_clean(page, ["Alex", "alex.example", "fictional_account", "Example City"])
    context.close()


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching the selector has focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the keyboard")


def test_keyboard_only_journey(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server + "/")
    _tab_to(page, "button[value=start]")
    enter(page)
    on(page, "Who are you? – Takedown helper")
    _tab_to(page, "#f-role")
    page.keyboard.press("ArrowDown")  # radios: arrows move and select
    expect(page.locator("#f-role-2")).to_be_checked()
    enter(page)  # submits the form
    on(page, re.compile("How old"))
    _tab_to(page, "#f-minor_when_made")
    page.keyboard.press("Space")
    enter(page)
    on(page, "Where does the person shown live? – Takedown helper")
    _tab_to(page, "#f-country")
    page.keyboard.type("United States")
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, "Do you live in the same place as them? – Takedown helper")
    _tab_to(page, "#f-same")
    page.keyboard.press("Space")  # "Yes"
    enter(page)
    on(page, "What is their name? (optional) – Takedown helper")
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, "Are the images real or fake? – Takedown helper")
    _tab_to(page, "#f-kind")
    page.keyboard.press("Space")
    enter(page)
    on(page, "Where are the images now? – Takedown helper")
    _tab_to(page, "#f-where")
    page.keyboard.press("Space")  # the first checkbox: posted where others can see it
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, "Where is it online? – Takedown helper")
    _tab_to(page, "#f-links-0")
    page.keyboard.type("https://x.com/fictional_account_01/status/1111111111111111111")
    enter(page)  # Enter in a box continues (not "Add another link")
    on(page, "What do you know about each link? (optional) – Takedown helper")
    for following in ("What should the website know?", "Has it been reported already?"):
        _tab_to(page, "main button[value=continue]")
        enter(page)
        on(page, re.compile(re.escape(following)))
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, "Have you reported it to the police? – Takedown helper")
    _tab_to(page, "#f-reported")
    page.keyboard.press("ArrowDown")  # "No"
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, re.compile("Did you send notices"))
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, re.compile("Is anyone threatening"))
    _tab_to(page, "#f-threats")
    page.keyboard.press("ArrowDown")  # "No"
    enter(page)
    on(page, "Which documents do you want? – Takedown helper")
    _tab_to(page, "main button[value=continue]")
    enter(page)
    on(page, "How should the letters be signed? – Takedown helper")
    _tab_to(page, "#f-name")
    page.keyboard.type("Alex Example")
    _tab_to(page, "#f-email")
    page.keyboard.type("alex.example@example.com")
    if page.locator("#f-police_agency").count():
        _tab_to(page, "#f-police_agency")
        page.keyboard.type("Example City Police Department")
    enter(page)
    on(page, "Check your answers – Takedown helper")
    _tab_to(page, "button[value=create]")
    enter(page)
    on(page, "Your documents – Takedown helper")
    _tab_to(page, "form:has(input[value=packet]) button")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert "https://x.com/fictional_account_01" in pdf_text(info.value.path())
    watch.assert_clean(page, ["Alex", "alex.example", "fictional_account"])
    context.close()


def test_error_summary_takes_focus_and_links_to_the_field(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    submit(page.get_by_role("button", name="Start now"))
    cont(page)
    on(page, "Error: Who are you? – Takedown helper")
    expect(page.locator(".error-summary")).to_be_focused()
    page.locator(".error-summary a").first.click()
    expect(page.locator("#f-role")).to_be_focused()
    page.close()


def test_shift_three_times_exits(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    page.keyboard.press("Shift")
    status = page.locator("[data-exit-status]")
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    page.keyboard.press("Shift")
    page.wait_for_url(live_server + EXIT_PATH)
    on(page, "Weather")
    page.close()


def test_exit_button_goes_to_the_neutral_site(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/safety")
    page.get_by_role("link", name="Emergency Exit this page").click()
    page.wait_for_url(live_server + EXIT_PATH)
    page.close()


def test_add_another_link_and_remove(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    submit(page.get_by_role("button", name="Start now"))
    page.locator("input[name=role][value=survivor]").check()
    cont(page)
    page.locator("input[name=minor_when_made][value=no]").check()
    cont(page)
    page.select_option("#f-country", "US")
    cont(page)
    page.locator("input[name=kind][value=real]").check()
    cont(page)
    page.locator("input[name=where][value=public]").check()
    cont(page)
    page.fill("#f-links-0", "https://x.com/a/status/1")
    submit(page.get_by_role("button", name="Add another link"))
    page.fill("#f-links-1", "https://x.com/a/status/2")
    submit(page.get_by_role("button", name="Add another link"))
    page.fill("#f-links-2", "https://x.com/a/status/3")
    submit(page.get_by_role("button", name="Remove Link 1"))
    expect(page.locator("#f-links-0")).to_have_value("https://x.com/a/status/2")
    expect(page.locator("#f-links-2")).to_have_count(0)
    cont(page)
    on(page, "What do you know about each link? (optional) – Takedown helper")
    assert [i["url"] for i in json.loads(
        page.locator("main input[name=answers]").first.input_value())["items"]] == [
        "https://x.com/a/status/2", "https://x.com/a/status/3"]
    page.close()


@pytest.mark.parametrize("width", [320, 390])
def test_no_horizontal_scrolling_on_small_screens(browser, live_server, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(live_server + "/")
    submit(page.get_by_role("button", name="Start now"))
    for url in ("", "/", "/safety", "/continue"):
        if url:
            page.goto(live_server + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_two_reports_to_one_website_and_what_they_said(browser, live_server):
    """"Add another report", and Enter in a box (which must continue, not add)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server + "/")
    answer_common(page, "survivor", "no", "US", "NY",
                  "https://x.com/fictional_account_01/status/1111111111111111111")
    cont(page)  # each link
    cont(page)  # context
    on(page, "Has it been reported already? – Takedown helper")
    fill_date(page, "reports-0-reported_on", "2026-10-01")
    submit(page.get_by_role("button", name="Add another report"))
    expect(page.locator("#f-reports-0-reported_on-year")).to_have_value("2026")
    fill_date(page, "reports-1-reported_on", "2026-11-15")
    page.fill("#f-reports-1-reference", "222")
    enter(page, page.locator("#f-reports-1-reference"))
    on(page, "Have you reported it to the police? – Takedown helper")
    page.locator("input[name=reported][value=no]").check()
    cont(page)
    cont(page)  # sent
    page.locator("input[name=threats][value=yes]").check()
    cont(page)
    on(page, "What to do right now – Takedown helper")
    page.fill("#f-threat_details", "They asked for more images by Friday.")
    cont(page)
    cont(page)  # threat facts
    cont(page)  # the recommended documents
    page.fill("#f-name", "Alex Example")
    page.fill("#f-email", "alex@example.com")
    if page.locator("#f-police_agency").count():
        page.fill("#f-police_agency", "Example City Police Department")
    cont(page)
    on(page, "Check your answers – Takedown helper")
    reported = page.locator("#row-reported").inner_text()
    assert "2026-10-01" in reported and "2026-11-15, 222" in reported
    assert "They asked for more images by Friday." in page.locator("#row-threat_help").inner_text()
    page.close()
