"""Plan -> PDFs: each document alone, one packet with a bookmark per document, and a ZIP.

Everything stays in memory and is returned to the caller; nothing is written here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from takedown_helper import pdf
from takedown_helper.calendar import ICS_NAME, plan_ics
from takedown_helper.documents import Document
from takedown_helper.i18n import N_, translations
from takedown_helper.letters import checks_html, document_html
from takedown_helper.plaintext import document_text, has_text, text_filename
from takedown_helper.planner import Plan

PACKET_NAME = "takedown-documents.pdf"
PACKET_TITLE = N_("Documents")
ZIP_NAME = "takedown-documents.zip"


@dataclass(frozen=True)
class RenderedDocument:
    document: Document
    pdf: bytes
    # The same letter as plain text, to paste into the platform's own form (plaintext.py): for
    # the documents sent through a form; None for the others.
    text: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.document.slug}.pdf"

    @property
    def text_filename(self) -> str | None:
        return text_filename(self.document) if self.text is not None else None


@dataclass(frozen=True)
class Output:
    documents: tuple[RenderedDocument, ...]
    packet: bytes
    ics: bytes | None = None  # calendar reminders for the follow-up dates

    def files(self) -> list[tuple[str, bytes]]:
        """(neutral file name, bytes) for every file handed to the user."""
        files = [(d.filename, d.pdf) for d in self.documents] + [(PACKET_NAME, self.packet)]
        if self.ics is not None:
            files.append((ICS_NAME, self.ics))
        files += [(d.text_filename, d.text.encode()) for d in self.documents
                  if d.text is not None and d.text_filename]
        return files


def packet_title(plan: Plan) -> str:
    """The packet's neutral title, in the user's language (the packet holds their own guide)."""
    return translations(plan.case.language).gettext(PACKET_TITLE)


def render_plan(plan: Plan) -> Output:
    """Lay out each document once; write it alone and as part of the packet.

    A document built from an unconfirmed directory fact gets a cover page (its own layout, so
    the letter's page numbers are unchanged) telling the user what to check before sending.
    """
    _require_documents(plan)
    layouts = [document_layouts(doc, plan) for doc in plan.documents]
    pdfs = [pdf.join(parts) for parts in layouts]
    packet = pdf.join(
        [part for parts in layouts for part in parts], title=packet_title(plan), lang=plan.case.language
    )
    return assemble(plan, pdfs, packet)


def render_document(plan: Plan, index: int) -> bytes:
    """One document's PDF alone: for a download of a single file, nothing else is laid out."""
    doc = plan.documents[index]
    return pdf.join(document_layouts(doc, plan))


def render_text(plan: Plan, index: int) -> str | None:
    """One document's paste-ready text alone (None for documents not sent through a form)."""
    doc = plan.documents[index]
    return document_text(doc, plan) if has_text(doc) else None


def render_packet(plan: Plan) -> bytes:
    """Only the packet: every document in one PDF, each with its own bookmark and page numbers."""
    _require_documents(plan)
    parts = [part for doc in plan.documents for part in document_layouts(doc, plan)]
    return pdf.join(parts, title=packet_title(plan), lang=plan.case.language)


def assemble(plan: Plan, pdfs: list[bytes], packet: bytes) -> Output:
    """The Output for a plan from its documents' PDFs, however they were rendered."""
    rendered = tuple(
        RenderedDocument(doc, data, document_text(doc, plan) if has_text(doc) else None)
        for doc, data in zip(plan.documents, pdfs, strict=True)
    )
    return Output(documents=rendered, packet=packet, ics=plan_ics(plan))


def document_layouts(doc: Document, plan: Plan) -> list:
    """The document's laid-out pages: its check cover page (when it has one), then the letter."""
    letter = pdf.layout(document_html(doc, plan))
    if not doc.checks:
        return [letter]
    return [pdf.layout(checks_html(doc, plan.case.language)), letter]


def _require_documents(plan: Plan) -> None:
    if not plan.documents:
        raise ValueError("the plan has no documents to render")


def zip_bytes(output: Output) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in output.files():
            # A fixed timestamp: the archive says nothing about when or where it was made.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
