"""What each app adds to the cooperative (partner) dashboard: which of its models belong
to a partner, and which dashboard pages it opens to cooperative users.

Nothing here names another app. An app declares its own, once, from its
``AppConfig.ready()`` (the way ``payments.registry`` works)::

    def ready(self):
        from cooperatives import registry

        registry.register_owned("tourism.Visit", "cooperative__partner")
        registry.register_dashboard_page(
            "visits/", "tourism.dashboard.VisitListView", "cooperative-visits",
            menu_label=_("Farm visits"), menu_icon="fas fa-route",
        )

``cooperatives.access`` reads the ownership paths (a model nobody registered is
nobody's: denied); ``shop.dashboard`` mounts the pages under the ``dashboard``
namespace, opens them to staff and to cooperative users, and adds the menu entries.
This module imports no app, so any app may import it from its ``ready()``.
"""

from dataclasses import dataclass

from django.apps import apps

#: "app_label.modelname" → lookup from the model to its owning Partner ("" = a Partner).
_OWNED: dict[str, str] = {}

#: Dashboard pages by URL name, in registration order.
_PAGES: dict[str, "DashboardPage"] = {}


def _label(model):
    if isinstance(model, str):
        app_label, _dot, model_name = model.partition(".")
        if not model_name:
            raise ValueError(f"{model!r}: expected 'app_label.ModelName'")
        return f"{app_label}.{model_name}".lower()
    return model._meta.label_lower


def register_owned(model, path):
    """``model`` (a model class or "app_label.ModelName") belongs to the Partner reached
    by the lookup ``path`` ("" when the model is the Partner itself), e.g.
    ``register_owned("order.Line", "partner")``. Registering again replaces the path."""
    _OWNED[_label(model)] = path


def unregister_owned(model):
    _OWNED.pop(_label(model), None)


def partner_path(model):
    """The lookup from ``model`` to its owning Partner, or None: nobody's."""
    return _OWNED.get(_label(model))


def owned_models():
    """Every registered model with its path (unknown labels are skipped)."""
    found = {}
    for label, path in _OWNED.items():
        try:
            found[apps.get_model(label)] = path
        except LookupError:
            continue
    return found


@dataclass(frozen=True)
class DashboardPage:
    route: str  # under /dashboard/, as for django.urls.path
    view: object  # a view callable, a class-based view, or its dotted path
    name: str  # the URL name, reversed as "dashboard:<name>"
    menu_label: object = None  # a menu entry when given (use gettext_lazy)
    menu_icon: str | None = None
    menu_group: object = None  # entries with the same group share one drop-down

    def as_view(self):
        from django.utils.module_loading import import_string

        view = import_string(self.view) if isinstance(self.view, str) else self.view
        return view.as_view() if hasattr(view, "as_view") else view


def register_dashboard_page(route, view, name, *, menu_label=None, menu_icon=None, menu_group=None):
    """A dashboard page open to staff and to cooperative users (the view itself must
    load every object through ``cooperatives.access``). With ``menu_label`` it also
    gets an entry in the dashboard menu; pages naming the same ``menu_group`` (a lazy
    label) share one drop-down, so the menu stays one row however many apps add pages.
    Registering a name again replaces the page."""
    _PAGES[name] = DashboardPage(route, view, name, menu_label, menu_icon, menu_group)


def unregister_dashboard_page(name):
    _PAGES.pop(name, None)


def dashboard_pages():
    return list(_PAGES.values())


def dashboard_menu():
    """Menu entries in Oscar's OSCAR_DASHBOARD_NAVIGATION form: a page on its own, or a
    group (where its first page would stand) with its pages as children."""
    entries, groups = [], {}
    for page in _PAGES.values():
        if not page.menu_label:
            continue
        entry = {
            "label": page.menu_label,
            "icon": page.menu_icon,
            "url_name": f"dashboard:{page.name}",
        }
        if page.menu_group is None:
            entries.append(entry)
            continue
        key = str(page.menu_group)
        if key not in groups:
            groups[key] = {"label": page.menu_group, "icon": page.menu_icon, "children": []}
            entries.append(groups[key])
        groups[key]["children"].append(entry)
    return entries
