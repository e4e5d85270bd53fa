"""The demo's English pages are wagtail-localize translations written inside load_demo's
transaction: the page tree's counters stay right, so every English page is served."""

import pytest
from django.test import Client
from wagtail.models import Page

pytestmark = pytest.mark.django_db(transaction=True)


def test_english_pages_under_the_home_page_are_served(search_index):
    from demo.loader import DemoLoader
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    DemoLoader(log=lambda message: None).run()

    # wagtail-localize used to publish the English home page after commit from an object
    # that still counted no children: treebeard then found none and /en/stories/ was 404.
    assert Page.find_problems() == ([], [], [], [], [])
    client = Client()
    for path in ["/en/", "/en/stories/", "/en/about/", "/vi/cau-chuyen/", "/vi/gioi-thieu/"]:
        assert client.get(path).status_code == 200, path
