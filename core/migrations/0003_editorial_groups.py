"""The "Editors" and "Reviewers" groups, with their permissions (see editorial/roles.py)."""

from django.db import migrations

from editorial.roles import EDITORS, REVIEWERS, ensure_editorial_groups


def create_groups(apps, schema_editor):
    ensure_editorial_groups(apps=apps, using=schema_editor.connection.alias)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_history"),
        ("coalition", "0003_history"),
        ("contributions", "0002_history"),
        ("programmes", "0002_history"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
