"""The PDF path: tagged, neutral metadata, user text literal, nothing written, X notice complete."""

from __future__ import annotations

import io
import sys

import pypdf
import pytest

from takedown_helper import pdf
from takedown_helper.bases import missing_elements
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan
from tests.conftest import TODAY


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def x_output():
    from takedown_helper.example import example_case

    the_plan = plan(parse_case(example_case(), today=TODAY), today=TODAY)
    return the_plan, render_plan(the_plan)


def test_x_notice_is_complete(x_output):
    the_plan, output = x_output
    notice = next(r for r in output.documents if r.document.kind == "platform_notice")
    text = text_of(notice.pdf)
    flat = " ".join(text.split())
    assert missing_elements(notice.document, text) == []
    # X Corp.'s postal address only when the directory confirms it; otherwise none at all.
    from takedown_helper.directory import directory

    address = directory().get("x").address
    for line in address.lines:
        assert (line in flat) is not address.provenance.unconfirmed
    joined = "".join(text.split())
    for item in the_plan.case.items:
        assert item.url in joined
    assert "November 24, 2026" in flat  # 48 hours after a notice dated November 22, 2026
    assert "18 U.S.C. § 2258A" in flat and "one year" in flat  # the person shown was 13


def test_pdf_is_tagged_with_language_and_neutral_metadata(x_output):
    _plan, output = x_output
    for rendered in output.documents:
        reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en"
        meta = reader.metadata
        assert meta.title in {"Removal request", "Documents"} or meta.title
        assert meta.author is None
        for value in (meta.title or "", meta.subject or "", meta.get("/Keywords", "")):
            assert "Alex" not in value and "Example" not in value


def test_user_html_and_css_appear_literally(example):
    hostile = "<b>bold</b><style>*{color:red}</style>@import url(x);"
    example["items"][0]["account"] = hostile
    the_plan = plan(parse_case(example, today=TODAY), today=TODAY)
    output = render_plan(the_plan)
    notice = next(r for r in output.documents if r.document.kind == "platform_notice")
    flat = "".join(text_of(notice.pdf).split())
    assert "".join(hostile.split()) in flat


def test_render_writes_nothing(example):
    pdf.warm_up()  # fonts are bundled assets written once per process, before any user input
    the_plan = plan(parse_case(example, today=TODAY), today=TODAY)
    written: list[str] = []
    recording = [True]

    def hook(event: str, args: tuple) -> None:
        if not recording[0]:
            return
        if event == "open" and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
            written.append(str(args[0]))
        elif event in ("os.mkdir", "os.rename", "os.remove", "tempfile.mkstemp", "tempfile.mkdtemp"):
            written.append(f"{event} {args[0]}")

    sys.addaudithook(hook)
    try:
        render_plan(the_plan)
    finally:
        recording[0] = False  # audit hooks cannot be removed; this one stops recording
    assert written == []
