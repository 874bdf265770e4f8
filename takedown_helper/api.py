"""The advocates' JSON API under /api/v1/: plan a case, or get its documents, without the form.

A request carries one case file (the published `CASE_SCHEMA`) and gets the same `parse_case ->
plan -> render_plan` path as the web form and the CLI. Nothing is stored or logged; every error is
an RFC 9457 `application/problem+json` body naming each failing field by JSON Pointer.
Rate limiting of `api.documents` is done by the security hook, by endpoint name.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from takedown_helper import organisation, safejson
from takedown_helper.casefile import CASE_SCHEMA, CaseError, FieldError, parse_case
from takedown_helper.documents import Document
from takedown_helper.example import example_case
from takedown_helper.plaintext import document_text, has_text
from takedown_helper.planner import Plan
from takedown_helper.render import PACKET_NAME, ZIP_NAME, render_packet, render_plan, zip_bytes

PREFIX = "/api/v1"
PROBLEM = "application/problem+json"
PROBLEM_BASE = "tag:takedown-helper.invalid,2026:problem/"
FORMATS = {"zip": "application/zip", "pdf": "application/pdf"}


class Problem(Exception):
    """An error answered as problem+json. `slug` names the problem type."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(slug)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.errors = errors
        self.headers = headers or {}

    def response(self) -> Response:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors is not None:
            body["errors"] = self.errors
        response = current_app.response_class(
            json.dumps(body), status=self.status, mimetype=PROBLEM
        )
        response.headers.update(self.headers)
        return response


def field_errors(errors: list[FieldError]) -> list[dict[str, str]]:
    return [{"pointer": e.pointer, "detail": e.message} for e in errors]


# --- Reading a request -------------------------------------------------------------------------


_REFUSED_DETAIL = {
    safejson.SYNTAX: "The request body could not be read as a JSON case file. "
    "Check it is valid UTF-8 JSON.",
    safejson.DEPTH: "The JSON is nested more deeply than any case file is "
    f"(at most {safejson.MAX_DEPTH} levels).",
    safejson.DUPLICATE: "An object in the JSON has the same key twice; send each field once.",
    safejson.SURROGATE: "A text in the JSON holds a lone surrogate escape (like \\ud800), "
    "which is not a character; send valid Unicode text.",
    safejson.NUMBER: "A number in the JSON is too large, or is NaN or Infinity.",
}


def _read_json() -> Any:
    mimetype = request.mimetype
    if not (
        mimetype == "application/json"
        or (mimetype.startswith("application/") and mimetype.endswith("+json"))
    ):
        raise Problem(
            415,
            "unsupported-media-type",
            "Send the case as JSON",
            "Send the case file as JSON with the header Content-Type: application/json.",
        )
    body = request.get_data(cache=False)  # over MAX_CONTENT_LENGTH: 413, answered below
    try:
        # Strict UTF-8 JSON: no NaN/Infinity, no lone surrogate, no key twice, not too deep.
        data = safejson.loads(body)
    except safejson.Refused as refused:
        raise Problem(
            400,
            "malformed-json",
            "The body is not valid JSON",
            _REFUSED_DETAIL.get(refused.reason, _REFUSED_DETAIL[safejson.SYNTAX]),
        ) from None
    return data


def _case_and_plan() -> Plan:
    data = _read_json()
    today = date.today()
    try:
        case = parse_case(data, today)
    except CaseError as exc:
        raise Problem(
            422,
            "invalid-case",
            "The case has problems",
            f"{len(exc.errors)} field(s) in the case need attention; see errors.",
            errors=field_errors(exc.errors),
        ) from None
    return organisation.deployment_plan(case, today)


