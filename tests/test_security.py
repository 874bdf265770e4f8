"""Promises 2 and 3 in HTTP: exact security headers on every response, HSTS only over HTTPS,
cross-origin posts refused, pages that load nothing from another origin, a gunicorn timeout."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask import url_for

from takedown_helper import security, server
from takedown_helper.app import create_app

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}
HSTS = "max-age=63072000; includeSubDomains"


@pytest.fixture
def app():
    return create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})


def _urls(app, method):
    with app.test_request_context():
        return sorted(
            url_for(rule.endpoint, **{arg: "x" for arg in rule.arguments})
            for rule in app.url_map.iter_rules()
            if method in (rule.methods or ()) and rule.endpoint != "static"
        )


def _pages(app):
    with app.test_request_context():
        return sorted(
            url_for(rule.endpoint)
            for rule in app.url_map.iter_rules()
            if "GET" in (rule.methods or ()) and rule.endpoint != "static" and not rule.arguments
        )


def test_headers_table_is_pinned():
    assert security.HEADERS == EXPECTED
    csp = EXPECTED["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp and "*" not in csp and "data:" not in csp


def _responses(app, base_url):
    client = app.test_client()
    out = [client.get(url, base_url=base_url) for url in _urls(app, "GET")]
    out += [client.post(url, base_url=base_url, data={"x": "1"}) for url in _urls(app, "POST")]
    out.append(client.get("/static/css/site.css", base_url=base_url))
    out.append(client.get("/no-such-page", base_url=base_url))
    out.append(client.delete("/", base_url=base_url))
    for response in out:
        response.get_data()
        response.close()  # a static file is streamed from disk: close it
    return out


def test_every_response_has_every_header_over_https(app):
    for response in _responses(app, "https://localhost"):
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, (response.request.path, name)
        assert response.headers.get("Strict-Transport-Security") == HSTS
        assert "Set-Cookie" not in response.headers


def test_no_hsts_over_plain_http(app):
    for response in _responses(app, "http://localhost"):
        assert "Strict-Transport-Security" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"


def test_pdf_and_zip_downloads_are_no_store(app, example):
    client = app.test_client()
    found = 0
    for url in _urls(app, "POST"):
        response = client.post(url, json=example)
        if response.mimetype in ("application/pdf", "application/zip"):
            found += 1
            assert response.headers["Cache-Control"] == "no-store"
            assert response.headers["Content-Security-Policy"] == EXPECTED["Content-Security-Policy"]
    if "api.documents" in app.view_functions:
        assert found, "the JSON API returns documents"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://localhost.evil.example", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_cross_origin_posts_are_refused(app, headers):
    client = app.test_client()
    for url in [*_urls(app, "POST"), "/"]:
        response = client.post(url, data={"x": "1"}, headers=headers)
        assert response.status_code == 403, (url, headers)


def test_same_origin_posts_pass_the_origin_check(app):
    client = app.test_client()
    for url in _urls(app, "POST"):
        for headers in ({}, {"Origin": "https://localhost"}, {"Sec-Fetch-Site": "same-origin"},
                        {"Sec-Fetch-Site": "none"}):
            response = client.post(url, data={"x": "1"}, headers=headers)
            assert response.status_code != 403, (url, headers)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            # <a href> is a link the person may choose to follow (a platform's report form),
            # not something the page loads; every other reference is loaded or submitted to.
            if name == "href" and tag in ("a", "area"):
                continue
            if name in ("src", "href", "action", "formaction", "srcset", "poster", "data"):
                self.refs.append(value or "")
            if name == "style" or name.startswith("on"):
                self.inline.append(f"{tag} {name}")
        if tag in ("script", "style") and not dict(attrs).get("src"):
            self.inline.append(tag)


def _external(ref: str, exit_url: str) -> bool:
    ref = ref.strip()
    return ref != exit_url and bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", ref, re.I)) and not ref.startswith("#")


def test_pages_load_nothing_from_another_origin(app, example):
    import json

    client = app.test_client()
    exit_url = app.config["EXIT_URL"]
    pages = [client.get(url) for url in _pages(app)]
    # Pages reached by posting answers too: each question step, check-your-answers, documents.
    for url in _urls(app, "POST"):
        for data in ({"answers": json.dumps(example)}, {"answers": json.dumps(example), "action": "continue"}):
            pages.append(client.post(url, data=data))
    pages = [r for r in pages if r.mimetype == "text/html"]
    assert len(pages) >= len(_pages(app))
    for response in pages:
        url = response.request.path
        html = response.get_data(as_text=True)
        parser = _Refs()
        parser.feed(html)
        # "Exit this page" (EXIT_URL) is allowed as a reference in any form (a link or a form).
        assert [r for r in parser.refs if _external(r, exit_url)] == [], url
        assert parser.inline == [], url  # the CSP would block inline script and style
        assert not re.search(r"url\(\s*['\"]?(https?:|//|data:)", html), url
    with client.get("/static/css/site.css") as response:
        css = response.get_data(as_text=True)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)|@import", css)


def test_the_page_checker_would_catch_a_foreign_load():
    parser = _Refs()
    parser.feed(
        '<a href="https://report.example/">report</a><img src="https://tracker.example/p.gif">'
        '<form action="//elsewhere.example/"></form><script>alert(1)</script>'
    )
    assert [r for r in parser.refs if _external(r, "https://exit.example")] == [
        "https://tracker.example/p.gif",
        "//elsewhere.example/",
    ]
    assert parser.inline == ["script"]


def test_gunicorn_replaces_a_stuck_worker_and_keeps_no_access_log():
    options = server.settings("127.0.0.1", 8000, workers=2, timeout=30)
    assert options["timeout"] == 30
    assert options["accesslog"] is None
    assert options["worker_class"] == "takedown_helper.server.BufferedThreadWorker"
    assert options["logger_class"] == "takedown_helper.server.PrivateLogger"
    assert options["worker_tmp_dir"] == "/dev/shm"
    from takedown_helper.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert 0 < args.timeout <= 60


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(app):
    response = app.test_client().get(
        "/", base_url="http://localhost", headers={"X-Forwarded-Proto": "https"}
    )
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_proxy_scheme_and_client_come_from_it():
    app = create_app({"TESTING": True, "TRUSTED_PROXIES": 1, "RATE_LIMIT_DOCUMENTS": 1,
                      "RATE_LIMIT_ENDPOINTS": ["probe.make"]})
    from flask import Blueprint

    bp = Blueprint("probe", __name__)

    @bp.post("/_make")
    def make():
        return "made"

    app.register_blueprint(bp)
    client = app.test_client()
    secure = client.get("/", base_url="http://localhost", headers={"X-Forwarded-Proto": "https"})
    assert secure.headers["Strict-Transport-Security"] == HSTS
    # Two people behind the same proxy are counted apart.
    first = {"X-Forwarded-For": "203.0.113.5"}
    assert client.post("/_make", headers=first).status_code == 200
    assert client.post("/_make", headers=first).status_code == 429
    assert client.post("/_make", headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 200


REBINDING_HOST = "rebind-7f3a.attacker.example"


@pytest.mark.parametrize("url", ["/", "/api/v1/plan", "/questions", "/static/css/site.css"])
def test_a_dns_rebinding_host_is_refused_before_anything_else(app, url):
    """A page on another site that points its own name at this server sends that name as Host;
    same-origin checks would pass (Origin and Host agree), the Host allow-list does not."""
    client = app.test_client()
    headers = {"Host": REBINDING_HOST, "Origin": f"http://{REBINDING_HOST}",
               "Sec-Fetch-Site": "same-origin"}
    for response in (client.get(url, headers=headers), client.post(url, headers=headers, json={})):
        assert response.status_code == 400
        assert response.mimetype == "text/plain"
        assert REBINDING_HOST.encode() not in response.get_data()
        assert b"attacker" not in response.get_data()
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "[::1]:8000", "[::1]", "LocalHost"])
def test_loopback_names_are_allowed_by_default(app, host):
    assert app.test_client().get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.2", "localhost.attacker.example", "[::2]", "",
                                  "evil.example:8000", "127.0.0.1.nip.io"])
def test_other_hosts_are_refused_by_default(app, host):
    assert app.test_client().get("/", headers={"Host": host}).status_code == 400


def test_allowed_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TAKEDOWN_HELPER_ALLOWED_HOSTS", "takedown.example.org, Help.Example.net")
    app = create_app({"TESTING": True})
    client = app.test_client()
    assert client.get("/", headers={"Host": "takedown.example.org"}).status_code == 200
    assert client.get("/", headers={"Host": "help.example.net:443"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400
