from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .models import KeyFigure, Source, Status


def localized(*field_names):
    """Search and list columns for each language version of translated fields: title -> title_da, title_nb…"""
    return [f"{name}_{code}" for name in field_names for code, _name in settings.LANGUAGES]


class ContentAdmin(TabbedTranslationAdmin):
    """Shared behaviour for every public model: status filter, publish and unpublish actions, timestamps."""

    list_filter = ["status"]
    readonly_fields = ["created", "updated"]
    actions = ["publish", "unpublish"]
    list_per_page = 50

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d item was published.", "%(count)d items were published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected items (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d item was unpublished.", "%(count)d items were unpublished.", count) % {"count": count},
            messages.SUCCESS,
        )


class ContentTabularInline(TranslationTabularInline):
    extra = 0
    show_change_link = True


class ContentStackedInline(TranslationStackedInline):
    extra = 0
    show_change_link = True


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "kind", "language", "published_on", "url"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "url", "key"]
    readonly_fields = ["created", "updated"]
    prepopulated_fields = {"key": ["publisher", "title"]}


@admin.register(KeyFigure)
class KeyFigureAdmin(ContentAdmin):
    list_display = ["__str__", "as_of", "source", "country", "mission", "order", "status"]
    list_filter = ["status", "country", "mission"]
    search_fields = ["key", *localized("value", "label", "note")]
    autocomplete_fields = ["source", "country", "mission"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "country", "mission")
