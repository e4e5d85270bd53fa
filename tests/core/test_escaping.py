"""Text from users and staff stays text: flash messages are escaped unless tagged
``safe`` (as Oscar does), and a product title cannot end or comment out its JSON-LD
script element."""

import json
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

from tests.factories import ProductFactory


def render_messages(*messages):
    return render_to_string("includes/messages.html", {"messages": list(messages)})


def test_plain_messages_are_escaped():
    html = render_messages(Message(constants.ERROR, '<img src=x onerror="alert(1)">'))
    assert "<img" not in html
    assert "&lt;img src=x" in html
    assert "alert-danger" in html


def test_messages_tagged_safe_keep_their_markup():
    html = render_messages(
        Message(constants.SUCCESS, '<a href="/vi/shop/basket/">Giỏ hàng</a>', extra_tags="safe")
    )
    assert '<a href="/vi/shop/basket/">Giỏ hàng</a>' in html
    assert "alert-success" in html


HOSTILE_TITLES = [
    "Sâm <!--<script> tươi",
    "Sâm </script><script>alert(1)</script>",
    "Sâm </SCRIPT > & <b>",
]


@pytest.mark.django_db
@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_json_ld_stays_inside_its_script_element(client, wagtail_root, title):
    product = ProductFactory(stock=2, title_en=title, title_vi=title)
    response = client.get(f"/en/shop/catalogue/{product.slug}_{product.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    end = html.index("</script>", start)
    payload = html[start:end]
    # Nothing in the payload can change the HTML tokenizer's state inside the element.
    assert not re.search(r"<!--|<script|</script", payload, re.I)
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload)["name"] == title
    # The page after the element is intact: the footer and the product heading render.
    assert "</footer>" in html[end:]
