"""Scale-out check: two app servers on PostgreSQL, Redis and S3 (moto), behind
a trusted-proxy header, taking a burst of public form submissions.

    .venv/bin/python benchmarks/scale_check.py                 # full size
    .venv/bin/python benchmarks/scale_check.py --small         # CI size
    make scale-check [SCALE_ARGS=--small]

It recreates the database named by SCALE_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/sui_scale), loads the demo content, starts
moto's S3 server and two gunicorns on free ports, then sends N suggestions
from A client addresses (given in X-Forwarded-For, TRUSTED_PROXY_COUNT=1) over
C concurrent connections, alternating between the servers. It checks and
reports: accepted = stored, each person shown a different reference (the
one stored for them, whichever server showed it), no 5xx, one address's rate
limit shared by both servers, and a document uploaded through one server
served by the other. Exits non-zero when a check fails. Everything runs on
127.0.0.1 and stops by itself.
"""

import argparse
import collections
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BUCKET = "sui-scale-check"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSIONS_PER_ADDRESS_LIMIT = 10  # records/ratelimit.py: "submission": "10/10m"

from records.references import REFERENCE_ALPHABET, REFERENCE_LENGTH  # noqa: E402
from tests.support.servers import free_port, start_moto_server  # noqa: E402

# A suggestion's reference (suggestions.suggestion_box.Suggestion.REFERENCE_PREFIX is S).
SHOWN_REFERENCE = re.compile(rf"\bS-[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}\b")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--addresses", type=int, default=200)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--small", action="store_true", help="CI size: 200 submissions, 40 addresses, 8 connections")
    args = parser.parse_args()
    if args.small:
        args.submissions, args.addresses, args.connections = 200, 40, 8
    if args.submissions > args.addresses * SUBMISSIONS_PER_ADDRESS_LIMIT:
        parser.error("more submissions than the addresses' rate limits allow")
    return args


def recreate_database(url):
    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def server_environment(database_url, redis_url, s3_endpoint):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "scale-check",
        "AWS_SECRET_ACCESS_KEY": "scale-check",
        "TRUSTED_PROXY_COUNT": "1",
        "DJANGO_SECRET_KEY": "scale-check-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(environment, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=environment, check=True)  # noqa: S603


