"""The PDF/UA structure tree of every PDF: the tree WeasyPrint 70's tagger builds, with /Scope
and /Lang added and without a /Span for each text box, built in one pass of plain recursion and
written without pydyf's general serialiser.

Each page's text is marked content, and the structure tree maps it to the HTML's elements
(headings, paragraphs, lists, tables, links) so that screen readers read a letter in order and
in its language. WeasyPrint 70 builds the tree with a generator per box and writes each element
through pydyf's `_to_bytes`, which tests every value's type; for the example's letters that was
most of what tagging costs over an untagged PDF (about 6 % of a render). This module builds the
same elements, in the same order, with the same keys (`tests/test_pdf_structure.py` compares
every scenario's PDFs with those of WeasyPrint's own tagger, object for object), and writes each
element with one join.

WeasyPrint wraps each text box's marked content in a /Span element of its own that holds
nothing else: a paragraph of six lines is a /P of six /Span. Here the marked content belongs to
the element around it (the /P holds its six marked-content ids), as WeasyPrint already does for
a link's text and an image, and as PDF allows for any element (ISO 32000-1, 14.7.2: an
element's /K may hold marked-content ids). Screen readers read the same text in the same order
and language; the tree has some 40 % fewer elements to build, write and compress.

A page written into its document's own PDF and again into the packet gets the same tree twice,
numbered differently. Inside `recording()` (pdf.shared_painting), each page's tree is kept as a
`PageTree`: each object's bytes with its references left symbolic. The packet writes it again
from that, without walking the page's boxes, which `pdf.keep_for_packet` then need not keep.

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
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

import pydyf
import weasyprint.pdf.stream as _wp_stream
import weasyprint.pdf.tags as _wp_tags
from weasyprint.formatting_structure import boxes as _boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

# WeasyPrint's own tree builder and marked content, which the tests compare this module's with
# (pdf.py puts this module's in their place).
WEASYPRINT_BUILD_BOX_TREE = _wp_tags._build_box_tree
WEASYPRINT_MARKED = _wp_stream.Stream.marked
_pdf_tag = cache(_wp_tags._get_pdf_tag)  # HTML tag -> structure type: a pure function
_CELLS = ("/TD", "/TH")


_KEYS: dict[str, bytes] = {}  # each key's bytes, "/Type " ...


def _serialise(values: dict[str, Any], out: list[Any], symbolic: Any = None) -> None:
    """Append to `out` the bytes of a dictionary of the tree, as pydyf.Dictionary writes it (and
    pydyf.Array, for its arrays), with its types tested first. With `symbolic`, each reference
    and header id is appended as what `symbolic` makes of it (`PageTree.of`)."""
    out.append(b"<<")
    for key, value in values.items():
        name = _KEYS.get(key)
        if name is None:
            name = _KEYS[key] = b"/" + key.encode("ascii") + b" "
        out.append(name)
        kind = type(value)
        # The values most elements hold, written here rather than by a call each.
        if kind is str:  # a name
            out.append(value.encode("ascii"))
        elif kind is bytes and symbolic is None:  # a reference
            out.append(value)
        elif kind is list and symbolic is None:  # kids: references and marked-content ids
            out.append(b"[")
            for index, item in enumerate(value):
                if index:
                    out.append(b" ")
                if type(item) is bytes:
                    out.append(item)
                else:
                    _serialise_value(item, out, symbolic)
            out.append(b"]")
        else:
            _serialise_value(value, out, symbolic)
    out.append(b">>")


def _serialise_value(value: Any, out: list[Any], symbolic: Any) -> None:
    kind = type(value)
    if kind is bytes:  # a reference
        out.append(value if symbolic is None else symbolic(value))
    elif kind is str:  # a name
        out.append(value.encode("ascii"))
    elif kind is int:  # a marked-content id, a span
        out.append(b"%d" % value)
    elif kind is list or kind is pydyf.Array:
        out.append(b"[")
        for index, item in enumerate(value):
            if index:
                out.append(b" ")
            _serialise_value(item, out, symbolic)
        out.append(b"]")
    elif kind is pydyf.Dictionary:
        _serialise(value, out, symbolic)
    elif kind is _HeaderId and symbolic is not None:
        out.append(symbolic(value))
    else:
        out.append(pydyf._to_bytes(value))


class StructElement(pydyf.Dictionary):
    """A dictionary of the tree, added to its PDF when made. It writes itself as
    pydyf.Dictionary does (`_serialise`), or as its page's recorded tree wrote it
    (`PageTree.of`), and formats its reference once (each element's is read by each of its
    kids). Its kids (`K`) are a plain list of references and marked-content ids."""

    compressible = True  # as pydyf decides for any dictionary: it goes in the object stream
    # What pydyf.Object.__init__ sets on each object, the same for every element: set once here.
    offset, generation, free = 0, 0, "n"
    reference: bytes = b""  # set when added
    written: bytes | None = None  # its bytes, once its page's tree is recorded

    def __init__(self, values: dict[str, Any], pdf: Any) -> None:
        dict.__init__(self, values)
        objects = pdf.objects  # as pdf.add_object does
        self.number = len(objects)
        objects.append(self)
        self.reference = b"%d 0 R" % self.number

    @property
    def data(self) -> bytes:
        if self.written is not None:
            return self.written
        out: list[Any] = []
        _serialise(self, out)
        return b"".join(out)


class _Written(pydyf.Object):
    """An object of a page's tree written again: its bytes are all it has."""

    def __init__(self, written: bytes, pdf: Any) -> None:
        super().__init__()
        self.written = written
        pdf.add_object(self)

    @property
    def data(self) -> bytes:
        return self.written


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
) -> list[Any]:
    """WeasyPrint 70's `_build_box_tree` for one page (`weasyprint.pdf.tags.add_tags` calls it
    with each page box): the page's structure elements under `parent`, each already added to
    `pdf`; `nums` maps each marked-content id to its element, `annotations` gets each link's.

    A page kept for the packet (`pdf.keep_for_packet`) has a `PageTree` for a page box: the tree
    its document's own PDF got, written again. Inside `recording()`, each page's tree is kept
    for that."""
    if isinstance(box, PageTree):
        return box.replay(parent, pdf, page_number, nums, annotations, tags)
    scratch = isinstance(pdf, _Scratch)
    start, first_annotation = len(pdf.objects), len(annotations)
    walk = _Walk(pdf, page_number, nums, annotations, tags)
    elements = walk.build(box, parent)
    recorded = _RECORDED.get()
    if recorded is not None and isinstance(box, _boxes.PageBox):
        tree = PageTree.of(
            pdf.objects[start:], elements, walk.page, parent.reference, nums,
            annotations[first_annotation:], walk.annotated, written_here=not scratch)
        if tree is not None:
            recorded[box] = tree
    return elements


