"""JSON-LD script elements that text cannot break out of."""

import json

from django.utils.safestring import mark_safe

# As django.utils.html.json_script: <, > and & become JSON escapes, so no text (a title
# with "</script>" or "<!--<script>") can close or comment out the element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
