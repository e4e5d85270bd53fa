from django.urls import path
from django.utils.translation import gettext_lazy as _

from plan import views

app_name = "plan"

# Public: /vi/minh-bach/, /en/transparency/ (the path is translated).
urlpatterns = [
    path(_("transparency/"), views.transparency, name="transparency"),
]
