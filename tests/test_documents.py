"""Every document of five cases, rendered to PDF and read back: each basis's elements, the exact
URLs, the recipient's address from the directory, deadline dates, and wording rules."""

from __future__ import annotations

import pytest
from scenarios import SCENARIOS, TODAY, documents_with_text, flat, pdf_text, planned

from takedown_helper.bases import missing_elements
from takedown_helper.directory import directory


def _docs(name: str):
    return documents_with_text(name)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_document_carries_every_element_of_its_bases(name):
    for doc, text in _docs(name):
        assert doc.bases, doc.slug
        assert missing_elements(doc, text) == [], doc.slug


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_letters_quote_exact_urls_and_the_directory_address(name):
    for doc, text in _docs(name):
        for item in doc.items:
            assert item.url in flat(text), (doc.slug, item.url)
        if doc.addressee and doc.addressee.provenance:  # from the directory
            for line in doc.addressee.lines:
                assert line in text, (doc.slug, line)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_words_we_never_use(name):
    for doc, text in _docs(name):
        lowered = " ".join(text.lower().split())
        assert "child pornography" not in lowered, doc.slug
        assert "revenge porn " not in lowered.replace("revenge porn helpline", ""), doc.slug
        for verb in ("take a screenshot", "please download", "please upload", "please forward"):
            assert verb not in lowered, doc.slug


def test_parent_of_minor_on_x():
    docs = {doc.slug: (doc, text) for doc, text in _docs("a-parent-x")}
    notice, text = docs["01-removal-request-x"]
    assert notice.bases == ("take_it_down", "csam_us")
    # 48 hours from November 22, 2026; the follow-up the day after.
    assert "by November 24, 2026" in " ".join(text.split())
    assert notice.follow_up_on.isoformat() == "2026-11-25"
    # X Corp.'s postal address is printed only when a public source confirmed it (X's own terms
    # do); an unconfirmed one is never printed. Either way the letter names X's own TAKE IT DOWN
    # form.
    x = directory().get("x")
    assert ("865 FM 1209" in text) is not x.address.provenance.unconfirmed
    assert bool(notice.addressee.lines) is not x.address.provenance.unconfirmed
    assert "help.x.com/forms/safety-and-sensitive-content/take-it-down" in flat(text)
    assert "0123456789" in text and "November 17, 2026" in text  # the earlier refusal
    assert "26-000123" in text  # the police case number
    follow, ftext = docs["01-follow-up-x"]
    assert follow.dated.isoformat() == "2026-11-25"
    assert "On November 22, 2026 I sent you" in " ".join(ftext.split())
    police, ptext = docs["police-referral"]
    assert police.missing == ()
    assert "100 Example Plaza" in ptext and "asked for more videos" in ptext
    assert "https://tips.fbi.gov/" in ptext and "https://www.dhs.gov/hsi/tipline" in ptext
    _worksheet, wtext = docs["cybertipline-worksheet"]
    assert "https://report.cybertip.org/" in wtext and "1-800-843-5678" in wtext


def test_adult_in_california_gets_no_csam_paragraph_and_a_host_notice():
    docs = {doc.slug: (doc, text) for doc, text in _docs("b-adult-ca")}
    notice, text = docs["01-removal-request-reddit"]
    assert notice.bases == ("take_it_down",)
    assert "2258A" not in text
    host, htext = docs["01-abuse-notice-website"]
    assert "abuse@hosting.example" in htext
    assert [i.url for i in host.items] == ["https://fictional-leaks.example/gallery/4471"]
    assert "cybertipline-worksheet" not in docs


def test_eu_minor_notice_is_anonymous_and_goes_to_the_eu_address():
    docs = {doc.slug: (doc, text) for doc, text in _docs("c-eu-anonymous-minor")}
    notice, text = docs["01-removal-request-tiktok"]
    assert notice.bases == ("eu_dsa_csam",)
    assert notice.missing == ()  # no name or email needed (DSA Art. 16(2)(c))
    tiktok = directory().get("tiktok")
    # The EU address is printed only when a public source confirmed it; never the US one.
    for line in tiktok.eu_address.lines:
        assert (line in text) is not tiktok.eu_address.provenance.unconfirmed
    assert tiktok.address.lines[0] not in text  # not the US address
    assert notice.paper == "a4"
    assert "24 November 2026" in text
    assert "/s/" not in text


