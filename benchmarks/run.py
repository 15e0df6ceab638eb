"""How fast the site is, with one command: `make benchmark`.

Builds a throwaway SQLite database with the demo content, then serves it the
way production does (gunicorn, 2 sync workers, production settings, the file
cache the workers share, or Redis when REDIS_URL is set) and measures:

- a bare WSGI callable (the ceiling: the most gunicorn plus Python can do)
  and a Django view returning a constant behind the site's full middleware;
- every public page type from the page cache and uncached (a second server
  with PAGE_CACHE_SECONDS=0): requests per second, ratio to the bare ceiling
  measured in the same round, p50/p99 latency, SQL queries and bytes;
- the suggestion form's POST latency with 8 clients posting at once;
- the workers' memory after 1,000 and after 10,000 requests (a fresh,
  uncached server, requests spread over every page).

Load comes from wrk (Debian: `apt-get install -y wrk`) with 8 connections;
without wrk a Python load generator is used, which is slower and so flatters
no one (the script says which it used). Ratios matter, not absolute numbers.

    .venv/bin/python benchmarks/run.py                  # 3 rounds of 5 s each
    .venv/bin/python benchmarks/run.py --rounds 1 --seconds 2 --memory-requests 2000
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="sui-benchmark-"))
HOST = "127.0.0.1"
PORTS = {"bare": 8601, "cached": 8602, "uncached": 8603, "memory": 8604}
CONNECTIONS = 8
FORM_URL = "/have-your-say/"
EXTRA_URLS = ["/news/?kind=newsletter", "/get-involved/?page=2", "/search/?query=hub"]

os.environ.update(
    DJANGO_SETTINGS_MODULE="benchmarks.settings",
    DATABASE_URL=f"sqlite:///{WORK / 'db.sqlite3'}",
    DJANGO_SECRET_KEY="benchmark-only-" + "x" * 50,
    DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
    DJANGO_SECURE_SSL_REDIRECT="0",
    CACHE_DIR=str(WORK / "cache"),
    DJANGO_LOG_LEVEL="WARNING",
)


# --- Preparing the site -------------------------------------------------------------


def prepare_site():
    import django

    django.setup()
    from django.core.management import call_command

    quiet = open(os.devnull, "w")  # noqa: SIM115 - for the whole run
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo_content", verbosity=0, stdout=quiet)
    call_command("collectstatic", "--noinput", verbosity=0, stdout=quiet)


def public_urls():
    """One page of each public type, in tree order, plus filtered listings and search."""
    from wagtail.models import Page

    pages = {}
    for page in Page.objects.live().specific().exclude(depth=1).order_by("path"):
        pages.setdefault(type(page).__name__, page.url)
    return list(pages.items()) + [(url, url) for url in EXTRA_URLS]


def queries_and_bytes(urls):
    """SQL queries and body size of each page rendered in-process (page cache
    off, after one warm-up request, as a running worker would have)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    client, found = Client(), {}
    for _name, url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        found[url] = (len(queries), len(response.content), "no-store" in response.get("Cache-Control", ""))
    return found


# --- Servers ------------------------------------------------------------------------


