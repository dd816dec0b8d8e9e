"""Open data as a portal or a newsroom takes it: every data set (sources and organisations included) in every
format against its published schema, the data package with frictionless (its CSV files, schemas and foreign keys
together), the DCAT-AP catalogue parsed as RDF, the spreadsheets read back with openpyxl, and the HTTP details
(file names, Last-Modified, parameters the data set does not have)."""

import datetime
import io
import json
import re
import zipfile
from unittest import mock

import openpyxl
import pytest
from django.utils.http import http_date, parse_http_date
from frictionless import Package
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from discovery.datasets import DATASETS
from tests.discovery.conftest import DRAFT_MARKERS, content_of, url_in
from tests.discovery.test_exports import as_csv_cell, csv_rows, export, json_schema_for, validate
from tests.factories import ContributionFactory, OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def catalogue_scene(scene):
    """The scene with an organisation leading a mission, a draft organisation and a source cited only by a draft."""
    nato = OrganisationFactory(
        key="nato", acronym="NATO", name_en="North Atlantic Treaty Organization", kind="alliance"
    )
    OrganisationFactory(key="draft-organisation", status="draft", name_en="Draft organisation", kind="alliance")
    scene.nmi.lead_organisation = nato
    scene.nmi.save()
    scene.nmi.sources.add(
        SourceFactory(
            key="nato-nmi",
            title="NATO Mission Iraq",
            publisher="NATO",
            url="https://www.nato.int/cps/en/natohq/topics_166936.htm",
            language="en",
            kind="official",
            published_on=datetime.date(2022, 5, 10),
        )
    )
    scene.drafts.contribution.sources.add(SourceFactory(key="draft-only-source", title="Cited by a draft only"))
    scene.nato = nato
    return scene


def xlsx_workbook(body):
    return openpyxl.load_workbook(io.BytesIO(body))


@pytest.mark.parametrize("dataset", ["sources", "organisations", "citations"])
def test_sources_organisations_and_citations_are_data_sets_in_every_format(client, catalogue_scene, dataset):
    csv_response, csv_body = export(client, dataset, "csv")
    json_response, json_body = export(client, dataset, "json")
    xlsx_response, xlsx_body = export(client, dataset, "xlsx")

    assert csv_response.status_code == json_response.status_code == xlsx_response.status_code == 200
    header, rows = csv_rows(csv_body)
    document = json.loads(json_body)
    validate(document, json_schema_for(client, dataset))
    assert header == DATASETS[dataset].column_names()
    for csv_row, json_row in zip(rows, document["rows"], strict=True):
        assert csv_row == {name: as_csv_cell(value) for name, value in json_row.items()}
    sheet = xlsx_workbook(xlsx_body).worksheets[0]
    first = header[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [row[first] for row in rows]
    text = csv_body.decode("utf-8-sig") + json_body.decode()
    assert "draft-organisation" not in text and "draft-only-source" not in text


def test_the_sources_data_set_keeps_what_the_pages_show(client, catalogue_scene):
    _response, body = export(client, "sources", "json")
    rows = {row["key"]: row for row in json.loads(body)["rows"]}

    nato = rows["nato-nmi"]
    assert (nato["title"], nato["publisher"], nato["language"], nato["kind"]) == (
        "NATO Mission Iraq",
        "NATO",
        "en",
        "official",
    )
    assert nato["published_on"] == "2022-05-10"
    assert nato["url"] == "https://www.nato.int/cps/en/natohq/topics_166936.htm"
    # Every source a published row cites is in it, so the rows' source_keys resolve.
    for name in ("contributions", "mandates", "missions", "programmes"):
        _response, body = export(client, name, "json")
        for row in json.loads(body)["rows"]:
            assert set(row["source_keys"]) <= set(rows)


def test_citations_are_the_rows_source_keys(client, catalogue_scene):
    expected = set()
    for name, column in (
        ("contributions", "contribution"),
        ("mandates", "mandate"),
        ("missions", "mission"),
        ("programmes", "programme"),
    ):
        _response, body = export(client, name, "json")
        expected |= {(column, row["key"], source) for row in json.loads(body)["rows"] for source in row["source_keys"]}

    _response, body = export(client, "citations", "json")
    rows = json.loads(body)["rows"]
    citations = set()
    for row in rows:
        (column,) = [name for name in ("contribution", "mandate", "mission", "programme") if row[name]]
        citations.add((column, row[column], row["source"]))

    assert citations == expected
    assert len(rows) == len(expected)
    assert ("mission", "nmi", "nato-nmi") in citations
    assert not any("draft" in key for _column, key, _source in citations)


def package_on_disk(client, language, directory, change=lambda name, body: body):
    """The data package as a data user saves it: every CSV file and Table Schema it names beside it (each CSV as
    `change` leaves it). Returns the package."""
    package = json.loads(client.get(url_in(language, "discovery:datapackage")).content)
    for resource in package["resources"]:
        name = resource["name"]
        (directory / f"{name}.csv").write_bytes(change(name, content_of(client.get(resource["path"]))))
        resource["path"] = f"{name}.csv"
        resource["schema"] = json.loads(client.get(resource["schema"]).content)
    (directory / "datapackage.json").write_text(json.dumps(package))
    return package


def validate_package(directory):
    """frictionless's report on the saved package: each row against its schema, each foreign key against the data
    set it names."""
    return Package(str(directory / "datapackage.json")).validate()


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_the_data_package_is_valid_with_its_files_and_foreign_keys(client, catalogue_scene, tmp_path, language):
    package = package_on_disk(client, language, tmp_path)

    report = validate_package(tmp_path)

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [resource["name"] for resource in package["resources"]] == list(DATASETS)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] and package["created"] and package["contributors"] and package["sources"]
    assert package["catalog"] == "http://testserver/en/data/catalog.jsonld"  # One address in every language.


