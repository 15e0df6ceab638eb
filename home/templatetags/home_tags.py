from django import template
from wagtail.models import Page, Site

from home import documents
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
    """Top-level pages ticked 'Show in menus' in the editor, in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = site.root_page.get_children().live().in_menu() if site else Page.objects.none()
    ancestor_ids = set(current.get_ancestors().values_list("pk", flat=True)) if isinstance(current, Page) else set()
    return {"menu_items": items, "current": current, "current_ancestor_ids": ancestor_ids}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page):
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "current": page}
    # Depth 1 is Wagtail's invisible root; the home page is depth 2.
    return {"ancestors": page.get_ancestors().filter(depth__gte=2), "current": page}


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
