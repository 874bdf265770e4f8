"""Tools for the privacy tests: a write recorder (audit hook), a loopback server that counts
requests, log capture at DEBUG, and a case with a text placed in every free-text field."""

from __future__ import annotations

import copy
import http.server
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from takedown_helper.casefile import CASE_SCHEMA, CaseError, case_to_dict, parse_case
from takedown_helper.example import example_case

TODAY = date(2026, 11, 22)

# --- writes -------------------------------------------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WRITE_EVENTS = {
    "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link", "os.truncate",
    "os.chmod", "os.utime", "shutil.copyfile", "shutil.copymode", "shutil.copystat",
    "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.make_archive",
    "shutil.unpack_archive", "tempfile.mkstemp", "tempfile.mkdtemp",
}
_recorders: list[list[tuple[str, str]]] = []


def _is_write(event: str, args: tuple[Any, ...]) -> str | None:
    if event == "open":
        path, mode, flags = ((*tuple(args), None, None, None))[:3]
        if isinstance(mode, str) and any(c in mode for c in "wax+"):
            return str(path)
        if mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS:
            return str(path)
        return None
    if event in _WRITE_EVENTS:
        return str(args[0]) if args else event
    return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _recorders:
        return
    target = _is_write(event, args)
    if target is not None:
        for record in _recorders:
            record.append((event, target))


sys.addaudithook(_hook)  # an audit hook cannot be removed; it records only inside `writes()`


@contextmanager
def writes() -> Iterator[list[tuple[str, str]]]:
    """Every (event, path) that writes to the file system while the block runs."""
    record: list[tuple[str, str]] = []
    _recorders.append(record)
    try:
        yield record
    finally:
        _recorders.remove(record)


# --- loopback server ----------------------------------------------------------------------

class LoopbackServer:
    """An HTTP server on 127.0.0.1 that counts every request, answering with a redirect to
    itself (so a fetcher that follows redirects would count twice)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(302)
                self.send_header("Location", "/followed")
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- logs ---------------------------------------------------------------------------------

LOGGERS = ("", "flask", "flask.app", "takedown_helper", "werkzeug", "weasyprint",
           "weasyprint.progress", "fontTools", "gunicorn", "gunicorn.error", "gunicorn.access")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {text}")


@contextmanager
def all_logs() -> Iterator[list[str]]:
    """Every record any of the named loggers (root included) emits at DEBUG, even loggers the
    app has disabled or quietened: if a record is made at all, the test sees it."""
    handler = _Collect()
    saved = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level, logger.disabled, logger.propagate))
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield handler.lines
    finally:
        for logger, level, disabled, propagate in saved:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.disabled = disabled
            logger.propagate = propagate


# --- cases with text in every free-text field ---------------------------------------------

def base_case() -> dict[str, Any]:
    """The example case with every optional object and list present once, so each free-text
    field has a place: a website entry, a police email, a person's name, an organisation."""
    data = copy.deepcopy(case_to_dict(parse_case(example_case(), TODAY)))
    data["person_shown"]["name"] = "Sam Example"
    data["history"]["police"]["email"] = "desk@police.example.org"
    data["history"]["cybertip_number"] = "123456789"
    data["signer"]["organisation"] = "Example Advocacy Group"
    data["websites"] = [{
        "hostname": "files.example.net",
        "host_name": "Example Hosting Ltd",
        "host_abuse_email": "abuse@host.example.net",
        "registrar_name": "Example Registrar Inc",
        "registrar_abuse_email": "abuse@registrar.example.org",
    }]
    parse_case(data, TODAY)
    return data


def every_page_case() -> dict[str, Any]:
    """`base_case` with answers that reach every question page of the form: private messages
    too, a link on a website the directory does not know (files.example.net, which `websites`
    describes) and a copyright (DMCA) notice. "change:<step>" opens each page from its check page
    (a Change button for a page the answers do not reach shows where they stand instead)."""
    data = base_case()
    data["imagery"]["where"] = ["public", "private"]
    data["imagery"]["copyright_holder"] = "took_it"
    data["choices"]["dmca"] = True
    data["items"].append({"url": "https://files.example.net/album/1"})
    parse_case(copy.deepcopy(data), TODAY)
    return data


def _free_text_paths(schema: dict[str, Any], data: Any, path: tuple) -> Iterator[tuple]:
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else (kinds or [])
    if "object" in kinds and isinstance(data, dict):
        for key, sub in schema.get("properties", {}).items():
            if key in data:
                yield from _free_text_paths(sub, data[key], (*path, key))
    elif "array" in kinds and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _free_text_paths(schema.get("items", {}), item, (*path, index))
    elif "string" in kinds and not ({"enum", "const", "pattern", "format"} & schema.keys()):
        yield path


def free_text_paths(data: dict[str, Any]) -> list[tuple]:
    """Paths of every string field the schema leaves free (no enum, pattern or format):
    derived from the published schema, so a field added later is covered too."""
    return list(_free_text_paths(CASE_SCHEMA, data, ()))


def get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: tuple, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def variants(path: tuple, text: str) -> list[str]:
    """Ways to carry `text` in a field: as it is, then shaped as a link, an email, a host."""
    tag = "".join(c for c in text if c.isalnum())[:40] or "x"
    return [
        text,
        f"https://files.example.net/{text}",
        f"https://x.com/{tag}/status/1{text}",
        f"https://x.com/{tag}/status/1",
        f"https://files.example.net/{tag}",
        f"{tag.lower()}@example.org",
        f"{tag.lower()}.example.net",
        f"+1 555 0100 {sum(map(ord, tag)) % 10000:04d}",
    ]


def fill(text: str) -> tuple[dict[str, Any], dict[tuple, str]]:
    """A valid case with `text` (or the closest form the field accepts) in every free-text
    field that accepts it; returns the case and what each field now holds."""
    data = base_case()
    placed: dict[tuple, str] = {}
    for path in free_text_paths(data):
        original = get(data, path)
        for value in variants(path, text):
            put(data, path, value)
            try:
                parse_case(data, TODAY)
            except CaseError:
                continue
            placed[path] = value
            break
        else:
            put(data, path, original)
    return data, placed