def test_a_broken_foreign_key_is_caught(client, catalogue_scene, tmp_path):
    """The foreign keys are real: a contributions file naming a mission the missions file lacks fails."""
    package_on_disk(
        client,
        "en",
        tmp_path,
        change=lambda name, body: body.replace(b"\r\noir,", b"\r\nnot-oir,") if name == "missions" else body,
    )

    report = validate_package(tmp_path)

    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_table_schemas_link_the_data_sets(client, scene):
    def foreign_keys(name):
        schema = json.loads(client.get(url_in("en", "discovery:table_schema", dataset=name)).content)
        return {key["fields"]: key["reference"]["resource"] for key in schema.get("foreignKeys", [])}

    assert foreign_keys("contributions") == {"mission": "missions", "mandate": "mandates"}
    assert foreign_keys("missions") == {"lead_organisation": "organisations", "parent": ""}
    assert foreign_keys("citations") == {
        "source": "sources",
        "contribution": "contributions",
        "mandate": "mandates",
        "mission": "missions",
        "programme": "programmes",
    }


# -- Spreadsheets ----------------------------------------------------------------------------------------------------


def test_xlsx_has_the_rows_as_typed_cells_and_never_a_formula(client, scene):
    response, body = export(client, "contributions", "xlsx", {"mission": "oir"})
    _json_response, json_body = export(client, "contributions", "json", {"mission": "oir"})
    expected = json.loads(json_body)["rows"]

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="contributions_mission-oir.xlsx"'
    workbook = xlsx_workbook(body)
    rows_sheet, about = workbook.worksheets
    header = [cell.value for cell in rows_sheet[1]]
    assert header == DATASETS["contributions"].column_names()
    rows = [dict(zip(header, row, strict=True)) for row in rows_sheet.iter_rows(min_row=2)]
    assert [row["key"].value for row in rows] == [row["key"] for row in expected]
    for sheet in workbook.worksheets:
        for line in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in line)

    by_key = {row["key"].value: row for row in rows}
    trainers, radar = by_key["no-oir-trainers"], by_key["dk-oir-radar"]
    assert trainers["personnel"].value == 70 and trainers["personnel"].data_type == "n"
    assert trainers["as_of"].value == datetime.datetime(2018, 6, 1)  # A date, shown as one.
    assert trainers["as_of"].is_date and trainers["as_of"].number_format == "yyyy-mm-dd"
    assert trainers["start_date"].value == "2017-03"  # Only the month is known: text, no invented day.
    assert radar["start_date"].value == datetime.datetime(2016, 5, 1)
    assert isinstance(trainers["updated"].value, datetime.datetime)
    assert trainers["partner_countries"].value == "DK IQ"
    assert radar["personnel"].value is None
    # A text that looks like a formula is a text, unchanged.
    assert radar["location_en"].value == "=1+2 (a text that looks like a spreadsheet formula)"
    assert radar["location_en"].data_type == "s"

    described = {row[0]: row for row in about.iter_rows(values_only=True) if row and row[0]}
    assert set(DATASETS["contributions"].column_names()) <= set(described)
    assert any("CC-BY-4.0" in str(row[1]) for row in described.values())
    assert any("publishers' own terms" in str(row[1]) for row in described.values())


def test_xlsx_numbers_and_control_characters(client, scene):
    scene.programme.budget_amount = 397000000
    scene.programme.save()
    scene.dk_ongoing.title_en = "Radar\x07 with a bell"
    scene.dk_ongoing.save()

    _response, body = export(client, "programmes", "xlsx")
    sheet = xlsx_workbook(body).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    budget = sheet.cell(row=2, column=header.index("budget_amount") + 1)
    assert budget.value == 397000000 and budget.data_type == "n"

    response, body = export(client, "contributions", "xlsx")
    assert response.status_code == 200
    cells = [cell.value for row in xlsx_workbook(body).worksheets[0].iter_rows() for cell in row]
    assert "Radar\ufffd with a bell" in cells


