"""The editorial admin shared by every content model.

- Publishing: new content starts as a draft. Editors with the "publish" permission publish now, schedule a
  future moment or unpublish, from buttons on the change form or from the changelist's actions. Publishing an
  object that misses a language asks for confirmation first, listing what is missing.
- Preview: the change form links to the draft as its public page in each language (editorial.preview).
- History: every save is a version (editorial.history); the history page lists who changed what, field by field
  and language by language, compares any two versions and restores an earlier one.
- Translation completeness: a changelist column and filter for missing languages; counts on the admin index.
- No lost edits and validation messages on the right field: see editorial.forms.
"""

from itertools import pairwise

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.models import KeyFigure, Source, Status

from . import history, preview, versions, workflow
from .forms import VERSION_FIELD, ContentAdminForm, ContentInlineForm, ScheduleForm
from .roles import publish_codename

# The admin's header, browser tab and index name the site, in the editor's language.
admin.site.site_header = _("Denmark and Norway against ISIL — editing")
admin.site.site_title = _("Denmark and Norway against ISIL — editing")
admin.site.index_title = _("Dashboard")

MISSING_LABELS = {
    "da": _("Missing Danish"),
    "nb": _("Missing Norwegian"),
    "en": _("Missing English"),
}


def localized(*field_names):
    """Search and list columns for each language version of translated fields: title -> title_da, title_nb…"""
    return [f"{name}_{code}" for name in field_names for code, _name in settings.LANGUAGES]


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        choices = [
            (code, MISSING_LABELS.get(code) or _("Missing %(language)s") % {"language": name})
            for code, name in settings.LANGUAGES
        ]
        return [*choices, ("none", _("Complete in every language"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value in workflow.language_codes():
            return queryset.filter(workflow.missing_q(queryset.model, value))
        if value == "none":
            return queryset.filter(workflow.complete_q(queryset.model))
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return workflow.PublicationState.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        due = Q(published_at__isnull=True) | Q(published_at__lte=now)
        match self.value():
            case workflow.PublicationState.DRAFT:
                return queryset.exclude(status=Status.PUBLISHED)
            case workflow.PublicationState.SCHEDULED:
                return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
            case workflow.PublicationState.PUBLISHED:
                return queryset.filter(due, status=Status.PUBLISHED)
        return queryset


class OneLanguageIsEnough:
    """modeltranslation's admin makes a required text required in the default language (English). Here, as in
    the models' clean(), a text is required in at least one language, whichever: Danish-only content is fine,
    and the model's message says so on the editor's own language (editorial.forms)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and hasattr(db_field, "translated_field"):
            field.required = False
        return field


class EditorialHistoryAdmin(SimpleHistoryAdmin):
    """History of every save with who, when and what changed; comparison of two versions; restoring one.
    Also the hidden "opened at" version that refuses a save over someone else's (editorial.forms)."""

    form = ContentAdminForm
    object_history_template = "admin/editorial/object_history.html"
    object_history_form_template = "admin/editorial/object_history_form.html"
    history_list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{info[0]}_{info[1]}_history_compare",
            ),
        ]
        return urls + super().get_urls()

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each version lists what it changed against the one before it, language by language."""
        records = list(historical_records)
        for newer, older in pairwise(records):
            newer.editorial_changes = versions.compare(self.model, older, newer, only_changes=True)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "compare_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history_compare", args=[object_id]
            ),
        }
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version, and restoring it. django-simple-history hides the button from those who may only
        view, but would still save their POST; here restoring takes the permission to change."""
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if self.revert_disabled(request, obj) or not self.has_change_permission(request, obj):
                raise PermissionDenied
        request.editorial_restoring = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        records = self.model.history.filter(**{self.opts.pk.attname: obj.pk}).select_related("history_user")
        ids = [request.GET.get("old"), request.GET.get("new")]
        if not all(value and value.isdigit() for value in ids):
            newest = list(records[:2])
            if not newest:
                raise Http404
            ids = [newest[-1].pk, newest[0].pk]
        found = records.in_bulk(ids)
        if len(found) != len(set(ids)):
            raise Http404
        old, new = sorted((found[int(ids[0])], found[int(ids[1])]), key=lambda record: record.history_date)
        show_all = request.GET.get("all") == "1"
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %(object)s") % {"object": obj},
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "records": [old, new],
            "rows": versions.compare(self.model, old, new, only_changes=not show_all),
            "show_all": show_all,
            "revert_disabled": self.revert_disabled(request, obj),
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/history_compare.html", context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "editorial_restoring", False):
            obj._change_reason = workflow.RESTORED
            # django-simple-history's restore view saves the relations with form.save_m2m() right after this.
            save_m2m = form.save_m2m

            def save_m2m_with_the_version():
                with history.relations_of_last_version(obj):
                    save_m2m()

            form.save_m2m = save_m2m_with_the_version
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """The relations and inline rows belong to the version the save recorded (editorial/history.py)."""
        with history.relations_of_last_version(form.instance):
            super().save_related(request, form, formsets, change)


class ContentAdmin(OneLanguageIsEnough, EditorialHistoryAdmin, TabbedTranslationAdmin):
    """Shared behaviour for every public model: publishing, preview, history, translation completeness."""

    list_filter = [PublicationFilter]
    readonly_fields = ["created", "updated"]
    actions = ["publish_now", "schedule_publication", "unpublish"]
    list_per_page = 50
    change_form_template = "admin/editorial/change_form.html"
    publication_fields = ["status", "published_at"]

    # Permissions.

    def view_on_site(self, obj):
        """The public page, when there is one to see; a draft is seen through its preview instead."""
        if not obj.is_public or not hasattr(obj, "get_absolute_url"):
            return None
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:  # No address yet, e.g. no slug in any language.
            return None

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.opts.app_label}.{publish_codename(self.opts)}")

    def get_readonly_fields(self, request, obj=None):
        """The publication state changes only through the publishing buttons and actions, which ask before
        publishing an incomplete translation and record the change in the history."""
        readonly = list(super().get_readonly_fields(request, obj))
        return [*self.publication_fields, *(name for name in readonly if name not in self.publication_fields)]

    # Changelist: translation completeness.

    def get_list_display(self, request):
        list_display = ["publication" if item == "status" else item for item in super().get_list_display(request)]
        if workflow.translated_text_fields(self.model):
            list_display.append("missing_translations")
        return list_display

    def get_list_filter(self, request):
        list_filter = [PublicationFilter if item == "status" else item for item in super().get_list_filter(request)]
        if workflow.translated_text_fields(self.model):
            list_filter.append(MissingTranslationFilter)
        return list_filter

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, obj):
        state = workflow.publication_state(obj)
        if state == workflow.PublicationState.SCHEDULED:
            moment = date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
            return format_html('<span class="editorial-scheduled">{} {}</span>', state.label, moment)
        return format_html('<span class="editorial-{}">{}</span>', state.value, state.label)

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        missing = workflow.missing_languages(obj)
        if not missing:
            return format_html('<span class="editorial-complete">{}</span>', _("complete"))
        return format_html_join(
            " ",
            '<abbr class="editorial-missing" title="{}">{}</abbr>',
            ((workflow.language_name(code), code) for code in missing),
        )

    # Actions.

    def _log_publication(self, request, obj):
        with translation.override(None):
            fields = [str(self.opts.get_field(name).verbose_name) for name in self.publication_fields]
        self.log_change(request, obj, [{"changed": {"fields": fields}}])

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        objects = list(queryset)
        if request.POST.get("confirm") != "yes" and any(workflow.missing_languages(obj) for obj in objects):
            return self.render_publication(request, objects, "publish_now")
        for obj in objects:
            workflow.publish(obj, request.user)
            self._log_publication(request, obj)
        self.message_user(
            request,
            ngettext("%(count)d item was published.", "%(count)d items were published.", len(objects))
            % {"count": len(objects)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Schedule the selected items for publication…"), permissions=["publish"])
    def schedule_publication(self, request, queryset):
        objects = list(queryset)
        form = ScheduleForm(request.POST if "publish_at" in request.POST else None)
        if not form.is_valid():
            return self.render_publication(request, objects, "schedule_publication", form)
        moment = form.cleaned_data["publish_at"]
        for obj in objects:
            workflow.schedule(obj, moment, request.user)
            self._log_publication(request, obj)
        self.message_user(
            request,
            ngettext(
                "%(count)d item will be published on %(moment)s.",
                "%(count)d items will be published on %(moment)s.",
                len(objects),
            )
            % {"count": len(objects), "moment": date_format(timezone.localtime(moment), "DATETIME_FORMAT")},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Unpublish the selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        objects = list(queryset)
        for obj in objects:
            workflow.unpublish(obj, request.user)
            self._log_publication(request, obj)
        self.message_user(
            request,
            ngettext("%(count)d item was unpublished.", "%(count)d items were unpublished.", len(objects))
            % {"count": len(objects)},
            messages.SUCCESS,
        )
        return None

    def render_publication(self, request, objects, action, form=None, obj=None):
        """The page that confirms publishing (listing missing translations) or asks when to publish. From the
        changelist (`obj` None) it posts back to the action; for one object to its publish or schedule page."""
        entries = [
            {
                "object": item,
                "missing": [
                    {"code": code, "language": workflow.language_name(code), "fields": fields}
                    for code, fields in workflow.missing_translations(item).items()
                ],
            }
            for item in objects
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule publication") if form is not None else _("Publish with missing translations?"),
            "subtitle": None,
            "opts": self.opts,
            "entries": entries,
            "incomplete": [entry for entry in entries if entry["missing"]],
            "action": action,
            "form": form,
            "object": obj,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/publication.html", context)

    # One object: publish and schedule pages, buttons on the change form.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{info[0]}_{info[1]}_publish",
            ),
            path(
                "<path:object_id>/schedule/",
                self.admin_site.admin_view(self.schedule_view),
                name=f"{info[0]}_{info[1]}_schedule",
            ),
        ]
        return urls + super().get_urls()

    def _publishable_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_publish_permission(request, obj):
            raise PermissionDenied
        return obj

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def publish_view(self, request, object_id):
        obj = self._publishable_object(request, object_id)
        if request.method == "POST":
            workflow.publish(obj, request.user)
            self._log_publication(request, obj)
            self.message_user(request, _("“%(object)s” is published.") % {"object": obj}, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(obj))
        return self.render_publication(request, [obj], "publish", obj=obj)

    def schedule_view(self, request, object_id):
        obj = self._publishable_object(request, object_id)
        form = ScheduleForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            moment = form.cleaned_data["publish_at"]
            workflow.schedule(obj, moment, request.user)
            self._log_publication(request, obj)
            self.message_user(
                request,
                _("“%(object)s” will be published on %(moment)s.")
                % {"object": obj, "moment": date_format(timezone.localtime(moment), "DATETIME_FORMAT")},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(obj))
        return self.render_publication(request, [obj], "schedule", form, obj=obj)

    def save_model(self, request, obj, form, change):
        may_publish = self.has_publish_permission(request, obj)
        if getattr(request, "editorial_restoring", False):
            # Restoring brings back the content; whether it is public stays as it is now.
            current = type(obj)._default_manager.filter(pk=obj.pk).values(*self.publication_fields).first()
            for name, value in (current or {}).items():
                setattr(obj, name, value)
        elif "_publish" in request.POST and may_publish:
            if workflow.missing_languages(obj):
                request.editorial_next = "publish"  # Saved as it is; publishing asks first.
            else:
                workflow.mark_published(obj)
                obj._change_reason = workflow.PUBLISHED
                request.editorial_next = "published"
        elif "_schedule" in request.POST and may_publish:
            request.editorial_next = "schedule"
        elif "_unpublish" in request.POST and may_publish:
            obj.status = Status.DRAFT
            obj._change_reason = workflow.UNPUBLISHED
            request.editorial_next = "unpublished"
        super().save_model(request, obj, form, change)

    def _next_step(self, request, obj):
        """After "Save and publish now", "Save and schedule…" or "Save and unpublish": the confirmation or
        scheduling page, or the change form again with the new state."""
        step = getattr(request, "editorial_next", None)
        if step is None:
            return None
        if step in ("published", "unpublished"):
            message = {
                "published": _("“%(object)s” was saved and published."),
                "unpublished": _("“%(object)s” was saved and unpublished: it is a draft again."),
            }[step]
            self.message_user(request, message % {"object": obj}, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(obj))
        if step == "publish":
            self.message_user(
                request,
                _("“%(object)s” was saved as a draft. Confirm below to publish it without all translations.")
                % {"object": obj},
                messages.WARNING,
            )
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{step}", args=[obj.pk])
        return HttpResponseRedirect(url)

    def response_change(self, request, obj):
        return self._next_step(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._next_step(request, obj) or super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request, obj) and not context.get("is_popup")
        if obj is not None:
            context["publication_state"] = workflow.publication_state(obj)
            context["missing_translations"] = [
                {"code": code, "language": workflow.language_name(code), "fields": fields}
                for code, fields in workflow.missing_translations(obj).items()
            ]
            context["preview_links"] = preview.preview_links(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


class ContentInlineMixin(OneLanguageIsEnough):
    """Inline objects carry their own "opened at" version, and their status is editable only for those who may
    publish."""

    form = ContentInlineForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if VERSION_FIELD in fields else [*fields, VERSION_FIELD]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        opts = self.model._meta
        if not request.user.has_perm(f"{opts.app_label}.{publish_codename(opts)}"):
            readonly.append("status")
        return readonly


class ContentTabularInline(ContentInlineMixin, TranslationTabularInline):
    extra = 0
    show_change_link = True


class ContentStackedInline(ContentInlineMixin, TranslationStackedInline):
    extra = 0
    show_change_link = True


class LinkHealthFilter(admin.SimpleListFilter):
    """What `manage.py check_sources` last found (core.linkcheck)."""

    title = _("link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [("broken", _("Link broken")), ("ok", _("Link answers")), ("unchecked", _("Not checked yet"))]

    def queryset(self, request, queryset):
        match self.value():
            case "broken":
                return queryset.broken()
            case "ok":
                return queryset.exclude(link_checked_at__isnull=True).exclude(pk__in=queryset.broken().values("pk"))
            case "unchecked":
                return queryset.unchecked()
        return queryset


@admin.register(Source)
class SourceAdmin(EditorialHistoryAdmin):
    list_display = ["title", "publisher", "kind", "language", "published_on", "url", "link_health"]
    list_filter = [LinkHealthFilter, "kind", "language", "publisher"]
    search_fields = ["title", "publisher", "url", "key"]
    readonly_fields = ["created", "updated", "link_checked_at", "link_status", "link_error", "link_final_url"]
    prepopulated_fields = {"key": ["publisher", "title"]}

    @admin.display(description=_("link"), ordering="link_checked_at")
    def link_health(self, obj):
        if obj.link_checked_at is None:
            return format_html('<span class="editorial-unchecked">{}</span>', _("not checked"))
        moment = date_format(timezone.localtime(obj.link_checked_at), "SHORT_DATETIME_FORMAT")
        if obj.link_is_broken:
            what = obj.link_error or f"HTTP {obj.link_status}"
            return format_html('<span class="editorial-broken">{} ({}, {})</span>', _("broken"), what, moment)
        return format_html('<span class="editorial-complete">{} ({})</span>', _("answers"), moment)


@admin.register(KeyFigure)
class KeyFigureAdmin(ContentAdmin):
    list_display = ["__str__", "as_of", "source", "country", "mission", "order", "status"]
    list_filter = [PublicationFilter, "country", "mission"]
    search_fields = ["key", *localized("value", "label", "note")]
    autocomplete_fields = ["source", "country", "mission"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "country", "mission")
