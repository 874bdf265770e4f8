"""PDF/UA-1 structure of every document, checked with pypdf against the Matterhorn Protocol
conditions this project's PDFs can break (no veraPDF on the package registries this project may
use; these are the checks it would make for our content):

- 01-004/06-001: marked as tagged, with a structure tree; 06-003: the title is shown, not the file
  name (`/DisplayDocTitle`); 11-001: a natural language (`/Lang`);
- 15-003: every table header cell (`/TH`) has a `/Scope` (Column or Row);
- 28-008/28-011: every link is a Link annotation inside a `/Link` structure element, with a
  `/Contents` description equal to the text printed for it, and a `/StructParent`;
- 31-009: every font is embedded.

Addresses of directory channels (forms, emails, phones) are links in every document; the exact
URLs of the imagery are links in letters to recipients, and never in the family's own worksheet.
"""

from __future__ import annotations

import io

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject

from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan
from tests.conftest import TODAY


def structure_elements(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def _annotations(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    return [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]


@pytest.fixture(scope="module")
def rendered():
    the_plan = plan(parse_case(example_case(), today=TODAY), today=TODAY)
    return render_plan(the_plan)


def test_every_document_is_tagged_titled_and_in_a_language(rendered):
    for name, data in rendered.files():
        if not name.endswith(".pdf"):
            continue
        reader = pypdf.PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"], name
        assert "/StructTreeRoot" in root, name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], name
        assert str(root["/Lang"]) in ("en", "es"), name
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts") or [font]
                for part in descendants:
                    descriptor = part.get_object().get("/FontDescriptor")
                    if descriptor is not None:
                        descriptor = descriptor.get_object()
                        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_every_table_header_has_a_scope(rendered):
    headers = 0
    for doc in rendered.documents:
        for element in structure_elements(pypdf.PdfReader(io.BytesIO(doc.pdf))):
            if element["/S"] == "/TH":
                headers += 1
                assert element["/A"].get("/Scope") in ("/Column", "/Row"), doc.filename
    assert headers >= 10


def test_every_link_is_tagged_and_described_by_its_own_text(rendered):
    for doc in rendered.documents:
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        links = [e for e in structure_elements(reader) if e["/S"] == "/Link"]
        annotations = [a for a in _annotations(reader) if a.get("/Subtype") == "/Link"]
        assert len(links) == len(annotations), doc.filename
        text = "".join("".join(page.extract_text() for page in reader.pages).split())
        for annotation in annotations:
            target = str(annotation["/A"]["/URI"])
            description = str(annotation["/Contents"])
            assert description == target
            assert "/StructParent" in annotation
            shown = target.removeprefix("mailto:").removeprefix("tel:")
            assert "".join(shown.split()) in text or target.startswith("tel:"), (doc.filename, target)


def test_directory_channels_are_links_and_the_worksheet_never_links_the_imagery(rendered):
    for doc in rendered.documents:
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        targets = {str(a["/A"]["/URI"]) for a in _annotations(reader) if "/A" in a}
        for channel in doc.document.channels:
            if channel.url:
                assert channel.url in targets, (doc.filename, channel.url)
            elif channel.email:
                assert f"mailto:{channel.email}" in targets, (doc.filename, channel.email)
        content = {item.url for item in doc.document.items}
        if doc.document.kind == "ncmec_worksheet":
            assert not (content & targets)  # for the family: no one-click path to the imagery
        elif doc.document.kind in ("platform_notice", "police_referral", "delisting_request"):
            assert content <= targets, doc.filename


def test_each_part_speaks_its_own_language_in_a_spanish_case():
    data = example_case()
    data["language"] = "es"
    the_plan = plan(parse_case(data, today=TODAY), today=TODAY)
    output = render_plan(the_plan)
    packet = pypdf.PdfReader(io.BytesIO(output.packet))
    assert str(packet.trailer["/Root"]["/Lang"]) == "es"
    assert packet.metadata.title == "Documentos"
    top = [e for e in packet.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()["/K"]]
    languages = {str(e.get_object().get("/Lang")) for e in top}
    assert languages == {"en", "es"}  # English letters and the Spanish guide, each marked
    for doc in output.documents:
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        # A file says the language of its letter, and every top-level part carries its own
        # (the packet starts with the Spanish check page).
        assert str(reader.trailer["/Root"]["/Lang"]) == doc.document.language
        document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()
        assert all("/Lang" in kid.get_object() for kid in document["/K"])
