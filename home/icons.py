"""The site's icons: simple line drawings on a 24 x 24 grid, all drawn the
same way (2 px round strokes in the text colour), so they look like one set.

They are decorative: every icon sits beside words that say the same, so they
are hidden from screen readers. Inline SVG, so no extra request and no build.
"""

from django.utils.html import format_html

ICON_PATHS = {
    # The five rungs of the Ladder of Participation.
    "information": "M12 8h.01 M11 12h1v5h1 M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z",
    "consultation": "M4 5h16v11H9l-5 4z M8 9h8 M8 12h5",
    "participation": (
        "M4.5 7a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0 M14.5 7a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0 "
        "M3 20v-3a4 4 0 0 1 8 0v3 M13 20v-3a4 4 0 0 1 8 0v3"
    ),
    "partnership": "M3 12a5.5 5.5 0 1 0 11 0a5.5 5.5 0 1 0-11 0 M10 12a5.5 5.5 0 1 0 11 0a5.5 5.5 0 1 0-11 0",
    "control": (
        "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z M12 3v6 M4.5 16.5l5-3 M19.5 16.5l-5-3"
    ),
    # Sections of the site.
    "about": "M12 8h.01 M11 12h1v5h1 M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z",
    "news": "M4 5h13v14H6a2 2 0 0 1-2-2z M17 9h3v8a2 2 0 0 1-2 2 M7 9h7 M7 12h7 M7 15h4",
    "meetings": "M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5 M8 14h3",
    "leaflets": "M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6",
    "ladder": "M7 3v18 M17 3v18 M7 7h10 M7 12h10 M7 17h10",
    "get-involved": "M12 3v18 M5 5h11l3 3-3 3H5z M19 13H8l-3 3 3 3h11z",
    "have-your-say": "M4 5h16v11H9l-5 4z M12 8v4 M12 14.5h.01",
    "you-said-we-did": "M4 5h16v11H9l-5 4z M8.5 10.5l2.5 2.5 4.5-4.5",
    "figures": "M4 20h16 M6 20v-6 M11 20V8 M16 20v-9",
    "policy": "M12 3l7 3v6c0 4.5-3 7.5-7 9c-4-1.5-7-4.5-7-9V6z M9 12l2 2 4-4",
    "search": "M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M15.5 15.5L20 20",
    "updates": "M4 6h16v12H4z M4 7l8 6 8-6",
}

# Which icon stands for each kind of top-level page (by model name), so the
# home app can show section icons without importing the apps that own them.
SECTION_ICONS = {
    "newsindexpage": "news",
    "meetingindexpage": "meetings",
    "leafletindexpage": "leaflets",
    "opportunityindexpage": "get-involved",
    "suggestionpage": "have-your-say",
    "yousaidwedidpage": "you-said-we-did",
    "involvementfigurespage": "figures",
    "formpage": "consultation",
    "standardpage": "about",
}
# Standard pages with a fixed address (DESIGN.md section 9) that have their own icon.
SLUG_ICONS = {"ladder-of-participation": "ladder", "policy": "policy"}


def section_icon_name(page):
    from django.contrib.contenttypes.models import ContentType

    if page.slug in SLUG_ICONS:
        return SLUG_ICONS[page.slug]
    # get_for_id is cached, so a menu of pages costs no extra queries.
    model = ContentType.objects.get_for_id(page.content_type_id).model
    return SECTION_ICONS.get(model, "")


def render_icon(name, css_class="icon"):
    """An inline, decorative SVG icon; an empty string for an unknown name."""
    path = ICON_PATHS.get(name)
    if path is None:
        return ""
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" '
        'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        '<path d="{}"/></svg>',
        css_class,
        path,
    )
