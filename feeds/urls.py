"""Feeds, under each language prefix: /<lang>/feeds/google-<CUR>.xml, /<lang>/feeds/meta-<CUR>.csv."""

from django.urls import re_path

from feeds import views

app_name = "feeds"

urlpatterns = [
    re_path(r"^google-(?P<currency>[A-Za-z]{3})\.xml$", views.google_feed, name="google"),
    re_path(r"^meta-(?P<currency>[A-Za-z]{3})\.csv$", views.meta_feed, name="meta"),
]
