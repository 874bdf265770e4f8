"""takedown_helper.pdf_structure: the structure tree and marked content of every PDF are what
WeasyPrint 70's own tagger writes with /Scope and /Lang added as the project used to add them (by
wrapping WeasyPrint's tree builder, below), with one change: a text box's marked content belongs
to the element around it, where WeasyPrint gives each text box a /Span of its own holding nothing
else. Everything else in each PDF (pages, content streams, fonts, links, bookmarks, metadata) is
the same object for object; only the numbering differs. What the tree must contain for PDF/UA is
checked in tests/test_pdf_ua.py; this file checks the faster builder changes nothing more."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pydyf
import pypdf
import weasyprint.pdf.stream as wp_stream
import weasyprint.pdf.tags as wp_tags
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    StreamObject,
)

from takedown_helper import pdf, pdf_structure, render
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from tests.scenarios import SCENARIOS
from tests.test_pdf_ua import structure_elements


def _weasyprint_tree_with_attributes(box: Any, parent: Any, *args: Any) -> Any:
    """WeasyPrint's tree builder, with /Scope and /Lang added to each element it hands up: the
    way the project tagged its PDFs before pdf_structure (WeasyPrint's builder calls itself
    through its module, so every level passes here)."""
    for element in pdf_structure.WEASYPRINT_BUILD_BOX_TREE(box, parent, *args):
        attributes = element.get("A")
        if (
            element.get("S") == "/TH"
            and attributes is not None
            and getattr(box, "element", None) is not None
            and "Scope" not in attributes
        ):
            scope = box.element.attrib.get("scope", "col")
            attributes["Scope"] = "/Row" if scope == "row" else "/Column"
        if parent.get("S") == "/Document" and "Lang" not in element:
            lang = getattr(box, "style", {}).get("lang")
            if lang:
                element["Lang"] = pydyf.String(str(lang))
        own = getattr(box, "element", None)
        if (
            own is not None
            and own.attrib.get("lang")
            and getattr(box, "element_tag", None) not in ("html", "body")
            and "Lang" not in element
        ):
            element["Lang"] = pydyf.String(own.attrib["lang"])
        yield element


def _kids(node: DictionaryObject) -> list[Any]:
    kids = node.get("/K", [])
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _is_text_span(node: Any) -> bool:
    """WeasyPrint's /Span around one text box: marked-content ids and nothing else."""
    return (
        isinstance(node, DictionaryObject)
        and node.get("/S") == "/Span"
        and set(node) == {"/Type", "/S", "/K", "/Pg", "/P"}
        and all(isinstance(kid, int) for kid in _kids(node))
    )


def _everything_but_the_tree(reader: pypdf.PdfReader) -> list[Any]:
    """Every object reachable from the catalog and the document information, the structure tree
    left out: each as plain values, references numbered in the order first met, streams by
    their decoded bytes. Two PDFs that differ only in how their objects are numbered give the
    same list."""
    numbers: dict[int, int] = {}
    objects: list[Any] = []

    def plain(value: Any) -> Any:
        if isinstance(value, IndirectObject):
            if value.idnum not in numbers:
                numbers[value.idnum] = len(numbers)
                objects.append(None)
                objects[numbers[value.idnum]] = plain(value.get_object())
            return ("ref", numbers[value.idnum])
        if isinstance(value, DictionaryObject):
            entries = {key: plain(item) for key, item in value.items()
                       if key != "/StructTreeRoot"}
            if isinstance(value, StreamObject):
                return ("stream", entries, value.get_data())
            return ("dict", entries)
        if isinstance(value, ArrayObject):
            return [plain(item) for item in value]
        return (type(value).__name__, value)

    plain(reader.trailer.raw_get("/Root"))
    if "/Info" in reader.trailer:
        plain(reader.trailer.raw_get("/Info"))
    return objects


