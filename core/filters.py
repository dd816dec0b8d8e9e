"""Shared pieces of the public list filters."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q


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
