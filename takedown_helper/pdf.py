"""HTML -> PDF bytes, in memory, fetching nothing but the project's own bundled assets.

WeasyPrint's default fetcher reads file://, http(s):// and data: URLs, follows redirects and embeds
attachments. Print templates are autoescaped and never built from user input, but this module is
the second wall: its fetcher serves a fixed set of bundled files and refuses everything else with
a fixed message that carries no user data. WeasyPrint's loggers are silenced because its warnings
quote URLs from the document.
"""

from __future__ import annotations

import copy
import gc
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

import pydyf
import weasyprint
import weasyprint.document as _wp_document
import weasyprint.pdf as _wp_pdf
import weasyprint.pdf.fonts as _pdf_fonts
import weasyprint.pdf.stream as _pdf_stream
import weasyprint.pdf.tags as _pdf_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from takedown_helper import frame_room, pdf_structure
from takedown_helper.paths import STATIC_DIR

ASSET_SCHEME = "asset:"
# Only these files may ever be loaded into a PDF, and only by these names.
BUNDLED_ASSETS = {
    "fonts/SourceSerifPro-Regular.ttf": "font/ttf",
    "fonts/SourceSerifPro-Bold.ttf": "font/ttf",
    "fonts/SourceSerifPro-It.ttf": "font/ttf",
    "fonts/SourceSansPro-Regular.ttf": "font/ttf",
    "fonts/SourceSansPro-Bold.ttf": "font/ttf",
    "css/print.css": "text/css",
}
REFUSED = "Resource refused: documents load only bundled assets."


class _OpenArrayFFI:
    """WeasyPrint's font subsetter asks cffi for `hb_codepoint_t[N]` with N the glyph count, and
    cffi parses every new N with pycparser (about 5 ms each, cached per N forever). A fresh worker
    paid that for each new count on its first letters, and the cache grew with every new count.
    `T[]` with the same initialiser gives the same array after one parse. Everything else goes
    straight to WeasyPrint's own FFI object.
    """

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        if isinstance(init, list | tuple) and cdecl.endswith(f"[{len(init)}]"):
            cdecl = cdecl[: -len(f"[{len(init)}]")] + "[]"
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)


if not isinstance(_pdf_fonts.ffi, _OpenArrayFFI):
    _pdf_fonts.ffi = _OpenArrayFFI(_pdf_fonts.ffi)

# The structure tree of every PDF: WeasyPrint's tagger calls this for each page.
if _pdf_tags._build_box_tree is not pdf_structure.build_box_tree:
    _pdf_tags._build_box_tree = pdf_structure.build_box_tree
# The marked content each text box is drawn in, which that tree maps.
if _pdf_stream.Stream.marked is not pdf_structure.marked:
    _pdf_stream.Stream.marked = pdf_structure.marked


@dataclass
class _Painted:
    """What painting one page put into its PDF: the content stream's operators, its marked
    content (for the structure tree), the fonts and graphic states it used, and, once written,
    the compressed stream itself."""

    prefix: list[Any]
    ops: list[Any] | None  # dropped once `data` is kept: the compressed stream is all a replay needs
    length: int  # len(stream.stream) after painting
    tags: list[tuple[Any, tuple[tuple[str, Any], ...]]] | None  # (box, its marked content's items)
    fonts: dict[str, Any]
    states: dict[str, Any]
    compress: bool
    data: bytes | None = None
    compacted: bool = False  # its page keeps no boxes, only its structure tree (keep_for_packet)


# Pages already painted, while `shared_painting()` is active (one render, one thread).
_PAINTED: ContextVar[dict[Any, _Painted] | None] = ContextVar("takedown_painted", default=None)
_paint = _wp_document.Page.paint


class _RecordingStream(_pdf_stream.Stream):
    """A page's content stream whose written bytes are kept for the next PDF that holds the page."""

    _painted: _Painted

    @property
    def data(self) -> bytes:
        data = super().data
        if len(self.stream) == self._painted.length:
            self._painted.data = data
            self._painted.ops = None
        return data


class _ReplayedStream(_pdf_stream.Stream):
    """A page's content stream replayed from an earlier PDF: the same operators, so the same
    bytes, which are not compressed a second time."""

    _painted: _Painted
    _replayed_length: int

    @property
    def data(self) -> bytes:
        painted = self._painted
        if painted.data is not None and self._replayed_length == len(self.stream):
            return painted.data
        if painted.ops is None:  # never: nothing is drawn on a page after painting it
            raise RuntimeError("a replayed page changed after it was painted")
        return super().data


