from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import Content


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Stabilisation programmes")
    content = [
        Content(
            "programme",
            fixture="05_programmes",
            detail_url="programmes:programme_detail",
            list_url="programmes:programme_list",
            change_log="title",
        ),
        Content("theme", fixture="05_programmes"),
        Content("activity", fixture="05_programmes"),
    ]
