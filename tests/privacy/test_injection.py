"""Promise 3 under attack: payloads aimed at the PDF renderer, placed in every free-text field,
fetch nothing (a loopback server counts zero hits), embed nothing, come out as literal text,
and finish. Plus the renderer's fetcher refusing every non-bundled URL on its own."""

from __future__ import annotations

import copy
import io
import re
import time
import unicodedata

import pytest
from privacy_support import TODAY, fill, free_text_paths, get, put
from pypdf import PdfReader

from takedown_helper import pdf
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan

HANG_GUARD_SECONDS = 20
L = "http://127.0.0.1:{port}"  # filled with the loopback server's port

PAYLOADS = [
    "<b>bold</b>",
    "<img src=" + L + "/img>",
    "<img src='" + L + "/img2' onerror='alert(1)'>",
    "<link rel=attachment href=" + L + "/attach>",
    "<link rel=stylesheet href=" + L + "/css>",
    "<style>@import '" + L + "/import';</style>",
    "<style>body{background:url(" + L + "/bg)}</style>",
    "<div style=\"background:url('" + L + "/inline')\">x</div>",
    "url(" + L + "/bare-url)",
    "@import url(" + L + "/bare-import);",
    "<script>fetch('" + L + "/script')</script>",
    "<script src=" + L + "/script.js></script>",
    "<iframe src=" + L + "/frame></iframe>",
    "<object data=" + L + "/object></object>",
    "<embed src=" + L + "/embed>",
    "<video poster=" + L + "/poster></video>",
    "<audio src=" + L + "/audio></audio>",
    "<svg><image href='" + L + "/svg-image'/></svg>",
    "<svg xmlns='http://www.w3.org/2000/svg'><use href='" + L + "/use#a'/></svg>",
    "<svg onload=alert(1)>",
    "<a href=" + L + "/link>link</a>",
    "<base href=" + L + "/base/>",
    "<meta http-equiv=refresh content='0;url=" + L + "/refresh'>",
    "<meta name=author content=ZqAuthor>",
    "<title>ZqTitle</title>",
    "<img src=file:///etc/passwd>",
    "<link rel=attachment href=file:///etc/passwd>",
    "file:///etc/passwd",
    "<img src=http://169.254.169.254/latest/meta-data/>",
    "<img src=http://[::1]:{port}/v6>",
    "<img src=http://localhost:{port}/localhost>",
    "<img src=http://2130706433:{port}/decimal>",
    "<img src=" + L + "/redirect?to=http://169.254.169.254/>",
    "<img src='data:image/svg+xml,<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"" + L + "/data-svg\"/></svg>'>",
    "<img src=data:image/png;base64,iVBORw0KGgo=>",
    "data:text/html,<script>alert(1)</script>",
    "<img src=asset:css/print.css>",
    "<link rel=attachment href=asset:fonts/SourceSansPro-Regular.ttf>",
    "<img src=//127.0.0.1:{port}/protocol-relative>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "{{ config }}",
    "${7*7}",
    "%(x)s %s %d",
    "{0} {1!r} {x.__class__}",
    "\u202eevil\u202c and \u2066isolate\u2069",
    "nul\x00byte",
    "line\r\nbreak",
    "'\"`; DROP TABLE cases; --",
    "&lt;escaped&gt; &amp;amp; &#x3C;",
    "]]><!--<![CDATA[",
    "\\u003cscript\\u003e",
    "A" * 1990,
    "W" * 190,
    "😀" * 50 + " emoji",
    "‮" * 40,
    "<!-- comment -->",
    "<p style='page-break-after:always'>x</p>" * 3,
    "<table><tr><td>" * 30,
]


def _payloads(port: int) -> list[str]:
    return [p.replace("{port}", str(port)) for p in PAYLOADS]


def test_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _squash(text: str) -> str:
    # Compare without whitespace, controls and direction marks: line breaks and bidi controls
    # are layout, not content.
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    )


def _assert_nothing_embedded(data: bytes) -> None:
    assert b"/EmbeddedFiles" not in data
    assert b"/FileAttachment" not in data
    assert b"/JavaScript" not in data and b"/URI (" + b"http://127" not in data
    reader = PdfReader(io.BytesIO(data))
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"


