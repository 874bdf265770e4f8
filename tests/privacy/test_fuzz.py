"""Promise 5 under generated input: parse_case raises nothing but CaseError, every error names
a field (or is the one top-level message); accepted cases plan and render; no POST body to any
route gives a 500."""

from __future__ import annotations

import copy
import io
import json

import pytest
from conftest import post_rules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_support import TODAY, base_case, free_text_paths, put
from pypdf import PdfReader

from takedown_helper.casefile import CaseError, parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan

BASE = base_case()
PATHS = free_text_paths(BASE)
ALL_KEYS = sorted({key for path in PATHS for key in path if isinstance(key, str)})

json_leaf = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=True) | st.text(max_size=60)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(ALL_KEYS) | st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_cases(draw):
    """The valid base case with some fields replaced: by any JSON, text, or dropped."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from([*PATHS, ("items",), ("requester", "country"), ("history", "police"), ("choices", "documents"), ("items", 0, "first_seen"), ("schema_version",)]))
        try:
            put(data, path, draw(st.text(max_size=300) | json_value))
        except (KeyError, IndexError, TypeError):
            continue
    return data


def _check(data) -> None:
    try:
        case = parse_case(data, TODAY)
    except CaseError as exc:
        assert exc.errors
        # A message without a path is about the file as a whole (not a case file, an unknown
        # top-level field): at most one such message, every other one names its field.
        assert len([e for e in exc.errors if not e.path]) <= 1, exc.errors
        for error in exc.errors:
            assert error.message.strip()
            assert error.pointer == "".join(
                "/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.path
            )
        return
    plan(case, TODAY)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_cases())
def test_mutated_cases_raise_only_case_errors(data):
    _check(data)


@settings(max_examples=1000, deadline=None)
@given(json_value)
def test_any_json_raises_only_case_errors(data):
    _check(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PATHS), min_size=1, max_size=5), st.text(min_size=1, max_size=120))
def test_accepted_cases_render_valid_pdfs(warm, paths, text):
    data = copy.deepcopy(BASE)
    for path in paths:
        put(data, path, text)
    try:
        case = parse_case(data, TODAY)
    except CaseError:
        return
    output = render_plan(plan(case, TODAY))
    for name, body in output.files():
        if name.endswith(".pdf"):
            assert len(PdfReader(io.BytesIO(body)).pages) >= 1


form_bodies = st.dictionaries(
    st.sampled_from(["case_json", "case_file", "action", "lang", "step", "answers", "x"]) | st.text(max_size=20),
    st.text(max_size=200) | st.builds(json.dumps, json_value),
    max_size=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(form_bodies, st.sampled_from(["form", "json", "raw"]), st.binary(max_size=200))
def test_no_post_body_gives_a_500(app, body, kind, raw):
    client = app.test_client()
    with app.test_request_context():
        from flask import url_for

        urls = [url_for(rule.endpoint, **values) for _e, rule, values in post_rules(app)] + ["/"]
    for url in urls:
        if kind == "form":
            response = client.post(url, data=body)
        elif kind == "json":
            response = client.post(url, data=json.dumps(body), content_type="application/json")
        else:
            response = client.post(url, data=raw, content_type="application/octet-stream")
        assert response.status_code < 500, (url, response.status_code)


# --- Hostile bytes at every POST route, form and API -------------------------------

# What an attacker tries first: links urlsplit refuses, text that is not text, numbers that are
# not numbers, control characters, very long lines.
HOSTILE_TEXT = [
    "https://example.com]/video", "http://[::1", "http://[::1]:99999/", "https://[not-ip]/",
    "https://x.com:port/", "\ud800", "\udfff", "a\ud83dz", "\x00", "\x1b[31m", "\r\n\t\x0b\x0c",
    "\u202e\u2066", "1" * 400, "9" * 5000, "-0", "1e999", "NaN", "{{7*7}}", "%(x)s", "<b>",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "",
]
hostile_text = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=60)


def _nested(depth: int, kind: str) -> str:
    return ("[" * depth + "]" * depth) if kind == "list" else ('{"a":' * depth + "1" + "}" * depth)


@st.composite
def hostile_json(draw) -> str:
    """JSON text a reader must refuse with a message or read: deep, duplicate keys, surrogate
    escapes, huge numbers, or the base case with hostile values in it."""
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return _nested(draw(st.sampled_from([33, 500, 5000, 20000])), draw(st.sampled_from(["list", "dict"])))
    if choice == 1:
        key = draw(st.sampled_from([*ALL_KEYS, "requester", "items", "schema_version"]))
        return f'{{"{key}": 1, "{key}": 2}}'
    if choice == 2:
        return "[" + draw(st.sampled_from(["1" * 5000, "1e999", "-1e400", "NaN", "Infinity", '"\\ud800"', '"\\udc00x"'])) + "]"
    data = draw(mutated_cases())
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from([*PATHS, ("items", 0, "url"), ("items", 0, "views")]))
        try:
            put(data, path, draw(hostile_text))
        except (KeyError, IndexError, TypeError):
            continue
    return json.dumps(data)  # ensure_ascii: a lone surrogate travels as the escape \ud800


def _form_names(app) -> list[str]:
    """Every field name on the question pages, read from the pages themselves (so a renamed or
    added field is fuzzed too): each step is reached with "change:<step>" from the check page."""
    import re

    client = app.test_client()
    answers = json.dumps(BASE)
    html = client.post("/questions", data={"answers": answers, "action": "start"}).get_data(as_text=True)
    check = client.post("/continue", data={"case_file": answers}).get_data(as_text=True)
    for action in sorted(set(re.findall(r'value="(change:[^"]+)"', check))):
        html += client.post("/questions", data={"answers": answers, "action": action, "step": "check"}).get_data(as_text=True)
    return sorted(set(re.findall(r'name="([^"{}]+)"', html + check)) - {"viewport", "robots"})


def _post_urls(app) -> list[str]:
    with app.test_request_context():
        from flask import url_for

        return [url_for(rule.endpoint, **values) for _e, rule, values in post_rules(app)]


@st.composite
def hostile_requests(draw, urls: list[str], names: list[str]):
    """One request: a route, and a form body (hostile answers, paste and fields) or a JSON body."""
    url = draw(st.sampled_from(urls))
    if url.startswith("/api/") and draw(st.booleans()):
        return url, {"data": draw(hostile_json()), "content_type": "application/json"}
    form = {name: draw(hostile_text) for name in draw(st.lists(st.sampled_from(names), max_size=6))}
    if draw(st.booleans()):
        form["answers"] = draw(hostile_json())
    if draw(st.booleans()):
        form["case_file"] = draw(hostile_json())
    form["step"] = draw(st.sampled_from([*names, "check", "links", "signer", ""]))
    form["action"] = draw(st.sampled_from(["continue", "back", "language", "start", "change:links", "change:nope", "add-report:x"]))
    # Form bodies are sent as bytes: a lone surrogate in a field arrives as the bytes a client
    # would send (UTF-8 with surrogatepass), which the server must decode without failing.
    from urllib.parse import quote

    body = "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in form.items()
    )
    return url, {"data": body, "content_type": "application/x-www-form-urlencoded"}


FUZZ_COUNTS: dict[str, int] = {}


def _fuzz(app, n: int, seed_names: list[str]) -> None:
    client = app.test_client()
    urls = _post_urls(app)

    # Derandomized: the same requests every run, so CI never fails by chance; a rare 500 found
    # by exploring more widely is reproduced here by raising n or changing the seed names.
    @settings(max_examples=n, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(hostile_requests(urls, seed_names))
    def one(request):
        url, kwargs = request
        response = client.post(url, **kwargs)
        FUZZ_COUNTS[url] = FUZZ_COUNTS.get(url, 0) + 1
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code == 400 and url.startswith("/api/"):
            assert response.get_json()["detail"]

    one()


def test_hostile_requests_to_every_post_route_get_no_500(app):
    """A sample in the default run; tests/reliability runs 10,000 against the real server."""
    names = _form_names(app)
    assert {"answers", "step", "action"} <= set(names)
    FUZZ_COUNTS.clear()
    _fuzz(app, 150, names)
    assert set(FUZZ_COUNTS) == set(_post_urls(app)), FUZZ_COUNTS


@pytest.mark.parametrize("text", ["https://example.com]/video", "http://[::1", "http://[::1]:99999/"])
def test_a_malformed_link_gets_a_field_message_everywhere(app, text):
    data = copy.deepcopy(BASE)
    data["items"][0]["url"] = text
    client = app.test_client()
    problem = client.post("/api/v1/plan", json=data)
    assert problem.status_code == 422
    assert "/items/0/url" in [e["pointer"] for e in problem.get_json()["errors"]]
    pasted = client.post("/continue", data={"case_file": json.dumps(data)})
    assert pasted.status_code == 400
    assert "link" in pasted.get_data(as_text=True).lower()
    for url in ("/documents", "/documents/file", "/answers"):
        assert client.post(url, data={"answers": json.dumps(data)}).status_code == 400


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 20000 + "]" * 20000, "not a saved answers file"),
        ('{"requester": {}, "requester": {}}', "written twice"),
        (json.dumps({**BASE, "signer": {**BASE["signer"], "name": "\ud800"}}), "broken character"),
        ("[" + "1" * 5000 + "]", "not a saved answers file"),
    ],
)
def test_a_hostile_paste_gets_a_message(app, text, words):
    response = app.test_client().post("/continue", data={"case_file": text})
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)


FUZZ_REQUESTS = 10_000
REAL_LAYOUT_EVERY = 50


@pytest.mark.slow
def test_ten_thousand_hostile_requests_get_no_500(app, monkeypatch):
    """The reliability goal: at least 10,000 hostile requests spread over every POST route, 0 × 500.
    Every page, check and letter template runs for real; PDF layout (seconds each, and the same
    code whatever the text) runs for real for one accepted case in REAL_LAYOUT_EVERY, the others
    get a one-page layout, so the run stays a couple of minutes. Accepted cases with hostile
    text are laid out for real in test_accepted_cases_render_valid_pdfs and tests/reliability."""
    from takedown_helper import pdf

    real_layout = pdf.layout
    stand_in = real_layout("<p>x</p>")
    calls = [0]

    def layout(html):
        calls[0] += 1
        return real_layout(html) if calls[0] % REAL_LAYOUT_EVERY == 0 else stand_in

    monkeypatch.setattr(pdf, "layout", layout)
    names = _form_names(app)
    FUZZ_COUNTS.clear()
    _fuzz(app, FUZZ_REQUESTS + 500, names)
    total = sum(FUZZ_COUNTS.values())
    print(f"\nfuzz: {total} hostile requests, 0 x 500, per route {FUZZ_COUNTS}, "
          f"{calls[0]} layouts ({calls[0] // REAL_LAYOUT_EVERY} real)")
    assert total >= FUZZ_REQUESTS
    assert set(FUZZ_COUNTS) == set(_post_urls(app))
