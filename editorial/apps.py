from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial layer: workflow, admin base classes, roles, history, versions, preview, publication dates,
    dashboard and change log. It learns the content models from the registry (core/registry.py) and imports no
    content app."""

    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from . import history
        from .roles import sync_editorial_groups

        # Keeps the editorial groups complete after every migrate and after a test database is flushed. Django
        # sends post_migrate per app with models; the groups are synced once, after core's (the first app).
        post_migrate.connect(
            sync_editorial_groups, sender=apps.get_app_config("core"), dispatch_uid="editorial.sync_editorial_groups"
        )
        # INSTALLED_APPS lists this app after modeltranslation, whose ready() adds the language columns
        # (title_da, title_nb, …): the history models built here have them too.
        history.register_history()
