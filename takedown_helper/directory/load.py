"""Load and validate the recipient files (one TOML file per recipient).

A bad file stops start-up with a message naming the file and the field: a directory that is
wrong would address a survivor's letter wrongly, which is worse than not starting.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
from email_validator import EmailNotValidError, validate_email

from takedown_helper.directory.model import (
    AGES,
    KINDS,
    PURPOSES,
    REGIMES,
    TAGS,
    Address,
    Channel,
    DmcaAgent,
    PrivateContent,
    Provenance,
    Recipient,
)

_HTTPS = {"type": "string", "pattern": r"^https://[^\s/]+\.[^\s]+$", "maxLength": 500}
_DATE = {"type": "string", "format": "date"}
_PROVENANCE = {
    "source": _HTTPS,
    "checked": _DATE,
    "unconfirmed": {"type": "boolean"},
    # What was tried and why the fact is still unconfirmed (the directory report asks for it).
    "reason": {"type": "string", "minLength": 10},
}
_ADDRESS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["lines", "country"],
    "properties": {
        "legal_name": {"type": "string", "minLength": 2},
        "lines": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2}},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        **_PROVENANCE,
    },
}
_CHANNEL = {
    "type": "object",
    "additionalProperties": False,
    "required": ["purpose", "label"],
    "properties": {
        "purpose": {"enum": list(PURPOSES)},
        "label": {"type": "string", "minLength": 3, "maxLength": 120},
        "url": _HTTPS,
        "email": {"type": "string"},
        "phone": {"type": "string", "pattern": r"^[0-9A-Z +()\-.]{3,30}$"},
        "no_account_needed": {"type": "boolean"},
        "ages": {"type": "array", "uniqueItems": True, "items": {"enum": list(AGES)}},
        "regimes": {"type": "array", "uniqueItems": True, "items": {"enum": list(REGIMES)}},
        "primary": {"type": "boolean"},
        "label_es": {"type": "string", "minLength": 3, "maxLength": 160},
        "asks": {"type": "string", "minLength": 3},
        **_PROVENANCE,
    },
    "oneOf": [{"required": ["url"]}, {"required": ["email"]}, {"required": ["phone"]}],
}
_PRIVATE_CONTENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["acts"],
    "properties": {"acts": {"type": "boolean"}, "note": {"type": "string"}, **_PROVENANCE},
}
_DMCA_AGENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "lines", "country"],
    "properties": {
        "name": {"type": "string", "minLength": 2},
        "lines": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2}},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "email": {"type": "string"},
        "phone": {"type": "string", "pattern": r"^[0-9A-Z +()\-.]{5,30}$"},
        **_PROVENANCE,
    },
}
RECIPIENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "takedown-helper recipient file",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "kind", "display_name", "legal_name", "channels"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "kind": {"enum": list(KINDS)},
        "display_name": {"type": "string", "minLength": 2},
        "legal_name": {"type": "string", "minLength": 2},
        "jurisdictions": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        "regimes": {"type": "array", "items": {"enum": list(REGIMES)}},
        "take_it_down": {"type": "boolean"},
        "stopncii": {"type": "boolean"},
        "hostnames": {
            "type": "array",
            "items": {"type": "string", "pattern": r"^[a-z0-9-]+(\.[a-z0-9-]+)+$"},
        },
        "sample_urls": {"type": "array", "items": _HTTPS},
        "notes": {"type": "string"},
        "notes_es": {"type": "string"},
        "display_name_es": {"type": "string", "minLength": 2},
        "tags": {"type": "array", "uniqueItems": True, "items": {"enum": list(TAGS)}},
        "private_content": _PRIVATE_CONTENT,
        "dmca_agent": _DMCA_AGENT,
        "address": _ADDRESS,
        "eu_address": _ADDRESS,
        "uk_address": _ADDRESS,
        "channels": {"type": "array", "minItems": 1, "items": _CHANNEL},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(
    RECIPIENT_SCHEMA, format_checker=jsonschema.FormatChecker()
)


class DirectoryError(ValueError):
    """A recipient file is invalid. The message names the file and the field."""


def _plain(value: Any) -> Any:
    """TOML dates become ISO strings so the JSON Schema can check them."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _where(path: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "(file)"


