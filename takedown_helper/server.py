"""gunicorn with privacy-safe defaults: no access log, a log that names no client, loopback unless
told otherwise, threads that read each request whole (within a deadline) before the app sees it,
fonts and stylesheets warmed when each worker starts.

Why threads (`BufferedThreadWorker`, gunicorn's `gthread` with a read deadline): a sync worker is
held by whoever is connected to it, so two clients sending a body at 1 byte/s stalled the whole
server. Here a connection holds one of many cheap threads while it is read, never the render slot
(`takedown_helper.capacity`), and a request not read whole within `REQUEST_READ_SECONDS` gets a
408 and is closed. docs/deploy.md has the measurements.
"""

from __future__ import annotations

import io
import threading
import time
from datetime import date
from typing import Any

from gunicorn import glogging
from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

# Environ keys the worker hands to the app (takedown_helper.capacity, takedown_helper.uploads).
QUEUED_AT = "takedown_helper.queued_at"  # time.monotonic() when the request was taken in
TOO_LARGE = "takedown_helper.too_large"  # the body was over the cap: it was not read

# A whole request (line, headers and body) must arrive within this; a body is at most 256 KiB,
# and behind nginx (docs/deploy.md) it arrives at once, however slow the visitor's connection.
REQUEST_READ_SECONDS = 15.0
# Writing an answer to a client that does not read it holds a thread no longer than this per send.
WRITE_SECONDS = 30.0
THREADS = 32  # per worker; a thread waiting for a slow client costs little memory and no CPU
DEFAULT_BODY_CAP = 256 * 1024


def settings(host: str, port: int, workers: int, timeout: int) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "takedown_helper.server.BufferedThreadWorker",
        "threads": THREADS,
        # A worker whose main loop stops answering (a stuck process) is replaced after this many
        # seconds; a render that runs too long is stopped by the app (takedown_helper.capacity).
        "timeout": timeout,
        "graceful_timeout": 10,
        "keepalive": 5,
        # Request lines carry paths; the app keeps none. Errors go to stderr without request data.
        "accesslog": None,
        "disable_redirect_access_to_syslog": True,
        "errorlog": "-",
        "loglevel": "warning",
        "logger_class": "takedown_helper.server.PrivateLogger",
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
    pdf.freeze_warm_state()  # the templates and validators the example compiled, too


# --- The worker: whole requests, within a deadline ----------------------------------------------


class _ReadDeadline(BaseException):
    """The request was not read whole in time. A BaseException, so that gunicorn's handlers
    (which would log the client's address and answer with their own page) let it through."""


class _DeadlineSocket:
    """A client socket whose reads stop at a deadline (for the whole request, not per read)."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self.deadline: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def _left(self) -> float:
        left = (self.deadline or 0.0) - time.monotonic()
        if left <= 0:
            raise _ReadDeadline
        return left

    def recv(self, size: int, *flags: int) -> bytes:
        if self.deadline is None:
            return self._sock.recv(size, *flags)
        self._sock.settimeout(self._left())
        try:
            return self._sock.recv(size, *flags)
        except TimeoutError:
            raise _ReadDeadline from None

    def recv_into(self, buffer: Any, *args: int) -> int:
        if self.deadline is None:
            return self._sock.recv_into(buffer, *args)
        self._sock.settimeout(self._left())
        try:
            return self._sock.recv_into(buffer, *args)
        except TimeoutError:
            raise _ReadDeadline from None


_TIMEOUT_BODY = b"Request Timeout: the request was not received in time. Nothing was kept.\n"


class BufferedThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, reading each request whole before the app runs.

    - The request line, headers and body must arrive within REQUEST_READ_SECONDS (408 if not).
    - The body is read here, up to the app's MAX_CONTENT_LENGTH: with Content-Length over the cap
      or a chunked body that grows over it, nothing more is read and the app answers 413.
    - The time the request was taken in travels to the app (QUEUED_AT), which refuses to start a
      render for a request that already waited longer than the proxy would (503, Retry-After).
    """

    wsgi: Any  # the app, set by gunicorn's load_wsgi (untyped)

    def init_process(self) -> None:
        self._local = threading.local()
        _limit_malloc_arenas()
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        app = self.wsgi
        config = getattr(app, "config", {})
        self.body_cap = int(config.get("MAX_CONTENT_LENGTH") or DEFAULT_BODY_CAP)
        self.read_seconds = float(config.get("REQUEST_READ_SECONDS") or REQUEST_READ_SECONDS)
        local = self._local

        def with_extras(environ: dict[str, Any], start_response: Any) -> Any:
            environ.update(getattr(local, "extra", None) or {})
            return app(environ, start_response)

        self.wsgi = with_extras

    def enqueue_req(self, conn: Any) -> None:
        conn.queued_at = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        if not isinstance(conn.sock, _DeadlineSocket):
            conn.sock = _DeadlineSocket(conn.sock)
        conn.sock.deadline = time.monotonic() + self.read_seconds
        try:
            return super().handle(conn)
        except _ReadDeadline:
            _answer_plain(conn.sock, b"408 Request Timeout", _TIMEOUT_BODY)
            return False
        finally:
            conn.sock.deadline = None

    def handle_request(self, req: Any, conn: Any) -> Any:
        extra: dict[str, Any] = {QUEUED_AT: getattr(conn, "queued_at", time.monotonic())}
        if req.body is not None:
            length = next((v for k, v in req.headers if k == "CONTENT-LENGTH"), None)
            if length is not None and length.isdigit() and int(length) > self.body_cap:
                extra[TOO_LARGE] = True
                body = b""
            else:
                body = req.body.read(self.body_cap + 1)  # raises _ReadDeadline when too slow
                if len(body) > self.body_cap:
                    extra[TOO_LARGE] = True
                    body = b""
            req.body = io.BytesIO(body)
        conn.sock.deadline = None
        conn.sock.settimeout(WRITE_SECONDS)
        self._local.extra = extra
        try:
            keep_alive = super().handle_request(req, conn)
        finally:
            self._local.extra = None
        # An unread body leaves bytes on the socket: never read a next request from it.
        return keep_alive and not extra.get(TOO_LARGE)