def _fresh_font(font: Any) -> Any:
    """A copy of a document's font for another PDF: the whole font file again (the first PDF's
    writer subset its own copy in place) and its own glyph tables."""
    fresh = copy.copy(font)
    fresh.file_content = _pdf_fonts.get_hb_object_data(font.hb_face)
    fresh.widths = dict(font.widths)
    fresh.to_unicode = dict(font.to_unicode)
    fresh.missing = dict(font.missing)
    fresh.variations = dict(font.variations)
    fresh.tables = list(font.tables)
    return fresh


def _paint_once(page: Any, stream: Any, scale: float = 1) -> None:
    """Page.paint, doing the work once per page while `shared_painting()` is active: a page that
    goes into a document's own PDF and into the packet is painted (and its content stream
    compressed) for the first, and replayed for the second. Pages with anything but text, lines
    and flat colours (images, patterns, groups, missing glyphs) are always painted afresh."""
    painted = _PAINTED.get()
    if painted is None or type(stream) is not _pdf_stream.Stream:
        return _paint(page, stream, scale)
    record = painted.get(page)
    if record is not None:
        if not _replay(record, stream):
            if record.compacted:  # never: the packet is written with the options of the files
                raise RuntimeError("a page kept only for the packet cannot be painted again")
            _paint(page, stream, scale)
        return None
    resources = stream._resources
    counts = tuple(len(resources[k]) for k in ("XObject", "Pattern", "Shading"))
    before = len(stream.stream)
    tags_before = set(stream._tags) if stream._tags is not None else None
    by_id: dict[int, Any] = {}
    add_font = stream.add_font

    def recording_add_font(pango_font: Any) -> Any:
        font, size = add_font(pango_font)
        by_id[id(font)] = font
        return font, size

    stream.add_font = recording_add_font
    try:
        _paint(page, stream, scale)
    finally:
        del stream.add_font
    keys = {id(font): key for key, font in stream._fonts.items()}
    fonts = {keys[i]: font for i, font in by_id.items() if i in keys}
    plain = (
        tuple(len(resources[k]) for k in ("XObject", "Pattern", "Shading")) == counts
        and len(fonts) == len(by_id)
        and not any(font.missing or font.used_in_forms or font.bitmap for font in fonts.values())
        and not any(key.startswith("s") for key in resources["ExtGState"])
    )
    if not plain:
        return None
    tags = None
    if stream._tags is not None and tags_before is not None:
        tags = [(box, tuple(v.items())) for box, v in stream._tags.items() if box not in tags_before]
    painted[page] = _Painted(
        prefix=list(stream.stream[:before]),
        ops=list(stream.stream[before:]),
        length=len(stream.stream),
        tags=tags,
        fonts=fonts,
        states={key: dict(value) for key, value in resources["ExtGState"].items()},
        compress=stream.compress,
    )
    stream._painted = painted[page]
    stream.__class__ = _RecordingStream
    return None


def _replay(record: _Painted, stream: Any) -> bool:
    """Put a painted page into another PDF's stream; False if it cannot be the same page."""
    if (
        stream.stream != record.prefix
        or stream.compress != record.compress
        or (stream._tags is None) != (record.tags is None)
        or stream._tags
    ):
        return False
    if record.ops is None and record.data is None:
        return False
    if record.ops is not None:
        stream.stream.extend(record.ops)
    stream._replayed_length = len(stream.stream)
    if record.tags is not None:
        for box, tag in record.tags:
            stream._tags[box] = dict(tag)
    states = stream._resources["ExtGState"]
    for key, value in record.states.items():
        states.setdefault(key, pydyf.Dictionary(value))
    for key, font in record.fonts.items():
        mine = stream._fonts.get(key)
        if mine is None:
            stream._fonts[key] = _fresh_font(font)
        else:  # the first use of a glyph gives its text, as when painting page after page
            for glyph, width in font.widths.items():
                mine.widths.setdefault(glyph, width)
            for glyph, text in font.to_unicode.items():
                mine.to_unicode.setdefault(glyph, text)
    stream._painted = record
    stream.__class__ = _ReplayedStream
    return True


if getattr(_wp_document.Page.paint, "__name__", "") != "_paint_once":
    _wp_document.Page.paint = _paint_once

_build_fonts_dictionary = _wp_pdf.build_fonts_dictionary


def _sorted_fonts_dictionary(pdf: Any, fonts: Any, *args: Any) -> Any:
    """WeasyPrint writes each font's glyph-to-text map in the order glyphs were first drawn;
    sorted by glyph, a PDF is the same bytes whether its pages were painted or replayed."""
    for font in fonts.values():
        font.to_unicode = dict(sorted(font.to_unicode.items()))
    return _build_fonts_dictionary(pdf, fonts, *args)


