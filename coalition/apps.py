from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import Content


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Coalition: countries, organisations and missions")
    content = [
        Content(
            "country",
            fixture="02_coalition",
            detail_url="website:country_detail",
            list_url="website:country_list",
            change_log="name",
        ),
        Content("organisation", fixture="02_coalition"),
        Content(
            "mission",
            fixture="02_coalition",
            detail_url="coalition:mission_detail",
            list_url="coalition:mission_list",
            change_log="title",
        ),
    ]
