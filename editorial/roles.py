"""The editorial roles: the "Editors" and "Reviewers" groups and their permissions.

Editors add, change, delete and view content and sources, and publish content; they administer no users or
groups. Reviewers only view. A data migration creates the groups on every deployment and a post_migrate
receiver (core.apps) keeps them complete, e.g. after the test runner flushes the database. Both only add what
is missing, so a permission given to a group by hand is never taken away.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from core import registry

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def roles():
    """{group name: {"app.model": [actions]}} for every content model of the registry (core/registry.py).
    Publishable content (shown once published) takes the "publish" permission too; a part of another entry
    (a contribution's ordered mandates) is edited with it and published with it."""
    editors = {}
    for entry in registry.entries():
        editors[entry.label] = ["add", "change", "delete", "view", *(["publish"] if entry.publishable else [])]
    return {EDITORS: editors, REVIEWERS: {label: ["view"] for label in editors}}


def publish_codename(opts):
    return f"publish_{opts.model_name}"


def ensure_editorial_groups(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the groups and give them their permissions. `apps` is the app registry, or a migration's."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    # On a fresh database Django creates the models' permissions only after every migration has run.
    for app_label in sorted({entry.app_label for entry in registry.entries()}):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps)

    for group_name, rights in roles().items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        permissions = []
        for label, actions in rights.items():
            try:
                model = apps.get_model(label)
            except LookupError:  # A partial migration: the model does not exist yet.
                continue
            content_type = ContentType.objects.db_manager(using).get_for_model(model)
            for action in actions:
                codename = f"{action}_{model._meta.model_name}"
                if action == "publish":
                    permission, _created = Permission.objects.using(using).get_or_create(
                        content_type=content_type,
                        codename=codename,
                        defaults={"name": f"Can publish {model._meta.verbose_name_raw}"},
                    )
                else:
                    permission = Permission.objects.using(using).get(content_type=content_type, codename=codename)
                permissions.append(permission)
        group.permissions.add(*permissions)


def sync_editorial_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate receiver."""
    ensure_editorial_groups(apps=apps, using=using)