def _provenance(raw: dict[str, Any], file: str, where: str) -> Provenance:
    unconfirmed = bool(raw.get("unconfirmed", False))
    checked = raw.get("checked")
    source = raw.get("source")
    if not unconfirmed and not (source and checked):
        raise DirectoryError(
            f"{file}: {where}: needs a source and a checked date, or unconfirmed = true"
        )
    return Provenance(
        source=source,
        checked=date.fromisoformat(checked) if checked else None,
        unconfirmed=unconfirmed,
        reason=raw.get("reason"),
    )


def _address(raw: dict[str, Any] | None, file: str, where: str) -> Address | None:
    if raw is None:
        return None
    return Address(
        lines=tuple(raw["lines"]),
        country=raw["country"],
        legal_name=raw.get("legal_name"),
        provenance=_provenance(raw, file, where),
    )


def _channel(raw: dict[str, Any], file: str, where: str) -> Channel:
    email = raw.get("email")
    if email is not None:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError as exc:
            raise DirectoryError(f"{file}: {where}.email: {exc}") from None
    return Channel(
        purpose=raw["purpose"],
        label=raw["label"],
        url=raw.get("url"),
        email=email,
        phone=raw.get("phone"),
        no_account_needed=raw.get("no_account_needed"),
        ages=tuple(raw.get("ages", ())),
        regimes=tuple(raw.get("regimes", ())),
        primary=bool(raw.get("primary", False)),
        label_es=raw.get("label_es"),
        asks=raw.get("asks"),
        provenance=_provenance(raw, file, where),
    )


def _email(value: str | None, file: str, where: str) -> str | None:
    if value is not None:
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as exc:
            raise DirectoryError(f"{file}: {where}.email: {exc}") from None
    return value


def _private_content(raw: dict[str, Any] | None, file: str) -> PrivateContent | None:
    if raw is None:
        return None
    return PrivateContent(
        acts=raw["acts"], note=raw.get("note"),
        provenance=_provenance(raw, file, "private_content"),
    )


def _dmca_agent(raw: dict[str, Any] | None, file: str) -> DmcaAgent | None:
    if raw is None:
        return None
    return DmcaAgent(
        name=raw["name"],
        lines=tuple(raw["lines"]),
        country=raw["country"],
        email=_email(raw.get("email"), file, "dmca_agent"),
        phone=raw.get("phone"),
        provenance=_provenance(raw, file, "dmca_agent"),
    )


def parse_recipient(raw: dict[str, Any], file: str) -> Recipient:
    """Check one recipient file's content and build its value; raise DirectoryError if bad."""
    plain = _plain(raw)
    errors = sorted(_VALIDATOR.iter_errors(plain), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise DirectoryError(f"{file}: {_where(first.absolute_path)}: {first.message}")
    stem = Path(file).stem
    if plain["id"] != stem:
        raise DirectoryError(f"{file}: id: must equal the file name ({stem!r})")
    return Recipient(
        id=plain["id"],
        kind=plain["kind"],
        display_name=plain["display_name"],
        legal_name=plain["legal_name"],
        jurisdictions=tuple(plain.get("jurisdictions", ())),
        regimes=tuple(plain.get("regimes", ())),
        take_it_down=plain.get("take_it_down", False),
        stopncii=plain.get("stopncii", False),
        hostnames=tuple(plain.get("hostnames", ())),
        sample_urls=tuple(plain.get("sample_urls", ())),
        notes=plain.get("notes"),
        notes_es=plain.get("notes_es"),
        display_name_es=plain.get("display_name_es"),
        tags=tuple(plain.get("tags", ())),
        private_content=_private_content(plain.get("private_content"), file),
        dmca_agent=_dmca_agent(plain.get("dmca_agent"), file),
        address=_address(plain.get("address"), file, "address"),
        eu_address=_address(plain.get("eu_address"), file, "eu_address"),
        uk_address=_address(plain.get("uk_address"), file, "uk_address"),
        channels=tuple(
            _channel(c, file, f"channels[{i}]") for i, c in enumerate(plain["channels"])
        ),
    )


def load_recipients(folder: Path) -> dict[str, Recipient]:
    """Every recipient file in the folder, validated; hostnames may belong to one recipient only."""
    recipients: dict[str, Recipient] = {}
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DirectoryError(f"{path.name}: not valid TOML: {exc}") from None
        recipient = parse_recipient(raw, path.name)
        for host in recipient.hostnames:
            if host in owner:
                raise DirectoryError(
                    f"{path.name}: hostnames: {host} already belongs to {owner[host]}"
                )
            owner[host] = recipient.id
        recipients[recipient.id] = recipient
    if not recipients:
        raise DirectoryError(f"no recipient files in {folder}")
    return recipients
