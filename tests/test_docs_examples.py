"""Every example in docs/advocates.md runs as written, in order, in one empty folder.

- ```console: each `$ ` line is a command. `takedown-helper ...` runs the installed command;
  `mkdir` and `cp` run as they are; `curl` goes to the app through Flask's test client, and
  `takedown-helper serve` builds that app the way `serve` does (same environment). Lines after a
  command are its expected output: each must appear in what it printed (`...` matches anything,
  a number matches any number).
- ```python: run in-process. ```toml file=NAME: written to NAME.
- ```http [expect=STATUS]: sent through the test client. ```json: a response shown in the docs;
  its shape (and its stable values) must match the last response.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from takedown_helper.app import create_app

DOC = Path(__file__).resolve().parents[1] / "docs" / "advocates.md"
BIN = Path(sys.executable).parent / "takedown-helper"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
STABLE = {"type", "title", "status", "detail", "pointer", "kind", "slug", "complete", "bases"}


def blocks() -> list[tuple[int, str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [
        (text[: m.start()].count("\n") + 1, m.group(1), m.group(2).strip(), m.group(3))
        for m in FENCE.finditer(text)
    ]


class Runner:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.app: Any = None
        self.last: Any = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TAKEDOWN_HELPER_")}

    # --- console ---------------------------------------------------------------------------------

    def console(self, source: str, where: str) -> None:
        commands: list[tuple[str, list[str]]] = []
        for line in source.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif line.strip():
                assert commands, f"{where}: output before any command"
                commands[-1][1].append(line)
        for command, expected in commands:
            printed = self.run(command, f"{where}: {command}")
            for line in expected:
                if line.strip() == "...":
                    continue
                # "..." matches anything and a number matches any number (counts change as
                # documents and directory facts are added).
                pattern = ".*".join(
                    re.sub(r"\d+", r"\\d+", re.escape(part)) for part in line.split("...")
                )
                assert re.search(pattern, printed), f"{where}: {command!r} did not print {line!r}"

    def run(self, command: str, where: str) -> str:
        tokens = shlex.split(command)
        env = dict(self.env)
        while tokens and re.fullmatch(r"[A-Z_]+=.*", tokens[0]):
            name, value = tokens.pop(0).split("=", 1)
            env[name] = value
        redirect = None
        if ">" in tokens:
            at = tokens.index(">")
            redirect, tokens = tokens[at + 1], tokens[:at]
        if tokens[0] == "curl":
            output = self.curl(tokens[1:], where)
        elif tokens[:2] == ["takedown-helper", "serve"]:
            output = self.serve(env)
        elif tokens[0] in ("takedown-helper", "mkdir", "cp"):
            program = str(BIN) if tokens[0] == "takedown-helper" else tokens[0]
            result = subprocess.run(
                [program, *tokens[1:]],
                cwd=self.folder,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            assert result.returncode == 0, f"{where}: exit {result.returncode}: {result.stderr}"
            assert "Traceback" not in result.stderr
            output = result.stdout + result.stderr
            if redirect:
                (self.folder / redirect).write_text(result.stdout, encoding="utf-8")
                output = result.stderr
        else:
            pytest.fail(f"{where}: the docs test cannot run {tokens[0]!r}")
        return output

    def serve(self, env: dict[str, str]) -> str:
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(env)
        cwd = Path.cwd()
        try:
            os.chdir(self.folder)  # a relative profile path is relative to where serve starts
            self.app = create_app()
        finally:
            os.chdir(cwd)
            os.environ.clear()
            os.environ.update(saved)
        return ""

    def curl(self, args: list[str], where: str) -> str:
        assert self.app is not None, f"{where}: start the app with takedown-helper serve first"
        method, headers, data, out, url = "GET", {}, None, None, None
        it = iter(args)
        for arg in it:
            if arg in ("-s", "--silent", "-S"):
                continue
            if arg == "-X":
                method = next(it)
            elif arg == "-H":
                name, value = next(it).split(":", 1)
                headers[name.strip()] = value.strip()
            elif arg in ("-d", "--data-binary"):
                value = next(it)
                data = (self.folder / value[1:]).read_bytes() if value.startswith("@") else value
            elif arg == "-o":
                out = next(it)
            elif arg.startswith("http"):
                url = arg
            else:
                pytest.fail(f"{where}: the docs test does not know curl option {arg}")
        assert url, f"{where}: no URL"
        path = re.sub(r"^https?://[^/]+", "", url)
        response = self.app.test_client().open(path, method=method, headers=headers, data=data)
        assert response.status_code < 400, f"{where}: {response.status_code} {response.data[:300]}"
        self.last = response
        if out:
            (self.folder / out).write_bytes(response.data)
            return ""
        return response.get_data(as_text=True)

    # --- http and json ---------------------------------------------------------------------------

    def http(self, info: str, source: str, where: str) -> None:
        assert self.app is not None, f"{where}: start the app with takedown-helper serve first"
        head, _, body = source.partition("\n\n")
        request_line, *header_lines = head.splitlines()
        method, path = request_line.split()[:2]
        headers = dict(line.split(":", 1) for line in header_lines)
        headers = {k.strip(): v.strip() for k, v in headers.items()}
        response = self.app.test_client().open(
            path, method=method, headers=headers, data=body.encode()
        )
        expected = re.search(r"expect=(\d+)", info)
        if expected:
            assert response.status_code == int(expected.group(1)), f"{where}: {response.data}"
        else:
            assert response.status_code < 400, f"{where}: {response.data[:300]}"
        self.last = response

    def shown_json(self, source: str, where: str) -> None:
        shown = json.loads(source)
        assert self.last is not None, f"{where}: a response is shown before any request"
        actual = json.loads(self.last.get_data(as_text=True))
        problem = _mismatch(shown, actual, "")
        assert problem is None, (
            f"{where}: the shown response differs from the real one at {problem}"
        )


def _mismatch(shown: Any, actual: Any, at: str, key: str = "") -> str | None:
    """Where `shown` is not a faithful excerpt of `actual` (None when it is)."""
    if isinstance(shown, dict):
        if not isinstance(actual, dict):
            return at or "/"
        for name, value in shown.items():
            if name not in actual:
                return f"{at}/{name} (no such field)"
            if found := _mismatch(value, actual[name], f"{at}/{name}", name):
                return found
        return None
    if isinstance(shown, list):
        if not isinstance(actual, list):
            return at
        if key in STABLE and shown != actual:
            return at
        for n, item in enumerate(shown):
            if all(_mismatch(item, candidate, at, key) for candidate in actual):
                return f"{at}/{n} (no matching element)"
        return None
    if shown is not None and actual is not None and type(shown) is not type(actual):
        return at
    if key in STABLE and shown != actual:
        return at
    return None


@pytest.mark.slow
def test_every_example_in_the_advocates_guide_runs(tmp_path, monkeypatch):
    found = blocks()
    kinds = {kind for _, kind, _, _ in found}
    assert {"console", "python", "http", "json", "toml"} <= kinds
    runner = Runner(tmp_path)
    monkeypatch.chdir(tmp_path)
    for line, kind, info, source in found:
        where = f"docs/advocates.md:{line}"
        if kind == "console":
            runner.console(source, where)
        elif kind == "python":
            namespace: dict[str, Any] = {"__name__": "__docs__"}
            exec(compile(source, where, "exec"), namespace)  # noqa: S102 - our own docs
        elif kind == "toml":
            name = re.search(r"file=(\S+)", info)
            assert name, f"{where}: a toml block needs file=NAME"
            (tmp_path / name.group(1)).write_text(source, encoding="utf-8")
        elif kind == "http":
            runner.http(info, source, where)
        elif kind == "json":
            runner.shown_json(source, where)
        else:
            pytest.fail(f"{where}: no runner for ```{kind} blocks")
    assert (tmp_path / "letters" / "takedown-documents.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "packet.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "documents.zip").read_bytes().startswith(b"PK")


def test_the_comparison_catches_a_stale_example():
    actual = {"documents": [{"kind": "guide", "bases": []}, {"kind": "platform_notice"}]}
    assert _mismatch({"documents": [{"kind": "platform_notice"}]}, actual, "") is None
    assert _mismatch({"documents": [{"kind": "police_referral"}]}, actual, "") is not None
    assert _mismatch({"documents": [{"kind": "guide", "gone": 1}]}, actual, "") is not None
