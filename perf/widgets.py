from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs):
    """Attributes in their given order, as django/forms/widgets/attrs.html writes them."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def render_options(choices):
    """The <option>s of a flat list of choices, none selected: what FastSelect.rendered_options takes."""
    return format_html_join("", '<option value="{}">{}</option>', choices)


class FastSelect(forms.Select):
    """A single <select> rendered in Python instead of through one template per option. Same markup as Django's
    Select for a flat list of choices (no option groups), at a small fraction of the cost when a filter offers
    hundreds of options.

    `rendered_options`, when set, is `render_options(self.choices)` computed earlier (and shared between requests,
    see contributions/filters.py): rendering then only marks the chosen option."""

    rendered_options = None

    def render(self, name, value, attrs=None, renderer=None):
        formatted = [str(item) for item in self.format_value(value)]
        if self.rendered_options is not None and len(formatted) <= 1:
            options = str(self.rendered_options)
            if formatted:
                chosen = str(format_html('<option value="{}">', formatted[0]))
                options = options.replace(chosen, chosen[:-1] + " selected>", 1)
            return format_html(
                '<select name="{}"{}>{}</select>',
                name,
                _attributes(self.build_attrs(self.attrs, attrs)),
                mark_safe(options),  # render_options' output, escaped there; only " selected" was added.
            )
        values = set(formatted)
        selected = False

        def option(option_value, label):
            nonlocal selected
            is_selected = not selected and str(option_value) in values
            selected = selected or is_selected
            return (option_value, " selected" if is_selected else "", label)

        options = format_html_join("", '<option value="{}"{}>{}</option>', (option(*choice) for choice in self.choices))
        return format_html(
            '<select name="{}"{}>{}</select>', name, _attributes(self.build_attrs(self.attrs, attrs)), options
        )
