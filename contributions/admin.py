from django.contrib import admin

from core.admin import ContentAdmin, ContentTabularInline, localized

from .models import Contribution, ContributionKind, Mandate


class ContributionInline(ContentTabularInline):
    """The contributions a mandate authorised, as a list with links. A contribution needs its description and
    sources, which a table row cannot hold, so contributions are added and edited on their own form."""

    model = Contribution
    fk_name = "mandate"
    fields = ["title", "country", "mission", "kind", "personnel", "as_of", "status"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Mandate)
class MandateAdmin(ContentAdmin):
    list_display = [
        "label",
        "country",
        "kind",
        "reference",
        "session",
        "adopted_on",
        "votes_for",
        "votes_against",
        "status",
    ]
    list_filter = ["status", "country", "kind", "missions"]
    search_fields = ["key", "reference", "session", *localized("label", "title", "summary")]
    autocomplete_fields = ["country", "missions", "sources", "vote_source"]
    date_hierarchy = "adopted_on"
    inlines = [ContributionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")


@admin.register(ContributionKind)
class ContributionKindAdmin(ContentAdmin):
    list_display = ["name", "order", "status"]
    list_editable = ["order"]
    search_fields = ["key", *localized("name")]


@admin.register(Contribution)
class ContributionAdmin(ContentAdmin):
    list_display = ["title", "country", "mission", "kind", "personnel", "start_date", "end_date", "as_of", "status"]
    list_filter = ["status", "country", "mission", "kind", "certainty"]
    search_fields = ["key", *localized("title", "description", "location")]
    autocomplete_fields = ["country", "mission", "mandate", "kind", "partner_countries", "sources"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country", "mission", "kind")