def start_server(name, app, **env):
    log = open(WORK / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    command = [sys.executable, "-m", "gunicorn", app, "--config", "config/gunicorn.conf.py"]
    command += ["--bind", f"{HOST}:{PORTS[name]}", "--workers", "2", "--threads", "1", "--worker-class", "sync"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log)  # noqa: S603 - our own command line
    # Ready when both workers have booted and answered (the master accepts
    # connections before its workers can serve them).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if all(get(PORTS[name], "/")[0].status < 500 for _ in range(4)) and len(worker_pids(process)) == 2:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{name} server did not start; see {WORK / (name + '.log')}")


def worker_pids(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- Load ---------------------------------------------------------------------------


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load_with_wrk(url, seconds):
    output = subprocess.run(  # noqa: S603 - wrk found on PATH by shutil.which
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{output}")
    return rate, to_ms(latency["50"]), to_ms(latency["99"])


def get(port, path, headers=None):
    connection = HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def load_with_python(url, seconds):
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    deadline, latencies, lock = time.perf_counter() + seconds, [], threading.Lock()

    def client():
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            response, _body = get(parsed.port, path)
            if response.status >= 400:
                raise SystemExit(f"{url} answered {response.status}")
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    run_clients(client)
    latencies.sort()
    return len(latencies) / seconds, percentile(latencies, 50), percentile(latencies, 99)


def run_clients(target, count=CONNECTIONS):
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


# --- Form POSTs and memory ---------------------------------------------------------------


def post_latencies(port, posts_per_client):
    """8 people sending the suggestion form at once: each fetches the form
    (for its CSRF cookie and token), then posts; only the POST is timed."""
    latencies, failures, lock = [], [], threading.Lock()

    def person():
        for _ in range(posts_per_client):
            response, body = get(port, FORM_URL)
            cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
            fields = {"csrfmiddlewaretoken": token, "text": "More evening sessions at the Hub, please."}
            fields.update(wants_reply="no", website="")
            connection = HTTPConnection(HOST, port, timeout=30)
            start = time.perf_counter()
            connection.request(
                "POST",
                FORM_URL,
                body=urllib.parse.urlencode(fields),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
            )
            answer = connection.getresponse()
            answer.read()
            elapsed = (time.perf_counter() - start) * 1000
            connection.close()
            with lock:
                (latencies if answer.status == 302 else failures).append(
                    elapsed if answer.status == 302 else answer.status
                )

    run_clients(person)
    if failures:
        raise SystemExit(f"Form POSTs failed: {failures[:5]}")
    return percentile(latencies, 50), percentile(latencies, 99), len(latencies)


def memory_after(server, port, paths, checkpoints):
    """Workers' memory (MB, both together) after each number of requests in
    `checkpoints`, spreading requests over every page."""
    results, sent, lock = {}, [0], threading.Lock()
    for target in checkpoints:

        def client(target=target):
            while True:
                with lock:
                    if sent[0] >= target:
                        return
                    number = sent[0]
                    sent[0] += 1
                get(port, paths[number % len(paths)])

        run_clients(client)
        results[target] = sum(rss_mb(pid) for pid in worker_pids(server))
    return results


# --- Report ---------------------------------------------------------------------------


def median_of(rounds, key, field):
    return statistics.median(measure[key][field] for measure in rounds)


def report(rounds, urls, counts, posts, memory, generator, args):
    print(f"\n{len(rounds)} round(s) of {args.seconds} s per measurement, {CONNECTIONS} connections, {generator};")
    print("gunicorn with 2 sync workers, production settings, SQLite, demo content.")
    print(f"Cache: {'Redis' if os.environ.get('REDIS_URL') else 'file cache shared by the workers'}.\n")
    print("| page | cached req/s | ratio | p50 / p99 ms | uncached req/s | ratio | p50 / p99 ms | queries | KB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key, label in (("bare", "bare WSGI callable (ceiling)"), ("constant", "constant view, full middleware")):
        rate, ratio = median_of(rounds, key, "rate"), median_of(rounds, key, "ratio")
        p50, p99 = median_of(rounds, key, "p50"), median_of(rounds, key, "p99")
        print(f"| {label} | {rate:.0f} | {ratio:.3f} | {p50:.1f} / {p99:.1f} | - | - | - | - | - |")
    for name, url in urls:
        queries, size, never_cached = counts[url]
        cached = "never cached (form) | - | -"
        if not never_cached:
            cached = (
                f"{median_of(rounds, ('cached', url), 'rate'):.0f} | {median_of(rounds, ('cached', url), 'ratio'):.3f}"
                f" | {median_of(rounds, ('cached', url), 'p50'):.1f} / {median_of(rounds, ('cached', url), 'p99'):.1f}"
            )
        key = ("uncached", url)
        uncached = (
            f"{median_of(rounds, key, 'rate'):.0f} | {median_of(rounds, key, 'ratio'):.3f}"
            f" | {median_of(rounds, key, 'p50'):.1f} / {median_of(rounds, key, 'p99'):.1f}"
        )
        label = f"`{url}`" if name == url else f"{name} `{url}`"
        print(f"| {label} | {cached} | {uncached} | {queries} | {size / 1024:.1f} |")
    p50, p99, count = posts
    print(
        f"\nForm POST ({FORM_URL}), {CONNECTIONS} clients at once, {count} posts: p50 {p50:.0f} ms, p99 {p99:.0f} ms."
    )
    first, last = min(memory), max(memory)
    growth = (memory[last] - memory[first]) / memory[first] * 100
    print(
        f"Worker memory (2 workers together): {memory[first]:.1f} MB after {first:,} requests, "
        f"{memory[last]:.1f} MB after {last:,} ({growth:+.1f} %)."
    )


def warm(port, path):
    """A few requests first, so both workers have the page and its shared
    pieces cached, as a server in use would."""
    for _ in range(4):
        response, _body = get(port, path)
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")


def measure_round(load, urls, counts):
    found = {}
    for key, port, path in (("bare", PORTS["bare"], "/"), ("constant", PORTS["cached"], "/benchmark/constant/")):
        warm(port, path)
        rate, p50, p99 = load(f"http://{HOST}:{port}{path}")
        found[key] = {"rate": rate, "p50": p50, "p99": p99}
    ceiling = found["bare"]["rate"]
    for _name, url in urls:
        servers = ["uncached"] if counts[url][2] else ["cached", "uncached"]
        for server in servers:
            warm(PORTS[server], url)
            rate, p50, p99 = load(f"http://{HOST}:{PORTS[server]}{url}")
            found[(server, url)] = {"rate": rate, "p50": p50, "p99": p99}
    for measure in found.values():
        measure["ratio"] = measure["rate"] / ceiling
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="length of each measurement")
    parser.add_argument("--posts-per-client", type=int, default=25)
    parser.add_argument("--memory-requests", type=int, default=10_000)
    args = parser.parse_args()

    print(f"Preparing the demo site in {WORK} ...", flush=True)
    prepare_site()
    urls = public_urls()
    counts = queries_and_bytes(urls)
    servers = [
        start_server("bare", "benchmarks.bare:application"),
        start_server("cached", "config.wsgi:application"),
        start_server("uncached", "config.wsgi:application", PAGE_CACHE_SECONDS="0"),
    ]
    generator = "wrk" if shutil.which("wrk") else "Python load generator (wrk not installed)"
    load = (lambda url: load_with_wrk(url, args.seconds)) if shutil.which("wrk") else None
    load = load or (lambda url: load_with_python(url, args.seconds))
    try:
        rounds = []
        for number in range(1, args.rounds + 1):
            print(f"Round {number} of {args.rounds} ...", flush=True)
            rounds.append(measure_round(load, urls, counts))
        print("Form POSTs ...", flush=True)
        posts = post_latencies(PORTS["uncached"], args.posts_per_client)
        print("Memory ...", flush=True)
        # A fresh server, uncached, so that every request renders a page.
        servers.append(start_server("memory", "config.wsgi:application", PAGE_CACHE_SECONDS="0"))
        checkpoints = [min(1_000, args.memory_requests), args.memory_requests]
        paths = [url for _name, url in urls if not counts[url][2]]
        memory = memory_after(servers[-1], PORTS["memory"], paths, checkpoints)
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
    report(rounds, urls, counts, posts, memory, generator, args)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