def test_eu_adult_notice_needs_name_and_email():
    case = SCENARIOS["c-eu-anonymous-minor"]()
    case["person_shown"]["minor_when_made"] = "no"
    from takedown_helper.casefile import parse_case
    from takedown_helper.documents import platform_notice

    (doc,) = platform_notice.build(parse_case(case, TODAY), TODAY)
    assert doc.bases == ("eu_dsa",)
    assert [m.key for m in doc.missing] == ["signer.name", "signer.email"]


def test_australian_notice_mentions_esafety_and_24_hours():
    docs = {doc.slug: (doc, text) for doc, text in _docs("d-adult-au")}
    for slug in ("01-removal-request-instagram", "02-removal-request-facebook"):
        doc, text = docs[slug]
        assert doc.bases == ("au_osa",)
        assert doc.deadline.isoformat() == "2026-11-23"  # 24 hours
        assert "esafety.gov.au/report" in text and "within 24 hours" in text
    _guide, gtext = docs["00-your-guide"]
    assert "https://www.esafety.gov.au/report" in flat(gtext)


def test_advocate_letters_leave_out_the_clients_name():
    for doc, text in _docs("e-advocate"):
        if doc.kind in ("platform_notice", "follow_up", "delisting_request", "host_notice"):
            assert "Client Fictional" not in text, doc.slug
    police = next(text for doc, text in _docs("e-advocate") if doc.kind == "police_referral")
    assert "Client Fictional" in police  # the police need to know whom it is about
    assert {d.recipient.id for d in planned("e-advocate").documents
            if d.kind == "platform_notice"} == {"discord", "telegram", "pornhub"}


def _with_dmca_agent(monkeypatch, platform: str):
    """A fictional designated agent for one platform (the directory confirms none yet)."""
    from dataclasses import replace
    from datetime import date

    from takedown_helper.directory.model import DmcaAgent, Provenance

    real = directory().get(platform)
    agent = DmcaAgent(
        name="Example Designated Agent", lines=("1 Agent Way", "Example City, CA 90000"),
        country="US", email="dmca-agent@example.org",
        provenance=Provenance(source="https://dmca.copyright.gov/", checked=date(2026, 11, 22),
                              unconfirmed=False),
    )
    patched = replace(real, dmca_agent=agent)
    real_get = directory().get
    monkeypatch.setattr(directory(), "get", lambda rid: patched if rid == platform else real_get(rid))
    return agent


@pytest.mark.parametrize("holder", [None, "someone_else", "not_sure"])
def test_no_dmca_notice_without_a_copyright_confirmation(monkeypatch, holder):
    from takedown_helper.casefile import parse_case
    from takedown_helper.documents import platform_notice

    _with_dmca_agent(monkeypatch, "reddit")
    data = SCENARIOS["b-adult-ca"]()
    data["choices"]["dmca"] = True
    data.setdefault("imagery", {})["copyright_holder"] = holder
    case = parse_case(data, TODAY)
    assert all("dmca" not in d.bases for d in platform_notice.build(case, TODAY))
    assert platform_notice.dmca_refusal(case, directory().get("reddit")) == "copyright"


def test_no_dmca_notice_without_a_designated_agent():
    from takedown_helper.casefile import parse_case
    from takedown_helper.documents import platform_notice

    data = SCENARIOS["b-adult-ca"]()
    data["choices"]["dmca"] = True
    data.setdefault("imagery", {})["copyright_holder"] = "took_it"
    case = parse_case(data, TODAY)
    reddit = directory().get("reddit")
    if reddit.dmca_agent is None:
        assert all("dmca" not in d.bases for d in platform_notice.build(case, TODAY))
        assert platform_notice.dmca_refusal(case, reddit) == "agent"


