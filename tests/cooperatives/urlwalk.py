"""Every URL pattern under a namespace, read from the resolver (so new views are
covered without touching the tests)."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern


def _params(pattern):
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return list(getattr(pattern, "converters", {}))


def patterns_in(namespace):
    found = []

    def walk(patterns, namespaces, params):
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = namespaces + ([item.namespace] if item.namespace else [])
                walk(item.url_patterns, ns, params + _params(item.pattern))
            elif isinstance(item, URLPattern) and item.name:
                if ":".join(namespaces).endswith(namespace):
                    view = item.callback
                    view_class = getattr(view, "view_class", None)
                    found.append((item.name, params + _params(item.pattern), view_class))

    walk(get_resolver().url_patterns, [], [])
    seen, unique = set(), []
    for name, params, view_class in found:
        if name not in seen:
            seen.add(name)
            unique.append((name, params, view_class))
    return unique
