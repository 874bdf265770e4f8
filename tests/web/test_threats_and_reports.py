"""Issue 5: what a person threatening said, and more than one earlier report to the same website."""

from __future__ import annotations

import json
import re

from tests.web.journey import Journey
from tests.web.test_form import pdf_text

X_POST = "https://x.com/fictional_account_01/status/1111111111111111111"
SAID = "They said they will post it at my school\nunless I send more by Friday."


def _up_to_reported(journey: Journey) -> None:
    journey.start()
    journey.answer("role", role="survivor")
    journey.answer("age", minor_when_made="no")
    journey.answer("where", country="US", region="NY")
    journey.answer("links", links=X_POST)
    journey.answer("accounts")


def _answers(journey: Journey) -> dict:
    assert journey.page is not None
    return json.loads(journey.page.answers)


def test_after_yes_the_next_page_asks_what_they_said_and_it_reaches_the_case(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported")
    page = journey.answer("threats", threats="yes")
    assert page.title == "What to do right now – Takedown helper"
    assert 'name="threat_details"' in page.text
    assert "What did they say or ask for? (optional)" in page.text
    hint = page.text.split('id="f-threat_details-hint"')[1][:300]
    assert "letter to the police" in hint and "CyberTipline worksheet" in hint
    assert "Do not copy or attach any images" in hint
    journey.answer("threat_help", threat_details=SAID)
    assert _answers(journey)["threats"] == {"present": True, "details": SAID}


def test_answering_no_drops_what_they_said(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported")
    journey.answer("threats", threats="yes")
    journey.answer("threat_help", threat_details=SAID)
    journey.answer("documents", action="back")  # back to "What to do right now"
    journey.answer("threat_help", action="back")  # back to the question
    journey.answer("threats", threats="no")
    assert _answers(journey)["threats"] == {"present": False}


def test_what_they_said_shows_on_check_and_goes_in_the_police_letter(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported")
    journey.answer("threats", threats="yes")
    journey.answer("threat_help", threat_details=SAID)
    journey.answer("documents", documents=["police_referral"])
    check = journey.answer("signer", name="Sam Example", email="sam@example.com",
                           police_agency="Example Police Department")
    assert check.title == "Check your answers – Takedown helper"
    assert "unless I send more by Friday." in check.text
    letter = journey.post("/documents/file", file="police-referral")
    assert letter.mimetype == "application/pdf"
    assert "unless I send more by Friday." in " ".join(pdf_text(letter.data).split())
    response = journey.post("/answers")
    assert json.loads(response.data)["threats"]["details"] == SAID


def test_too_long_an_account_of_the_threat_is_named_at_its_field(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported")
    journey.answer("threats", threats="yes")
    page = journey.answer("threat_help", threat_details="x" * 2001)
    assert page.title.startswith("Error: What to do right now")
    assert 'href="#f-threat_details"' in page.text
    assert 'id="f-threat_details-error"' in page.text


def test_add_another_report_to_the_same_website_without_javascript(client):
    journey = Journey(client)
    _up_to_reported(journey)
    page = journey.page
    assert page is not None and 'value="add-report:x"' in page.text
    assert 'name="report2-x-date"' not in page.text
    first = {"report-x-date": "2026-10-01", "report-x-reference": "111",
             "report-x-answer": "no_reply"}
    page = journey.answer("reported", action="add-report:x", **first)
    assert page.title == "Has it been reported already? – Takedown helper", "same page again"
    assert 'value="2026-10-01"' in page.text, "what was typed stays"
    assert 'name="report2-x-date"' in page.text and "Another report to X" in page.text
    journey.answer("reported", **first, **{
        "report2-x-date": "2026-11-15", "report2-x-reference": "222",
        "report2-x-answer": "removed_then_back",
    })
    reports = _answers(journey)["history"]["platform_reports"]
    assert reports == [
        {"platform": "x", "reported_on": "2026-10-01", "reference": "111", "answer": "no_reply"},
        {"platform": "x", "reported_on": "2026-11-15", "reference": "222",
         "answer": "removed_then_back"},
    ]
    # Back on the page, both reports are shown, each in its own boxes.
    page = journey.answer("threats", action="back")
    assert 'value="2026-10-01"' in page.text and 'value="2026-11-15"' in page.text
    assert 'name="report-x-slots" value="2"' in page.text


def test_an_error_in_the_second_report_links_to_its_own_box(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported", action="add-report:x")
    page = journey.answer("reported", **{
        "report-x-date": "2026-10-01", "report2-x-reference": "222",
    })
    assert page.title.startswith("Error: ")
    assert 'href="#f-report2-x-date"' in page.text
    assert 'id="f-report2-x-date"' in page.text


def test_the_first_button_of_the_reported_page_is_continue(client):
    """Enter in a text box presses the form's first button: it must not add a report."""
    journey = Journey(client)
    _up_to_reported(journey)
    page = journey.page
    assert page is not None
    first = re.search(r"<button[^>]*>", page.text.split("<main", 1)[1]).group(0)
    assert "name=" not in first, "a button without an action continues"
    data = {"answers": page.answers, "step": "reported", "lang": "en", "report-x-slots": "1"}
    following = client.post("/questions", data=data).get_data(as_text=True)
    assert "<title>Is anyone threatening you or asking for more images?" in following


def test_the_number_of_report_boxes_is_bounded(client):
    journey = Journey(client)
    _up_to_reported(journey)
    page = journey.answer("reported", action="add-report:x", **{"report-x-slots": "999999"})
    assert len(re.findall(r'name="report\d*-x-date"', page.text)) == 10
    assert 'value="add-report:x"' not in page.text
