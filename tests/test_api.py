"""The advocates' JSON API: plans, documents, RFC 9457 problems, the OpenAPI document, and a
schemathesis run of that document against the app in-process."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from datetime import date, timedelta

import jsonschema
import pytest
from pypdf import PdfReader

from takedown_helper import api
from takedown_helper.app import create_app
from takedown_helper.casefile import CASE_SCHEMA
from takedown_helper.render import PACKET_NAME, ZIP_NAME

PROBLEM = "application/problem+json"


@pytest.fixture
def case(example):
    """The example case, limited to the platform notice so a render stays small."""
    example["choices"]["documents"] = ["platform_notice"]
    return example


def _problem(response, status):
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"].startswith(api.PROBLEM_BASE)
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def _pdf_text(response) -> str:
    """The PDF's text without whitespace: long URLs wrap across lines in a letter."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    return "".join(text.split())


# --- POST /api/v1/plan ---------------------------------------------------------------------------


def test_plan_lists_each_document_with_recipient_bases_and_dates(client, case):
    response = client.post("/api/v1/plan", json=case)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    today = date.fromisoformat(body["today"])
    assert today == date.today()
    (doc,) = body["documents"]
    assert doc["kind"] == "platform_notice"
    assert doc["recipient"]["id"] == "x"
    # Under 18 when made: the TAKE IT DOWN Act request also gives notice of CSAM.
    assert doc["bases"] == ["take_it_down", "csam_us"]
    # TAKE IT DOWN Act § 3(a)(3): removal within 48 hours of receipt.
    assert doc["deadline"] == (today + timedelta(days=2)).isoformat()
    assert doc["follow_up_on"] == (today + timedelta(days=3)).isoformat()
    assert doc["channels"] and all(c["target"] for c in doc["channels"])
    assert doc["missing"] == [] and body["complete"] is True
    assert "Alex Example" not in doc["slug"] + doc["title"]


def test_plan_says_what_is_missing_by_json_pointer(client, case):
    case["signer"] = {"name": None, "email": None, "phone": None, "address": []}
    body = client.post("/api/v1/plan", json=case).get_json()
    assert body["complete"] is False
    missing = body["documents"][0]["missing"]
    assert [m["pointers"] for m in missing] == [
        ["/signer/name"],
        ["/signer/email", "/signer/phone", "/signer/address"],
    ]
    assert all(m["why"] for m in missing)


def test_plan_reports_unconfirmed_facts_as_checks(client, case):
    doc = client.post("/api/v1/plan", json=case).get_json()["documents"][0]
    unconfirmed = [c for c in doc["channels"] if c["unconfirmed"]]
    if doc["addressee"]["unconfirmed"] or unconfirmed:
        assert doc["checks"], "an unconfirmed fact must come with a check for the user"


def test_invalid_case_is_a_problem_naming_each_field(client, case):
    case["items"][0]["url"] = "x.com/somebody"
    case["requester"]["country"] = "ZZ"
    body = _problem(client.post("/api/v1/plan", json=case), 422)
    pointers = {e["pointer"]: e["detail"] for e in body["errors"]}
    assert set(pointers) == {"/items/0/url", "/requester/country"}
    assert pointers["/items/0/url"] == "Enter the full link, starting with https://"


def test_schema_errors_point_at_the_missing_field(client, case):
    del case["person_shown"]["minor_when_made"]
    body = _problem(client.post("/api/v1/plan", json=case), 422)
    assert body["errors"] == [
        {
            "pointer": "/person_shown/minor_when_made",
            "detail": "Enter whether the person shown was under 18.",
        }
    ]


@pytest.mark.parametrize(
    "data",
    ["{", "", "[1,]", '{"a": NaN}', '"\\ud800"', b"\xff\xfe{}", "[" * 5000 + "]" * 5000],
)
def test_malformed_json_is_a_400_problem(client, data):
    response = client.post("/api/v1/plan", data=data, content_type="application/json")
    body = _problem(response, 400)
    assert "errors" not in body


def test_a_json_value_that_is_not_a_case_is_a_422_problem(client):
    body = _problem(client.post("/api/v1/plan", json=[1, 2]), 422)
    assert body["errors"][0]["pointer"] == ""


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_a_415_problem(client, case, content_type):
    response = client.post("/api/v1/plan", data=json.dumps(case), content_type=content_type)
    _problem(response, 415)


def test_too_large_a_body_is_a_413_problem(client, case):
    case["threats"]["details"] = "x" * (300 * 1024)
    _problem(client.post("/api/v1/plan", json=case), 413)


def test_other_methods_and_addresses_are_problems(client):
    body = _problem(client.get("/api/v1/plan"), 405)
    assert "POST" in client.get("/api/v1/documents").headers["Allow"]
    assert body["detail"]
    _problem(client.get("/api/v1/no-such-thing"), 404)


def test_cross_origin_post_is_a_403_problem(client, case):
    response = client.post("/api/v1/plan", json=case, headers={"Origin": "https://evil.example"})
    _problem(response, 403)


# --- POST /api/v1/documents ----------------------------------------------------------------------


def test_documents_as_zip_by_default(client, case):
    response = client.post("/api/v1/documents", json=case)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{ZIP_NAME}"'
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names[:2] == ["01-removal-request-x.pdf", PACKET_NAME]
    assert not any("alex" in name.lower() for name in names)


