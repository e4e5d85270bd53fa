"""Training sessions inside the language prefix: /<lang>/training/..."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.training_index, name="training-index"),
    path("<int:pk>/", views.training_detail, name="training-detail"),
    path(
        "<int:pk>/withdraw/<int:registration_pk>/",
        views.withdraw,
        name="training-withdraw",
    ),
]
