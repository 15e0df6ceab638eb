"""gunicorn settings. Identical app servers scale out behind the proxy."""

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """`make run` sets SHOW_SIGN_IN_DETAILS: once gunicorn is listening, print
    the first-run sign-in details again, so the one-time passwords are on
    screen when the site starts instead of lost above the setup output. A
    separate process, because the demo app that keeps them is not installed
    in production and gunicorn's master process does not load Django."""
    if os.environ.get("SHOW_SIGN_IN_DETAILS"):
        manage = Path(__file__).resolve().parent.parent / "manage.py"
        subprocess.run([sys.executable, str(manage), "sign_in_details"], check=False)  # noqa: S603
