"""How many documents a worker makes at once, how long a request may wait for that, and how long
a render may run. Nothing here is about a person: only counts and times of requests in flight.

- Renders (the endpoints in RENDER_ENDPOINTS) take one of RENDER_SLOTS per worker process. PDF
  layout is CPU-bound, so more at once would only make each one slower.
- A render request waits for a slot only until QUEUE_WAIT_SECONDS after the server took it in
  (gunicorn's worker stamps that time: takedown_helper.server.QUEUED_AT); later, the proxy has
  given up on it (docs/deploy.md), so it gets a kind 503 with Retry-After instead of a render
  nobody would receive. At most RENDER_QUEUE requests wait per worker; more get the 503 at once,
  so waiting renders never take every thread from the people asking for a page.
- A render running longer than RENDER_SECONDS is stopped inside its thread (an exception raised
  in it) and answered with the same kind 503: the app's page or problem+json, never gunicorn's.
"""

from __future__ import annotations

import ctypes
import math
import threading
import time
from typing import Any

from flask import Flask, Response, current_app, g, make_response, render_template, request

QUEUED_AT = "takedown_helper.queued_at"  # set by takedown_helper.server.BufferedThreadWorker
EXTENSION = "takedown_helper.capacity"


class RenderTimeout(Exception):
    """A render ran longer than RENDER_SECONDS and was stopped."""


class Gate:
    """Render slots for one process, with a bounded queue and a watchdog."""

    def __init__(self, slots: int, queue: int, render_seconds: float) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._queue = max(0, queue)
        self._waiting = 0
        self._lock = threading.Lock()
        self.render_seconds = render_seconds
        self._running: dict[int, float] = {}  # thread id -> deadline
        self._watchdog: threading.Thread | None = None
        self._pid = 0

    def enter(self, budget: float) -> bool:
        """Take a slot within `budget` seconds; False when that is not possible."""
        with self._lock:
            if budget <= 0 or self._waiting >= self._queue:
                if not self._slots.acquire(blocking=False):
                    return False
                self._start()
                return True
            self._waiting += 1
        try:
            acquired = self._slots.acquire(timeout=budget)
        finally:
            with self._lock:
                self._waiting -= 1
        if acquired:
            self._start()
        return acquired

    def _start(self) -> None:
        with self._lock:
            self._running[threading.get_ident()] = time.monotonic() + self.render_seconds
        self._ensure_watchdog()

    def leave(self) -> None:
        # The slot first: a RenderTimeout landing in between leaves only a stale entry.
        self._slots.release()
        with self._lock:
            self._running.pop(threading.get_ident(), None)

    def _ensure_watchdog(self) -> None:
        import os

        # One watchdog per process (a forked worker does not inherit the parent's thread).
        if self._watchdog is not None and self._pid == os.getpid():
            return
        with self._lock:
            if self._watchdog is not None and self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._watchdog = threading.Thread(target=self._watch, name="render-watchdog", daemon=True)
            self._watchdog.start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            with self._lock:
                for ident, deadline in list(self._running.items()):
                    if now > deadline:
                        # Raised in that thread at its next Python instruction; the request's
                        # error handler answers it. Only while it is registered as rendering.
                        self._running[ident] = math.inf
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(RenderTimeout)
                        )


def _gate() -> Gate:
    return current_app.extensions[EXTENSION]


def busy(retry_after: int = 30) -> Response:
    """The kind 503: busy now, nothing kept, try again in a minute (problem+json on the API)."""
    response = make_response(render_template("pages/busy.html"), 503)
    response.headers["Retry-After"] = str(retry_after)
    return response


def _before() -> Response | None:
    if request.endpoint not in _endpoints(current_app):
        return None
    queued_at = request.environ.get(QUEUED_AT)
    now = time.monotonic()
    waited = now - queued_at if isinstance(queued_at, float) else 0.0
    budget = float(current_app.config.get("QUEUE_WAIT_SECONDS") or 0) - waited
    if not _gate().enter(budget):
        return busy()
    g.render_slot = True
    return None


def _release(_error: Any = None) -> None:
    if g.pop("render_slot", False):
        _gate().leave()


def _guarded(view: Any) -> Any:
    """The view, answered with the kind 503 when the watchdog stops it (RenderTimeout)."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return view(*args, **kwargs)
            finally:
                _release()
        except RenderTimeout:
            return busy()

    guarded.__name__ = getattr(view, "__name__", "view")
    guarded.__doc__ = getattr(view, "__doc__", None)
    return guarded


def _endpoints(app: Flask) -> list[str]:
    endpoints = app.config.get("RENDER_ENDPOINTS") or ()
    if isinstance(endpoints, str):  # from the environment: comma-separated
        endpoints = [e.strip() for e in endpoints.split(",")]
    return list(endpoints)


def install(app: Flask) -> None:
    """Call after every blueprint is registered: the render views are wrapped here."""
    app.extensions[EXTENSION] = Gate(
        int(app.config.get("RENDER_SLOTS") or 1),
        int(app.config.get("RENDER_QUEUE") or 0),
        float(app.config.get("RENDER_SECONDS") or 60),
    )
    for endpoint in _endpoints(app):
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = _guarded(app.view_functions[endpoint])
    app.before_request(_before)
    app.teardown_request(_release)
