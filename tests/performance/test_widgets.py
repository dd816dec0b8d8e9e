import re

import pytest
from django import forms

from perf.widgets import FastSelect, render_options

CHOICES = [("", "All countries"), ("DK", "Denmark"), ("NO", "Norway & <Svalbard>"), (3, "Three")]


def compact(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("value", [None, "", "NO", 3, "XX"])
def test_fast_select_renders_the_same_markup_as_djangos_select(value):
    attrs = {"id": "id_country", "aria-describedby": "id_country_helptext", "required": True}
    expected = forms.Select(choices=CHOICES).render("country", value, attrs=attrs)
    assert compact(FastSelect(choices=CHOICES).render("country", value, attrs=attrs)) == compact(expected)


def test_fast_select_escapes_labels_and_marks_the_selected_option():
    html = FastSelect(choices=CHOICES).render("country", "NO")
    assert '<option value="NO" selected>Norway &amp; &lt;Svalbard&gt;</option>' in html
    assert html.count(" selected") == 1


@pytest.mark.parametrize("value", [None, "", "NO", 3, "XX", "DK"])
def test_rendered_options_give_the_same_markup(value):
    attrs = {"id": "id_country", "required": True}
    expected = FastSelect(choices=CHOICES).render("country", value, attrs=attrs)
    widget = FastSelect(choices=CHOICES)
    widget.rendered_options = render_options([(str(key), label) for key, label in CHOICES])
    assert widget.render("country", value, attrs=attrs) == expected


def test_rendered_options_mark_only_a_whole_value():
    choices = [("1", "One"), ("10", "Ten")]
    widget = FastSelect(choices=choices)
    widget.rendered_options = render_options(choices)
    assert '<option value="10" selected>Ten</option>' in widget.render("n", "10")
    assert '<option value="1">One</option>' in widget.render("n", "10")
