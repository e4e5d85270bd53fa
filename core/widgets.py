"""Form widgets shared by the site and the back office."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _


class RichTextWidget(forms.Textarea):
    """A textarea that static/js/richtext.js turns into a small rich-text editor (bold,
    italic, headings, lists, links). The HTML it posts is sanitised on the server too
    (core/sanitize.py), like any HTML a cooperative writes. Without JavaScript it is the
    plain textarea."""

    LABELS = {
        "toolbar": _("Formatting"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "heading": _("Heading"),
        "paragraph": _("Paragraph"),
        "bullets": _("Bulleted list"),
        "numbers": _("Numbered list"),
        "link": _("Link"),
        "linkPrompt": _("Address of the link (https://…)"),
        "unlink": _("Remove link"),
    }

    def __init__(self, attrs=None):
        super().__init__({"rows": 10, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = {key: str(label) for key, label in self.LABELS.items()}
        context["widget"]["attrs"]["data-richtext"] = json.dumps(labels, ensure_ascii=False)
        return context

    class Media:
        js = ["js/richtext.js"]
