"""The situations people bring: digital forgeries, threats with nothing posted
(sextortion), private chats and groups, links not known. Each is checked against the elements
in `takedown_helper.bases` and against what its sources say (see `takedown_helper.situations`)."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from scenarios import SCENARIOS, TODAY, documents_with_text, flat, planned

from takedown_helper import bases
from takedown_helper.bases import missing_elements
from takedown_helper.casefile import case_to_dict, parse_case
from takedown_helper.directory import directory
from takedown_helper.planner import plan
from takedown_helper.render import render_plan
from takedown_helper.situations import GOOGLE_FAKE_IMAGERY, GOOGLE_REAL_IMAGERY

SITUATIONS = ("f-forgery-adult", "g-forgery-minor", "h-sextortion-minor", "i-private-chats",
              "j-links-unknown")
TAKEDOWN_KINDS = {"platform_notice", "follow_up", "host_notice", "delisting_request", "escalation"}


def _docs(name: str) -> dict:
    return {doc.slug: (doc, text) for doc, text in documents_with_text(name)}


def _render(data: dict) -> dict:
    p = plan(parse_case(data, TODAY), TODAY)
    out = render_plan(p)
    return {
        r.document.slug: (
            r.document,
            " ".join("\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(r.pdf)).pages)
                     .split()),
        )
        for r in out.documents
    }


# --- Digital forgeries ---------------------------------------------------------------------------


def test_forgery_notice_names_a_digital_forgery_and_keeps_the_non_consent_belief():
    notice, text = _docs("f-forgery-adult")["01-removal-request-reddit"]
    assert notice.bases == ("take_it_down", "take_it_down_forgery")
    assert missing_elements(notice, text) == []
    # 47 U.S.C. § 223(h)(1)(B): a digital forgery is an intimate visual depiction of an
    # identifiable individual made with software or AI.
    assert bases.FORGERY_STATEMENT in text and "47 U.S.C. § 223(h)(1)(B)" in text
    assert bases.TIDA_GOOD_FAITH in text
    assert missing_elements(notice, text.replace(bases.FORGERY_STATEMENT, "")) == [
        "take_it_down_forgery.forgery"
    ]


def test_real_imagery_notice_says_nothing_of_forgeries():
    _notice, text = _docs("a-parent-x")["01-removal-request-x"]
    assert "digital forgery" not in text


def test_forgery_of_a_child_is_still_reported_to_ncmec():
    docs = _docs("g-forgery-minor")
    notice, text = docs["01-removal-request-instagram"]
    assert notice.bases == ("take_it_down", "csam_us", "take_it_down_forgery", "csam_forgery")
    assert missing_elements(notice, text) == []
    assert "18 U.S.C. § 2256(8)(C)" in text and "18 U.S.C. § 2258A" in text
    worksheet, wtext = docs["cybertipline-worksheet"]
    assert "digital forgery of a real child" in wtext
    assert missing_elements(worksheet, wtext) == []


def test_not_sure_whether_fake_says_either_way():
    data = SCENARIOS["f-forgery-adult"]()
    data["imagery"]["kind"] = "not_sure"
    docs = _render({**data, "choices": {"documents": ["platform_notice", "delisting_request"]}})
    notice, text = docs["01-removal-request-reddit"]
    assert notice.bases == ("take_it_down", "take_it_down_maybe_forgery")
    assert bases.FORGERY_NOT_SURE in text and missing_elements(notice, text) == []
    google, _gtext = docs["search-removal-google"]
    assert [c.url for c in google.channels] == [GOOGLE_REAL_IMAGERY, GOOGLE_FAKE_IMAGERY]


def test_google_fake_imagery_route_first_for_a_forgery_and_absent_for_real_imagery():
    google, text = _docs("f-forgery-adult")["search-removal-google"]
    assert google.channels[0].url == GOOGLE_FAKE_IMAGERY
    assert "falsely depict" in text and missing_elements(google, text) == []
    real, _ = _docs("a-parent-x")["search-removal-google"]
    assert GOOGLE_FAKE_IMAGERY not in [c.url for c in real.channels]


# --- Threats, nothing posted (sextortion) ------------------------------------------------------


def test_threat_only_case_gets_no_takedown_notice_and_the_threat_pack_first():
    documents = planned("h-sextortion-minor").documents
    kinds = [d.kind for d in documents]
    assert not TAKEDOWN_KINDS & set(kinds)
    assert kinds == ["threat_report", "ncmec_worksheet", "police_referral", "guide"]
    for doc, text in documents_with_text("h-sextortion-minor"):
        assert missing_elements(doc, text) == [], doc.slug
        assert "removal request" not in text.lower() or doc.kind == "guide", doc.slug


def test_threat_report_says_what_to_do_now_and_names_each_account():
    doc, text = _docs("h-sextortion-minor")["threat-report"]
    for step in ("Stop replying.", "Do not pay, and do not send anything more.",
                 "Do not delete the messages or the account.", "Tell a trusted adult.",
                 "Report the account in the app, then block it."):
        assert step in text
    assert "fictional_snap_99" in text and "@fictional_backup_77" in text
    assert "November 20, 2026" in text
    # Imagery made under 18: Take It Down, never StopNCII; never "screenshot" the images.
    assert "takeitdown.ncmec.org" in flat(text) and "stopncii" not in text.lower()
    assert "Do not save, screenshot or forward any sexual image." in text
    assert "You may take screenshots" not in text
    assert missing_elements(doc, text.replace("fictional_snap_99", "")) == [
        "threat_report.accounts"
    ]


def test_sextortion_worksheet_is_shaped_for_online_enticement():
    doc, text = _docs("h-sextortion-minor")["cybertipline-worksheet"]
    assert doc.bases == ("cybertipline_no_links", "cybertipline_enticement")
    assert "Online enticement (sextortion" in text and "money" in text
    assert "fictional_snap_99" in text and "Threats started November 20, 2026" in text


def test_police_letter_lists_the_threatening_accounts_and_dates_and_claims_no_notices():
    doc, text = _docs("h-sextortion-minor")["police-referral"]
    assert doc.bases == ("police_threat", "police_us", "us_tip_routes")
    assert bases.POLICE_THREAT_ACCOUNTS in text
    assert "fictional_snap_99" in text and "@fictional_backup_77" in text
    assert "The threats started on November 20, 2026" in text
    assert "removal requests are being sent" not in text.lower()
    assert "18 U.S.C. § 875(d)" in text
    # The officers get Snap's law-enforcement route: the app where the threats came from.
    assert "https://www.snap.com/en-US/safety/safety-enforcement" in flat(text)


def test_adult_threatened_gets_stopncii_and_no_ncmec_worksheet():
    data = SCENARIOS["h-sextortion-minor"]()
    data["person_shown"]["minor_when_made"] = "no"
    data["requester"]["role"] = "survivor"
    docs = _render(data)
    assert "cybertipline-worksheet" not in docs
    _doc, text = docs["threat-report"]
    assert "https://stopncii.org/" in flat(text) and "takeitdown" not in text
    assert "Tell someone you trust." in text and "You may take screenshots" in text


# --- Private chats and groups --------------------------------------------------------------------


def test_private_chat_case_names_only_routes_that_act_on_private_content():
    documents = planned("i-private-chats").documents
    assert not TAKEDOWN_KINDS & {d.kind for d in documents}
    _guide, text = _docs("i-private-chats")["00-your-guide"]
    telegram, discord = directory().get("telegram"), directory().get("discord")
    assert telegram.private_content.acts is False and discord.private_content.acts is True
    assert "Telegram says it does not act on reports about private chats or groups." in text
    assert "Discord says it acts on reports about private messages." in text
    # Telegram says it does not process requests about private chats: none of its addresses.
    for channel in telegram.channels:
        assert channel.target not in flat(text), channel.target
    assert "https://discord.com/report" in flat(text)


def test_private_links_get_a_notice_only_where_the_platform_acts_on_private_content():
    data = SCENARIOS["i-private-chats"]()
    data["items"] = [
        {"url": "https://t.me/fictional_private_group/5", "platform": "telegram"},
        {"url": "https://discord.com/channels/111111111111111111/222222222222222222/3",
         "platform": "discord"},
        {"url": "https://www.snapchat.com/add/fictional_snap_99", "platform": "snapchat"},
    ]
    notices = [d for d in plan(parse_case(data, TODAY), TODAY).documents
               if d.kind == "platform_notice"]
    # Telegram says it does not act on private chats; Discord's terms say content in direct
    # messages can be reported and that it reviews reports; Snap says it acts on reported Snaps
    # and chats.
    assert not directory().get("discord").private_content.provenance.unconfirmed
    assert [d.recipient.id for d in notices] == ["discord", "snapchat"]


def test_an_unconfirmed_statement_about_private_chats_gets_no_notice():
    """A platform's "we act on private chats" that no source confirmed gets a "check this" in
    the guide, never a notice the platform might not process."""
    from dataclasses import replace

    from takedown_helper.directory.model import Provenance
    from takedown_helper.situations import notice_fits

    data = SCENARIOS["i-private-chats"]()
    case = parse_case(data, TODAY)
    discord = directory().get("discord")
    assert notice_fits(case, discord)
    unconfirmed = replace(discord, private_content=replace(
        discord.private_content,
        provenance=Provenance(source=None, checked=None, unconfirmed=True,
                              reason="Seen only in a third-party guide.")))
    assert not notice_fits(case, unconfirmed)


# --- Links not known ---------------------------------------------------------------------------


def test_links_unknown_adult_gets_hashing_and_what_to_ask_a_trusted_person():
    documents = planned("j-links-unknown").documents
    assert not TAKEDOWN_KINDS & {d.kind for d in documents}
    _guide, text = _docs("j-links-unknown")["00-your-guide"]
    assert "You do not need a link to start." in text
    assert "https://stopncii.org/" in flat(text)
    assert "copy only the page addresses" in text and "not to open, save or send" in text


def test_links_unknown_for_a_child_nobody_looks():
    data = SCENARIOS["j-links-unknown"]()
    data["person_shown"]["minor_when_made"] = "yes"
    data["requester"]["role"] = "parent"
    docs = _render(data)
    _guide, text = docs["00-your-guide"]
    assert "Nobody should look for the images, not even a parent." in text
    assert "search for your name" not in text
    worksheet, wtext = docs["cybertipline-worksheet"]
    assert worksheet.bases == ("cybertipline_no_links",)
    assert "Do not look for the images" in wtext and missing_elements(worksheet, wtext) == []


# --- Case files, the JSON API, Spanish --------------------------------------------------------


@pytest.mark.parametrize("name", SITUATIONS)
def test_case_file_round_trip_keeps_the_situation(name):
    case = parse_case(SCENARIOS[name](), TODAY)
    again = parse_case(case_to_dict(case), TODAY)
    assert again == case
    assert [d.slug for d in plan(again, TODAY).documents] == [
        d.slug for d in planned(name).documents
    ]


@pytest.mark.parametrize("name", SITUATIONS)
def test_api_plans_and_renders_each_situation(client, name):
    data = SCENARIOS[name]()
    response = client.post("/api/v1/plan", json=data)
    assert response.status_code == 200, response.data[:300]
    slugs = [d["slug"] for d in response.get_json()["documents"]]
    assert slugs == [d.slug for d in planned(name).documents]
    response = client.post("/api/v1/documents", json=data)
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert {f"{slug}.pdf" for slug in slugs} <= set(names)


def test_spanish_guide_and_threat_report():
    data = SCENARIOS["h-sextortion-minor"]()
    data["language"] = "es"
    data["imagery"]["private_platforms"] = ["telegram"]
    data["imagery"]["where"] = ["not_posted", "private"]
    docs = _render(data)
    _doc, text = docs["threat-report"]
    assert "Deje de responder." in text and "No pague" in text
    assert "Stop replying" not in text
    _guide, gtext = docs["00-your-guide"]
    assert "Telegram dice que no actúa" in gtext


# --- Plain words -----------------------------------------------------------------------------------


class _Prose(HTMLParser):
    """A document's prose, one block per heading, paragraph, list item or table cell; web
    addresses (class "url") are left out: they are not our words."""

    BLOCKS = frozenset({"h1", "h2", "p", "li", "td", "th", "div", "br"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skips: list[bool] = []
        self.feed(html)
        self._flush()

    def _flush(self) -> None:
        if text := " ".join("".join(self._current).split()):
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
        if tag != "br":
            self._skips.append("url" in (dict(attrs).get("class") or "") or tag == "title")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
        if tag != "br" and self._skips:
            self._skips.pop()

    def handle_data(self, data):
        if not any(self._skips):
            self._current.append(data)

    @property
    def sentences(self) -> list[str]:
        return [s for b in self.blocks for s in re.split(r"(?<=[.!?:])\s+", b) if s.strip()]


@pytest.mark.parametrize("minor", ["yes", "no"])
def test_threat_report_and_guide_sections_read_at_grade_8_or_below(minor):
    """Flesch-Kincaid grade, syllables by Pyphen as in tests/web/test_reading_level.py."""
    from takedown_helper.letters import document_html, print_environment
    from tests.web.test_reading_level import GRADE_LIMIT, flesch_kincaid_grade

    data = SCENARIOS["h-sextortion-minor"]()
    data["person_shown"]["minor_when_made"] = minor
    data["imagery"] = {"kind": "forgery", "where": ["not_posted", "private", "unknown"],
                       "private_platforms": ["telegram", "discord", "whatsapp"]}
    case = parse_case(data, TODAY)
    p = plan(case, TODAY)
    threat = next(d for d in p.documents if d.kind == "threat_report")
    guide = next(d for d in p.documents if d.kind == "guide")
    section = print_environment("en").get_template("letters/guide/_situation.html").render(
        doc=guide, case=case, plan=p, today=TODAY
    )
    for html in (document_html(threat, p), section):
        sentences = _Prose(html).sentences
        assert len(sentences) > 15
        assert flesch_kincaid_grade(sentences) <= GRADE_LIMIT


@pytest.mark.parametrize(
    ("country", "minor", "basis", "words"),
    [
        ("GB", "no", "uk_forgery", bases.FORGERY_UK),
        ("DE", "no", "eu_forgery", bases.FORGERY_EU),
        ("DE", "yes", "eu_forgery_csam", bases.FORGERY_EU_CSAM),
        ("AU", "no", "au_forgery", bases.FORGERY_MADE),
    ],
)
def test_forgery_notices_outside_the_us_state_it_with_their_own_law(country, minor, basis, words):
    data = SCENARIOS["f-forgery-adult"]()
    data["requester"] = {"role": "survivor", "country": country, "region": None}
    data["person_shown"]["minor_when_made"] = minor
    data["signer"]["address"] = ["1 Example Road"]
    docs = _render({**data, "choices": {"documents": ["platform_notice"]}})
    notice, text = docs["01-removal-request-reddit"]
    assert basis in notice.bases
    assert words in text and bases.FORGERY_MADE in text
    assert missing_elements(notice, text) == []
    assert "47 U.S.C." not in text  # the US definition only in US notices


@pytest.mark.parametrize(
    ("country", "minor", "present", "absent"),
    [
        ("AU", "no", "https://www.esafety.gov.au/report", "https://tips.fbi.gov/"),
        ("CA", "yes", "https://www.cybertip.ca/app/en/report_general", "https://report.cybertip.org/"),
        ("US", "yes", "https://report.cybertip.org/", "https://www.esafety.gov.au/report"),
    ],
)
def test_threat_report_names_the_reporting_route_of_the_place(country, minor, present, absent):
    from takedown_helper.documents import threat_report

    data = SCENARIOS["h-sextortion-minor"]()
    data["requester"] = {"role": "parent", "country": country, "region": None}
    data["person_shown"]["minor_when_made"] = minor
    targets = [c.target for c in threat_report.report_channels(parse_case(data, TODAY))]
    assert present in targets and absent not in targets


# --- Invariants over every combination of the situation answers (plans only: fast) -------------


def _combinations():
    from itertools import combinations

    wheres = ["public", "private", "not_posted", "unknown"]
    for n in range(1, 5):
        for where in combinations(wheres, n):
            for kind in ("real", "forgery", "not_sure"):
                for minor in ("yes", "no", "not_sure"):
                    yield list(where), kind, minor


def test_situation_invariants_hold_for_every_combination():
    from takedown_helper.case import Where
    from takedown_helper.situations import notice_fits

    for where, kind, minor in _combinations():
        data = SCENARIOS["f-forgery-adult"]()
        data["person_shown"]["minor_when_made"] = minor
        data["imagery"] = {"kind": kind, "where": where, "private_platforms": ["telegram"]}
        if "public" not in where:
            data["items"] = []
        data["threats"] = {"present": "not_posted" in where,
                           "accounts": [{"platform": "snapchat", "account": "fictional_snap_99"}]}
        case = parse_case(data, TODAY)
        documents = plan(case, TODAY).documents
        kinds = [d.kind for d in documents]
        label = (where, kind, minor)
        if Where.PUBLIC not in case.where:
            assert not TAKEDOWN_KINDS & set(kinds), label
        for d in documents:
            if d.kind == "platform_notice":
                assert notice_fits(case, d.recipient), label
                if "take_it_down" in d.bases:
                    assert ("take_it_down_forgery" in d.bases) == (kind == "forgery"), label
                    assert ("csam_forgery" in d.bases) == (kind == "forgery" and minor != "no")
            assert "telegram" != getattr(d.recipient, "id", None), label  # private only: never
        threat = next(d for d in documents if d.kind == "threat_report")  # accounts were given
        assert kinds[0] == "threat_report", label
        hashing = {c.target for c in threat.channels if c.purpose == "hashing"}
        assert hashing == ({"https://takeitdown.ncmec.org/"} if minor != "no"
                           else {"https://stopncii.org/"}), label
        assert ("ncmec_worksheet" in kinds) == (minor != "no"), label