def _tree(reader: pypdf.PdfReader, splice_text_spans: bool) -> tuple[Any, Any, Any]:
    """The structure tree as plain values, the elements outside it (running footers), and the
    parent tree (which element each page's marked content and each link belongs to), elements
    named by their path from the root.
    With `splice_text_spans`, a text box's /Span is replaced by its marked content in the
    element around it (which then owns that content in the parent tree)."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    links = {annotation.idnum: (number, index) for number, page in enumerate(reader.pages)
             for index, annotation in enumerate(page.get("/Annots") or [])}
    paths: dict[int, tuple[int, ...]] = {}
    root = reader.trailer["/Root"]["/StructTreeRoot"]

    def header_id(value: Any) -> tuple[Any, ...]:
        table, row, column = str(value).split("-")  # the table element's number, row, column
        return (paths[int(table)], int(row), int(column))

    def attribute(key: str, value: Any) -> Any:
        if key == "/ID":
            return header_id(value)
        if key == "/A":
            return {name: [header_id(h) for h in item] if name == "/Headers" else
                    [float(x) for x in item] if name == "/BBox" else str(item)
                    for name, item in value.items()}
        return str(value)

    def element(reference: IndirectObject, path: tuple[int, ...], parent: int) -> Any:
        node = reference.get_object()
        paths[reference.idnum] = path
        assert node.raw_get("/P").idnum == parent, f"/P of the element at {path}"
        kids: list[Any] = []
        for kid in _kids(node):
            if isinstance(kid, int):
                kids.append(("mcid", int(kid)))
                continue
            found = kid.get_object()
            if found.get("/Type") == "/OBJR":
                kids.append(("link", links[found.raw_get("/Obj").idnum],
                             pages[found.raw_get("/Pg").idnum]))
            elif splice_text_spans and _is_text_span(found):
                assert found.raw_get("/Pg").idnum == node.raw_get("/Pg").idnum
                paths[kid.idnum] = path  # its marked content is this element's
                kids.extend(("mcid", int(mcid)) for mcid in _kids(found))
            else:
                kids.append(element(kid, (*path, len(kids)), reference.idnum))
        page = pages[node.raw_get("/Pg").idnum] if "/Pg" in node else None
        rest = {key: attribute(key, value) for key, value in node.items()
                if key not in ("/K", "/P", "/Pg")}
        return rest, page, kids

    top = [element(kid, (index,), root.indirect_reference.idnum)
           for index, kid in enumerate(_kids(root))]
    # Running headers and footers: elements the parent tree maps but the tree does not hold.
    outside: list[Any] = []

    def path_of(reference: IndirectObject) -> tuple[Any, ...]:
        if reference.idnum not in paths:
            highest = reference
            while (above := highest.get_object().raw_get("/P")).idnum not in paths:
                highest = above
            outside.append(element(highest, ("outside", len(outside)), above.idnum))
        return paths[reference.idnum]

    numbers = list(root["/ParentTree"]["/Nums"])
    parent_tree = [
        (int(key), [path_of(ref) for ref in value] if isinstance(value, ArrayObject)
         else path_of(value))
        for key, value in zip(numbers[::2], numbers[1::2], strict=True)]
    return top, outside, parent_tree


def assert_same_but_text_spans(ours: bytes, theirs: bytes, what: str) -> None:
    """`ours` is `theirs` (tagged by WeasyPrint) with each text box's /Span spliced away."""
    mine, reference = pypdf.PdfReader(io.BytesIO(ours)), pypdf.PdfReader(io.BytesIO(theirs))
    assert _everything_but_the_tree(mine) == _everything_but_the_tree(reference), what
    assert _tree(mine, False) == _tree(reference, True), what


@contextmanager
def weasyprint_tagging() -> Iterator[None]:
    """Within this block, PDFs are tagged by WeasyPrint's own code."""
    wp_tags._build_box_tree = _weasyprint_tree_with_attributes
    wp_stream.Stream.marked = pdf_structure.WEASYPRINT_MARKED
    try:
        yield
    finally:
        wp_tags._build_box_tree = pdf_structure.build_box_tree
        wp_stream.Stream.marked = pdf_structure.marked


def _ours(the_plan: Any) -> list[bytes]:
    """Every PDF as the project makes them: each file and the packet of a whole render (the
    packet writing again the trees its files got), the packet alone (trees of painted pages)."""
    output = render.render_plan(the_plan)
    return [d.pdf for d in output.documents] + [output.packet, render.render_packet(the_plan)] + (
        [output.checks] if output.checks else [])


