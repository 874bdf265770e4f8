"""What the docs quote is what the code does: every `takedown-helper ...` command they show
parses with the real command line, and every number in the gunicorn table is the server's own."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from takedown_helper.cli import build_parser
from takedown_helper.server import settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "SECURITY.md",
        *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(r"(?:^|\s)(?:\S*/)?takedown-helper ([a-z][^|>#\n]*)")
SUBCOMMANDS = {"render", "schema", "example", "directory", "serve"}


def _code(text: str) -> list[str]:
    """Code in a Markdown file: fenced blocks, indented lines, inline `spans`."""
    pieces = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M):
        pieces += block.splitlines()
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    pieces += [line for line in prose.splitlines() if line.startswith("    ")]
    pieces += re.findall(r"`([^`\n]+)`", prose)
    return pieces


def _commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for piece in _code(doc.read_text(encoding="utf-8")):
            piece = piece.strip().removeprefix("$ ")
            for match in COMMAND.finditer(piece):
                words = shlex.split(match.group(1))
                if words and words[0] in SUBCOMMANDS:
                    found.append((f"{doc.name}: {piece}", " ".join(words)))
    return found


COMMANDS = _commands()


def test_the_docs_quote_commands():
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[c for _w, c in COMMANDS])
def test_every_quoted_command_parses(where, command):
    words = shlex.split(command)
    # Placeholders in prose ("render CASE") and ellipses are not commands to run.
    words = [w for w in words if w not in ("...", "…")]
    if len(words) == 1:
        return  # a command named in prose ("`takedown-helper render` writes..."): it exists
    try:
        build_parser().parse_args(words)
    except SystemExit as exc:
        pytest.fail(f"{where}: `takedown-helper {command}` does not parse ({exc.code})")


def test_the_gunicorn_table_quotes_the_servers_own_settings():
    text = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    table = text.split("`takedown-helper serve` starts gunicorn", 1)[1].split("\n\n", 2)[1]
    actual = settings("127.0.0.1", 8000, 2, 30)
    defaults = build_parser().parse_args(["serve"])
    checked = 0
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        names = re.findall(r"`(\w+)`", cells[0])
        for name in names:
            value = actual.get(name)
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, int):
                assert str(value) in cells[1], f"{name}: docs say {cells[1]!r}, code {value}"
                checked += 1
            elif name in ("worker_class", "worker_tmp_dir"):
                assert value in cells[1], f"{name}: docs say {cells[1]!r}, code {value!r}"
                checked += 1
    assert checked >= 5
    assert defaults.workers == actual["workers"] == 2 and defaults.timeout == actual["timeout"]


# A ticket number ("see the tracker's number N") means nothing to a reader of the code or the docs.
TRACKER_NUMBER = re.compile(r"\bissues? ?#?\d+(\.\d+)?\b", re.I)
SOURCES = ("*.py", "*.html", "*.md", "*.toml", "*.css", "*.js", "*.txt", "*.cfg", "*.po")
SKIP = {".venv", ".tools", "node_modules", ".git", ".hypothesis", ".ruff_cache", ".mypy_cache"}


def test_no_tracker_issue_numbers_in_code_or_docs():
    found = []
    for pattern in SOURCES:
        for path in ROOT.rglob(pattern):
            if SKIP.intersection(path.relative_to(ROOT).parts):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if TRACKER_NUMBER.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "say what the code does, not which ticket asked for it:\n" + "\n".join(found)