def _limit_malloc_arenas() -> None:
    """glibc gives each new thread its own malloc arena (up to 8 per core): with 32 threads a
    worker's memory would grow with every thread that ever rendered. Two arenas keep it flat."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX


def _answer_plain(sock: Any, status: bytes, body: bytes) -> None:
    head = (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    )
    try:
        sock.settimeout(1.0)
        sock.sendall(head + body)
    except OSError:
        pass


# --- The log: worker lifecycle only ------------------------------------------------------------

# gunicorn's own messages that carry no request: kept as they are (with a traceback for a worker
# that fails to boot, e.g. a bad recipient file). Everything else gunicorn would log concerns one
# request ("Invalid request from ip=...", "Error handling request /path") and is replaced by a
# fixed line naming only the kind of error.
_LIFECYCLE = (
    "Starting gunicorn", "Listening at", "Using worker", "Booting worker", "Worker exiting",
    "WORKER TIMEOUT", "Worker (pid", "Handling signal", "Shutting down", "Autorestarting",
    "graceful stop", "Exception in worker process", "Unhandled exception in main loop",
    "Worker failed to boot", "App failed to load", "Reason:", "Hang up", "Master has been",
    "Quick shutdown", "Retrying in", "Connection in use", "Can't connect", "Shutting down:",
    "Ignoring unknown signal", "Unhandled signal", "No keepalived connections",
    "Exception during worker exit", "Worker reloading", "Reloader is on", "Spawn",
)
REDACTED = "A request could not be read or answered (%s); its details are not logged."


class PrivateLogger(glogging.Logger):
    """gunicorn's logger, minus every client address, path, header and user agent."""

    def log(self, lvl: Any, msg: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(lvl, str):
            lvl = self.LOG_LEVELS.get(lvl.lower(), 20)
        self._private(lvl, msg, args, kwargs)

    def critical(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        self._private(50, msg, args, kwargs)

    def error(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        self._private(40, msg, args, kwargs)

    def warning(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        self._private(30, msg, args, kwargs)

    def info(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        self._private(20, msg, args, kwargs)

    def debug(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        self._private(10, msg, args, kwargs)

    def exception(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("exc_info", True)
        self._private(40, msg, args, kwargs)

    def _private(self, level: int, msg: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if not self.error_log.isEnabledFor(level):
            return
        if isinstance(msg, str) and msg.startswith(_LIFECYCLE):
            self.error_log.log(level, msg, *args, **kwargs)
            return
        # A request's error: its exception may quote the request line or a header; name the
        # kind of error only, with no traceback.
        kind = type(msg).__name__ if isinstance(msg, BaseException) else "request error"
        exc = kwargs.get("exc_info")
        if exc is True:
            import sys

            exc = sys.exc_info()
        if isinstance(exc, tuple) and exc[0] is not None:
            kind = exc[0].__name__
        self.error_log.log(level, REDACTED, kind)


# --- Running it ---------------------------------------------------------------------------------


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from takedown_helper.app import create_app

        return create_app()


def serve(host: str, port: int, workers: int, timeout: int) -> None:
    shown = f"[{host}]" if ":" in host else host
    print(f"takedown-helper is running. Open http://{shown}:{port}/ in your browser. Ctrl+C stops it.", flush=True)
    _Server(settings(host, port, workers, timeout)).run()