def _from_whole_layouts(the_plan: Any) -> list[bytes]:
    """The same PDFs, each from layouts kept whole (nothing painted once or kept for later)."""
    files = [render.render_document(the_plan, i) for i in range(len(the_plan.documents))]
    checks = render.checks_layout(the_plan)
    parts = ([checks] if checks is not None else []) + [
        render.letter_layout(doc, the_plan) for doc in the_plan.documents]
    packet = pdf.join(parts, title=render.packet_title(the_plan), lang=the_plan.case.language)
    checks_file = render.render_checks(the_plan)
    return files + [packet, packet] + ([checks_file] if checks_file else [])


def _returning_family() -> dict[str, Any]:
    """The parent's case on X, with the notice already sent: a follow-up, no fresh notice."""
    case = SCENARIOS["a-parent-x"]()
    case["history"]["notices_sent"] = [
        {"platform": "x", "kind": "platform_notice", "sent_on": "2026-11-10"}]
    return case


def test_the_project_tags_every_pdf_as_weasyprint_does(today: date):
    assert wp_tags._build_box_tree is pdf_structure.build_box_tree
    assert wp_stream.Stream.marked is pdf_structure.marked
    compared = 0
    for name, make_case in {**SCENARIOS, "returning family": _returning_family}.items():
        the_plan = plan(parse_case(make_case(), today), today)
        ours = _ours(the_plan)
        with weasyprint_tagging():
            theirs = _from_whole_layouts(the_plan)
        assert len(ours) == len(theirs)
        for index, (mine, reference) in enumerate(zip(ours, theirs, strict=True)):
            assert_same_but_text_spans(mine, reference, f"{name}: PDF {index}")
            compared += 1
    assert compared > 90


# Every rule of the tree in one page: nested lists, list items without bullets, a description
# list, a table with row and column headers, spans and a caption, links, passages in another
# language (one of them empty), running footers (margin boxes) and a positioned element.
EDGE_CASES = """<!doctype html><html lang="en"><head><title>Structure</title></head>
<body class="paper-letter" data-footref="Structure" data-page="Page" data-of="of">
<h1>Heading</h1><p>Text with <a href="https://example.invalid/a">a link</a> and
<span lang="es">una frase</span>.</p>
<div lang="">No language of its own</div>
<ul><li>One<ul><li>Nested</li></ul></li><li style="list-style: none">No bullet</li></ul>
<ol class="links"><li><span class="link-number">1.</span>
<a href="https://example.invalid/b">https://example.invalid/b</a></li></ol>
<dl><dt>Term</dt><dd>Description</dd></dl>
<table><caption>Caption</caption>
<tr><th>Column</th><th scope="col" colspan="2">Wide</th></tr>
<tr><th scope="row">Row</th><td rowspan="2">Tall</td><td>Cell</td></tr>
<tr><th scope="row">Row 2</th><td>Cell 2</td></tr></table>
<div style="position: absolute; top: 0; right: 0">Positioned</div>
<p lang="fr">Une phrase en français.</p>
</body></html>"""


def test_every_rule_of_the_tree_matches_weasyprint():
    ours = pdf.html_to_pdf(EDGE_CASES)
    with weasyprint_tagging():
        theirs = pdf.html_to_pdf(EDGE_CASES)
    assert_same_but_text_spans(ours, theirs, "the edge cases")
    # WeasyPrint's /Span around each text box is what was spliced: one for each.
    spans = [e for e in structure_elements(pypdf.PdfReader(io.BytesIO(theirs))) if _is_text_span(e)]
    assert len(spans) > 20
    # The page exercises what it says it does.
    elements = structure_elements(pypdf.PdfReader(io.BytesIO(ours)))
    kinds = {str(element["/S"]) for element in elements}
    assert {"/H1", "/P", "/Link", "/L", "/LI", "/LBody", "/Lbl", "/Table", "/Caption", "/TR",
            "/TH", "/TD", "/Span"} <= kinds
    scopes = {str(e["/A"]["/Scope"]) for e in elements if e["/S"] == "/TH"}
    assert scopes == {"/Column", "/Row"}
    assert all(e["/A"].get("/Headers") for e in elements if e["/S"] == "/TD")
    assert {str(e["/Lang"]) for e in elements if "/Lang" in e} >= {"en", "es", "fr"}
