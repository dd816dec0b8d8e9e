"""The catalogue of the data sets in DCAT-AP (the EU application profile of W3C DCAT, on which data.europa.eu and
the Danish and Norwegian portals' profiles build), as JSON-LD at a stable address, and their schema.org `Dataset`
description for the "Open data" page.

Portals harvest one description, so the catalogue is one document whatever the language of its address: titles
and descriptions carry every language as language-tagged literals, and the identifiers (every @id and download
address) are those of the default language's addresses. Every data set has a distribution per format (CSV, JSON,
XLSX), each with its licence and the schema it conforms to.

Controlled vocabularies are the EU Publications Office's authority tables (languages, file types, data themes,
frequencies), as DCAT-AP asks."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .changes import last_change
from .datasets import DATASETS, iso
from .licence import LICENCE_URL, SOURCES_TERMS
from .schema import CATALOGUE_DESCRIPTION, DATA_VERSION, catalogue_url

AUTHORITY = "http://publications.europa.eu/resource/authority"
LANGUAGES = {"da": f"{AUTHORITY}/language/DAN", "nb": f"{AUTHORITY}/language/NOB", "en": f"{AUTHORITY}/language/ENG"}
THEMES = [f"{AUTHORITY}/data-theme/GOVE", f"{AUTHORITY}/data-theme/INTR"]  # Government; international issues.
FORMATS = {
    "csv": (f"{AUTHORITY}/file-type/CSV", "text/csv"),
    "json": (f"{AUTHORITY}/file-type/JSON", "application/json"),
    "xlsx": (
        f"{AUTHORITY}/file-type/XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def _in_every_language(text):
    """A translatable text as JSON-LD language-tagged values, one per language of the site."""
    values = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values.append({"@value": str(text), "@language": code})
    return values


def _ref(url):
    return {"@id": url}


def catalogue(request):
    """The DCAT-AP catalogue as a JSON-LD document (a dict)."""
    with translation.override(settings.LANGUAGE_CODE):

        def absolute(name, fragment="", **kwargs):
            return request.build_absolute_uri(reverse(name, kwargs=kwargs or None)) + fragment

        catalogue_url = absolute("discovery:catalogue")
        publisher = {
            "@id": absolute("website:home", "#publisher"),
            "@type": "foaf:Agent",
            "foaf:name": _in_every_language(settings.SITE_NAME),
            "foaf:homepage": _ref(absolute("website:home")),
        }
        licence = {"@id": LICENCE_URL, "@type": "dct:LicenseDocument"}
        # The cited sources are not the site's to license.
        rights = {"@type": "dct:RightsStatement", "rdfs:label": _in_every_language(SOURCES_TERMS)}
        modified = {"@value": iso(last_change()), "@type": "xsd:dateTime"}
        datasets = [_dataset(dataset, absolute, publisher, licence, rights, modified) for dataset in DATASETS.values()]
        return {
            "@context": CONTEXT,
            "@id": catalogue_url,
            "@type": "dcat:Catalog",
            "dct:title": _in_every_language(settings.SITE_NAME),
            "dct:description": _in_every_language(CATALOGUE_DESCRIPTION),
            "dct:publisher": publisher,
            "foaf:homepage": _ref(absolute("discovery:open_data")),
            "dct:language": [_ref(url) for url in LANGUAGES.values()],
            "dct:license": licence,
            "dct:rights": rights,
            "dct:modified": modified,
            "owl:versionInfo": DATA_VERSION,
            "dcat:themeTaxonomy": _ref(f"{AUTHORITY}/data-theme"),
            "dcat:dataset": datasets,
        }


def _dataset(dataset, absolute, publisher, licence, rights, modified):
    dataset_id = absolute("discovery:catalogue", f"#{dataset.name}")
    landing = absolute(dataset.list_url_name) if dataset.list_url_name else absolute("discovery:open_data")
    conforms = {
        "csv": absolute("discovery:table_schema", dataset=dataset.name),
        "json": absolute("discovery:json_schema", dataset=dataset.name),
        "xlsx": absolute("discovery:table_schema", dataset=dataset.name),
    }
    distributions = []
    for file_format, (file_type, media_type) in FORMATS.items():
        download = absolute(f"discovery:{dataset.name}_{file_format}")
        distributions.append(
            {
                "@id": f"{dataset_id}-{file_format}",
                "@type": "dcat:Distribution",
                "dct:title": [
                    {"@value": f"{value['@value']} ({file_format.upper()})", "@language": value["@language"]}
                    for value in _in_every_language(dataset.title)
                ],
                "dcat:accessURL": _ref(download),
                "dcat:downloadURL": _ref(download),
                "dct:format": _ref(file_type),
                "dcat:mediaType": _ref(IANA_MEDIA_TYPES + media_type),
                "dct:license": licence,
                "dct:rights": rights,
                "dct:conformsTo": _ref(conforms[file_format]),
                "dct:modified": modified,
            }
        )
    return {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.name,
        "dct:title": _in_every_language(dataset.title),
        "dct:description": _in_every_language(dataset.description),
        "dct:publisher": {"@id": publisher["@id"]},
        "dct:language": [_ref(url) for url in LANGUAGES.values()],
        "dct:modified": modified,
        "dcat:landingPage": _ref(landing),
        "dcat:theme": [_ref(theme) for theme in THEMES],
        "dcat:keyword": [{"@value": word, "@language": "en"} for word in ("ISIL", "Daesh", "Denmark", "Norway")],
        "dct:accrualPeriodicity": _ref(f"{AUTHORITY}/frequency/IRREG"),
        "dcat:distribution": distributions,
    }


def schema_org_datasets(request):
    """The data sets as schema.org `Dataset`s (JSON-LD) for the "Open data" page: names and descriptions in the
    page's language, the licence, the publisher and a `DataDownload` per format."""

    def absolute(name, **kwargs):
        return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))

    publisher = {"@type": "Organization", "name": str(settings.SITE_NAME), "url": absolute("website:home")}
    modified = iso(last_change())
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": str(settings.SITE_NAME),
        "description": str(CATALOGUE_DESCRIPTION),
        "url": absolute("discovery:open_data"),
        "license": LICENCE_URL,
        "publisher": publisher,
        "inLanguage": translation.get_language(),
        "dataset": [
            {
                "@type": "Dataset",
                "name": str(dataset.title),
                "description": str(dataset.description),
                "url": absolute("discovery:open_data") + f"#fields-{dataset.name}",
                "identifier": catalogue_url(request) + f"#{dataset.name}",
                "license": LICENCE_URL,
                "creator": publisher,
                "isAccessibleForFree": True,
                "dateModified": modified,
                "version": DATA_VERSION,
                "variableMeasured": dataset.column_names(),
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": media_type,
                        "contentUrl": absolute(f"discovery:{dataset.name}_{file_format}"),
                    }
                    for file_format, (_file_type, media_type) in FORMATS.items()
                ],
            }
            for dataset in DATASETS.values()
        ],
    }
