"""The foundation's figure: the project's render path against bare WeasyPrint on the same HTML.

    .venv/bin/python benchmarks/render_bench.py [--repeat 5]

Renders the example case through `parse_case -> plan -> render_plan` and, separately, every HTML
document that path laid out through plain `weasyprint.HTML(string=...).write_pdf()`, then prints
the median time of each and their ratio. Everything stays in memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` and the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from benchmarks.cases import renderable
from takedown_helper import frame_room, pdf, render
from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.paths import STATIC_DIR
from takedown_helper.planner import Plan, plan


def median_seconds(
    action: Callable[[], Any], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Median time of `repeat` runs of `action` (after one untimed run to warm caches).

    `clock` is wall time by default; `time.process_time` (this process's CPU time) keeps a
    single-process comparison fair when other work shares the cores.
    """
    action()
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def project_path(case: dict[str, Any], today: date) -> render.Output:
    """What the ZIP, the CLI and the library do: answers -> Case -> Plan -> every PDF (each
    document, the check page and the packet)."""
    return render.render_plan(plan(parse_case(case, today), today))


def laid_out_html(the_plan: Plan) -> list[str]:
    """Exactly the HTML documents `render_plan` lays out, in order (the check page included).

    Recorded by watching `pdf.layout` during one render, so no rule of render.py is copied here.
    """
    seen: list[str] = []
    original = pdf.layout

    def spy(html: str) -> Any:
        seen.append(html)
        return original(html)

    pdf.layout = spy  # type: ignore[assignment]
    try:
        render.render_plan(the_plan)
    finally:
        pdf.layout = original  # type: ignore[assignment]
    return seen


class BareWeasyPrint:
    """The floor: WeasyPrint's defaults (default fetcher, no tags, no PDF/UA), the same stylesheet
    passed as one CSS object built once, fonts loaded from the same files by file:// URL.

    With `room`, each document is written inside `frame_room.with_room`, as the project's path
    does: the same work without CPython mapping and unmapping frame-stack chunks, which costs
    bare WeasyPrint some 8 % of its CPU time here (docs/performance.md)."""

    def __init__(self, room: bool = False) -> None:
        css = (STATIC_DIR / "css/print.css").read_text(encoding="utf-8")
        css = css.replace(pdf.ASSET_SCHEME, STATIC_DIR.as_uri() + "/")
        self.fonts = FontConfiguration()
        self.stylesheet = weasyprint.CSS(string=css, font_config=self.fonts)
        self.room = room

    def _write(self, html: str) -> bytes:
        return weasyprint.HTML(string=html).write_pdf(
            stylesheets=[self.stylesheet], font_config=self.fonts)

    def render(self, html_documents: list[str]) -> list[bytes]:
        if self.room:
            return [frame_room.with_room(lambda html=html: self._write(html))
                    for html in html_documents]
        return [self._write(html) for html in html_documents]


def files_only(the_plan: Plan) -> list[bytes]:
    """Every file the path makes, each written once, no packet: each document alone (as a single
    download makes it) and the case's check page."""
    files = [render.render_document(the_plan, i) for i in range(len(the_plan.documents))]
    checks = render.render_checks(the_plan)
    return files + ([checks] if checks is not None else [])


def example_actions(
    case: dict[str, Any], today: date, html: list[str]
) -> dict[str, Callable[[], Any]]:
    """Figure a's actions: the full path, the files alone, bare WeasyPrint on `html` (the HTML
    the path lays out, `laid_out_html`) as it comes and with the path's frame room."""
    bare, bare_room = BareWeasyPrint(), BareWeasyPrint(room=True)
    return {
        "full": lambda: project_path(case, today),
        "files": lambda: files_only(plan(parse_case(case, today), today)),
        "bare": lambda: bare.render(html),
        "bare_room": lambda: bare_room.render(html),
    }


