"""The GS1 Digital Link resolver, outside the language prefix: /01/{gtin}/10/{lot}[/21/{serial}]."""

from django.urls import re_path

from provenance import views

urlpatterns = [
    re_path(
        r"^01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)/21/(?P<serial>[^/]+)/?$",
        views.resolve,
        name="gs1-resolver-serial",
    ),
    re_path(r"^01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)/?$", views.resolve, name="gs1-resolver"),
    re_path(r"^01(?:/(?P<rest>.*))?$", views.invalid_code, name="gs1-resolver-invalid"),
]
