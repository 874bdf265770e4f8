"""The case file: its published JSON Schema, and the one function that turns answers into a Case.

Every entry point (web form, saved file, CLI, JSON API) calls `parse_case`. The JSON Schema checks
shape, types and lengths; the checks after it need the directory, the calendar or email-validator.
Each problem is reported against its field with a message a frightened person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast
from urllib.parse import urlsplit

import jsonschema
from email_validator import EmailNotValidError, validate_email

from takedown_helper.case import (
    OTHER_WEBSITE,
    Case,
    ContentItem,
    CopyrightHolder,
    ImageryKind,
    MinorWhenMade,
    NoticeSent,
    PlatformAnswer,
    PlatformReport,
    PoliceAgency,
    Role,
    Route,
    Signer,
    ThreatAccount,
    WebsiteContacts,
    Where,
)
from takedown_helper.directory import directory, normalise_host
from takedown_helper.geography import UK_NATIONS, US_STATES, is_country
from takedown_helper.i18n import N_, _

SCHEMA_VERSION = 1
MAX_ITEMS = 50
MAX_REPORTS = 50
MAX_URL = 2048
MAX_SHORT = 200
MAX_LONG = 2000
# A user a few time zones ahead of the server may truthfully type "tomorrow" by the server's clock.
FUTURE_SLACK = timedelta(days=1)

Path = tuple[str | int, ...]


def _text(max_length: int = MAX_SHORT) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length}


def _opt_text(max_length: int = MAX_SHORT) -> dict[str, Any]:
    return {"type": ["string", "null"], "maxLength": max_length}


# An optional date may be left blank (the parser reads blank as "not given").
_OPT_DATE = {
    "anyOf": [
        {"type": "null"},
        {"type": "string", "pattern": r"^\s*$"},
        {"type": "string", "format": "date"},
    ]
}
_OPT_COUNT = {"type": ["integer", "null"], "minimum": 0, "maximum": 10**12}
# Blank lines (null, or "" which the parser treats as null) are allowed and dropped.
_ADDRESS_LINES = {"type": "array", "maxItems": 6, "items": _opt_text()}
_DOCUMENT_KINDS = [
    "threat_report",
    "platform_notice",
    "ncmec_worksheet",
    "police_referral",
    "delisting_request",
    "host_notice",
    "follow_up",
    "escalation",
    "guide",
]

_DATE = {"type": "string", "format": "date"}
# A case without links is one whose imagery is not (known to be) public: unless `imagery.where`
# is given without "public", at least one link is required.
_LINKS_REQUIRED = {
    "if": {
        "not": {
            "required": ["imagery"],
            "properties": {
                "imagery": {
                    "required": ["where"],
                    "properties": {"where": {"not": {"contains": {"const": "public"}}}},
                }
            },
        }
    },
    "then": {"required": ["items"], "properties": {"items": {"minItems": 1}}},
}

CASE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://takedown-helper.invalid/schema/case-v1.json",
    "title": "takedown-helper case file",
    "description": "Everything a takedown-helper document may need. Holds personal details: keep it private.",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "requester", "person_shown"],
    "allOf": [_LINKS_REQUIRED],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "language": {"enum": ["en", "es"], "default": "en"},
        "requester": {
            "type": "object",
            "additionalProperties": False,
            "required": ["role", "country"],
            "properties": {
                "role": {"enum": [r.value for r in Role]},
                "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
                "region": _opt_text(40),
            },
        },
        "person_shown": {
            "type": "object",
            "additionalProperties": False,
            "required": ["minor_when_made"],
            "properties": {
                "minor_when_made": {"enum": [m.value for m in MinorWhenMade]},
                "name": _opt_text(),
                # Where the person shown lives, when not where the requester is.
                "country": {
                    "anyOf": [
                        {"type": "null"},
                        {"type": "string", "pattern": r"^\s*$"},
                        {"type": "string", "pattern": "^[A-Z]{2}$"},
                    ]
                },
                "region": _opt_text(40),
            },
        },
        "imagery": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "kind": {"enum": [k.value for k in ImageryKind]},
                "where": {
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"enum": [w.value for w in Where]},
                },
                "context": _opt_text(MAX_LONG),
                # Blank is "not answered" (the parser reads it as null).
                "copyright_holder": {"enum": [None, "", *(c.value for c in CopyrightHolder)]},
                "private_platforms": {
                    "type": "array",
                    "maxItems": 20,
                    "uniqueItems": True,
                    "items": {"type": "string", "maxLength": 40},
                },
            },
        },
        "items": {
            "type": "array",
            "minItems": 0,
            "maxItems": MAX_ITEMS,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["url"],
                "properties": {
                    "url": _text(MAX_URL),
                    "platform": {"type": ["string", "null"], "maxLength": 40},
                    "account": _opt_text(),
                    "first_seen": _OPT_DATE,
                    "views": _OPT_COUNT,
                    "shares": _OPT_COUNT,
                },
            },
        },
        "history": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "platform_reports": {
                    "type": "array",
                    "maxItems": MAX_REPORTS,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["platform", "reported_on"],
                        "properties": {
                            "platform": {"type": "string", "maxLength": 40},
                            "reported_on": {"type": "string", "format": "date"},
                            "reference": _opt_text(100),
                            # Blank is "not answered" (the parser reads it as null).
                            "answer": {"enum": [None, "", *(a.value for a in PlatformAnswer)]},
                            "answered_on": _OPT_DATE,
                            "note": _opt_text(MAX_LONG),
                        },
                    },
                },
                "police": {
                    "type": ["object", "null"],
                    "additionalProperties": False,
                    "required": ["agency"],
                    "properties": {
                        "agency": _text(),
                        "address": _ADDRESS_LINES,
                        "email": _opt_text(),
                        "case_number": _opt_text(100),
                        "reported_on": _OPT_DATE,
                    },
                },
                "cybertip_number": _opt_text(100),
                "notices_sent": {
                    "type": "array",
                    "maxItems": MAX_REPORTS,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["platform", "sent_on"],
                        "properties": {
                            "platform": {"type": "string", "maxLength": 253},
                            "kind": {"enum": ["platform_notice", "host_notice", "dmca_notice"]},
                            "sent_on": _DATE,
                            "route": {"enum": [r.value for r in Route]},
                            "reference": _opt_text(100),
                        },
                    },
                },
            },
        },
        "threats": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "present": {"type": "boolean"},
                "details": _opt_text(MAX_LONG),
                "money_demanded": {"type": "boolean"},
                "started_on": _OPT_DATE,
                "accounts": {
                    "type": "array",
                    "maxItems": 20,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["platform"],
                        "properties": {
                            "platform": {"type": "string", "maxLength": 40},
                            "account": _opt_text(),
                        },
                    },
                },
            },
        },
        "signer": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": _opt_text(),
                "email": _opt_text(),
                "phone": _opt_text(40),
                "address": _ADDRESS_LINES,
                "organisation": _opt_text(),
            },
        },
        "websites": {
            "type": "array",
            "maxItems": MAX_ITEMS,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["hostname"],
                "properties": {
                    "hostname": _text(253),
                    "host_name": _opt_text(),
                    "host_abuse_email": _opt_text(),
                    "registrar_name": _opt_text(),
                    "registrar_abuse_email": _opt_text(),
                },
            },
        },
        "choices": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "documents": {
                    "type": ["array", "null"],
                    "uniqueItems": True,
                    "items": {"enum": _DOCUMENT_KINDS},
                },
                "dmca": {"type": "boolean"},
                # Make fresh notices even to platforms the history says were sent one.
                "new_notices": {"type": "boolean"},
            },
        },
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(CASE_SCHEMA, format_checker=jsonschema.FormatChecker())


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. `path` addresses the field inside the case file."""

    path: Path
    message: str

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON Pointer, as the JSON API reports it."""
        return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in self.path)

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


class CaseError(ValueError):
    """The answers do not make a valid case. `errors` says which fields and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} problem(s) with the case")
        self.errors = errors


