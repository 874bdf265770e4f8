"""Every setting is checked when the app is built: a mistake stops `serve` with one line naming
the variable and what it accepts, exit code 2; a misspelt variable is named in a warning; the
configuration reference in docs/deploy.md is the code's own table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from takedown_helper import config
from takedown_helper.app import create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("variables", "line"),
    [
        ({"TAKEDOWN_HELPER_TRUSTED_PROXIES": "yes"},
         "TAKEDOWN_HELPER_TRUSTED_PROXIES must be a whole number, 0 or more."),
        ({"TAKEDOWN_HELPER_CONFIG": "staging"},
         "TAKEDOWN_HELPER_CONFIG must be one of production, development, testing"),
        ({"TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS": "-5"},
         "TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS must be a whole number, 1 or more."),
        ({"TAKEDOWN_HELPER_EXIT_URL": "http://example.org"},
         "TAKEDOWN_HELPER_EXIT_URL must be an https:// address or a path on this site."),
        ({"TAKEDOWN_HELPER_API_KEYS": "not-a-digest"},
         "TAKEDOWN_HELPER_API_KEYS must be SHA-256 hex digests"),
        ({"TAKEDOWN_HELPER_RATE_LIMIT_STORAGE": "redis://127.0.0.1:1/0"},
         "TAKEDOWN_HELPER_RATE_LIMIT_KEY must be set"),
        ({"TAKEDOWN_HELPER_RATE_LIMIT_STORAGE": "ftp://x"},
         "TAKEDOWN_HELPER_RATE_LIMIT_STORAGE must be memory://"),
        ({"TAKEDOWN_HELPER_ORGANISATION_FILE": "/nonexistent/org.toml"},
         "The organisation profile is not usable"),
    ],
)
def test_a_bad_setting_stops_serve_with_one_line_and_exit_2(variables, line):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAKEDOWN_HELPER_")}
    env.update(variables)
    done = subprocess.run(
        [sys.executable, "-m", "takedown_helper", "serve", "--port", "0"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and line in lines[0]
    assert "Traceback" not in done.stderr and "is running" not in done.stdout


def test_an_unreachable_shared_store_stops_serve():
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAKEDOWN_HELPER_")}
    env.update(TAKEDOWN_HELPER_RATE_LIMIT_STORAGE="redis://127.0.0.1:1/0",
               TAKEDOWN_HELPER_RATE_LIMIT_KEY="k" * 40)
    done = subprocess.run([sys.executable, "-m", "takedown_helper", "serve", "--port", "0"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "takedown-helper: The rate-limit store could not be reached: check "
        "TAKEDOWN_HELPER_RATE_LIMIT_STORAGE (redis://127.0.0.1:1/0) and that the store is running."
    ]


def test_misspelt_variables_are_named_with_the_likely_setting():
    lines = config.unknown_variables({
        "TAKEDOWN_HELPER_RATE_LIMT_DOCUMENTS": "5",
        "TAKEDOWN_HELPER_CONFIG": "production",
        "TAKEDOWN_HELPER_ORGANISATION_NAME": "Example",
        "PATH": "/usr/bin",
    })
    assert lines == [
        "warning: TAKEDOWN_HELPER_RATE_LIMT_DOCUMENTS is not a takedown-helper setting and is "
        "ignored (did you mean TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS?)."
    ]


def test_values_from_code_are_checked_too():
    with pytest.raises(config.ConfigError, match="RATE_LIMIT_DOCUMENTS must be"):
        create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": -5})


def test_environment_values_are_parsed_to_their_types():
    found = config.from_environment({
        "TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS": "7",
        "TAKEDOWN_HELPER_RATE_LIMIT_ENDPOINTS": "form.create_documents, api.documents",
        "TAKEDOWN_HELPER_API_KEYS": "A" * 64,
    })
    assert found == {
        "RATE_LIMIT_DOCUMENTS": 7,
        "RATE_LIMIT_ENDPOINTS": ("form.create_documents", "api.documents"),
        "API_KEYS": ("a" * 64,),
    }


def test_deploy_doc_has_the_codes_configuration_reference():
    text = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    block = text.split("<!-- settings:start -->\n", 1)[1].split("\n<!-- settings:end -->", 1)[0]
    assert block == config.reference()
