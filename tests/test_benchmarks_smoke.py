"""The benchmark harness still runs: one tiny iteration of each measurement, nothing timed.

The figures themselves live in docs/performance.md; these tests only prove the code that makes
them works against today's tree (the API, the server, the pool, the bare WeasyPrint floor).
"""

from __future__ import annotations

import shutil
from datetime import date
from typing import Any

import pytest

from benchmarks import instructions, run, scaling
from benchmarks.cases import one_platform_case, renderable, scaled_case, three_platform_case
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan


@pytest.fixture
def small_case(today: date) -> dict:
    case, _skipped = renderable(one_platform_case(today), today)
    case["choices"]["documents"] = ["platform_notice"]
    return case


def test_benchmark_cases_are_valid_case_files(today):
    three = plan(parse_case(three_platform_case(today), today), today)
    platforms = {d.recipient.id for d in three.documents if d.kind == "platform_notice"}
    assert platforms == {"x", "reddit", "tiktok"}
    assert parse_case(one_platform_case(today), today).platforms == ("x",)


def test_packet_comparison_runs(small_case, today):
    result = run.measure_packet(small_case, today, repeat=1)
    # One platform notice, with its "check this first" cover page when it uses an unconfirmed
    # directory fact: one HTML layout more.
    (notice,) = plan(parse_case(small_case, today), today).documents
    assert (result["documents"], result["html_documents"]) == (1, 1 + bool(notice.checks))
    assert result["project_s"] > 0 and result["files_s"] > 0 and result["bare_s"] > 0
    # The goals' ratios, each from two pairs (one in each order), lie within their quartiles.
    assert result["pairs"] == 2
    for key in ("full_files", "files_bare"):
        low, median, high = (result[f"{key}_{part}"] for part in ("low", "paired", "high"))
        assert 0 < low <= median <= high


def test_paired_ratios_balance_the_order():
    """Each action runs first in half of the pairs, and each ratio is the first's time over the
    second's (a clock that each run moves on by its action's cost)."""
    now = [0.0]
    ran: list[str] = []

    def action(name: str, cost: float) -> Any:
        def run_it() -> None:
            ran.append(name)
            now[0] += cost
        return run_it

    result = scaling.paired_cpu_ratios(
        action("a", 3.0), action("b", 2.0), pairs=4, clock=lambda: now[0])
    timed = ran[2:]  # after one untimed run of each
    assert timed == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert result == {"median": 1.5, "low": 1.5, "high": 1.5, "pairs": 4}


def test_scaling_cases_grow_as_asked(today):
    for links, platforms in [(1, 1), (7, 3)]:
        case = parse_case(scaled_case(today, links, platforms), today)
        assert len(case.items) == links
        assert len(case.platforms) == platforms
    rows = scaling.curves(today, 1, links=(1,), platforms=(), big=(2, 2))
    assert [row["links"] for row in rows] == [1, 2]
    assert all(row["cpu_s"] > 0 and row["pages"] > 0 for row in rows)


@pytest.mark.slow
def test_pool_measurement_runs_and_matches_serial(small_case, today):
    result = run.measure_pool(plan(parse_case(small_case, today), today), repeat=1)
    assert result["identical_bytes"] == 1.0
    # The pypdf join (the alternative not taken) drops the PDF/UA structure tree.
    assert result["merge_keeps_tags"] == 0.0


@pytest.mark.slow
def test_server_measurements_run(small_case):
    first = run.measure_first_request(small_case, repeat=1)
    assert first["first_s"] > 0 and first["warm_s"] > 0
    throughput = run.measure_throughput(small_case, 1, single_cpu_s=1.0, clients=2, per_client=1)
    assert throughput["rate"] > 0 and throughput["failed"] == 0 and throughput["server_cpu_s"] > 0
    memory = run.measure_memory(small_case, renders=2, warm_renders=2)
    assert memory["peak_mib"] >= memory["start_mib"] > 0 and memory["failed"] == 0


def test_a_request_that_times_out_is_a_failure_not_a_lost_thread():
    """A client whose requests raise (time out, refused) counts them as failed; the others count."""

    class Flaky:
        calls = 0

        def request(self, method, path, body=None):
            Flaky.calls += 1
            if Flaky.calls % 2:
                raise TimeoutError("timed out")
            return 200, b""

    result = run._hammer(Flaky(), run.API_PATH, b"{}", clients=2, per_client=2)
    assert (result["ok"], result["failed"], result["sent"]) == (2, 2, 4)
    assert result["example"] == "TimeoutError"


def test_a_fresh_process_reports_its_own_peak_memory_not_its_parents():
    # A subprocess inherits its parent's high-water mark in getrusage's ru_maxrss (vfork, then
    # exec): figure g measured run.py itself. This parent holds 512 MiB more than any child.
    import subprocess
    import sys

    ballast = bytearray(512 * 2**20)
    ballast[:: 4096] = b"\1" * len(ballast[:: 4096])  # touch every page: resident, not reserved
    code = "from benchmarks.scaling import peak_rss_kib; print(peak_rss_kib())"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=scaling.ROOT, timeout=120)
    assert int(child.stdout) < 512 * 1024
    assert scaling.peak_rss_kib() > 512 * 1024
    del ballast


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_callgrind_counts_the_instructions_between_two_markers():
    # The instruction figure (benchmarks/instructions.py) reads one callgrind dump per
    # `os.getppid()`: here a loop twice as long between the second pair of markers.
    import sys

    code = ("import os\nos.getppid()\nsum(range(300000))\nos.getppid()\n"
            "os.getppid()\nsum(range(600000))\nos.getppid()\n")
    totals = instructions.callgrind_totals([sys.executable, "-c", code])
    assert len(totals) == 4
    assert 1.8 < totals[3] / totals[1] < 2.2