if getattr(_wp_pdf.build_fonts_dictionary, "__name__", "") != "_sorted_fonts_dictionary":
    _wp_pdf.build_fonts_dictionary = _sorted_fonts_dictionary


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf builds this tuple of every page's reference anew on each use, and WeasyPrint's tagger
    uses it once per structure element: quadratic in pages (14,000 tuples for a 50-link case).
    The same tuple, rebuilt only when a page was added."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_takedown_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_takedown_page_references"] = cached
    return cached[1]


if not isinstance(pydyf.PDF.__dict__.get("page_references"), property) or (
    pydyf.PDF.page_references.fget is not _page_references
):
    pydyf.PDF.page_references = property(_page_references)


@frame_room.in_room
def paint_for_packet(document: weasyprint.Document) -> None:
    """Inside `shared_painting()`: paint each page of a laid-out document, and compress its
    stream, as the packet's writer will, without writing a PDF of it; then keep only what the
    packet reads (`keep_for_packet`). A packet asked for alone is then made like `render_plan`'s:
    one document's layout at a time, the packet replaying pages painted here."""
    scale = 0.75  # PDF points per CSS pixel, as write_pdf at zoom 1
    for page in document.pages:
        # Each page's stream set up as weasyprint.pdf.generate_pdf does (WeasyPrint 70); the
        # packet replays a page only if its stream starts the same way (`_replay`).
        bleed = page.bleed
        rectangle = (-bleed["left"], -bleed["top"], page.width + bleed["left"] + bleed["right"],
                     page.height + bleed["top"] + bleed["bottom"])
        resources = pydyf.Dictionary({
            name: pydyf.Dictionary()
            for name in ("ExtGState", "XObject", "Pattern", "Shading", "ColorSpace")
        })
        stream = _pdf_stream.Stream(
            document.fonts, rectangle, resources, {}, {}, document.color_profiles,
            document.output_intent, compress=True,
        )
        stream.transform(d=-1, f=page.height * scale)
        page.paint(stream, scale)
        stream.data  # noqa: B018 -- compressed now and kept for the packet (_RecordingStream)
        record = _PAINTED.get().get(page)  # type: ignore[union-attr]
        if record is not None and record.tags is not None:
            # Its structure tree, as its own PDF would have got it.
            pdf_structure.record_tree(
                page._page_box, page.links, {box: dict(tag) for box, tag in record.tags})
    keep_for_packet(document)


class _LinkBox:
    """What the packet's writer reads of a link's box once its page is kept for the packet: it
    sets the box's annotation, which the page's structure tree then refers to."""

    link_annotation: Any = None
    widget_annotation: Any = None


def keep_for_packet(document: weasyprint.Document) -> None:
    """After a document's own PDF is written (or its pages painted) inside `shared_painting()`,
    keep of each painted page only what writing it again into the packet reads: its replayable
    stream (`_Painted`), its links and bookmarks, and its structure tree as the document's own
    PDF got it (`pdf_structure.PageTree`, standing in for the page's boxes). A page's boxes
    (styles, Pango layouts, positions) are most of a layout's memory, and a packet holds every
    document's pages: without this, a 36-document case held all 36 layouts until the packet
    was written. Pages that were not painted in a replayable way, or whose tree could not be
    kept, keep their boxes.

    Afterwards the document is only a source of pages for `join` in the same block: `write`
    refuses it (its fonts no longer hold the subsets its own file embedded)."""
    painted = _PAINTED.get()
    if painted is None:
        raise RuntimeError("keep_for_packet is for a document written inside shared_painting()")
    for page in document.pages:
        tree = pdf_structure.take_tree(page._page_box)
        record = painted.get(page)
        if tree is None or record is None or record.tags is None or record.data is None:
            continue
        # Links the writer annotates (not attachments, which read their element).
        if any(link[0] not in ("internal", "external") for link in page.links):
            continue
        stand_ins = {id(link[3]): _LinkBox() for link in page.links}
        if any(id(box) not in stand_ins for box in tree.boxes):
            continue
        tree.boxes = [stand_ins[id(box)] for box in tree.boxes]
        page._page_box = tree
        page.links = [(*link[:3], stand_ins[id(link[3])]) for link in page.links]
        # The tree knows each marked content by its id: no box needs to be kept for it.
        record.tags = [(object(), tag) for _, tag in record.tags]
        for font in record.fonts.values():
            # The subset this document's own file embedded: the packet subsets its own copy.
            font.file_content = b""
        record.compacted = True
    document._html = None  # the parsed HTML
    document.takedown_kept_for_packet = True


@contextmanager
def shared_painting() -> Iterator[None]:
    """Within this block, a page written into several PDFs (a document's own file and the
    packet) is painted once."""
    token = _PAINTED.set({})
    try:
        with pdf_structure.recording():  # each page's structure tree, for keep_for_packet
            yield
    finally:
        _PAINTED.reset(token)


