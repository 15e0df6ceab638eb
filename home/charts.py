"""Bar charts drawn on the server as inline SVG, so they need no JavaScript,
no third-party request and no image file, and print as sharply as text.

A chart is one horizontal bar per row and measure, labelled with the same
value the table beside it shows. Suppressed counts ("fewer than 5") get a
dashed outline up to 5 rather than a bar of their true length, so the
picture gives away no more than the words. A second measure is hatched as
well as coloured, so the two can be told apart without colour.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .figures import SUPPRESS_BELOW, Figure

# Narrow, with each label above its bars, so that on a phone the whole chart
# fits the screen and its words stay close to the page's own text size.
WIDTH = 400
LABEL_HEIGHT = 22
VALUE_WIDTH = 100
BAR_AREA = WIDTH - VALUE_WIDTH
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_HEIGHT = 34
FONT_SIZE = 14
INK = "#1d1d1b"
BAR_COLOUR = "#0b5563"  # the brand colour: 7.9:1 against white


def bar_chart_svg(figure: Figure):
    """The figure as an accessible SVG (role="img", named by its title and
    described by its numbers in words)."""
    scale = max(figure.largest, SUPPRESS_BELOW)
    group_height = LABEL_HEIGHT + len(figure.measures) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    has_legend = len(figure.measures) > 1
    top = LEGEND_HEIGHT if has_legend else 0
    height = top + len(figure.rows) * (group_height + GROUP_GAP)
    parts = [_legend(figure)] if has_legend else []
    for index, row in enumerate(figure.rows):
        y = top + index * (group_height + GROUP_GAP)
        parts.append(_text(0, y + LABEL_HEIGHT / 2, row.label, weight="bold"))
        for position, count in enumerate(row.counts):
            bar_y = y + LABEL_HEIGHT + position * (BAR_HEIGHT + BAR_GAP)
            parts.append(_bar(figure, position, count, bar_y, scale))
    return format_html(
        '<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{slug}-title {slug}-desc" '
        'font-size="{font}" focusable="false">'
        '<title id="{slug}-title">{title}</title><desc id="{slug}-desc">{desc}</desc>{defs}{body}</svg>',
        width=WIDTH,
        height=height,
        slug=figure.slug,
        font=FONT_SIZE,
        title=figure.title,
        desc=chart_description(figure),
        defs=_hatch_pattern(figure.slug),
        body=mark_safe("".join(parts)),  # noqa: S308 (each part escaped by format_html)
    )


def chart_description(figure):
    """The chart in words: "January 2026: received 12, answered fewer than 5. ..." """
    if len(figure.measures) == 1:
        lines = (f"{label}: {values[0]}." for label, values in figure.shown_rows)
    else:
        lines = (
            f"{label}: " + ", ".join(f"{m.lower()} {v}" for m, v in zip(figure.measures, values, strict=True)) + "."
            for label, values in figure.shown_rows
        )
    return " ".join(lines)


def _hatch_pattern(slug):
    return format_html(
        '<defs><pattern id="{}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<rect width="3" height="6" fill="{}"/></pattern></defs>',
        slug,
        BAR_COLOUR,
    )


def _fill(figure, position):
    return BAR_COLOUR if position == 0 else f"url(#{figure.slug}-hatch)"


def _bar(figure, position, count, y, scale):
    shown = figure.shown(count)
    value_x = 6
    if count is None or count == 0:
        bar = ""
    elif shown != str(count):
        # Suppressed: an empty dashed box up to the threshold, not the true length.
        bar = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="2" '
            'stroke-dasharray="4 3"/>',
            1,
            y + 1,
            _length(SUPPRESS_BELOW, scale),
            BAR_HEIGHT - 2,
            BAR_COLOUR,
        )
        value_x += _length(SUPPRESS_BELOW, scale)
    else:
        length = _length(count, scale)
        bar = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"/>',
            0,
            y,
            length,
            BAR_HEIGHT,
            _fill(figure, position),
            BAR_COLOUR,
        )
        value_x += length
    return bar + _text(value_x, y + BAR_HEIGHT / 2, shown)


def _legend(figure):
    items = []
    x = 0
    for position, measure in enumerate(figure.measures):
        items.append(
            format_html(
                '<rect x="{}" y="4" width="18" height="18" fill="{}" stroke="{}"/>',
                x,
                _fill(figure, position),
                BAR_COLOUR,
            )
        )
        items.append(_text(x + 24, 13, measure))
        x += 24 + len(measure) * 9 + 24
    return format_html_join("", "{}", ((item,) for item in items))


def _length(count, scale):
    return round(BAR_AREA * count / scale, 1)


def _text(x, y, words, *, weight="normal"):
    return format_html(
        '<text x="{}" y="{}" fill="{}" dominant-baseline="middle" font-weight="{}">{}</text>',
        x,
        y,
        INK,
        weight,
        words,
    )