# --- Writing a plan ------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def document_json(doc: Document, text: str | None = None) -> dict[str, Any]:
    return {
        "kind": doc.kind,
        "slug": doc.slug,
        "title": doc.title,
        "language": doc.language,
        "paper": doc.paper,
        "dated": doc.dated.isoformat(),
        "recipient": None
        if doc.recipient is None
        else {
            "id": doc.recipient.id,
            "name": doc.recipient.display_name,
            "legal_name": doc.recipient.legal_name,
        },
        "addressee": None
        if doc.addressee is None
        else {
            "name": doc.addressee.name,
            "lines": list(doc.addressee.lines),
            "country": doc.addressee.country,
            "unconfirmed": bool(doc.addressee.provenance and doc.addressee.provenance.unconfirmed),
        },
        "bases": list(doc.bases),
        "deadline": _iso(doc.deadline),
        "follow_up_on": _iso(doc.follow_up_on),
        "channels": [
            {
                "purpose": c.purpose,
                "label": c.label,
                "target": c.target,
                "unconfirmed": c.provenance.unconfirmed,
            }
            for c in doc.channels
        ],
        "missing": [
            {
                "pointers": [FieldError(path, r.why).pointer for path in r.paths],
                "why": r.why,
            }
            for r in doc.missing
        ],
        "checks": list(doc.checks),
        # The letter as plain text for the platform's own form (the primary route); null for
        # documents not sent through a form.
        "text": text,
    }


def plan_json(the_plan: Plan) -> dict[str, Any]:
    return {
        "today": the_plan.today.isoformat(),
        "complete": the_plan.complete,
        "documents": [
            document_json(d, document_text(d, the_plan) if has_text(d) else None)
            for d in the_plan.documents
        ],
    }


# --- The blueprint -----------------------------------------------------------------------------


def _format() -> str:
    chosen = request.args.get("format")
    if chosen is not None:
        if chosen not in FORMATS:
            raise Problem(
                400,
                "bad-format",
                "Unknown format",
                "The format parameter must be zip or pdf.",
                errors=[
                    {
                        "pointer": "",
                        "parameter": "format",
                        "detail": "Use format=zip or format=pdf.",
                    }
                ],
            )
        return chosen
    if not request.accept_mimetypes:  # no Accept header: a ZIP
        return "zip"
    best = request.accept_mimetypes.best_match(list(FORMATS.values()))
    if best is None:
        raise Problem(
            406,
            "not-acceptable",
            "Ask for a ZIP or a PDF",
            "Send Accept: application/zip (every document) or Accept: application/pdf (one packet).",
        )
    return next(k for k, v in FORMATS.items() if v == best)


