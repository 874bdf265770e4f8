"""Per-client limit on document creation: in memory, per process, sliding window.

Creating documents is the one expensive request (PDF layout), so scripted abuse is slowed there.
Nothing about a client is kept but a keyed hash of its address with the times of its recent
requests; entries older than the window are dropped. The hash key is random per process, so a
stored key cannot be matched to an address later, even by whoever reads the process memory
afterwards. The limit is per instance: several instances behind a load balancer each count alone.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable

from flask import Flask, Response, current_app, make_response, render_template, request

# Endpoints that create documents; the list can be replaced with RATE_LIMIT_ENDPOINTS.
DEFAULT_ENDPOINTS = ("form.create_documents", "api.documents")
EXTENSION = "takedown_helper.ratelimit"


class SlidingWindow:
    """At most `limit` events per `window` seconds per key; keys are hashed before storing."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._secret = os.urandom(32)
        self._events: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def _key(self, client: str) -> bytes:
        return hmac.new(self._secret, client.encode("utf-8", "replace"), hashlib.sha256).digest()[:16]

    def hit(self, client: str) -> float:
        """Count one request; 0 if allowed, else the seconds until the next one would be."""
        now = self._clock()
        key = self._key(client)
        with self._lock:
            self._sweep(now)
            times = self._events.setdefault(key, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return max(times[0] + self.window - now, 1.0)
            times.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        """Drop every key whose last request is older than the window (at most once a window)."""
        if now - self._last_sweep < self.window and len(self._events) < 10_000:
            return
        self._last_sweep = now
        for key in [k for k, t in self._events.items() if not t or t[-1] <= now - self.window]:
            del self._events[key]

    def stored(self) -> dict[bytes, tuple[float, ...]]:
        """What is held now (for tests and for anyone auditing the promise)."""
        with self._lock:
            return {k: tuple(v) for k, v in self._events.items()}


def limiter(app: Flask) -> SlidingWindow:
    return app.extensions[EXTENSION]


def _limited_endpoints(app: Flask) -> Iterable[str]:
    names = app.config.get("RATE_LIMIT_ENDPOINTS", DEFAULT_ENDPOINTS)
    # From the environment it is one comma-separated string.
    return [n.strip() for n in names.split(",")] if isinstance(names, str) else names


def _check() -> Response | None:
    app = current_app
    if request.method != "POST" or request.endpoint not in _limited_endpoints(app):
        return None
    wait = limiter(app).hit(request.remote_addr or "")
    if not wait:
        return None
    seconds = math.ceil(wait)
    response = make_response(
        render_template("pages/refused.html", reason="rate", minutes=math.ceil(seconds / 60)), 429
    )
    response.headers["Retry-After"] = str(seconds)
    return response


def install(app: Flask) -> None:
    app.extensions[EXTENSION] = SlidingWindow(
        int(app.config["RATE_LIMIT_DOCUMENTS"]), float(app.config["RATE_LIMIT_WINDOW_SECONDS"])
    )
    app.before_request(_check)
