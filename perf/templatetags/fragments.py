from django import template

from perf.fragments import render_cards

register = template.Library()


@register.simple_tag
def cards(objects, template_name, name, **options):
    """The cards of `objects`, each `template_name` rendered with the object as `name` and the options as further
    variables, kept per object between requests (perf/fragments.py). Use with `as` and test the result, so an
    empty list renders no <ul>:

        {% cards object_list "contributions/includes/_contribution_card.html" "contribution" heading_level=3 as html %}
        {% if html %}<ul class="card-list">{{ html }}</ul>{% endif %}
    """
    return render_cards(objects, template_name, name, **options)
