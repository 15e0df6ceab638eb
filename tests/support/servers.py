"""Local stand-ins for the services a deployment talks to, started by tests."""

import socket
from contextlib import closing


def free_port():
    """A TCP port on 127.0.0.1 nothing listens on (also how tests point at a "stopped" service)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPRecorder:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def start_smtp_server(port):
    from aiosmtpd.controller import Controller

    recorder = SMTPRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, recorder


def start_moto_server(port, timeout=30):
    """moto's S3 API in its own process, as a stand-in for the object store."""
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    moto_server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(  # noqa: S603 - a fixed command line
        [str(moto_server), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("moto_server did not start")