# Words for each field, used in every message about it ("Enter the link", "The link must ...").
_LABELS: dict[str, str] = {
    "schema_version": N_("the case file version"),
    "language": N_("the language"),
    "requester": N_("who is asking"),
    "requester.role": N_("who you are"),
    "requester.country": N_("the country where you live"),
    "requester.region": N_("the state or region"),
    "person_shown": N_("the person shown"),
    "person_shown.minor_when_made": N_("whether the person shown was under 18"),
    "person_shown.name": N_("the name of the person shown"),
    "person_shown.country": N_("the country where the person shown lives"),
    "person_shown.region": N_("the state or region where the person shown lives"),
    "imagery": N_("the imagery"),
    "imagery.kind": N_("whether the imagery is real or fake"),
    "imagery.where": N_("where the imagery is"),
    "imagery.where.*": N_("where the imagery is"),
    "imagery.context": N_("what happened"),
    "imagery.copyright_holder": N_("who took the picture or video"),
    "imagery.private_platforms": N_("the apps where it was shared privately"),
    "imagery.private_platforms.*": N_("the app"),
    "items": N_("at least one link"),
    "items.*": N_("the link"),
    "items.*.url": N_("the link"),
    "items.*.platform": N_("the website"),
    "items.*.account": N_("the account that posted it"),
    "items.*.first_seen": N_("the date you first saw it"),
    "items.*.views": N_("the number of views"),
    "items.*.shares": N_("the number of shares"),
    "history": N_("what was done already"),
    "history.platform_reports": N_("earlier reports"),
    "history.platform_reports.*": N_("the earlier report"),
    "history.platform_reports.*.platform": N_("the website you reported to"),
    "history.platform_reports.*.reported_on": N_("the date you reported it"),
    "history.platform_reports.*.reference": N_("the reference number"),
    "history.platform_reports.*.answer": N_("the website's answer"),
    "history.platform_reports.*.answered_on": N_("the date of their answer"),
    "history.platform_reports.*.note": N_("what they said"),
    "history.police": N_("the police report"),
    "history.police.agency": N_("the police agency's name"),
    "history.police.address": N_("the police agency's address"),
    "history.police.address.*": N_("the address line"),
    "history.police.email": N_("the police agency's email"),
    "history.police.case_number": N_("the police case number"),
    "history.police.reported_on": N_("the date you reported it to the police"),
    "history.cybertip_number": N_("the CyberTipline report number"),
    "history.notices_sent": N_("notices you sent"),
    "history.notices_sent.*": N_("the notice you sent"),
    "history.notices_sent.*.platform": N_("the website you sent it to"),
    "history.notices_sent.*.kind": N_("the kind of notice"),
    "history.notices_sent.*.sent_on": N_("the date you sent it"),
    "history.notices_sent.*.route": N_("how you sent it"),
    "history.notices_sent.*.reference": N_("the reference number you got"),
    "threats": N_("threats"),
    "threats.present": N_("whether someone is threatening you"),
    "threats.details": N_("what they said or asked for"),
    "threats.money_demanded": N_("whether they asked for money"),
    "threats.started_on": N_("the date the threats started"),
    "threats.accounts": N_("the accounts that threatened"),
    "threats.accounts.*": N_("the account"),
    "threats.accounts.*.platform": N_("the app or website of the account"),
    "threats.accounts.*.account": N_("the account name"),
    "signer": N_("who signs"),
    "signer.name": N_("the name to sign with"),
    "signer.email": N_("the email address"),
    "signer.phone": N_("the phone number"),
    "signer.address": N_("the postal address"),
    "signer.address.*": N_("the address line"),
    "signer.organisation": N_("the organisation"),
    "websites": N_("website contacts"),
    "websites.*": N_("the website's contacts"),
    "websites.*.hostname": N_("the website address"),
    "websites.*.host_name": N_("the hosting company"),
    "websites.*.host_abuse_email": N_("the hosting company's abuse email"),
    "websites.*.registrar_name": N_("the registrar"),
    "websites.*.registrar_abuse_email": N_("the registrar's abuse email"),
    "choices": N_("your choices"),
    "choices.documents": N_("the documents"),
    "choices.documents.*": N_("the document"),
    "choices.dmca": N_("the copyright (DMCA) choice"),
    "choices.new_notices": N_("whether to make new notices"),
}


