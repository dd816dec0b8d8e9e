"""`{% glossary_links text %}`: a page's text with its first use of each glossary term linked to the glossary."""

from django import template

from pages.glossary import link_terms

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_links(context, html):
    return link_terms(context.get("request"), html)
