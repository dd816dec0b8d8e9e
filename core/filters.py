"""Shared pieces of the public list filters."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from . import fallbacks


def search_all_languages(field_names, text):
    """A condition matching `text` in any language's version of the given translated fields: a visitor may
    search in their own language and find text that is only available in another."""
    condition = Q()
    for name in field_names:
        for code, _name in settings.LANGUAGES:
            condition |= Q(**{f"{name}_{code}__icontains": text})
    return condition


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in use, shown above the results with a link that removes it."""

    name: str
    label: str
    value: str
    remove_url: str


def active_filters(filterset, request):
    """The filters given in the request, in the form's order, each with the address of the same list
    without it (and back on the first page). Invalid values are listed too, so they can be removed."""
    form = filterset.form
    cleaned = getattr(form, "cleaned_data", {})
    chips = []
    for name, field in form.fields.items():
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        value = cleaned.get(name)
        if name in form.errors or value in (None, ""):
            shown = raw
        elif hasattr(field, "label_from_instance"):
            shown = field.label_from_instance(value)
        elif getattr(field, "choices", None):
            shown = {str(key): label for key, label in field.choices}.get(str(value), raw)
        else:
            shown = str(value)
        params = request.GET.copy()
        params.pop(name, None)
        params.pop("page", None)
        remove_url = f"?{params.urlencode()}" if params else request.path
        chips.append(ActiveFilter(name=name, label=field.label, value=shown, remove_url=remove_url))
    return chips


@dataclass(frozen=True)
class FormField:
    """One field of a filter form as includes/_filter_form.html writes it: the markup Django's form templates give
    (`field.html` with the label, help text, errors and widget), from values computed once per field. `attrs` is
    the control's attributes after its name, as HTML; `options` the (value, label, selected) of a <select>, None
    for an <input> of `input_type` with `value`."""

    name: str
    id: str
    label: str
    help_text: str
    errors: list
    attrs: str
    options: list | None
    input_type: str = ""
    value: str | None = None


@dataclass(frozen=True)
class ChoiceLimit:
    """What a model choice offers when its queryset has more than `size` rows: only the rows of `queryset`, with
    `help_text` saying why. Set as the form field's `choice_limit` (a field named in the FilterSet's
    `choice_labels`); `form_fields` reads at most `size` + 1 rows to know, so the limit costs no query of its
    own."""

    size: int
    queryset: object
    help_text: str


def form_fields(form, choice_labels):
    """The fields of a filter form (a FilterSet's, already validated) as `FormField`s, for one template to write
    rather than Django's templates per field, label, error list, widget and option. A model choice whose field is
    named in `choice_labels` ({field: the model's columns its `__str__` reads, in order}) is read in one query of
    its value and those columns, as plain values: its label is the first column with text, each translated column
    in the active language or else its fallbacks (core/fallbacks.py), as the model's attributes give it."""
    return [_form_field(form[name], choice_labels.get(name)) for name in form.fields]


def _form_field(bound, label_columns):
    field, widget = bound.field, bound.field.widget
    options = None
    if isinstance(widget, forms.Select):
        options, limited = _options(field, label_columns, widget.format_value(bound.value()))
        if limited is not None:  # Before the attributes: the help text is what the control is described by.
            field.help_text = bound.help_text = limited.help_text
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    attrs = widget.build_attrs(widget.attrs, attrs)
    label = str(bound.label or "")
    suffix = field.label_suffix if field.label_suffix is not None else bound.form.label_suffix
    if suffix and label and label[-1] not in _(":?.!"):  # As BoundField.label_tag() adds it.
        label = f"{label}{suffix}"
    common = {
        "name": bound.html_name,
        "id": bound.auto_id,
        "label": label,
        "help_text": field.help_text,
        "errors": list(bound.errors),
        "attrs": _attributes(attrs),
    }
    if options is not None:
        return FormField(**common, options=options)
    value = widget.format_value(bound.value())
    return FormField(**common, options=None, input_type=widget.input_type, value=value)


def _attributes(attrs):
    """Attributes as Django's django/forms/widgets/attrs.html writes them, in the same order."""
    written = (
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )
    return mark_safe("".join(written))  # Each part escaped.


def _options(field, label_columns, selected):
    """A <select>'s options as (value, label, selected), the first option whose value is given selected as in
    Django's Select; and the field's `ChoiceLimit` when it applied, else None."""
    limited = None
    if (
        label_columns is not None
        and isinstance(field, forms.ModelChoiceField)
        and not getattr(field, "null_label", None)
    ):
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        value_field = field.to_field_name or "pk"
        limit = getattr(field, "choice_limit", None)
        if limit is None:
            choices += _model_choices(field.queryset, value_field, label_columns)
        else:
            rows = _model_choices(field.queryset[: limit.size + 1], value_field, label_columns)
            if len(rows) > limit.size:
                rows, limited = _model_choices(limit.queryset, value_field, label_columns), limit
            choices += rows
    else:
        choices = field.choices
    options = []
    found = False
    for value, label in choices:
        value = "" if value is None else str(value)
        is_selected = not found and value in selected
        found = found or is_selected
        options.append((value, label, is_selected))
    return options, limited


def _model_choices(queryset, value_field, label_columns):
    """(value, label) of each row of `queryset`, read as plain values (see `form_fields`)."""
    columns = [
        column
        for name in label_columns
        for column in (fallbacks.field_names(name) if _is_translated(queryset.model, name) else (name,))
    ]
    return [
        (row[0], next((text for text in row[1:] if text), "")) for row in queryset.values_list(value_field, *columns)
    ]


def _is_translated(model, name):
    try:
        model._meta.get_field(build_localized_fieldname(name, settings.LANGUAGE_CODE))
    except FieldDoesNotExist:
        return False
    return True
