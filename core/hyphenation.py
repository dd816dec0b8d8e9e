"""Soft hyphens in the long words of titles and names, so that a long Danish or Norwegian compound
("Specialoperationsstyrkerne", "stabiliseringsprogrammet") that does not fit the width of a phone breaks with a
hyphen at a syllable, not at an arbitrary letter.

Why not only CSS: `hyphens: auto` (which site.css sets, with a `lang` on every text in another language) needs a
hyphenation dictionary in the browser. Firefox and Safari have Danish and Norwegian ones, and Chrome downloads its
own; but a Chromium without them (Debian's headless Chromium has none, for any language) breaks such a word inside
it without a hyphen. Titles and names are short and set in large type, where this shows most, so they get soft
hyphens (U+00AD, invisible unless the line breaks there) from the same patterns LibreOffice uses (pyphen). Running
text keeps `hyphens: auto` alone: at body size a word rarely exceeds a phone's width."""

import re
from functools import lru_cache

import pyphen

# Words shorter than this fit a 320 px screen even in a page's main heading.
MIN_LETTERS = 15
SOFT_HYPHEN = "\N{SOFT HYPHEN}"
PATTERNS = {"da": "da_DK", "nb": "nb_NO", "en": "en_GB"}

_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")


@lru_cache(maxsize=len(PATTERNS))
def _patterns(language):
    name = PATTERNS.get(language)
    return pyphen.Pyphen(lang=name, left=3, right=3) if name else None


def soft_hyphens(text, language):
    """`text` with soft hyphens at the syllable breaks of its words of MIN_LETTERS letters or more."""
    patterns = _patterns(language)
    if patterns is None or not text:
        return text
    return _LONG_WORD.sub(lambda match: patterns.inserted(match[0], hyphen=SOFT_HYPHEN), text)
