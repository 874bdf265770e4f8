"""Reliability against a real `takedown-helper serve` on loopback: hostile requests,
slow clients, a render burst, a worker killed mid-render, and what the error log then holds.

`python -m benchmarks.reliability` runs every scenario and prints the report; the tests in
tests/reliability/ run the same scenarios and assert what must always hold (no 500, every
request answered, nothing about a client in the log). The timing goals (GET / p95 under 1 s
with 20 slow clients; every burst request answered before the proxy's 35 s) are measured and
reported here, not asserted: they depend on the machine.

Every client connects from 127.0.0.2 (the server listens on 127.0.0.1), so finding "127.0.0.2"
in the log would mean a client address was logged.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from takedown_helper.example import example_case

CLIENT_ADDRESS = "127.0.0.2"
MARKER = "ZqReliabilityMarker"
AGENT = "ZqAgent/1.0"
PROXY_TIMEOUT = 35.0  # docs/deploy.md: nginx proxy_read_timeout
POST_ROUTES = ("/questions", "/documents", "/documents/file", "/answers", "/continue",
               "/api/v1/plan", "/api/v1/documents")


# --- A server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def workers(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return sorted(int(pid) for pid in children)


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


@contextlib.contextmanager
def running_server(folder: Path, workers_count: int = 2, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`takedown-helper serve` on 127.0.0.1 and a free port; stopped (and waited for) on exit."""
    port = free_port()
    log = folder / "server-error.log"
    environment = dict(
        os.environ,
        TAKEDOWN_HELPER_CONFIG="development",
        TAKEDOWN_HELPER_RATE_LIMIT_DOCUMENTS="100000",
        **(env or {}),
    )
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "takedown_helper", "serve", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(workers_count), "--timeout", "30"],
            stdout=subprocess.DEVNULL, stderr=stderr, env=environment,
        )
    server = Server(port, process, log)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError("the server exited: " + log.read_text(errors="replace")[-2000:])
            with contextlib.suppress(OSError):
                if request(server, "GET", "/", timeout=5).status == 200 and len(workers(server.pid)) == workers_count:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 180 s")
            time.sleep(0.3)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- Requests -----------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int  # 0: no answer (the connection broke or timed out)
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""


class _Connection(http.client.HTTPConnection):
    def connect(self) -> None:
        self.sock = socket.create_connection(
            (self.host, self.port), self.timeout, source_address=(CLIENT_ADDRESS, 0)
        )


