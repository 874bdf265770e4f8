"""No upload path: multipart bodies are refused unread, bodies over the cap before they are read.

The app never needs a picture, a video or any other file, and none of its forms or API calls
sends a multipart body (forms are URL-encoded, the API takes JSON). So any multipart body is
refused with a 400 page saying this service never accepts files, before Werkzeug parses it:
nothing of it is buffered, in memory or on disk. A body larger than MAX_CONTENT_LENGTH gets a 413
from its Content-Length alone, before any of it is read; a chunked body (no Content-Length) that
grows over the cap gets the same 413 (gunicorn's worker stops reading it: takedown_helper.server).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, make_response, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

TOO_LARGE = "takedown_helper.too_large"  # set by takedown_helper.server.BufferedThreadWorker


def refusal(reason: str, code: int) -> Response:
    return make_response(render_template("pages/refused.html", reason=reason), code)


def _check_body() -> Response | None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.environ.get(TOO_LARGE):  # gunicorn's worker stopped reading a body over the cap
        return refusal("too_large", 413)
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    if cap is not None and request.content_length is not None and request.content_length > cap:
        return refusal("too_large", 413)
    if request.mimetype.startswith("multipart/"):
        return refusal("file", 400)
    return None


def install(app: Flask) -> None:
    app.before_request(_check_body)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: Any) -> Response:
        # A body sent without a Content-Length is cut off at the cap while it is read.
        return refusal("too_large", 413)
