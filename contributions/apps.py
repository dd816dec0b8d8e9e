from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import Content


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Mandates and contributions")
    content = [
        Content("contributionkind", fixture="04_contributions"),
        Content(
            "mandate",
            fixture="04_contributions",
            detail_url="contributions:mandate_detail",
            list_url="contributions:mandate_list",
            change_log="label",
        ),
        Content(
            "contribution",
            fixture="04_contributions",
            detail_url="contributions:contribution_detail",
            list_url="contributions:contribution_list",
            change_log="title",
        ),
        Content("authorisation", fixture="04_contributions", part_of="contribution"),
    ]
