"""Shared fixtures: a fixed 'today', the example case, the app and its test client."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from takedown_helper.app import create_app
from takedown_helper.example import example_case

TODAY = date(2026, 11, 22)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def example() -> dict[str, Any]:
    """A fresh, mutable copy of the fictional example case file."""
    return copy.deepcopy(example_case())


@pytest.fixture
def app():
    return create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})


@pytest.fixture
def client(app):
    return app.test_client()
