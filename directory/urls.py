from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/", views.cluster_list, name="cluster-list"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster-detail"),
    path("companies/", views.company_list, name="company-list"),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("open-data/", views.open_data, name="open-data"),
    path("contact/", views.contact, name="contact"),
    path("open-data/clusters.json", views.clusters_json, name="open-data-clusters-json"),
    path("open-data/clusters.csv", views.clusters_csv, name="open-data-clusters-csv"),
    path("open-data/companies.csv", views.companies_csv, name="open-data-companies-csv"),
    path("privacy/", views.privacy, name="privacy"),
    path("write/cluster/<slug:slug>/", views.write_to_cluster, name="write-to-cluster"),
    path("write/contact/<int:pk>/", views.write_to_contact, name="write-to-contact"),
    path("write/network/", views.write_to_network, name="write-to-network"),
]
