"""How the cost of a case grows with what it holds: CPU time of the whole path for 1/10/25/50
links on one platform, for 1/5/15 platforms, and the big case (15 platforms, 50 links, 36
documents) with its peak memory in a fresh process.

    .venv/bin/python benchmarks/scaling.py [--repeat 5]

CPU time (`time.process_time`) of this process only, medians of `repeat` interleaved runs (each
round runs every case once, so a burst of load from other programs touches all of them alike).
The load average is printed with every figure: CPU time is fair on a shared machine, but caches
and memory bandwidth are shared too, so very high load still blurs the figures a little.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `benchmarks` and the project importable
    sys.path.insert(0, str(ROOT))

from benchmarks.cases import scaled_case  # noqa: E402
from takedown_helper import pdf, render  # noqa: E402
from takedown_helper.casefile import parse_case  # noqa: E402
from takedown_helper.planner import plan  # noqa: E402

LINK_CURVE = (1, 10, 25, 50)
PLATFORM_CURVE = (1, 5, 15)
BIG_CASE = (50, 15)  # links, platforms: 36 documents


def load() -> str:
    """The 1, 5 and 15-minute load averages, as `uptime` prints them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def interleaved_cpu(actions: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Median CPU seconds of each action over `repeat` rounds; every round runs each action once,
    in turn, after one untimed warm-up round. Each round starts one action later than the round
    before, so that no action always follows the same one.

    Each timed action starts from a collected heap (an untimed `gc.collect()`): otherwise an
    action pays for collecting the garbage the action before it left, and which one pays
    depends on the order (the full path measured 1.06 or 1.16 times the files alone, by order).
    What an action leaves behind beyond garbage (the allocator's free lists, the CPU's caches)
    still favours or slows the one after it: the example's files measured 1.06 times bare
    WeasyPrint in rounds of the two alone and 1.10-1.12 when every round ran the full path,
    then the files, then bare.
    """
    for action in actions.values():
        action()
    times: dict[str, list[float]] = {name: [] for name in actions}
    order = list(actions.items())
    for round_number in range(repeat):
        shift = round_number % len(order)
        for name, action in order[shift:] + order[:shift]:
            gc.collect()
            start = time.process_time()
            action()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def paired_cpu_ratios(
    first: Callable[[], Any], second: Callable[[], Any], pairs: int,
    clock: Callable[[], float] = time.process_time,
) -> dict[str, float]:
    """CPU time of `first` over `second`, measured in adjacent pairs: each pair runs the two
    back to back (after an untimed run of each), `first` first in one pair and `second` first
    in the next, so that each follows the other equally often. The ratio is taken within each
    pair, where the machine's speed has had a second or two to change rather than a minute,
    and the median of those ratios is returned with its quartiles ("low", "high").

    Rotated rounds (`interleaved_cpu`) keep a cyclic order: with three actions, the files
    followed the full path in two rounds of three and never followed bare WeasyPrint, and what
    one action leaves behind (the allocator's free lists, the caches) moved their ratio by
    several hundredths.
    """
    first()
    second()
    ratios = []
    for pair in range(pairs):
        timed = {}
        for name, action in (("first", first), ("second", second))[:: 1 if pair % 2 == 0 else -1]:
            gc.collect()
            start = clock()
            action()
            timed[name] = clock() - start
        ratios.append(timed["first"] / timed["second"])
    quartiles = (statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1
                 else ratios * 3)
    return {"median": statistics.median(ratios), "low": quartiles[0], "high": quartiles[-1],
            "pairs": pairs}


def full_path(case: dict[str, Any], today: date) -> Callable[[], render.Output]:
    """What every entry point does for the whole case: answers -> plan -> every PDF."""
    return lambda: render.render_plan(plan(parse_case(case, today), today))


def shape(case: dict[str, Any], today: date) -> tuple[int, int]:
    """(documents, pages of the documents) of a case."""
    the_plan = plan(parse_case(case, today), today)
    pages = sum(len(render.letter_layout(doc, the_plan).pages) for doc in the_plan.documents)
    return len(the_plan.documents), pages


def curves(
    today: date,
    repeat: int,
    links: tuple[int, ...] = LINK_CURVE,
    platforms: tuple[int, ...] = PLATFORM_CURVE,
    big: tuple[int, int] = BIG_CASE,
) -> list[dict[str, Any]]:
    """One row per case of both curves (links on one platform; platforms at 15 links each, and
    the big case), CPU medians measured interleaved in one process."""
    cases: dict[str, tuple[int, int]] = {f"{n} link(s), 1 platform": (n, 1) for n in links}
    cases.update({f"{p} platform(s), 15 links": (15, p) for p in platforms})
    cases[f"{big[0]} links, {big[1]} platforms"] = big
    built = {name: scaled_case(today, *shape_) for name, shape_ in cases.items()}
    pdf.warm_up()
    before = load()
    cpu = interleaved_cpu({name: full_path(c, today) for name, c in built.items()}, repeat)
    after = load()
    rows = []
    for name, case in built.items():
        documents, pages = shape(case, today)
        rows.append({"case": name, "links": cases[name][0], "platforms": cases[name][1],
                     "documents": documents, "pages": pages, "cpu_s": cpu[name],
                     "load": f"{before} -> {after}"})
    return rows


def peak_rss_mib(links: int, platforms: int) -> dict[str, float]:
    """Peak RSS of a fresh process that renders the case once (after warm-up), and its CPU."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--one", str(links), str(platforms)],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=600,
    )
    return json.loads(done.stdout)


def _one(links: int, platforms: int) -> dict[str, float]:
    """In this (fresh) process: warm up, render the case once; CPU and peak RSS."""
    today = date.today()
    case = scaled_case(today, links, platforms)
    pdf.warm_up()
    warm = peak_rss_kib()
    start = time.process_time()
    render.render_plan(plan(parse_case(case, today), today))
    cpu = time.process_time() - start
    peak = peak_rss_kib()
    return {"peak_mib": peak / 1024, "warm_mib": warm / 1024, "cpu_s": cpu}


def peak_rss_kib() -> int:
    """This process's peak resident memory since it started its program, in KiB.

    Linux's VmHWM, not getrusage's ru_maxrss: a child started by subprocess (vfork, then exec)
    inherits its parent's high-water mark in ru_maxrss, so a fresh process started by run.py
    after figure f reported run.py's own peak (123 MiB where this process peaked at 116)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", nargs=2, type=int, metavar=("LINKS", "PLATFORMS"),
                        help="render one case once and print its CPU and peak RSS as JSON")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_one(*args.one)))
        return 0
    today = date.today()
    print(f"load average at start: {load()}")
    rows = curves(today, args.repeat)
    base = rows[0]["cpu_s"]
    for row in rows:
        print(f"{row['case']:28} {row['documents']:3} docs {row['pages']:4} pages "
              f"{row['cpu_s'] * 1000:8.0f} ms CPU  {row['cpu_s'] / base:5.2f}x  "
              f"{row['cpu_s'] / row['pages'] * 1000:5.1f} ms/page   load {row['load']}")
    rss = peak_rss_mib(*BIG_CASE)
    print(f"big case in a fresh process: {rss['cpu_s']:.2f} s CPU, peak RSS {rss['peak_mib']:.0f} MiB "
          f"(after warm-up {rss['warm_mib']:.0f} MiB); load {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