def label(path: Path) -> str:
    key = ".".join("*" if isinstance(p, int) else p for p in path)
    whole = N_("the case file")
    return _(_LABELS.get(key, key or whole))


def _schema_message(error: jsonschema.ValidationError) -> FieldError:
    path: Path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [k for k in cast(list, error.validator_value) if k not in cast(dict, error.instance)]
        path = (*path, missing[0])
        return FieldError(path, _("Enter %(what)s.", what=label(path)))
    what = label(path)
    if error.instance is None and kind == "type":  # blank answers arrive as None
        msg = _("Enter %(what)s.", what=what)
    elif kind == "maxLength":
        msg = _("%(what)s must be %(n)d characters or fewer.", what=what, n=error.validator_value)
    elif kind in ("enum", "const"):
        msg = _("Choose %(what)s from the list.", what=what)
    elif kind == "format" or (kind == "anyOf" and error.schema is _OPT_DATE):
        msg = _("Enter %(what)s as a real date, like 2026-03-28.", what=what)
    elif kind == "minItems":
        msg = _("Enter %(what)s.", what=what)
    elif kind == "maxItems":
        msg = _("List no more than %(n)d here.", n=error.validator_value)
    elif kind in ("minimum", "maximum"):
        msg = _("Enter %(what)s as a whole number, 0 or more.", what=what)
    elif kind == "additionalProperties":
        known = cast(dict, error.schema).get("properties", {})
        extra = sorted(k for k in error.instance if k not in known) if isinstance(error.instance, dict) else []
        if extra:
            path = (*path, extra[0])  # point at the unknown field itself
        msg = _(
            "This case file has a field takedown-helper does not know (“%(name)s”). "
            "Use a file it made.",
            name=extra[0] if extra else "?",
        )
    elif kind == "uniqueItems":
        msg = _("Each document can be chosen once.")
    elif kind == "pattern":
        msg = _("Choose %(what)s from the list.", what=what)
    else:  # type and anything structural
        msg = _("Enter %(what)s in the right form.", what=what)
    return FieldError(path, msg[:1].upper() + msg[1:])


