from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from home import documents
from home.cache import cached_content
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
        request._menu_pages = cached_content("main-navigation", lambda: menu_pages_of(site), site.pk) if site else []
    return request._menu_pages


def menu_pages_of(site):
    # Kept in the shared cache per content version (home/cache.py).
    return list(site.root_page.get_children().live().in_menu())


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context, layout="wide"):
    """The main menu: a <details> "Menu" on phones, a row of links on wider screens."""
    request = context.get("request")
    current = context.get("page")
    if request is not None and isinstance(current, Page) and not hasattr(request, "_menu_ancestor_ids"):
        # From tree paths, without a query: a menu page is an ancestor when
        # the current page's path starts with its path.
        request._menu_ancestor_ids = {
            item.pk for item in menu_pages(request) if current.path.startswith(item.path) and item.pk != current.pk
        }
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


@register.simple_tag(takes_context=True)
def site_footer(context, other_ways_on_page=False):
    """The footer: the same on every page of a host until content changes,
    so it is rendered once per content version (home/cache.py). Pages with
    their own "other ways to get in touch" get a footer that points there."""
    request = context.get("request")
    other_ways_on_page = bool(other_ways_on_page)

    def render():
        with context.push(other_ways_on_page=other_ways_on_page):
            return context.template.engine.get_template("includes/footer_body.html").render(context)

    host = request.get_host() if request is not None else ""
    return mark_safe(cached_content("site-footer", render, host, other_ways_on_page))  # noqa: S308 - our own template's output


@register.simple_tag
def icon(name, css_class="icon"):
    return render_icon(name, css_class)


@register.simple_tag
def section_icon(page, css_class="icon"):
    return render_icon(section_icon_name(page), css_class)


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
