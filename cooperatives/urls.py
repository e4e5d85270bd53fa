"""Public cooperative pages inside the language prefix: /<lang>/cooperatives/..."""

from django.urls import path

from cooperatives import claim, views

app_name = "cooperatives"

urlpatterns = [
    path("", views.profile_index, name="index"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.applied, name="applied"),
    path("claim/<str:token>/", claim.claim, name="claim"),
    path("<slug:slug>/", views.profile_detail, name="detail"),
]
