"""Document creation is rate limited per client, in memory, with a kind 429 page and
Retry-After; only a keyed hash of the address and recent times are kept, and old ones pruned."""

from __future__ import annotations

import pytest
from flask import Blueprint

from takedown_helper import ratelimit
from takedown_helper.app import create_app


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sliding_window_allows_then_refuses_then_allows_again():
    clock = Clock()
    window = ratelimit.SlidingWindow(limit=3, window=60, clock=clock)
    assert [window.hit("203.0.113.5") for _ in range(3)] == [0, 0, 0]
    assert window.hit("203.0.113.5") == 60  # the oldest of the three leaves in 60 s
    assert window.hit("198.51.100.7") == 0  # another client is counted alone
    clock.now += 30
    assert window.hit("203.0.113.5") == 30
    clock.now += 30.5
    assert window.hit("203.0.113.5") == 0  # the window slid past the first three


def test_only_hashed_keys_and_times_are_kept_and_old_ones_are_pruned():
    clock = Clock()
    window = ratelimit.SlidingWindow(limit=5, window=60, clock=clock)
    window.hit("203.0.113.5")
    stored = window.stored()
    assert len(stored) == 1
    (key, times), = stored.items()
    assert isinstance(key, bytes) and len(key) == 16
    assert b"203.0.113.5" not in key and times == (1000.0,)
    clock.now += 61
    window.hit("198.51.100.7")
    assert len(window.stored()) == 1  # the first client's entry is gone
    # Two processes hash the same address differently: a key says nothing after a restart.
    other = ratelimit.SlidingWindow(limit=5, window=60, clock=clock)
    other.hit("198.51.100.7")
    assert set(other.stored()) != set(window.stored())


def _app(limit: int, endpoints=None):
    config = {"TESTING": True, "RATE_LIMIT_DOCUMENTS": limit, "RATE_LIMIT_WINDOW_SECONDS": 600}
    if endpoints is not None:
        config["RATE_LIMIT_ENDPOINTS"] = endpoints
    app = create_app(config)
    bp = Blueprint("probe", __name__)

    @bp.post("/_make")
    def make():
        return "made"

    @bp.post("/_other")
    def other():
        return "other"

    app.register_blueprint(bp)
    return app


def test_limited_endpoint_answers_429_with_a_kind_page_and_retry_after():
    app = _app(2, ["probe.make"])
    client = app.test_client()
    assert [client.post("/_make").status_code for _ in range(2)] == [200, 200]
    refused = client.post("/_make")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    page = refused.get_data(as_text=True)
    assert "Please wait a few minutes" in page and "Back" in page
    assert refused.headers["Cache-Control"] == "no-store"
    # Other endpoints and other clients are not affected.
    assert client.post("/_other").status_code == 200
    other_client = client.post("/_make", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert other_client.status_code == 200


def test_default_endpoints_are_the_document_makers():
    app = create_app({"TESTING": True})
    # Every endpoint that renders PDFs: creating the documents, each download, and the API.
    assert tuple(app.config["RATE_LIMIT_ENDPOINTS"]) == (
        "form.create_documents",
        "form.download_file",
        "api.documents",
    )
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(app.config["RATE_LIMIT_ENDPOINTS"]) <= endpoints


@pytest.mark.parametrize("endpoint", ["form.create_documents", "api.documents"])
def test_real_document_endpoints_are_limited(endpoint, example):
    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 1})
    if endpoint not in app.view_functions:
        pytest.skip(f"{endpoint} is not built yet")
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    client = app.test_client()
    client.post(rule.rule, json=example)
    refused = client.post(rule.rule, json=example)
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers


def test_environment_string_names_endpoints():
    app = _app(1, "probe.other, probe.make")
    client = app.test_client()
    client.post("/_make")
    assert client.post("/_make").status_code == 429
