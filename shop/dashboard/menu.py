"""Oscar's dashboard menu (settings.OSCAR_DASHBOARD_NAVIGATION) followed by the entries
of the pages apps registered (cooperatives.registry.register_dashboard_page)."""

from django.conf import settings
from oscar.apps.dashboard.menu import create_menu

from cooperatives import registry


def get_nodes(user):
    """The visible navigation nodes for ``user`` (as Oscar's get_nodes)."""
    nodes = create_menu([*settings.OSCAR_DASHBOARD_NAVIGATION, *registry.dashboard_menu()])
    visible = []
    for node in nodes:
        filtered = node.filter(user)
        # Headings without children are left out.
        if filtered and (filtered.has_children() or not filtered.is_heading):
            visible.append(filtered)
    return visible
