"""The read-only JSON API, at /api/v1/ (no language prefix: ``?lang=vi|en``)."""

from django.urls import path

from feeds import api

app_name = "feeds-api"

urlpatterns = [
    path("openapi.json", api.openapi_document, name="openapi"),
    path("products/", api.product_list, name="products"),
    path("products/<int:pk>/", api.product_detail, name="product"),
    path("lots/", api.lot_list, name="lots"),
    path("lots/<str:gtin>/<str:lot>/", api.lot_detail, name="lot"),
    path("lots/<str:gtin>/<str:lot>/verdict/", api.verdict, name="verdict"),
]
