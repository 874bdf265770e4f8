"""Promise 2: a marker typed into every free-text field never reaches a log record (at DEBUG,
even from loggers the app silences), a response header, a cookie, a redirect, a file name or
the PDF metadata (Info dictionary and XMP)."""

from __future__ import annotations

import io

import pytest
from conftest import bodies, get_urls, post_rules
from privacy_support import TODAY, all_logs, fill
from pypdf import PdfReader

from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan, zip_bytes

MARKER = "ZqPrivacyMarker"


def _metadata_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    texts = [f"{key}={value}" for key, value in (reader.metadata or {}).items()]
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        texts.append(xmp.get_object().get_data().decode("utf-8", "replace"))
    return texts


@pytest.fixture(scope="module")
def marked():
    data, placed = fill(MARKER)
    # Every free-text field a person can type into carries the marker in some form.
    assert len(placed) >= 20
    return data


def test_marker_reaches_the_letters_but_nothing_else(warm, marked):
    with all_logs() as logs:
        output = render_plan(plan(parse_case(marked, TODAY), TODAY))
        archive = zip_bytes(output)
    body_text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(output.packet)).pages
    )
    assert MARKER in body_text  # the test would see the marker if it leaked
    assert not [line for line in logs if MARKER.lower() in line.lower()]
    for name, data in output.files():
        assert MARKER.lower() not in name.lower()
        if name.endswith(".pdf"):
            for text in _metadata_texts(data):
                assert MARKER.lower() not in text.lower(), text
        elif name.endswith(".txt"):
            pass  # the letter itself as text, like the PDF's body: only its name is neutral
        else:
            # Other files (calendar reminders) may be synced to a cloud calendar: no answers.
            assert MARKER.lower().encode() not in data.lower(), name
    assert MARKER.encode() not in archive  # compressed, and names/comments are neutral
    assert all(MARKER.lower() not in n.lower() for n in __import__("zipfile").ZipFile(
        io.BytesIO(archive)).namelist())


def test_marker_never_in_logs_headers_cookies_or_redirects(app, marked):
    client = app.test_client()
    responses = []
    with all_logs() as logs:
        for url in get_urls(app):
            responses.append(client.get(url, query_string={"q": MARKER}))
        for _endpoint, rule, values in post_rules(app):
            with app.test_request_context():
                from flask import url_for

                url = url_for(rule.endpoint, **values)
            for body in bodies(marked):
                responses.append(client.post(url, **body))
            responses.append(client.post(url, data={k: MARKER for k in ("name", "url", "email")}))
    for response in responses:
        assert response.status_code < 500
        for name, value in response.headers.items():
            assert MARKER.lower() not in f"{name}: {value}".lower()
        assert "Set-Cookie" not in response.headers
        if response.mimetype == "text/html":
            title = response.get_data(as_text=True).split("<title>")[1].split("</title>")[0]
            assert MARKER.lower() not in title.lower()
        if response.mimetype == "application/pdf":
            for text in _metadata_texts(response.data):
                assert MARKER.lower() not in text.lower()
    if any(e in app.view_functions for e in ("api.documents", "form.download_file")):
        assert [r for r in responses if r.mimetype == "application/pdf"], "PDFs were checked"
    assert not [line for line in logs if MARKER.lower() in line.lower()]
    assert list(client._cookies) == []


def test_log_capture_would_see_a_leak():
    import logging

    with all_logs() as logs:
        logging.getLogger("weasyprint").debug("Failed to load %s", MARKER)
        logging.getLogger("werkzeug").info(MARKER)
    assert len([line for line in logs if MARKER in line]) == 2
