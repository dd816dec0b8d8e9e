from django import forms
from django.utils.translation import gettext_lazy as _

from .search import TARGETS

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_("Words in any order. Put a phrase in quotes; put a minus before a word to leave it out."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "max_length": _("Use at most %(limit_value)d characters (this search has %(show_value)d)."),
        },
    )
    type = forms.ChoiceField(
        label=_("Search in"),
        required=False,
        choices=[("", _("Everything")), *((target.kind, target.label_plural) for target in TARGETS)],
        error_messages={"invalid_choice": _("Choose one of the listed kinds, or everything.")},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class ComparisonForm(forms.Form):
    """The comparison's `year`: only the contributions under way that year, by the same rule as the contribution
    list's and the exports' `year` filter (core/periods.py)."""

    year = forms.IntegerField(
        label=_("Under way in year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Only contributions that the sources place under way in that year. Leave empty for all."),
        error_messages={"invalid": _("Enter a year, e.g. 2016.")},
    )
