"""Template tags for the public pages: translated fields with a visible fallback note, dates shown only as
precisely as the source gives them, personnel figures with their qualifier, published-only lists."""

import re

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from contributions.models import Certainty, MandateKind, PersonnelQualifier
from core import fallbacks
from core.formatting import format_amount, normalise_ranges
from core.hyphenation import soft_hyphens
from core.languages import LANGUAGE_NAMES_IN_SENTENCE, join_url, url_prefix
from core.models import DatePrecision, is_public
from core.periods import Period, date_html, period_html
from editorial import publication

register = template.Library()


@register.simple_tag
def site_name():
    """The site's name; a tag rather than a context variable so that the 500 page, which has no request
    context, shows it too."""
    return settings.SITE_NAME


@register.simple_tag
def publisher():
    """The publishing organisation from the settings: {"name", "email", "url"}, each empty when not set."""
    return {"name": settings.PUBLISHER_NAME, "email": settings.PUBLISHER_EMAIL, "url": settings.PUBLISHER_URL}


@register.inclusion_tag("includes/_page_dates.html")
def page_dates(obj, log_link=True):
    """Publisher, "Published", "Last updated" and the link to the change log of a content page (no query); the
    change log itself shows them without the link to itself."""
    published, last_updated = publication.page_dates(obj)
    return {
        "publisher": publisher(),
        "published": published,
        "last_updated": last_updated,
        "change_log_url": publication.change_log_url(obj) if log_link else None,
    }


@register.simple_tag
def translated(obj, field, block=False, words=None):
    """Render a translated field in the active language. When that language has no text, render the text of
    the first fallback language that has some (the rule in core/fallbacks.py), inside an element with that
    language's `lang` attribute, and a short visible note saying so. `block=True` renders paragraphs (for
    summaries and descriptions); `words=n` shortens the text to its first n words on screen (for cards in lists);
    the whole text follows, shown only in print."""
    if obj is None:
        return ""
    return _translated(obj, field, fallbacks.active_language(), block, words)


def _translated(obj, field, language, block=False, words=None, order=None):
    """`{% translated %}` in `language` (the active language, looked up once by callers that render many, as
    they may look up its fallback `order`). `obj` may be a row of `values()` with the field's columns in every
    language."""
    if isinstance(obj, dict) or hasattr(obj, build_localized_fieldname(field, language)):
        value, code = fallbacks.text_and_language(obj, field, language, order)
    else:
        value, code = getattr(obj, field, "") or "", language  # Not a translated field: the value as it is.
    if not value:
        return ""
    value = normalise_ranges(value)
    if not block:  # Titles and names: soft hyphens in long words (core/hyphenation.py says why).
        value = soft_hyphens(value, code)
    rendered = linebreaks_filter(value) if block else conditional_escape(value)
    if words:
        short = Truncator(value).words(int(words))
        if short != value:
            # Shortened on screen, whole in print (print.css swaps them); only one of the two is ever shown.
            short = linebreaks_filter(short) if block else conditional_escape(short)
            element = "div" if block else "span"
            rendered = format_html(
                '<{0} class="text--short">{1}</{0}><{0} class="text--full">{2}</{0}>', element, short, rendered
            )
    if code == language:
        return rendered
    note = _("Not available in %(language)s; shown in %(fallback)s.") % {
        "language": LANGUAGE_NAMES_IN_SENTENCE.get(language, language),
        "fallback": LANGUAGE_NAMES_IN_SENTENCE.get(code, code),
    }
    if block:
        return format_html(
            '<div lang="{}" class="fallback-text">{}</div><p class="fallback-note">{}</p>', code, rendered, note
        )
    return format_html('<span lang="{}">{}</span> <small class="fallback-note">({})</small>', code, rendered, note)


