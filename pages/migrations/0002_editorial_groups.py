"""The "Editors" and "Reviewers" groups get their permissions on the statements and the glossary (editorial/roles.py)."""

from django.db import migrations

from editorial.roles import ensure_editorial_groups


def add_permissions(apps, schema_editor):
    ensure_editorial_groups(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_source_link_health"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
