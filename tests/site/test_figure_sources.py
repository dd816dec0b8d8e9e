"""Figures tied to their sources in the real content: every figure on a content page sits with a link to the source it
comes from, a vote links to the numbered source that gives it, and Denmark's NATO Mission Iraq personnel figures say
what each of them is."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

from coalition.models import Country, Mission
from contributions.models import Contribution, Mandate
from programmes.models import Programme

LANGUAGES = ["da", "nb", "en"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FIGURE_CLASSES = {"key-figure", "figure", "budget"}


class FigureParser(HTMLParser):
    """Each figure block (key figures, a contribution's figures, a budget) with the source links inside it; the ids
    on the page; the references (`a.note-ref`)."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, figure record or None)
        self.figures = []  # {"class": ..., "sources": [href, ...]}
        self.ids = set()
        self.note_refs = []
        self.in_sources = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        record = None
        if classes & FIGURE_CLASSES:
            record = {"class": " ".join(sorted(classes & FIGURE_CLASSES)), "sources": []}
            self.figures.append(record)
        if tag == "a" and "note-ref" in classes:
            self.note_refs.append(attrs.get("href", ""))
        if tag == "a" and attrs.get("href"):
            in_sources = any(entry[2] for entry in self.stack)
            if in_sources:
                for _tag, figure, _sources in reversed(self.stack):
                    if figure is not None:
                        figure["sources"].append(attrs["href"])
                        break
        if tag not in VOID:
            self.stack.append((tag, record, "sources" in classes))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def parse(html):
    parser = FigureParser()
    parser.feed(html)
    return parser


def content_pages():
    for model in (Mission, Country, Mandate, Contribution, Programme):
        queryset = model.objects.published()
        if model is Country:
            queryset = queryset.filter(is_contributor=True)
        yield from queryset


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_figure_on_every_content_page_links_to_its_source(client, content, language):
    checked = 0
    with translation.override(language):
        urls = [obj.get_absolute_url() for obj in content_pages()]
    for url in urls:
        page = parse(client.get(url).content.decode())
        for figure in page.figures:
            assert figure["sources"], f"{url}: a {figure['class']} without a source"
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_vote_links_to_the_numbered_source_that_gives_it(client, content, language):
    mandates = Mandate.objects.published().exclude(votes_for=None)
    assert mandates.count() >= 3
    for mandate in mandates:
        with translation.override(language):
            url = mandate.get_absolute_url()
        page = parse(client.get(url).content.decode())
        assert mandate.vote_source is not None, mandate.key
        assert page.note_refs == [f"#source-{mandate.vote_source.key}"], url
        assert f"source-{mandate.vote_source.key}" in page.ids, url


def test_b_123_vote_is_tied_to_altinget(client, content):
    html = client.get("/en/mandates/b-123-2014/").content.decode()

    assert '<a class="note-ref" href="#source-altinget-2014-f16">(source ' in html
    assert 'id="source-altinget-2014-f16"' in html


@pytest.mark.parametrize(
    ("language", "explained"),
    [
        ("da", "Hvad tallene er: ca. 210"),
        ("nb", "Hva tallene er: om lag 210"),
        ("en", "What the figures are: about 210"),
    ],
)
def test_denmark_nmi_personnel_figures_say_what_each_is(client, content, language, explained):
    mandate = Mandate.objects.get(key="dk-b-159-2020")
    with translation.override(language):
        mandate_url = mandate.get_absolute_url()
        mission_url = Mission.objects.get(key="nmi").get_absolute_url()
    mandate_html = client.get(mandate_url).content.decode()
    mission_html = client.get(mission_url).content.decode()

    assert explained in mandate_html
    # Each figure the explanation names comes with its source on the page.
    for source in ("fmn-2019-nmi-efter-canada", "krigeren-2020-nye-bidrag", "krigeren-2021-bramsen"):
        assert f'id="source-{source}"' in mandate_html
    assert "285" in mission_html  # The planned figure's note names the authorised ceiling.


def test_cards_show_the_documents_titles_and_label_primary_sources(client, content):
    html = client.get("/en/contributions/").content.decode()

    assert '<span class="tag tag--primary">primary source</span>' in html
    assert '<span class="tag">secondary source</span>' in html
    compact = html[html.index('class="sources sources--compact"') :]
    assert "<cite" in compact[: compact.index("</div>")]
