"""The PDF/UA structure tree of every PDF: the tree WeasyPrint 70's tagger builds, with /Scope
and /Lang added, built in one pass of plain recursion and written without pydyf's general
serialiser.

Each page's text is marked content, and the structure tree maps it to the HTML's elements
(headings, paragraphs, lists, tables, links) so that screen readers read a letter in order and
in its language. WeasyPrint 70 builds the tree with a generator per box and writes each element
through pydyf's `_to_bytes`, which tests every value's type; for the example's letters that was
most of what tagging costs over an untagged PDF (about 6 % of a render). This module builds the
same elements, in the same order, with the same keys (`tests/test_pdf_structure.py` compares the
bytes of every scenario's PDFs with those of WeasyPrint's own tagger), and writes each element in
one join. It reads from a box only `TAGGER_ATTRIBUTES`, `TAGGER_STYLE`, `TAGGER_ATTRIB`, its
element's tag, its children and its link or widget annotation, which is what `pdf.keep_for_packet`
keeps of the boxes of a page written again into the packet.

Two gaps in WeasyPrint 70's tagging are filled here:
- a `<th>` becomes /TH with header ids but no /Scope; PDF/UA checkers and screen readers look for
  it, so /Scope /Column or /Row comes from the cell's `scope` attribute;
- only the catalog gets a language, so a packet (or a letter in English after a cover page in
  Spanish) was read in one voice; each top-level element carries its own document's /Lang (from
  `<html lang>`, which WeasyPrint computes into `style["lang"]`), and each element with a `lang`
  attribute of its own (an English name in a Spanish guide) carries that /Lang.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext
from functools import cache
from typing import Any

import pydyf
import weasyprint.pdf.stream as _wp_stream
import weasyprint.pdf.tags as _wp_tags
from weasyprint.formatting_structure import boxes as _boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

# What the tree reads of a box besides its element, children and annotations (for
# pdf.keep_for_packet's skeletons): table wrappers and cells' spans, the style values that
# decide whether a list item is wrapped, and the element attributes it copies.
TAGGER_ATTRIBUTES = ("is_table_wrapper", "colspan", "rowspan")
TAGGER_STYLE = ("display", "list_style_type")
TAGGER_ATTRIB = ("scope", "lang")  # "alt" and "src" too, but only of images (measured boxes)
# Elements whose boxes the tree measures or whose element it reads further (images, SVG).
MEASURED_TAGS = frozenset({"img", "{http://www.w3.org/2000/svg}svg"})

# WeasyPrint's own tree builder and marked content, which the tests compare this module's with
# (pdf.py puts this module's in their place).
WEASYPRINT_BUILD_BOX_TREE = _wp_tags._build_box_tree
WEASYPRINT_MARKED = _wp_stream.Stream.marked
_pdf_tag = cache(_wp_tags._get_pdf_tag)  # HTML tag -> structure type: a pure function
_CELLS = ("/TD", "/TH")


_KEYS: dict[str, bytes] = {}  # each key's bytes, "/Type " ...


def _value(value: Any) -> bytes:
    """pydyf's `_to_bytes`, with the types of the tree's values tested first."""
    kind = type(value)
    if kind is bytes:  # a reference
        return value  # type: ignore[no-any-return]
    if kind is str:  # a name
        return value.encode("ascii")  # type: ignore[no-any-return]
    if kind is int:  # a marked-content id
        return b"%d" % value
    if kind is list or kind is pydyf.Array:
        return b"[" + b" ".join([_value(item) for item in value]) + b"]"
    return pydyf._to_bytes(value)  # type: ignore[no-any-return]


class StructElement(pydyf.Dictionary):
    """A dictionary of the tree, added to its PDF when made. It writes itself as
    pydyf.Dictionary does, in one join, and formats its reference once (each element's is read
    by each of its kids). Its kids (`K`) are a plain list of references and marked-content ids."""

    compressible = True  # as pydyf decides for any dictionary: it goes in the object stream
    reference: bytes = b""  # type: ignore[assignment]  # set when added

    def __init__(self, values: dict[str, Any], pdf: Any) -> None:
        super().__init__(values)
        pdf.add_object(self)
        self.reference = b"%d 0 R" % self.number

    @property
    def data(self) -> bytes:
        parts = [b"<<"]
        for key, value in self.items():
            name = _KEYS.get(key)
            if name is None:
                name = _KEYS[key] = b"/" + key.encode("ascii") + b" "
            kind = type(value)
            if kind is bytes:
                parts += (name, value)
            elif kind is str:
                parts += (name, value.encode("ascii"))
            else:
                parts += (name, _value(value))
        parts.append(b">>")
        return b"".join(parts)


class _EndMarkedContent:
    """Closes a text box's marked content when its drawing ends."""

    __slots__ = ("stream",)

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exception: object) -> None:
        self.stream.append(b"EMC")


