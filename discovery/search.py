"""Site search over published missions, mandates, contributions and programmes, in the visitor's language.

On PostgreSQL: full-text search with the active language's configuration (danish, norwegian or english, so
"bidraget" finds "bidrag"), over the text the visitor would see, i.e. the active language's columns, falling back
to another language's where a text is missing, as the pages do. Results are ranked (titles weigh more than the
body) and the matched words are highlighted with ts_headline. The searched document (`search_vector`) comes from
core.search_vectors, which also builds the GIN index on it that each searched model has in each language:
PostgreSQL looks the words up in that index rather than computing the document for every row, and ranks only the
rows found. A word found in most rows therefore still costs about what it did without the index: every match is
ranked, and ranking computes its document.

Elsewhere (SQLite in development): a case-insensitive substring match in any language, titles first.

Highlighting never trusts the text, which editors typed: the database (or Python) marks the matches with two
private-use characters, everything is HTML-escaped, and only then are the marks turned into <mark> elements."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from coalition.models import Mission
from contributions.models import Contribution, Mandate
from core import fallbacks
from core.filters import search_all_languages
from core.search_vectors import configuration, document, joined, localized
from programmes.models import Programme

# The best matches of each kind that a search shows.
LIMIT_PER_KIND = 50

START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


def marked_html(text):
    """Escape `text` and turn each START…STOP pair into <mark>…</mark>; stray marks are dropped."""
    html = _MARKED.sub(r"<mark>\1</mark>", escape(text or ""))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # Escaped above; only <mark> was added.


@dataclass(frozen=True)
class Target:
    """A model the search covers. Its fields are the ones its model's search indexes are built from
    (core.search_vectors.search_indexes in Meta.indexes; a test checks): with others PostgreSQL cannot use them."""

    kind: str
    label: str
    label_plural: str
    model: type
    title_field: str  # Translated.
    text_fields: tuple  # Translated, shown as the snippet.
    plain_fields: tuple = ()  # Not translated (acronyms, references); matched with the title.
    related: tuple = ()  # Loaded with each result for its description line.

    def queryset(self):
        return self.model._default_manager.published().select_related(*self.related)


TARGETS = (
    Target(
        "mission", _("Mission"), _("Missions"), Mission, "title", ("summary", "body"), ("acronym",), ("confirmed_by",)
    ),
    Target(
        "mandate", _("Mandate"), _("Mandates"), Mandate, "label", ("title", "summary"), ("reference",), ("country",)
    ),
    Target(
        "contribution",
        _("Contribution"),
        _("Contributions"),
        Contribution,
        "title",
        ("description", "location", "equipment"),
        (),
        ("country", "mission", "confirmed_by"),
    ),
    Target(
        "programme",
        _("Programme"),
        _("Programmes"),
        Programme,
        "title",
        ("summary", "purpose"),
        (),
        ("donor", "confirmed_by"),
    ),
)
TARGETS_BY_KIND = {target.kind: target for target in TARGETS}


@dataclass
class Result:
    target: Target
    obj: object
    rank: float
    title_html: str
    title_language: str  # The language the title is in (the active one, or a fallback).
    snippet_html: str
    snippet_language: str


def text_language(obj, field, language):
    """The language whose text the visitor sees for a translated field (the active one or its fallback)."""
    return fallbacks.text_and_language(obj, field, language)[1]


_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w")
# Inside a word, what is not a letter, digit or one of these is a separator (as PostgreSQL's parser reads it).
_NOT_IN_WORD = re.compile(r"[^\w\-.'/@+]+")
_EDGES = "-.'/@+_"


def websearch_text(text):
    """`text` rewritten so that PostgreSQL's websearch_to_tsquery reads only what the search form promises: words,
    "phrases in quotes", `or` between words, and a minus directly before a word or phrase to leave it out. Anything
    else (runs of minus signs, stray operators such as ! & | ( ) : *) is dropped: PostgreSQL turns each of them into
    a NOT or a grouping and refuses a query that nests more than 32 ("tsquery stack too small", a 500 otherwise)."""
    parts = []
    for match in _PHRASE_OR_WORD.finditer(text):
        start = match.start()
        negated = start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace())
        if match.group(1) is not None:  # A phrase.
            words = [word for word in (_clean_word(raw) for raw in match.group(1).split()) if word]
            if words:
                parts.append(("-" if negated else "") + '"' + " ".join(words) + '"')
            continue
        token = match.group(2)
        negated = token.startswith("-")
        word = _clean_word(token)
        if not word:
            continue
        if word.lower() == "or":
            if parts and parts[-1] != "or":
                parts.append("or")
            continue
        parts.append(("-" if negated else "") + word)
    while parts and parts[-1] == "or":
        parts.pop()
    return " ".join(parts)


def _clean_word(token):
    """A word's letters and digits with the punctuation PostgreSQL keeps inside words (F-16, 1.5, un.org), or ""."""
    word = _NOT_IN_WORD.sub(" ", token).split()
    word = " ".join(part.strip(_EDGES) for part in word).strip()
    return word if _WORD.search(word) else ""


