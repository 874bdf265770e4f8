"""Security headers on every response, and refusal of cross-origin posts.

The app has no login and no cookies, so instead of a CSRF token it checks the browser's
`Sec-Fetch-Site` / `Origin` headers on every unsafe request.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    # Nothing a person sees or downloads here may be kept by a browser or a proxy.
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}
HSTS = "max-age=63072000; includeSubDomains"


def _set_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers[name] = value
    # HSTS only on a response that travelled over HTTPS (behind a proxy: see ProxyFix in
    # docs/deploy.md); over plain http a browser ignores it and a local user has no TLS at all.
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def _same_origin_only() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        abort(403)
    origin = request.headers.get("Origin")
    # Compare hosts only: behind a TLS proxy the app itself may see plain http.
    # With Referrer-Policy: no-referrer, browsers send `Origin: null` even on same-origin form
    # posts; `Sec-Fetch-Site: same-origin` (which a page cannot forge) vouches for those.
    if origin == "null" and site == "same-origin":
        return
    if origin is not None and urlsplit(origin).netloc != request.host:
        abort(403)


def allowed_hosts(value: str | tuple[str, ...] | list[str]) -> frozenset[str]:
    """ALLOWED_HOSTS as lower-case names; from the environment it is one comma-separated string."""
    names = value.split(",") if isinstance(value, str) else value
    return frozenset(n.strip().lower() for n in names if n.strip())


def _host_name(host: str) -> str:
    """The Host header without its port: "[::1]:8000" -> "[::1]", "Example.org:443" -> "example.org"."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end > 0 else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


_REFUSED_HOST = b"Bad Request: this server does not answer to that host name.\n"


class HostGuard:
    """WSGI middleware, outermost: a request whose Host is not allowed gets a plain 400 that
    does not repeat the Host, before the app (or ProxyFix) sees it."""

    def __init__(self, wsgi_app: Any, hosts: frozenset[str]) -> None:
        self.wsgi_app = wsgi_app
        self.hosts = hosts

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        host = environ.get("HTTP_HOST")
        if "*" in self.hosts or (host is not None and _host_name(host) in self.hosts):
            return self.wsgi_app(environ, start_response)
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(_REFUSED_HOST))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [_REFUSED_HOST]


def install(app: Flask) -> None:
    """Every guard, in order: the Host name, cross-origin posts, multipart and oversized bodies,
    rate limit."""
    from takedown_helper import ratelimit, uploads

    # Behind N trusted reverse proxies, take the client address and scheme from their
    # X-Forwarded-* headers (rate limit per client, HSTS over HTTPS); with none, ignore them.
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # Outermost: the Host is checked before anything else, the forwarded headers included.
    app.wsgi_app = HostGuard(  # type: ignore[method-assign]
        app.wsgi_app, allowed_hosts(app.config.get("ALLOWED_HOSTS") or ())
    )
    app.before_request(_same_origin_only)
    uploads.install(app)
    ratelimit.install(app)
    app.after_request(_set_headers)
