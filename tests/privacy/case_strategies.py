"""Hypothesis strategies for the deep fuzz: VALID case answers, built from CASE_SCHEMA
and the directory, then one field changed.

A hostile value in a valid case reaches code a random blob never reaches: the pages that apply
only to some answers (the signer page, the police page, the threat pages), the documents chosen
for them, the letters. `valid_cases()` draws every enum from CASE_SCHEMA and every platform from
the directory, so a field or platform added later is fuzzed too; `mutated_valid_cases()` then
changes one field to a value that is valid for the schema but unusual (another enum value, an
empty list, null, documents whose needs are not met, an unknown platform), of the wrong kind, or
hostile text, or drops it.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from takedown_helper.casefile import CASE_SCHEMA
from takedown_helper.directory import directory
from takedown_helper.geography import UK_NATIONS, US_STATES

Path = tuple[Any, ...]
PROPS = CASE_SCHEMA["properties"]
UNKNOWN_HOST = "unknown-site.example"
# The pages check dates against the server's today.
TODAY = date.today()

HOSTILE_TEXT = [
    "https://example.com]/video", "http://[::1", "http://[::1]:99999/", "https://[not-ip]/",
    "\ud800", "\x00", "\x1b[31m", "\r\n\t", "\u202e", "9" * 500, "-1", "1e999", "NaN", "{{7*7}}",
    "%(x)s", "<b>", "", " ", "x" * 3000, "2026-02-30", "9999-12-31", "0001-01-01", "nope", "other",
]


def _schema(path: Path) -> dict[str, Any]:
    """The schema of a case-file path (an int is an array index)."""
    node: dict[str, Any] = CASE_SCHEMA
    for key in path:
        node = node.get("items", {}) if isinstance(key, int) else node.get("properties", {}).get(key, {})
    return node


def enum_values(path: Path) -> list[Any]:
    node = _schema(path)
    return list(node.get("enum") or node.get("items", {}).get("enum") or [])


def platform_ids() -> list[str]:
    return [p.id for p in directory().platforms()]


def _date(draw, before: date = TODAY, days: int = 400) -> str:
    return (before - timedelta(days=draw(st.integers(0, days)))).isoformat()


def _maybe(draw, value: Any) -> Any:
    return value if draw(st.booleans()) else None


@st.composite
def _item(draw) -> dict[str, Any]:
    platform = draw(st.sampled_from([*platform_ids(), "other"]))
    if platform == "other":
        url = f"https://{UNKNOWN_HOST}/gallery/{draw(st.integers(1, 999))}"
    else:
        url = draw(st.sampled_from(list(directory().get(platform).sample_urls)))
    item: dict[str, Any] = {"url": url}
    if draw(st.booleans()):
        item["platform"] = platform
    if draw(st.booleans()):
        item["account"] = "@sample_account"
        item["first_seen"] = _date(draw)
        item["views"] = draw(st.sampled_from([None, 0, 1, 167000, 10**12]))
        item["shares"] = draw(st.sampled_from([None, 0, 3]))
    return item


@st.composite
def valid_cases(draw) -> dict[str, Any]:
    """A case file that parse_case accepts."""
    role = draw(st.sampled_from(enum_values(("requester", "role"))))
    country = draw(st.sampled_from(["US", "GB", "DE", "FR", "IE", "AU", "CA", "BR", "ES", "MX"]))
    region = {"US": draw(st.sampled_from([None, *US_STATES])),
              "GB": draw(st.sampled_from([None, *UK_NATIONS]))}.get(country)
    where = draw(st.lists(st.sampled_from(enum_values(("imagery", "where"))), min_size=1, max_size=4,
                          unique=True))
    items = draw(st.lists(_item(), min_size=0 if "public" not in where else 1, max_size=3,
                          unique_by=lambda item: item["url"]))
    data: dict[str, Any] = {
        "schema_version": 1,
        "language": draw(st.sampled_from(enum_values(("language",)))),
        "requester": {"role": role, "country": country, "region": region},
        "person_shown": {"minor_when_made": draw(st.sampled_from(enum_values(("person_shown", "minor_when_made")))),
                         "name": _maybe(draw, "Sam Example")},
        "imagery": {"kind": draw(st.sampled_from(enum_values(("imagery", "kind")))), "where": where},
        "items": items,
    }
    if role != "survivor" and draw(st.booleans()):
        data["person_shown"]["country"] = draw(st.sampled_from(["US", "GB", "ES", ""]))
    if draw(st.booleans()):
        data["imagery"]["context"] = "An ex-partner posted it."
        data["imagery"]["copyright_holder"] = draw(st.sampled_from(enum_values(("imagery", "copyright_holder"))))
    if "private" in where:
        data["imagery"]["private_platforms"] = draw(st.lists(
            st.sampled_from([*platform_ids(), "other"]), max_size=3, unique=True))
    hosts = [UNKNOWN_HOST] if any(UNKNOWN_HOST in i["url"] for i in items) else []
    if hosts and draw(st.booleans()):
        data["websites"] = [{"hostname": UNKNOWN_HOST, "host_name": _maybe(draw, "Example Hosting"),
                             "host_abuse_email": _maybe(draw, "abuse@host.example"),
                             "registrar_name": None, "registrar_abuse_email": None}]
    history: dict[str, Any] = {}
    if items and draw(st.booleans()):
        reported = _date(draw)
        history["platform_reports"] = [{
            "platform": draw(st.sampled_from([*platform_ids(), "other"])), "reported_on": reported,
            "reference": _maybe(draw, "R-1"),
            "answer": draw(st.sampled_from(enum_values(("history", "platform_reports", 0, "answer")))),
            "answered_on": _maybe(draw, reported), "note": None}]
    if draw(st.booleans()):
        history["police"] = {"agency": "Example Police", "address": draw(st.sampled_from([[], ["1 Plaza"]])),
                             "email": _maybe(draw, "desk@police.example"),
                             "case_number": _maybe(draw, "26-1"),
                             "reported_on": draw(st.sampled_from([None, "", _date(draw)]))}
    if draw(st.booleans()):
        history["cybertip_number"] = "123456789"
    if items and draw(st.booleans()):
        history["notices_sent"] = [{
            "platform": draw(st.sampled_from([*platform_ids(), UNKNOWN_HOST])),
            "kind": draw(st.sampled_from(enum_values(("history", "notices_sent", 0, "kind")))),
            "sent_on": _date(draw, days=60),
            "route": draw(st.sampled_from(enum_values(("history", "notices_sent", 0, "route")))),
            "reference": _maybe(draw, "N-1")}]
    if history:
        data["history"] = history
    if draw(st.booleans()):
        present = draw(st.booleans())
        data["threats"] = {"present": present, "details": _maybe(draw, "They want money.")}
        if present and draw(st.booleans()):
            data["threats"].update({
                "money_demanded": draw(st.booleans()), "started_on": _date(draw, days=30),
                "accounts": [{"platform": draw(st.sampled_from([*platform_ids(), "other"])),
                              "account": _maybe(draw, "@threat_account")}]})
    # Any mix of signer details, none at all included: the signer page asks for what is missing.
    signer = {"name": "Alex Example", "email": "alex@example.com", "phone": "555 010 0199",
              "address": ["1 Sample Street"], "organisation": "Example Aid"}
    keep = draw(st.lists(st.sampled_from(sorted(signer)), unique=True))
    data["signer"] = {k: signer[k] for k in keep}
    choices: dict[str, Any] = {}
    if draw(st.booleans()):
        choices["documents"] = draw(st.none() | st.lists(
            st.sampled_from(enum_values(("choices", "documents"))), unique=True, max_size=5))
    if draw(st.booleans()):
        choices["dmca"] = draw(st.booleans())
    if draw(st.booleans()):
        choices["new_notices"] = draw(st.booleans())
    data["choices"] = choices
    return data


def paths(data: Any, path: Path = ()) -> list[Path]:
    """Every path in the answers (containers and leaves), and each object's absent schema keys."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key in _schema(path).get("properties", {}):
            found += paths(data[key], (*path, key)) if key in data else [(*path, key)]
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*path, index))
    return found


