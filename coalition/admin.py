from django.contrib import admin

from editorial.admin import ContentAdmin, localized

from .models import Country, Mission, Organisation


@admin.register(Country)
class CountryAdmin(ContentAdmin):
    list_display = ["code", "name", "is_contributor", "status"]
    list_filter = ["status", "is_contributor"]
    search_fields = ["code", *localized("name")]


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["acronym", "name", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "acronym", *localized("name")]


@admin.register(Mission)
class MissionAdmin(ContentAdmin):
    list_display = ["title", "acronym", "kind", "lead_organisation", "start_date", "end_state", "status"]
    list_filter = ["status", "kind", "lead_organisation", "host_countries", "end_state"]
    search_fields = ["key", "acronym", *localized("title", "summary")]
    autocomplete_fields = ["lead_organisation", "parent", "host_countries", "sources", "confirmed_by"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_organisation")
