from __future__ import annotations

from django.urls import path

from consultants import views

app_name = "consultants"

urlpatterns = [
    path("consultants/", views.directory, name="directory"),
    path("consultants/<int:pk>/", views.detail, name="detail"),
    path("consultants/<int:pk>/edit/", views.edit, name="edit"),
    path("consultants/<int:pk>/history/", views.history, name="history"),
    path("consultants/<int:pk>/references/new/", views.reference_create, name="reference_create"),
    path("references/<int:pk>/edit/", views.reference_edit, name="reference_edit"),
    path("references/<int:pk>/delete/", views.reference_delete, name="reference_delete"),
    path("profile/", views.my_profile, name="mine"),
]
