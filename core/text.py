from django.utils.text import slugify

# Letters that Unicode normalisation would drop rather than decompose.
_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"})


def slugify_localized(text, max_length=120):
    """A URL slug for Danish, Norwegian or English text: "Nødhjælp i Irak" -> "noedhjaelp-i-irak"."""
    return slugify((text or "").translate(_TRANSLITERATION))[:max_length].strip("-")
