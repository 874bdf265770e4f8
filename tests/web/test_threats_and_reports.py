"""What a person threatening said and did, earlier reports (several to one website), the police."""

from __future__ import annotations

import json
import re

from tests.web.journey import Journey, date_fields
from tests.web.test_form import pdf_text

X_POST = "https://x.com/fictional_account_01/status/1111111111111111111"
SAID = "They said they will post it at my school\nunless I send more by Friday."


def _up_to_reported(journey: Journey) -> None:
    journey.start()
    journey.answer("role", role="survivor")
    journey.answer("age", minor_when_made="no")
    journey.answer("where", country="US", region="NY")
    journey.answer("kind", kind="real")
    journey.answer("whereabouts", where=["public"])
    journey.answer("links", **{"links-0": X_POST})
    journey.answer("accounts")
    journey.answer("context")


def _up_to_threats(journey: Journey) -> None:
    _up_to_reported(journey)
    journey.answer("reported")
    journey.answer("police", reported="no")
    journey.answer("sent")


def _answers(journey: Journey) -> dict:
    assert journey.page is not None
    return json.loads(journey.page.answers)


def test_after_yes_the_next_page_asks_what_they_said_and_it_reaches_the_case(client):
    journey = Journey(client)
    _up_to_threats(journey)
    page = journey.answer("threats", threats="yes")
    assert page.title == "What to do right now – Takedown helper"
    assert 'name="threat_details"' in page.text
    assert "What did they say or ask for? (optional)" in page.text
    hint = page.text.split('id="f-threat_details-hint"')[1][:300]
    assert "letter to the police" in hint and "CyberTipline worksheet" in hint
    assert "Do not copy or attach any images" in hint
    journey.answer("threat_help", threat_details=SAID)
    assert _answers(journey)["threats"] == {"present": True, "details": SAID}


def test_the_threats_page_asks_money_date_and_accounts(client, today):
    journey = Journey(client)
    _up_to_threats(journey)
    journey.answer("threats", threats="yes")
    page = journey.answer("threat_help", threat_details=SAID)
    assert page.title == "What do you know about the threats? (optional) – Takedown helper"
    page = journey.answer("threat_facts", action="add:accounts", money="yes", **{
        "accounts-0-platform": "snapchat", "accounts-0-account": "fictional_threat_1"})
    assert 'name="accounts-1-account"' in page.text
    journey.answer("threat_facts", money="yes", **date_fields("started_on", "2026-11-01"), **{
        "accounts-0-platform": "snapchat", "accounts-0-account": "fictional_threat_1",
        "accounts-1-platform": "other", "accounts-1-account": "fictional_threat_2"})
    assert _answers(journey)["threats"] == {
        "present": True, "details": SAID, "money_demanded": True, "started_on": "2026-11-01",
        "accounts": [{"platform": "snapchat", "account": "fictional_threat_1"},
                     {"platform": "other", "account": "fictional_threat_2"}],
    }


def test_a_date_in_the_future_or_not_real_is_named_at_its_boxes(client):
    journey = Journey(client)
    _up_to_threats(journey)
    journey.answer("threats", threats="yes")
    journey.answer("threat_help")
    page = journey.answer("threat_facts", **date_fields("started_on", "2999-01-01"))
    assert '<a href="#f-started_on">The date the threats started must be today or in the past.</a>' in page.text
    page = journey.answer("threat_facts", **{"started_on-day": "31", "started_on-month": "2",
                                              "started_on-year": "2026"})
    assert 'href="#f-started_on"' in page.text and "must be a real date" in page.text
    assert 'value="31"' in page.text, "what was typed stays"


def test_answering_no_drops_what_they_said(client):
    journey = Journey(client)
    _up_to_threats(journey)
    journey.answer("threats", threats="yes")
    journey.answer("threat_help", threat_details=SAID)
    journey.answer("threat_facts", action="back")  # back to "What to do right now"
    journey.answer("threat_help", action="back")  # back to the question
    journey.answer("threats", threats="no")
    assert _answers(journey)["threats"] == {"present": False}


def test_what_they_said_shows_on_check_and_goes_in_the_police_letter(client):
    journey = Journey(client)
    _up_to_threats(journey)
    journey.answer("threats", threats="yes")
    journey.answer("threat_help", threat_details=SAID)
    journey.answer("threat_facts")
    page = journey.answer("documents", documents=["police_referral", "guide"])
    assert 'id="f-police_agency"' in page.text, "no police report yet: the letter's agency is asked"
    check = journey.answer("signer", name="Sam Example", email="sam@example.com",
                           police_agency="Example Police Department",
                           police_email="tips@police.example")
    assert check.title == "Check your answers – Takedown helper"
    assert "unless I send more by Friday." in check.text
    letter = journey.post("/documents/file", file="police-referral")
    assert letter.mimetype == "application/pdf"
    text = " ".join(pdf_text(letter.data).split())
    assert "unless I send more by Friday." in text
    assert "Example Police Department" in text
    packet = " ".join(pdf_text(journey.post("/documents/file", file="packet").data).split())
    assert "tips@police.example" in packet, "the guide gives the agency's email"
    response = journey.post("/answers")
    assert json.loads(response.data)["threats"]["details"] == SAID


def test_a_police_report_is_asked_once_on_its_own_page(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported")
    page = journey.answer("police", reported="yes")
    assert page.title.startswith("Error: ")
    assert '<a href="#f-agency">Enter the police agency&#39;s name.</a>' in page.text
    journey.answer("police", reported="yes", agency="Example Police Department",
                   case_number="PD-1", email="tips@police.example",
                   address="1 Example Street\nExample City", **date_fields("reported_on", "2026-11-10"))
    assert _answers(journey)["history"]["police"] == {
        "agency": "Example Police Department", "case_number": "PD-1",
        "email": "tips@police.example", "address": ["1 Example Street", "Example City"],
        "reported_on": "2026-11-10"}
    journey.answer("sent")
    journey.answer("threats", threats="no")
    page = journey.answer("documents", documents=["police_referral", "platform_notice"])
    assert page.title == "How should the letters be signed? – Takedown helper"
    assert 'id="f-police_agency"' not in page.text, "the agency is not asked twice"


def test_too_long_an_account_of_the_threat_is_named_at_its_field(client):
    journey = Journey(client)
    _up_to_threats(journey)
    journey.answer("threats", threats="yes")
    page = journey.answer("threat_help", threat_details="x" * 2001)
    assert page.title.startswith("Error: What to do right now")
    assert 'href="#f-threat_details"' in page.text
    assert 'id="f-threat_details-error"' in page.text


def test_add_another_report_to_the_same_website_without_javascript(client):
    journey = Journey(client)
    _up_to_reported(journey)
    page = journey.page
    assert page is not None and 'value="add:reports"' in page.text
    assert 'name="reports-1-reference"' not in page.text
    first = {"reports-0-platform": "x", **date_fields("reports-0-reported_on", "2026-10-01"),
             "reports-0-reference": "111", "reports-0-answer": "no_reply"}
    page = journey.answer("reported", action="add:reports", **first)
    assert page.title == "Has it been reported already? – Takedown helper", "same page again"
    assert 'value="2026"' in page.text and 'value="111"' in page.text, "what was typed stays"
    assert 'name="reports-1-reference"' in page.text and "Report 2" in page.text
    journey.answer("reported", **first, **{
        "reports-1-platform": "x", **date_fields("reports-1-reported_on", "2026-11-15"),
        "reports-1-reference": "222", "reports-1-answer": "removed_then_back",
        **date_fields("reports-1-answered_on", "2026-11-16"),
        "reports-1-note": "We removed it.",
    })
    reports = _answers(journey)["history"]["platform_reports"]
    assert reports == [
        {"platform": "x", "reported_on": "2026-10-01", "reference": "111", "answer": "no_reply"},
        {"platform": "x", "reported_on": "2026-11-15", "reference": "222",
         "answer": "removed_then_back", "answered_on": "2026-11-16", "note": "We removed it."},
    ]
    # Back on the page, both reports are shown, each in its own boxes, each with Remove.
    page = journey.answer("police", action="back")
    assert 'name="reports-1-reference" type="text" value="222"' in page.text
    assert 'value="remove:reports:0"' in page.text and 'value="remove:reports:1"' in page.text
    page = journey.answer("reported", action="remove:reports:0", **first, **{
        "reports-1-platform": "x", **date_fields("reports-1-reported_on", "2026-11-15"),
        "reports-1-reference": "222"})
    assert 'value="111"' not in page.text and 'name="reports-0-reference" type="text" value="222"' in page.text


def test_an_error_in_the_second_report_links_to_its_own_box(client):
    journey = Journey(client)
    _up_to_reported(journey)
    journey.answer("reported", action="add:reports")
    page = journey.answer("reported", **{
        "reports-0-platform": "x", **date_fields("reports-0-reported_on", "2026-10-01"),
        "reports-1-platform": "x", "reports-1-reference": "222",
    })
    assert page.title.startswith("Error: ")
    assert '<a href="#f-reports-1-reported_on">Report 2: Enter the date you reported it.</a>' in page.text
    assert 'id="f-reports-1-reported_on"' in page.text


def test_the_first_button_of_a_page_with_rows_is_continue(client):
    """Enter in a text box presses the form's first button: it must not add or remove a row."""
    journey = Journey(client)
    _up_to_reported(journey)
    page = journey.page
    assert page is not None
    first = re.search(r"<button[^>]*>", page.text.split("<main", 1)[1]).group(0)
    assert "name=" not in first, "a button without an action continues"
    data = {"answers": page.answers, "step": "reported", "lang": "en"}
    following = client.post("/questions", data=data).get_data(as_text=True)
    assert "<title>Have you reported it to the police?" in following


def test_the_number_of_report_rows_is_bounded(client):
    journey = Journey(client)
    _up_to_reported(journey)
    fields = {f"reports-{n}-reference": str(n) for n in range(999)}
    page = journey.answer("reported", action="add:reports", **fields)
    assert len(re.findall(r'name="reports-\d+-reference"', page.text)) == 20
    assert 'value="add:reports"' not in page.text
