from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<int:year>/", views.report_page, name="report"),
    path("<int:year>.xlsx", views.report_xlsx, name="report-xlsx"),
    path("<int:year>.csv", views.report_csv, name="report-csv"),
    path("<int:year>.svg", views.report_svg, name="report-svg"),
]