@pytest.mark.parametrize(("role", "holder", "owner"), [
    ("survivor", "took_it", "The copyright owner is me, the person shown in them, who took them"),
    ("advocate", "assigned", "on whose behalf I act, who owns the copyright in them by written "
                             "assignment"),
])
def test_dmca_notice_only_when_chosen_confirmed_and_addressed(monkeypatch, role, holder, owner):
    from takedown_helper.casefile import parse_case
    from takedown_helper.documents import platform_notice

    agent = _with_dmca_agent(monkeypatch, "reddit")
    data = SCENARIOS["b-adult-ca"]()
    case = parse_case(data, TODAY)
    assert all("dmca" not in d.bases for d in platform_notice.build(case, TODAY))
    data["choices"]["dmca"] = True
    data["requester"]["role"] = role
    data.setdefault("imagery", {})["copyright_holder"] = holder
    docs = platform_notice.build(parse_case(data, TODAY), TODAY)
    (dmca,) = [d for d in docs if d.bases == ("dmca",)]
    assert dmca.slug == "01-copyright-notice-reddit"
    assert dmca.addressee.name == agent.name and dmca.addressee.lines == agent.lines
    from takedown_helper.planner import Plan
    from takedown_helper.render import render_plan

    out = render_plan(Plan(case=parse_case(data, TODAY), today=TODAY, documents=(dmca,)))
    text = " ".join(pdf_text(out.documents[0].pdf).split())
    assert missing_elements(dmca, text) == []
    assert "penalty of perjury" in text and owner in text
    assert "1 Agent Way" in text and "dmca-agent@example.org" in text
    assert "made by me" not in text and "were made by" not in text


def _render_only(data, kinds):
    from takedown_helper.casefile import parse_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_plan

    data["choices"]["documents"] = kinds
    output = render_plan(plan(parse_case(data, TODAY), TODAY))
    return [(r.document, " ".join(pdf_text(r.pdf).split())) for r in output.documents]


def test_uk_adult_gets_a_section_66b_notice_and_uk_routes():
    data = SCENARIOS["d-adult-au"]()
    data["requester"]["country"] = "GB"
    data["items"] = data["items"][:1]
    docs = _render_only(data, ["platform_notice", "escalation"])
    (notice, text), (sheet, stext) = docs
    assert notice.bases == ("uk_66b",)
    assert missing_elements(notice, text) == [] and missing_elements(sheet, stext) == []
    assert "section 66B of the Sexual Offences Act 2003" in text
    assert "0345 6000 459" in stext  # Revenge Porn Helpline


def test_uk_minor_escalates_to_the_iwf_by_url_only():
    data = SCENARIOS["d-adult-au"]()
    data["requester"] = {"role": "parent", "country": "GB", "region": None}
    data["person_shown"]["minor_when_made"] = "not_sure"
    data["items"] = data["items"][:1]
    ((sheet, text),) = _render_only(data, ["escalation"])
    assert missing_elements(sheet, text) == []
    assert "https://www.iwf.org.uk/report" in text
    assert "childline.org.uk" not in text  # Report Remove asks for an upload: not a route here


@pytest.mark.parametrize(("region", "named", "not_named"), [
    ("SCT", "section 52(1)(b) of the Civic Government (Scotland) Act 1982", "Protection of Children Act"),
    ("ENG", "section 1(1)(b) of the Protection of Children Act 1978", "Civic Government"),
    ("NIR", "Article 3(1)(b) of the Protection of Children (Northern Ireland) Order 1978",
     "Civic Government"),
    (None, "section 52(1)(b) of the Civic Government (Scotland) Act 1982", None),  # every nation's
])
def test_uk_minor_notice_names_the_child_image_offence_of_the_nation(region, named, not_named):
    """Distributing or showing an indecent image of a child is an offence in each UK nation, under
    a different statute (legislation.gov.uk: 1978 c. 37 s. 1; 1982 c. 45 s. 52; SI 1978/1047
    art. 3): the notice for a minor names the one of the person's nation."""
    data = SCENARIOS["d-adult-au"]()
    data["requester"] = {"role": "parent", "country": "GB", "region": region}
    data["person_shown"]["minor_when_made"] = "yes"
    data["items"] = data["items"][:1]
    ((notice, text),) = _render_only(data, ["platform_notice"])
    assert notice.bases[:2] == ("uk_66b", "uk_child")
    assert missing_elements(notice, text) == []
    assert named in text
    if not_named:
        assert not_named not in text
    else:
        assert "section 1(1)(b) of the Protection of Children Act 1978" in text


@pytest.mark.parametrize("country", ["US", "GB", "AU", "DE"])
def test_every_notice_carries_what_the_user_asked_the_website_to_know(country):
    """"What should the website know?" is asked of everyone, so every notice prints it: the US
    notice in its § 3(a)(1)(B)(iii) statement, the UK, Australian and DSA notices beside the facts."""
    data = SCENARIOS["d-adult-au"]()
    data["requester"] = {"role": "survivor", "country": country, "region": None}
    data["imagery"] = {**data.get("imagery", {}), "context": "My ex posted this after we broke up."}
    data["items"] = data["items"][:1]
    ((notice, text),) = _render_only(data, ["platform_notice"])
    assert "In my words: “My ex posted this after we broke up.”" in text, notice.bases
    assert missing_elements(notice, text) == []


