from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.cluster_home, name="cluster"),
    path("<slug:slug>/profile/", views.profile, name="profile"),
    path("<slug:slug>/figures/", views.figures, name="figures"),
    path("<slug:slug>/figures/<int:pk>/", views.figures_edit, name="figures-edit"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/add/<int:company_pk>/", views.member_add, name="member-add"),
    path("<slug:slug>/members/new/", views.member_new, name="member-new"),
    path("<slug:slug>/members/import/", views.member_import, name="member-import"),
    path("<slug:slug>/members/company/<int:company_pk>/", views.member_edit, name="member-edit"),
    path("<slug:slug>/members/<int:pk>/end/", views.member_end, name="member-end"),
    path("<slug:slug>/contacts/", views.contacts, name="contacts"),
    path("<slug:slug>/contacts/<int:pk>/", views.contact_edit, name="contact-edit"),
    path("<slug:slug>/contacts/<int:pk>/delete/", views.contact_delete, name="contact-delete"),
]
