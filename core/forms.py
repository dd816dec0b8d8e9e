"""Admin forms for content: no lost edits, and validation messages on the field they concern.

No lost edits: a change form carries, in a hidden field, the `updated` time of the object as it was when the
form was opened. Saving compares it with the object in the database (locking the row for the rest of the
save); when someone has changed the object in the meantime the save is refused with a message that names who
changed it and when, from the edit history, and offers to reload. Nothing is overwritten.
"""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import editorial

VERSION_FIELD = "original_updated"


def version_token(updated):
    return updated.astimezone(datetime.UTC).isoformat() if updated else ""


class ContentAdminForm(forms.ModelForm):
    original_updated = forms.CharField(widget=forms.HiddenInput, required=False)

    # A change form saves every field, changed or not, so it is always checked. An inline formset saves only
    # the rows that changed (ContentInlineForm), so an untouched row changed by someone else is no conflict.
    saved_only_when_changed = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD].initial = version_token(self._current_updated())
        self._initial_from_history()

    def _is_change(self):
        return self.instance.pk is not None and not self.instance._state.adding

    def _historic_record(self):
        """The version being restored, when the form shows an earlier version from the edit history."""
        return getattr(self.instance, "_history", None)

    def _current_updated(self):
        if not self._is_change():
            return None
        if self._historic_record() is None:
            return self.instance.updated
        # Restoring an earlier version: the edit is based on the object as it is now.
        model = type(self.instance)
        return model._default_manager.filter(pk=self.instance.pk).values_list("updated", flat=True).first()

    def _initial_from_history(self):
        """A restored version brings back its many-to-many relations (its sources, countries…) too."""
        record = self._historic_record()
        if record is None:
            return
        for field in record._history_m2m_fields:
            if field.name in self.fields:
                target = field.m2m_reverse_field_name()
                rows = getattr(record, field.name).values_list(f"{target}_id", flat=True)
                self.initial[field.name] = list(rows)

    # No lost edits.

    def clean(self):
        cleaned_data = super().clean()
        if self._is_change() and (self.has_changed() or not self.saved_only_when_changed):
            self._check_unchanged_since_opened(cleaned_data.get(VERSION_FIELD) or "")
        return cleaned_data

    def _check_unchanged_since_opened(self, token):
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("updated", flat=True).first()
        if current is None:
            raise ValidationError(
                _("This %(model)s has been deleted since you opened it. Your changes have not been saved."),
                code="deleted",
                params={"model": model._meta.verbose_name},
            )
        if token == version_token(current):
            return
        raise ValidationError(self._changed_message(model, current), code="changed_since_opened")

    def _changed_message(self, model, current):
        change = editorial.latest_change(model, self.instance.pk)
        user = change.user if change else None
        params = {
            "model": model._meta.verbose_name,
            "when": date_format(timezone.localtime(change.when if change else current), "DATETIME_FORMAT"),
        }
        if user is not None:
            params["who"] = user.get_full_name() or user.get_username()
            text = _("%(who)s changed this %(model)s on %(when)s, after you opened it.") % params
        else:
            text = _("This %(model)s was changed on %(when)s, after you opened it.") % params
        text = format_html(
            "{} {}",
            text,
            _(
                "Your changes have not been saved, so that nothing is overwritten. Reload the page to see the "
                "current version, then make your changes again."
            ),
        )
        reload_url = self._reload_url()
        if not reload_url:
            return text
        return format_html('{} <a href="{}">{}</a>', text, reload_url, _("Reload the page"))

    def _reload_url(self):
        opts = self.instance._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.instance.pk])
        except NoReverseMatch:
            return ""

    # Validation messages on the field they concern.

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            placed = {}
            for name, messages in errors.error_dict.items():
                target = self._field_for_error(name)
                if target == NON_FIELD_ERRORS and name != NON_FIELD_ERRORS:
                    label = editorial.field_label(self._meta.model, name) if self._is_model_field(name) else name
                    messages = [ValidationError(f"{label}: {' '.join(error.messages)}") for error in messages]
                placed.setdefault(target, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)

    def _is_model_field(self, name):
        try:
            self._meta.model._meta.get_field(editorial.split_translated(self._meta.model, name)[0])
        except FieldDoesNotExist:
            return False
        return True

    def _field_for_error(self, name):
        """Which form field shows a model error. An error about a translated text as a whole (it is empty in
        every language, or the model names the text without a language) goes on the editor's own language;
        one about a field the form does not show goes at the top of the form, with the field's name."""
        if name == NON_FIELD_ERRORS:
            return name
        model = self._meta.model
        base, code = editorial.split_translated(model, name)
        if base in editorial.translated_fields(model):
            variants = [f"{base}_{language}" for language in editorial.language_codes()]
            every_language_empty = all(not self.cleaned_data.get(variant) for variant in variants)
            own = f"{base}_{translation.get_language()}"
            preferred = [own] if (code is None or every_language_empty) else [name, own]
            for candidate in [*preferred, *variants]:
                if candidate in self.fields:
                    return candidate
            return NON_FIELD_ERRORS
        return name if name in self.fields else NON_FIELD_ERRORS


class ContentInlineForm(ContentAdminForm):
    saved_only_when_changed = True


class ScheduleForm(forms.Form):
    """When to publish: a moment in the future, in the site's time zone."""

    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time in the site's time zone (%(zone)s). The content appears from that moment on."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publish_at"]
        field.help_text = field.help_text % {"zone": timezone.get_current_timezone_name()}

    def clean_publish_at(self):
        moment = self.cleaned_data["publish_at"]
        if moment <= timezone.now():
            raise ValidationError(
                _("Choose a moment in the future. To publish straight away, use “Publish now”."), code="past"
            )
        return moment
