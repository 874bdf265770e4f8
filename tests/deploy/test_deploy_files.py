"""The deployment files in docs/deploy.md and the Containerfile say what the docs promise: the
systemd unit and the container run `takedown-helper serve` with options it accepts, as a non-root
user; the nginx configuration keeps no access log and buffers no body to disk."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from takedown_helper.cli import build_parser
from takedown_helper.server import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")


def _block(language: str) -> str:
    found = re.findall(rf"```{language}\n(.*?)```", DEPLOY, flags=re.S)
    assert found, f"docs/deploy.md has no {language} block"
    return found[0]


def _serve_args(argv: list[str]):
    assert argv[:2] == ["takedown-helper", "serve"] or argv[0].endswith("/takedown-helper")
    start = argv.index("serve")
    return build_parser().parse_args(argv[start:])


def test_systemd_unit_runs_serve_unprivileged_on_a_read_only_system():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string(_block("ini"))
    service = unit["Service"]
    assert service["User"] not in ("root", "0")
    args = _serve_args(shlex.split(service["ExecStart"]))
    assert args.host == "127.0.0.1"
    assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "true"


def test_nginx_keeps_no_access_log_and_no_body_on_disk():
    conf = _block("nginx")
    assert conf.count("{") == conf.count("}")
    servers = conf.split("server {")[1:]
    assert servers and all("access_log off;" in server for server in servers)
    assert "client_body_in_file_only off;" in conf and "proxy_max_temp_file_size 0;" in conf
    assert "proxy_pass http://127.0.0.1:8000;" in conf
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    # The proxy waits a little longer than a worker may take, so the app answers first.
    assert read_timeout > settings("127.0.0.1", 8000, 2, 30)["timeout"]


def test_containerfile_runs_serve_as_a_non_root_user_on_debian():
    lines = [
        line.strip() for line in
        (ROOT / "Containerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    instructions = [line.split(None, 1) for line in lines]
    first = instructions[0]
    assert first[0] == "FROM" and re.fullmatch(r"python:3\.11-slim-(bookworm|trixie)", first[1])
    users = [rest for word, rest in instructions if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert not any(word == "ADD" for word, _rest in instructions)  # nothing fetched by URL
    entry = next(rest for word, rest in instructions if word == "ENTRYPOINT")
    cmd = next(rest for word, rest in instructions if word == "CMD")
    import json

    args = _serve_args(json.loads(entry) + json.loads(cmd))
    assert args.port == 8000 and args.workers >= 1
    health = next(rest for word, rest in instructions if word == "HEALTHCHECK")
    assert "/readyz" in health
