"""HTML -> PDF bytes, in memory, fetching nothing but the project's own bundled assets.

WeasyPrint's default fetcher reads file://, http(s):// and data: URLs, follows redirects and embeds
attachments. Print templates are autoescaped and never built from user input, but this module is
the second wall: its fetcher serves a fixed set of bundled files and refuses everything else with
a fixed message that carries no user data. WeasyPrint's loggers are silenced because its warnings
quote URLs from the document.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pydyf
import weasyprint
import weasyprint.pdf.fonts as _pdf_fonts
import weasyprint.pdf.tags as _pdf_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

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

_build_box_tree = _pdf_tags._build_box_tree


def _with_structure_attributes(box: Any, parent: Any, *args: Any) -> Any:
    """Two gaps in WeasyPrint 70's PDF/UA tagging, filled by wrapping its tree builder (which calls
    itself through the module, so every level passes here):
    - `<th>` becomes /TH with header ids but no /Scope; PDF/UA checkers and screen readers look
      for it, so /Scope /Column or /Row is added from the cell's `scope` attribute;
    - only the catalog gets a language, so a packet (or a letter in English after a cover page in
      Spanish) read everything in one voice; each top-level element now carries its own
      document's /Lang (from `<html lang>`, which WeasyPrint computes into `style["lang"]`), and
      every element with its own `lang` attribute (a passage in another language, such as an
      English name in a Spanish guide) carries that /Lang.
    Remove when WeasyPrint writes these itself."""
    for element in _build_box_tree(box, parent, *args):
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


if getattr(_pdf_tags._build_box_tree, "__name__", "") != "_with_structure_attributes":
    _pdf_tags._build_box_tree = _with_structure_attributes

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
<body class="paper-letter"><div class="footref">Warm-up</div>
<div class="footpages">Page <span class="page"></span> of <span class="total"></span></div>
<div class="letterhead"><div class="org">Warm-up</div><div>Warm-up 0123456789</div></div>
<div class="window"><div>Warm-up</div></div><div class="after-window"></div>
<h1>Warm-up</h1><p>Warm-up <strong>bold</strong> <em>italic</em> <span class="url">https://a.invalid/</span></p>
<ul><li>Warm-up</li></ul><table><tr><th>Warm-up</th><td>Warm-up</td></tr></table></body></html>"""


def warm_up() -> None:
    """Load fonts, the stylesheet and the PDF writer now (at worker start), so the first user
    does not wait: one small letter is laid out and written, and its bytes dropped."""
    write(layout(_WARM_UP_HTML))


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


def write(document: weasyprint.Document) -> bytes:
    """PDF bytes for a laid-out document. Metadata comes only from its neutral <title>."""
    return document.write_pdf(**_PDF_OPTIONS)


def join(
    documents: Sequence[weasyprint.Document], title: str | None = None, lang: str | None = None
) -> bytes:
    """One PDF of several laid-out documents; each keeps its own bookmarks and page numbers.
    Its Title is `title`, or else the last document's own neutral <title> (the letter, after
    any cover page); its language is `lang`, or else the last document's (each part's elements
    also carry their own /Lang)."""
    pages: Iterable[Any] = [page for doc in documents for page in doc.pages]
    packet = documents[0].copy(pages)
    packet.metadata.title = title or documents[-1].metadata.title
    packet.metadata.lang = lang or documents[-1].metadata.lang
    return packet.write_pdf(**_PDF_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    return write(layout(html))