_UNTAGGED = nullcontext()


def marked(stream: Any, box: Any, tag: str) -> Any:
    """WeasyPrint 70's `Stream.marked`: in a tagged PDF, draw `box` as marked content with the
    next id, and remember which box it is for the tree. The operators before its drawing are
    one item of the stream, the same bytes once joined as WeasyPrint's three (`/Span`, the
    property list, `BDC`) without a pydyf dictionary for each text box."""
    tags = stream._tags
    if tags is None:
        return _UNTAGGED
    if box in tags:  # as WeasyPrint asserts: a box is drawn once per page
        raise ValueError("a box was drawn twice as marked content")
    mcid = len(tags)
    tags[box] = {"tag": tag, "mcid": mcid}
    stream.stream.append(b"/%s\n<</MCID %d>>\nBDC" % (tag.encode("ascii"), mcid))
    return _EndMarkedContent(stream.stream)


def build_box_tree(
    box: Any, parent: Any, pdf: Any, page_number: int, nums: dict[int, bytes],
    annotations: list[Any], tags: dict[Any, dict[str, Any]],
) -> list[StructElement]:
    """WeasyPrint 70's `_build_box_tree` for one page (`weasyprint.pdf.tags.add_tags` calls it
    with each page box): the page's structure elements under `parent`, each already added to
    `pdf`; `nums` maps each marked-content id to its element, `annotations` gets each link's."""
    return _PageTree(pdf, page_number, nums, annotations, tags).build(box, parent)


class _PageTree:
    """The state of one page's walk: the PDF, the page's reference and the maps to fill."""

    def __init__(
        self, pdf: Any, page_number: int, nums: dict[int, bytes], annotations: list[Any],
        tags: dict[Any, dict[str, Any]],
    ) -> None:
        self.pdf = pdf
        self.page = pdf.page_references[page_number]
        self.nums = nums
        self.annotations = annotations
        self.tags = tags

    def element(self, structure_type: str, parent: Any, kids: list[Any]) -> StructElement:
        return StructElement({
            "Type": "/StructElem", "S": structure_type, "K": kids, "Pg": self.page,
            "P": parent.reference,
        }, self.pdf)

    def build(self, box: Any, parent: Any) -> list[StructElement]:
        """The elements `box` gives under `parent`, with their /Scope and /Lang."""
        return _with_structure_attributes(self._build(box, parent), box, parent)

    def _build(self, given: Any, parent: Any) -> list[StructElement]:
        box = given._box if isinstance(given, AbsolutePlaceholder) else given
        element_tag = None if box.element is None else box.element_tag
        tag = _pdf_tag(element_tag)

        if element_tag in ("html", "body") or isinstance(box, _boxes.PageBox):
            # No element for the page, <html> or <body>: their children's elements instead.
            if isinstance(box, _boxes.ParentBox) and not isinstance(box, _boxes.LineBox):
                elements = []
                for child in box.children:
                    elements.extend(self.build(child, parent))
                return elements
        elif isinstance(box, _boxes.MarginBox):
            # Running headers and footers: their marked content is mapped, outside the tree.
            for child in box.children:
                self.build(child, parent)
            return []
        elif tag in ("TD", "TH"):
            if parent["S"] in _CELLS:  # an anonymous block inside a cell
                tag = "NonStruct"
        elif tag == "LI":
            no_bullet_li = box.element_tag == "li" and (
                "list-item" not in box.style["display"]
                or box.style["list_style_type"] == "none")
            if parent["S"] == "/LI":  # the anonymous block of a list item: its body
                tag = "LBody"
            elif parent["S"] == "/LBody":
                tag = "NonStruct"
            elif box.element_tag in ("dt", "dd") or no_bullet_li:
                # A list item of its own, this box its body.
                item = self.element("/LI", parent, [])
                item["K"].extend(child.reference for child in self.build(given, item))
                return [item]

        element = self.element(f"/{tag}", parent, [])
        reference = element.reference

        if tag == "Figure":
            x1, y1 = box.content_box_x(), box.content_box_y()
            element["A"] = pydyf.Dictionary({
                "O": "/Layout", "BBox": pydyf.Array((x1, y1, x1 + box.width, y1 + box.height)),
            })
            if box.element.tag == "{http://www.w3.org/2000/svg}svg":
                title = box.element.find("{http://www.w3.org/2000/svg}title")
                if title is not None and title.text:
                    element["Alt"] = pydyf.String(title.text)
            elif alt := box.element.attrib.get("alt"):
                element["Alt"] = pydyf.String(alt)
        elif tag == "Table":
            # The wrapped table is the element, with its captions.
            if box.is_table_wrapper:
                wrapper, table = box, box.get_wrapped_table()
                if table:
                    box = table.copy_with_children([])
                    for child in wrapper.children:
                        box.children.extend(child.children if child is table else [child])
        elif tag in ("TH", "TD"):
            element["A"] = pydyf.Dictionary({"O": "/Table"})
            if box.colspan != 1:
                element["A"]["ColSpan"] = box.colspan
            if box.rowspan != 1:
                element["A"]["RowSpan"] = box.rowspan
            box.mark = element  # found again below, when the table links cells to headers

        for annotation, form in ((box.link_annotation, False), (box.widget_annotation, True)):
            if annotation:
                target = StructElement({
                    "Type": "/OBJR", "Obj": annotation.reference, "Pg": self.page}, self.pdf)
                if form:
                    holder = self.element("/Form", element, [target.reference])
                    self.annotations.append((holder.reference, annotation))
                    element["K"].append(holder.reference)
                else:
                    self.annotations.append((reference, annotation))
                    element["K"].append(target.reference)

        for child in box.children:
            for child in child.children if isinstance(child, _boxes.LineBox) else (child,):
                if isinstance(child, _boxes.TextBox):
                    kid = self.tags.pop(child)
                    mcid = kid["mcid"]
                    if tag == "Link":  # a link's text belongs to the link itself
                        element["K"].append(mcid)
                        self.nums[mcid] = reference
                    else:
                        span = self.element(f"/{kid['tag']}", element, [mcid])
                        element["K"].append(span.reference)
                        self.nums[mcid] = span.reference
                else:
                    # In PDF a nested list belongs to the outer list; in HTML, to its item.
                    nested_list = child.element_tag in ("ul", "ol") and element["S"] == "/LI"
                    home = parent if nested_list else element
                    # Before any grandchildren the child already put there (lists).
                    index = len(home["K"])
                    home["K"][index:index] = [kid.reference for kid in self.build(child, home)]

        if isinstance(box, _boxes.ReplacedBox):
            mcid = self.tags.pop(box)["mcid"]
            element["K"].append(mcid)
            self.nums[mcid] = reference

        if tag == "Table":
            _link_headers(element, box)
        return [element]