@pytest.fixture(scope="module")
def kinds(warm):
    """Each document kind the full example plans, and which free-text fields it prints (found
    by rendering it once with a distinct token in every field). Each payload is then rendered
    with one kind, in turn, so every kind meets many payloads and the run stays short."""
    data, _ = fill("ZqProbe")
    paths = free_text_paths(data)
    tokens = {}
    for n, path in enumerate(paths):
        if get(data, path) == "ZqProbe":
            tokens[path] = f"ZqF{n}Q"
            put(data, path, tokens[path])
    the_plan = plan(parse_case(data, TODAY), TODAY)
    found = {}
    for kind in dict.fromkeys(doc.kind for doc in the_plan.documents):
        one = copy.deepcopy(data)
        one["choices"]["documents"] = [kind]
        text = _pdf_text(render_plan(plan(parse_case(one, TODAY), TODAY)).packet)
        found[kind] = {path for path, token in tokens.items() if token in text}
    assert len(found) >= 3
    return found


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_payload_in_every_field_fetches_nothing_and_stays_text(loopback, kinds, index):
    payload = _payloads(loopback.port)[index]
    data, placed = fill(payload)
    kind = list(kinds)[index % len(kinds)]
    data["choices"]["documents"] = [kind]
    before = len(loopback.hits)
    started = time.monotonic()
    output = render_plan(plan(parse_case(data, TODAY), TODAY))
    assert time.monotonic() - started < HANG_GUARD_SECONDS  # a hang guard, not a timing goal
    assert loopback.hits[before:] == []
    text = _squash(_pdf_text(output.packet))
    for name, body in output.files():
        if name.endswith(".pdf"):
            _assert_nothing_embedded(body)
    # Where a field this kind prints accepted the payload as typed, the letter shows it as
    # typed: escaped text, never markup.
    shown = [path for path, value in placed.items() if value == payload and path in kinds[kind]]
    if shown and _squash(payload):
        wanted = _squash(payload)
        if len(wanted) > 300:  # very long words are split across lines by the layout
            wanted = wanted[:60]
        assert wanted in text, (payload, kind, shown)


def test_loopback_server_counts_hits(loopback):
    import urllib.request

    before = len(loopback.hits)
    with pytest.raises(Exception):  # noqa: B017 - the 302 loops back to itself, then fails
        urllib.request.urlopen(loopback.url + "/probe", timeout=5)
    assert loopback.hits[before] == "/probe"


# --- the fetcher on its own --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:{port}/direct",
        "https://127.0.0.1:{port}/direct-tls",
        "http://169.254.169.254/latest/meta-data/",
        "data:text/css,body{}",
        "data:image/png;base64,iVBORw0KGgo=",
        "asset:../pyproject.toml",
        "asset:fonts/../../pyproject.toml",
        "asset:/etc/passwd",
        "ftp://127.0.0.1/x",
    ],
)
def test_fetcher_refuses_everything_but_bundled_assets(loopback, url):
    url = url.replace("{port}", str(loopback.port))
    before = len(loopback.hits)
    with pytest.raises(ValueError, match=re.escape(pdf.REFUSED)):
        pdf.AssetFetcher().fetch(url)
    assert loopback.hits[before:] == []


def test_fetcher_serves_the_bundled_fonts():
    fetcher = pdf.AssetFetcher()
    for name, mime in pdf.BUNDLED_ASSETS.items():
        response = fetcher.fetch(pdf.ASSET_SCHEME + name)
        body = response.read() if hasattr(response, "read") else response.body
        assert len(body) > 100
        assert mime in str(getattr(response, "headers", {}) or mime)


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="attachment" href="{L}/attachment" title="x">',
        '<link rel="stylesheet" href="{L}/sheet.css">',
        '<style>@import url("{L}/import.css");</style>',
        '<style>body {{ background: url("{L}/bg.png") }}</style>',
        '<style>@font-face {{ font-family: X; src: url("{L}/font.ttf") }} p {{ font-family: X }}</style>',
        '<img src="{L}/img.png" alt="">',
        '<img src="file:///etc/passwd" alt="">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Cimage href=%22{L}/svg%22/%3E%3C/svg%3E" alt="">',
        '<object data="{L}/object"></object><embed src="{L}/embed">',
    ],
)
def test_renderer_fetches_nothing_from_hostile_html(warm, loopback, html):
    """The print templates never carry user markup; this proves the second wall holds anyway."""
    body = html.format(L=loopback.url)
    before = len(loopback.hits)
    data = pdf.html_to_pdf(f"<html lang='en'><head><title>T</title></head><body>{body}<p>x</p></body></html>")
    assert loopback.hits[before:] == []
    _assert_nothing_embedded(data)
