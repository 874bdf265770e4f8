"""Security headers on every response, and refusal of cross-origin posts.

The app has no login and no cookies, so instead of a CSRF token it checks the browser's
`Sec-Fetch-Site` / `Origin` headers on every unsafe request.
"""

from __future__ import annotations

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


def install(app: Flask) -> None:
    """Every guard, in order: cross-origin posts, multipart and oversized bodies, rate limit."""
    from takedown_helper import ratelimit, uploads

    # Behind N trusted reverse proxies, take the client address and scheme from their
    # X-Forwarded-* headers (rate limit per client, HSTS over HTTPS); with none, ignore them.
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.before_request(_same_origin_only)
    uploads.install(app)
    ratelimit.install(app)
    app.after_request(_set_headers)
