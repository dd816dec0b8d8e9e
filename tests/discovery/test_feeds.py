"""The Atom feed of new and updated mandates and contributions: one per language, valid Atom (RFC 4287: the
feed and each entry have an id, a title and an updated time; each entry links to its page), published objects
only, newest change first, advertised on every page."""

import datetime
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone, translation

from discovery.feeds import ITEMS
from tests.discovery.conftest import DRAFT_MARKERS, url_in
from tests.factories import ContributionFactory, SourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rfc3339(text):
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, text
    return value


@contextmanager
def freeze(moment):
    """Saves made inside happen at `moment`: their `updated` time and their history entry."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def fetch(client, language):
    response = client.get(url_in(language, "discovery:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content), response.content.decode()


def assert_valid_atom(feed):
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None and feed.find(f"{ATOM}{required}").text, required
    rfc3339(feed.find(f"{ATOM}updated").text)
    assert feed.find(f"{ATOM}author/{ATOM}name").text  # Required unless every entry names an author.
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None and entry.find(f"{ATOM}{required}").text, required
        rfc3339(entry.find(f"{ATOM}updated").text)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith("http://testserver/")
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids)), "Entry ids are unique."


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_feed_is_valid_atom_in_each_language(client, scene, language):
    feed, text = fetch(client, language)

    assert_valid_atom(feed)
    assert feed.get(XML_LANG) == language
    entries = feed.findall(f"{ATOM}entry")
    titles = " ".join(entry.find(f"{ATOM}title").text for entry in entries)
    assert getattr(scene.no_mandate, f"label_{language}") in titles
    assert getattr(scene.no_contribution, f"title_{language}") in titles
    with translation.override(language):
        expected_link = f"http://testserver{scene.no_contribution.get_absolute_url()}"
    assert expected_link in [entry.find(f"{ATOM}link").get("href") for entry in entries]
    for marker in DRAFT_MARKERS:
        assert marker not in text


def test_newest_changes_come_first_and_the_feed_is_bounded(client, scene):
    for index in range(ITEMS + 5):
        ContributionFactory(country=scene.norway, mission=scene.oir, key=f"bulk-{index}")
    scene.no_mandate.summary_en = "Changed just now."
    scene.no_mandate.save()

    feed, _text = fetch(client, "en")

    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == ITEMS
    assert scene.no_mandate.label_en in entries[0].find(f"{ATOM}title").text
    updated = [rfc3339(entry.find(f"{ATOM}updated").text) for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert rfc3339(feed.find(f"{ATOM}updated").text) == updated[0]


def test_entry_summaries_are_escaped_html(client, scene):
    ContributionFactory(
        country=scene.norway,
        mission=scene.oir,
        description_en="<script>alert(1)</script> Line one.\n\nLine two.",
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    feed, _text = fetch(client, "en")

    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    # The period first, in the site's shared wording, then the description (and then the sources).
    assert summary.text.startswith(
        "<p>Period: 1 January 2019 \N{EN DASH} 31 December 2020</p>\n\n"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; Line one.</p>\n\n<p>Line two.</p>"
    )


def test_feed_is_advertised_on_every_page(client, scene):
    for name in ("website:home", "contributions:mandate_list", "discovery:open_data"):
        html = client.get(url_in("da", name)).content.decode()
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
        assert link and link.group(1) == url_in("da", "discovery:feed")


def test_feed_runs_one_query_per_kind_of_record(client, scene, django_assert_num_queries):
    # Missions, mandates, contributions and programmes, each with its sources and history in the same query.
    with django_assert_num_queries(4):
        client.get(url_in("en", "discovery:feed"))
    for index in range(5):
        ContributionFactory(country=scene.norway, mission=scene.oir, key=f"more-{index}", sources=[SourceFactory()])
    with django_assert_num_queries(4):
        client.get(url_in("en", "discovery:feed"))


def entry_for(feed, key):
    for entry in feed.findall(f"{ATOM}entry"):
        if entry.find(f"{ATOM}id").text.endswith(f"/{key}"):
            return entry
    raise AssertionError(f"No entry for {key}")


def test_entry_ids_are_tag_uris_from_the_key_and_survive_a_new_address(client, scene, settings):
    settings.FEED_TAG_AUTHORITY = "isil.example.org,2026"
    feed, _text = fetch(client, "nb")
    entry = entry_for(feed, "no-oir-trainers")
    assert entry.find(f"{ATOM}id").text == "tag:isil.example.org,2026:nb/contribution/no-oir-trainers"

    scene.no_contribution.slug_nb = "et-nytt-navn"
    scene.no_contribution.title_nb = "Et nytt navn"
    scene.no_contribution.save()
    feed, _text = fetch(client, "nb")

    renamed = entry_for(feed, "no-oir-trainers")
    assert renamed.find(f"{ATOM}id").text == entry.find(f"{ATOM}id").text
    assert renamed.find(f"{ATOM}link").get("href").endswith("/et-nytt-navn/")


def test_missions_and_programmes_are_announced_too(client, scene):
    feed, _text = fetch(client, "en")

    ids = [entry.find(f"{ATOM}id").text for entry in feed.findall(f"{ATOM}entry")]
    assert any(entry_id.endswith("/mission/oir") for entry_id in ids)
    assert any(entry_id.endswith(f"/programme/{scene.programme.key}") for entry_id in ids)
    title = entry_for(feed, "oir").find(f"{ATOM}title").text
    assert title == "Mission: Operation Inherent Resolve"


def test_published_and_updated_come_from_the_history(client, scene):
    draft = ContributionFactory(country=scene.norway, mission=scene.oir, key="later-published", status="draft")
    draft.refresh_from_db()
    created = draft.created
    published_moment = created + datetime.timedelta(days=3)
    with freeze(published_moment):
        draft.status = "published"
        draft.save()
    with freeze(published_moment + datetime.timedelta(days=2)):
        draft.title_en = "Edited after publication"
        draft.save()

    feed, _text = fetch(client, "en")
    entry = entry_for(feed, "later-published")

    assert rfc3339(entry.find(f"{ATOM}published").text) == published_moment
    assert rfc3339(entry.find(f"{ATOM}updated").text) == published_moment + datetime.timedelta(days=2)
    moments = {entry.find(f"{ATOM}published").text for entry in feed.findall(f"{ATOM}entry")}
    assert len(moments) > 1


def test_each_entry_links_its_sources(client, scene):
    secondary = SourceFactory(
        key="newspaper", publisher="Avisen", title="En artikkel", url="https://avisen.example/a", kind="secondary"
    )
    scene.no_contribution.sources.add(secondary)

    feed, _text = fetch(client, "en")
    entry = entry_for(feed, "no-oir-trainers")

    related = {link.get("href"): link.get("title") for link in entry.findall(f"{ATOM}link[@rel='related']")}
    official = scene.no_contribution.sources.get(key="regjeringen-2017")
    assert related == {
        official.url: f"{official.publisher}: {official.title}",
        "https://avisen.example/a": "Avisen: En artikkel",
    }
    summary = entry.find(f"{ATOM}summary").text
    assert '<a href="https://avisen.example/a">Avisen: En artikkel</a> (secondary source)' in summary
