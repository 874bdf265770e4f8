"""Every performance figure of takedown-helper from one run, each printed beside its goal and
with the load average when it was measured.

    .venv/bin/python benchmarks/run.py [--repeat 5] [--renders 500] [--quick]

a) the example case: full path (every document, the check page, the packet) against the files
   alone, and the files alone against bare WeasyPrint on the same HTML (CPU; each ratio the
   median of ratios taken in pairs that balance which runs first)              <= 1.05 each
b) the packet rendered by a process pool (takedown_helper.parallel) vs serial (wall)   >= 1.7
c) the gunicorn server, 8 concurrent clients: a 2-worker server's documents/s against twice a
   1-worker server's (wall against wall), and the CPU a worker spends per document against
   the CPU of the same work in this process (CPU against CPU); every failed or timed-out
   request is a failure                                                          >= 0.85
d) the server's first render request after start against a warm one (wall)             <= 1.5
e) worker memory: peak RSS, and its growth over 500 renders                              <= 5 %
f) scaling: 1/10/25/50 links on one platform, 1/5/15 platforms (CPU)          50 links <= 2.5 x 1
g) the big case, 15 platforms and 50 links (36 documents), in a fresh process   <= 6 s, <= 120 MiB
i) figure a's ratios in instructions counted by callgrind (benchmarks/instructions.py), which
   the load does not move; needs valgrind, about four minutes; not in --quick    <= 1.05 each

Bounded loops, loopback only (127.0.0.1, a free port), every server started here is stopped here.
Nothing is written to disk. `--quick` runs each measurement once with tiny sizes (the smoke test).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `benchmarks` and the project importable
    sys.path.insert(0, str(ROOT))

from benchmarks import render_bench  # noqa: E402
from benchmarks.cases import one_platform_case, renderable, three_platform_case  # noqa: E402
from benchmarks.instructions import counts as instruction_counts  # noqa: E402
from benchmarks.render_bench import compare, median_seconds  # noqa: E402
from benchmarks.scaling import BIG_CASE, curves, load, peak_rss_mib  # noqa: E402
from takedown_helper import parallel, pdf, render  # noqa: E402
from takedown_helper.casefile import parse_case  # noqa: E402
from takedown_helper.example import example_case  # noqa: E402
from takedown_helper.planner import Plan, plan  # noqa: E402

API_PATH = "/api/v1/documents?format=zip"


# --- a) and b): in this process -----------------------------------------------------------------


def measure_packet(case: dict[str, Any], today: date, repeat: int) -> dict[str, float]:
    """a) the full path, the files alone and bare WeasyPrint on the same HTML (CPU medians)."""
    return compare(case, today, repeat)


def _merged_packet(the_plan: Plan, pool: Any) -> bytes:
    """The alternative not taken: per-document PDFs from the pool, joined by pypdf in the parent.

    pypdf is a test-only dependency, so this exists only here, to put a number on the choice.
    """
    import pypdf

    futures = [pool.submit(render.render_document, the_plan, i) for i in range(len(the_plan.documents))]
    writer = pypdf.PdfWriter()
    for future in futures:
        writer.append(io.BytesIO(future.result()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _has_structure_tree(data: bytes) -> bool:
    import pypdf

    return "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]


def measure_pool(the_plan: Plan, repeat: int, workers: int = 2) -> dict[str, float]:
    """b) serial `render.render_plan` against `parallel.render_plan` on a warmed pool; and, to
    show where a pool would pay, the per-document files alone, serial and pooled."""
    count = len(the_plan.documents)
    serial = median_seconds(lambda: render.render_plan(the_plan), repeat)
    files_serial = median_seconds(
        lambda: [render.render_document(the_plan, i) for i in range(count)], repeat
    )
    start = time.perf_counter()
    with parallel.make_pool(workers) as pool:
        # Pool start-up (interpreters, imports, fonts) is paid once per process, not per packet.
        list(pool.map(abs, range(workers)))
        startup = time.perf_counter() - start
        pooled = median_seconds(lambda: parallel.render_plan(the_plan, pool), repeat)
        same = parallel.render_plan(the_plan, pool).packet == render.render_plan(the_plan).packet
        files_pooled = median_seconds(
            lambda: list(pool.map(render.render_document, [the_plan] * count, range(count))), repeat
        )
        try:
            merged = median_seconds(lambda: _merged_packet(the_plan, pool), repeat)
            merged_tags = _has_structure_tree(_merged_packet(the_plan, pool))
        except ImportError:  # pypdf not installed: the alternative is not measured
            merged, merged_tags = float("nan"), False
    return {
        "serial_s": serial,
        "pool_s": pooled,
        "speedup": serial / pooled,
        "pool_startup_s": startup,
        "identical_bytes": float(same),
        "files_speedup": files_serial / files_pooled,
        "merge_speedup": serial / merged,
        "merge_keeps_tags": float(merged_tags),
    }


# --- c), d), e): the gunicorn server as a subprocess -----------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`takedown-helper serve` on 127.0.0.1; always stopped."""

    def __init__(self, workers: int) -> None:
        self.port = _free_port()
        env = dict(os.environ)
        # Rate limiting would refuse a benchmark's hundreds of requests from one address.
        env["TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS"] = "1000000"
        env["PYTHONPATH"] = str(ROOT)
        command = [sys.executable, "-m", "takedown_helper", "serve", "--host", "127.0.0.1",
                   "--port", str(self.port), "--workers", str(workers), "--timeout", "120"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def __enter__(self) -> Server:
        self.wait_ready()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def wait_ready(self, limit_s: float = 60) -> None:
        """Until every worker has booted (and warmed): a cheap GET answers and all workers exist."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server stopped while starting")
            try:
                self.request("GET", "/")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start in time")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _hammer(server: Server, path: str, body: bytes, clients: int, per_client: int) -> dict[str, Any]:
    """`clients` threads each send `per_client` render requests. Every request that does not
    come back 200 (an error status, a timeout, a refused or dropped connection) is a failure;
    a thread never dies with its requests uncounted. Returns the wall time and the counts."""
    outcomes: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(per_client):
            try:
                status, _data = server.request("POST", path, body)
                outcome = "ok" if status == 200 else f"HTTP {status}"
            except Exception as exc:  # timeout, connection refused or reset: a failed request
                outcome = type(exc).__name__
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    failures = [o for o in outcomes if o != "ok"]
    return {"elapsed_s": elapsed, "ok": len(outcomes) - len(failures), "failed": len(failures),
            "sent": clients * per_client, "example": failures[0] if failures else None}


def _served(case: dict[str, Any], workers: int, clients: int, per_client: int) -> dict[str, Any]:
    """Throughput of a `workers`-worker server, and the CPU its workers spent, per request."""
    path = API_PATH
    body = json.dumps(case).encode()
    with Server(workers=workers) as server:
        for _ in range(workers):  # each worker has served a render before timing
            server.request("POST", path, body)
        pids = server.worker_pids()
        cpu_before = {pid: _cpu_seconds(pid) for pid in pids}
        run = _hammer(server, path, body, clients, per_client)
        cpu = sum(_cpu_seconds(pid) - cpu_before[pid] for pid in pids if pid in server.worker_pids())
    run["cpu_s"] = cpu
    return run


def measure_throughput(
    case: dict[str, Any], documents: int, single_cpu_s: float, clients: int, per_client: int
) -> dict[str, float]:
    """c) like with like: documents per second (wall) of a 2-worker server against twice a
    1-worker server's, same clients; and a worker's CPU per request against `single_cpu_s`, the
    CPU of the same render in this process (from a). Only requests that succeeded count towards
    a rate; the failures are reported."""
    one = _served(case, 1, clients, per_client)
    two = _served(case, 2, clients, per_client)
    rate_one = documents * one["ok"] / one["elapsed_s"]
    rate_two = documents * two["ok"] / two["elapsed_s"]
    requests = one["ok"] + one["failed"] + two["ok"] + two["failed"]
    server_cpu = (one["cpu_s"] + two["cpu_s"]) / max(1, requests)
    return {
        "rate": rate_two,
        "rate_one": rate_one,
        "ratio": rate_two / (2 * rate_one) if rate_one else 0.0,
        "failed": one["failed"] + two["failed"],
        "sent": one["sent"] + two["sent"],
        "example": one["example"] or two["example"],
        "server_cpu_s": server_cpu,
        "single_cpu_s": single_cpu_s,
        "cpu_ratio": server_cpu / single_cpu_s,
    }


def measure_first_request(case: dict[str, Any], repeat: int) -> dict[str, float]:
    """d) the first render request to a fresh worker against the median warm one."""
    path = API_PATH
    body = json.dumps(case).encode()
    with Server(workers=1) as server:
        times = []
        for _ in range(repeat + 1):
            start = time.perf_counter()
            status, _data = server.request("POST", path, body)
            times.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError(f"render request failed with HTTP {status}")
    warm = statistics.median(times[1:])
    return {"first_s": times[0], "warm_s": warm, "ratio": times[0] / warm}


def measure_memory(case: dict[str, Any], renders: int, warm_renders: int) -> dict[str, float]:
    """e) each worker's RSS after `warm_renders` requests and after `renders` more; peak RSS."""
    path = API_PATH
    body = json.dumps(case).encode()
    clients = 4  # two per worker keeps both busy without queueing long
    with Server(workers=2) as server:
        warm = _hammer(server, path, body, clients, max(1, warm_renders // clients))
        pids = server.worker_pids()
        before = {pid: _status_kib(pid, "VmRSS") for pid in pids}
        run = _hammer(server, path, body, clients, max(1, renders // clients))
        after = {pid: _status_kib(pid, "VmRSS") for pid in pids if pid in server.worker_pids()}
        peak = max(_status_kib(pid, "VmHWM") for pid in after)
    growth = max((after[pid] - before[pid]) / before[pid] for pid in after)
    return {"peak_mib": peak / 1024, "start_mib": max(before.values()) / 1024,
            "end_mib": max(after.values()) / 1024, "growth": growth,
            "renders": run["sent"], "failed": warm["failed"] + run["failed"]}


# --- the report ---------------------------------------------------------------------------------


def _line(name: str, figure: str, goal: str, met: bool | None) -> str:
    verdict = "" if met is None else ("met" if met else "NOT met")
    target = f"goal {goal:10} {verdict}" if goal else ""
    return f"{name:58} {figure:>16}   {target}".rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per median (>= 5)")
    parser.add_argument("--renders", type=int, default=500, help="renders for the memory run")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=2, help="requests per client in c)")
    parser.add_argument("--quick", action="store_true", help="one tiny iteration of each (smoke)")
    parser.add_argument("--only", default="", help="run only these figures, e.g. --only afg")
    args = parser.parse_args(argv)
    # Stopped from outside: leave through the `with` blocks, which stop servers and pool workers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.quick:
        args.repeat, args.renders, args.clients, args.per_client = 1, 4, 2, 1
    today = date.today()
    print(_machine())
    print(f"load average at start: {_load()}")
    packet_case, skipped = renderable(three_platform_case(today), today)
    small_case, _ = renderable(one_platform_case(today), today)
    small_case["choices"]["documents"] = ["platform_notice"]
    if args.quick:  # proves the harness runs; the figures mean nothing
        packet_case = small_case
    if skipped:
        print(f"(document kinds left out because they do not render yet: {', '.join(skipped)})")
    # The built-in example, as of a day when all its dates are past.
    example_day = render_bench.example_day(today)
    example, _ = renderable(example_case(), example_day)
    if args.quick:
        example, example_day = small_case, today
    the_plan = plan(parse_case(packet_case, today), today)
    n = len(the_plan.documents)
    kinds = sorted({d.kind for d in the_plan.documents})
    print(f"packet case: {n} documents ({', '.join(kinds)}); medians of {args.repeat} runs\n")
    def a() -> list[str]:
        r = measure_packet(example, example_day, args.repeat)
        return [
            _line(f"a) example case ({r['documents']} documents): full path, packet too (CPU)",
                  f"{r['project_s'] * 1000:.0f} ms", "", None),
            _line("   files only: each document and the check page once", f"{r['files_s'] * 1000:.0f} ms", "", None),
            _line("   bare WeasyPrint, the same HTML once each", f"{r['bare_s'] * 1000:.0f} ms", "", None),
            _line("   ... in the path's frame room (frame_room)", f"{r['bare_room_s'] * 1000:.0f} ms", "", None),
            _line("   of which layout (each HTML once)", f"{r['layout_s'] * 1000:.0f} ms", "", None),
            _line("   ratios of these medians: full / files only", f"{r['full_files_ratio']:.3f}", "", None),
            _line("   files only / bare in the same room", f"{r['files_bare_ratio']:.3f}", "", None),
            _line("   files only / bare as it comes", f"{r['files_plain_bare_ratio']:.3f}", "", None),
            _line("   full / bare as it comes", f"{r['ratio']:.2f}", "<= 1.10", r["ratio"] <= 1.10),
            f"   in {r['pairs']:.0f} pairs each, half of them in each order (median, quartiles):",
            _line("   full / files only",
                  f"{r['full_files_paired']:.3f} ({r['full_files_low']:.3f}-{r['full_files_high']:.3f})",
                  "<= 1.05", r["full_files_paired"] <= 1.05),
            _line("   files only / bare in the same room",
                  f"{r['files_bare_paired']:.3f} ({r['files_bare_low']:.3f}-{r['files_bare_high']:.3f})",
                  "<= 1.05", r["files_bare_paired"] <= 1.05),
        ]

    def b() -> list[str]:
        r = measure_pool(the_plan, args.repeat)
        return [
            _line("b) serial render_plan (wall)", f"{r['serial_s'] * 1000:.0f} ms", "", None),
            _line("   parallel.render_plan, 2 workers (same bytes: "
                  f"{'yes' if r['identical_bytes'] else 'NO'})", f"{r['pool_s'] * 1000:.0f} ms", "", None),
            _line("   speed-up", f"{r['speedup']:.2f}x", ">= 1.7x", r["speedup"] >= 1.7),
            _line("   pool start-up, once per process", f"{r['pool_startup_s'] * 1000:.0f} ms", "", None),
            _line("   per-document files only (no packet), speed-up", f"{r['files_speedup']:.2f}x", "", None),
            _line("   not taken: pypdf-joined packet, speed-up", f"{r['merge_speedup']:.2f}x", "", None),
            _line("   ... and the joined packet keeps PDF/UA tags",
                  "yes" if r["merge_keeps_tags"] else "no", "", None),
        ]

    def c() -> list[str]:
        single = median_seconds(lambda: render.render_plan(plan(parse_case(packet_case, today), today)),
                                max(1, args.repeat), time.process_time)
        r = measure_throughput(packet_case, n, single, args.clients, args.per_client)
        ok = r["ratio"] >= 0.85 and not r["failed"]
        return [
            _line(f"c) 2-worker server, {args.clients} clients, POST {API_PATH}", f"{r['rate']:.1f} doc/s", "", None),
            _line("   1-worker server, same clients (wall)", f"{r['rate_one']:.1f} doc/s", "", None),
            _line("   failed or timed-out requests", f"{r['failed']} of {r['sent']}", "0",
                  not r["failed"]),
            _line("   2 workers / (2 x 1 worker), wall against wall", f"{r['ratio']:.2f}", ">= 0.85", ok),
            _line("   worker CPU per request / same render in-process",
                  f"{r['server_cpu_s'] * 1000:.0f} / {r['single_cpu_s'] * 1000:.0f} ms = {r['cpu_ratio']:.2f}",
                  "", None),
        ] + ([f"   first failure: {r['example']}"] if r["example"] else [])

    def d() -> list[str]:
        r = measure_first_request(small_case, max(args.repeat, 1))
        return [
            _line("d) first render request after start (1 document)", f"{r['first_s'] * 1000:.0f} ms", "", None),
            _line("   warm request", f"{r['warm_s'] * 1000:.0f} ms", "", None),
            _line("   first / warm", f"{r['ratio']:.2f}", "<= 1.5", r["ratio"] <= 1.5),
        ]

    def e() -> list[str]:
        r = measure_memory(small_case, args.renders, warm_renders=max(2, args.renders // 10))
        return [
            _line("e) peak RSS per worker (VmHWM)", f"{r['peak_mib']:.0f} MiB", "", None),
            _line(f"   RSS after warm-up -> after {r['renders']:.0f} more renders",
                  f"{r['start_mib']:.0f} -> {r['end_mib']:.0f} MiB", "", None),
            _line("   failed or timed-out requests", f"{r['failed']:.0f}", "0", not r["failed"]),
            _line("   growth (worst worker)", f"{r['growth']:.1%}", "<= 5 %", r["growth"] <= 0.05),
        ]

    def f() -> list[str]:
        sizes = {"links": (1, 2), "platforms": (1,), "big": (2, 2)} if args.quick else {}
        rows = curves(today, args.repeat, **sizes)
        base = rows[0]["cpu_s"]
        lines = [_line(f"f) {row['case']}: {row['documents']} documents, {row['pages']} pages (CPU)",
                       f"{row['cpu_s'] * 1000:.0f} ms {row['cpu_s'] / base:.2f}x", "", None)
                 for row in rows]
        most = max((row for row in rows if row["platforms"] == 1), key=lambda row: row["links"])
        ratio = most["cpu_s"] / base
        lines.append(_line(f"   {most['links']} links / 1 link", f"{ratio:.2f}x", "<= 2.5x", ratio <= 2.5))
        lines.append(f"   (interleaved rounds; load average {rows[0]['load']})")
        return lines

    def g() -> list[str]:
        big = (2, 2) if args.quick else BIG_CASE
        r = peak_rss_mib(*big)
        return [
            _line(f"g) {big[0]} links on {big[1]} platforms, fresh process (CPU)", f"{r['cpu_s']:.2f} s",
                  "<= 6 s", r["cpu_s"] <= 6),
            _line("   peak RSS", f"{r['peak_mib']:.0f} MiB", "<= 120 MiB", r["peak_mib"] <= 120),
        ]

    def i() -> list[str]:
        if args.quick or shutil.which("valgrind") is None:
            why = "--quick" if args.quick else "valgrind is not installed"
            return [f"i) instructions (callgrind): not measured ({why})"]
        r = instruction_counts()
        return [
            _line("i) example case, million instructions: full path", f"{r['full'] / 1e6:.0f}", "", None),
            _line("   files only", f"{r['files'] / 1e6:.0f}", "", None),
            _line("   bare WeasyPrint", f"{r['bare'] / 1e6:.0f}", "", None),
            _line("   full / files only", f"{r['full'] / r['files']:.3f}", "<= 1.05",
                  r["full"] / r["files"] <= 1.05),
            _line("   files only / bare", f"{r['files'] / r['bare']:.3f}", "<= 1.05",
                  r["files"] / r["bare"] <= 1.05),
        ]

    steps: list[tuple[str, Callable[[], list[str]]]] = [
        ("a", a), ("i", i), ("b", b), ("c", c), ("d", d), ("e", e), ("f", f), ("g", g)]
    started = time.perf_counter()
    for key, step in steps:
        if args.only and key not in args.only:
            continue
        before = _load()
        for line in step():
            print(line, flush=True)
        print(f"   load average before -> after: {before} -> {_load()}", flush=True)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s; load average at end: {_load()}")
    return 0


def _machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        "unknown CPU",
    )
    mem_kib = _status_kib_meminfo()
    return (f"machine: {os.cpu_count()} CPUs ({model}), {mem_kib / 1024 / 1024:.0f} GiB RAM, "
            f"Python {sys.version.split()[0]}, WeasyPrint {pdf.weasyprint.__version__}")


def _load() -> str:
    """Other processes share the cores: wall-time figures mean little when this is above 0.5;
    CPU-time figures (a, f, g) hold up better."""
    return load()


def _status_kib_meminfo() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
