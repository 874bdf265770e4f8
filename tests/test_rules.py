"""The planning rules, one test per defect found when the app was tried with cases other
than the built-in example: channels chosen by the facts, the law of the place, a case's history,
one house style, and documents that only say what is true of the case."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from scenarios import SCENARIOS, TODAY, flat, pdf_text, planned, rendered

from takedown_helper.casefile import parse_case
from takedown_helper.directory import directory
from takedown_helper.documents import capacity, house_paper
from takedown_helper.documents.platform_notice import POST_DELIVERY_DAYS
from takedown_helper.letters import document_html
from takedown_helper.plaintext import html_to_text
from takedown_helper.planner import plan
from takedown_helper.render import render_plan


def _plan(data, today=TODAY):
    return plan(parse_case(data, today), today)


def _texts(p):
    return {r.document.slug: (r.document, " ".join(pdf_text(r.pdf).split()))
            for r in render_plan(p).documents}


def _one_platform_case(recipient, minor: bool, country: str = "US"):
    data = SCENARIOS["a-parent-x"]()
    data["requester"] = {"role": "parent", "country": country, "region": None}
    data["person_shown"]["minor_when_made"] = "yes" if minor else "no"
    data["items"] = [{"url": recipient.sample_urls[0], "platform": recipient.id}]
    data["history"]["platform_reports"] = []
    return data


# 1. Channels chosen by the facts -------------------------------------------------------------

@pytest.mark.parametrize("recipient", directory().platforms(), ids=lambda r: r.id)
@pytest.mark.parametrize("minor", [False, True], ids=["adult", "minor"])
def test_every_platform_gets_a_channel_that_fits_the_age(recipient, minor):
    """Every platform in the directory, an adult case and a minor case: each channel the notice
    names fits the age and the regime, and an adult's never goes to a child-abuse route."""
    p = _plan(_one_platform_case(recipient, minor))
    for doc in p.documents:
        if doc.kind not in ("platform_notice", "follow_up") or doc.recipient is None:
            continue
        age = "minor" if minor else "adult"
        for channel in doc.channels:
            assert channel.fits(age=age), (recipient.id, channel.target)
            if not minor:
                assert channel.purpose != "csam", (recipient.id, channel.target)


# Words the directory's labels use for a contact that answers only officials.
OFFICIALS_ONLY = ("officials only", "authorities only", "law enforcement only",
                  "answers law enforcement only", "government domains only")


def test_a_contact_for_officials_is_filed_as_a_law_enforcement_channel():
    """Only the police letter lists law-enforcement channels, for the officers; a contact that
    answers officials alone filed under another purpose could become a survivor's notice route
    (mastodon.social's DSA contact for EU authorities was an `eu_dsa` route)."""
    for recipient in directory().all():
        for channel in recipient.channels:
            if any(words in channel.label.lower() for words in OFFICIALS_ONLY):
                assert channel.purpose == "law_enforcement", (recipient.id, channel.label)


@pytest.mark.parametrize("recipient", directory().platforms(), ids=lambda r: r.id)
@pytest.mark.parametrize("country", ["DE", "FR", "US"])
def test_no_notice_or_follow_up_is_sent_to_a_contact_for_officials(recipient, country):
    for minor in (False, True):
        p = _plan(_one_platform_case(recipient, minor, country))
        for doc in p.documents:
            if doc.kind not in ("platform_notice", "follow_up") or doc.recipient is None:
                continue
            for channel in doc.channels:
                assert channel.purpose != "law_enforcement", (recipient.id, channel.target)
                assert not any(w in channel.label.lower() for w in OFFICIALS_ONLY), (
                    recipient.id, channel.target)


def test_an_eu_users_notice_to_mastodon_social_goes_to_its_legal_notice_contacts():
    mastodon = directory().get("mastodon-social")
    p = _plan(_one_platform_case(mastodon, False, "DE"))
    notice = next(d for d in p.documents if d.kind == "platform_notice")
    assert [c.target for c in notice.channels] == [
        "https://mastodon.social/about/more", "hello@joinmastodon.org"]
    # The authorities' contact is still there, for the officers, in the police letter.
    police = next(d for d in p.documents if d.kind == "police_referral")
    assert "authorities@joinmastodon.org" in html_to_text(document_html(police, p))


def test_an_adults_telegram_notice_goes_to_the_general_abuse_address_not_stopca():
    telegram = directory().get("telegram")
    adult = next(d for d in _plan(_one_platform_case(telegram, False)).documents
                 if d.kind == "platform_notice")
    minor = next(d for d in _plan(_one_platform_case(telegram, True)).documents
                 if d.kind == "platform_notice")
    assert [c.target for c in adult.channels] == ["abuse@telegram.org"]
    assert minor.channels[0].target == "stopCA@telegram.org"
    assert all(c.target != "stopCA@telegram.org" for c in adult.channels)