def make_blueprint() -> Blueprint:
    bp = Blueprint("api", __name__, url_prefix=PREFIX)

    def plan_view() -> Response:
        return current_app.response_class(
            json.dumps(plan_json(_case_and_plan())), mimetype="application/json"
        )

    def documents_view() -> Response:
        fmt = _format()
        the_plan = _case_and_plan()
        if not the_plan.documents:
            raise Problem(
                422,
                "no-documents",
                "This case needs no documents",
                "No document applies to this case: check the links and the chosen documents.",
                errors=[],
            )
        if fmt == "pdf":  # only the packet is written; the single documents are not needed
            body, name = render_packet(the_plan), PACKET_NAME
        else:
            body, name = zip_bytes(render_plan(the_plan)), ZIP_NAME
        response = current_app.response_class(body, mimetype=FORMATS[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    # Endpoint names the security hook relies on.
    bp.add_url_rule("/plan", "plan", plan_view, methods=["POST"])
    bp.add_url_rule("/documents", "documents", documents_view, methods=["POST"])

    @bp.get("/openapi.json")
    def openapi_view() -> Response:
        return current_app.response_class(json.dumps(OPENAPI), mimetype="application/json")

    @bp.errorhandler(Problem)
    def on_problem(error: Problem) -> Response:
        return error.response()

    @bp.errorhandler(HTTPException)
    def on_http_error(error: HTTPException) -> Response:
        headers = {k: v for k, v in error.get_headers() if k.lower() in ("retry-after", "allow")}
        return _http_problem(error.code or 500, headers).response()

    @bp.after_app_request
    def problems_only(response: Response) -> Response:
        # Under /api/v1/ every error is problem+json: the app-wide guards (cross-origin, size cap,
        # rate limit) and routing (404, 405) answer with HTML pages, turned into problems here.
        if not request.path.startswith(PREFIX + "/"):
            return response
        if response.status_code >= 400 and response.mimetype != PROBLEM:
            kept = {
                k: v
                for k, v in response.headers.items()
                if k.lower() in ("retry-after", "allow", "www-authenticate")
            }
            if response.status_code == 405 and "Allow" not in kept:
                adapter = current_app.url_map.bind_to_environ(request.environ)
                kept["Allow"] = ", ".join(sorted(adapter.allowed_methods(request.path)))
            return _http_problem(response.status_code, kept).response()
        return response

    @bp.errorhandler(Exception)
    def on_unexpected(_error: Exception) -> Response:
        # Never a traceback, never the request's content in a log or the answer.
        return Problem(
            500,
            "internal-error",
            "Something went wrong",
            "The documents could not be made. Nothing was kept. Try again, or use the web form.",
        ).response()

    return bp


def _http_problem(code: int, headers: dict[str, str]) -> Problem:
    details = {
        # The app-wide guard answers 400 to any multipart body (uploads.py).
        400: "This API never accepts files or form uploads; send the case file as a JSON body.",
        401: "This API key is not configured here. Without an Authorization header the API "
        "works with the limits for everyone.",
        403: "Requests from another website are refused.",
        404: "There is no API address like this; see /api/v1/openapi.json.",
        405: "This address does not take this method; see /api/v1/openapi.json.",
        413: "The case file is too large. A case file is at most "
        f"{current_app.config.get('MAX_CONTENT_LENGTH') or 0} bytes.",
        429: "Too many documents were asked for from here. Wait a few minutes, then try again.",
    }
    try:
        name = HTTP_STATUS_CODES[code]
    except KeyError:
        name = "Error"
    slug = name.lower().replace(" ", "-")
    return Problem(code, slug, name, details.get(code, f"{name}."), headers=headers)


# --- OpenAPI 3.1 ----------------------------------------------------------------------------------


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["pointer", "detail"],
                    "properties": {
                        "pointer": {"type": "string"},
                        "detail": {"type": "string"},
                        "parameter": {"type": "string"},
                    },
                },
            },
        },
    }


_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["today", "complete", "documents"],
    "properties": {
        "today": {"type": "string", "format": "date"},
        "complete": {
            "type": "boolean",
            "description": "True when no document still misses anything.",
        },
        "documents": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "kind",
                    "slug",
                    "title",
                    "language",
                    "paper",
                    "dated",
                    "recipient",
                    "addressee",
                    "bases",
                    "deadline",
                    "follow_up_on",
                    "channels",
                    "missing",
                    "checks",
                    "text",
                ],
                "properties": {
                    "kind": {"type": "string"},
                    "slug": {"type": "string", "description": "Neutral file-name stem."},
                    "title": {"type": "string"},
                    "language": {"type": "string"},
                    "paper": {"enum": ["letter", "a4"]},
                    "dated": {"type": "string", "format": "date"},
                    "recipient": {
                        "type": ["object", "null"],
                        "required": ["id", "name", "legal_name"],
                        "properties": {
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "legal_name": {"type": "string"},
                        },
                    },
                    "addressee": {
                        "type": ["object", "null"],
                        "required": ["name", "lines", "country", "unconfirmed"],
                        "properties": {
                            "name": {"type": "string"},
                            "lines": {"type": "array", "items": {"type": "string"}},
                            "country": {"type": ["string", "null"]},
                            "unconfirmed": {"type": "boolean"},
                        },
                    },
                    "bases": {"type": "array", "items": {"type": "string"}},
                    "deadline": _NULLABLE_DATE,
                    "follow_up_on": _NULLABLE_DATE,
                    "text": {
                        "type": ["string", "null"],
                        "description": "The letter as plain text, to paste into the platform's "
                        "own reporting form (its TAKE IT DOWN process first); null for documents "
                        "not sent through a form. The ZIP holds it as <slug>.txt.",
                    },
                    "channels": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["purpose", "label", "target", "unconfirmed"],
                            "properties": {
                                "purpose": {"type": "string"},
                                "label": {"type": "string"},
                                "target": {"type": "string"},
                                "unconfirmed": {"type": "boolean"},
                            },
                        },
                    },
                    "missing": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["pointers", "why"],
                            "properties": {
                                "pointers": {
                                    "type": "array",
                                    "description": "JSON Pointers into the case; any one of them satisfies the need.",
                                    "items": {"type": "string"},
                                },
                                "why": {"type": "string"},
                            },
                        },
                    },
                    "checks": {
                        "type": "array",
                        "description": "Unconfirmed directory facts to check before sending.",
                        "items": {"type": "string"},
                    },
                },
            },
        },
    },
}


