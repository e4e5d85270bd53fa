from django.urls import path

from tourism import views

app_name = "tourism"

urlpatterns = [
    path("booking/<str:token>/", views.booking_detail, name="booking"),
    path("booking/<str:token>/calendar.ics", views.booking_ics, name="booking-ics"),
]