def prepare_site(environment):
    setup = {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    manage(setup, "migrate", "--noinput", "-v", "0")
    manage(setup, "setup_site")
    manage(setup, "collectstatic", "--noinput", "-v", "0")


def start_gunicorn(environment, port):
    server_env = {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }
    return subprocess.Popen(  # noqa: S603 - a fixed command line
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--config",
            "config/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=server_env,
    )


def wait_until_healthy(base_url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base_url} did not become healthy")


class PlainHTTPSession(requests.Session):
    """Sends production's Secure cookies over plain HTTP: here the check
    stands in for the TLS-terminating proxy itself."""

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


class Visitor:
    """One keep-alive connection to one server, posting as many addresses."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = PlainHTTPSession()
        page = self.session.get(f"{base_url}/have-your-say/", timeout=30)
        page.raise_for_status()
        self.token = CSRF_INPUT.search(page.text).group(1)

    def suggest(self, address, number):
        """Send one suggestion; returns the status and, when accepted, the
        reference the confirmation page showed this visitor."""
        response = self.session.post(
            f"{self.base_url}/have-your-say/",
            {"csrfmiddlewaretoken": self.token, "text": f"Scale check suggestion {number}.", "wants_reply": "no"},
            headers={"X-Forwarded-For": f"{random.randint(1, 254)}.0.0.1, {address}"},  # noqa: S311 - spoofed left value
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code != 302:
            return response.status_code, None
        confirmation = self.session.get(urljoin(self.base_url, response.headers["Location"]), timeout=60)
        shown = SHOWN_REFERENCE.search(confirmation.text)
        return response.status_code, shown.group(0) if shown else None


def burst(servers, args, network):
    """Send the submissions; returns a Counter of status codes."""
    addresses = [f"10.{network}.{n // 250}.{n % 250 + 1}" for n in range(args.addresses)]
    jobs = [(addresses[n % len(addresses)], n) for n in range(args.submissions)]
    lanes = [jobs[lane :: args.connections] for lane in range(args.connections)]

    def run_lane(lane_number):
        visitor = Visitor(servers[lane_number % len(servers)])
        return [visitor.suggest(address, number) for address, number in lanes[lane_number]]

    with ThreadPoolExecutor(max_workers=args.connections) as pool:
        results = [answer for lane in pool.map(run_lane, range(args.connections)) for answer in lane]
    statuses = collections.Counter(status for status, _reference in results)
    return statuses, [reference for _status, reference in results if reference is not None]


def rate_limit_is_shared(servers, network):
    """One address: alternate servers past the limit; exactly the limit is accepted in total."""
    address = f"10.{network}.255.1"
    visitors = [Visitor(base) for base in servers]
    statuses = [visitors[n % 2].suggest(address, n)[0] for n in range(SUBMISSIONS_PER_ADDRESS_LIMIT + 4)]
    return statuses.count(302) == SUBMISSIONS_PER_ADDRESS_LIMIT and statuses.count(429) == 4, statuses


def upload_served_by_other(servers, environment):
    """Upload a document in server A's admin; download it from server B."""
    manage(
        {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        "U.objects.filter(username='scalecheck').delete(); "
        "U.objects.create_superuser('scalecheck', 'scale@example.org', 'scale-check-password-1')",
    )
    first, second = (PlainHTTPSession() for _ in servers)
    login = first.get(f"{servers[0]}/admin/login/", timeout=30)
    token = CSRF_INPUT.search(login.text).group(1)
    first.post(
        f"{servers[0]}/admin/login/",
        {"csrfmiddlewaretoken": token, "username": "scalecheck", "password": "scale-check-password-1"},
        timeout=30,
    )
    form = first.get(f"{servers[0]}/admin/documents/add/", timeout=30)
    token = CSRF_INPUT.search(form.text).group(1)
    content = f"Uploaded through {servers[0]} at {time.time()}\n".encode()
    first.post(
        f"{servers[0]}/admin/documents/add/",
        data={"csrfmiddlewaretoken": token, "title": "Scale check upload", "collection": "1"},
        files={"file": ("scale-check.txt", content, "text/plain")},
        timeout=30,
    )
    with psycopg.connect(environment["DATABASE_URL"]) as connection:
        row = connection.execute(
            "SELECT id, file FROM wagtaildocs_document WHERE title = 'Scale check upload' ORDER BY id DESC"
        ).fetchone()
    if row is None:
        return False
    document_id, file_name = row
    served = second.get(f"{servers[1]}/documents/{document_id}/{Path(file_name).name}", timeout=30)
    return served.status_code == 200 and served.content == content


def stored_references(database_url):
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT reference FROM suggestions_suggestion WHERE text LIKE 'Scale check suggestion%%'"
        ).fetchall()
    return {reference for (reference,) in rows}


def main():
    args = parse_args()
    database_url = os.environ.get("SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sui_scale")
    redis_url = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/5")
    processes = []
    try:
        recreate_database(database_url)
        s3_port = free_port()
        processes.append(start_moto_server(s3_port))
        environment = server_environment(database_url, redis_url, f"http://127.0.0.1:{s3_port}")
        import boto3

        boto3.client(
            "s3",
            endpoint_url=environment["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="scale-check",
            aws_secret_access_key="scale-check",  # noqa: S106 - moto accepts any key
        ).create_bucket(Bucket=BUCKET)
        prepare_site(environment)
        servers = []
        for _ in range(2):
            port = free_port()
            processes.append(start_gunicorn(environment, port))
            servers.append(f"http://127.0.0.1:{port}")
        for server in servers:
            wait_until_healthy(server)

        # A fresh /16 each run, so counts left in Redis by an earlier run do not matter.
        network = random.randint(0, 254)  # noqa: S311
        started = time.monotonic()
        statuses, shown = burst(servers, args, network)
        elapsed = time.monotonic() - started
        accepted = statuses.get(302, 0)
        stored = stored_references(database_url)
        shared, shared_statuses = rate_limit_is_shared(servers, network)
        upload_ok = upload_served_by_other(servers, environment)
        server_errors = sum(count for status, count in statuses.items() if status >= 500)

        print(
            f"{args.submissions} submissions from {args.addresses} addresses over {args.connections} connections, "
            f"2 app servers: {elapsed:.1f} s ({args.submissions / elapsed:.0f} submissions/s)"
        )
        print(f"status codes: {dict(sorted(statuses.items()))}")
        checks = {
            "accepted = stored": accepted == len(stored) == args.submissions,
            # Each person's confirmation page (served by either server) showed
            # their own reference, and it is the one stored for them.
            "each person shown a different reference, the one stored": len(set(shown)) == len(shown) == accepted
            and set(shown) == stored,
            "no 5xx": server_errors == 0,
            "rate limit shared by both servers": shared,
            "upload on one server served by the other": upload_ok,
        }
        print(
            f"accepted {accepted}, stored {len(stored)}, references shown {len(shown)} "
            f"({len(set(shown))} different); one address: {shared_statuses}"
        )
        for name, passed in checks.items():
            print(f"{'PASS' if passed else 'FAIL'}  {name}")
        return 0 if all(checks.values()) else 1
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()  # gunicorn's master stops its workers on SIGTERM
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
