"""/scim/v2/<organisation slug>/: SCIM 2.0 resources and discovery (a trailing slash is
accepted, as some providers add one)."""

from __future__ import annotations

from django.urls import re_path

from vetting.scim import views

urlpatterns = [
    re_path(r"^Users/?$", views.UsersView.as_view(), name="users"),
    re_path(r"^Users/(?P<pk>[^/]+)/?$", views.UserView.as_view(), name="user"),
    re_path(r"^Groups/?$", views.GroupsView.as_view(), name="groups"),
    re_path(r"^Groups/(?P<pk>[^/]+)/?$", views.GroupView.as_view(), name="group"),
    re_path(
        r"^ServiceProviderConfig/?$",
        views.ServiceProviderConfigView.as_view(),
        name="service_provider_config",
    ),
    re_path(r"^ResourceTypes/?$", views.ResourceTypesView.as_view(), name="resource_types"),
    re_path(
        r"^ResourceTypes/(?P<pk>[^/]+)/?$", views.ResourceTypesView.as_view(), name="resource_type"
    ),
    re_path(r"^Schemas/?$", views.SchemasView.as_view(), name="schemas"),
    re_path(r"^Schemas/(?P<pk>[^/]+)/?$", views.SchemasView.as_view(), name="schema"),
]