class AnHourLater:
    """In place of the datetime module where openpyxl dates the workbook's last change as it saves."""

    timezone = datetime.timezone

    class datetime(datetime.datetime):  # Stands in for datetime.datetime.
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.now(tz) + datetime.timedelta(hours=1)


def test_the_same_content_gives_the_same_spreadsheet(client, scene):
    """Written an hour apart, the same rows make the same file (so its ETag holds until the content changes)."""
    _response, first = export(client, "mandates", "xlsx")
    with mock.patch("openpyxl.writer.excel.datetime", AnHourLater), mock.patch("zipfile.time.time", lambda: 4e9):
        _response, second = export(client, "mandates", "xlsx")

    assert first == second
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert len(times) == 1


def test_xlsx_is_cached_like_the_other_exports(page_cache, client, scene, django_assert_num_queries):
    url = url_in("en", "discovery:contributions_xlsx")
    first = client.get(url, {"country": "DK"})
    assert first.headers.get("X-Page-Cache") == "miss"
    with django_assert_num_queries(0):
        second = client.get(url, {"country": "DK"})
    assert second.headers.get("X-Page-Cache") == "hit"
    assert second.content == first.content
    for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified", "Link"):
        assert second[header] == first[header]
    assert client.get(url, {"country": "DK"}, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_download_links_offer_the_spreadsheet(client, scene):
    html = client.get(url_in("en", "contributions:contribution_list"), {"country": "DK", "page": "1"}).content.decode()

    assert f'href="{url_in("en", "discovery:contributions_xlsx")}?country=DK"' in html
    assert f'<link rel="alternate" type="{XLSX}"' in html


# -- HTTP details ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_filtered_downloads_are_named_after_their_filters(client, scene, file_format):
    response, _body = export(client, "contributions", file_format, {"country": "DK", "q": "Kommando af NATO"})
    plain, _body = export(client, "contributions", file_format)

    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    assert name == f"contributions_country-dk_q-kommando-af-nato.{file_format}"
    assert f'filename="contributions.{file_format}"' in plain["Content-Disposition"]


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_exports_have_last_modified_and_answer_if_modified_since(client, scene, file_format, django_assert_num_queries):
    response, _body = export(client, "contributions", file_format)
    modified = parse_http_date(response["Last-Modified"])
    newest = max(obj.updated for obj in (scene.no_contribution, scene.dk_ongoing, scene.programme, scene.oir))
    assert modified >= int(newest.timestamp())

    with django_assert_num_queries(2):  # The filter's year choices and the time of the last change; no row.
        repeat = client.get(
            url_in("en", f"discovery:contributions_{file_format}"),
            headers={"if-modified-since": response["Last-Modified"]},
        )
    assert repeat.status_code == 304

    scene.no_mandate.label_en = "Changed later"
    scene.no_mandate.save()
    later = client.get(
        url_in("en", f"discovery:contributions_{file_format}"),
        headers={"if-modified-since": http_date(modified - 1)},
    )
    assert later.status_code == 200
    assert parse_http_date(later["Last-Modified"]) >= modified


def test_last_modified_follows_a_scheduled_publication_and_a_deletion(client, scene):
    """The time of the content's last change also counts a scheduled item that became public without a save, and a
    deletion (kept in the edit history)."""
    first, _body = export(client, "contributions", "csv")
    start = datetime.datetime.fromtimestamp(parse_http_date(first["Last-Modified"]), tz=datetime.UTC)
    published_at = start + datetime.timedelta(hours=1)
    scheduled = ContributionFactory(
        country=scene.denmark, mission=scene.oir, status="published", published_at=published_at
    )
    organisation = OrganisationFactory()

    def last_modified_at(moment):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            response, _body = export(client, "contributions", "csv")
        return datetime.datetime.fromtimestamp(parse_http_date(response["Last-Modified"]), tz=datetime.UTC)

    assert last_modified_at(start + datetime.timedelta(minutes=30)) < published_at  # Not yet public.
    assert last_modified_at(start + datetime.timedelta(hours=2)) == published_at

    deleted_at = start + datetime.timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=deleted_at):
        organisation.delete()
    assert last_modified_at(start + datetime.timedelta(hours=4)) == deleted_at
    assert scheduled.updated < published_at


