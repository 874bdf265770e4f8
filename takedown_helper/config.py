"""Configuration by class; `TAKEDOWN_HELPER_CONFIG` picks one, and TAKEDOWN_HELPER_* variables
override single settings. Nothing here is per-user: the server keeps nothing between requests."""

from __future__ import annotations

import os
from typing import Any, ClassVar


class Config:
    TESTING = False
    # Case files and form posts are small; a cap keeps bodies in memory (Werkzeug spools large
    # form bodies to temporary files) and refuses uploads early.
    MAX_CONTENT_LENGTH = 256 * 1024
    MAX_FORM_MEMORY_SIZE = 256 * 1024
    MAX_FORM_PARTS = 400
    # Document creation per client per window (in-memory, per worker).
    RATE_LIMIT_DOCUMENTS = 60  # a person downloads each file once: about a dozen requests
    RATE_LIMIT_WINDOW_SECONDS = 600
    RATE_LIMIT_ENDPOINTS = ("form.create_documents", "form.download_file", "api.documents")
    TRUSTED_PROXIES = 0  # reverse proxies in front whose X-Forwarded-* are believed (docs/deploy.md)
    # Where "Exit this page" goes: a neutral site.
    EXIT_URL = "https://www.bbc.co.uk/weather"
    # Organisation letterhead for advocates' deployments (issue 7); empty by default.
    ORGANISATION: ClassVar[dict[str, str]] = {}
    # No sessions are used; a random key means a leaked cookie could never be forged or read later.
    SECRET_KEY = os.urandom(32)
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Strict"
    PREFERRED_URL_SCHEME = "https"


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"


class TestingConfig(DevelopmentConfig):
    TESTING = True
    RATE_LIMIT_DOCUMENTS = 1000


CONFIGS = {"production": Config, "development": DevelopmentConfig, "testing": TestingConfig}


def from_environment() -> dict[str, Any]:
    """Settings named in the environment, e.g. TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS=5."""
    prefix = "TAKEDOWN_HELPER_"
    found: dict[str, Any] = {}
    for key, value in os.environ.items():
        name = key.removeprefix(prefix)
        if key.startswith(prefix) and name != "CONFIG" and hasattr(Config, name):
            default = getattr(Config, name)
            found[name] = int(value) if isinstance(default, int) and value.isdigit() else value
    return found
