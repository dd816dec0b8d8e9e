"""The licence offered for the data compiled on this site.

Choosing it is the site owner's decision. Until they confirm it (DISCOVERY_DATA_LICENCE = {..., "confirmed":
True} in the settings), the "Open data" page presents it as a proposal and the machine-readable data package
names no licence. It covers the compilation on this site only: the source documents each row links to stay
under their publishers' own terms."""

from django.conf import settings

PROPOSED_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "confirmed": False,
}


def data_licence():
    """The proposed licence, overridden key by key by the DISCOVERY_DATA_LICENCE setting."""
    return {**PROPOSED_LICENCE, **getattr(settings, "DISCOVERY_DATA_LICENCE", {})}