@pytest.mark.parametrize(
    ("dataset", "params", "refused"),
    [
        ("missions", {"country": "DK"}, "country"),  # The missions have no country filter.
        ("programmes", {"year": "2019"}, "year"),
        ("sources", {"q": "NATO"}, "q"),
        ("contributions", {"colour": "red"}, "colour"),
        ("contributions", {"country": ["DK", "NO"]}, "country"),  # Given twice: not half applied.
        ("mandates", {"year": ["2016", "2020"]}, "year"),
    ],
)
@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_parameters_a_data_set_does_not_have_or_repeated_are_refused(
    client, scene, dataset, params, refused, file_format
):
    response, body = export(client, dataset, file_format, params)

    assert response.status_code == 400
    if file_format == "json":
        assert refused in json.loads(body)["filters"]
    else:
        assert f"{refused}: " in body.decode()


def test_a_page_number_is_still_ignored(client, scene):
    response, _body = export(client, "missions", "csv", {"page": "2"})
    assert response.status_code == 200


def test_refusals_are_in_the_visitors_language(client, scene):
    _response, body = export(client, "missions", "json", {"country": "DK"}, language="da")
    message = json.loads(body)["filters"]["country"][0]
    assert message != "This data set has no filter of this name."


# -- DCAT-AP catalogue -------------------------------------------------------------------------------------------------


def test_the_catalogue_is_dcat_ap_json_ld(client, catalogue_scene):
    response = client.get(url_in("da", "discovery:catalogue"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    graph = Graph().parse(data=response.content, format="json-ld")

    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert catalogues == [URIRef("http://testserver/en/data/catalog.jsonld")]  # The same whatever the language.
    catalogue = catalogues[0]
    # Mandatory in DCAT-AP: the catalogue's title, description, publisher and data sets.
    for predicate in (DCT.title, DCT.description, DCT.publisher, DCAT.dataset):
        assert graph.value(catalogue, predicate) is not None, predicate
    assert {title.language for title in graph.objects(catalogue, DCT.title)} == {"da", "nb", "en"}
    assert graph.value(catalogue, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(graph.value(catalogue, DCT.publisher), RDF.type) is not None

    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert {str(graph.value(dataset, DCT.identifier)) for dataset in datasets} == set(DATASETS)
    for dataset in datasets:
        assert graph.value(dataset, RDF.type) == DCAT.Dataset
        for predicate in (DCT.title, DCT.description, DCAT.distribution, DCT.publisher, DCAT.theme):
            assert graph.value(dataset, predicate) is not None, predicate
        distributions = set(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 3
        for distribution in distributions:
            assert graph.value(distribution, RDF.type) == DCAT.Distribution
            assert graph.value(distribution, DCAT.accessURL) is not None  # Mandatory.
            assert graph.value(distribution, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
            rights = graph.value(distribution, DCT.rights)
            labels = {label.language: str(label) for label in graph.objects(rights, RDFS.label)}
            assert "publishers' own terms" in labels["en"] and set(labels) == {"da", "nb", "en"}
            assert graph.value(distribution, DCT["format"]) is not None
            assert graph.value(distribution, DCT.conformsTo) is not None
            download = str(graph.value(distribution, DCAT.downloadURL))
            answer = client.get(download.removeprefix("http://testserver"))
            assert answer.status_code == 200, download
        assert {title.language for title in graph.objects(dataset, DCT.title)} == {"da", "nb", "en"}


def test_the_open_data_page_links_the_catalogue_and_describes_the_data_sets(client, scene):
    html = client.get(url_in("en", "discovery:open_data")).content.decode()

    assert url_in("en", "discovery:catalogue") in html
    block = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    assert block["@context"] == "https://schema.org"
    block["@context"] = {"@vocab": "https://schema.org/"}  # That context, without fetching it.
    graph = Graph().parse(data=json.dumps(block), format="json-ld")
    schema = Namespace("https://schema.org/")
    datasets = set(graph.subjects(RDF.type, schema.Dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        assert str(graph.value(dataset, schema.license)) == "https://creativecommons.org/licenses/by/4.0/"
        assert graph.value(dataset, schema.distribution) is not None
    for marker in DRAFT_MARKERS:
        assert marker not in html


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_the_open_data_page_states_the_licence_as_decided(client, scene, language):
    html = client.get(url_in(language, "discovery:open_data")).content.decode()

    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert 'rel="license"' in html
    assert "notice" not in re.search(r'id="licence-heading".*?</section>', html, re.DOTALL).group(0)
    assert "XLSX" in html and url_in(language, "discovery:sources_csv") in html


def test_the_footer_names_the_licence_of_the_texts(client, scene):
    html = client.get(url_in("en", "website:home")).content.decode()
    footer = html.split("<footer", 1)[1]
    assert "https://creativecommons.org/licenses/by/4.0/" in footer
