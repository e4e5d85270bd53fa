"""The buyer's pages inside the language prefix: /<lang>/trade/..."""

from django.urls import path

from trade import views

app_name = "trade"

urlpatterns = [
    path("enquiry/", views.enquiry_form, name="enquiry-form"),
    path("enquiry/sent/", views.enquiry_sent, name="sent"),
    path("q/<str:token>/", views.enquiry_detail, name="enquiry"),
    path("q/<str:token>/proforma/", views.proforma, name="proforma"),
]