def search_vector(target, language):
    """The document searched in `language`: the title (and acronym or reference) weighted A, the texts B. It is
    the expression of the target's search index in that language."""
    return document(target.title_field, target.text_fields, target.plain_fields, language)


class PostgresBackend:
    def queryset(self, target, text, language):
        """The best matches with their rank and highlights, filtered by `document @@ query` on the indexed
        document."""
        config = configuration(language)
        query = SearchQuery(websearch_text(text), search_type="websearch", config=config)
        title = localized(target.title_field, language)
        body = joined([localized(name, language) for name in target.text_fields])
        vector = search_vector(target, language)
        return (
            target.queryset()
            .annotate(document=vector)
            .filter(document=query)
            .annotate(
                rank=SearchRank(vector, query),
                title_marked=SearchHeadline(
                    title, query, config=config, start_sel=START, stop_sel=STOP, highlight_all=True
                ),
                snippet_marked=SearchHeadline(
                    body,
                    query,
                    config=config,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "pk")[: LIMIT_PER_KIND + 1]
        )

    def search(self, target, text, language):
        return [
            Result(
                target=target,
                obj=obj,
                rank=obj.rank,
                title_html=marked_html(obj.title_marked),
                title_language=text_language(obj, target.title_field, language),
                snippet_html=marked_html(obj.snippet_marked),
                snippet_language=text_language(obj, target.text_fields[0], language),
            )
            for obj in self.queryset(target, text, language)
        ]


class SimpleBackend:
    """A substring match for databases without full-text search."""

    snippet_length = 240

    def search(self, target, text, language):
        fields = [target.title_field, *target.text_fields]
        condition = search_all_languages(fields, text)
        for name in target.plain_fields:
            condition |= Q(**{f"{name}__icontains": text})
        in_title = search_all_languages([target.title_field], text)
        rows = (
            target.queryset()
            .filter(condition)
            .annotate(rank=Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=FloatField()))
            .order_by("-rank", "pk")[: LIMIT_PER_KIND + 1]
        )
        results = []
        for obj in rows:
            with translation.override(language):
                title = getattr(obj, target.title_field) or ""
                body = " ".join(filter(None, (getattr(obj, name) for name in target.text_fields)))
            results.append(
                Result(
                    target=target,
                    obj=obj,
                    rank=obj.rank,
                    title_html=marked_html(self.mark(title, text)),
                    title_language=text_language(obj, target.title_field, language),
                    snippet_html=marked_html(self.mark(self.excerpt(body, text), text)),
                    snippet_language=text_language(obj, target.text_fields[0], language),
                )
            )
        return results

    @staticmethod
    def mark(value, text):
        return re.sub(re.escape(text), lambda match: f"{START}{match.group(0)}{STOP}", value, flags=re.IGNORECASE)

    def excerpt(self, body, text):
        """About `snippet_length` characters of the body around the first match (or from its start)."""
        body = " ".join(body.split())
        if len(body) <= self.snippet_length:
            return body
        found = body.lower().find(text.lower())
        start = max(0, found - self.snippet_length // 3) if found > 0 else 0
        excerpt = body[start : start + self.snippet_length]
        return ("… " if start else "") + excerpt + (" …" if start + self.snippet_length < len(body) else "")


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SimpleBackend()


@dataclass
class SearchOutcome:
    results: list  # Best first.
    counts: dict  # kind -> number of results found (at most LIMIT_PER_KIND + 1)
    truncated: list  # Targets with more matches than shown.


def search(text, kinds=None, language=None):
    """Search the given kinds (all by default) for `text`: one query per kind."""
    language = language or translation.get_language()
    engine = backend()
    results, counts, truncated = [], {}, []
    for target in TARGETS:
        if kinds and target.kind not in kinds:
            continue
        found = engine.search(target, text, language)
        if len(found) > LIMIT_PER_KIND:
            found = found[:LIMIT_PER_KIND]
            truncated.append(target)
        counts[target.kind] = len(found)
        results.extend(found)
    results.sort(key=lambda result: -result.rank)
    return SearchOutcome(results=results, counts=counts, truncated=truncated)
