"""`takedown-helper`: render case files, print the schema or an example, check the directory, serve.

A user mistake gives one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

EXIT_USAGE = 2
EXIT_INVALID = 1
MAX_CASE_FILE_BYTES = 256 * 1024


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


def cmd_render(args: argparse.Namespace) -> int:
    from takedown_helper.casefile import CaseError, parse_case
    from takedown_helper.plan import plan
    from takedown_helper.render import render_plan

    case_path = Path(args.case)
    data = _read_case_file(case_path)
    try:
        case = parse_case(data)
    except CaseError as exc:
        for error in exc.errors:
            print(f"{case_path}: {error.dotted or 'case'}: {error.message}", file=sys.stderr)
        return EXIT_INVALID
    the_plan = plan(case)
    if not the_plan.documents:
        raise UserError("This case needs no documents: check the links and the chosen documents.")
    output = render_plan(the_plan)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data_bytes in output.files():
        (out / name).write_bytes(data_bytes)
        print(out / name)
    for doc in the_plan.documents:
        for requirement in doc.missing:
            print(f"{doc.slug}: still needs {requirement.key}: {requirement.why}", file=sys.stderr)
        for note in doc.checks:
            print(f"{doc.slug}: check this: {note}", file=sys.stderr)
    return 0


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
            raise UserError(f"No recipient called {args.name!r}: see 'takedown-helper directory list'.")
        r = known.get(args.name)
        print(f"{r.display_name} — {r.legal_name} [{r.kind}]")
        for label, address in (("Address", r.address), ("EU/UK address", r.eu_address)):
            if address:
                status = "UNCONFIRMED" if address.provenance.unconfirmed else f"checked {address.provenance.checked}"
                print(f"{label}: {', '.join(address.lines)}, {address.country} ({status}; {address.provenance.source or 'no source'})")
        for c in r.channels:
            status = "UNCONFIRMED" if c.provenance.unconfirmed else f"checked {c.provenance.checked}"
            print(f"  {c.purpose:15} {c.label}: {c.target} ({status}; {c.provenance.source or 'no source'})")
        if r.hostnames:
            print("Hostnames: " + ", ".join(r.hostnames))
        if r.notes:
            print(f"Notes: {r.notes}")
        return 0
    due = known.due_for_check(date.today(), args.older_than)
    for rid, name, prov in due:
        reason = "unconfirmed" if prov.unconfirmed else f"last checked {prov.checked}"
        print(f"{rid}: {name}: {reason}")
    print(f"{len(due)} fact(s) to re-check; directory data is valid.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from takedown_helper.server import serve

    serve(host=args.host, port=args.port, workers=args.workers, timeout=args.timeout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="takedown-helper",
        description="Takedown notices and referral letters as PDFs. Keeps nothing; never asks for images.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    render = sub.add_parser("render", help="render a case file to PDFs")
    render.add_argument("case", help="case file (JSON), e.g. from 'takedown-helper example'")
    render.add_argument("--out", required=True, help="folder to write the PDFs into")
    render.set_defaults(func=cmd_render)

    sub.add_parser("schema", help="print the case file's JSON Schema").set_defaults(func=cmd_schema)
    sub.add_parser("example", help="print a complete fictional example case").set_defaults(
        func=cmd_example
    )

    directory = sub.add_parser("directory", help="list, show or check the recipient directory")
    directory.add_argument("action", choices=["list", "show", "check"])
    directory.add_argument("name", nargs="?", help="recipient id, for 'show'")
    directory.add_argument(
        "--older-than", type=int, default=180, metavar="DAYS", help="for 'check' (default 180)"
    )
    directory.set_defaults(func=cmd_directory)

    serve = sub.add_parser("serve", help="run the web app under gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument("--timeout", type=int, default=30, help="seconds before a stuck worker is replaced")
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


if __name__ == "__main__":
    sys.exit(main())
