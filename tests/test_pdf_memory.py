"""pdf.keep_for_packet and paint_for_packet: a written or painted document keeps only what the
packet reads, and no byte changes."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.cases import scaled_case
from takedown_helper import pdf, pdf_structure, render
from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.planner import plan


@pytest.mark.parametrize("case", ["example", "two platforms"])
def test_a_whole_render_and_a_packet_alone_are_byte_for_byte_their_parts_made_whole(
    case, today: date
):
    # render_plan writes each document, render_packet paints each document's pages, and both
    # keep only those pages' structure trees for the packet. The references keep every layout whole
    # and paint every page afresh.
    answers = example_case() if case == "example" else scaled_case(today, 3, 2)
    the_plan = plan(parse_case(answers, today), today)
    whole = render.render_plan(the_plan)
    assert [d.pdf for d in whole.documents] == [
        render.render_document(the_plan, i) for i in range(len(the_plan.documents))
    ]
    assert whole.checks == render.render_checks(the_plan)
    checks = render.checks_layout(the_plan)
    layouts = [render.letter_layout(doc, the_plan) for doc in the_plan.documents]
    packet = pdf.join(([checks] if checks is not None else []) + layouts,
                      title=render.packet_title(the_plan), lang=the_plan.case.language)
    assert whole.packet == packet
    assert render.render_packet(the_plan) == packet


def _first_letter(today: date, links: int):
    """The laid-out first document (the removal request) of a one-platform case."""
    the_plan = plan(parse_case(scaled_case(today, links, 1), today), today)
    return render.letter_layout(the_plan.documents[0], the_plan)


@pytest.mark.parametrize("make", ["written", "painted"])
def test_a_kept_document_holds_no_boxes_only_its_pages_trees(make, today: date):
    document = _first_letter(today, 3)
    with pdf.shared_painting():
        if make == "written":
            pdf.write(document)
            pdf.keep_for_packet(document)
        else:
            pdf.paint_for_packet(document)
    # Each page's boxes (styles, Pango layouts, text, positions) are gone: its structure tree
    # stands in for them, and each link's box is a stand-in the writer annotates.
    assert all(isinstance(page._page_box, pdf_structure.PageTree) for page in document.pages)
    links = [link for page in document.pages for link in page.links]
    assert len(links) >= 3
    assert all(type(link[3]) is pdf._LinkBox for link in links)
    trees = [page._page_box for page in document.pages]
    assert {id(box) for tree in trees for box in tree.boxes} <= {id(link[3]) for link in links}
    assert document._html is None


def test_a_kept_document_is_never_written_alone_or_painted_afresh(today: date):
    document = _first_letter(today, 1)
    with pdf.shared_painting():
        pdf.write(document)
        pdf.keep_for_packet(document)
        with pytest.raises(RuntimeError, match="cannot be written alone"):
            pdf.write(document)
        # Options that the first write did not use cannot replay its pages: the page has no
        # boxes left to paint, so it stops instead.
        with pytest.raises(RuntimeError, match="cannot be painted again"):
            document.copy().write_pdf(uncompressed_pdf=True)


def test_a_painted_document_is_kept_for_the_packet_without_a_pdf_of_its_own(today: date):
    document = _first_letter(today, 3)
    alone = pdf.write(_first_letter(today, 3))
    with pdf.shared_painting():
        pdf.paint_for_packet(document)
        assert all(isinstance(page._page_box, pdf_structure.PageTree) for page in document.pages)
        assert pdf.join([document]) == alone  # a packet of one document is that document
