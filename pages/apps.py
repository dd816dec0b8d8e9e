from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import Content


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Statements and glossary")
    content = [
        # Statements have fixed addresses; their public view finds one by its kind, which it takes as its slug.
        Content("statement", fixture="06_pages", detail_url="pages:statement_by_kind"),
        Content("glossaryterm", fixture="06_pages", list_url="pages:glossary"),
    ]
