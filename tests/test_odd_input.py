"""NUL bytes and invalid UTF-8 in every query parameter and form field on
the demo site never give a 500 (issue 12); run on SQLite and PostgreSQL,
where a NUL in a query used to reach the database and fail there."""

import re
from html import unescape
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')
FIELD_NAME = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"')
LINK = re.compile(r'href="([^"#]*)"')
# A NUL, bytes that are not UTF-8, and both mixed into ordinary text.
ODD_VALUES = ["%00", "%FF%FE", "a%00b%C3%28", "%ED%A0%80"]


def attributes(tag):
    return dict(ATTRIBUTE.findall(tag))


def public_paths(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    return ["/", "/search/", *sorted({urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)})]


def forms_and_parameters(client):
    """(method, action, field names) for every form, and every query parameter that links use."""
    found = set()
    for path in public_paths(client):
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for tag, body in FORM.findall(html):
            form = attributes(tag)
            action = urlsplit(urljoin(f"http://testserver{path}", unescape(form.get("action", "")))).path or path
            names = tuple(sorted(set(FIELD_NAME.findall(body)) - {"csrfmiddlewaretoken"}))
            found.add((form.get("method", "get").lower(), action, names))
        for href in LINK.findall(html):
            url = urlsplit(urljoin(f"http://testserver{path}", unescape(href)))
            if url.netloc == "testserver" and url.query and not url.path.startswith(("/admin/", "/static/")):
                found.add(("get", url.path, tuple(sorted({name for name, _ in parse_qsl(url.query)}))))
    return found


def odd_requests(method, action, names):
    for value in ODD_VALUES:
        each = [f"{name}={value}" for name in names]
        for body in [*each, "&".join(each), f"{value}={value}"]:
            yield method, action, body


@pytest.mark.django_db
def test_odd_bytes_in_every_parameter_and_field_never_give_a_500(client, demo_site):
    found = forms_and_parameters(client)
    assert any(method == "post" for method, _, _ in found)  # the forms were found
    assert any(action == "/search/" for _, action, _ in found)
    client.raise_request_exception = False
    failures = []
    for method, action, names in found:
        for method_, path, body in odd_requests(method, action, names):
            if method_ == "post":
                response = client.generic("POST", path, body.encode(), content_type="application/x-www-form-urlencoded")
            else:
                response = client.get(f"{path}?{body}")
            if response.status_code >= 500:
                failures.append(f"{method_.upper()} {path} {body} -> {response.status_code}")
    assert failures == []
