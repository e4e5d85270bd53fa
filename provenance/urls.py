"""Trace pages and tools inside the language prefix: /<lang>/trace/..."""

from django.urls import path, re_path

from provenance import views

app_name = "provenance"

urlpatterns = [
    path("checkpoints/", views.checkpoint_list, name="checkpoints"),
    path("checkpoints.json", views.checkpoint_json, name="checkpoints-json"),
    path("01/<str:gtin>/10/<str:lot>/", views.trace_page, name="trace"),
    path("01/<str:gtin>/10/<str:lot>/21/<str:serial>/", views.trace_page, name="trace-serial"),
    path("01/<str:gtin>/10/<str:lot>/documents.zip", views.document_pack, name="document-pack"),
    re_path(r"^qr/(?P<pk>\d+)\.(?P<fmt>svg|png)$", views.lot_qr, name="qr-lot"),
    re_path(
        r"^qr/(?P<pk>\d+)/(?P<serial>[^/]+)\.(?P<fmt>svg|png)$", views.serial_qr, name="qr-serial"
    ),
    path("labels/<int:pk>/", views.label_sheet, name="labels"),
    path("report/", views.report_suspect_pack, name="report"),
    path("report/sent/", views.report_sent, name="report-sent"),
    path("staff/suspicious/", views.suspicious_codes, name="suspicious"),
    path("staff/areas/<int:pk>/buyers/", views.area_buyers, name="area-buyers"),
]