def _unusual(draw, path: Path) -> Any:
    """A value the schema allows at this path, chosen for the corners: every enum value, empty
    and null, an unknown platform, a date today or long ago, documents chosen whatever their
    needs."""
    node = _schema(path)
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    kinds += [k for sub in node.get("anyOf", []) for k in [sub.get("type")] if k]
    options: list[Any] = list(enum_values(path))
    if "null" in kinds:
        options.append(None)
    if path[-1] == "documents":
        options += [[], draw(st.lists(st.sampled_from(enum_values(path)), unique=True, min_size=1)),
                    enum_values(path)]
    if "platform" in path or path[-1] == "private_platforms":
        options += ["other", "nope", UNKNOWN_HOST, draw(st.sampled_from(platform_ids()))]
    if "string" in kinds:
        options += ["", " ", TODAY.isoformat(), "1900-01-01", "x" * node.get("maxLength", 40)]
    if "integer" in kinds:
        options += [0, node.get("maximum", 10**12)]
    if "boolean" in kinds:
        options += [True, False]
    if "array" in kinds:
        options += [[], node.get("items", {}).get("enum", ["x"])[:1]]
    if "object" in kinds:
        options.append({})
    if not options:
        options = [None]
    return draw(st.sampled_from(options))


def _wrong(draw) -> Any:
    return draw(st.sampled_from([1, -1, 2**70, 1.5, True, "1", ["a"], {"a": 1}, [[]], None]))


def _set(data: Any, path: Path, value: Any, drop: bool) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    if drop:
        if isinstance(target, dict):
            target.pop(path[-1], None)
        elif isinstance(target, list) and path[-1] < len(target):
            del target[path[-1]]
    elif isinstance(target, list) and path[-1] >= len(target):
        target.append(value)
    else:
        target[path[-1]] = value


@st.composite
def mutated_valid_cases(draw) -> dict[str, Any]:
    """A valid case with one field changed (unusual but valid, wrong kind, hostile, or dropped)."""
    data = copy.deepcopy(draw(valid_cases()))
    path = draw(st.sampled_from(paths(data)))
    how = draw(st.sampled_from(["unusual", "unusual", "wrong", "hostile", "drop", "none"]))
    if how == "none":
        return data
    value = {"unusual": lambda: _unusual(draw, path), "wrong": lambda: _wrong(draw),
             "hostile": lambda: draw(st.sampled_from(HOSTILE_TEXT)), "drop": lambda: None}[how]()
    _set(data, path, value, how == "drop")
    return data