class _Walk:
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
        # The reference of each annotation this page's elements hold -> (its box, its kind).
        self.annotated: dict[bytes, tuple[Any, str]] = {}

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
                self.annotated[annotation.reference] = (box, _WIDGET if form else _LINK)
                target = StructElement({
                    "Type": "/OBJR", "Obj": annotation.reference, "Pg": self.page}, self.pdf)
                if form:
                    holder = self.element("/Form", element, [target.reference])
                    self.annotations.append((holder.reference, annotation))
                    element["K"].append(holder.reference)
                else:
                    self.annotations.append((reference, annotation))
                    element["K"].append(target.reference)

        for outer in box.children:
            for child in outer.children if isinstance(outer, _boxes.LineBox) else (outer,):
                if isinstance(child, _boxes.TextBox):
                    # Its marked content is this element's own (the module's docstring).
                    mcid = self.tags.pop(child)["mcid"]
                    element["K"].append(mcid)
                    self.nums[mcid] = reference
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

    rows = tuple(rows_of(table))
    column_headers: defaultdict[int, list[Any]] = defaultdict(list)
    row_headers: defaultdict[int, list[Any]] = defaultdict(list)
    for i, j, cell in _cells(rows):
        if cell.element is not None and cell.element_tag == "th":
            key = _HeaderId(element.number, i, j)
            cell.mark["ID"] = key
            if cell.element.attrib.get("scope") == "row":
                row_headers[i].append(key)
            else:
                column_headers[j].append(key)
    for i, j, cell in _cells(rows):
        if cell.element is not None and cell.element_tag == "td":
            headers = [
                header for span in range(cell.rowspan) for header in row_headers[i + span]]
            headers += [
                header for span in range(cell.colspan) for header in column_headers[j + span]]
            cell.mark["A"]["Headers"] = pydyf.Array(headers)