def _problems(*codes: int) -> dict[str, Any]:
    words = {
        400: "Malformed JSON, or an unknown format parameter.",
        401: "An Authorization: Bearer key that this deployment does not know.",
        403: "A cross-site request from a browser.",
        406: "Neither a ZIP nor a PDF is acceptable to the client.",
        413: "The body is larger than the case file limit.",
        415: "The body is not JSON.",
        422: "The case has problems; `errors` names each field by JSON Pointer.",
        429: "Too many document requests from this client; wait and retry.",
    }
    return {
        str(code): {
            "description": words[code],
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in codes
    }


# The fictional example, asking for the removal request only (a small render).
_EXAMPLE = {**example_case(), "choices": {"documents": ["platform_notice"], "dmca": False}}


def _case_body() -> dict[str, Any]:
    # The request body's schema IS the case file schema: the same object, so they cannot drift.
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": CASE_SCHEMA,
                "examples": {"fictional": {"summary": "A fictional case", "value": _EXAMPLE}},
            }
        },
    }


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "takedown-helper API",
        "version": "1",
        "description": "Plan and render takedown notices from a case file. Nothing sent is stored or "
        "logged. Never send imagery: a case file holds only links and answers.",
    },
    "servers": [{"url": "/"}],
    "paths": {
        f"{PREFIX}/plan": {
            "post": {
                "operationId": "plan",
                "summary": "Which documents this case needs, what each still misses, what to check.",
                "requestBody": _case_body(),
                "responses": {
                    "200": {
                        "description": "The planned documents.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}
                        },
                    },
                    **_problems(400, 403, 413, 415, 422),
                },
            }
        },
        f"{PREFIX}/documents": {
            "post": {
                "operationId": "documents",
                "summary": "Every document of the case as PDFs: a ZIP, or one packet PDF.",
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "description": "zip (every document and the packet) or pdf (the packet); "
                        "without it the Accept header chooses, ZIP by default.",
                        "schema": {"enum": list(FORMATS)},
                    }
                ],
                "requestBody": _case_body(),
                "responses": {
                    "200": {
                        "description": "The documents. File names are neutral.",
                        "headers": {
                            "Content-Disposition": {"schema": {"type": "string"}},
                        },
                        "content": {
                            "application/zip": {
                                "schema": {"type": "string", "contentMediaType": "application/zip"}
                            },
                            "application/pdf": {
                                "schema": {"type": "string", "contentMediaType": "application/pdf"}
                            },
                        },
                    },
                    **_problems(400, 401, 403, 406, 413, 415, 422, 429),
                },
            }
        },
    },
    "components": {
        "schemas": {"Plan": PLAN_SCHEMA, "Problem": _problem_schema()},
        # Optional: a trusted system's key gets its own, higher limit (ratelimit.py). The
        # deployment configures only each key's SHA-256 digest.
        "securitySchemes": {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "An API key given by the deployment's operator. Optional: "
                "without it the API works with the per-address limits.",
            }
        },
    },
    # An empty requirement first: the key is optional.
    "security": [{}, {"apiKey": []}],
}