def request(server: Server, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 60) -> Answer:
    started = time.monotonic()
    connection = _Connection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"User-Agent": AGENT, **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, time.monotonic() - started,
                      {k.lower(): v for k, v in response.getheaders()}, data)
    except (OSError, http.client.HTTPException) as error:
        return Answer(0, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()


def raw(server: Server, data: bytes, timeout: float = 30) -> Answer:
    """Bytes sent as they are (malformed requests); the status line of whatever comes back."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=timeout,
                                      source_address=(CLIENT_ADDRESS, 0)) as sock:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            received = b""
            while chunk := sock.recv(65536):
                received += chunk
    except OSError as error:
        return Answer(0, time.monotonic() - started, error=type(error).__name__)
    match = re.match(rb"HTTP/1\.[01] (\d{3})", received)
    return Answer(int(match.group(1)) if match else 0, time.monotonic() - started, body=received[:300],
                  error="" if match else "no status line")


def marked_case() -> dict[str, Any]:
    """The fictional example with the marker in fields a log would be most likely to quote."""
    data = example_case()
    data["signer"]["name"] = f"{MARKER} Signer"
    data["threats"]["details"] = f"{MARKER} details"
    return data


def _form(fields: dict[str, str]) -> bytes:
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in fields.items()
    ).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = {"Content-Type": "application/json"}


# --- Hostile requests ---------------------------------------------------------------------------

HOSTILE_TEXT = [
    "https://example.com]/video", "http://[::1", "http://[::1]:99999/", "\ud800", "\udfff",
    "\x00", "\x1b[31m", "\u202e", "9" * 5000, "1e999", "NaN", "{{7*7}}", "<script>", MARKER,
]


def hostile_requests(count: int, seed: int = 15) -> list[tuple[str, str, bytes, dict[str, str]]]:
    """(method, path, body, headers): the known-bad inputs first, then random mixtures."""
    case = marked_case()
    text = json.dumps(case)
    deep = "[" * 20000 + "]" * 20000
    dup = text[:-1] + ', "requester": {}}'
    out: list[tuple[str, str, bytes, dict[str, str]]] = []
    for value in HOSTILE_TEXT:
        bad = json.loads(text)
        bad["items"][0]["url"] = value
        bad_json = json.dumps(bad)
        out += [("POST", "/api/v1/plan", bad_json.encode("utf-8", "surrogatepass"), JSON),
                ("POST", "/api/v1/documents", bad_json.encode("utf-8", "surrogatepass"), JSON)]
        out += [("POST", route, _form({"answers": bad_json, "case_file": bad_json, "step": "links",
                                       "action": "continue", "links": value}), FORM)
                for route in POST_ROUTES[:5]]
    for blob in (deep, dup, '{"a": ' + "1" * 5000 + "}", '["\\ud800"]', '{"x": NaN}'):
        out += [("POST", "/api/v1/plan", blob.encode(), JSON)]
        out += [("POST", route, _form({"answers": blob, "case_file": blob}), FORM) for route in POST_ROUTES[:5]]
    out += [("POST", "/api/v1/plan", b"\xff\xfe\x00", JSON),
            ("POST", "/continue", b"case_file=%ff%fe%ed%a0%80", FORM),
            ("POST", "/api/v1/plan", b"{}", {"Content-Type": "multipart/form-data; boundary=x"}),
            ("GET", "/?lang=%ed%a0%80", b"", {}), ("GET", "/" + "a" * 3000, b"", {})]
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    names = ["answers", "case_file", "step", "action", "name", "email", "links", "country",
             "role", "file", "lang", "return_to", "threats", "documents"]
    while len(out) < count:
        route = rng.choice(POST_ROUTES)
        if route.startswith("/api/") and rng.random() < 0.5:
            bad = json.loads(text)
            for _ in range(rng.randint(1, 3)):
                section = rng.choice(["signer", "requester", "threats"])
                bad[section][rng.choice(["name", "country", "details", "role"])] = rng.choice(HOSTILE_TEXT)
            out.append(("POST", route, json.dumps(bad).encode(), JSON))
        else:
            fields = {rng.choice(names): rng.choice(HOSTILE_TEXT) for _ in range(rng.randint(1, 6))}
            if rng.random() < 0.5:
                fields["answers"] = rng.choice([text, deep, dup, "[]", "{", json.dumps({"items": [rng.choice(HOSTILE_TEXT)]})])
            out.append(("POST", route, _form(fields), FORM))
    return out[:max(count, 0)] if count < len(out) else out


RAW_REQUESTS = [
    b"GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"BLAH\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Marker: \x01" + MARKER.encode() + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
    b"POST /api/v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /" + MARKER.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Long: " + b"a" * 9000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: rebind.attacker.example\r\n\r\n",
    b"GET / HTTP/1.0\r\n\r\n",
    b"POST /api/v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n" + b"".join(b"8000\r\n" + b"a" * 0x8000 + b"\r\n" for _ in range(9)) + b"0\r\n\r\n",
]


def run_hostile(server: Server, count: int, threads: int = 4) -> dict[str, Any]:
    requests = hostile_requests(count)
    with ThreadPoolExecutor(threads) as pool:
        answers = list(pool.map(lambda r: request(server, r[0], r[1], r[2] or None, r[3]), requests))
    raws = [raw(server, data) for data in RAW_REQUESTS]
    statuses: dict[int, int] = {}
    for answer in answers + raws:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    return {"requests": len(answers) + len(raws), "statuses": statuses,
            "raw_statuses": [a.status for a in raws],
            "unanswered": [r[1] for r, a in zip(requests, answers, strict=True) if a.status == 0]}


# --- Slow clients -------------------------------------------------------------------------------


def _slow_client(server: Server, stop: threading.Event, result: list[int]) -> None:
    """A POST whose body comes at 1 byte a second, until the server answers or closes."""
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=60,
                                      source_address=(CLIENT_ADDRESS, 0)) as sock:
            sock.sendall(b"POST /api/v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 400\r\n\r\n")
            sock.settimeout(1.0)
            while not stop.is_set():
                try:
                    data = sock.recv(200)
                except TimeoutError:
                    sock.sendall(b" ")
                    continue
                match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
                result.append(int(match.group(1)) if match else 0)
                return
    except OSError:
        pass
    result.append(0)


def run_slow_clients(server: Server, slow: int = 20, seconds: float = 12.0) -> dict[str, Any]:
    """`slow` clients at 1 byte/s while a normal client asks for GET / every 0.2 s."""
    stop = threading.Event()
    slow_results: list[int] = []
    threads = [threading.Thread(target=_slow_client, args=(server, stop, slow_results), daemon=True)
               for _ in range(slow)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every slow client is connected and sending
    latencies: list[float] = []
    statuses: list[int] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        answer = request(server, "GET", "/", timeout=30)
        latencies.append(answer.seconds)
        statuses.append(answer.status)
        time.sleep(0.2)
    # The slow clients are cut off at the read deadline (408); wait for that, then stop them.
    for thread in threads:
        thread.join(timeout=30)
    stop.set()
    latencies.sort()
    return {
        "slow_clients": slow,
        "get_requests": len(latencies),
        "get_statuses": sorted(set(statuses)),
        "get_p50_s": round(latencies[len(latencies) // 2], 3),
        "get_p95_s": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))], 3),
        "get_max_s": round(latencies[-1], 3),
        "slow_client_statuses": sorted(slow_results),
    }


# --- A burst of renders -------------------------------------------------------------------------


def run_burst(server: Server, count: int = 50) -> dict[str, Any]:
    body = json.dumps(marked_case()).encode()
    started = time.monotonic()
    with ThreadPoolExecutor(count) as pool:
        answers = list(pool.map(
            lambda _: request(server, "POST", "/api/v1/documents", body, JSON, timeout=PROXY_TIMEOUT + 25),
            range(count)))
    documents = [a for a in answers if a.status == 200 and a.body[:2] == b"PK"]
    busy = [a for a in answers if a.status == 503]
    return {
        "requests": count,
        "documents": len(documents),
        "busy_503": len(busy),
        "busy_with_retry_after": sum(1 for a in busy if a.headers.get("retry-after", "").isdigit()),
        "busy_problem_json": sum(1 for a in busy if a.headers.get("content-type") == "application/problem+json"),
        "other": sorted(a.status for a in answers if a.status not in (200, 503)),
        "slowest_s": round(max(a.seconds for a in answers), 2),
        "slowest_document_s": round(max((a.seconds for a in documents), default=0.0), 2),
        "over_proxy_timeout": sum(1 for a in answers if a.seconds > PROXY_TIMEOUT),
        "wall_s": round(time.monotonic() - started, 2),
    }


# --- A worker killed mid-render -----------------------------------------------------------------


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def run_kill_worker(server: Server) -> dict[str, Any]:
    """Start a render, kill -9 the worker doing it, see what the client gets, then whether the
    server (a new worker) answers the same request again, as the documented proxy retry would."""
    body = json.dumps(marked_case()).encode()
    before = workers(server.pid)
    ticks = {pid: _cpu_ticks(pid) for pid in before}
    result: list[Answer] = []
    thread = threading.Thread(
        target=lambda: result.append(request(server, "POST", "/api/v1/documents", body, JSON, timeout=120)))
    thread.start()
    time.sleep(1.0)
    busiest = max(before, key=lambda pid: _cpu_ticks(pid) - ticks[pid])
    os.kill(busiest, signal.SIGKILL)
    killed_at = time.monotonic()
    thread.join(timeout=130)
    first = result[0] if result else Answer(0, 0.0, error="no result")
    while len(workers(server.pid)) < len(before) or busiest in workers(server.pid):
        if time.monotonic() - killed_at > 120:
            break
        time.sleep(0.2)
    replaced_s = time.monotonic() - killed_at
    retry = request(server, "POST", "/api/v1/documents", body, JSON, timeout=120)
    page = request(server, "GET", "/", timeout=30)
    return {
        "killed_request": first.status or first.error,
        "killed_request_seconds": round(first.seconds, 2),
        "worker_replaced_s": round(replaced_s, 2),
        "retry_status": retry.status,
        "retry_is_zip": retry.body[:2] == b"PK",
        "page_after": page.status,
    }


# --- The log ------------------------------------------------------------------------------------

IP_PATTERN = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b|\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?", re.I)


def scan_log(text: str) -> dict[str, Any]:
    """What in the error log could say who came or what they sent."""
    timestamps = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\]", re.M)
    body = timestamps.sub("", text)
    addresses = [m for m in IP_PATTERN.findall(body) if m.strip("[]:")]
    found = {
        "lines": len(text.splitlines()),
        "addresses": addresses,
        "client_address": CLIENT_ADDRESS in text,
        "marker": MARKER in text,
        "user_agent": AGENT in text,
        "paths": [p for p in (*POST_ROUTES, "/%zz", "/?lang") if p in text],
        "tracebacks": text.count("Traceback"),
        "rebinding_host": "attacker.example" in text,
    }
    found["clean"] = not (found["addresses"] or found["client_address"] or found["marker"]
                          or found["user_agent"] or found["paths"] or found["tracebacks"]
                          or found["rebinding_host"])
    return found


def main() -> None:
    import tempfile

    count = int(os.environ.get("RELIABILITY_HOSTILE_REQUESTS", "1000"))
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        with running_server(Path(folder)) as server:
            report["hostile"] = run_hostile(server, count)
            report["slow_clients"] = run_slow_clients(server)
            report["burst"] = run_burst(server)
            report["kill_worker"] = run_kill_worker(server)
        report["log"] = scan_log(server.log.read_text(errors="replace"))  # after the server stopped
    report["load_average"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
