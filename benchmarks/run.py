"""Every performance figure of takedown-helper from one run, each printed beside its goal.

    .venv/bin/python benchmarks/run.py [--repeat 5] [--renders 500] [--quick]

a) packet through the project's path against bare WeasyPrint on the same HTML    ratio <= 1.10
b) the packet rendered by a process pool (takedown_helper.parallel) vs serial  speed-up >= 1.7
c) the gunicorn server, 8 concurrent clients: documents/s vs 2 x one process      >= 0.85
d) the server's first render request after start against a warm one              <= 1.5
e) worker memory: peak RSS, and its growth over 500 renders                        <= 5 %

Bounded loops, loopback only (127.0.0.1, a free port), every server started here is stopped here.
Nothing is written to disk. `--quick` runs each measurement once with tiny sizes (the smoke test).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
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

from benchmarks.cases import one_platform_case, renderable, three_platform_case  # noqa: E402
from benchmarks.render_bench import compare, median_seconds  # noqa: E402
from takedown_helper import parallel, pdf, render  # noqa: E402
from takedown_helper.casefile import parse_case  # noqa: E402
from takedown_helper.planner import Plan, plan  # noqa: E402

API_PATH = "/api/v1/documents?format=zip"


# --- a) and b): in this process -----------------------------------------------------------------


def measure_packet(case: dict[str, Any], today: date, repeat: int) -> dict[str, float]:
    """a) the project's path against bare WeasyPrint rendering the same HTML."""
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


def _hammer(server: Server, path: str, body: bytes, clients: int, per_client: int) -> float:
    """`clients` threads each send `per_client` render requests; returns the wall time."""
    failures: list[int] = []

    def client() -> None:
        for _ in range(per_client):
            status, _data = server.request("POST", path, body)
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{len(failures)} render request(s) failed, e.g. HTTP {failures[0]}")
    return elapsed


def measure_throughput(
    case: dict[str, Any], documents: int, single_s: float, clients: int, per_client: int
) -> dict[str, float]:
    """c) documents per second from a 2-worker server against twice one process's rate
    (`single_s`: CPU seconds per packet in one process, from a)."""
    path = API_PATH
    body = json.dumps(case).encode()
    with Server(workers=2) as server:
        server.request("POST", path, body)  # each worker has served a render before timing
        server.request("POST", path, body)
        elapsed = _hammer(server, path, body, clients, per_client)
    rate = documents * clients * per_client / elapsed
    single_rate = documents / single_s
    return {"rate": rate, "single_rate": single_rate, "ratio": rate / (2 * single_rate)}


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
        _hammer(server, path, body, clients, max(1, warm_renders // clients))
        pids = server.worker_pids()
        before = {pid: _status_kib(pid, "VmRSS") for pid in pids}
        _hammer(server, path, body, clients, max(1, renders // clients))
        after = {pid: _status_kib(pid, "VmRSS") for pid in pids if pid in server.worker_pids()}
        peak = max(_status_kib(pid, "VmHWM") for pid in after)
    growth = max((after[pid] - before[pid]) / before[pid] for pid in after)
    return {"peak_mib": peak / 1024, "start_mib": max(before.values()) / 1024,
            "end_mib": max(after.values()) / 1024, "growth": growth,
            "renders": clients * max(1, renders // clients)}


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
    the_plan = plan(parse_case(packet_case, today), today)
    n = len(the_plan.documents)
    kinds = sorted({d.kind for d in the_plan.documents})
    print(f"packet case: {n} documents ({', '.join(kinds)}); medians of {args.repeat} runs\n")
    steps: list[tuple[str, Callable[[], list[str]]]] = []

    def a() -> list[str]:
        r = measure_packet(packet_case, today, args.repeat)
        state["single_s"] = r["project_s"]
        return [
            _line(f"a) project path, {n} documents + packet (CPU)", f"{r['project_s'] * 1000:.0f} ms", "", None),
            _line("   bare WeasyPrint, same HTML, each document once", f"{r['bare_s'] * 1000:.0f} ms", "", None),
            _line("   of which: layout / packet write (in the project path)",
                  f"{r['layout_s'] * 1000:.0f} / {r['packet_write_s'] * 1000:.0f} ms", "", None),
            _line("   ratio project / bare", f"{r['ratio']:.2f}", "<= 1.10", r["ratio"] <= 1.10),
            _line("   ratio without the packet write (files only)",
                  f"{(r['project_s'] - r['packet_write_s']) / r['bare_s']:.2f}", "", None),
        ]

    def b() -> list[str]:
        r = measure_pool(the_plan, args.repeat)
        return [
            _line("b) serial render_plan", f"{r['serial_s'] * 1000:.0f} ms", "", None),
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
        r = measure_throughput(packet_case, n, state["single_s"], args.clients, args.per_client)
        via = f"POST {API_PATH}"
        return [
            _line(f"c) server, 2 workers, {args.clients} clients, {via}", f"{r['rate']:.1f} doc/s", "", None),
            _line("   one process (from a)", f"{r['single_rate']:.1f} doc/s", "", None),
            _line("   server / (2 x one process)", f"{r['ratio']:.2f}", ">= 0.85", r["ratio"] >= 0.85),
        ]

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
            _line("   growth (worst worker)", f"{r['growth']:.1%}", "<= 5 %", r["growth"] <= 0.05),
        ]

    state: dict[str, float] = {}
    steps = [("a", a), ("b", b), ("c", c), ("d", d), ("e", e)]
    started = time.perf_counter()
    for _key, step in steps:
        for line in step():
            print(line, flush=True)
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
    """Other processes share the cores: the figures mean little when this is above 0.5."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _status_kib_meminfo() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
