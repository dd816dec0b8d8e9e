"""The editorial roles: the "Editors" and "Reviewers" groups and their permissions.

Editors add, change, delete and view content and sources, and publish content; they administer no users or
groups. Reviewers only view. A data migration creates the groups on every deployment and a post_migrate
receiver (core.apps) keeps them complete, e.g. after the test runner flushes the database. Both only add what
is missing, so a permission given to a group by hand is never taken away.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
REVIEWERS = "Reviewers"

# Content shown on the public site: it has a status, and publishing it takes the "publish" permission.
PUBLISHABLE_MODELS = [
    "core.keyfigure",
    "coalition.country",
    "coalition.organisation",
    "coalition.mission",
    "contributions.mandate",
    "contributions.contributionkind",
    "contributions.contribution",
    "programmes.programme",
    "programmes.theme",
    "programmes.activity",
    "pages.statement",
    "pages.glossaryterm",
]
# Content edited only as part of another entry (a contribution's ordered mandates, on the contribution's form).
PART_MODELS = ["contributions.authorisation"]
CONTENT_MODELS = ["core.source", *PUBLISHABLE_MODELS, *PART_MODELS]

ROLES = {
    EDITORS: {label: ["add", "change", "delete", "view"] for label in CONTENT_MODELS},
    REVIEWERS: {label: ["view"] for label in CONTENT_MODELS},
}
for _label in PUBLISHABLE_MODELS:
    ROLES[EDITORS][_label].append("publish")


def publish_codename(opts):
    return f"publish_{opts.model_name}"


def ensure_editorial_groups(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the groups and give them their permissions. `apps` is the app registry, or a migration's."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    # On a fresh database Django creates the models' permissions only after every migration has run.
    for app_label in sorted({label.split(".")[0] for label in CONTENT_MODELS}):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps)

    for group_name, rights in ROLES.items():
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
