"""Figure a in instructions: the example case's full path, files alone and bare WeasyPrint,
counted by Valgrind's callgrind instead of timed.

    .venv/bin/python benchmarks/instructions.py

CPU time on a shared 2-core machine moves by 3-5 % from run to run, as much as the goals of
figure a (<= 1.05). The number of instructions a render executes does not depend on the load:
it moves by well under 0.1 % between runs, so it shows what a change did to the cost of the
work itself. It does not weigh cache misses or memory stalls, which CPU time does, so it
complements figure a and does not replace it. Needs `valgrind` (Debian's package); takes about
four minutes (callgrind runs Python some 50 times slower). Prints nothing about any user.

The run: the example case is laid out and each action run once untimed (warm-up); then each
action runs once between two calls of `os.getppid()`, and callgrind (`--dump-before=getppid`)
writes the instructions counted since the previous call to a file of its own.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `benchmarks` and the project importable
    sys.path.insert(0, str(ROOT))

ACTIONS = ("bare", "files", "full")


def _measured_run() -> None:
    """Inside callgrind: warm up, then run each action once between two markers."""
    from benchmarks.cases import renderable
    from benchmarks.render_bench import example_actions, example_day, laid_out_html
    from takedown_helper import pdf
    from takedown_helper.casefile import parse_case
    from takedown_helper.example import example_case
    from takedown_helper.planner import plan

    day = example_day(date.today())
    case, _ = renderable(example_case(), day)
    pdf.warm_up()
    actions = example_actions(case, day, laid_out_html(plan(parse_case(case, day), day)))
    for name in ACTIONS:
        actions[name]()
    for name in ACTIONS:
        gc.collect()
        os.getppid()  # marker: callgrind writes what came before
        actions[name]()
        os.getppid()


def _totals(directory: Path) -> list[int]:
    """The instruction count of each dump, in the order written."""
    dumps = sorted(directory.glob("cg.*"), key=lambda path: int(path.suffix[1:]))
    counts = []
    for dump in dumps:
        for line in dump.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("totals:"):
                counts.append(int(line.split()[1]))
                break
    return counts


def callgrind_totals(command: list[str]) -> list[int]:
    """Run `command` under callgrind; the instructions counted before each call of
    `os.getppid()` since the one before (the first: since the program started)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise RuntimeError("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="takedown-instructions-") as directory:
        subprocess.run(
            [valgrind, "--tool=callgrind", "--dump-before=getppid",
             f"--callgrind-out-file={directory}/cg", *command],
            check=True, cwd=ROOT, capture_output=True, timeout=3600,
        )
        return _totals(Path(directory))


def counts() -> dict[str, int]:
    """Instructions of each action, from one callgrind run of this file."""
    totals = callgrind_totals([sys.executable, str(Path(__file__)), "--measured-run"])
    # One dump per marker: start-up and warm-up, then each action's own, each followed by the
    # collection before the next action.
    if len(totals) != 2 * len(ACTIONS):
        raise RuntimeError(f"callgrind wrote {len(totals)} dumps, not one per marker")
    return {name: totals[1 + 2 * index] for index, name in enumerate(ACTIONS)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measured-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measured_run:
        _measured_run()
        return 0
    found = counts()
    for name in ACTIONS:
        print(f"{name:6} {found[name] / 1e6:10.1f} million instructions")
    print(f"full / files {found['full'] / found['files']:.3f} (goal <= 1.05)")
    print(f"files / bare {found['files'] / found['bare']:.3f} (goal <= 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
