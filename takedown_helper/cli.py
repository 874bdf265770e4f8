"""`takedown-helper`: render case files, print the schema or an example, check the directory, serve.

A user mistake gives one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

EXIT_USAGE = 2
EXIT_INVALID = 1
MAX_CASE_FILE_BYTES = 256 * 1024
PROGRESS_AFTER = 5  # cases: longer batches get a progress bar even when stderr is not a terminal


class UserError(Exception):
    """A mistake the user can fix; its message is the one sentence shown."""


def _read_case_file(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_CASE_FILE_BYTES:
            raise UserError(f"{path} is too large to be a case file.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder; give a case file.") from None
    except (OSError, UnicodeDecodeError):
        raise UserError(f"{path} could not be read as a text file.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} is not valid JSON (line {exc.lineno}).") from None


class CaseFailed(Exception):
    """One case in a batch could not be rendered; `lines` say why (file and field)."""

    def __init__(self, lines: list[str], usage: bool = False) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines = lines
        self.usage = usage  # unreadable, or nothing to render: for a single file, a usage mistake


def _case_paths(names: list[str]) -> tuple[list[Path], bool]:
    """The case files named (folders give every *.json in them, sorted) and whether this is a
    batch (several files, or a folder): a batch writes each packet into its own sub-folder."""
    paths: list[Path] = []
    batch = len(names) > 1
    for name in names:
        path = Path(name)
        if path.is_dir():
            batch = True
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                raise UserError(f"{path} has no case files (*.json) in it.")
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            raise UserError(f"{path} does not exist.")
    stems: dict[str, Path] = {}
    for path in paths:
        if batch and path.stem in stems and stems[path.stem] != path:
            raise UserError(
                f"{stems[path.stem]} and {path} would both be written to {path.stem}/: rename one."
            )
        stems[path.stem] = path
    return list(dict.fromkeys(paths)), batch


def _organisation(args: argparse.Namespace) -> Any:
    from takedown_helper import organisation

    try:
        if args.organisation:
            return organisation.load(Path(args.organisation))
        return organisation.from_environment()
    except organisation.OrganisationError as exc:
        raise UserError(f"The organisation profile is not usable: {exc}.") from None


def _render_one(path: Path, out: Path, profile: Any, label: str) -> tuple[list[Path], int]:
    """Render one case file into `out`; return the files written. A problem with this case raises
    CaseFailed naming the file and each field."""
    from takedown_helper import organisation
    from takedown_helper.casefile import CaseError, parse_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_plan

    try:
        data = _read_case_file(path)
    except UserError as exc:
        raise CaseFailed([str(exc)], usage=True) from None
    try:
        case = parse_case(data)
    except CaseError as exc:
        raise CaseFailed(
            [f"{path}: {error.pointer or '/'}: {error.message}" for error in exc.errors]
        ) from None
    the_plan = plan(organisation.apply(case, profile))
    if not the_plan.documents:
        raise CaseFailed(
            [f"{path}: this case needs no documents: check the links and the chosen documents."],
            usage=True,
        )
    output = render_plan(the_plan)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data_bytes in output.files():
        (out / name).write_bytes(data_bytes)
        written.append(out / name)
    for doc in the_plan.documents:
        for requirement in doc.missing:
            _note(f"{label}{doc.slug}: still needs {requirement.pointers}: {requirement.why}")
        if not label:  # one case: every fact to check; in a batch, a count per case
            for check in doc.checks:
                _note(f"{doc.slug}: check this: {check}")
    return written, sum(len(doc.checks) for doc in the_plan.documents)


class _Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, one line per step
    otherwise. Shown for batches on a terminal, or longer than a few cases anywhere."""

    WIDTH = 30

    def __init__(self, total: int, batch: bool) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self.shown = batch and (self.tty or total > PROGRESS_AFTER)
        self.drawn = False

    def clear(self) -> None:
        if self.shown and self.tty and self.drawn:
            sys.stderr.write("\r" + " " * (self.WIDTH + 30) + "\r")
            self.drawn = False

    def update(self, done: int, failed: int) -> None:
        if not self.shown:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        text = f"[{bar}] {done}/{self.total} cases" + (f", {failed} failed" if failed else "")
        if self.tty:
            sys.stderr.write("\r" + text)
            self.drawn = True
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()


_PROGRESS: list[_Progress] = []


def _note(line: str) -> None:
    """A line on stderr that does not break the progress bar."""
    for progress in _PROGRESS:
        progress.clear()
    print(line, file=sys.stderr)


