"""gunicorn with privacy-safe defaults: no access log, sync workers, a request timeout,
loopback unless told otherwise, fonts and stylesheets warmed when each worker starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from gunicorn.app.base import BaseApplication


def settings(host: str, port: int, workers: int, timeout: int) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        # A pathological input cannot hold a worker: gunicorn replaces it after this many seconds.
        "timeout": timeout,
        "graceful_timeout": 10,
        # Request lines carry paths; the app keeps none. Errors go to stderr without request data.
        "accesslog": None,
        "disable_redirect_access_to_syslog": True,
        "errorlog": "-",
        "loglevel": "warning",
        "limit_request_line": 4094,
        "limit_request_fields": 60,
        "limit_request_field_size": 8190,
        # Each worker serves a bounded number of requests, then is replaced (memory stays flat).
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "worker_tmp_dir": "/dev/shm",  # noqa: S108 - heartbeat files in memory, not on disk
        "preload_app": False,
        "post_worker_init": _warm,
    }


# After the example's dates, so the warm-up case always validates.
_WARM_UP_DAY = date(2026, 12, 1)


def _warm(_worker: Any) -> None:
    """Lay out fonts, compile the print templates and the schema validator once per worker, so
    the first person to ask does not wait longer than the next one. Uses the fictional example."""
    from takedown_helper import pdf
    from takedown_helper.casefile import parse_case
    from takedown_helper.example import example_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_plan, zip_bytes

    pdf.warm_up()
    zip_bytes(render_plan(plan(parse_case(example_case(), _WARM_UP_DAY), _WARM_UP_DAY)))


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # type: ignore[no-untyped-def]
        from takedown_helper.app import create_app

        return create_app()


def serve(host: str, port: int, workers: int, timeout: int) -> None:
    shown = f"[{host}]" if ":" in host else host
    print(f"takedown-helper is running. Open http://{shown}:{port}/ in your browser. Ctrl+C stops it.", flush=True)
    _Server(settings(host, port, workers, timeout)).run()
