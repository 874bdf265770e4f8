"""In-process checks of the pieces the live-server suite exercises together: render slots with a
bounded wait (kind 503 with Retry-After), the render watchdog, a body the worker stopped reading
(413), the safe JSON reader, and the private gunicorn logger."""

from __future__ import annotations

import logging
import time

import pytest

from takedown_helper import capacity, safejson, server
from takedown_helper.app import create_app

PROBLEM = "application/problem+json"


@pytest.fixture
def app():
    return create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})


def test_a_request_that_waited_past_the_budget_gets_a_kind_503(app, example):
    client = app.test_client()
    long_ago = {capacity.QUEUED_AT: time.monotonic() - 60}
    api = client.post("/api/v1/documents", json=example, environ_overrides=long_ago)
    assert api.status_code == 503
    assert api.mimetype == PROBLEM and api.headers["Retry-After"] == "30"
    assert api.get_json()["status"] == 503
    page = client.post("/documents", data={"answers": "{}"}, environ_overrides=long_ago)
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "busy right now" in page.get_data(as_text=True)
    assert "Nothing you entered was kept" in page.get_data(as_text=True)
    # A page is never held back by the render queue.
    assert client.get("/", environ_overrides=long_ago).status_code == 200


def test_when_the_slot_is_taken_and_no_one_may_wait_the_answer_is_503_at_once(example):
    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000, "RENDER_QUEUE": 0})
    gate = app.extensions[capacity.EXTENSION]
    assert gate.enter(1.0)
    try:
        started = time.monotonic()
        response = app.test_client().post("/api/v1/documents", json=example)
        assert response.status_code == 503 and time.monotonic() - started < 5
    finally:
        gate.leave()


def test_a_render_that_runs_too_long_is_stopped_and_answered_by_the_app(example, monkeypatch):
    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000, "RENDER_SECONDS": 1})
    from takedown_helper import api

    def endless(_plan):
        while True:  # pure Python, as WeasyPrint's layout is: the watchdog's exception lands
            time.sleep(0.01)

    monkeypatch.setattr(api, "zip_bytes", lambda output: output)
    monkeypatch.setattr(api, "render_plan", endless)
    started = time.monotonic()
    response = app.test_client().post("/api/v1/documents", json=example)
    assert response.status_code == 503 and response.mimetype == PROBLEM
    assert response.headers["Retry-After"] == "30"
    assert time.monotonic() - started < 30
    # The slot was given back: the next request is served.
    monkeypatch.setattr(api, "render_plan", lambda plan: b"PK")
    assert app.test_client().post("/api/v1/documents", json=example).status_code == 200


def test_a_body_the_worker_stopped_reading_gets_413(app):
    client = app.test_client()
    too_large = {server.TOO_LARGE: True}
    api = client.post("/api/v1/plan", data=b"", content_type="application/json",
                      environ_overrides=too_large)
    assert api.status_code == 413 and api.mimetype == PROBLEM
    page = client.post("/continue", data={"case_file": ""}, environ_overrides=too_large)
    assert page.status_code == 413 and "Too much was sent" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 33 + "]" * 33, safejson.DEPTH),
        ("[" * 50_000 + "]" * 50_000, safejson.DEPTH),
        ('{"a": 1, "a": 2}', safejson.DUPLICATE),
        ('{"a": {"b": 1, "b": 1}}', safejson.DUPLICATE),
        ('["\\ud800"]', safejson.SURROGATE),
        ('{"\\udfff": 1}', safejson.SURROGATE),
        ("1" * 21, safejson.NUMBER),
        ("1e999", safejson.NUMBER),
        ("[NaN]", safejson.NUMBER),
        ("-Infinity", safejson.NUMBER),
        ("{", safejson.SYNTAX),
        (b"\xff", safejson.SYNTAX),
    ],
)
def test_safejson_refuses_what_no_case_file_holds(text, reason):
    with pytest.raises(safejson.Refused) as refused:
        safejson.loads(text)
    assert refused.value.reason == reason


def test_safejson_reads_what_a_case_file_holds(example):
    import json

    text = json.dumps(example, ensure_ascii=False) + "\n"
    assert safejson.loads(text) == example
    assert safejson.loads(text.encode()) == example
    assert safejson.loads('"\\ud83d\\ude00 ok"') == "\U0001f600 ok"  # a pair is a character
    assert safejson.loads("[" * 32 + "]" * 32) is not None


def test_the_private_logger_keeps_lifecycle_lines_and_drops_request_details():
    from gunicorn.config import Config

    log = server.PrivateLogger(Config())
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log.error_log.addHandler(handler)
    log.error_log.setLevel(logging.INFO)
    try:
        log.info("Booting worker with pid: %s", 4242)
        log.warning("Invalid request from ip=203.0.113.9: Invalid HTTP request line: 'GET /x ZqM'")
        log.exception("Error handling request %s", "/continue?ZqM")
        try:
            raise ValueError("ZqM in the request")
        except ValueError:
            log.exception("Error handling request %s %s", "POST", "/documents")
    finally:
        log.error_log.removeHandler(handler)
    text = "\n".join(r.getMessage() + str(r.exc_info or "") for r in records)
    assert len(records) == 4
    assert "Booting worker with pid: 4242" in text
    assert "203.0.113.9" not in text and "ZqM" not in text and "/continue" not in text
    assert "/documents" not in text and "Traceback" not in text
    assert "(ValueError)" in text