def _cells(rows: tuple[Any, ...]) -> Any:
    """(row, column, cell) of each cell, columns counted as WeasyPrint 70 counts them."""
    colspans: defaultdict[int, int] = defaultdict(int)
    for i, row in enumerate(rows):
        j = 0
        for cell in row.children:
            yield i, j, cell
            for _ in range(cell.colspan):
                colspans[j] = cell.rowspan - 1
                j += 1
            if colspans[j]:
                j += 1
                colspans[j] -= 1


class _HeaderId(pydyf.String):
    """The id of a table's header cell: the table element's object number, its row and column."""

    def __init__(self, table: int, row: int, column: int) -> None:
        super().__init__(f"{table}-{row}-{column}")
        self.table, self.place = table, (row, column)


# A page's tree written again: what its references become in another PDF.
_LINK, _WIDGET = "link_annotation", "widget_annotation"


@dataclass(frozen=True, slots=True)
class _Step:
    """A reference to the page tree's object made at this step."""

    step: int


@dataclass(frozen=True, slots=True)
class _Annotation:
    """A reference to the link (or form widget) annotation of the tree's box in this slot."""

    slot: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Id:
    """A header cell's id, numbered by the table made at this step."""

    table: int
    row: int
    column: int


_PAGE, _PARENT = object(), object()  # the page's reference; the tree's parent's


class _Unknown(Exception):
    """A reference the page tree cannot write again: the page keeps its boxes instead."""


@dataclass(slots=True)
class PageTree:
    """One page's structure tree as its document's own PDF got it: each object's bytes, with
    each reference to the page's own objects, the page, the parent or a link annotation (and
    each header id) left symbolic. Enough to write the same tree into the packet, numbered
    there, without the page's boxes (`build_box_tree`); it stands in for the page box of a page
    kept for the packet (`pdf.keep_for_packet`)."""

    templates: list[list[Any]]  # each object's bytes and symbols, in the order made
    top: list[int]  # the steps of the elements handed to the parent
    nums: list[tuple[int, int]]  # (marked-content id, step of its element)
    annotations: list[tuple[int, int, str]]  # (step of the element, its box's slot, kind)
    boxes: list[Any]  # the annotated boxes, by slot

    @classmethod
    def of(
        cls, objects: list[Any], elements: list[Any], page: bytes, parent: bytes,
        nums: dict[int, bytes], annotations: list[tuple[bytes, Any]],
        annotated: dict[bytes, tuple[Any, str]], written_here: bool,
    ) -> PageTree | None:
        """The tree of one page just built: `objects` are those its walk added, in order. If
        `written_here`, each object keeps the bytes the tree gives it in this PDF."""
        if not objects or not all(type(made) is StructElement for made in objects):
            return None
        steps = {made.reference: _Step(step) for step, made in enumerate(objects)}
        boxes: list[Any] = []
        symbols: dict[bytes, Any] = {page: _PAGE, parent: _PARENT}
        for reference, (box, kind) in annotated.items():
            symbols[reference] = _Annotation(len(boxes), kind)
            boxes.append(box)

        def symbolic(value: Any) -> Any:
            if type(value) is _HeaderId:
                return _Id(steps[b"%d 0 R" % value.table].step, *value.place)
            found = steps.get(value) or symbols.get(value)
            if found is None:
                raise _Unknown
            return found

        try:
            templates = []
            for made in objects:
                out: list[Any] = []
                _serialise(made, out, symbolic)
                templates.append(_joined(out))
            tree = cls(
                templates=templates,
                top=[steps[element.reference].step for element in elements],
                nums=[(mcid, steps[reference].step) for mcid, reference in nums.items()],
                annotations=[(steps[reference].step, symbols[annotation.reference].slot,
                              symbols[annotation.reference].kind)
                             for reference, annotation in annotations],
                boxes=boxes,
            )
        except (_Unknown, KeyError):
            return None
        if written_here:
            for made, data in zip(objects, tree._written(objects[0].number, page, parent),
                                  strict=True):
                made.written = data
        return tree

    def _written(self, base: int, page: bytes, parent: bytes) -> list[bytes]:
        """Each object's bytes when the tree's first object is number `base`."""
        boxes = self.boxes
        out = []
        for template in self.templates:
            parts = []
            for part in template:
                kind = type(part)
                if kind is bytes:
                    parts.append(part)
                elif kind is _Step:
                    parts.append(b"%d 0 R" % (base + part.step))
                elif part is _PAGE:
                    parts.append(page)
                elif part is _PARENT:
                    parts.append(parent)
                elif kind is _Annotation:
                    parts.append(getattr(boxes[part.slot], part.kind).reference)
                else:  # _Id, as pydyf.String writes "table-row-column"
                    parts.append(b"(%d-%d-%d)" % (base + part.table, part.row, part.column))
            out.append(b"".join(parts))
        return out

    def replay(
        self, parent: Any, pdf: Any, page_number: int, nums: dict[int, bytes],
        annotations: list[Any], tags: dict[Any, dict[str, Any]],
    ) -> list[Any]:
        """The page's tree in `pdf`: the same objects, in the same order, numbered there."""
        if sorted(tag["mcid"] for tag in tags.values()) != sorted(mcid for mcid, _ in self.nums):
            raise RuntimeError("a page's marked content is not what its structure tree maps")
        tags.clear()
        base = len(pdf.objects)
        made = [_Written(data, pdf) for data in
                self._written(base, pdf.page_references[page_number], parent.reference)]
        for mcid, step in self.nums:
            nums[mcid] = made[step].reference
        for step, slot, kind in self.annotations:
            annotations.append((made[step].reference, getattr(self.boxes[slot], kind)))
        return [made[step] for step in self.top]