@pytest.mark.parametrize(
    ("query", "headers"),
    [("?format=pdf", {}), ("", {"Accept": "application/pdf"}), ("?format=pdf", {"Accept": "*/*"})],
)
def test_documents_as_one_packet_pdf(client, case, query, headers):
    response = client.post(f"/api/v1/documents{query}", json=case, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{PACKET_NAME}"'
    assert "https://x.com/fictional_account_01/status/1111111111111111111" in _pdf_text(response)


def test_format_parameter_wins_over_accept(client, case):
    response = client.post(
        "/api/v1/documents?format=zip", json=case, headers={"Accept": "application/pdf"}
    )
    assert response.mimetype == "application/zip"


def test_unknown_format_and_unacceptable_accept_are_problems(client, case):
    body = _problem(client.post("/api/v1/documents?format=docx", json=case), 400)
    assert body["errors"][0]["parameter"] == "format"
    _problem(client.post("/api/v1/documents", json=case, headers={"Accept": "text/html"}), 406)


def test_documents_for_an_invalid_case_is_a_422_problem(client, case):
    case["items"] = []
    body = _problem(client.post("/api/v1/documents", json=case), 422)
    assert body["errors"][0]["pointer"] == "/items"


def test_documents_are_rate_limited_by_endpoint_name(case):
    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 1})
    client = app.test_client()
    # The limit counts requests, so two malformed ones (cheap) are enough to reach it.
    client.post("/api/v1/documents", data="{", content_type="application/json")
    response = client.post("/api/v1/documents", data="{", content_type="application/json")
    _problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    # Planning renders nothing and is not limited.
    assert client.post("/api/v1/plan", json=case).status_code == 200


def test_nothing_is_logged(client, case, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/plan", json=case)
    client.post("/api/v1/plan", data="{", content_type="application/json")
    case["items"][0]["url"] = "not a link"
    client.post("/api/v1/plan", json=case)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Alex Example" not in logged and "fictional_account" not in logged


def test_advocate_letters_carry_the_organisation_letterhead(case):
    app = create_app(
        {
            "TESTING": True,
            "ORGANISATION": {
                "name": "Example Survivors' Legal Project",
                "address": ["200 Sample Avenue", "Example City, CA 90001"],
                "email": "intake@legal-project.example",
            },
        }
    )
    case["requester"]["role"] = "advocate"
    case["signer"] = {"name": "Sam Advocate", "email": None, "phone": None, "address": []}
    client = app.test_client()
    assert client.post("/api/v1/plan", json=case).get_json()["complete"] is True
    response = client.post("/api/v1/documents?format=pdf", json=case)
    text = _pdf_text(response)
    assert "ExampleSurvivors" in text and "LegalProject" in text
    assert "200SampleAvenue" in text and "intake@legal-project.example" in text
    assert "SamAdvocate" in text
    assert "authorizedrepresentativeofthepersonshown" in text


@pytest.mark.parametrize("lines", [[None], [""] * 7, ["1 Sample Street", None, ""]])
def test_the_api_accepts_exactly_what_the_published_schema_accepts(client, case, lines):
    case["signer"]["address"] = lines
    schema_valid = jsonschema.Draft202012Validator(CASE_SCHEMA).is_valid(case)
    response = client.post("/api/v1/plan", json=case)
    if schema_valid:
        assert response.status_code == 200
    else:
        _problem(response, 422)


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_request_bodies_are_the_case_schema_itself(client):
    for operation in ("plan", "documents"):
        body = api.OPENAPI["paths"][f"/api/v1/{operation}"]["post"]["requestBody"]
        assert body["content"]["application/json"]["schema"] is CASE_SCHEMA
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    document = served.get_json()
    assert document["openapi"].startswith("3.1")
    schema = document["paths"]["/api/v1/plan"]["post"]["requestBody"]["content"]
    assert schema["application/json"]["schema"] == json.loads(json.dumps(CASE_SCHEMA))


def test_openapi_endpoints_match_the_blueprint(app):
    with app.test_request_context():
        rules = {r.rule: r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert rules["/api/v1/plan"] == "api.plan"
    assert rules["/api/v1/documents"] == "api.documents"
    assert {p for p in api.OPENAPI["paths"]} == {"/api/v1/plan", "/api/v1/documents"}


# --- schemathesis --------------------------------------------------------------------------------

try:
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.specs.openapi.checks import (
        positive_data_acceptance,
    )
except ImportError:  # the test extra is not installed: only this test is skipped
    schemathesis = None

if schemathesis is not None:
    _FUZZ_APP = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 1_000_000})
    _SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _FUZZ_APP)

    @pytest.mark.slow
    @_SCHEMA.parametrize()
    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    def test_api_conforms_to_its_openapi_document(case):
        # A schema-valid case may still be refused (422) by the checks that need the directory
        # or the calendar (a link on the wrong site, an unknown country), so "positive data is
        # accepted" is not a promise. Every other check holds: no 5xx, only documented statuses, content types and bodies,
        # problem details for unsupported methods.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

else:

    @pytest.mark.skip(reason="schemathesis is not installed (pip install -e '.[test]')")
    def test_api_conforms_to_its_openapi_document():
        raise AssertionError("skipped")


def test_a_file_part_is_refused_as_a_problem(client):
    response = client.post(
        "/api/v1/documents",
        data={"case": (io.BytesIO(b"GIF89a"), "picture.gif")},
        content_type="multipart/form-data",
    )
    body = _problem(response, 400)
    assert body["detail"].startswith("This API never accepts files")
