"""Calm, flat illustrations for the demo stories, drawn with Pillow so the
repository carries no binaries and no stock photos. Each picture is a scene
made of small shapes, in the site's own colours, with no text inside it (words
in a picture cannot be read aloud, translated or enlarged), and carries the
image description that says what it shows."""

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageDraw

# The colours of static/css/site.css, plus soft skin and clothing tones.
BRAND = (11, 85, 99)
BRAND_DARK = (7, 58, 68)
ACCENT = (255, 221, 0)
PALE = (243, 242, 241)
SKY = (210, 226, 230)
WHITE = (255, 255, 255)
INK = (29, 29, 27)
GREEN = (0, 112, 60)
PURPLE = (92, 45, 145)
WOOD = (176, 132, 88)
SKIN = [(241, 194, 160), (198, 134, 94), (141, 85, 54), (224, 172, 105)]
CLOTHES = [BRAND, PURPLE, GREEN, (179, 38, 30), BRAND_DARK, (10, 79, 143)]


class Box:
    """A rectangle to draw a scene into; shapes are placed by fractions of it,
    so one scene fits a wide news picture and a tall leaflet cover alike."""

    def __init__(self, left, top, right, bottom):
        self.left, self.top, self.right, self.bottom = left, top, right, bottom

    @property
    def size(self):
        return min(self.right - self.left, self.bottom - self.top)

    def point(self, fx, fy):
        return (self.left + fx * (self.right - self.left), self.top + fy * (self.bottom - self.top))

    def rect(self, fx1, fy1, fx2, fy2):
        return [*self.point(fx1, fy1), *self.point(fx2, fy2)]


def circle(draw, centre, radius, colour):
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def person(draw, centre, size, *, clothes, skin):
    """A seated person from the front: a head above rounded shoulders."""
    x, y = centre
    draw.rounded_rectangle([x - size * 0.5, y, x + size * 0.5, y + size * 1.1], radius=size * 0.35, fill=clothes)
    circle(draw, (x, y - size * 0.3), size * 0.3, skin)


def table(draw, box, top_y, *, left=0.1, right=0.9):
    draw.rectangle(box.rect(left, top_y, right, top_y + 0.05), fill=WOOD)
    for leg in (left + 0.04, right - 0.06):
        draw.rectangle(box.rect(leg, top_y + 0.05, leg + 0.02, 1.0), fill=WOOD)


def cup(draw, centre, size, colour):
    x, y = centre
    draw.rounded_rectangle([x - size / 2, y - size, x + size / 2, y], radius=size * 0.15, fill=colour)
    draw.arc([x + size * 0.3, y - size * 0.8, x + size * 0.8, y - size * 0.3], -90, 90, fill=colour, width=4)


def sun(draw, centre, radius):
    circle(draw, centre, radius, ACCENT)


def ground(draw, box, top_y, colour=GREEN):
    draw.rectangle(box.rect(0, top_y, 1, 1), fill=colour)


def hub_open_on_saturdays(draw, box):
    """A low building with its door open and light inside, on a sunny morning."""
    draw.rectangle(box.rect(0, 0, 1, 1), fill=SKY)
    sun(draw, box.point(0.85, 0.2), box.size * 0.1)
    ground(draw, box, 0.82)
    draw.rectangle(box.rect(0.2, 0.35, 0.8, 0.82), fill=BRAND)
    draw.polygon([box.point(0.15, 0.37), box.point(0.5, 0.15), box.point(0.85, 0.37)], fill=BRAND_DARK)
    for window in (0.27, 0.62):
        draw.rectangle(box.rect(window, 0.45, window + 0.11, 0.58), fill=PALE)
    draw.rectangle(box.rect(0.43, 0.55, 0.57, 0.82), fill=ACCENT)
    draw.polygon(
        [box.point(0.43, 0.55), box.point(0.38, 0.58), box.point(0.38, 0.85), box.point(0.43, 0.82)], fill=WHITE
    )
    draw.polygon([box.point(0.43, 0.82), box.point(0.57, 0.82), box.point(0.62, 1.0), box.point(0.38, 1.0)], fill=PALE)


def interview_panel(draw, box):
    """Three people side by side behind a long table, with papers in front of them."""
    draw.rectangle(box.rect(0, 0, 1, 1), fill=PALE)
    for place, fx in enumerate((0.25, 0.5, 0.75)):
        person(draw, box.point(fx, 0.4), box.size * 0.2, clothes=CLOTHES[place], skin=SKIN[place])
    table(draw, box, 0.62)
    for fx in (0.2, 0.45, 0.7):
        draw.rectangle(box.rect(fx, 0.6, fx + 0.08, 0.62), fill=WHITE)