def _writable_folder(out: Path) -> None:
    """--out must be a folder this user can create or write: checked once, before any case is
    rendered (and without creating it), so a mistake is one usage line, not every case failing."""
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; give a folder for --out.")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserError(f"{out} cannot be created ({existing} is a file); give a folder you can write to.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserError(f"{out} is not writable; give a folder you can write to.")


def cmd_render(args: argparse.Namespace) -> int:
    paths, batch = _case_paths(args.cases)
    profile = _organisation(args)
    out = Path(args.out)
    _writable_folder(out)
    if not batch:
        try:
            written, _checks = _render_one(paths[0], out, profile, "")
        except CaseFailed as exc:
            if exc.usage:
                raise UserError(exc.lines[0]) from None
            for line in exc.lines:
                print(line, file=sys.stderr)
            return EXIT_INVALID
        except Exception:
            # Never a traceback, and nothing from the case in the message.
            print(f"{paths[0]}: could not be rendered (an internal error).", file=sys.stderr)
            return EXIT_INVALID
        for path in written:
            print(path)
        return 0

    progress = _Progress(len(paths), batch)
    _PROGRESS.append(progress)
    failed: list[Path] = []
    try:
        progress.update(0, 0)
        for done, path in enumerate(paths, start=1):
            try:
                written, checks = _render_one(path, out / path.stem, profile, f"{path.name}: ")
            except CaseFailed as exc:
                failed.append(path)
                for line in exc.lines:
                    _note(line)
            except Exception:
                # Never a traceback; nothing from the case in the message.
                failed.append(path)
                _note(f"{path}: could not be rendered (an internal error); the other cases go on.")
            else:
                progress.clear()
                from takedown_helper.render import CHECKS_NAME

                to_check = f"; {checks} facts to check in {CHECKS_NAME}" if checks else ""
                print(f"{path} -> {out / path.stem}/ ({len(written)} files{to_check})")
            progress.update(done, len(failed))
        progress.clear()
    finally:
        _PROGRESS.remove(progress)
    rendered = len(paths) - len(failed)
    summary = f"Rendered {rendered} of {len(paths)} cases into {out}/."
    if failed:
        summary += f" {len(failed)} failed: " + ", ".join(p.name for p in failed) + "."
    print(summary, file=sys.stderr)
    return EXIT_INVALID if failed else 0


def cmd_schema(_args: argparse.Namespace) -> int:
    from takedown_helper.casefile import CASE_SCHEMA

    print(json.dumps(CASE_SCHEMA, indent=2))
    return 0


def cmd_example(_args: argparse.Namespace) -> int:
    from takedown_helper.example import example_case

    print(json.dumps(example_case(), indent=2))
    return 0


