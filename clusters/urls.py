from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster-detail"),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
]
