"""Document creation is rate limited per client with a kind 429 page and Retry-After; only a
keyed hash of the address (or of an API key) reaches the store, never the address or the key."""

from __future__ import annotations

import pytest
from flask import Blueprint

from takedown_helper import ratelimit
from takedown_helper.app import create_app


def test_the_store_sees_only_keyed_hashes_of_addresses():
    app = create_app({"TESTING": True})
    limits = ratelimit.limiter(app)
    key = limits.client_key("203.0.113.5")
    assert "203.0.113.5" not in key
    assert key.startswith("addr-") and len(key) == 37
    assert key == limits.client_key("203.0.113.5")  # the same client counts alike
    assert key != limits.client_key("198.51.100.7")
    # Without a configured key, two processes hash the same address differently: a stored key
    # says nothing after a restart.
    other = ratelimit.limiter(create_app({"TESTING": True}))
    assert other.client_key("203.0.113.5") != key
    # With a shared store the instances share the key, so they count one client alike.
    shared = {"TESTING": True, "RATE_LIMIT_KEY": "k" * 40}
    assert ratelimit.limiter(create_app(shared)).client_key("203.0.113.5") == ratelimit.limiter(
        create_app(shared)
    ).client_key("203.0.113.5")


def test_memory_store_holds_no_address():
    app = _app(2, ["probe.make"])
    client = app.test_client()
    client.post("/_make", environ_base={"REMOTE_ADDR": "203.0.113.5"})
    storage = ratelimit.limiter(app).strategy.storage
    held = repr(vars(storage))
    assert "203.0.113.5" not in held and "addr-" in held


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
