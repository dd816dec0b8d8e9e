"""Text that staff enter renders inert everywhere the public can see it: a corpus of script-injection
payloads is saved into every text field (each language of every translated field, and the untranslated
ones), and every public page, export and the feed is checked: no script, event handler, javascript: link,
SVG handler or frame comes from it, and the text is still shown, escaped. A browser test then loads the
pages with the Content-Security-Policy switched off, so that only the escaping stands between a payload
and its execution."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import openpyxl
import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from contributions.models import Authorisation
from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    ContributionKindFactory,
    CountryFactory,
    KeyFigureFactory,
    MandateFactory,
    MissionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SourceFactory,
    ThemeFactory,
)

# Each payload runs `xss<n>` (or sets window.xss) if it ever executes; "xss" marks text that came from it.
PAYLOADS = [
    "<script>window.xss=1</script>",
    '<img src=x onerror="window.xss=2">',
    '<a href="javascript:window.xss=3">xss3</a>',
    '<svg onload="window.xss=4"></svg>',
    '<iframe src="javascript:window.xss=5"></iframe>',
    '"><script>window.xss=6</script>',
    "'><svg/onload=window.xss=7>",
    "</title></textarea><script>window.xss=8</script>",
    "javascript:window.xss=9",
    '=HYPERLINK("https://evil.example","xss10")',
    "<svg/onload=xss11()>",
    "<math><mi xlink:href=javascript:xss12()>",
]
SHORTEST = min(len(payload) for payload in PAYLOADS)
# Fields whose values the database or the URLs constrain (codes, sessions, language codes): not free text.
NOT_FREE_TEXT = {"code", "session", "language"}
LANGUAGES = ["da", "nb", "en"]
FORMULA_STARTS = ("=", "+", "-", "@")


def payload_for(max_length, offset):
    """As many whole payloads as fit, starting at a different one for each field."""
    rotated = PAYLOADS[offset % len(PAYLOADS) :] + PAYLOADS[: offset % len(PAYLOADS)]
    text = ""
    for payload in rotated:
        candidate = f"{text} {payload}".strip()
        if max_length is not None and len(candidate) > max_length:
            continue
        text = candidate
    return text


def free_text_fields(model):
    """The text fields staff type into: each language column of a translated field, and untranslated text."""
    translated = set()
    if model in translator.get_registered_models():
        translated = set(translator.get_options_for_model(model).fields)
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        if isinstance(field, (models.SlugField, models.URLField, models.EmailField)) or field.choices:
            continue
        if field.name in translated or field.name in NOT_FREE_TEXT or not field.editable:
            continue
        if getattr(field, "translated_field", None) is not None and field.translated_field.name == "slug":
            continue
        if field.max_length is not None and field.max_length < SHORTEST:
            continue
        yield field


def poison(obj, offset=0):
    """Put payloads in every free-text field of obj and save it."""
    for index, field in enumerate(free_text_fields(type(obj))):
        setattr(obj, field.attname, payload_for(field.max_length, offset + index))
    obj.save()
    return obj


@pytest.fixture
def poisoned_site(db):
    """A small published site whose every text field holds payloads."""
    denmark = CountryFactory(code="DK", is_contributor=True)
    norway = CountryFactory(code="NO", is_contributor=True)
    iraq = CountryFactory(code="IQ", is_contributor=False)
    organisation = OrganisationFactory()
    mission = MissionFactory(lead_organisation=organisation, host_countries=[iraq, norway])
    source = SourceFactory()
    mandate = MandateFactory(country=denmark, missions=[mission], sources=[source])
    kind = ContributionKindFactory()
    contributions = [
        ContributionFactory(
            country=country, mission=mission, kind=kind, sources=[source, SourceFactory()], partner_countries=[iraq]
        )
        for country in (denmark, norway)
    ]
    Authorisation.objects.create(contribution=contributions[0], mandate=mandate)
    programme = ProgrammeFactory(donor=denmark, target_countries=[iraq])
    programme.sources.set([source])
    theme = ThemeFactory(programme=programme, number=1)
    activity = ActivityFactory(theme=theme, partner_organisation=organisation)
    activity.countries.set([iraq])
    figure = KeyFigureFactory(source=source, country=denmark, mission=mission)
    objects = [denmark, norway, iraq, organisation, mission, source, mandate, kind, *contributions]
    objects += [programme, theme, activity, figure]
    for offset, obj in enumerate(objects):
        obj.refresh_from_db()
        poison(obj, offset)
    return {
        "mission": mission,
        "country": denmark,
        "mandate": mandate,
        "contribution": contributions[0],
        "programme": programme,
    }


class InertnessChecker(HTMLParser):
    """Reads a page as a browser would and lists whatever could run: scripts or handlers carrying the marker,
    javascript: addresses, frames and plug-ins."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text, self._script = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in {"iframe", "frame", "object", "embed"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in self.URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if "xss" in name:
                self.problems.append(f"<{tag}> attribute {name!r} made from a payload")
        if tag == "script":
            self._script = dict(attrs)
            if "xss" in (self._script.get("src") or ""):
                self.problems.append("<script src> from a payload")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            if "xss" in data:
                self.problems.append(f"<script> running {data.strip()[:60]!r}")
        else:
            self.text.append(data)


