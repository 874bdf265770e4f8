"""Every page, in English and Spanish, is valid HTML by the Nu Html Checker (vnu.jar, the W3C's
validator, run offline from the npm package `vnu-jar`, which scripts/test installs) and has no
duplicate id.

Pages are reached as a returning user reaches them: the fictional example's saved answers are
pasted on "Continue from a saved file", and each "Change" button of the check page opens its
question page; the documents page, the information pages and an error page are added.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from takedown_helper.app import create_app
from takedown_helper.example import example_case

ROOT = Path(__file__).resolve().parents[2]
VNU = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))

pytestmark = pytest.mark.slow


class _Form(HTMLParser):
    """The hidden fields of the change form and the values of its Change buttons; every id."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.changes: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "input" and a.get("type") == "hidden" and a.get("form", "change-form"):
            self.hidden.setdefault(a.get("name", ""), a.get("value", ""))
        if tag == "button" and a.get("value", "").startswith("change:"):
            self.changes.append(a["value"])


def _parse(html: str) -> _Form:
    parser = _Form()
    parser.feed(html)
    return parser


def _pages(lang: str) -> dict[str, str]:
    client = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000}).test_client()
    pages: dict[str, str] = {}
    for path in ("/", "/safety", "/exit-this-page", "/continue", "/no-such-page"):
        pages[f"get{path.replace('/', '_')}"] = client.get(f"{path}?lang={lang}").get_data(True)
    check = client.post("/continue", data={"case_file": json.dumps(example_case()), "lang": lang})
    assert check.status_code == 200
    pages["check"] = check.get_data(True)
    form = _parse(pages["check"])
    assert len(set(form.changes)) >= 5
    for action in dict.fromkeys(form.changes):
        page = client.post("/questions", data={**form.hidden, "lang": lang, "action": action})
        assert page.status_code == 200, action
        pages[action.replace(":", "_")] = page.get_data(True)
    documents = client.post("/documents", data={**form.hidden, "lang": lang})
    assert documents.status_code == 200
    pages["documents"] = documents.get_data(True)
    return pages


@pytest.fixture(scope="module")
def all_pages() -> dict[str, str]:
    return {f"{lang}-{name}": html for lang in ("en", "es") for name, html in _pages(lang).items()}


def test_no_page_has_a_duplicate_id(all_pages):
    for name, html in all_pages.items():
        ids = _parse(html).ids
        assert len(ids) == len(set(ids)), (name, sorted({i for i in ids if ids.count(i) > 1}))


def test_every_page_is_valid_html_by_the_nu_checker(all_pages, tmp_path):
    java = shutil.which("java")
    assert java, "Java is missing: scripts/test installs a headless JRE for the Nu Html Checker"
    assert VNU.exists(), f"{VNU} is missing: scripts/test installs it (npm package vnu-jar)"
    for name, html in all_pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]
    assert problems == []