def _check_url(url: str) -> str | None:
    """A message when the URL cannot be a content location; None when it can."""
    text = url.strip()
    if not text:
        return _("Enter the link.")
    if any(c.isspace() for c in text) or any(ord(c) < 32 for c in text):
        return _("The link cannot contain spaces. Copy it again from the address bar.")
    try:
        # urlsplit itself refuses an unbalanced bracket (https://example.com]/video, http://[::1).
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        parts = None
    if parts is not None and parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme:
            return _("Enter the full link, starting with https://")
        return _("The link must start with https:// or http://")
    if parts is None:
        return _("This link is not complete. Copy it again from the address bar.")
    if not host or "." not in host or parts.username or parts.password:
        return _("This link is not complete. Copy it again from the address bar.")
    return None


def _check_email(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return _("Enter an email address in the right form, like name@example.com")
    return None


_PHONE = re.compile(r"^\+?[0-9 ()\-.]{5,30}$")


def check_phone(value: str | None) -> str | None:
    if value and not _PHONE.match(value):
        return _("Enter a phone number using digits, like 555 010 0199.")
    return None


# The checks every entry point shares: the web form's validators call these same functions.
check_url = _check_url
check_email = _check_email


def _clean(value: Any) -> Any:
    """Strip whitespace everywhere and treat empty strings as not given."""
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _lines(value: list[str | None] | None) -> tuple[str, ...]:
    """Address lines without the blank ones a form may send."""
    return tuple(line for line in value or () if line)


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _Collector:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, path: Path, message: str | None) -> None:
        if message:
            self.errors.append(FieldError(path, message))


_ORDER = {key: n for n, key in enumerate(CASE_SCHEMA["properties"])}


def _in_question_order(error: FieldError) -> tuple[int, Path]:
    """Top-level sections in the schema's order (who is asking before the links), then by path."""
    head = error.path[0] if error.path else ""
    return (_ORDER.get(str(head), -1), error.path)


def parse_case(data: Any, today: date | None = None) -> Case:
    """Validate answers (a JSON-like dict) and build the Case, or raise CaseError."""
    today = today or date.today()
    if not isinstance(data, dict):
        raise CaseError([FieldError((), _("This is not a takedown-helper case file."))])
    data = _clean(data)
    schema_errors = sorted(
        (_schema_message(e) for e in _VALIDATOR.iter_errors(data)), key=_in_question_order
    )
    if schema_errors:
        first: dict[Path, FieldError] = {}
        for e in schema_errors:
            first.setdefault(e.path, e)  # one message per field: the first in question order
        raise CaseError(list(first.values()))
    return _build(data, today)


