"""A bare WSGI callable: the most gunicorn and Python can serve on this
machine. Every other figure is given as a ratio to it, measured in the same
round, so the machine's own speed and noise cancel out."""

BODY = b"<!DOCTYPE html><title>Bare</title><p>The same bytes every time."
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