def _with_structure_attributes(
    elements: list[StructElement], box: Any, parent: Any
) -> list[StructElement]:
    """/Scope for header cells and /Lang (see the module's docstring), added to the elements a
    box gives as WeasyPrint 70's tagger hands them up, so in the same order of keys."""
    own = getattr(box, "element", None)
    for element in elements:
        attributes = element.get("A")
        if (
            element.get("S") == "/TH"
            and attributes is not None
            and own is not None
            and "Scope" not in attributes
        ):
            scope = own.attrib.get("scope", "col")
            attributes["Scope"] = "/Row" if scope == "row" else "/Column"
        if parent.get("S") == "/Document" and "Lang" not in element:
            lang = getattr(box, "style", {}).get("lang")
            if lang:
                element["Lang"] = pydyf.String(str(lang))
        if (
            own is not None
            and own.attrib.get("lang")
            and getattr(box, "element_tag", None) not in ("html", "body")
            and "Lang" not in element
        ):
            element["Lang"] = pydyf.String(own.attrib["lang"])
    return elements


def _link_headers(element: StructElement, table: Any) -> None:
    """Give each header cell of `table` an /ID, and each data cell the /Headers of its row and
    column (WeasyPrint 70's rules, spans included)."""

    def rows_of(box: Any) -> Any:
        for child in box.children:
            yield from [child] if child.element_tag == "tr" else rows_of(child)

    column_headers: defaultdict[int, list[Any]] = defaultdict(list)
    row_headers: defaultdict[int, list[Any]] = defaultdict(list)
    rows = tuple(rows_of(table))

    colspans: defaultdict[int, int] = defaultdict(int)
    for i, row in enumerate(rows):
        j = 0
        for cell in row.children:
            if cell.element is not None and cell.element_tag == "th":
                key = pydyf.String(f"{element.number}-{i}-{j}")
                cell.mark["ID"] = key
                if cell.element.attrib.get("scope") == "row":
                    row_headers[i].append(key)
                else:
                    column_headers[j].append(key)
            for _ in range(cell.colspan):
                colspans[j] = cell.rowspan - 1
                j += 1
            if colspans[j]:
                j += 1
                colspans[j] -= 1

    colspans = defaultdict(int)
    for i, row in enumerate(rows):
        j = 0
        for cell in row.children:
            if cell.element is not None and cell.element_tag == "td":
                headers = [
                    header for span in range(cell.rowspan) for header in row_headers[i + span]]
                headers += [
                    header for span in range(cell.colspan) for header in column_headers[j + span]]
                cell.mark["A"]["Headers"] = pydyf.Array(headers)
            for _ in range(cell.colspan):
                colspans[j] = cell.rowspan - 1
                j += 1
            if colspans[j]:
                j += 1
                colspans[j] -= 1