def cmd_directory(args: argparse.Namespace) -> int:
    from takedown_helper.directory import DirectoryError, directory

    try:
        known = directory()
    except DirectoryError as exc:
        print(f"invalid directory data: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.action == "list":
        for r in sorted(known.all(), key=lambda r: (r.kind, r.id)):
            print(f"{r.id:24} {r.kind:14} {r.display_name} ({r.legal_name})")
        return 0
    if args.action == "show":
        if not args.name or args.name not in known:
            raise UserError(
                f"No recipient called {args.name!r}: see 'takedown-helper directory list'."
            )
        r = known.get(args.name)
        print(f"{r.display_name} — {r.legal_name} [{r.kind}]")
        for label, address in (("Address", r.address), ("EU address", r.eu_address),
                               ("UK address", r.uk_address)):
            if address:
                status = (
                    "UNCONFIRMED"
                    if address.provenance.unconfirmed
                    else f"checked {address.provenance.checked}"
                )
                print(
                    f"{label}: {', '.join(address.lines)}, {address.country} ({status}; {address.provenance.source or 'no source'})"
                )
        for c in r.channels:
            status = (
                "UNCONFIRMED" if c.provenance.unconfirmed else f"checked {c.provenance.checked}"
            )
            print(
                f"  {c.purpose:15} {c.label}: {c.target} ({status}; {c.provenance.source or 'no source'})"
            )
        if r.hostnames:
            print("Hostnames: " + ", ".join(r.hostnames))
        if r.notes:
            print(f"Notes: {r.notes}")
        return 0
    if args.action == "report":
        return _directory_report(known.all(), strict=args.strict)
    due = known.due_for_check(date.today(), args.older_than)
    for rid, name, prov in due:
        reason = "unconfirmed" if prov.unconfirmed else f"last checked {prov.checked}"
        print(f"{rid}: {name}: {reason}")
    print(f"{len(due)} fact(s) to re-check; directory data is valid.")
    return 0


def _directory_report(recipients, strict: bool) -> int:
    """Confirmed share overall, for the facts letters print, and per recipient; with --strict,
    exit 1 when a fact has no source and is not marked unconfirmed, or is unconfirmed with no reason."""
    from takedown_helper.directory.report import problems, render

    for line in render(recipients, date.today()):
        print(line)
    found = problems(recipients)
    if found:
        print(f"\n{len(found)} fact(s) without a source or an unconfirmed reason:")
        for line in found:
            print(f"  {line}")
    if strict and found:
        print(
            "directory report --strict: every fact needs a source and a checked date, or "
            "unconfirmed = true with a reason.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from takedown_helper import config, organisation, ratelimit
    from takedown_helper.app import create_app
    from takedown_helper.directory import DirectoryError
    from takedown_helper.server import serve

    for line in config.unknown_variables():
        print(f"takedown-helper: {line}", file=sys.stderr)
    # Build the app once before any worker starts: a bad setting, organisation profile or
    # directory file stops here with one line, not with a traceback from every worker.
    try:
        app = create_app()
    except config.ConfigError as exc:
        raise UserError(str(exc)) from None
    except organisation.OrganisationError as exc:
        raise UserError(f"The organisation profile is not usable: {exc}.") from None
    except DirectoryError as exc:
        raise UserError(f"The recipient directory is not usable: {exc}.") from None
    storage = app.config["RATE_LIMIT_STORAGE"]
    if not ratelimit.limiter(app).strategy.storage.check():
        raise UserError(
            f"The rate-limit store could not be reached: check {config.PREFIX}RATE_LIMIT_STORAGE "
            f"({storage.split('@')[-1]}) and that the store is running."
        )
    serve(host=args.host, port=args.port, workers=args.workers, timeout=args.timeout)
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("takedown-helper")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="takedown-helper",
        description="Takedown notices and referral letters as PDFs. Keeps nothing; never asks for images.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    render = sub.add_parser(
        "render",
        help="render case files to PDFs",
        description="Render one case file into --out, or several case files or folders of them "
        "(every *.json) into --out/<case file name>/. Exit 0 when every case was rendered, "
        "1 when any failed, 2 for a usage mistake.",
    )
    render.add_argument(
        "cases", nargs="+", metavar="CASE", help="case file (JSON) or folder of case files"
    )
    render.add_argument("--out", required=True, help="folder to write the PDFs into")
    render.add_argument(
        "--organisation",
        metavar="FILE",
        help="organisation profile (TOML or JSON) for advocates' letterhead; default: "
        "TAKEDOWN_HELPER_ORGANISATION_FILE",
    )
    render.set_defaults(func=cmd_render)

    sub.add_parser("schema", help="print the case file's JSON Schema").set_defaults(func=cmd_schema)
    sub.add_parser("example", help="print a complete fictional example case").set_defaults(
        func=cmd_example
    )

    directory = sub.add_parser(
        "directory", help="list, show, check or report on the recipient directory"
    )
    directory.add_argument("action", choices=["list", "show", "check", "report"])
    directory.add_argument("name", nargs="?", help="recipient id, for 'show'")
    directory.add_argument(
        "--older-than", type=int, default=180, metavar="DAYS", help="for 'check' (default 180)"
    )
    directory.add_argument(
        "--strict",
        action="store_true",
        help="for 'report': exit 1 if a fact has no source and is not marked unconfirmed, "
        "or is unconfirmed without a reason",
    )
    directory.set_defaults(func=cmd_directory)

    serve = sub.add_parser(
        "serve",
        help="run the web app under gunicorn",
        description="Run the web app under gunicorn with privacy-safe defaults (no access log). "
        "Settings come from TAKEDOWN_HELPER_* variables (docs/deploy.md); a bad one stops "
        "start-up with one line and exit code 2.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (keep loopback behind a proxy)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers", type=int, default=2, help="worker processes (about one per core)"
    )
    serve.add_argument(
        "--timeout", type=int, default=30, help="seconds before a stuck worker is replaced"
    )
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UserError as exc:
        print(f"takedown-helper: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`takedown-helper schema | head`): stop quietly. Point stdout at
        # nothing so the interpreter's final flush cannot raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
