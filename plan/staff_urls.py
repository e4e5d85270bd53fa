from django.urls import path

from plan import views

app_name = "plan-staff"

# Staff: under the dashboard's path (its styles, limits and CSP), staff only.
urlpatterns = [
    path("", views.staff_report, name="report"),
    path("print/", views.staff_report_print, name="print"),
]