def _joined(parts: list[Any]) -> list[Any]:
    """Adjacent bytes joined: a template of bytes and symbols, alternating."""
    joined: list[Any] = []
    run: list[bytes] = []
    for part in parts:
        if type(part) is bytes:
            run.append(part)
        else:
            if run:
                joined.append(b"".join(run))
                run = []
            joined.append(part)
    if run:
        joined.append(b"".join(run))
    return joined


_RECORDED: ContextVar[dict[Any, PageTree] | None] = ContextVar(
    "takedown_page_trees", default=None)


@contextmanager
def recording() -> Iterator[dict[Any, PageTree]]:
    """Within this block, the tree of each page written is kept, by page box, in the dict."""
    recorded: dict[Any, PageTree] = {}
    token = _RECORDED.set(recorded)
    try:
        yield recorded
    finally:
        _RECORDED.reset(token)


def take_tree(page_box: Any) -> PageTree | None:
    """The tree recorded in this `recording()` block for this page box, once."""
    recorded = _RECORDED.get()
    return None if recorded is None else recorded.pop(page_box, None)


class _Scratch:
    """Just enough of a pydyf.PDF for `build_box_tree` to build one page's tree into."""

    def __init__(self) -> None:
        self.objects: list[Any] = []
        page = pydyf.Dictionary({"Type": "/Page"})
        self.add_object(page)
        self.page_references = (page.reference,)
        self.document = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document"})
        self.add_object(self.document)

    def add_object(self, made: Any) -> None:
        made.number = len(self.objects)
        self.objects.append(made)


def record_tree(page_box: Any, links: list[Any], tags: dict[Any, dict[str, Any]]) -> None:
    """Inside `recording()`: record the tree of a page painted but not written (for a packet
    asked for alone), as if written. Each link the writer annotates (WeasyPrint 70's
    `add_links`: internal and external ones) gets a stand-in annotation while the tree is built,
    so that the tree refers to it as it would in a written PDF."""
    scratch = _Scratch()
    annotated = []
    for link_type, _, _, box in links:
        if link_type in ("internal", "external") and "link_annotation" not in box.__dict__:
            annotation = pydyf.Dictionary({"Type": "/Annot"})
            scratch.add_object(annotation)
            box.link_annotation = annotation
            annotated.append(box)
    try:
        build_box_tree(page_box, scratch.document, scratch, 0, {}, [], dict(tags))
    finally:
        for box in annotated:
            del box.link_annotation
