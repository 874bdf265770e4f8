"""A document whose recipient has no channel for the case's facts still renders (the
deep fuzz found that a minor's iCloud link gave a 500 on every route that makes documents,
because the guide took the "first" of an empty list of channels)."""

from __future__ import annotations

from datetime import date

from scenarios import pdf_text

from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan

ICLOUD_MINOR = {
    "schema_version": 1, "language": "en",
    "requester": {"role": "survivor", "country": "US", "region": None},
    "person_shown": {"minor_when_made": "yes", "name": None},
    "imagery": {"kind": "real", "where": ["public"]},
    "items": [{"url": "https://www.icloud.com/photos/#0AbCdEfGhIjKlMnOpQrStUvWx"}],
    "signer": {}, "choices": {},
}


def test_a_notice_without_a_channel_renders_with_the_guide(app):
    today = date(2026, 11, 23)
    planned = plan(parse_case(ICLOUD_MINOR, today), today)
    notice = next(d for d in planned.documents if d.kind == "platform_notice")
    assert notice.recipient.id == "icloud" and not notice.channels
    with app.test_request_context():
        output = render_plan(planned)
    assert any(name.endswith(".pdf") for name, _body in output.files())
    guide = next(r for r in output.documents if r.document.kind == "guide")
    text = " ".join(pdf_text(guide.pdf).split())
    # The guide says there is no form to start with, rather than a bare name.
    assert "Apple iCloud: we found no reporting form or address of theirs for this." in text


def test_every_route_that_makes_documents_answers_it(client):
    import json

    assert client.post("/api/v1/documents", json=ICLOUD_MINOR).status_code == 200
    assert client.post("/documents", data={"answers": json.dumps(ICLOUD_MINOR)}).status_code == 200


def test_a_report_made_to_another_website_is_named_in_the_worksheet(client):
    """Found by the randomized deep fuzz: a child's case with an earlier report to "another
    website" (a choice the reports page offers) failed the CyberTipline worksheet (KeyError)."""
    import json

    answers = {**ICLOUD_MINOR,
               "items": [{"url": "https://www.instagram.com/p/Cx1AbCdEfGh/"}],
               "history": {"platform_reports": [{"platform": "other", "reported_on": "2026-10-07"}]}}
    response = client.post("/api/v1/documents", json=answers)
    assert response.status_code == 200
    assert client.post("/documents", data={"answers": json.dumps(answers)}).status_code == 200


def test_the_guide_names_each_fact_to_check_once(app):
    """The guide's own support line and a document's check can be the same unconfirmed fact
    (NCMEC's help page): the list names it once."""
    import re

    today = date(2026, 11, 23)
    planned = plan(parse_case(ICLOUD_MINOR, today), today)
    with app.test_request_context():
        output = render_plan(planned)
    guide = next(r for r in output.documents if r.document.kind == "guide")
    text = "".join(pdf_text(guide.pdf).split())  # addresses may wrap: compare without spaces
    named = re.findall(r"\((https?://[^()]+)\)isnotconfirmed", text)
    assert named and len(named) == len(set(named)), named
