from django import template
from wagtail.models import Page, Site

from home import documents
from home.cache import cached_content
from home.pagination import elided_page_range

register = template.Library()

FILE_TYPE_NAMES = {"docx": "Word document", "odt": "OpenDocument text", "xlsx": "Excel spreadsheet", "mp3": "MP3 audio"}


def human_size(size):
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@register.filter
def document_meta(document):
    """'PDF, 240 KB': what a download is and how big, before people spend data on it."""
    extension = (document.file_extension or "").lower()
    kind = FILE_TYPE_NAMES.get(extension, extension.upper() or "File")
    size = document.get_file_size()
    return f"{kind}, {human_size(size)}" if size else kind


@register.filter
def link_text(document, label=""):
    """A download link's words: the label given, else the title, never a file name."""
    return documents.document_link_text(document, label)


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level pages ticked 'Show in menus' in the editor, in tree order,
    from the shared cache; the current section is worked out from tree paths."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    items = cached_content("main-navigation", lambda: navigation_items(site, request), site.pk)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    for item in items:
        item["current"] = current_state(item["path"], current_path)
    return {"menu_items": items}


def navigation_items(site, request):
    pages = site.root_page.get_children().live().in_menu()
    return [{"path": page.path, "title": page.title, "url": page.get_url(request)} for page in pages]


def current_state(item_path, current_path):
    """aria-current: "page" on the page itself, "true" on the section it is in."""
    if current_path is None or not current_path.startswith(item_path):
        return ""
    return "page" if current_path == item_path else "true"


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "current": page}
    request = context.get("request")
    ancestors = cached_content("breadcrumbs", lambda: breadcrumb_links(page, request), page.path)
    return {"ancestors": ancestors, "current": page}


def breadcrumb_links(page, request):
    # Depth 1 is Wagtail's invisible root; the home page is depth 2.
    ancestors = page.get_ancestors().filter(depth__gte=2)
    return [
        {"title": "Home" if ancestor.depth == 2 else ancestor.title, "url": ancestor.get_url(request)}
        for ancestor in ancestors
    ]


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, items):
    return {"items": items, "page_range": elided_page_range(items), "request": context.get("request")}


@register.simple_tag
def meta_description(page):
    if not isinstance(page, Page):
        return ""
    for attribute in ("search_description", "summary", "introduction"):
        value = getattr(page, attribute, "")
        if value:
            return str(value)[:300]
    return ""
