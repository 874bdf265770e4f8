"""Bundles: one PDF per document, a packet with one bookmark per document, a ZIP of everything."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader
from scenarios import SCENARIOS, TODAY, planned, rendered

from takedown_helper.calendar import ICS_NAME
from takedown_helper.casefile import parse_case
from takedown_helper.directory import directory
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.i18n import in_language
from takedown_helper.letters import checks_html
from takedown_helper.plaintext import html_to_text
from takedown_helper.planner import plan
from takedown_helper.render import CHECKS_NAME, PACKET_NAME, zip_bytes


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_packet_has_exactly_one_bookmark_per_document(name):
    output = rendered(name)
    outline = PdfReader(io.BytesIO(output.packet)).outline
    assert len(outline) == len(output.documents)
    assert not any(isinstance(entry, list) for entry in outline)  # no nested sub-headings


def test_packet_pages_are_the_check_page_and_the_documents_pages():
    output = rendered("a-parent-x")
    assert output.checks is not None  # the example uses unconfirmed directory facts
    pages = sum(len(PdfReader(io.BytesIO(d.pdf)).pages) for d in output.documents)
    checks = len(PdfReader(io.BytesIO(output.checks)).pages)
    packet = PdfReader(io.BytesIO(output.packet))
    assert len(packet.pages) == checks + pages
    assert packet.pages[0].extract_text() == PdfReader(io.BytesIO(output.checks)).pages[0].extract_text()


def test_every_unconfirmed_fact_is_on_the_one_check_page_under_its_document():
    output = rendered("a-parent-x")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(output.checks)).pages
    )
    assert text.startswith("Check these facts first")
    assert "Do not send it." in text
    for rendered_doc in output.documents:
        doc = rendered_doc.document
        for note in doc.checks:  # (a long address may wrap: compare without white space)
            assert "".join(note.split()) in "".join(text.split()), (doc.slug, note)
        if doc.checks:
            assert doc.title in text
        # A document's own file has no check page: "This page is for you" is not in any letter.
        assert "This page is for you" not in " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(rendered_doc.pdf)).pages
        )


def test_zip_holds_every_pdf_the_packet_and_the_calendar():
    output = rendered("e-advocate")
    with zipfile.ZipFile(io.BytesIO(zip_bytes(output))) as archive:
        names = archive.namelist()
        assert names == [name for name, _data in output.files()]
        texts = {d.text_filename for d in output.documents if d.text_filename}
        assert texts  # the paste-ready text of each platform notice and follow-up
        checks = {CHECKS_NAME} if output.checks is not None else set()
        assert {d.filename for d in output.documents} | {PACKET_NAME, ICS_NAME} | texts | checks == set(
            names
        )
        assert archive.read(ICS_NAME).startswith(b"BEGIN:VCALENDAR\r\n")


def test_file_names_and_pdf_titles_carry_no_personal_data():
    output = rendered("e-advocate")
    case = planned("e-advocate").case
    secrets = ["Riley", "Advocate", "Client", "Fictional", "advocacy.example"]
    assert case.signer.name and case.person_shown_name
    for name, data in output.files():
        assert not any(s.lower() in name.lower() for s in secrets)
        if name.endswith(".pdf"):
            title = PdfReader(io.BytesIO(data)).metadata.title or ""
            assert not any(s in title for s in secrets)


def _english_only_labels() -> dict[str, str]:
    """Every channel label whose English words a Spanish reader would otherwise see: English
    label -> its Spanish label (labels that are only a proper name or a URL are left out)."""
    return {c.label: c.label_es for r in directory().all() for c in r.channels
            if c.label_es and c.label not in c.label_es}


def test_every_unconfirmed_channel_is_checked_under_its_spanish_label():
    """A fact to check names its channel by the directory's label in the user's language; the
    Spanish check page once showed the English labels."""
    unconfirmed = [c for r in directory().all() for c in r.channels if c.provenance.unconfirmed]
    assert unconfirmed  # else this test checks nothing
    for channel in unconfirmed:
        with in_language("es"):
            (note,) = checks_for(None, (channel,))
        assert note == f"{channel.label_es} ({channel.target}) no está confirmado. Revíselo antes de usarlo."


@pytest.mark.parametrize(("country", "platform", "minor"), [
    ("ES", "x", "yes"),          # the CNMC's and INCIBE's pages, NCMEC's help for families
    ("AT", "facebook", "no"),     # Facebook's forms
    ("AT", "onlyfans", "yes"),    # "Support email"
    ("MX", "instagram", "yes"),   # Meta's TAKE IT DOWN guidance
])
def test_the_spanish_check_page_shows_no_english_channel_label(country, platform, minor):
    data = {
        "schema_version": 1, "language": "es",
        "requester": {"role": "parent" if minor == "yes" else "survivor", "country": country},
        "person_shown": {"minor_when_made": minor},
        "items": [{"url": directory().get(platform).sample_urls[0], "platform": platform}],
        "signer": {"name": "Sam Sample", "email": "sam@example.org"},
    }
    the_plan = plan(parse_case(data, TODAY), TODAY)
    html = checks_html(the_plan)
    assert html is not None and '<html lang="es">' in html
    text = " ".join(html_to_text(html).split())
    assert text.startswith("Revise estos datos primero")
    shown = {english: spanish for english, spanish in _english_only_labels().items()
             if spanish in text}
    assert shown  # the page names at least one channel, in Spanish
    assert [english for english in _english_only_labels() if english in text] == []
