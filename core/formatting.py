"""One way to write amounts of money and ranges of numbers in each language, used by every page.

Amounts: "DKK 397 million" in English, "397 mio. kr." in Danish, "397 millioner danske kroner" in Norwegian; an
amount that is not a whole number of tenths of a million is written in full with the language's grouping
("DKK 1,234,567", "1.234.567 kr."). The words come from the translations (gettext), so each language orders
number, unit and currency as it writes them.

Ranges: two numbers joined by an en dash without spaces ("2019\N{EN DASH}2021"), in every language. Texts
written by editors often use a hyphen ("2019-2021"); `normalise_ranges` writes those with the dash when they are
shown (not inside an address or a longer code such as "2019-2021-final")."""

import re
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import ngettext, pgettext

MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)
EN_DASH = "\N{EN DASH}"


def currency_name(code):
    """The currency as written after (or, in English, before) an amount in the active language."""
    names = {
        "DKK": pgettext("currency in an amount", "DKK"),
        "NOK": pgettext("currency in an amount", "NOK"),
        "USD": pgettext("currency in an amount", "USD"),
        "EUR": pgettext("currency in an amount", "EUR"),
    }
    return names.get(code, code)


def _scaled(value, unit):
    """`value` in `unit`s as a number to show, when that is exact to at most one decimal; else None."""
    scaled = value / unit
    if scaled == scaled.to_integral_value():
        return number_format(scaled, decimal_pos=0, force_grouping=True), scaled == 1
    if (scaled * 10) == (scaled * 10).to_integral_value():
        return number_format(scaled, decimal_pos=1, force_grouping=True), False
    return None


def format_amount(value, currency):
    """An amount of money in the active language: "DKK 397 million", "397 mio. kr.", "69,5 millioner kroner"."""
    if value is None:
        return ""
    value = Decimal(value)
    context = {"currency": currency_name(currency)}
    if abs(value) >= BILLION and (scaled := _scaled(value, BILLION)):
        context["number"], one = scaled
        return ngettext("%(currency)s %(number)s billion", "%(currency)s %(number)s billion", 1 if one else 2) % (
            context
        )
    if abs(value) >= MILLION and (scaled := _scaled(value, MILLION)):
        context["number"], one = scaled
        return ngettext("%(currency)s %(number)s million", "%(currency)s %(number)s million", 1 if one else 2) % (
            context
        )
    context["number"] = number_format(value, decimal_pos=0, force_grouping=True)
    return pgettext("an amount of money in full", "%(currency)s %(number)s") % context


def _number(value):
    """A number in a range: grouped as the language groups thousands from 10,000 up; a year (2019) is never grouped."""
    if value is None:
        return ""
    return number_format(value, force_grouping=abs(value) >= 10_000)


def format_range(low, high):
    """A range of numbers, with an en dash: 70 to 100, 2019 to 2021, 10,000 to 12,000 (grouped)."""
    low_text, high_text = _number(low), _number(high)
    if low_text and high_text and low_text != high_text:
        return f"{low_text}{EN_DASH}{high_text}"
    return low_text or high_text


# Two numbers joined by a hyphen, not part of an address, a date (2019-05-01) or a longer code.
_HYPHENATED_RANGE = re.compile(r"(?<![\w/.\-])(\d{1,4})-(\d{1,4})(?![\w/\-]|\.\w)")


def normalise_ranges(text):
    """Editors' text with its ranges of numbers written as `format_range` writes them ("2019-2021" with an en dash)."""
    return _HYPHENATED_RANGE.sub(lambda match: f"{match[1]}{EN_DASH}{match[2]}", text)
