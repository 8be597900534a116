from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultants.models import Consultant, Reference, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0


@admin.register(Consultant)
class ConsultantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency", "email", "location", "updated_at"]
    search_fields = ["name", "agency", "email", "headline"]
    filter_horizontal = ["services_offered", "services_not_offered"]
    raw_id_fields = ["user"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [ReferenceInline]


@admin.register(Reference)
class ReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "company", "consultant", "relationship", "consent_to_contact"]
    list_filter = ["relationship", "consent_to_contact"]
    search_fields = ["name", "email", "company", "consultant__name"]
    raw_id_fields = ["consultant"]