def test_police_letter_checks_every_law_enforcement_route_it_lists(monkeypatch):
    """An unconfirmed platform law-enforcement route printed for officers gets a 'check this'."""
    from dataclasses import replace

    from takedown_helper.case import Case
    from takedown_helper.directory import directory
    from takedown_helper.directory.model import Channel, Provenance
    from takedown_helper.documents import police_referral

    x = directory().get("x")
    lead = Channel(
        purpose="law_enforcement",
        label="Legal request portal",
        url="https://legal.example/requests",
        provenance=Provenance(source=None, checked=None, unconfirmed=True),
    )
    patched = replace(x, channels=(*x.channels, lead))
    real_get = directory().get
    monkeypatch.setattr(directory(), "get", lambda rid: patched if rid == "x" else real_get(rid))
    case = planned("a-parent-x").case
    assert isinstance(case, Case)
    (letter,) = police_referral.build(case, TODAY)
    assert any("https://legal.example/requests" in note for note in letter.checks)


@pytest.mark.parametrize(("notice_reference", "rows"), [
    # The report's and the notice's references, one line each under one label.
    ("N-77", ["Your references", "0123456789 (report of November 15, 2026)",
              "N-77 (my request of November 19, 2026)"]),
    # In the order they were given, not of their text: the report first.
    ("00-1", ["Your references", "0123456789 (report of November 15, 2026) "
              "00-1 (my request of November 19, 2026)"]),
    # The same reference for both: one line that says what it was given for.
    ("0123456789", ["Your reference",
                    "0123456789 (report of November 15, 2026; my request of November 19, 2026)"]),
])
def test_a_follow_up_gives_the_platforms_references_under_one_label(app, notice_reference, rows):
    """A returning family (the example's report to X, then a notice already sent): the header of
    the follow-up once printed "Your reference" twice, one row for each."""
    from datetime import date

    from takedown_helper.casefile import parse_case
    from takedown_helper.example import example_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_plan

    today = date(2026, 11, 24)
    case = example_case()
    case["history"]["notices_sent"] = [{
        "platform": "x", "kind": "platform_notice", "sent_on": "2026-11-19", "route": "form",
        "reference": notice_reference}]
    with app.test_request_context():
        output = render_plan(plan(parse_case(case, today), today))
    follow_up = next(r for r in output.documents if r.document.kind == "follow_up")
    text = " ".join(pdf_text(follow_up.pdf).split())
    assert text.count("Your reference") == 1
    for row in rows:
        assert row in text


# The law each place's notice cites, as the letters word it (bases.py), and the others' words.
LAWS = {
    "GB": "section 66B of the Sexual Offences Act 2003",
    "DE": "Regulation (EU) 2022/2065 (the Digital Services Act)",
    "US": "TAKE IT DOWN Act",
}


@pytest.mark.parametrize(("country", "region", "company", "first_line"), [
    # TikTok's own pages: its EEA/UK privacy policy gives the postal address of its UK company
    # "for users in the United Kingdom" and of its Irish company "for users in the European
    # Economic Area and Switzerland"; its US privacy policy names the US joint venture.
    ("GB", "ENG", "TikTok Information Technologies UK Limited", "Kaleidoscope, 4 Lindsey Street"),
    ("DE", None, "TikTok Technology Limited", "10 Earlsfort Terrace"),
    ("US", "CA", "TikTok USDS Joint Venture LLC", "5800 Bristol Parkway, Suite 300"),
])
def test_a_tiktok_notice_goes_to_the_company_of_the_requesters_place(
    app, country, region, company, first_line
):
    """A letter citing a place's law goes to the company that serves that place, and cites that
    place's law and no other: a UK person's notice once went to TikTok's US company."""
    from takedown_helper.casefile import parse_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_document

    case = SCENARIOS["b-adult-ca"]()
    case["requester"] = {**case["requester"], "country": country, "region": region}
    case["items"] = [{"url": "https://www.tiktok.com/@example_user/video/7234567890123456789"}]
    planned = plan(parse_case(case, TODAY), TODAY)
    index, notice = next((i, d) for i, d in enumerate(planned.documents)
                         if d.kind == "platform_notice" and d.recipient.id == "tiktok")
    assert notice.addressee.name == company
    assert notice.addressee.lines[0] == first_line
    with app.test_request_context():
        text = " ".join(pdf_text(render_document(planned, index)).split())
    assert company in text and first_line in text
    others = {"TikTok Information Technologies UK Limited", "TikTok Technology Limited",
              "TikTok USDS Joint Venture LLC"} - {company}
    assert not any(other in text for other in others)
    assert LAWS[country] in text
    assert not [law for place, law in LAWS.items() if place != country and law in text]
    # Only the addressee's own address: none of the other two companies' first lines.
    tiktok = directory().get("tiktok")
    for address in (tiktok.address, tiktok.eu_address, tiktok.uk_address):
        assert address is not None
        assert (address.lines[0] in text) is (address.lines[0] == first_line)