def test_an_unconfirmed_postal_address_is_never_printed():
    for doc, text in _texts(planned("a-parent-x")).values():
        if doc.addressee and doc.recipient and doc.recipient.address:
            confirmed = not doc.recipient.address.provenance.unconfirmed
            assert (doc.recipient.address.lines[0] in text) is confirmed, doc.slug
            assert bool(doc.addressee.lines) is confirmed, doc.slug


# 2. The law of the place ---------------------------------------------------------------------

@pytest.mark.parametrize("country", ["DE", "AU", "GB", "CA", "BR"])
def test_police_letters_outside_the_us_cite_no_us_statute(country):
    data = SCENARIOS["a-parent-x"]()
    data["requester"] = {"role": "parent", "country": country, "region": None}
    data["choices"]["documents"] = ["police_referral"]
    ((doc, text),) = _texts(_plan(data)).values()
    assert "U.S.C." not in text and "2703" not in text
    assert "preserve the posts, the accounts and the related records" in text
    assert "police_us" not in doc.bases and "police_referral" in doc.bases


def test_a_us_police_letter_asks_the_agency_for_2703f():
    _doc, text = _texts(planned("a-parent-x"))["police-referral"]
    assert "18 U.S.C. § 2703(f)" in text and "only a governmental entity can" in text
    assert "Internet Crimes Against Children" in text


def test_the_person_shown_abroad_decides_the_law():
    data = SCENARIOS["a-parent-x"]()
    data["requester"] = {"role": "advocate", "country": "US", "region": "NY"}
    data["person_shown"]["country"] = "DE"
    data["choices"]["documents"] = ["police_referral"]
    ((doc, text),) = _texts(_plan(data)).values()
    assert "2703" not in text and "Germany" in text
    assert doc.paper == "letter"  # the house style still follows the requester


def test_capacity_reads_as_a_sentence_and_claims_no_authorization_never_asked():
    for name in SCENARIOS:
        phrase = capacity(planned(name).case)
        assert not phrase.startswith("acting"), phrase
    teacher = SCENARIOS["c-eu-anonymous-minor"]()  # a trusted adult
    teacher["signer"]["name"] = "Pat Teacher"
    teacher["signer"]["email"] = "pat@school.example"
    teacher["choices"]["documents"] = ["police_referral"]
    ((_doc, text),) = _texts(_plan(teacher)).values()
    assert "authorization" not in text and "I am writing as acting" not in text
    assert "I am writing as a trusted adult helping the person shown" in text


# 3. A case that remembers its history --------------------------------------------------------

def _returning(route="form", reference="REF-1", days_ago=3):
    data = SCENARIOS["b-adult-ca"]()
    sent_on = TODAY - timedelta(days=days_ago)
    data["history"]["notices_sent"] = [
        {"platform": "reddit", "kind": "platform_notice", "sent_on": sent_on.isoformat(),
         "route": route, "reference": reference},
        {"platform": "fictional-leaks.example", "kind": "host_notice",
         "sent_on": sent_on.isoformat(), "route": "email", "reference": None},
    ]
    return data, sent_on


def test_a_returning_family_gets_no_fresh_notice_and_a_follow_up_citing_the_real_date():
    data, sent_on = _returning()
    p = _plan(data)
    kinds = [d.kind for d in p.documents]
    assert "platform_notice" not in kinds and "host_notice" not in kinds
    follow = next(d for d in p.documents if d.kind == "follow_up" and d.recipient)
    assert follow.refers_to == sent_on
    assert follow.earlier.deadline == sent_on + timedelta(days=2)  # 48 hours from sending
    assert follow.dated == TODAY  # the deadline has passed: send it now
    assert follow.deadline > follow.dated > follow.earlier.deadline
    docs = _texts(p)
    _f, text = docs[follow.slug]
    assert "On November 19, 2026 I sent you" in text and "REF-1" in text
    assert "November 22, 2026" in text
    assert "escalation" in kinds


def test_new_notices_when_asked():
    data, _sent_on = _returning()
    data["choices"]["new_notices"] = True
    kinds = [d.kind for d in _plan(data).documents]
    assert "platform_notice" in kinds and "host_notice" in kinds


def test_a_posted_notice_counts_its_deadline_from_receipt_with_a_margin():
    data, sent_on = _returning(route="post", days_ago=3)
    p = _plan(data)
    follow = next(d for d in p.documents if d.kind == "follow_up" and d.recipient)
    assert follow.earlier.deadline == sent_on + timedelta(days=POST_DELIVERY_DAYS + 2)
    assert follow.dated == follow.earlier.deadline + timedelta(days=1)
    _f, text = _texts(p)[follow.slug]
    assert "counted from receipt" in text


