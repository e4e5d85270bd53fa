from django.urls import path

from tourism import views

app_name = "tourism"

urlpatterns = [
    path("booking/<str:token>/", views.booking_detail, name="booking"),
    path("booking/<str:token>/calendar.ics", views.booking_ics, name="booking-ics"),
    path("host/", views.host_index, name="host-index"),
    path("host/visits/<int:pk>/", views.host_experience, name="host-experience"),
    path("host/slots/<int:pk>/", views.host_slot, name="host-slot"),
    path("host/slots/<int:pk>/guests.csv", views.host_slot_csv, name="host-slot-csv"),
]