@register.filter(is_safe=True)
def precise_date(value, precision=DatePrecision.DAY):
    """A date as precisely as its source gives it, in a <time> element: "2 October 2014", "October 2014",
    "autumn 2014" or "2014" (localized), never a day or month the source does not give."""
    return date_html(value, precision)


@register.simple_tag
def period(obj):
    """A contribution's, mission's or programme's period in the shared wording (core.periods), e.g. "March 2017
    to under way as of October 2019 (regjeringen.no)" with an en dash. Its confirming source (`confirmed_by`)
    should be selected with it. Takes a core.periods.Period too."""
    return obj.html() if isinstance(obj, Period) else period_html(obj)


@register.simple_tag
def date_span(start, start_precision=DatePrecision.DAY, end=None, end_precision=DatePrecision.DAY):
    """A span between two dates that are simply given (a mandate's validity): "October 2014 to October 2015"
    (with an en dash), "since 1 January 2019" or "until 2015"."""
    start_html, end_html = precise_date(start, start_precision), precise_date(end, end_precision)
    if start_html and end_html:
        return format_html("{} \N{EN DASH} {}", start_html, end_html)
    if start_html:
        return format_html(_("since {date}"), date=start_html)
    if end_html:
        return format_html(_("until {date}"), date=end_html)
    return ""


@register.simple_tag
def personnel(contribution):
    """The personnel figure with the source's qualifier: "about 70", "up to 140" or "70"."""
    return _personnel(contribution.personnel, contribution.personnel_qualifier) or ""


def _personnel(personnel, qualifier):
    """`{% personnel %}` from the values; None without a figure."""
    if personnel is None:
        return None
    number = number_format(personnel, force_grouping=True)
    if qualifier == PersonnelQualifier.ABOUT:
        return _("about %(number)s") % {"number": number}
    if qualifier == PersonnelQualifier.UP_TO:
        return _("up to %(number)s") % {"number": number}
    return number


@register.simple_tag
def money(value, currency):
    """An amount of money as the language writes it: "DKK 397 million", "397 mio. kr." (core/formatting.py)."""
    return format_amount(value, currency)


# Where a printed web address may wrap: after a slash, before a dot, hyphen, underscore, question mark,
# ampersand or equals sign (as style guides recommend), never inside a word.
_URL_BREAK = re.compile(r"(?<=/)(?=[^/])|(?=[.\-_?&=#])")


@register.filter(is_safe=True)
def breakable_url(url):
    """A web address with <wbr> at the points where it may wrap, for addresses printed in full."""
    parts = _URL_BREAK.split(str(url or ""))
    return mark_safe("<wbr>".join(conditional_escape(part) for part in parts))  # Each part escaped.


@register.filter
def public(objects):
    """Only the published objects of a prefetched list (a mission's host countries, a mandate's missions)."""
    return [obj for obj in objects if obj.is_public]


@register.filter
def as_list(obj):
    """A single object as a one-item list (empty when there is none), for includes that take lists."""
    return [obj] if obj else []


@register.simple_tag
def contribution_cards(contributions):
    """The contribution cards of a list (contributions/includes/_contribution_cards.html) as plain values, computed
    once per row so that the template only writes them out: for each contribution (a row of
    `ContributionQuerySet.card_rows()`), a dict of its address, title, country, mission and kind names, period,
    "announced" tag, personnel figure, equipment, "as of" date and sources. Texts that are HTML (the translated
    fields with their fallback notes, the period and the dates) are safe strings; the others are escaped by the
    template. The address joins the detail page's prefix, reversed once per list, with the slug, and each
    country's name is worded once per list."""
    language = fallbacks.active_language()
    order = fallbacks.languages(language)
    prefix = url_prefix("contributions:contribution_detail")
    countries = {}
    cards = []
    for row in contributions:
        if row["country_id"] not in countries:
            countries[row["country_id"]] = _translated(row, "country__name", language, order=order)
        period = Period.of_row(row)
        public_kind = is_public(row["kind__status"], row["kind__published_at"])
        cards.append(
            {
                "url": join_url(prefix, fallbacks.text_and_language(row, "slug", language, order)[0]),
                "title": _translated(row, "title", language, order=order),
                "country": countries[row["country_id"]],
                "mission": row["mission__acronym"]
                or fallbacks.text_and_language(row, "mission__title", language, order)[0],
                "kind": _translated(row, "kind__name", language, order=order) if public_kind else "",
                "period": period.html(),
                "announced": Certainty.ANNOUNCED.label if row["certainty"] == Certainty.ANNOUNCED else "",
                "personnel": _personnel(row["personnel"], row["personnel_qualifier"]),
                "equipment": _translated(row, "equipment", language, order=order),
                "as_of": date_html(row["as_of"], row["as_of_precision"]),
                "sources": row["sources"],
            }
        )
    return cards


