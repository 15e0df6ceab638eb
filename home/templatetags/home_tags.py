from django import template
from wagtail.models import Page, Site

from home import documents
from home.icons import render_icon, section_icon_name
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


def menu_pages(request):
    """Top-level pages ticked 'Show in menus' in the editor, in tree order.
    Looked up once per request: the header draws the menu twice (phone and
    wide screens) and the search page lists the sections again."""
    if request is None:
        return []
    if not hasattr(request, "_menu_pages"):
        site = Site.find_for_request(request)
        request._menu_pages = list(site.root_page.get_children().live().in_menu()) if site else []
    return request._menu_pages


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context, layout="wide"):
    """The main menu: a <details> "Menu" on phones, a row of links on wider screens."""
    request = context.get("request")
    current = context.get("page")
    if request is not None and isinstance(current, Page) and not hasattr(request, "_menu_ancestor_ids"):
        request._menu_ancestor_ids = set(current.get_ancestors().values_list("pk", flat=True))
    ancestor_ids = getattr(request, "_menu_ancestor_ids", set())
    return {
        "menu_items": menu_pages(request),
        "current": current,
        "current_ancestor_ids": ancestor_ids,
        "layout": layout,
    }


@register.simple_tag(takes_context=True)
def main_sections(context):
    return menu_pages(context.get("request"))


@register.simple_tag
def icon(name, css_class="icon"):
    return render_icon(name, css_class)


@register.simple_tag
def section_icon(page, css_class="icon"):
    return render_icon(section_icon_name(page), css_class)


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