def people_in_a_circle(draw, box):
    """Six people seen from above, sitting in a circle on a round rug."""
    draw.rectangle(box.rect(0, 0, 1, 1), fill=PALE)
    cx, cy = box.point(0.5, 0.5)
    ring = box.size * 0.3
    circle(draw, (cx, cy), ring * 0.8, SKY)
    for seat in range(6):
        x, y = _round(cx, cy, ring, seat, 6)
        circle(draw, (x, y), box.size * 0.09, CLOTHES[seat])
        circle(draw, (x, y), box.size * 0.045, SKIN[seat % len(SKIN)])


def _round(cx, cy, radius, index, count):
    """Where the index-th of count places sits on a circle, starting at the top."""
    angle = 2 * math.pi * index / count - math.pi / 2
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def table_with_cups(draw, box):
    """A café table with a teapot and four cups."""
    draw.rectangle(box.rect(0, 0, 1, 1), fill=SKY)
    draw.rectangle(box.rect(0, 0.75, 1, 1), fill=PALE)
    table(draw, box, 0.6, left=0.15, right=0.85)
    size = box.size * 0.13
    for fx, colour in zip((0.22, 0.34, 0.66, 0.78), (BRAND, ACCENT, PURPLE, GREEN), strict=True):
        cup(draw, box.point(fx, 0.6), size, colour)
    x, y = box.point(0.5, 0.6)
    draw.ellipse([x - size, y - size * 1.5, x + size, y], fill=BRAND_DARK)
    draw.polygon(
        [(x + size * 0.8, y - size), (x + size * 1.6, y - size * 1.4), (x + size, y - size * 0.4)], fill=BRAND_DARK
    )


def suggestion_and_reply(draw, box):
    """Two speech bubbles, one from a person and one answering back, with lines for words."""
    draw.rectangle(box.rect(0, 0, 1, 1), fill=PALE)
    person(draw, box.point(0.2, 0.7), box.size * 0.22, clothes=GREEN, skin=SKIN[1])
    _speech_bubble(draw, box.rect(0.35, 0.12, 0.9, 0.42), WHITE, tail=box.point(0.3, 0.5))
    _speech_bubble(draw, box.rect(0.45, 0.52, 0.95, 0.8), ACCENT, tail=box.point(0.55, 0.9))


def _speech_bubble(draw, rect, colour, *, tail):
    left, top, right, bottom = rect
    draw.polygon([(left + (right - left) * 0.1, bottom), (left + (right - left) * 0.3, bottom), tail], fill=colour)
    draw.rounded_rectangle(rect, radius=(bottom - top) * 0.3, fill=colour)
    step = (bottom - top) / 4
    for line in range(1, 4):
        y = top + line * step
        draw.line(
            [left + (right - left) * 0.12, y, right - (right - left) * (0.12 + 0.15 * (line == 3)), y],
            fill=INK,
            width=3,
        )


@dataclass(frozen=True)
class Picture:
    draw: Callable
    description: str


HUB_OPEN = Picture(
    hub_open_on_saturdays,
    "A drawing of a low teal building on a sunny morning, its front door open and warm light inside.",
)
INTERVIEW_PANEL = Picture(
    interview_panel, "A drawing of three people sitting side by side behind a long table, with papers in front of them."
)
PEOPLE_IN_A_CIRCLE = Picture(
    people_in_a_circle, "A drawing of six people seen from above, sitting together in a circle."
)
TABLE_WITH_CUPS = Picture(table_with_cups, "A drawing of a café table with a teapot and four coloured cups.")
SUGGESTION_AND_REPLY = Picture(
    suggestion_and_reply, "A drawing of a person with a speech bubble, and a second speech bubble answering them."
)


def draw_picture(picture, width=1200, height=675):
    """The picture filling the whole canvas, as PNG bytes."""
    image = PILImage.new("RGB", (width, height), PALE)
    picture.draw(ImageDraw.Draw(image), Box(0, 0, width, height))
    return _png(image)


def leaflet_cover_description(picture):
    return f"A leaflet cover: a band of colour above {picture.description[0].lower()}{picture.description[1:]}"


def draw_leaflet_cover(picture, colour, width=600, height=850):
    """A leaflet's front cover: its own colour as a band, the picture below it."""
    image = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    margin = width // 12
    picture.draw(draw, Box(margin, height * 0.3, width - margin, height - margin))
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
