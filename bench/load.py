"""Load test of the public pages against a running server on this machine: req/s, p50/p95/p99, errors.

    .venv/bin/python bench/load.py --url http://127.0.0.1:8201 --clients 50 --duration 60
    .venv/bin/python bench/load.py ... --kill-backends-at 20 --database-url postgres://.../lcn_bench
    .venv/bin/python bench/load.py ... --login-flood 10 --pages home

Each client keeps one HTTP/1.1 connection (re-opened when the server closes it) and requests the
pages in turn: home, cluster list, the largest cluster's profile, a company search (twenty different
names, as visitors type them) and statistics. Requests carry ``X-Forwarded-Proto: https`` as the
proxy in front would. Only addresses of this machine are accepted, and the run stops after
--duration seconds or --max-requests requests, whichever comes first.

--kill-backends-at S terminates every PostgreSQL backend of the database S seconds in (as a
database restart or failover would) and reports the errors and the time until the last error.
--login-flood N adds N clients posting wrong passwords to /accounts/login/ as fast as they are
answered; their answers are counted apart from the page statistics.
The README's "Load and faults" section gives the figures and how the servers were started.
"""

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PAGES = {
    "home": ["/"],
    "cluster list": ["/clusters/"],
    "cluster profile": ["/clusters/demo-cluster-0001/"],
    # Twenty searches as visitors type them: a whole demo company name, or a word of many.
    "company search": [
        "/companies/?" + urlencode({"q": q})
        for q in [
            "Amber Cargo Group 1092",
            "Baltic Form Partners 4777",
            "Daugava Wood Solutions 8391",
            "Green Wood Lab 6742",
            "Kurzeme Food Works 8395",
            "Latgale Travel Works 2982",
            "Nordic Form Lab 2896",
            "Smart Wood Industries 3991",
            "Vidzeme Wood Lab 447",
            "Zemgale Form Systems 4992",
            "Amber",
            "Baltic",
            "Daugava",
            "Green",
            "Kurzeme",
            "Latgale",
            "Nordic",
            "Smart",
            "Vidzeme",
            "Zemgale",
        ]
    ],
    "statistics": ["/statistics/"],
}
TIMEOUT = 15.0


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_times: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    login_answers: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}", "X-Forwarded-Proto: https"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        response_headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            response_headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = int(response_headers.get("content-length", ["-1"])[0])
        content = await (self.reader.readexactly(length) if length >= 0 else self.reader.read())
        if length < 0 or "close" in response_headers.get("connection", [""])[0].lower():
            self.close()
        return status, response_headers, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def page_client(n: int, args, pages: list[str], results: Results, stop: float) -> None:
    conn = Connection(args.host, args.port)
    i = n
    while time.monotonic() < stop and results.requests < args.max_requests:
        # Every page kind in turn; within a kind (the searches), its paths in turn.
        label = pages[i % len(pages)]
        path = PAGES[label][(i // len(pages)) % len(PAGES[label])]
        i += 1
        started = time.monotonic()
        try:
            status, _, _ = await asyncio.wait_for(conn.request("GET", path), TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            status = 0
            conn.close()
        elapsed = time.monotonic() - started
        results.requests += 1
        results.statuses[status] += 1
        if status == 200:
            results.latencies[label].append(elapsed)
        else:
            results.errors[label] += 1
            results.error_times.append(time.monotonic())
            await asyncio.sleep(0.05)  # an error answers fast; do not spin


async def login_flooder(n: int, args, results: Results, stop: float) -> None:
    conn = Connection(args.host, args.port)
    try:
        _, headers, content = await conn.request("GET", "/accounts/login/")
    except OSError:
        return
    cookie = next(c.split(";")[0] for c in headers.get("set-cookie", []) if c.startswith("csrftoken="))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    tries = 0
    while time.monotonic() < stop and tries < args.max_requests:
        tries += 1
        body = urlencode(
            {"csrfmiddlewaretoken": token, "username": f"flood{n}-{tries}@example.lv", "password": "wrong"}
        ).encode()
        headers_out = {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{args.host}/accounts/login/",
        }
        try:
            status, _, _ = await asyncio.wait_for(
                conn.request("POST", "/accounts/login/", body, headers_out), TIMEOUT
            )
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status = 0
            conn.close()
        results.login_answers[status] += 1


def kill_backends(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        name = conn.info.dbname
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


async def run(args) -> dict:
    pages = [name for name in PAGES if not args.pages or name in args.pages]
    results = Results()
    started = time.monotonic()
    stop = started + args.duration
    tasks = [asyncio.create_task(page_client(n, args, pages, results, stop)) for n in range(args.clients)]
    tasks += [asyncio.create_task(login_flooder(n, args, results, stop)) for n in range(args.login_flood)]
    killed = None
    if args.kill_backends_at is not None:
        await asyncio.sleep(args.kill_backends_at)
        killed_at = time.monotonic()
        killed = {
            "at_s": args.kill_backends_at,
            "backends": await asyncio.to_thread(kill_backends, args.database_url),
        }
    await asyncio.gather(*tasks)
    wall = time.monotonic() - started
    report = summarise(results, wall, args)
    if killed is not None:
        after = [t for t in results.error_times if t >= killed_at]
        killed["errors_after_kill"] = len(after)
        killed["recovered_after_s"] = round(max(after) - killed_at, 3) if after else 0.0
        report["kill"] = killed
    return report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def stats(values: list[float], errors: int, wall: float) -> dict:
    ms = [v * 1000 for v in values]
    return {
        "requests": len(values) + errors,
        "req_per_s": round((len(values) + errors) / wall, 1),
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(percentile(ms, 95), 1) if ms else None,
        "p99_ms": round(percentile(ms, 99), 1) if ms else None,
        "errors": errors,
    }


def summarise(results: Results, wall: float, args) -> dict:
    every = [v for values in results.latencies.values() for v in values]
    report = {
        "label": args.label,
        "clients": args.clients,
        "seconds": round(wall, 1),
        "all": stats(every, sum(results.errors.values()), wall),
        "pages": {
            label: stats(results.latencies[label], results.errors[label], wall)
            for label in sorted(set(results.latencies) | set(results.errors))
        },
        "statuses": dict(results.statuses),
    }
    if args.login_flood:
        total = sum(results.login_answers.values())
        report["login_flood"] = {
            "clients": args.login_flood,
            "tries": total,
            "tries_per_s": round(total / wall, 1),
            "answers": dict(results.login_answers),
        }
    return report


def print_report(report: dict) -> None:
    print(f"== {report['label']}: {report['clients']} clients, {report['seconds']} s")
    print(f"{'page':18} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for label, row in [*report["pages"].items(), ("ALL", report["all"])]:
        print(
            f"{label:18} {row['req_per_s']:>8} {row['p50_ms']!s:>8} {row['p95_ms']!s:>8} "
            f"{row['p99_ms']!s:>8} {row['errors']:>7}"
        )
    for key in ("kill", "login_flood"):
        if key in report:
            print(f"{key}: {report[key]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8201")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=500_000)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="default: all")
    parser.add_argument("--kill-backends-at", type=float)
    parser.add_argument("--database-url", help="the server's PostgreSQL, for --kill-backends-at")
    parser.add_argument("--login-flood", type=int, default=0)
    parser.add_argument("--label", default="load")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    url = urlsplit(args.url)
    if url.hostname not in LOCAL_HOSTS or url.scheme != "http":
        parser.error("only http:// servers on this machine (127.0.0.1, localhost, ::1) may be loaded")
    if args.kill_backends_at is not None and not args.database_url:
        parser.error("--kill-backends-at needs --database-url")
    if not 1 <= args.clients <= 500 or not 0 < args.duration <= 600:
        parser.error("at most 500 clients for at most 600 seconds")
    args.host, args.port = url.hostname, url.port or 80
    report = asyncio.run(run(args))
    print_report(report)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(report, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
