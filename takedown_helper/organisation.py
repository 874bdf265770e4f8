"""The organisation profile: an advocates' deployment prints its own letterhead on every letter.

The profile belongs to the deployment, never to a user: it is read once at start-up from the
config (`ORGANISATION`, a mapping), from a TOML or JSON file named by
`TAKEDOWN_HELPER_ORGANISATION_FILE`, or from `TAKEDOWN_HELPER_ORGANISATION_NAME` / `_ADDRESS`
(lines separated by "|") / `_PHONE` / `_EMAIL` / `_WEBSITE`. `apply(case, profile)` puts it on a
case whose requester is an advocate; every other case is returned unchanged.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import Flask, current_app

from takedown_helper.case import Case, Role
from takedown_helper.planner import Plan, plan

EXTENSION = "takedown_helper.organisation"  # app.extensions key of the loaded profile
ENV_FILE = "TAKEDOWN_HELPER_ORGANISATION_FILE"
ENV_PREFIX = "TAKEDOWN_HELPER_ORGANISATION_"
FIELDS = ("name", "address", "phone", "email", "website")
MAX_FILE_BYTES = 64 * 1024
MAX_TEXT = 200
MAX_ADDRESS_LINES = 6
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{5,30}$")


class OrganisationError(ValueError):
    """The profile is not usable; the message names the source and the field."""


@dataclass(frozen=True)
class Organisation:
    name: str
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    website: str | None = None


def parse(raw: Any, source: str = "ORGANISATION") -> Organisation | None:
    """A validated profile from a mapping; None when the mapping is empty (no letterhead)."""
    if raw is None or (isinstance(raw, Mapping) and not raw):
        return None
    if not isinstance(raw, Mapping):
        raise OrganisationError(
            f"{source}: must be a table of name, address, phone, email, website"
        )
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise OrganisationError(
            f"{source}: {unknown[0]}: unknown field (allowed: {', '.join(FIELDS)})"
        )

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise OrganisationError(f"{source}: {key}: must be text")
        value = value.strip()
        if len(value) > MAX_TEXT:
            raise OrganisationError(f"{source}: {key}: must be {MAX_TEXT} characters or fewer")
        return value or None

    name = text("name")
    if not name:
        raise OrganisationError(f"{source}: name: the organisation's name is required")
    address = raw.get("address") or ()
    if isinstance(address, str):
        address = [address]
    if not isinstance(address, list | tuple) or not all(isinstance(x, str) for x in address):
        raise OrganisationError(f"{source}: address: must be a list of lines")
    lines = tuple(line.strip() for line in address if line.strip())
    if len(lines) > MAX_ADDRESS_LINES or any(len(line) > MAX_TEXT for line in lines):
        raise OrganisationError(
            f"{source}: address: at most {MAX_ADDRESS_LINES} lines of {MAX_TEXT} characters"
        )
    phone = text("phone")
    if phone and not _PHONE.match(phone):
        raise OrganisationError(f"{source}: phone: use digits, spaces, ( ) - . and a leading +")
    email = text("email")
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            raise OrganisationError(f"{source}: email: not an email address") from None
    website = text("website")
    if website:
        parts = urlsplit(website)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise OrganisationError(f"{source}: website: must be a full https:// address")
    return Organisation(name=name, address=lines, phone=phone, email=email, website=website)


def load(path: Path) -> Organisation | None:
    """Read a profile from a TOML or JSON file (chosen by its suffix)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise OrganisationError(f"{path}: too large to be an organisation profile")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OrganisationError(f"{path}: the organisation file does not exist") from None
    except (OSError, UnicodeDecodeError):
        raise OrganisationError(f"{path}: the organisation file could not be read") from None
    try:
        raw = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise OrganisationError(f"{path}: not valid {kind}: {exc}") from None
    # A TOML file may hold the profile at top level or under [organisation].
    if isinstance(raw, dict) and set(raw) == {"organisation"}:
        raw = raw["organisation"]
    return parse(raw, str(path))


def from_environment(environ: Mapping[str, str] | None = None) -> Organisation | None:
    """The profile named by the environment: a file, or single fields; None when neither is set."""
    env = os.environ if environ is None else environ
    if env.get(ENV_FILE):
        return load(Path(env[ENV_FILE]))
    raw: dict[str, Any] = {}
    for key in FIELDS:
        value = env.get(ENV_PREFIX + key.upper())
        if value:
            raw[key] = value.split("|") if key == "address" else value
    return parse(raw, "environment") if raw else None


def from_config(value: Any) -> Organisation | None:
    """`ORGANISATION` from the app config: a mapping, a file path, an Organisation, or empty.
    When it is empty the environment is consulted (a file or single fields)."""
    if isinstance(value, Organisation):
        return value
    if isinstance(value, str | Path) and str(value):
        return load(Path(value))
    if value:
        return parse(value)
    return from_environment()


def apply(case: Case, profile: Organisation | None) -> Case:
    """The case with the organisation's letterhead when the requester is an advocate.

    The advocate stays the signer (their name is `signer.name`); the organisation's name is
    `signer.organisation`, its postal address replaces the signer's, and its email and phone are
    used when the advocate gave none of their own (a direct line or work email wins).
    """
    if profile is None or case.role is not Role.ADVOCATE:
        return case
    signer = replace(
        case.signer,
        organisation=profile.name,
        address=profile.address or case.signer.address,
        email=case.signer.email or profile.email,
        phone=case.signer.phone or profile.phone,
    )
    return replace(case, signer=signer)


def configure(app: Flask) -> None:
    """Read the deployment's profile once, at start-up; a bad profile stops start-up, naming the
    file and the field. (Called by create_app.)"""
    app.extensions[EXTENSION] = from_config(app.config.get("ORGANISATION"))


def deployment_plan(case: Case, today: date) -> Plan:
    """The plan as this deployment makes it: its organisation's letterhead applied first. Every
    entry point of the running app (web form, JSON API) plans through here."""
    return plan(apply(case, current()), today)


def current() -> Organisation | None:
    """The running app's profile: what every entry point passes to `apply`."""
    if EXTENSION not in current_app.extensions:
        configure(current_app)
    return current_app.extensions[EXTENSION]