def example_day(today: date) -> date:
    """The example's dates are fixed: render it as of a day when they are all in the past."""
    return max(today, date(2026, 11, 22))


def compare(case: dict[str, Any], today: date, repeat: int) -> dict[str, float]:
    """Median CPU seconds, interleaved, of: the full path (every document, the check page and the
    packet); the files alone (each document and the check page written once, no packet); bare
    WeasyPrint writing the same HTML once each, as it comes and inside the frame room the path
    gives WeasyPrint (`frame_room`). Then the two ratios the goals name, each as the median of
    `2 * repeat` ratios measured in balanced pairs (`scaling.paired_cpu_ratios`), with their
    quartiles: the figures the goals are judged on. Files are compared with bare WeasyPrint in
    the same room, so that the ratio measures the project's own work and not CPython's
    frame-stack chunks, which the room saves both.

    All run in this one process, so CPU time is the fair measure: it does not count the time
    other programs on the machine took from it. Interleaved runs (each round runs the three in
    turn) make a burst of load touch all three alike.
    """
    from benchmarks.scaling import interleaved_cpu, paired_cpu_ratios

    pdf.warm_up()
    the_plan = plan(parse_case(case, today), today)
    html = laid_out_html(the_plan)
    actions = example_actions(case, today, html)
    cpu = interleaved_cpu(
        {**actions, "layout": lambda: [pdf.layout(h) for h in html]},
        repeat,
    )
    # Each goal's two actions again, in pairs that balance which one runs first.
    pairs = 2 * repeat
    full_files = paired_cpu_ratios(actions["full"], actions["files"], pairs)
    files_bare = paired_cpu_ratios(actions["files"], actions["bare_room"], pairs)
    return {
        "pairs": pairs,
        "full_files_paired": full_files["median"],
        "full_files_low": full_files["low"],
        "full_files_high": full_files["high"],
        "files_bare_paired": files_bare["median"],
        "files_bare_low": files_bare["low"],
        "files_bare_high": files_bare["high"],
        "documents": len(the_plan.documents),
        "html_documents": len(html),
        "project_s": cpu["full"],
        "files_s": cpu["files"],
        "bare_s": cpu["bare"],
        "bare_room_s": cpu["bare_room"],
        "room_ratio": cpu["bare_room"] / cpu["bare"],
        "layout_s": cpu["layout"],
        "ratio": cpu["full"] / cpu["bare"],
        "full_files_ratio": cpu["full"] / cpu["files"],
        "files_bare_ratio": cpu["files"] / cpu["bare_room"],
        "files_plain_bare_ratio": cpu["files"] / cpu["bare"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    day = example_day(date.today())
    case, skipped = renderable(example_case(), day)
    if skipped:
        print(f"skipped document kinds that do not render yet: {', '.join(skipped)}")
    result = compare(case, day, args.repeat)
    print(f"example case: {result['documents']} documents, {result['html_documents']} HTML layouts")
    print(f"full path (parse, plan, render_plan):    {result['project_s'] * 1000:8.1f} ms CPU median")
    print(f"files only (each file once, no packet):  {result['files_s'] * 1000:8.1f} ms CPU median")
    print(f"bare WeasyPrint, same HTML:              {result['bare_s'] * 1000:8.1f} ms CPU median")
    print(f"... with the path's frame room:          {result['bare_room_s'] * 1000:8.1f} ms CPU median")
    print(f"ratios of the medians: full / files {result['full_files_ratio']:.3f}, files / bare "
          f"with room {result['files_bare_ratio']:.3f} (as it comes: "
          f"{result['files_plain_bare_ratio']:.3f})")
    for name, key in (("full / files only", "full_files"), ("files only / bare with room", "files_bare")):
        print(f"{name}, median of {result['pairs']} balanced pairs: "
              f"{result[key + '_paired']:.3f} (quartiles {result[key + '_low']:.3f}-"
              f"{result[key + '_high']:.3f}; goal <= 1.05)")
    print(f"load average: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
