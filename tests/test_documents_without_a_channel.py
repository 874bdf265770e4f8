"""A platform with no channel for the case's facts and no confirmed address gets no removal
notice (a letter with nowhere to send it is no use), and the guide names it instead. The deep
fuzz first found this case as a 500 on every route that makes documents (the guide took the
"first" of an empty list of channels); later the notice was made with no channel and no address.
Apple states no route for a minor's iCloud link (takedown_helper/directory/data/icloud.toml)."""

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


def test_no_notice_with_nowhere_to_send_it_and_the_guide_says_so(app):
    today = date(2026, 11, 23)
    planned = plan(parse_case(ICLOUD_MINOR, today), today)
    kinds = [d.kind for d in planned.documents]
    assert "platform_notice" not in kinds and "follow_up" not in kinds, kinds
    # The child's case keeps what does not depend on Apple: NCMEC, police, search engines.
    assert {"ncmec_worksheet", "police_referral", "delisting_request", "guide"} <= set(kinds)
    with app.test_request_context():
        output = render_plan(planned)
    names = [name for name, _body in output.files()]
    assert not any("icloud" in name for name in names), names
    guide = next(r for r in output.documents if r.document.kind == "guide")
    text = " ".join(pdf_text(guide.pdf).split())
    assert "Apple iCloud: we found no reporting form or address of theirs for this." in text


def test_an_adult_on_icloud_still_gets_a_notice_by_apples_privacy_contact():
    """For an adult, Apple's privacy contact (named in its privacy policy) fits: the notice is
    made and names it."""
    today = date(2026, 11, 23)
    adult = {**ICLOUD_MINOR, "person_shown": {"minor_when_made": "no", "name": None}}
    planned = plan(parse_case(adult, today), today)
    notice = next(d for d in planned.documents if d.kind == "platform_notice")
    assert [c.url for c in notice.channels] == ["https://www.apple.com/legal/privacy/contact/"]


def test_a_platform_with_a_route_beside_it_keeps_its_notice():
    today = date(2026, 11, 23)
    both = {**ICLOUD_MINOR, "items": [*ICLOUD_MINOR["items"],
                                      {"url": "https://www.instagram.com/p/Cx1AbCdEfGh/"}]}
    planned = plan(parse_case(both, today), today)
    notices = [d.recipient.id for d in planned.documents if d.kind == "platform_notice"]
    assert notices == ["instagram"]


def test_a_notice_already_sent_still_gets_its_follow_up():
    """The user found a way to send it (a returning family): the follow-up cites it."""
    today = date(2026, 11, 23)
    returning = {**ICLOUD_MINOR, "history": {"notices_sent": [
        {"platform": "icloud", "sent_on": "2026-11-10", "route": "email"}]}}
    planned = plan(parse_case(returning, today), today)
    assert [d.kind for d in planned.documents].count("follow_up") == 1


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
