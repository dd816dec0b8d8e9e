"""Admin forms for content: no lost edits, and validation messages on the field they concern.

No lost edits: a change form carries, in a hidden field, the `updated` time of the object as it was when the
form was opened. Saving compares it with the object in the database (locking the row for the rest of the
save); when someone has changed the object in the meantime the save is refused with a message that names who
changed it and when, from the edit history, and offers to reload. Nothing is overwritten.
"""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import workflow

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

    @cached_property
    def changed_data(self):
        """The version carried along is not an edit (and is not listed in the admin's change message)."""
        return [name for name in super().changed_data if name != VERSION_FIELD]

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
        change = workflow.latest_change(model, self.instance.pk)
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
            for name, messages in self._constraint_errors_on_their_field(errors.error_dict).items():
                target, label = self._place_error(name)
                if label:
                    messages = [ValidationError(f"{label}: {' '.join(error.messages)}") for error in messages]
                placed.setdefault(target, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)

    def _constraint_errors_on_their_field(self, error_dict):
        """A database rule's message (e.g. an end before the start, when clean() stopped at an earlier problem)
        goes on the field the rule compares, like the models' own clean() messages."""
        fields = {}
        for constraint in self._meta.model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                compared = _compared_field(constraint.condition)
                if compared in self.fields:
                    fields[str(constraint.get_violation_error_message())] = compared
        moved = {name: list(messages) for name, messages in error_dict.items()}
        for error in list(moved.get(NON_FIELD_ERRORS, [])):
            field = fields.get(" ".join(error.messages))
            if field and field not in self.errors:
                moved[NON_FIELD_ERRORS].remove(error)
                moved.setdefault(field, []).append(error)
        if not moved.get(NON_FIELD_ERRORS, True):
            del moved[NON_FIELD_ERRORS]
        return moved

    def _place_error(self, name):
        """Which form field shows a model error, and the field's name to prefix when it has to go at the top.

        An error about a translated text as a whole (it is empty in every language, or the model names the
        text without a language) goes on the text in the editor's own language. An error about one language
        goes on that language's field. An error about a field the form does not show goes at the top of the
        form, prefixed with the field's name, instead of failing."""
        if name == NON_FIELD_ERRORS:
            return name, None
        model = self._meta.model
        base, code = workflow.split_translated(model, name)
        if base not in workflow.translated_fields(model):
            return (name, None) if name in self.fields else (NON_FIELD_ERRORS, self._label(name))
        variants = [f"{base}_{language}" for language in workflow.language_codes()]
        whole = code is None or all(getattr(self.instance, variant, None) in (None, "") for variant in variants)
        if not whole:
            return (name, None) if name in self.fields else (NON_FIELD_ERRORS, self._label(name))
        for candidate in (f"{base}_{translation.get_language()}", *variants):
            if candidate in self.fields:
                return candidate, None
        return NON_FIELD_ERRORS, self._label(base)

    def _label(self, name):
        try:
            return workflow.field_label(self._meta.model, name)
        except FieldDoesNotExist:
            return name


def _compared_field(condition):
    """The field a check constraint compares, e.g. end_date in `end_date IS NULL OR end_date >= start_date`:
    the left-hand side of its last comparison."""
    compared = None
    for child in getattr(condition, "children", ()):
        if isinstance(child, tuple):
            lookup, _value = child
            name, _sep, operator = lookup.partition("__")
            if operator != "isnull":
                compared = name
        else:
            compared = _compared_field(child) or compared
    return compared


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
