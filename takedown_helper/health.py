"""Liveness and readiness for a process manager or load balancer. No details in the answers:
`/healthz` says the process answers; `/readyz` says it can make documents (the recipient
directory and the print toolkit are loaded, and the rate-limit store answers)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from takedown_helper import ratelimit


def _answer(ready: bool) -> Response:
    response = jsonify(status="ok" if ready else "unavailable")
    response.status_code = 200 if ready else 503
    return response


def ready() -> bool:
    """Whether this instance can make documents now."""
    from takedown_helper import pdf
    from takedown_helper.directory import directory

    try:
        directory()
        pdf._toolkit()  # fonts, the fetcher and the parsed print stylesheet
        return bool(ratelimit.limiter(current_app).strategy.storage.check())
    except Exception:  # any failure means not ready; the reason is for the operator's own checks
        return False


def make_blueprint() -> Blueprint:
    bp = Blueprint("health", __name__)

    @bp.get("/healthz")
    def healthz() -> Response:
        return _answer(True)

    @bp.get("/readyz")
    def readyz() -> Response:
        return _answer(ready())

    return bp
