"""Follow every link on the demo site, as a visitor would, from the home page
and the sitemap: none may be broken or fail."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

LINK = re.compile(r'href="([^"#]*)')
SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
# Filter links combine into thousands of addresses; a few per page show they work.
QUERY_VARIANTS_PER_PAGE = 6


def internal_links(html, base):
    for href in LINK.findall(html):
        url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
        if url.scheme in ("http", "https", "") and url.netloc in ("testserver", "localhost", ""):
            path = url.path + (f"?{url.query}" if url.query else "")
            if path and not path.startswith(SKIP_PREFIXES):
                yield path


@pytest.mark.django_db
def test_every_link_on_the_demo_site_works(client, demo_site):
    sitemap = client.get("/sitemap.xml").content.decode()
    queue = ["/", *(urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap))]
    seen, broken, variants = set(), [], {}
    while queue:
        path = queue.pop()
        page_path = path.split("?")[0]
        if path in seen or ("?" in path and variants.get(page_path, 0) >= QUERY_VARIANTS_PER_PAGE):
            continue
        seen.add(path)
        if "?" in path:
            variants[page_path] = variants.get(page_path, 0) + 1
        response = client.get(path)
        if response.status_code not in (200, 301, 302):
            broken.append(f"{path} -> {response.status_code}")
            continue
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            queue.extend(internal_links(response.content.decode(), f"http://testserver{path}"))
    assert broken == []
    assert len(seen) > 60  # the whole demo site was walked, not just the home page
