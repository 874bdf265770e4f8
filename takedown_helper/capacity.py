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
import os
import threading
import time
from typing import Any

from flask import Flask, Response, current_app, g, make_response, render_template, request

QUEUED_AT = "takedown_helper.queued_at"  # set by takedown_helper.server.BufferedThreadWorker
EXTENSION = "takedown_helper.capacity"


class RenderTimeout(Exception):
    """A render ran longer than RENDER_SECONDS and was stopped."""


# Renders running in this process (thread id -> deadline), watched by one thread per process.
_running: dict[int, float] = {}
_running_lock = threading.Lock()
_watchdog_pid = 0


def _ensure_watchdog() -> None:
    global _watchdog_pid
    # One watchdog per process: a forked worker does not inherit the parent's threads.
    with _running_lock:
        if _watchdog_pid == os.getpid():
            return
        _watchdog_pid = os.getpid()
    threading.Thread(target=_watch, name="render-watchdog", daemon=True).start()


def _watch() -> None:
    while True:
        time.sleep(0.5)
        now = time.monotonic()
        with _running_lock:
            for ident, deadline in list(_running.items()):
                if now > deadline:
                    # Raised in that thread at its next Python instruction, while it is still
                    # registered as rendering; the render view answers it (`_guarded`).
                    _running[ident] = math.inf
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(ident), ctypes.py_object(RenderTimeout)
                    )


class Gate:
    """Render slots for one app in one process, with a bounded queue."""

    def __init__(self, slots: int, queue: int, render_seconds: float) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._queue = max(0, queue)
        self._waiting = 0
        self._lock = threading.Lock()
        self.render_seconds = render_seconds

    def enter(self, budget: float) -> bool:
        """Take a slot within `budget` seconds; False when that is not possible."""
        if budget <= 0:  # waited too long already: the proxy is about to give up on it
            return False
        with self._lock:
            if self._waiting >= self._queue:
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
        _ensure_watchdog()
        with _running_lock:
            _running[threading.get_ident()] = time.monotonic() + self.render_seconds

    def leave(self) -> None:
        # The slot first: a RenderTimeout landing in between leaves only a stale entry.
        self._slots.release()
        with _running_lock:
            _running.pop(threading.get_ident(), None)


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
