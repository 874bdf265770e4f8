"""The guided form through Flask's test client: no JavaScript, nothing kept between requests."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.paths import TEMPLATES_DIR
from tests.web.journey import X_POSTS, Journey, Page, parent_of_minor_on_x, step_of, walk

NEUTRAL_TITLE = re.compile(r"^(Error: )?[^@/]+ – Takedown helper$")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_start_page_explains_safety_and_offers_exit(client):
    page = Page(client.get("/").get_data(as_text=True))
    assert page.title == "Get images taken down – Takedown helper"
    assert "Exit this page" in page.text and 'href="/exit"' in page.text
    assert "never asks for the images" in page.text
    assert "911" in page.text and "screenshot" in page.text
    assert 'href="/safety?lang=en"' in page.text and 'href="/exit-this-page?lang=en"' in page.text
    assert all(form["method"] == "post" for form in page.forms)


def test_exit_redirects_to_the_neutral_site_and_clears_site_data(client, app):
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["EXIT_URL"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_information_pages_exist_in_both_languages(client):
    for url in ("/safety", "/exit-this-page", "/continue"):
        english = Page(client.get(url).get_data(as_text=True))
        spanish = Page(client.get(f"{url}?lang=es").get_data(as_text=True))
        assert english.title.endswith("– Takedown helper")
        assert spanish.title.endswith("– Ayuda para retirar imágenes")
        assert '<html lang="es">' in spanish.text
    safety = client.get("/safety").get_data(as_text=True)
    assert "private" in safety and "history" in safety and "downloads" in safety


def test_a_missing_answer_gets_the_error_summary_and_the_same_message_inline(client):
    journey = Journey(client)
    journey.start()
    page = journey.answer("role")
    assert page.title == "Error: Who are you? – Takedown helper"
    assert "There is a problem" in page.text
    summary = re.search(r'<a href="#f-role">([^<]+)</a>', page.text)
    assert summary, "the summary links to the first radio"
    assert summary.group(1) in page.text.split('id="f-role-error"')[1][:300]
    assert page.text.index("There is a problem") < page.text.index("<h1")


def _survivor_up_to_links(journey: Journey) -> None:
    journey.start()
    journey.answer("role", role="survivor")
    journey.answer("age", minor_when_made="no")
    journey.answer("where", country="US", region="NY")
    journey.answer("kind", kind="real")
    journey.answer("whereabouts", where=["public"])


def test_each_bad_link_is_named_by_its_number(client):
    journey = Journey(client)
    _survivor_up_to_links(journey)
    page = journey.answer("links", **{"links-0": "https://www.reddit.com/r/x/comments/abc/",
                                      "links-1": "www.example"})
    assert page.title.startswith("Error: ")
    assert '<a href="#f-links-1">Link 2: Enter the full link, starting with https://</a>' in page.text
    assert 'id="f-links-1-error"' in page.text
    assert 'value="www.example"' in page.text, "what was typed stays on the page"


def test_add_another_link_and_remove_work_without_javascript(client):
    journey = Journey(client)
    _survivor_up_to_links(journey)
    page = journey.answer("links", action="add:links", **{"links-0": "https://x.com/a/status/1"})
    assert page.title == "Where is it online? – Takedown helper", "the same page again"
    assert 'value="https://x.com/a/status/1"' in page.text and 'name="links-1"' in page.text
    assert "There is a problem" not in page.text, "adding a row checks nothing yet"
    page = journey.answer("links", action="add:links", **{
        "links-0": "https://x.com/a/status/1", "links-1": "https://x.com/a/status/2"})
    page = journey.answer("links", action="remove:links:0", **{
        "links-0": "https://x.com/a/status/1", "links-1": "https://x.com/a/status/2",
        "links-2": "https://x.com/a/status/3"})
    assert 'value="https://x.com/a/status/1"' not in page.text
    assert 'name="links-1" type="url" value="https://x.com/a/status/3"' in page.text
    assert 'value="remove:links:1"' in page.text and "Remove<span class=\"visually-hidden\"> Link 2" in page.text
    page = journey.answer("links", **{"links-0": "https://x.com/a/status/2",
                                      "links-1": "https://x.com/a/status/3"})
    assert [i["url"] for i in json.loads(page.answers)["items"]] == [
        "https://x.com/a/status/2", "https://x.com/a/status/3"]


def test_a_case_with_nothing_public_needs_no_links(client):
    journey = Journey(client)
    journey.start()
    journey.answer("role", role="survivor")
    journey.answer("age", minor_when_made="no")
    journey.answer("where", country="US", region="NY")
    journey.answer("kind", kind="forgery")
    page = journey.answer("whereabouts", where=["private", "not_posted"])
    assert page.title == "Which apps was it shared on? (optional) – Takedown helper"
    journey.answer("private", apps=["snapchat", "other"])
    check = walk(journey, police={"reported": "no"}, threats={"threats": "no"},
                 documents={"documents": ["guide"]},
                 signer={"name": "Sam Example", "email": "sam@example.com"})
    assert check.title == "Check your answers – Takedown helper"
    saved = json.loads(check.answers)
    assert saved["items"] == [] and saved["imagery"]["private_platforms"] == ["snapchat", "other"]
    assert 'id="row-links"' not in check.text


def test_parent_journey_makes_documents_and_every_download(client):
    journey = Journey(client)
    check = parent_of_minor_on_x(journey)
    assert check.title == "Check your answers – Takedown helper"
    assert "@fictional_account_01" in check.text
    assert 'value="change:role"' in check.text  # Change is a form submit
    page = journey.post("/documents")
    assert journey.page.title == "Your documents – Takedown helper"
    slugs = re.findall(r'name="file" value="([^"]+)"', page.get_data(as_text=True))
    assert {"packet", "zip"} <= set(slugs)
    packet = journey.post("/documents/file", file="packet")
    assert packet.mimetype == "application/pdf"
    assert packet.headers["Content-Disposition"] == 'attachment; filename="takedown-documents.pdf"'
    text = pdf_text(packet.data)
    # (the address may wrap inside its table cell: compare without white space)
    assert "https://x.com/fictional_account_01/status/1111111111111111111" in "".join(text.split())
    notice = next(s for s in slugs if "removal-request-x" in s)
    single = journey.post("/documents/file", file=notice)
    assert single.headers["Content-Disposition"] == f'attachment; filename="{notice}.pdf"'
    assert "Alex Example" in pdf_text(single.data)
    archive = journey.post("/documents/file", file="zip")
    assert archive.mimetype == "application/zip"
    if "ics" in slugs:
        reminders = journey.post("/documents/file", file="ics")
        assert reminders.data.startswith(b"BEGIN:VCALENDAR")
    _assert_nothing_leaks(journey, ["Alex Example", "alex.example", "fictional_account", "0123456789"])


def _assert_nothing_leaks(journey: Journey, secrets: list[str]) -> None:
    for response in journey.responses:
        assert "Set-Cookie" not in response.headers
        disposition = response.headers.get("Content-Disposition", "")
        for secret in secrets:
            assert secret not in disposition
        if response.mimetype == "text/html":
            page = Page(response.get_data(as_text=True))
            assert NEUTRAL_TITLE.match(page.title), page.title
            for secret in secrets:
                assert secret not in page.title
            assert len(page.ids) == len(set(page.ids)), "ids are unique"
            assert page.file_inputs == 0
            assert "&lt;a " not in page.text, "markup is never shown as text"
            assert 'id="exit-this-page"' in page.text and 'href="/exit"' in page.text
            for form in page.forms:
                assert form["method"] == "post" or "answers" not in form["fields"]


def test_signer_page_asks_only_what_the_chosen_documents_miss(client):
    journey = Journey(client)
    _survivor_up_to_links(journey)
    journey.answer("links", **{"links-0": "https://www.reddit.com/r/example/comments/abc123/post/"})
    for step, fields in (("accounts", {}), ("context", {}), ("reported", {}),
                         ("police", {"reported": "no"}), ("sent", {}), ("threats", {"threats": "no"})):
        journey.answer(step, **fields)
    page = journey.answer("documents", documents=["platform_notice"])
    assert page.title == "How should the letters be signed? – Takedown helper"
    assert 'id="f-name"' in page.text and 'id="f-email"' in page.text
    assert 'id="f-police_agency"' not in page.text  # no police letter was chosen
    assert "Removal request" in page.text  # says which document uses the detail
    nothing = journey.answer("signer")
    assert '<a href="#f-email">Give at least one way to reach you.</a>' in nothing.text
    empty = journey.answer("signer", email="sam@example.com")
    assert empty.title.startswith("Error: "), "a required name cannot be left empty"
    assert '<a href="#f-name">Enter the name to sign with.</a>' in empty.text
    assert 'id="f-name-error"' in empty.text
    check = journey.answer("signer", name="Sam Example", email="sam@example.com")
    accounts = check.text.split('id="row-accounts"')[1].split("</div>")[0]
    assert "Not provided" in accounts  # an optional question left empty


def test_no_documents_chosen_is_an_error(client):
    journey = Journey(client)
    parent_of_minor_on_x(journey)
    journey.answer("check", action="change:documents")
    page = journey.answer("documents")
    assert page.title.startswith("Error: ")
    assert "Choose at least one document." in page.text


def test_a_standalone_website_asks_for_its_abuse_contacts(client):
    journey = Journey(client)
    _survivor_up_to_links(journey)
    page = journey.answer("links", **{"links-0": "https://videos.example.net/watch/123"})
    assert page.title == "Who runs the other websites? – Takedown helper"
    assert '<a href="https://lookup.icann.org"' in page.text  # a real link, not escaped text
    page = journey.answer("websites", **{"sites-0-host_abuse_email": "not an email"})
    assert page.title.startswith("Error: ")
    assert 'href="#f-sites-0-host_abuse_email"' in page.text


def test_tampered_answers_get_a_clear_page_not_a_crash(client):
    for bad in ("{not json", "[]", json.dumps({"requester": "x"}), "x" * 200_000):
        response = client.post("/questions", data={"answers": bad, "step": "age", "lang": "en"})
        assert response.status_code == 400
        assert "Your answers could not be read" in response.get_data(as_text=True)
        assert client.post("/documents", data={"answers": bad}).status_code == 400


def test_back_and_change_are_posts_that_keep_the_answers(client):
    journey = Journey(client)
    parent_of_minor_on_x(journey)
    page = journey.answer("check", action="change:where")
    assert page.title == "Where does the person shown live? – Takedown helper"
    assert '<option value="US" selected>' in page.text
    page = journey.answer("where", country="US", region="NY")
    assert page.title == "Check your answers – Takedown helper"
    saved = json.loads(page.answers)
    assert saved["person_shown"]["region"] == "NY"
    assert saved["requester"]["region"] == "NY", "the parent said they live there too"
    page = journey.answer("signer", action="back")
    assert page.title == "Which documents do you want? – Takedown helper"


def test_download_my_answers_round_trips_through_continue(client, today):
    journey = Journey(client)
    parent_of_minor_on_x(journey)
    saved = journey.post("/answers")
    assert saved.headers["Content-Disposition"] == 'attachment; filename="takedown-answers.json"'
    data = json.loads(saved.data)
    assert parse_case(data, today).signer.name == "Alex Example"
    resumed = client.post("/continue", data={"case_file": saved.data.decode(), "lang": "en"})
    assert Page(resumed.get_data(as_text=True)).title == "Check your answers – Takedown helper"


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("", "Paste the contents of your saved answers file."),
        ("hello", "This is not a saved answers file."),
        ('{"schema_version": 1}', "The saved answers have a problem: Enter who is asking."),
        ("x" * 160_000, "This is too long to be a saved answers file."),
    ],
)
def test_continue_explains_what_is_wrong_with_a_pasted_file(client, pasted, message):
    response = client.post("/continue", data={"case_file": pasted, "lang": "en"})
    assert response.status_code == 400
    page = Page(response.get_data(as_text=True))
    assert page.title == "Error: Continue from a saved file – Takedown helper"
    assert message in page.text
    assert page.file_inputs == 0


def test_the_example_case_pasted_reaches_check_your_answers(client):
    response = client.post("/continue", data={"case_file": json.dumps(example_case())})
    assert "Check your answers" in Page(response.get_data(as_text=True)).title


def test_spanish_journey_is_in_spanish_and_the_guide_too(client):
    journey = Journey(client, lang="es")
    page = journey.start()
    assert page.title == "¿Quién es usted? – Ayuda para retirar imágenes"
    assert '<html lang="es">' in page.text
    page = journey.answer("role")
    assert page.title.startswith("Error: ")
    assert "Hay un problema" in page.text
    assert "Elija quién es usted de la lista." in page.text  # the field's name is translated too
    journey.answer("role", role="survivor")
    # The language switch is a POST carrying the answers, never a URL.
    switch = next(f for f in journey.page.forms if f["fields"].get("lang") == "en")
    assert switch["method"] == "post" and json.loads(switch["fields"]["answers"])["requester"]
    walk(journey, age={"minor_when_made": "no"}, where={"country": "MX"}, kind={"kind": "real"},
         whereabouts={"where": ["public"]},
         links={"links-0": "https://www.reddit.com/r/example/comments/abc123/post/"},
         police={"reported": "no"}, threats={"threats": "no"}, documents={"documents": ["guide"]},
         signer={"name": "Sam Example", "email": "sam@example.com"})
    assert journey.page.title == "Revise sus respuestas – Ayuda para retirar imágenes"
    journey.post("/documents")
    slugs = re.findall(r'name="file" value="([^"]+)"', journey.page.text)
    guide = next(s for s in slugs if "guide" in s)
    text = pdf_text(journey.post("/documents/file", file=guide).data)
    assert "Su guía y registro" in text or "Su seguridad" in text


def test_no_template_or_view_offers_a_file_upload():
    web = Path(__file__).resolve().parents[2] / "takedown_helper" / "web"
    for path in [*TEMPLATES_DIR.joinpath("pages").rglob("*.html"), *web.glob("*.py")]:
        text = path.read_text()
        assert 'type="file"' not in text and "request.files" not in text, path
        assert "session[" not in text and "set_cookie" not in text, path


def test_pages_made_by_a_post_switch_language_without_a_dead_link(client):
    broken = Page(client.post("/documents", data={"answers": "[]"}).get_data(as_text=True))
    assert 'href="/?lang=es"' in broken.text
    journey = Journey(client)
    parent_of_minor_on_x(journey)
    journey.post("/documents")
    switch = [f for f in journey.page.forms if f["fields"].get("lang") == "es"]
    assert switch and switch[0]["action"] == "/documents"
    spanish = client.post("/documents", data=switch[0]["fields"])
    assert Page(spanish.get_data(as_text=True)).title == "Sus documentos – Ayuda para retirar imágenes"


def test_a_wrong_date_or_count_for_a_link_is_named_at_its_boxes(client):
    journey = Journey(client)
    _survivor_up_to_links(journey)
    journey.answer("links", **{"links-0": "https://x.com/a/status/1",
                               "links-1": "https://x.com/a/status/2"})
    page = journey.answer("accounts", **{
        "items-1-first_seen-day": "31", "items-1-first_seen-month": "2",
        "items-1-first_seen-year": "2026", "items-1-views": "many"})
    assert page.title.startswith("Error: ")
    assert ('<a href="#f-items-1-first_seen">Link 2: The date you first saw it must be a real '
            'date, like 28 3 2026.</a>') in page.text
    assert ('<a href="#f-items-1-views">Link 2: Enter the number of views as a whole number, '
            '0 or more.</a>') in page.text
    assert 'name="items-1-first_seen-day" type="text" inputmode="numeric" value="31"' in page.text


def test_paste_ready_text_downloads_as_a_file_with_a_neutral_name(client, example):
    import json as _json

    check = client.post("/continue", data={"case_file": _json.dumps(example)})
    assert check.status_code == 200
    import re as _re

    state = _re.search(r'name="answers" value="([^"]*)"', check.get_data(as_text=True)).group(1)
    from html import unescape

    answers = unescape(state)
    page = client.post("/documents", data={"answers": answers}).get_data(as_text=True)
    slug = _re.search(r'name="file" value="([^"]+)\.txt"', page).group(1)
    response = client.post("/documents/file", data={"answers": answers, "file": f"{slug}.txt"})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{slug}.txt"'
    text = response.get_data(as_text=True)
    assert "TAKE IT DOWN" in text and example["items"][0]["url"] in text
    # Download buttons say what each file is, not its file name.
    assert "Download: Removal request" in page and f"Download {slug}.pdf" not in page


def test_dates_on_a_spanish_documents_page_are_in_spanish(client, example):
    import json as _json
    import re as _re
    from html import unescape

    example["language"] = "es"
    check = client.post("/continue", data={"case_file": _json.dumps(example), "lang": "es"})
    answers = unescape(_re.search(r'name="answers" value="([^"]*)"', check.get_data(as_text=True)).group(1))
    page = client.post("/documents", data={"answers": answers, "lang": "es"}).get_data(as_text=True)
    # The page's own sentences; the paste-ready text of an English letter keeps its English dates.
    own = _re.sub(r"<textarea.*?</textarea>", "", page, flags=_re.S)
    assert "de noviembre de 2026" in own
    assert not _re.search(r"\d+ November 2026|November \d+, 2026", own)


@pytest.mark.parametrize("step", ["websites", "copyright", "private", "signer"])
def test_a_change_button_for_a_page_these_answers_do_not_reach_shows_the_check_page(
    client, step
):
    """A Change button the check page does not offer (stale, or made by hand) once opened a page
    these answers never reach, such as an empty list of other websites or an empty signer page."""
    journey = Journey(client)
    journey.start()
    walk(journey, role={"role": "survivor"}, age={"minor_when_made": "no"},
         where={"country": "US", "region": "CA"}, kind={"kind": "real"},
         whereabouts={"where": ["public"]}, links={"links-0": X_POSTS[0]},
         police={"reported": "no"}, threats={"threats": "no"}, documents={"documents": ["guide"]})
    check = journey.page
    assert check.title == "Check your answers – Takedown helper"
    assert f'value="change:{step}"' not in check.text  # not on this path
    page = journey.answer("check", action=f"change:{step}")
    assert journey.response.status_code == 200
    assert page.title == "Check your answers – Takedown helper"
    assert json.loads(page.answers) == json.loads(check.answers)


def test_every_change_button_on_the_check_page_opens_its_page_and_comes_back(client):
    journey = Journey(client)
    check = parent_of_minor_on_x(journey)
    offered = re.findall(r'value="change:([a-z_]+)"', check.text)
    assert {"role", "where_you", "links", "threat_help", "documents", "signer"} <= set(offered)
    for step in offered:
        journey.page = check
        page = journey.answer("check", action=f"change:{step}")
        assert step_of(page) == step, step
        assert '<input type="hidden" name="return_to" value="check">' in page.text, step


@pytest.mark.parametrize("step", ["kind", "documents", "copyright", "signer", "websites", "role"])
def test_a_change_button_before_the_answers_reach_the_check_page_shows_the_next_question(
    client, step
):
    """Answers part-way through (the person has said who they are, not yet how old): a made-up
    or stale Change button opens no page past the first question still to answer, and never the
    check page full of errors. A page already answered can still be changed."""
    journey = Journey(client)
    journey.start()
    asked = journey.answer("role", role="survivor")
    assert step_of(asked) == "age"
    page = journey.answer("age", action=f"change:{step}")
    assert journey.response.status_code == 200
    assert step_of(page) == ("role" if step == "role" else "age")
    assert not page.title.startswith("Error: ") and "Check your answers" not in page.title
    assert json.loads(page.answers) == json.loads(asked.answers)
    if step != "role":  # the person goes on as before: the next question, not the check page
        following = journey.answer("age", minor_when_made="no")
        assert step_of(following) == "where"


def test_on_a_check_page_with_a_missing_answer_change_goes_to_the_page_that_asks_it(client):
    """A check page can show an error (answers made elsewhere, or a changed answer that opened a
    question): Change opens the pages up to the one with the error, and for a page after it, that
    page first; once answered, the person is back on the check page."""
    check = parent_of_minor_on_x(Journey(client))
    answers = json.loads(check.answers)
    del answers["person_shown"]["minor_when_made"]

    def press(action: str) -> Page:
        data = {"answers": json.dumps(answers), "step": "check", "lang": "en", "action": action}
        response = client.post("/questions", data=data)
        assert response.status_code == 200
        return Page(response.get_data(as_text=True))

    assert press("language").title == "Error: Check your answers – Takedown helper"
    assert step_of(press("change:role")) == "role"
    assert step_of(press("change:age")) == "age"
    page = press("change:documents")
    assert step_of(page) == "age"
    assert '<input type="hidden" name="return_to" value="check">' in page.text
    journey = Journey(client)
    journey.page = page
    back = journey.answer("age", minor_when_made="yes")
    assert back.title == "Check your answers – Takedown helper"
    assert json.loads(back.answers) == json.loads(check.answers)


def test_a_change_button_for_no_page_at_all_is_refused_with_a_page(client):
    journey = Journey(client)
    parent_of_minor_on_x(journey)
    for action in ("change:nope", "change:", "change:check"):
        journey.answer("check", action=action)
        assert journey.response.status_code == 400
        assert "Traceback" not in journey.response.get_data(as_text=True)


@pytest.mark.parametrize(("kind", "lang", "hint"), [
    ("forgery", "en", "The images are fake, so this is about the original photo or video they "
                      "were made from."),
    ("not_sure", "en", "If the images are fake, this is about the original photo or video they "
                       "were made from."),
    ("forgery", "es", "Las imágenes son falsas, así que esto se refiere a la foto o el video "
                      "original con el que se hicieron."),
    ("not_sure", "es", "Si las imágenes son falsas, esto se refiere a la foto o el video "
                       "original con el que se hicieron."),
    ("real", "en", "Usually that is the person who took the photo or video."),
    ("real", "es", "Normalmente es quien tomó la foto o el video."),
])
def test_the_copyright_question_says_whose_picture_counts_for_a_fake(client, kind, lang, hint):
    """For a fake, "Who took the picture or video?" is about the original it was made from, as
    the DMCA notice for a forgery says ("the original photographs or videos from which the items
    below were copied and altered"). For real images, the question keeps its general hint."""
    journey = Journey(client, lang=lang)
    journey.start()
    answers = {
        "role": {"role": "survivor"}, "age": {"minor_when_made": "no"},
        "where": {"country": "US", "region": "CA"}, "kind": {"kind": kind},
        "whereabouts": {"where": ["public"]}, "links": {"links-0": X_POSTS[0]},
        "police": {"reported": "no"}, "threats": {"threats": "no"},
        "documents": {"documents": ["platform_notice", "guide"], "dmca": "yes"},
    }
    page = journey.page
    for _ in range(30):
        step = step_of(page, lang)
        if step == "copyright":
            break
        assert step not in (None, "check"), "the copyright question was not asked"
        page = journey.answer(step, **answers.get(step, {}))
    assert " ".join(hint.split()) in " ".join(page.text.split())
    about_the_original = "made from" in page.text or "con el que se hicieron" in page.text
    assert about_the_original == (kind != "real")
