from django import template

from shop.order import statuses

register = template.Library()


@register.filter
def status_label(status):
    return statuses.label(status)


@register.filter
def line_status_label(line):
    return statuses.line_label(line)


@register.filter
def event_type_label(event_type):
    """A shipping or payment event type in the reader's language: the types the shop
    creates (``shipped``) have their wording here; others show their stored name."""
    return statuses.event_type_label(event_type)
