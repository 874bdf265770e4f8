"""Plan -> PDFs: each document alone, one packet with a bookmark per document, and a ZIP.

Everything stays in memory and is returned to the caller; nothing is written here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from takedown_helper import pdf
from takedown_helper.calendar import ICS_NAME, plan_ics
from takedown_helper.documents import Document
from takedown_helper.i18n import N_, translations
from takedown_helper.letters import checks_html, document_html
from takedown_helper.line_memo import shared_lines
from takedown_helper.plaintext import document_text, has_text, text_filename
from takedown_helper.planner import Plan

PACKET_NAME = "takedown-documents.pdf"
# The case's one page of facts to check (for the user, not to be sent): first in a file list.
CHECKS_NAME = "00-check-these-facts.pdf"
PACKET_TITLE = N_("Documents")
ZIP_NAME = "takedown-documents.zip"
T = TypeVar("T")


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
    # The unconfirmed facts of every document on one page (also the packet's first page); None
    # when every fact the documents use is confirmed.
    checks: bytes | None = None

    def files(self) -> list[tuple[str, bytes]]:
        """(neutral file name, bytes) for every file handed to the user."""
        files = [(d.filename, d.pdf) for d in self.documents] + [(PACKET_NAME, self.packet)]
        if self.checks is not None:
            files.append((CHECKS_NAME, self.checks))
        if self.ics is not None:
            files.append((ICS_NAME, self.ics))
        files += [(d.text_filename, d.text.encode()) for d in self.documents
                  if d.text is not None and d.text_filename]
        return files


@dataclass(frozen=True)
class ListedDocument:
    document: Document
    text: str | None = None  # the paste-ready text, as in RenderedDocument


@dataclass(frozen=True)
class Listing:
    """What the documents page shows before anything is downloaded: each document with its
    paste-ready text, and the calendar reminders. No PDF is made for it: each download makes
    only the file asked for."""

    documents: tuple[ListedDocument, ...]
    ics: bytes | None = None


def list_plan(plan: Plan) -> Listing:
    _require_documents(plan)
    return Listing(
        documents=tuple(
            ListedDocument(doc, document_text(doc, plan) if has_text(doc) else None)
            for doc in plan.documents
        ),
        ics=plan_ics(plan),
    )


def packet_title(plan: Plan) -> str:
    """The packet's neutral title, in the user's language (the packet holds their own guide)."""
    return translations(plan.case.language).gettext(PACKET_TITLE)


def render_plan(plan: Plan) -> Output:
    """Lay out each document once; write it alone and as part of the packet, painting each page
    once (pdf.shared_painting).

    Each document is laid out and written in turn, then only what the packet needs of it is kept
    (pdf.keep_for_packet), so a big case never holds all its layouts at once.
    The unconfirmed directory facts the documents use are listed on one page for the case (its
    own layout, so no letter's page numbers change): the packet's first page, and a file of its
    own beside the documents.
    """
    _require_documents(plan)
    with pdf.shared_painting():
        checks, checks_pdf, letters, pdfs = _one_at_a_time(plan, _write_for_packet)
        packet = _join(plan, checks, letters)
    return assemble(plan, pdfs, packet, checks_pdf)


def _write_for_packet(layout: Any) -> bytes:
    data = pdf.write(layout)
    pdf.keep_for_packet(layout)
    return data


def _one_at_a_time(
    plan: Plan, prepare: Callable[[Any], T]
) -> tuple[Any | None, T | None, list[Any], list[T]]:
    """Inside `pdf.shared_painting()`: the check page's layout and each document's, made one at a
    time, each handed to `prepare` (which writes or paints it and keeps only what the packet
    needs) before the next is laid out; with what `prepare` returned for each."""
    with shared_lines():
        checks = checks_layout(plan)
        checks_result = prepare(checks) if checks is not None else None
        letters, results = [], []
        for doc in plan.documents:
            letters.append(letter_layout(doc, plan))
            results.append(prepare(letters[-1]))
    return checks, checks_result, letters, results


def _join(plan: Plan, checks: Any | None, letters: list[Any]) -> bytes:
    """The packet: the check page (if any), then every document."""
    parts = ([checks] if checks is not None else []) + letters
    return pdf.join(parts, title=packet_title(plan), lang=plan.case.language)


def render_document(plan: Plan, index: int) -> bytes:
    """One document's PDF alone: for a download of a single file, nothing else is laid out.
    Its unconfirmed facts are on the documents page beside its download, and in the packet."""
    return pdf.write(letter_layout(plan.documents[index], plan))


def render_checks(plan: Plan) -> bytes | None:
    """Only the case's page of facts to check (None when there are none)."""
    checks = checks_layout(plan)
    return pdf.write(checks) if checks is not None else None


def render_text(plan: Plan, index: int) -> str | None:
    """One document's paste-ready text alone (None for documents not sent through a form)."""
    doc = plan.documents[index]
    return document_text(doc, plan) if has_text(doc) else None


def render_packet(plan: Plan) -> bytes:
    """Only the packet: the page of facts to check, then every document, each with its own
    bookmark and page numbers. Laid out one document at a time, as in `render_plan`: each is
    painted (pdf.paint_for_packet) and only what the packet needs of it kept."""
    _require_documents(plan)
    with pdf.shared_painting():
        checks, _, letters, _ = _one_at_a_time(plan, pdf.paint_for_packet)
        return _join(plan, checks, letters)


def assemble(plan: Plan, pdfs: list[bytes], packet: bytes, checks: bytes | None = None) -> Output:
    """The Output for a plan from its documents' PDFs, however they were rendered."""
    rendered = tuple(
        RenderedDocument(doc, data, document_text(doc, plan) if has_text(doc) else None)
        for doc, data in zip(plan.documents, pdfs, strict=True)
    )
    return Output(documents=rendered, packet=packet, ics=plan_ics(plan), checks=checks)


def letter_layout(doc: Document, plan: Plan) -> Any:
    """The document's laid-out pages."""
    return pdf.layout(document_html(doc, plan))


def checks_layout(plan: Plan) -> Any | None:
    """The case's page of facts to check, laid out; None when there is nothing to check."""
    html = checks_html(plan)
    return pdf.layout(html) if html is not None else None


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