def has_wrong_types(data: dict[str, Any]) -> bool:
    """Whether any answer has a type the schema never allows (a list where a text belongs, an
    object where a choice or a date belongs, ...): answers the form itself never makes, so they
    were edited; required answers may be missing."""
    return any(
        e.validator == "type"
        or (isinstance(e.instance, (dict, list)) and not _allows_container(e.schema, e.instance))
        for e in _VALIDATOR.iter_errors(_clean(data))
    )


def _allows_container(schema: Any, value: dict[str, Any] | list[Any]) -> bool:
    """Whether a schema (an enum, a const, an anyOf of them, ...) can hold this list or object."""
    if not isinstance(schema, dict):
        return True
    kind = "object" if isinstance(value, dict) else "array"
    if "type" in schema:
        types = schema["type"]
        return kind in ([types] if isinstance(types, str) else types)
    if "anyOf" in schema:
        return any(_allows_container(sub, value) for sub in schema["anyOf"])
    if "enum" in schema:
        return any(isinstance(v, (dict, list)) for v in schema["enum"])
    if "const" in schema:
        return isinstance(schema["const"], (dict, list))
    return True


def check_not_future(path: Path, value: date | None, today: date) -> str | None:
    """A message when a date is in the future (beyond a day's slack for time zones)."""
    if value and value > today + FUTURE_SLACK:
        return _("%(what)s must be today or in the past.", what=label(path).capitalize())
    return None


def _check_not_future(found: _Collector, path: Path, value: date | None, today: date) -> None:
    found.add(path, check_not_future(path, value, today))


