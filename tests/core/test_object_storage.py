"""Past one server: media on S3-compatible object storage (django-storages), against
moto's S3 server started on loopback by the test."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils.functional import empty

boto3 = pytest.importorskip("boto3", reason="needs boto3 (django-storages[s3])")
pytest.importorskip("moto", reason="needs moto[server] (the dev dependencies)")

pytestmark = pytest.mark.django_db
BUCKET = "samlaichau-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("moto_server did not start")
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    """STORAGES["default"] as base.py builds it from AWS_* variables."""
    from sorl.thumbnail import default as sorl_default

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "location": "media",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": False,
            },
        },
    }
    sorl_default.storage._wrapped = empty  # sorl keeps its storage once made
    yield client
    sorl_default.storage._wrapped = empty
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client, prefix):
    return sorted(
        item["Key"]
        for item in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    )


def test_product_image_and_thumbnails_live_in_the_bucket(
    s3_storage, client, settings, wagtail_root
):
    from tests.factories import ProductFactory, jpeg_file

    product = ProductFactory(stock=1, image=True)  # uploads, then makes the thumbnails
    image = product.primary_image()

    (original,) = keys(s3_storage, "media/images/products/")
    assert original == f"media/{image.original.name}"
    with image.original.open("rb") as stored:
        assert stored.read() == jpeg_file("again.jpg").read()
    # Nothing on the app server's disk.
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, image.original.name))
    thumbnails = keys(s3_storage, "media/cache/")
    assert len(thumbnails) == 5  # one per size of shop.catalogue.thumbnails.SIZES

    page = client.get(product.get_absolute_url()).content.decode()
    endpoint = s3_storage.meta.endpoint_url
    shown = [key for key in thumbnails if f"{endpoint}/{BUCKET}/{key}" in page]
    assert shown, "the product page shows its thumbnails from the bucket"
    body = s3_storage.get_object(Bucket=BUCKET, Key=shown[0])["Body"].read()
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG
