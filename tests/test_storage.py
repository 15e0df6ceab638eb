"""Uploads in S3-compatible object storage, tested against moto's S3 server:
a file uploaded through one app server is served by another, and private
documents stay private (issue 12)."""

import io
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from config.settings.base import s3_storage
from tests.support.servers import free_port, start_moto_server

BUCKET = "sui-media"
DOCUMENT_BYTES = b"Minutes of the March forum.\n"


@pytest.fixture(scope="module")
def moto_endpoint():
    port = free_port()
    process = start_moto_server(port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3(moto_endpoint, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    if BUCKET not in [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]:
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(BUCKET, moto_endpoint, "us-east-1", "path")}
    settings.MEDIA_ROOT = str(tmp_path / "server-a")
    return client


def on_second_server(settings, tmp_path):
    """A second app server: its own empty disk, a fresh client."""
    settings.MEDIA_ROOT = str(tmp_path / "server-b")
    return Client()


def upload_document(client, title, collection):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("minutes.txt", DOCUMENT_BYTES, content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=title)


def served_bytes(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_a_document_uploaded_on_one_server_is_served_by_another(client, s3, superuser, settings, tmp_path):
    client.force_login(superuser)
    document = upload_document(client, "Forum minutes", Collection.get_first_root_node())
    key = document.file.name
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == DOCUMENT_BYTES
    assert not (tmp_path / "server-a").exists()  # nothing on the first server's disk

    response = on_second_server(settings, tmp_path).get(document.url)
    assert response.status_code == 200
    assert served_bytes(response) == DOCUMENT_BYTES


@pytest.mark.django_db
def test_private_documents_stay_private(client, s3, superuser, settings, tmp_path):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    client.force_login(superuser)
    document = upload_document(client, "Staff rota", private)

    visitor = on_second_server(settings, tmp_path)
    response = visitor.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert DOCUMENT_BYTES not in served_bytes(response)
    # Nor can anyone fetch it from the bucket without a signature.
    unsigned = document.file.url.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)  # noqa: S310 - moto on loopback
    assert refused.value.code == 403

    staff = on_second_server(settings, tmp_path)
    staff.force_login(superuser)
    assert served_bytes(staff.get(document.url)) == DOCUMENT_BYTES


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_image_uploaded_on_one_server_renders_on_another(client, s3, superuser, settings, tmp_path):
    client.force_login(superuser)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Hub garden",
            "description": "The garden at the Hub",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("garden.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Hub garden")

    on_second_server(settings, tmp_path)
    rendition = image.get_rendition("fill-20x20")
    with urllib.request.urlopen(rendition.url, timeout=5) as fetched:  # noqa: S310 - signed URL on loopback
        served = PILImage.open(io.BytesIO(fetched.read()))
    assert served.size == (20, 20)