# Platforms whose terms name another company than `[address]` for people in the UK (each file's
# `[uk_address]` names its source): a UK person's notice goes there, not to the US company.
UK_COMPANIES = {
    "tiktok": "TikTok Information Technologies UK Limited",
    "x": "X Internet Unlimited Company",
    "pinterest": "Pinterest Europe Ltd.",
    "tinder": "MTCH Technology Services Limited",
    "clips4sale": "Tropical Sun Ltd.",
}


@pytest.mark.parametrize("platform", sorted(UK_COMPANIES))
def test_a_uk_notice_goes_to_the_company_that_serves_the_uk(platform):
    from takedown_helper.casefile import parse_case
    from takedown_helper.planner import plan

    recipient = directory().get(platform)
    case = SCENARIOS["b-adult-ca"]()
    case["requester"] = {**case["requester"], "country": "GB", "region": "ENG"}
    case["items"] = [{"url": recipient.sample_urls[0]}]
    planned = plan(parse_case(case, TODAY), TODAY)
    notices = [d for d in planned.documents
               if d.kind in ("platform_notice", "follow_up") and d.recipient.id == platform]
    assert notices
    for notice in notices:
        assert notice.addressee.name == UK_COMPANIES[platform]
        assert recipient.uk_address is not None
        assert notice.addressee.lines == recipient.uk_address.lines
        assert notice.addressee.name != recipient.legal_name  # not the company in `[address]`


def _returning(data: dict) -> dict:
    """The case of a family coming back: each platform (or website) was reported, with a
    reference, and then sent a notice, with another reference, that it has not acted on."""
    from takedown_helper.case import OTHER_WEBSITE
    from takedown_helper.directory import normalise_host

    reports, notices = [], []
    for item in data.get("items") or []:
        platform = item["platform"]
        if platform == OTHER_WEBSITE:
            host = normalise_host(item["url"].split("/")[2])
            notices.append({"platform": host, "kind": "host_notice", "sent_on": "2026-11-17",
                            "route": "email", "reference": "H-1"})
            continue
        reports.append({"platform": platform, "reported_on": "2026-11-10", "reference": "R-1"})
        notices.append({"platform": platform, "kind": "platform_notice", "sent_on": "2026-11-17",
                        "route": "form", "reference": "N-1"})
    history = data.setdefault("history", {})
    history["platform_reports"] = reports
    history["notices_sent"] = notices
    return data


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_letter_header_repeats_a_label(name):
    """Each label of a letter's header table (Date, To, Your reference...) is printed once: a
    follow-up once had two "Your reference" rows, one for the report and one for the notice."""
    import re

    from takedown_helper.casefile import parse_case
    from takedown_helper.letters import document_html
    from takedown_helper.planner import plan

    the_plan = plan(parse_case(_returning(SCENARIOS[name]()), TODAY), TODAY)
    follow_ups = [d for d in the_plan.documents if d.kind == "follow_up"]
    assert follow_ups or not the_plan.case.items  # the returning family gets its follow-ups
    for doc in the_plan.documents:
        html = document_html(doc, the_plan)
        for table in re.findall(r'<dl class="meta">(.*?)</dl>', html, re.S):
            labels = [re.sub(r"\s+", " ", label).strip()
                      for label in re.findall(r"<dt>(.*?)</dt>", table, re.S)]
            assert len(labels) == len(set(labels)), (doc.slug, labels)
