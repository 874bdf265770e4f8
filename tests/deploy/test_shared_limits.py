"""Two `takedown-helper serve` instances on loopback sharing one real Redis enforce one limit;
a trusted system's API key gets its own limit; an unknown key is refused; an unkeyed client is
unaffected by the keyed one. Redis runs with no persistence, as docs/deploy.md says to run it."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from takedown_helper.ratelimit import key_digest

pytestmark = pytest.mark.slow

API_KEY = "case-system-key-for-tests-only-0123456789"
SECRET = "shared-hash-key-for-tests-only-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the process exited before it listened"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listened on port {port}")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: scripts/test installs it (Debian package redis-server)"
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process, 30)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
    # No persistence: Redis wrote no dump or append-only file.
    assert list(Path(folder).iterdir()) == []


@pytest.fixture(scope="module")
def instances(redis_url, tmp_path_factory) -> Iterator[list[int]]:
    env = dict(
        os.environ,
        TAKEDOWN_HELPER_CONFIG="development",
        TAKEDOWN_HELPER_RATE_LIMIT_STORAGE=redis_url,
        TAKEDOWN_HELPER_RATE_LIMIT_KEY=SECRET,
        TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS="3",
        TAKEDOWN_HELPER_RATE_LIMIT_API_KEY="5",
        TAKEDOWN_HELPER_API_KEYS=key_digest(API_KEY),
    )
    ports = [_free_port(), _free_port()]
    logs = tmp_path_factory.mktemp("logs")
    processes = []
    for port in ports:
        with (logs / f"{port}.log").open("w") as log:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "takedown_helper", "serve", "--port", str(port),
                 "--workers", "1"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            ))
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_for(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(20)


def _post(port: int, headers: dict[str, str] | None = None) -> int:
    """A cheap request to a limited endpoint: a malformed body is refused, but counted."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/api/v1/documents", body=b"{",
                     headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_two_instances_share_one_limit_and_keys_have_their_own(instances):
    first, second = instances
    # Three requests from this address, spread over both instances, use up the shared limit.
    assert [_post(first), _post(second), _post(first)] == [400, 400, 400]
    assert _post(second) == 429
    assert _post(first) == 429
    # A trusted system behind the same address has its own limit of five.
    keyed = {"Authorization": f"Bearer {API_KEY}"}
    assert [_post(p, keyed) for p in (first, second, first, second, first)] == [400] * 5
    assert _post(second, keyed) == 429
    # A key this deployment does not know is refused, never counted as the address.
    assert _post(first, {"Authorization": "Bearer not-a-configured-key"}) == 401
