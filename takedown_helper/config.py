"""Configuration: a class per kind of deployment, and one table of the settings an operator may set.

`TAKEDOWN_HELPER_CONFIG` picks the class (production unless told otherwise); each
`TAKEDOWN_HELPER_<NAME>` variable overrides one setting of `SETTINGS`. Every setting is parsed and
checked when the app is built, so a mistake stops start-up with one line naming the variable and
what it accepts (`ConfigError`); a `TAKEDOWN_HELPER_*` variable that is no setting is named in a
warning. Nothing here is per-user: the server keeps nothing between requests.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

PREFIX = "TAKEDOWN_HELPER_"


class ConfigError(ValueError):
    """A setting is not usable. The message is one line naming the variable and what it accepts."""


class Config:
    TESTING = False
    # Case files and form posts are small; a cap keeps bodies in memory (Werkzeug spools large
    # form bodies to temporary files) and refuses uploads early.
    MAX_CONTENT_LENGTH = 256 * 1024
    MAX_FORM_MEMORY_SIZE = 256 * 1024
    MAX_FORM_PARTS = 400
    # Document creation per client per window (see ratelimit.py and docs/deploy.md).
    RATE_LIMIT_DOCUMENTS = 60  # a person downloads each file once: about a dozen requests
    RATE_LIMIT_WINDOW_SECONDS = 600
    RATE_LIMIT_ENDPOINTS: tuple[str, ...] = (
        "form.create_documents", "form.download_file", "api.documents",
    )  # fmt: skip
    # Where the counts live: memory:// (one process) or a shared redis:// store (several
    # workers and machines count together).
    RATE_LIMIT_STORAGE = "memory://"
    # Key for the keyed hashes of client addresses. Needed with a shared store, so every
    # instance hashes an address alike; with memory:// a random key per process is used.
    RATE_LIMIT_KEY: str | None = None
    # API keys of trusted systems, as SHA-256 hex digests (the keys themselves are never
    # configured or stored), and the limit each key gets per window instead of the per-address one.
    API_KEYS: tuple[str, ...] = ()
    RATE_LIMIT_API_KEY = 600
    # Capacity (takedown_helper.capacity, docs/deploy.md): renders at once per worker process,
    # how many more may wait, how long a request may wait in all (the proxy gives up at 35 s),
    # how long one render may run, how long a client may take to send its request.
    RENDER_ENDPOINTS: tuple[str, ...] = ("form.create_documents", "form.download_file", "api.documents")
    RENDER_SLOTS = 1
    RENDER_QUEUE = 6
    QUEUE_WAIT_SECONDS = 20
    RENDER_SECONDS = 60
    REQUEST_READ_SECONDS = 15
    TRUSTED_PROXIES = 0  # reverse proxies in front whose X-Forwarded-* are believed (docs/deploy.md)
    # Host names this server answers to (comma-separated from the environment; port ignored).
    # Any other Host gets a plain 400 before anything else runs: a page on another site that
    # points its own name at this address (DNS rebinding) is refused. docs/deploy.md.
    ALLOWED_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
    # Where "Exit this page" goes: a neutral site.
    EXIT_URL = "https://www.bbc.co.uk/weather"
    # Organisation letterhead for advocates' deployments (organisation.py); empty by default.
    ORGANISATION: ClassVar[dict[str, str]] = {}
    # No sessions are used; a random key means a leaked cookie could never be forged or read later.
    SECRET_KEY = os.urandom(32)
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Strict"
    PREFERRED_URL_SCHEME = "https"


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"


class TestingConfig(DevelopmentConfig):
    TESTING = True
    RATE_LIMIT_DOCUMENTS = 1000


CONFIGS: dict[str, type[Config]] = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


# --- parsers: text from the environment (or a value from code) -> the setting's value -----------


def _whole(minimum: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError
        number = value if isinstance(value, int) else int(str(value).strip(), 10)
        if number < minimum:
            raise ValueError
        return number

    return parse


def _names(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    names = tuple(str(n).strip() for n in items if str(n).strip())
    if not all(re.fullmatch(r"[A-Za-z_][\w.]*", n) for n in names):
        raise ValueError
    return names


def _hosts(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    hosts = tuple(str(h).strip().lower() for h in items if str(h).strip())
    if not hosts or not all(
        re.fullmatch(r"\*|\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?", h) for h in hosts
    ):
        raise ValueError
    return hosts


def _storage(value: Any) -> str:
    text = str(value).strip()
    scheme = urlsplit(text).scheme
    if scheme not in ("memory", "redis", "rediss", "redis+unix"):
        raise ValueError
    return text


def _secret(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    if len(text) < 32:
        raise ValueError
    return text


def _digests(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    digests = tuple(str(d).strip().lower() for d in items if str(d).strip())
    if not all(re.fullmatch(r"[0-9a-f]{64}", d) for d in digests):
        raise ValueError
    return digests


def _exit_url(value: Any) -> str:
    """An https:// address, or a path on this site (a deployment's own neutral page)."""
    text = str(value).strip()
    parts = urlsplit(text)
    if text.startswith("/") and not text.startswith("//") and not parts.scheme:
        return text
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError
    return text


@dataclass(frozen=True)
class Setting:
    name: str  # the config key; the variable is TAKEDOWN_HELPER_<name>
    parse: Callable[[Any], Any]
    accepts: str  # what the error line says is accepted
    help: str  # one line for the configuration reference (docs/deploy.md)

    @property
    def variable(self) -> str:
        return PREFIX + self.name

    def default(self) -> Any:
        return getattr(Config, self.name)


