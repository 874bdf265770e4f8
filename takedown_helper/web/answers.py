"""The answers that travel with the form: one hidden JSON field, read and checked on every submit.

The server keeps nothing between requests. Every rule about answers lives in
`takedown_helper.casefile.parse_case`; a step is checked by running `parse_case` on the answers so
far, with neutral stand-ins for required answers not yet asked, and keeping the errors that belong
to the step's own fields.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from takedown_helper import safejson
from takedown_helper.case import Case
from takedown_helper.casefile import (
    SCHEMA_VERSION,
    CaseError,
    FieldError,
    has_wrong_types,
    parse_case,
)

Answers = dict[str, Any]
Path = tuple[str | int, ...]

# Far more than a full case needs, far less than the request cap.
MAX_STATE_CHARS = 150_000
MAX_PASTE_CHARS = 150_000

# Stand-ins for required answers not asked yet. They never reach a document: a full parse
# (check your answers, creating documents) runs on the real answers only.
_STAND_INS: tuple[tuple[Path, Any], ...] = (
    (("requester", "role"), "survivor"),
    (("requester", "country"), "US"),
    (("person_shown", "minor_when_made"), "not_sure"),
    (("items",), [{"url": "https://example.org/"}]),
)


class BrokenAnswers(ValueError):
    """The hidden answers could not be read (edited, cut short or from another version)."""


def load(raw: str | None, language: str = "en") -> Answers:
    """The answers carried by the form; a fresh set when there are none yet."""
    if not raw:
        return {"schema_version": SCHEMA_VERSION, "language": language}
    if len(raw) > MAX_STATE_CHARS:
        raise BrokenAnswers
    try:
        data = safejson.loads(raw)  # depth, duplicate keys, lone surrogates: refused
    except ValueError as error:
        raise BrokenAnswers from error
    if not isinstance(data, dict):
        raise BrokenAnswers
    for key in ("requester", "person_shown", "history", "threats", "signer", "choices"):
        if key in data and not isinstance(data[key], dict):
            raise BrokenAnswers
    for key in ("items", "websites"):
        if key in data and not (
            isinstance(data[key], list) and all(isinstance(x, dict) for x in data[key])
        ):
            raise BrokenAnswers
    data["language"] = language
    data["schema_version"] = SCHEMA_VERSION
    if has_wrong_types(data):  # the pages show answers; each must be of its kind
        raise BrokenAnswers
    return data


def dump(answers: Answers) -> str:
    return json.dumps(answers, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def section(answers: Answers, key: str) -> dict[str, Any]:
    """A sub-object of the answers, created when absent."""
    value = answers.setdefault(key, {})
    if value is None:
        value = answers[key] = {}
    return value


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def owns(prefixes: tuple[Path, ...], path: Path) -> bool:
    """Whether a field path falls under one of a step's prefixes ("*" matches any index)."""
    for prefix in prefixes:
        if len(path) >= len(prefix) and all(
            (p == "*" and isinstance(q, int)) or p == q for p, q in zip(prefix, path, strict=False)
        ):
            return True
    return False


def check_step(answers: Answers, prefixes: tuple[Path, ...], today: date) -> list[FieldError]:
    """The errors in one step's fields. Raises BrokenAnswers when other answers are wrong."""
    draft = copy.deepcopy(answers)
    for path, value in _STAND_INS:
        if owns(prefixes, path) or _get(draft, path) not in (None, "", []):
            continue
        target = draft
        for part in path[:-1]:
            target = section(target, str(part))
        target[str(path[-1])] = copy.deepcopy(value)
    try:
        parse_case(draft, today)
    except CaseError as error:
        mine = [e for e in error.errors if owns(prefixes, e.path)]
        if not mine:
            raise BrokenAnswers from error
        return mine
    return []


def full_case(answers: Answers, today: date) -> Case:
    """The Case itself; raises CaseError naming every field that needs an answer."""
    return parse_case(copy.deepcopy(answers), today)
