"""Amounts, ranges and hyphenation written one way per language (core/formatting.py, core/hyphenation.py)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import format_amount, format_range, normalise_ranges
from core.hyphenation import MIN_LETTERS, SOFT_HYPHEN, soft_hyphens


@pytest.mark.parametrize(
    ("language", "value", "currency", "expected"),
    [
        # The programme's budget, as the key figures write it.
        ("en", 397_000_000, "DKK", "DKK 397 million"),
        ("da", 397_000_000, "DKK", "397 mio. kr."),
        ("nb", 397_000_000, "DKK", "397 millioner danske kroner"),
        ("en", Decimal("69500000.00"), "DKK", "DKK 69.5 million"),
        ("da", Decimal("69500000.00"), "DKK", "69,5 mio. kr."),
        ("nb", 1_000_000, "NOK", "1 million kroner"),
        ("da", 2_500_000_000, "NOK", "2,5 mia. norske kr."),
        ("en", 1_000_000_000, "USD", "USD 1 billion"),
        # Not a whole number of tenths of a million: in full, grouped as the language groups.
        ("en", 1_234_567, "EUR", "EUR 1,234,567"),
        ("da", 1_234_567, "DKK", "1.234.567 kr."),
        ("en", 950_000, "DKK", "DKK 950,000"),
        ("en", None, "DKK", ""),
    ],
)
def test_amounts(language, value, currency, expected):
    with translation.override(language):
        assert format_amount(value, currency) == expected


def test_the_money_tag_uses_the_formatter():
    with translation.override("da"):
        html = Template("{% load public %}{% money value currency %}").render(
            Context({"value": Decimal("397000000.00"), "currency": "DKK"})
        )
    assert html == "397 mio. kr."


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (2019, 2021, "2019\N{EN DASH}2021"),
        (70, 100, "70\N{EN DASH}100"),
        (10_000, 12_000, "10,000\N{EN DASH}12,000"),
        (5, 5, "5"),
        (None, 7, "7"),
    ],
)
def test_ranges(low, high, expected):
    with translation.override("en"):
        assert format_range(low, high) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria and Iraq 2019-2021", "Syria and Iraq 2019\N{EN DASH}2021"),
        ("(2020-2022).", "(2020\N{EN DASH}2022)."),
        ("about 70-100 soldiers", "about 70\N{EN DASH}100 soldiers"),
        ("adopted 2014-10-02", "adopted 2014-10-02"),  # A date, not a range.
        ("see https://example.org/2019-2021-final", "see https://example.org/2019-2021-final"),
        ("programme-2019-2021", "programme-2019-2021"),
        ("report 2019-2021.pdf", "report 2019-2021.pdf"),
    ],
)
def test_editors_ranges_are_written_with_the_dash(text, expected):
    assert normalise_ranges(text) == expected


@pytest.mark.parametrize(
    ("language", "word"),
    [("da", "Specialoperationsstyrkerne"), ("nb", "stabiliseringsprogrammet"), ("en", "internationalisation")],
)
def test_long_words_get_soft_hyphens_at_syllables(language, word):
    hyphenated = soft_hyphens(f"De {word} her", language)

    assert hyphenated.replace(SOFT_HYPHEN, "") == f"De {word} her"
    parts = hyphenated.split()[1].split(SOFT_HYPHEN)
    assert len(parts) > 2
    assert all(len(part) >= 1 for part in parts) and len(parts[0]) >= 3 and len(parts[-1]) >= 3


def test_short_words_numbers_and_unknown_languages_are_left_alone():
    assert soft_hyphens("Operation Inherent Resolve", "en") == "Operation Inherent Resolve"
    assert soft_hyphens("1234567890123456789", "da") == "1234567890123456789"
    assert soft_hyphens("Specialoperationsstyrkerne", "sv") == "Specialoperationsstyrkerne"
    assert len("Contribution") < MIN_LETTERS


@given(st.text(max_size=200), st.sampled_from(["da", "nb", "en"]))
def test_soft_hyphens_never_change_the_text_as_read(text, language):
    assert soft_hyphens(text, language).replace(SOFT_HYPHEN, "") == text.replace(SOFT_HYPHEN, "")
