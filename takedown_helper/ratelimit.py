"""Per-client limits on the requests that make documents, counted by the `limits` library.

Making documents is the one expensive request (PDF layout), so scripted abuse is slowed there.
The counts live where `RATE_LIMIT_STORAGE` says: `memory://` (one process) or a shared
Redis/Valkey (`redis://...`), so several workers and machines enforce one limit. `limits` is the
library Flask-Limiter is built on; it is used directly so that nothing but a keyed hash ever
reaches the store or a log (Flask-Limiter logs the limited key by default).

What is stored per client is a moving window of request times under a keyed hash (HMAC-SHA-256)
of its address, never the address: with a shared store the key (`RATE_LIMIT_KEY`) is shared by
the instances; in memory it is random per process, so a stored hash cannot be matched to an
address after a restart. Entries expire with the window.

A trusted system (a case-management system behind one address) sends `Authorization: Bearer
<key>`; the deployment configures only the SHA-256 digests of its keys (`API_KEYS`), and each key
gets its own, higher limit (`RATE_LIMIT_API_KEY`). A request without a key is limited by address
as before; a request with a key that is not configured is refused (401), never silently demoted.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, make_response, render_template, request
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

EXTENSION = "takedown_helper.ratelimit"
NAMESPACE = "takedown-helper"  # prefix of every key in a shared store


def key_digest(api_key: str) -> str:
    """The digest an operator configures for an API key: `sha256(key)` in hex."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


@dataclass
class Limiter:
    """The configured limits and the store that counts them."""

    per_address: RateLimitItemPerSecond
    per_api_key: RateLimitItemPerSecond
    api_keys: frozenset[str]
    secret: bytes
    strategy: MovingWindowRateLimiter
    endpoints: frozenset[str]

    def client_key(self, address: str) -> str:
        """A keyed hash of the client address: what the store sees instead of the address."""
        digest = hmac.new(self.secret, address.encode("utf-8", "replace"), hashlib.sha256)
        return "addr-" + digest.hexdigest()[:32]

    def api_key(self, presented: str) -> str | None:
        """The store key of a configured API key, or None when the key is not configured."""
        digest = key_digest(presented)
        for known in self.api_keys:
            if hmac.compare_digest(known, digest):
                return "key-" + hmac.new(self.secret, digest.encode(), hashlib.sha256).hexdigest()[:32]
        return None

    def hit(self, item: RateLimitItemPerSecond, key: str) -> float:
        """Count one request; 0 when allowed, else the seconds until one more would be."""
        if self.strategy.hit(item, NAMESPACE, key):
            return 0.0
        stats = self.strategy.get_window_stats(item, NAMESPACE, key)
        return max(stats.reset_time - time.time(), 1.0)


def limiter(app: Flask) -> Limiter:
    return app.extensions[EXTENSION]


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _refused(seconds: float) -> Response:
    """A kind page with Retry-After (the API turns it into a problem, keeping the header)."""
    wait = math.ceil(seconds)
    page = render_template("pages/refused.html", reason="rate", minutes=math.ceil(wait / 60))
    response = make_response(page, 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _unknown_key() -> Response:
    response = make_response("Unknown API key", 401)
    response.mimetype = "text/plain"
    response.headers["WWW-Authenticate"] = 'Bearer realm="takedown-helper"'
    return response


def _check() -> Response | None:
    limits = limiter(current_app)
    if request.method != "POST" or request.endpoint not in limits.endpoints:
        return None
    presented = _bearer() if request.path.startswith("/api/") else None
    if presented is not None:
        key = limits.api_key(presented)
        if key is None:
            return _unknown_key()
        wait = limits.hit(limits.per_api_key, key)
    else:
        wait = limits.hit(limits.per_address, limits.client_key(request.remote_addr or ""))
    return _refused(wait) if wait else None


def install(app: Flask) -> None:
    """Count with the configured store; `config.check` has already validated every setting."""
    window = int(app.config["RATE_LIMIT_WINDOW_SECONDS"])
    storage_uri = str(app.config["RATE_LIMIT_STORAGE"])
    configured = app.config.get("RATE_LIMIT_KEY")
    secret = configured.encode() if configured else os.urandom(32)
    app.extensions[EXTENSION] = Limiter(
        per_address=RateLimitItemPerSecond(int(app.config["RATE_LIMIT_DOCUMENTS"]), window),
        per_api_key=RateLimitItemPerSecond(int(app.config["RATE_LIMIT_API_KEY"]), window),
        api_keys=frozenset(app.config["API_KEYS"]),
        secret=secret,
        strategy=MovingWindowRateLimiter(storage_from_string(storage_uri)),
        endpoints=frozenset(app.config["RATE_LIMIT_ENDPOINTS"]),
    )
    app.before_request(_check)
