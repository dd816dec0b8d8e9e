"""The licence of what this site compiles: its texts, the structure of its data and the data themselves are
published under Creative Commons Attribution 4.0 International, attributed to the site. The documents the rows
cite are not the site's: they stay under their publishers' own terms, and every export says so.

One definition, used by the exports (the JSON's "licence", the HTTP Link header of every download), the data
package, the DCAT catalogue, the "Open data" page and the site's footer."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

LICENCE_NAME = "CC-BY-4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

SOURCES_TERMS = _(
    "The licence covers this site's compilation: its texts, the selection and arrangement of the data, and the "
    "data written for the site. The source documents the rows cite remain under their publishers' own terms."
)


def attribution():
    return _("Attribute it to “%(site)s”, with a link to the site or the data.") % {"site": settings.SITE_NAME}


def data_licence():
    """The licence as the exports state it: its SPDX identifier, title and address, whom to attribute, and the
    terms of the cited sources."""
    return {
        "name": LICENCE_NAME,
        "title": LICENCE_TITLE,
        "path": LICENCE_URL,
        "attribution": str(attribution()),
        "sources": str(SOURCES_TERMS),
    }


def link_header():
    """The HTTP Link header that names the licence of a download (RFC 8288, the "license" relation of RFC 4946)."""
    return f'<{LICENCE_URL}>; rel="license"'
