"""A bounded soak against the real gunicorn server (2 workers): concurrent clients, a fixed
number of requests, zero errors, flat worker memory, and nothing of the case in its output."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from takedown_helper.example import example_case

PAGES = ["/", "/safety", "/exit-this-page", "/static/css/site.css", "/api/v1/openapi.json"]
PAGE_REQUESTS = 200
RENDER_REQUESTS = 40
MARKER = "ZqSoakMarker"
RSS_GROWTH_BOUND_KB = 60 * 1024  # generous: catches a leak per request, not allocator noise


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _request(port: int, method: str, path: str, body: bytes | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)  # a hang guard: renders queue per worker (docs/deploy.md)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.mark.slow
def test_gunicorn_soak_has_no_errors_and_flat_memory(tmp_path):
    port = _free_port()
    env = dict(
        os.environ,
        TAKEDOWN_HELPER_CONFIG="development",
        TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS="100000",
        # This soak counts errors and memory, not capacity: let every render wait its turn.
        TAKEDOWN_HELPER_RENDER_QUEUE="100",
        TAKEDOWN_HELPER_QUEUE_WAIT_SECONDS="600",
    )
    code = f"from takedown_helper.server import serve; serve('127.0.0.1', {port}, 2, 30)"
    with (tmp_path / "server.log").open("w+") as log:
        _soak(port, code, env, log)


def _soak(port, code, env, log) -> None:
    master = subprocess.Popen(
        [sys.executable, "-c", code], stdout=log, stderr=subprocess.STDOUT, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _request(port, "GET", "/") == 200 and len(_workers(master.pid)) == 2:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            assert master.poll() is None, "server exited"
            time.sleep(0.2)

        data = example_case()
        data["signer"]["name"] = MARKER
        data["threats"]["details"] = MARKER
        body = json.dumps(data).encode()
        render_path = "/api/v1/documents"
        can_render = _request(port, "POST", render_path, body) == 200
        # Warm both workers (each lays out its first documents) before measuring.
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: _request(port, "POST", render_path, body) if can_render
                          else _request(port, "GET", "/"), range(8)))
        workers = _workers(master.pid)
        before = {pid: _rss_kb(pid) for pid in workers}

        jobs = [("GET", PAGES[i % len(PAGES)], None) for i in range(PAGE_REQUESTS)]
        if can_render:
            jobs += [("POST", render_path, body)] * RENDER_REQUESTS
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda job: _request(port, *job), jobs))

        errors = [s for s in statuses if s >= 400]
        assert errors == []
        assert len(statuses) == PAGE_REQUESTS + (RENDER_REQUESTS if can_render else 0)
        assert _workers(master.pid) == workers  # no worker died or timed out
        after = {pid: _rss_kb(pid) for pid in workers}
        growth = {pid: after[pid] - before[pid] for pid in workers}
        assert all(kb < RSS_GROWTH_BOUND_KB for kb in growth.values()), growth
        print(f"soak: {len(statuses)} requests, 0 errors, RSS growth KB {growth}")
    finally:
        master.terminate()
        master.wait(timeout=30)
    log.seek(0)
    output = log.read()
    assert MARKER not in output
    assert "Traceback" not in output