@register.simple_tag
def card_groups(contributions, by):
    """A country's or a mission's contributions grouped, in their order, by `by`: "mission" (rows of
    `card_rows(mission=True)`) or "country" (rows of `card_rows(country=True)`). For each group a dict of its
    heading's address ("" for a country without a page of its own), its name as `{% translated %}` gives it and
    its rows."""
    language = fallbacks.active_language()
    order = fallbacks.languages(language)
    prefix = url_prefix("coalition:mission_detail" if by == "mission" else "website:country_detail")
    groups = {}
    for row in contributions:
        key = row["mission_id"] if by == "mission" else row["country__code"]
        if key not in groups:
            has_page = by == "mission" or row["country__is_contributor"]
            slug = fallbacks.text_and_language(row, f"{by}__slug", language, order)[0]
            name_field = "mission__title" if by == "mission" else "country__name"
            groups[key] = {
                "url": join_url(prefix, slug) if has_page else "",
                "name": _translated(row, name_field, language, order=order),
                "rows": [],
            }
        groups[key]["rows"].append(row)
    return list(groups.values())


@register.simple_tag
def mandate_cards(mandates):
    """The mandate cards of a list (contributions/includes/_mandate_cards.html) as plain values, computed once per
    row: for each mandate (a row of `MandateQuerySet.card_rows()`), a dict of its address, label, country name,
    kind, the date it was adopted (or else came into force; `decided`, with `adopted` saying which), its public
    missions as (address, name) pairs and its summary shortened to 40 words. Addresses join a prefix reversed once
    per list with the slug; each country's name is worded once per list."""
    language = fallbacks.active_language()
    order = fallbacks.languages(language)
    mandate_prefix = url_prefix("contributions:mandate_detail")
    mission_prefix = url_prefix("coalition:mission_detail")
    kinds = dict(MandateKind.choices)
    countries = {}
    cards = []
    for row in mandates:
        if row["country_id"] not in countries:
            countries[row["country_id"]] = _translated(row, "country__name", language, order=order)
        if row["adopted_on"]:
            decided = date_html(row["adopted_on"], row["adopted_precision"])
        else:
            decided = date_html(row["valid_from"], row["valid_from_precision"]) if row["valid_from"] else ""
        cards.append(
            {
                "url": join_url(mandate_prefix, fallbacks.text_and_language(row, "slug", language, order)[0]),
                "label": _translated(row, "label", language, order=order),
                "country": countries[row["country_id"]],
                "kind": kinds.get(row["kind"], row["kind"]),
                "adopted": bool(row["adopted_on"]),
                "decided": decided,
                "missions": [
                    (
                        join_url(mission_prefix, fallbacks.text_and_language(mission, "slug", language, order)[0]),
                        mission["acronym"] or fallbacks.text_and_language(mission, "title", language, order)[0],
                    )
                    for mission in row.get("missions", ())
                    if is_public(mission["status"], mission["published_at"])
                ],
                "summary": _translated(row, "summary", language, block=True, words=40, order=order),
            }
        )
    return cards
