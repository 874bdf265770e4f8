"""No upload path: file parts are refused, bodies over the cap are refused before they are read.

The app never needs a picture, a video or any other file, so a multipart body carrying a file
part gets a 400 page saying so. Werkzeug normally buffers file parts in a SpooledTemporaryFile
that rolls over to disk; here the stream factory refuses instead, so no file part is ever
buffered, in memory or on disk. A body larger than MAX_CONTENT_LENGTH gets a 413 from its
Content-Length alone, before any of it is read.
"""

from __future__ import annotations

from typing import IO, Any

from flask import Flask, Response, current_app, make_response, render_template, request
from flask.wrappers import Request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge


class FileRefused(BadRequest):
    """A body carried a file part; the message names no part and no file."""

    description = "This service never accepts files."


class NoFilesRequest(Request):
    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        raise FileRefused()


def refusal(reason: str, code: int) -> Response:
    return make_response(render_template("pages/refused.html", reason=reason), code)


def _check_body() -> Response | None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    if cap is not None and request.content_length is not None and request.content_length > cap:
        return refusal("too_large", 413)
    if request.mimetype == "multipart/form-data":
        try:
            request.files  # noqa: B018 - parsing refuses the first file part
        except FileRefused:
            return refusal("file", 400)
    return None


def install(app: Flask) -> None:
    app.request_class = NoFilesRequest
    app.before_request(_check_body)

    @app.errorhandler(FileRefused)
    def _refused(_error: Any) -> Response:
        return refusal("file", 400)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: Any) -> Response:
        # A body sent without a Content-Length is cut off at the cap while it is read.
        return refusal("too_large", 413)
