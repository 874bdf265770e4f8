"""Liveness and readiness answer without details."""

from __future__ import annotations

from takedown_helper.app import create_app


def test_healthz_and_readyz_answer_ok_with_nothing_else():
    client = create_app({"TESTING": True}).test_client()
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.get_json() == {"status": "ok"}
        assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_503_while_the_rate_limit_store_is_down():
    app = create_app({"TESTING": True, "RATE_LIMIT_STORAGE": "redis://127.0.0.1:1/0",
                      "RATE_LIMIT_KEY": "k" * 40})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
