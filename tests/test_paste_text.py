"""The paste-ready text of a platform notice: the platform's own form is the primary
route, so each notice is also plain text, made from the same HTML as its PDF. The text carries every
element of the notice's legal bases, the exact URLs and the signature, and its file name says
nothing about the user."""

from __future__ import annotations

import io
import zipfile

import pytest
from scenarios import SCENARIOS, planned, rendered

from takedown_helper.bases import missing_elements
from takedown_helper.plaintext import document_text, has_text, html_to_text
from takedown_helper.render import zip_bytes


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_paste_text_carries_every_element_of_its_bases(name):
    the_plan = planned(name)
    for doc in the_plan.documents:
        if not has_text(doc):
            continue
        text = document_text(doc, the_plan)
        assert missing_elements(doc, text) == [], doc.slug
        for item in doc.items:
            assert item.url in text, (doc.slug, item.url)  # never wrapped, never shortened
        # Page furniture and the postal window are left out: a form does not need them.
        assert "Page " not in text
        if doc.addressee and doc.addressee.lines:
            assert doc.addressee.lines[0] not in text, doc.slug


def test_rendered_output_and_zip_hold_the_text_under_a_neutral_name():
    output = rendered("e-advocate")
    texts = [d for d in output.documents if d.text is not None]
    assert {d.document.kind for d in texts} == {"platform_notice", "follow_up"}
    names = zipfile.ZipFile(io.BytesIO(zip_bytes(output))).namelist()
    for d in texts:
        assert d.text_filename == f"{d.document.slug}.txt" and d.text_filename in names
        for secret in ("Riley", "Client", "Fictional", "advocacy"):
            assert secret.lower() not in d.text_filename.lower()


def test_us_parent_text_leads_with_the_request_and_ends_with_the_signature():
    the_plan = planned("a-parent-x")
    doc = next(d for d in the_plan.documents if d.slug == "01-removal-request-x")
    text = document_text(doc, the_plan)
    assert text.startswith("Removal request under the TAKE IT DOWN Act")
    assert "/s/ Alex Example" in text
    assert "if it reaches you through your notice and removal process on November 22, 2026" in text
    # Each link once, numbered once, the address alone on its line (the printed number is not
    # repeated in front of it).
    for number, item in enumerate(doc.items, start=1):
        assert f"\n{number}. {item.url}\n" in text


def test_api_plan_gives_the_text_of_each_notice(client):
    response = client.post("/api/v1/plan", json=SCENARIOS["b-adult-ca"]())
    assert response.status_code == 200, response.data[:300]
    documents = response.get_json()["documents"]
    notice = next(d for d in documents if d["kind"] == "platform_notice")
    assert notice["text"] and "https://www.reddit.com/r/example_sub/comments/abc123/example_post/" in (
        notice["text"]
    )
    guide = next(d for d in documents if d["kind"] == "guide")
    assert guide["text"] is None


def test_html_to_text_keeps_lists_and_skips_furniture():
    html = (
        '<div class="letterhead">Page 1</div><h1>Title</h1><p>One <strong>two</strong></p>'
        '<ol><li>First</li><li>Second</li></ol><ul><li>Dot</li></ul>'
        '<div class="window">X Corp.</div><dl class="meta"><dt>To</dt><dd>X</dd></dl>'
        '<ol class="links"><li><span class="link-number">1.</span>https://a.example/</li></ol>'
    )
    assert html_to_text(html) == (
        "Title\n\nOne two\n1. First\n2. Second\n- Dot\n1. https://a.example/\n"
    )

