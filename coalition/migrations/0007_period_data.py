"""Existing mission periods in the new representation: a stored end date meant the mission ended then; an empty
one becomes "not known" (never "under way", which needs a confirmation the old data does not have)."""

from django.db import migrations


def forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Mission = apps.get_model("coalition", "Mission")
    Mission.objects.using(db).filter(end_date__isnull=False).update(end_state="ended")
    Mission.objects.using(db).filter(end_date__isnull=True).update(end_state="not-known")


def backward(apps, schema_editor):
    db = schema_editor.connection.alias
    Mission = apps.get_model("coalition", "Mission")
    Mission.objects.using(db).exclude(end_state="ended").update(end_date=None)


class Migration(migrations.Migration):
    dependencies = [("coalition", "0006_periods")]

    operations = [migrations.RunPython(forward, backward)]
