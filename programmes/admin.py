from django.contrib import admin

from editorial.admin import ContentAdmin, ContentStackedInline, ContentTabularInline, localized

from .models import Activity, Programme, Theme


class ThemeInline(ContentStackedInline):
    model = Theme
    fields = ["number", "title", "description", "budget_amount", "status"]


class ActivityInline(ContentTabularInline):
    model = Activity
    fk_name = "programme"
    fields = ["key", "order", "theme", "title", "partner_organisation", "countries", "status"]
    autocomplete_fields = ["theme", "partner_organisation", "countries"]


@admin.register(Programme)
class ProgrammeAdmin(ContentAdmin):
    list_display = ["title", "donor", "start_date", "end_state", "budget_amount", "currency", "status"]
    list_filter = ["status", "donor", "currency", "end_state"]
    search_fields = ["key", *localized("title", "summary", "purpose")]
    autocomplete_fields = ["donor", "target_countries", "sources", "confirmed_by"]
    inlines = [ThemeInline, ActivityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("donor")


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    list_display = ["__str__", "programme", "budget_amount", "status"]
    list_filter = ["status", "programme"]
    search_fields = [*localized("title", "description")]
    autocomplete_fields = ["programme"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")


@admin.register(Activity)
class ActivityAdmin(ContentAdmin):
    list_display = ["title", "programme", "theme", "partner_organisation", "order", "status"]
    list_filter = ["status", "programme", "theme", "partner_organisation", "countries"]
    search_fields = ["key", *localized("title", "description")]
    autocomplete_fields = ["programme", "theme", "partner_organisation", "countries"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme", "partner_organisation")
