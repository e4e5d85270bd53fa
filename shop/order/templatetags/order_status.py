from django import template

from shop.order import statuses

register = template.Library()


@register.filter
def status_label(status):
    return statuses.label(status)


@register.filter
def line_status_label(line):
    return statuses.line_label(line)