SETTINGS: tuple[Setting, ...] = (
    Setting("RATE_LIMIT_DOCUMENTS", _whole(1), "a whole number, 1 or more",
            "requests that make documents, per client address per window"),
    Setting("RATE_LIMIT_WINDOW_SECONDS", _whole(1), "a whole number of seconds, 1 or more",
            "the length of the rate-limit window"),
    Setting("RATE_LIMIT_ENDPOINTS", _names, "endpoint names separated by commas",
            "the endpoints that are rate limited"),
    Setting("RATE_LIMIT_STORAGE", _storage,
            "memory://, or a redis:// or rediss:// address (Redis or Valkey)",
            "where the counts live: memory:// for one process, a shared Redis/Valkey for several"),
    Setting("RATE_LIMIT_KEY", _secret, "a random string of 32 characters or more",
            "key of the hashes of client addresses; required with a shared store"),
    Setting("API_KEYS", _digests, "SHA-256 hex digests (64 characters) separated by commas",
            "digests of the API keys of trusted systems (never the keys themselves)"),
    Setting("RATE_LIMIT_API_KEY", _whole(1), "a whole number, 1 or more",
            "requests per window for each API key"),
    Setting("TRUSTED_PROXIES", _whole(0), "a whole number, 0 or more",
            "reverse proxies in front whose X-Forwarded-For/-Proto/-Host are believed"),
    Setting("ALLOWED_HOSTS", _hosts, "host names separated by commas (no port), or *",
            "the Host names this server answers to; any other gets a plain 400"),
    Setting("REQUEST_READ_SECONDS", _whole(1), "a whole number of seconds, 1 or more",
            "how long a client may take to send a whole request (then 408)"),
    Setting("RENDER_ENDPOINTS", _names, "endpoint names separated by commas",
            "the endpoints that make documents (render slots, queue, watchdog)"),
    Setting("RENDER_SLOTS", _whole(1), "a whole number, 1 or more",
            "documents made at once per worker process"),
    Setting("RENDER_QUEUE", _whole(0), "a whole number, 0 or more",
            "requests for documents that may wait per worker; more get a 503 at once"),
    Setting("QUEUE_WAIT_SECONDS", _whole(1), "a whole number of seconds, 1 or more",
            "how long a request may have waited before its documents are started (then 503)"),
    Setting("RENDER_SECONDS", _whole(1), "a whole number of seconds, 1 or more",
            "how long making one request's documents may run (then 503)"),
    Setting("EXIT_URL", _exit_url, "an https:// address or a path on this site",
            "where Exit this page goes (a neutral site)"),
)  # fmt: skip
BY_NAME = {s.name: s for s in SETTINGS}
# Variables read elsewhere (organisation.py reads TAKEDOWN_HELPER_ORGANISATION_*), and the class.
OTHER_VARIABLES = ("CONFIG",)
OTHER_PREFIXES = ("ORGANISATION_",)


def config_class(environ: Mapping[str, str]) -> type[Config]:
    name = environ.get(PREFIX + "CONFIG", "production")
    if name not in CONFIGS:
        raise ConfigError(
            f"{PREFIX}CONFIG must be one of {', '.join(CONFIGS)} (it is {name!r})."
        )
    return CONFIGS[name]


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings named in the environment, parsed; ConfigError on the first bad one."""
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for setting in SETTINGS:
        if setting.variable in environ:
            found[setting.name] = parse_setting(setting, environ[setting.variable])
    return found


def parse_setting(setting: Setting, value: Any) -> Any:
    try:
        return setting.parse(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{setting.variable} must be {setting.accepts}.") from None


def check(config: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting of a built configuration parsed again (values from code are checked too),
    and the combinations that cannot work. Returns the parsed values."""
    values = {s.name: parse_setting(s, config.get(s.name, s.default())) for s in SETTINGS}
    if not values["RATE_LIMIT_STORAGE"].startswith("memory") and not values["RATE_LIMIT_KEY"]:
        raise ConfigError(
            f"{PREFIX}RATE_LIMIT_KEY must be set (a random string of 32 characters or more) "
            f"when {PREFIX}RATE_LIMIT_STORAGE is a shared store."
        )
    return values


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """One warning line per TAKEDOWN_HELPER_* variable that is no setting (a misspelling)."""
    environ = os.environ if environ is None else environ
    lines = []
    for key in sorted(environ):
        name = key.removeprefix(PREFIX)
        if not key.startswith(PREFIX) or name in BY_NAME or name in OTHER_VARIABLES:
            continue
        if name.startswith(OTHER_PREFIXES):
            continue
        close = difflib.get_close_matches(name, list(BY_NAME), n=1)
        hint = f" (did you mean {PREFIX}{close[0]}?)" if close else ""
        lines.append(f"warning: {key} is not a takedown-helper setting and is ignored{hint}.")
    return lines


def _shown(value: Any) -> str:
    if value is None or value == ():
        return "(none)"
    if isinstance(value, tuple | list):
        return ",".join(str(v) for v in value)
    return str(value)


def reference() -> str:
    """The configuration reference table in docs/deploy.md (a test keeps the two identical)."""
    rows = [
        "| variable | default | accepts | what it sets |",
        "|---|---|---|---|",
        f"| `{PREFIX}CONFIG` | `production` | {', '.join(CONFIGS)} | the configuration class |",
    ]
    rows += [
        f"| `{s.variable}` | `{_shown(s.default())}` | {s.accepts} | {s.help} |" for s in SETTINGS
    ]
    return "\n".join(rows)