def _build(data: dict[str, Any], today: date) -> Case:
    found = _Collector()
    known = directory()
    requester = data["requester"]
    country = requester["country"]
    region = requester.get("region")
    if not is_country(country):
        found.add(("requester", "country"), _("Choose the country where you live from the list."))
    if country == "US" and region and region not in US_STATES:
        found.add(("requester", "region"), _("Choose your state from the list."))
    if country == "GB" and region and region not in UK_NATIONS:
        found.add(("requester", "region"), _("Choose the part of the UK from the list."))
    person = data["person_shown"]
    shown_country = person.get("country")
    shown_region = person.get("region") if shown_country else None
    if shown_country and not is_country(shown_country):
        found.add(("person_shown", "country"), _("Choose the country from the list."))
    if shown_country == "US" and shown_region and shown_region not in US_STATES:
        found.add(("person_shown", "region"), _("Choose the state from the list."))
    if shown_country == "GB" and shown_region and shown_region not in UK_NATIONS:
        found.add(("person_shown", "region"), _("Choose the part of the UK from the list."))

    items: list[ContentItem] = []
    for i, raw in enumerate(data.get("items") or []):
        url = raw["url"]
        path: Path = ("items", i, "url")
        if problem := _check_url(url):
            found.add(path, problem)
            continue
        host = normalise_host(urlsplit(url).hostname or "")
        matched = known.match_url(url)
        chosen = raw.get("platform") or matched
        if chosen != OTHER_WEBSITE and chosen not in known:
            found.add(("items", i, "platform"), _("Choose the website from the list."))
            continue
        if chosen != matched:
            if matched == OTHER_WEBSITE:
                found.add(
                    path,
                    _(
                        "This link is not on %(site)s. Check the link, or choose another website.",
                        site=known.get(chosen).display_name,
                    ),
                )
            else:
                found.add(
                    path,
                    _(
                        "This link is on %(site)s. Choose %(site)s for it.",
                        site=known.get(matched).display_name,
                    ),
                )
            continue
        first_seen = _opt_date(raw.get("first_seen"))
        _check_not_future(found, ("items", i, "first_seen"), first_seen, today)
        items.append(
            ContentItem(
                url=url,
                platform=chosen,
                hostname=host,
                account=raw.get("account"),
                first_seen=first_seen,
                views=raw.get("views"),
                shares=raw.get("shares"),
            )
        )
    urls = [item.url for item in items]
    for i, url in enumerate(urls):
        if url in urls[:i]:
            found.add(("items", i, "url"), _("You entered this link twice. Remove one of them."))

    history = data.get("history") or {}
    reports: list[PlatformReport] = []
    for i, raw in enumerate(history.get("platform_reports") or []):
        base: Path = ("history", "platform_reports", i)
        if raw["platform"] != OTHER_WEBSITE and raw["platform"] not in known:
            found.add((*base, "platform"), _("Choose the website you reported to from the list."))
            continue
        reported_on = date.fromisoformat(raw["reported_on"])
        answered_on = _opt_date(raw.get("answered_on"))
        _check_not_future(found, (*base, "reported_on"), reported_on, today)
        _check_not_future(found, (*base, "answered_on"), answered_on, today)
        if answered_on and answered_on < reported_on:
            found.add(
                (*base, "answered_on"),
                _("The date of their answer must be on or after the date you reported it."),
            )
        reports.append(
            PlatformReport(
                platform=raw["platform"],
                reported_on=reported_on,
                reference=raw.get("reference"),
                answer=PlatformAnswer(raw["answer"]) if raw.get("answer") else None,
                answered_on=answered_on,
                note=raw.get("note"),
            )
        )

    police = None
    if raw_police := history.get("police"):
        police_on = _opt_date(raw_police.get("reported_on"))
        _check_not_future(found, ("history", "police", "reported_on"), police_on, today)
        found.add(("history", "police", "email"), _check_email(raw_police.get("email")))
        police = PoliceAgency(
            name=raw_police["agency"],
            address=_lines(raw_police.get("address")),
            email=raw_police.get("email"),
            case_number=raw_police.get("case_number"),
            reported_on=police_on,
        )

    raw_signer = data.get("signer") or {}
    found.add(("signer", "email"), _check_email(raw_signer.get("email")))
    phone = raw_signer.get("phone")
    found.add(("signer", "phone"), check_phone(phone))
    signer = Signer(
        name=raw_signer.get("name"),
        email=raw_signer.get("email"),
        phone=phone,
        address=_lines(raw_signer.get("address")),
        organisation=raw_signer.get("organisation"),
    )

    websites: list[WebsiteContacts] = []
    for i, raw in enumerate(data.get("websites") or []):
        base = ("websites", i)
        found.add((*base, "host_abuse_email"), _check_email(raw.get("host_abuse_email")))
        found.add((*base, "registrar_abuse_email"), _check_email(raw.get("registrar_abuse_email")))
        websites.append(
            WebsiteContacts(
                hostname=normalise_host(raw["hostname"]),
                host_name=raw.get("host_name"),
                host_abuse_email=raw.get("host_abuse_email"),
                registrar_name=raw.get("registrar_name"),
                registrar_abuse_email=raw.get("registrar_abuse_email"),
            )
        )

    notices: list[NoticeSent] = []
    for i, raw in enumerate(history.get("notices_sent") or []):
        base = ("history", "notices_sent", i)
        target = raw["platform"]
        if target not in known and not _looks_like_host(target):
            found.add((*base, "platform"), _("Choose the website you sent it to from the list."))
            continue
        sent_on = date.fromisoformat(raw["sent_on"])
        _check_not_future(found, (*base, "sent_on"), sent_on, today)
        notices.append(
            NoticeSent(
                platform=target if target in known else normalise_host(target),
                sent_on=sent_on,
                route=Route(raw.get("route") or Route.FORM),
                kind=raw.get("kind") or "platform_notice",
                reference=raw.get("reference"),
            )
        )

    imagery = data.get("imagery") or {}
    private_platforms = tuple(imagery.get("private_platforms") or ())
    for i, platform_id in enumerate(private_platforms):
        if platform_id != OTHER_WEBSITE and platform_id not in known:
            found.add(("imagery", "private_platforms", i), _("Choose the app from the list."))

    threats = data.get("threats") or {}
    threat_started_on = _opt_date(threats.get("started_on"))
    _check_not_future(found, ("threats", "started_on"), threat_started_on, today)
    threat_accounts: list[ThreatAccount] = []
    for i, raw in enumerate(threats.get("accounts") or []):
        if raw["platform"] != OTHER_WEBSITE and raw["platform"] not in known:
            found.add(("threats", "accounts", i, "platform"), _("Choose the app from the list."))
            continue
        threat_accounts.append(ThreatAccount(platform=raw["platform"], account=raw.get("account")))
    choices = data.get("choices") or {}
    if found.errors:
        raise CaseError(found.errors)
    documents = choices.get("documents")
    return Case(
        role=Role(requester["role"]),
        minor_when_made=MinorWhenMade(person["minor_when_made"]),
        country=country,
        region=region,
        language=data.get("language") or "en",
        person_shown_name=person.get("name"),
        items=tuple(items),
        platform_reports=tuple(reports),
        police=police,
        cybertip_number=history.get("cybertip_number"),
        threats=bool(threats.get("present", False)),
        threat_details=threats.get("details"),
        signer=signer,
        websites=tuple(websites),
        documents=tuple(documents) if documents is not None else None,
        dmca=bool(choices.get("dmca", False)),
        person_shown_country=shown_country,
        person_shown_region=shown_region,
        imagery_kind=ImageryKind(imagery.get("kind") or ImageryKind.REAL),
        where=tuple(Where(w) for w in imagery.get("where") or (Where.PUBLIC,)),
        context=imagery.get("context"),
        copyright_holder=CopyrightHolder(h) if (h := imagery.get("copyright_holder")) else None,
        private_platforms=private_platforms,
        threat_money=bool(threats.get("money_demanded", False)),
        threat_started_on=threat_started_on,
        threat_accounts=tuple(threat_accounts),
        notices_sent=tuple(notices),
        new_notices=bool(choices.get("new_notices", False)),
    )


