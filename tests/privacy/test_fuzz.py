"""Promise 5 under generated input: parse_case raises nothing but CaseError, every error names
a field (or is the one top-level message); accepted cases plan and render; no POST body to any
route gives a 500."""

from __future__ import annotations

import copy
import io
import json

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
