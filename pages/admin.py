from django.contrib import admin

from editorial.admin import ContentAdmin, localized

from .models import GlossaryTerm, Statement


@admin.register(Statement)
class StatementAdmin(ContentAdmin):
    list_display = ["title", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["kind", *localized("title", "summary", "body")]
    autocomplete_fields = ["sources"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentAdmin):
    list_display = ["term", "variants", "key", "status"]
    list_filter = ["status"]
    search_fields = ["key", *localized("term", "variants", "definition")]
    autocomplete_fields = ["sources"]