_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


def _looks_like_host(value: str) -> bool:
    return bool(_HOST.match(normalise_host(value)))


def _opt_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def case_to_dict(case: Case) -> dict[str, Any]:
    """The case file for a Case: what "Download my answers" saves and `parse_case` reads back."""
    return {
        "schema_version": SCHEMA_VERSION,
        "language": case.language,
        "requester": {"role": case.role.value, "country": case.country, "region": case.region},
        "person_shown": {
            "minor_when_made": case.minor_when_made.value,
            "name": case.person_shown_name,
            "country": case.person_shown_country,
            "region": case.person_shown_region,
        },
        "imagery": {
            "kind": case.imagery_kind.value,
            "where": [w.value for w in case.where],
            "context": case.context,
            "copyright_holder": case.copyright_holder.value if case.copyright_holder else None,
            "private_platforms": list(case.private_platforms),
        },
        "items": [
            {
                "url": i.url,
                "platform": i.platform,
                "account": i.account,
                "first_seen": _opt_iso(i.first_seen),
                "views": i.views,
                "shares": i.shares,
            }
            for i in case.items
        ],
        "history": {
            "platform_reports": [
                {
                    "platform": r.platform,
                    "reported_on": r.reported_on.isoformat(),
                    "reference": r.reference,
                    "answer": r.answer.value if r.answer else None,
                    "answered_on": _opt_iso(r.answered_on),
                    "note": r.note,
                }
                for r in case.platform_reports
            ],
            "police": None
            if case.police is None
            else {
                "agency": case.police.name,
                "address": list(case.police.address),
                "email": case.police.email,
                "case_number": case.police.case_number,
                "reported_on": _opt_iso(case.police.reported_on),
            },
            "cybertip_number": case.cybertip_number,
            "notices_sent": [
                {
                    "platform": n.platform,
                    "kind": n.kind,
                    "sent_on": n.sent_on.isoformat(),
                    "route": n.route.value,
                    "reference": n.reference,
                }
                for n in case.notices_sent
            ],
        },
        "threats": {
            "present": case.threats,
            "details": case.threat_details,
            "money_demanded": case.threat_money,
            "started_on": _opt_iso(case.threat_started_on),
            "accounts": [{"platform": a.platform, "account": a.account} for a in case.threat_accounts],
        },
        "signer": {
            "name": case.signer.name,
            "email": case.signer.email,
            "phone": case.signer.phone,
            "address": list(case.signer.address),
            "organisation": case.signer.organisation,
        },
        "websites": [
            {
                "hostname": w.hostname,
                "host_name": w.host_name,
                "host_abuse_email": w.host_abuse_email,
                "registrar_name": w.registrar_name,
                "registrar_abuse_email": w.registrar_abuse_email,
            }
            for w in case.websites
        ],
        "choices": {
            "documents": list(case.documents) if case.documents is not None else None,
            "dmca": case.dmca,
            "new_notices": case.new_notices,
        },
    }
