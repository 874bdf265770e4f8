"""Fixtures for the privacy tests. WeasyPrint writes the bundled @font-face fonts to a temporary
folder the first time a process loads them; `warm` does that first, as gunicorn workers do at
start (docs/threat-model.md), so the journeys below must write nothing at all."""

from __future__ import annotations

import pytest
from privacy_support import LoopbackServer

from takedown_helper import pdf
from takedown_helper.app import create_app


@pytest.fixture(scope="session")
def warm() -> None:
    pdf.warm_up()


@pytest.fixture(scope="session")
def loopback():
    server = LoopbackServer()
    yield server
    server.close()


@pytest.fixture
def app(warm):
    return create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})


def post_rules(app):
    """Every URL rule that accepts POST, with sample values for any URL variables."""
    rules = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and rule.endpoint != "static":
            values = {arg: "x" for arg in rule.arguments}
            rules.append((rule.endpoint, rule, values))
    return rules


def get_urls(app):
    """Every GET page without URL variables (static files excluded)."""
    with app.test_request_context():
        from flask import url_for

        return sorted(
            url_for(rule.endpoint)
            for rule in app.url_map.iter_rules()
            if "GET" in (rule.methods or ()) and rule.endpoint != "static" and not rule.arguments
        )


def bodies(case: dict) -> list[dict]:
    """Ways a POST carries a case: a JSON body (the API), the form's hidden `answers` (each
    download the form offers) and a pasted case file."""
    import json

    text = json.dumps(case)
    return [
        {"json": case},
        {"data": {"answers": text}},
        {"data": {"answers": text, "file": "packet"}},
        {"data": {"answers": text, "file": "zip"}},
        {"data": {"answers": text, "file": "ics"}},
        {"data": {"case_file": text}},
    ]
