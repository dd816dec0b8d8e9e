"""Links from a page's text to the glossary: the first occurrence on the page of each published term (or one of its
other forms) becomes a link to the term's entry. Plain HTML, so it works without JavaScript.

The terms' forms in every language are read once per request (one query); within the request the page remembers
which terms it has already linked.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .models import GlossaryTerm

# Text inside these elements is never linked (already a link, a heading, code, or a term's own definition).
_SKIP = {"a", "abbr", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "svg"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")


def term_forms():
    """{language code: [(form, term key), ...]} for every published term, longest forms first."""

    forms = {}
    terms = list(GlossaryTerm.objects.published().order_by("key"))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pairs = [(form, term.key) for term in terms for form in term.forms()]
        forms[code] = sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))
    return forms


def _forms_for(request):
    forms = getattr(request, "_glossary_forms", None)
    if forms is None:
        forms = term_forms()
        request._glossary_forms = forms
    return forms.get(translation.get_language() or settings.LANGUAGE_CODE, [])


def _pattern(pairs):
    alternatives = "|".join(re.escape(escape(form)) for form, _key in pairs)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE) if alternatives else None


def link_terms(request, html):
    """`html` (rendered, safe) with the first occurrence on this page of each term linked to the glossary.
    An all-capitals form (an acronym such as IS or NMI) matches only in capitals; other forms in any case."""
    pairs = _forms_for(request) if request is not None else []
    pattern = _pattern(pairs)
    if not html or pattern is None:
        return html
    by_form = {escape(form).casefold(): (escape(form), key) for form, key in pairs}
    seen = request.__dict__.setdefault("_glossary_seen", set())
    glossary_url = reverse("pages:glossary")

    def replace(match):
        text = match.group(0)
        form, key = by_form.get(text.casefold(), (None, None))
        if key is None or key in seen or (form.isupper() and text != form):
            return text
        seen.add(key)
        return format_html('<a class="glossary-link" href="{}#{}">{}</a>', glossary_url, key, mark_safe(text))

    parts, skipping = [], []
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in _SKIP and not part.endswith("/>"):
                if tag.group(1):
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(tag.group(2).lower())
            parts.append(part)
        elif skipping or not part.strip():
            parts.append(part)
        else:
            parts.append(pattern.sub(replace, part))
    return mark_safe("".join(parts))  # Only the site's own markup is added around already escaped text.
