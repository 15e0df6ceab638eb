"""Broken, disguised and oversized images uploaded in the admin are refused
with a form error, never a 500 (issue 12)."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection


def gif_frames(size, frames):
    buffer = io.BytesIO()
    images = [PILImage.new("P", size, color) for color in range(frames)]
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


def png(size):
    buffer = io.BytesIO()
    PILImage.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_png():
    buffer = io.BytesIO()
    PILImage.frombytes("L", (300, 300), os.urandom(300 * 300)).save(buffer, "PNG")
    whole = buffer.getvalue()
    return whole[: len(whole) // 2]


HOSTILE = {
    "malformed.gif": b"GIF89a\x10\x00\x10\x00\xf7\x00\x00" + b"\xff" * 40,
    "truncated.png": truncated_png(),
    "text.jpg": b"This is not a picture at all.\n",
    "empty.png": b"",
    "header-only.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    # 2,000 x 2,000 pixels in each of 11 frames: 44 million, over the 40 million limit.
    "many-frames.gif": gif_frames((2000, 2000), 11),
    # 25,000 x 25,000 pixels that compress to a few kilobytes.
    "bomb.png": png((25_000, 25_000)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_images_are_refused_with_a_form_error(client, superuser, name):
    client.force_login(superuser)
    client.raise_request_exception = False
    response = client.post(
        "/admin/images/add/",
        {
            "title": name,
            "description": "A test image",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, HOSTILE[name]),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("file"), form.errors  # the error sits on the file, where the editor looks
    assert f'value="{name}"' in response.content.decode()  # what they typed is kept
    assert not get_image_model().objects.filter(title=name).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["malformed.gif", "header-only.jpg", "many-frames.gif"])
def test_hostile_images_are_refused_by_the_multiple_upload_too(client, superuser, name):
    client.force_login(superuser)
    client.raise_request_exception = False
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, HOSTILE[name]), "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()
