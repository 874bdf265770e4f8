"""Benchmark-only: a bare WSGI app around the project's path, served with the project's gunicorn
settings. Used by run.py only when the JSON API (`POST /api/v1/documents`) does not exist.

    python -m benchmarks.wsgi_wrapper PORT WORKERS      (binds 127.0.0.1 only)

POST /render with a case file as JSON answers the ZIP; any GET answers 204 (readiness).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from gunicorn.app.base import BaseApplication

from takedown_helper import render
from takedown_helper.casefile import CaseError, parse_case
from takedown_helper.plan import plan
from takedown_helper.server import settings


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    if environ["REQUEST_METHOD"] != "POST":
        start_response("204 No Content", [])
        return []
    size = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        today = date.today()
        the_plan = plan(parse_case(json.loads(environ["wsgi.input"].read(size)), today), today)
        body = render.zip_bytes(render.render_plan(the_plan))
    except (CaseError, ValueError):
        start_response("422 Unprocessable Content", [("Content-Length", "0")])
        return []
    start_response("200 OK", [("Content-Type", "application/zip"), ("Content-Length", str(len(body)))])
    return [body]


class _Wrapper(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return app


if __name__ == "__main__":
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    _Wrapper(settings("127.0.0.1", port, workers, timeout=120)).run()
