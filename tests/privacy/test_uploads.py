"""Promise 1: no upload path. A multipart body with a file part is refused with a clear page,
on every route; a body over the size cap gets 413 before it is read, and nothing is spooled."""

from __future__ import annotations

import io

import pytest
from conftest import get_urls, post_rules
from privacy_support import writes


def _targets(app):
    urls = list(get_urls(app))
    with app.test_request_context():
        from flask import url_for

        urls += [url_for(rule.endpoint, **values) for _e, rule, values in post_rules(app)]
    return sorted(set(urls))


def _assert_clear(response, heading):
    """A page says what happened in words; the JSON API says it as problem+json instead."""
    if response.mimetype == "application/problem+json":
        problem = response.get_json()
        assert problem["status"] == response.status_code
        assert problem["detail"]
    else:
        assert heading in response.get_data(as_text=True)


def test_every_route_refuses_a_file_part(app):
    client = app.test_client()
    for url in _targets(app):
        with writes() as seen:
            response = client.post(
                url,
                data={"note": "hello", "picture": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 1000), "photo.png")},
                content_type="multipart/form-data",
            )
        assert response.status_code in (400, 413), url
        _assert_clear(response, "This service never accepts files")
        assert "photo.png" not in response.get_data(as_text=True)
        assert seen == []


def test_a_file_part_without_a_known_field_name_is_refused_too(app):
    body = (
        b"--b\r\nContent-Disposition: form-data; name=\"x\"; filename=\"a\"\r\n"
        b"Content-Type: application/octet-stream\r\n\r\nDATA\r\n--b--\r\n"
    )
    response = app.test_client().post(
        "/", data=body, content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code == 400


def test_any_multipart_body_is_refused_unread(app):
    """No form or API call of the app sends multipart, so none is parsed: not even text parts."""
    for url in _targets(app):
        with writes() as seen:
            response = app.test_client().post(
                url, data={"note": "hello"}, content_type="multipart/form-data"
            )
        assert response.status_code == 400, url
        assert seen == []


@pytest.mark.parametrize("kind", ["urlencoded", "multipart", "json"])
def test_an_oversized_body_gets_413_without_touching_disk(app, kind):
    cap = app.config["MAX_CONTENT_LENGTH"]
    big = "a" * (cap + 1)
    client = app.test_client()
    for url in _targets(app):
        with writes() as seen:
            if kind == "json":
                response = client.post(url, data=big, content_type="application/json")
            elif kind == "multipart":
                response = client.post(url, data={"note": big}, content_type="multipart/form-data")
            else:
                response = client.post(url, data={"note": big})
        assert response.status_code == 413, url
        _assert_clear(response, "Too much was sent at once")
        assert seen == []


def test_a_body_without_content_length_is_never_read_past_the_cap(app):
    """Chunked bodies carry no length: Werkzeug's limited stream stops at the cap (or answers
    413), so at most MAX_CONTENT_LENGTH bytes are ever held, in memory, and nothing on disk."""
    from flask import request

    cap = app.config["MAX_CONTENT_LENGTH"]

    @app.post("/_probe")
    def probe():
        return str(len(request.get_data()))

    with writes() as seen:
        response = app.test_client().post(
            "/_probe",
            input_stream=io.BytesIO(b"a" * (cap * 4)),
            headers={"Transfer-Encoding": "chunked"},
            environ_overrides={"CONTENT_LENGTH": "", "wsgi.input_terminated": True},
        )
    assert response.status_code == 413 or int(response.get_data(as_text=True)) <= cap
    assert seen == []
