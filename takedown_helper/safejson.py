"""Reading JSON that someone else wrote: the form's hidden answers, a pasted saved file, an API body.

`loads` is `json.loads` with the limits a case file never reaches and an attacker would use:
nesting deeper than `MAX_DEPTH` (Python's parser would hit its recursion limit), the same key twice
in one object (which value wins differs between readers), a lone surrogate (`"\\ud800"`: text
that cannot be encoded, printed or put in a PDF), `NaN`/`Infinity`, and numbers longer than
`MAX_NUMBER_CHARS` characters. Each refusal is a `Refused` (a ValueError) with a `reason`, so the
caller can say what is wrong in its own words; nothing of the input is kept or logged.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32  # a case file nests 4 deep
MAX_NUMBER_CHARS = 20  # views and shares: no real count has more digits

_SURROGATE = re.compile("[\ud800-\udfff]")

SYNTAX = "syntax"
DEPTH = "depth"
DUPLICATE = "duplicate"
SURROGATE = "surrogate"
NUMBER = "number"


class Refused(ValueError):
    """The text is not JSON this service will read; `reason` is one of the constants above."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise Refused(DUPLICATE)
        if _SURROGATE.search(key):
            raise Refused(SURROGATE)
        found[key] = value
    return found


def _number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        raise Refused(NUMBER)
    return text


def _int(text: str) -> int:
    return int(_number(text))


def _float(text: str) -> float:
    value = float(_number(text))
    if value in (float("inf"), float("-inf")):
        raise Refused(NUMBER)
    return value


def _constant(_name: str) -> Any:
    raise Refused(NUMBER)  # NaN, Infinity, -Infinity


def _check_tree(value: Any) -> None:
    """Depth and text of a parsed value, walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise Refused(SURROGATE)
        elif isinstance(item, list | dict):
            if depth > MAX_DEPTH:
                raise Refused(DEPTH)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def loads(raw: str | bytes) -> Any:
    """The JSON value in `raw` (bytes must be UTF-8), or Refused."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(SYNTAX) from None
    try:
        value = json.loads(
            raw,
            object_pairs_hook=_pairs,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except Refused:
        raise
    except RecursionError:  # thousands of brackets deep
        raise Refused(DEPTH) from None
    except (ValueError, TypeError):
        raise Refused(SYNTAX) from None
    _check_tree(value)
    return value


def paste_problem(refused: Refused) -> str:
    """What to tell a person whose pasted saved-answers file was refused (their language)."""
    from flask_babel import gettext

    if refused.reason == DUPLICATE:
        return gettext(
            "This file has the same answer written twice, so it cannot be read safely. "
            "Paste the file exactly as it was saved."
        )
    if refused.reason == SURROGATE:
        return gettext(
            "This file has a broken character in it. "
            "Paste the file exactly as it was saved."
        )
    return gettext(
        "This is not a saved answers file. Open the file takedown-answers.json, "
        "copy everything in it, and paste it here."
    )