def check_html(html):
    checker = InertnessChecker()
    checker.feed(html)
    checker.close()
    return checker.problems, " ".join(checker.text)


def page_urls(site, language):
    with translation.override(language):
        return [
            reverse("website:home"),
            reverse("coalition:mission_list"),
            site["mission"].get_absolute_url(),
            reverse("website:country_list"),
            site["country"].get_absolute_url(),
            reverse("contributions:mandate_list"),
            site["mandate"].get_absolute_url(),
            reverse("contributions:contribution_list"),
            site["contribution"].get_absolute_url(),
            reverse("programmes:programme_list"),
            site["programme"].get_absolute_url(),
            reverse("discovery:comparison"),
            reverse("discovery:search") + "?q=hyperlink",  # a word in a payload, for full-text search too
            reverse("discovery:open_data"),  # The only page here that shows no staff text.
        ]


def test_the_checker_finds_live_payloads():
    """The checker itself is not blind: raw payloads are all reported, escaped ones are not."""
    from django.utils.html import escape

    for payload in PAYLOADS[:8] + PAYLOADS[10:]:
        problems, _text = check_html(f"<p>{payload}</p>")
        assert problems, payload
        assert check_html(f"<p>{escape(payload)}</p>")[0] == []
    assert check_html('<input value="x"><script>window.xss=6</script>">')[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_renders_payloads_inert(client, poisoned_site, language):
    with translation.override(language):
        open_data = reverse("discovery:open_data")
    for url in page_urls(poisoned_site, language):
        response = client.get(url)
        assert response.status_code == 200, url
        problems, text = check_html(response.content.decode())
        assert problems == [], url
        # The payloads are shown as text, not dropped: the page really displayed the poisoned fields.
        if url != open_data:
            assert "window.xss=" in text or "xss1" in text, url


@pytest.mark.parametrize(
    "query",
    ["<script>window.xss=1</script>", '"><svg onload=window.xss=4>', "javascript:window.xss=9"],
)
def test_search_query_is_not_reflected_live(client, poisoned_site, query):
    response = client.get(reverse("discovery:search"), {"q": query})
    assert response.status_code == 200
    problems, text = check_html(response.content.decode())
    assert problems == []
    assert query in text


def test_not_found_page_does_not_reflect_the_path_live(client, db):
    response = client.get("/en/<script>window.xss=1</script>/%22%3E%3Csvg%20onload=window.xss=4%3E/")
    assert response.status_code == 404
    assert check_html(response.content.decode())[0] == []


EXPORTS = ["contributions", "mandates", "missions", "programmes"]


@pytest.mark.parametrize("dataset", EXPORTS)
def test_csv_exports_neutralise_formulas_and_are_not_html(client, poisoned_site, dataset):
    response = client.get(reverse(f"discovery:{dataset}_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert any("xss" in cell for cell in cells), "the export should carry the poisoned texts"
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []


@pytest.mark.parametrize("dataset", EXPORTS)
def test_json_exports_are_data_not_html(client, poisoned_site, dataset):
    response = client.get(reverse(f"discovery:{dataset}_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    document = json.loads(content)
    assert "window.xss=" in json.dumps(document, ensure_ascii=False)


@pytest.mark.parametrize("dataset", EXPORTS)
def test_spreadsheet_exports_hold_the_texts_and_no_formula(client, poisoned_site, dataset):
    response = client.get(reverse(f"discovery:{dataset}_xlsx"))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    cells = [
        cell
        for sheet in openpyxl.load_workbook(io.BytesIO(response.content))
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert any("xss" in str(cell.value) for cell in cells), "the export should carry the poisoned texts"
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_feed_summaries_are_inert_html(client, poisoned_site, language):
    with translation.override(language):
        response = client.get(reverse("discovery:feed"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert not [element for element in root.iter() if element.tag.startswith("{http://www.w3.org/1999/xhtml}")]
    entries = root.findall(f"{atom}entry")
    assert entries
    for entry in entries:
        # Titles are plain text; feed readers render summaries of type html as HTML.
        assert entry.find(f"{atom}title").get("type", "text") == "text"
        summary = entry.find(f"{atom}summary")
        assert summary.get("type") == "html"
        problems, text = check_html(summary.text or "")
        assert problems == []
        assert "window.xss=" in text or "xss" in text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_payloads_do_not_run_in_a_browser_even_without_the_policy(chromium, live_server, poisoned_site):
    """With CSP bypassed, any unescaped payload would set window.xss or call xss<n>()."""
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    context.add_init_script(
        "window.__ran = []; for (let n = 1; n <= 12; n++) { window['xss' + n] = () => window.__ran.push(n); }"
        "Object.defineProperty(window, 'xss', {set(v) { window.__ran.push(v); }, get() { return undefined; }});"
    )
    page = context.new_page()
    try:
        for language in LANGUAGES:
            for url in page_urls(poisoned_site, language):
                response = page.goto(url)
                assert response.status == 200, url
                page.wait_for_load_state("load")
                # Handlers that wait for a visitor: pointer over and focus on every element.
                page.evaluate(
                    "for (const element of document.body.querySelectorAll('*')) {"
                    " element.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                    " element.dispatchEvent(new FocusEvent('focus')); }"
                )
                assert page.evaluate("window.__ran") == [], url
    finally:
        context.close()
