"""Thumbnails are made by a task after the upload commits, never by a page: until the
task has run, pages show a placeholder; a picture over the pixel limit is never
decoded."""

import time

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from oscar.core.loading import get_model

from shop.catalogue.thumbnails import PLACEHOLDER, SIZES, make_product_thumbnails
from tests.core.images_helpers import huge_png
from tests.factories import ProductFactory, jpeg_file

ProductImage = get_model("catalogue", "ProductImage")
pytestmark = pytest.mark.django_db


def thumbnail_count():
    """Thumbnails sorl has made (its key-value store lists each source's)."""
    from sorl.thumbnail import default
    from sorl.thumbnail.models import KVStore

    made = 0
    for row in KVStore.objects.filter(key__startswith="sorl-thumbnail||thumbnails||"):
        made += len(default.kvstore._get(row.key.rsplit("||", 1)[-1], identity="thumbnails"))
    return made


def page(client, product):
    with translation.override("vi"):
        return client.get(product.get_absolute_url()).content.decode()


def test_pages_show_a_placeholder_until_the_task_has_run(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    product = ProductFactory(stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        image = ProductImage.objects.create(product=product, original=jpeg_file("root.jpg"))
    queued = [r for r in default_task_backend.results if r.task.name == "make_product_thumbnails"]
    assert [r.args for r in queued] == [[image.pk]]

    html = page(client, product)
    assert PLACEHOLDER in html
    assert thumbnail_count() == 0  # the page made none

    assert make_product_thumbnails.call(image.pk) == len(SIZES)
    html = page(client, product)
    assert PLACEHOLDER not in html
    assert "/media/cache/" in html


def test_with_the_immediate_backend_they_exist_once_committed(
    client, django_capture_on_commit_callbacks
):
    product = ProductFactory(stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        ProductImage.objects.create(product=product, original=jpeg_file("root.jpg"))
    assert thumbnail_count() >= len(SIZES)
    assert PLACEHOLDER not in page(client, product)


def test_the_task_never_decodes_a_picture_over_the_limit():
    product = ProductFactory()
    image = ProductImage.objects.create(
        product=product, original=ContentFile(huge_png(), name="bomb.png")
    )
    started = time.perf_counter()
    assert make_product_thumbnails.call(image.pk) == 0
    assert time.perf_counter() - started < 2
    assert thumbnail_count() == 0


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_a_worker_makes_them_outside_the_request(client, settings):
    """Production's backend (django_tasks_db): saving the picture only queues a row; the
    request makes no thumbnail; `manage.py db_worker` makes them afterwards."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    product = ProductFactory(stock=3)
    image = ProductImage.objects.create(product=product, original=jpeg_file("root.jpg"))
    queued = DBTaskResult.objects.filter(task_path__endswith="make_product_thumbnails")
    assert [row.args_kwargs["args"] for row in queued] == [[image.pk]]
    assert thumbnail_count() == 0
    assert PLACEHOLDER in page(client, product)

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert thumbnail_count() >= len(SIZES)
    assert PLACEHOLDER not in page(client, product)
