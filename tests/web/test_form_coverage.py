"""The form asks for every fact the case file (and so the documents) can hold, each on one page only.

Walks `CASE_SCHEMA` to its leaves and fails if a leaf cannot be set through the web form: the
journeys below fill every question the form has, and the answers they send must reach every leaf.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest

from takedown_helper.casefile import CASE_SCHEMA
from takedown_helper.web.questions import QUESTIONS
from tests.web.journey import Journey, Page, date_fields, step_of

# Fields the form does not ask, each with its reason.
NOT_ASKED = {
    "schema_version": "the case file's version: written by the app, not a question",
    "items.*.platform": "recognised from the link itself (the directory); only a case file may "
                        "name it, and parse_case checks it matches the link",
}

X_POST = "https://x.com/fictional_account_01/status/1111111111111111111"
FORUM = "https://fictional-forum.example/thread/22"

# A parent who answers every question, with every optional detail and "Add another" row.
PARENT = {
    "role": {"role": "parent"},
    "age": {"minor_when_made": "yes"},
    "where": {"country": "US", "region": "CA"},
    "where_you": {"same": "no", "country": "GB", "region": "WLS"},
    "name": {"person_name": "Sam Fictional"},
    "kind": {"kind": "forgery"},
    "whereabouts": {"where": ["public", "private"]},
    "links": {"links-0": X_POST, "links-1": FORUM},
    "private": {"apps": ["snapchat"]},
    "websites": {"sites-0-host_name": "Example Hosting", "sites-0-host_abuse_email": "abuse@h.example",
                 "sites-0-registrar_name": "Example Registrar",
                 "sites-0-registrar_abuse_email": "abuse@r.example"},
    "accounts": {"items-0-account": "@fictional_account_01", "items-0-views": "1200",
                 "items-0-shares": "35", **date_fields("items-0-first_seen", "2026-11-14")},
    "context": {"context": "I never agreed to this being posted."},
    "reported": {"reports-0-platform": "x", **date_fields("reports-0-reported_on", "2026-11-15"),
                 "reports-0-reference": "0123456789", "reports-0-answer": "no_violation",
                 **date_fields("reports-0-answered_on", "2026-11-17"),
                 "reports-0-note": "No violation found.", "cybertip_number": "123456789"},
    "police": {"reported": "yes", "agency": "Example City Police Department",
               **date_fields("reported_on", "2026-11-16"), "case_number": "PD-1",
               "email": "tips@police.example", "address": "1 Example Plaza\nExample City"},
    "sent": {"sent-0-platform": "x", "sent-0-kind": "platform_notice",
             **date_fields("sent-0-sent_on", "2026-11-18"), "sent-0-route": "email",
             "sent-0-reference": "X-REF-1", "new_notices": "yes"},
    "threats": {"threats": "yes"},
    "threat_help": {"threat_details": "They said they will post it unless I pay."},
    "threat_facts": {"money": "yes", **date_fields("started_on", "2026-11-12"),
                     "accounts-0-platform": "snapchat", "accounts-0-account": "fictional_threat_9"},
    "documents": {"documents": ["platform_notice", "ncmec_worksheet", "police_referral",
                                "host_notice", "guide"], "dmca": "yes"},
    "copyright": {"copyright_holder": "took_it"},
    "signer": {"name": "Alex Example", "email": "alex@example.com", "phone": "555 010 0199",
               "address": "2 Example Road\nExample Town"},
}

# An advocate with no police report: the letter to the police names its agency on the signer page.
ADVOCATE = {
    **{k: v for k, v in PARENT.items() if k not in ("police", "signer", "where_you")},
    "role": {"role": "advocate"},
    "where_you": {"same": "yes"},
    "police": {"reported": "no"},
    "signer": {"name": "Alex Example", "organisation": "Example Advocacy Center",
               "email": "alex@example.com", "police_agency": "Example County Sheriff",
               "police_email": "tips@sheriff.example", "police_address": "3 Example Way"},
}


def leaves(schema: dict[str, Any], prefix: str = "") -> list[str]:
    """Every field of the schema a value can be given for ("*" for each item of a list)."""
    if schema.get("type") == "object" or "properties" in schema:
        found = []
        for name, sub in schema.get("properties", {}).items():
            found += leaves(sub, f"{prefix}{name}.")
        return found
    items = schema.get("items")
    if isinstance(items, dict) and "properties" in items:
        return leaves(items, f"{prefix}*.")
    return [prefix.rstrip(".")]


def set_paths(data: Any, prefix: str = "") -> set[str]:
    """The fields given a value (not null, not empty) in a case file."""
    if isinstance(data, dict):
        found: set[str] = set()
        for key, value in data.items():
            found |= set_paths(value, f"{prefix}{key}.")
        return found
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        found = set()
        for item in data:
            found |= set_paths(item, f"{prefix}*.")
        return found
    if data in (None, "", []):
        return set()
    return {prefix.rstrip(".")}


class Ids(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.names: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag in ("input", "textarea", "select") and a.get("type") not in ("hidden", "radio",
                                                                          "checkbox"):
            self.names.append(str(a.get("name")))


def run(client: Any, fields: dict[str, dict[str, Any]]) -> tuple[Journey, list[tuple[str, Page]]]:
    """Answer every page with the given fields; (step, page shown) for each page seen."""
    journey = Journey(client)
    page = journey.start()
    seen = []
    for _ in range(40):
        step = step_of(page)
        if step in (None, "check"):
            break
        seen.append((step, page))
        page = journey.answer(step, **fields.get(step, {}))
        assert "There is a problem" not in page.text, step
    assert step == "check"
    return journey, seen


@pytest.fixture(scope="module")
def walks():
    from takedown_helper.app import create_app

    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})
    client = app.test_client()
    return [run(client, PARENT), run(client, ADVOCATE)]


def test_every_case_file_field_can_be_set_through_the_form(walks):
    reached: set[str] = set()
    for journey, _pages in walks:
        reached |= set_paths(json.loads(journey.page.answers))
    wanted = set(leaves(CASE_SCHEMA)) - set(NOT_ASKED)
    assert sorted(wanted - reached) == [], "the form cannot set these"
    assert set(NOT_ASKED) <= set(leaves(CASE_SCHEMA)), "an exception names a real field"


def test_the_walks_see_every_question(walks):
    seen = {step for _journey, pages in walks for step, _page in pages}
    assert seen == {q.step for q in QUESTIONS}


def test_no_field_is_asked_twice_on_a_page_or_on_two_pages(walks):
    for journey, pages in walks:
        before: dict[str, Any] = {}
        answered_by: dict[str, str] = {}
        for step, page in pages:
            parsed = Ids(page.text)
            assert len(parsed.ids) == len(set(parsed.ids)), f"{step}: duplicate ids"
            assert len(parsed.names) == len(set(parsed.names)), f"{step}: a box asked twice"
        # Which page gave each field its value: no field is given by two pages.
        states = [json.loads(page.answers) for _step, page in pages[1:]]
        states.append(json.loads(journey.page.answers))
        for (step, _page), state in zip(pages, states, strict=True):
            now = {p: _value(state, p) for p in set_paths(state)}
            for path, value in now.items():
                if before.get(path) != value:
                    assert path not in answered_by or answered_by[path] == step, (
                        f"{path} is asked on {answered_by.get(path)} and again on {step}")
                    answered_by[path] = step
            before = now


def _value(data: Any, dotted: str) -> Any:
    parts = dotted.split(".")
    values = [data]
    for part in parts:
        nxt = []
        for v in values:
            if part == "*" and isinstance(v, list):
                nxt += v
            elif isinstance(v, dict):
                nxt.append(v.get(part))
        values = nxt
    return json.dumps(values, sort_keys=True)


def test_the_signer_page_is_the_union_of_what_the_documents_need(walks):
    _journey, pages = walks[0]
    signer = dict(pages)["signer"]
    parsed = Ids(signer.text)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert parsed.names.count("name") == 1, "one name box, however many documents need it"
    assert "police_agency" not in parsed.names, "the police page gave the agency"
    assert "Used in:" in signer.text
    _journey, pages = walks[1]
    advocate = Ids(dict(pages)["signer"].text)
    assert {"police_agency", "police_address", "police_email", "organisation"} <= set(advocate.names)


def test_personal_questions_say_why_and_which_document(walks):
    pages = dict(walks[0][1])
    for step, field_id in (("name", "f-person_name"), ("accounts", "f-items-0-account"),
                           ("context", "f-context"), ("threat_help", "f-threat_details")):
        hint = pages[step].text.split(f'id="{field_id}-hint"')[1][:300]
        assert any(word in hint for word in ("letter", "worksheet", "removal request")), step


def test_every_kind_of_document_has_its_name_on_the_documents_page(app):
    from takedown_helper.planner import KINDS
    from takedown_helper.web.questions import kind_names

    with app.test_request_context():
        assert set(kind_names()) == {k.key for k in KINDS}


# Values the walks give that the documents print (each found in the packet's text).
PRINTED = {
    # The parent lives in Wales: every document of the case is in the house style of the
    # requester's country (A4, "14 November 2026"), whatever the person shown's place.
    "parent": ["Sam Fictional", "@fictional_account_01", "14 November 2026", "1,200", "35",
               "No violation found.", "17 November 2026", "123456789",
               "Example City Police Department", "PD-1", "tips@police.example", "1 Example Plaza",
               "They said they will post it unless I pay.", "12 November 2026",
               "fictional_threat_9", "Snapchat", "Example Hosting", "abuse@h.example",
               "Example Registrar", "abuse@r.example", "Alex Example", "555 010 0199",
               "2 Example Road"],
    "advocate": ["Example Advocacy Center", "Example County Sheriff", "tips@sheriff.example",
                 "3 Example Way"],
}
# Asked and kept in the case file, not printed by any document yet (the documents' work on
# these is under way): the TAKE IT DOWN statement's words, notices already sent, who took it.
NOT_PRINTED_YET = ["imagery.context", "history.notices_sent", "imagery.copyright_holder"]


def test_what_the_walks_fill_is_printed_in_the_documents(walks):
    from tests.web.test_form import pdf_text

    for (journey, _pages), label in zip(walks, ("parent", "advocate"), strict=True):
        packet = journey.post("/documents/file", file="packet")
        text = " ".join(pdf_text(packet.data).split())
        missing = [value for value in PRINTED[label] if value not in text]
        assert missing == [], label