# 4. One house style per case -----------------------------------------------------------------

@pytest.mark.parametrize(("name", "paper"), [("d-adult-au", "a4"), ("b-adult-ca", "letter")])
def test_one_paper_and_one_date_style_across_every_document(name, paper):
    out = rendered(name)
    sizes = set()
    for r in out.documents:
        assert r.document.paper == paper
        for page in PdfReader(io.BytesIO(r.pdf)).pages:
            sizes.add((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        text = " ".join(pdf_text(r.pdf).split())
        us_style = "November 22, 2026" in text or "November 24, 2026" in text
        assert us_style is (paper == "letter"), r.document.slug
    assert sizes == {(595, 842)} if paper == "a4" else {(612, 792)}
    assert house_paper("CA") == "letter" and house_paper("GB") == "a4"


# 5. Every document only says what is true of this case ---------------------------------------

def test_a_report_whose_answer_was_left_blank_says_nothing_about_a_reply():
    data = SCENARIOS["a-parent-x"]()
    for report in data["history"]["platform_reports"]:
        report["answer"] = None
        report["answered_on"] = None
        report["note"] = None
    data["choices"]["documents"] = ["platform_notice"]
    for _doc, text in _texts(_plan(data)).values():
        assert "not replied" not in text and "no reply" not in text


def test_no_reply_in_an_old_case_file_still_reads():
    data = SCENARIOS["a-parent-x"]()
    data["history"]["platform_reports"][0]["answer"] = "no_reply"
    data["choices"]["documents"] = ["platform_notice"]
    ((_doc, text),) = _texts(_plan(data)).values()
    assert "You have not replied" in text


def test_the_host_notice_has_the_follow_up_it_promises():
    p = planned("b-adult-ca")
    host = next(d for d in p.documents if d.kind == "host_notice")
    follow = [d for d in p.documents if d.kind == "follow_up" and d.recipient is None]
    assert host.follow_up_on and [f.dated for f in follow] == [host.follow_up_on]
    _doc, text = _texts(p)[follow[0].slug]
    assert "fictional-leaks.example/gallery/4471" in flat(text)


def test_bookmarks_and_file_names_name_the_recipient():
    out = rendered("e-advocate")
    outline = [entry.title for entry in PdfReader(io.BytesIO(out.packet)).outline]
    assert "Removal request – Discord" in outline and "Removal request – Telegram" in outline
    notices = [t for t in outline if t.startswith("Removal request")]
    assert len(set(notices)) == len(notices) == 3
    assert {r.filename for r in out.documents if r.document.kind == "platform_notice"} == {
        "01-removal-request-discord.pdf", "02-removal-request-telegram.pdf",
        "03-removal-request-pornhub.pdf"}


def test_the_guide_lists_only_the_services_that_fit_the_age():
    _g, minor = _texts(planned("a-parent-x"))["00-your-guide"]
    assert "StopNCII case number" not in minor and "stopncii.org" not in minor
    assert "CyberTipline report number" in minor and "takeitdown.ncmec.org" in minor
    _g, adult = _texts(planned("b-adult-ca"))["00-your-guide"]
    assert "CyberTipline report number" not in adult and "takeitdown.ncmec.org" not in adult
    assert "StopNCII case number" in adult


def test_documents_the_user_keeps_never_say_before_you_send_it():
    out = rendered("a-parent-x")
    for r in out.documents:
        if r.document.kind in ("ncmec_worksheet", "escalation", "guide"):
            text = " ".join(pdf_text(r.pdf).split())
            assert "before you send" not in text.lower(), r.document.slug
    worksheet = next(r for r in out.documents if r.document.kind == "ncmec_worksheet")
    if worksheet.document.checks:
        # The case's check page lists the worksheet's facts under its own heading, as facts to
        # check before using it, not before sending it.
        checks = " ".join(pdf_text(out.checks).split())
        after = checks.split("CyberTipline", 1)[1]
        assert after.lstrip(" –-").split("Before you", 2)[1].startswith(" use this")


def test_the_guide_names_the_routes_the_directory_lacks():
    data = SCENARIOS["c-eu-anonymous-minor"]()
    guide = next(d for d in _plan(data).documents if d.kind == "guide")
    if not directory().tagged("dsc", "DE"):
        assert any("Digital Services Coordinator of Germany" in g for g in guide.gaps)
    if not directory().tagged("inhope", "DE"):
        assert any("national hotline" in g for g in guide.gaps)
