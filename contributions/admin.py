from django.contrib import admin

from editorial.admin import ContentAdmin, localized

from .models import Authorisation, Contribution, ContributionKind, Mandate


class AuthorisationInline(admin.TabularInline):
    """A contribution's mandates in order: the original decision first, then its extensions."""

    model = Authorisation
    fk_name = "contribution"
    fields = ["order", "mandate"]
    autocomplete_fields = ["mandate"]
    extra = 0


class AuthorisedContributionInline(admin.TabularInline):
    """The contributions a mandate authorised or extended, as a list with links. They are added on the
    contribution's own form, which holds their order."""

    model = Authorisation
    fk_name = "mandate"
    fields = ["contribution", "order"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    show_change_link = False

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
    inlines = [AuthorisedContributionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")


@admin.register(ContributionKind)
class ContributionKindAdmin(ContentAdmin):
    list_display = ["name", "order", "status"]
    list_editable = ["order"]
    search_fields = ["key", *localized("name")]


@admin.register(Contribution)
class ContributionAdmin(ContentAdmin):
    list_display = ["title", "country", "mission", "kind", "personnel", "start_date", "end_state", "as_of", "status"]
    list_filter = ["status", "country", "mission", "kind", "certainty", "end_state"]
    search_fields = ["key", *localized("title", "description", "location")]
    autocomplete_fields = ["country", "mission", "kind", "partner_countries", "sources", "confirmed_by"]
    date_hierarchy = "start_date"
    inlines = [AuthorisationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country", "mission", "kind")