for _name in ("weasyprint", "weasyprint.progress"):
    _logger = logging.getLogger(_name)
    _logger.disabled = True
    _logger.propagate = False


class AssetFetcher(URLFetcher):
    """Serves `asset:NAME` for the bundled files above; refuses any other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("asset",), allow_redirects=False, timeout=1)
        self._bodies = {name: (STATIC_DIR / name).read_bytes() for name in BUNDLED_ASSETS}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        name = url.removeprefix(ASSET_SCHEME) if url.startswith(ASSET_SCHEME) else None
        if name not in self._bodies:
            raise ValueError(REFUSED)
        return URLFetcherResponse(
            url, body=self._bodies[name], headers={"Content-Type": BUNDLED_ASSETS[name]}
        )


@dataclass(frozen=True)
class _Toolkit:
    fetcher: AssetFetcher
    fonts: FontConfiguration
    stylesheet: weasyprint.CSS


@cache
def _toolkit() -> _Toolkit:
    """One fetcher, font configuration and parsed stylesheet per process."""
    fetcher = AssetFetcher()
    fonts = FontConfiguration()
    css = weasyprint.CSS(
        string=(STATIC_DIR / "css/print.css").read_text(encoding="utf-8"),
        base_url=ASSET_SCHEME,
        url_fetcher=fetcher,
        font_config=fonts,
    )
    return _Toolkit(fetcher, fonts, css)


# Touches every bundled face (serif regular, bold, italic; sans regular, bold), the running
# footers, a table and a list, so that the first real letter finds them all loaded.
_WARM_UP_HTML = """<!doctype html><html lang="en"><head><title>Warm-up</title></head>
<body class="paper-letter" data-footref="Warm-up" data-page="Page" data-of="of">
<div class="letterhead"><div class="org">Warm-up</div><div>Warm-up 0123456789</div></div>
<div class="window"><div>Warm-up</div></div><div class="after-window"></div>
<h1>Warm-up</h1><p>Warm-up <strong>bold</strong> <em>italic</em> <span class="url">https://a.invalid/</span></p>
<ul><li>Warm-up</li></ul><ol class="links"><li><span class="link-number">1.</span>Warm-up</li></ol><table><tr><th>Warm-up</th><td>Warm-up</td></tr></table></body></html>"""


def warm_up() -> None:
    """Load fonts, the stylesheet and the PDF writer now (at worker start), so the first user
    does not wait: one small letter is laid out and written, and its bytes dropped. Then the
    process's long-lived state is set aside from the garbage collector (`freeze_warm_state`)."""
    write(layout(_WARM_UP_HTML))
    freeze_warm_state()


def freeze_warm_state() -> None:
    """Move every object alive now (fonts, the parsed stylesheets, compiled templates, the
    directory: the state a worker keeps for its life) out of the garbage collector's reach
    (`gc.freeze`), after collecting what is garbage already. A full collection during a render
    then walks only the render's own objects, not the warm state again each time: about 7 %
    of a render's CPU. Objects frozen here were going to live as long as the process anyway."""
    gc.collect()
    gc.freeze()


@frame_room.in_room
def layout(html: str) -> weasyprint.Document:
    """Lay out one document; its pages can be written alone or joined into a packet."""
    kit = _toolkit()
    return weasyprint.HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=kit.fetcher).render(
        stylesheets=[kit.stylesheet],
        font_config=kit.fonts,
        pdf_tags=True,
        presentational_hints=False,
    )


_PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "attachments": [], "pdf_forms": False}


@frame_room.in_room
def write(document: weasyprint.Document) -> bytes:
    """PDF bytes for a laid-out document. Metadata comes only from its neutral <title>."""
    if getattr(document, "takedown_kept_for_packet", False):
        raise RuntimeError("a document kept only for the packet cannot be written alone")
    return document.write_pdf(**_PDF_OPTIONS)


@frame_room.in_room
def join(
    documents: Sequence[weasyprint.Document], title: str | None = None, lang: str | None = None
) -> bytes:
    """One PDF of several laid-out documents; each keeps its own bookmarks and page numbers.
    Its Title is `title`, or else the last document's own neutral <title>; its language is
    `lang`, or else the last document's (each part's elements also carry their own /Lang)."""
    pages: Iterable[Any] = [page for doc in documents for page in doc.pages]
    packet = documents[0].copy(pages)
    # copy() shares the first document's metadata: the packet's title is its own.
    packet.metadata = copy.copy(packet.metadata)
    packet.metadata.title = title or documents[-1].metadata.title
    packet.metadata.lang = lang or documents[-1].metadata.lang
    return packet.write_pdf(**_PDF_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    return write(layout(html))
