"""Existing programme periods in the new representation (a stored end date meant the programme ended then; an
empty one becomes "not known"), and each activity's programme, which was its theme's."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Programme = apps.get_model("programmes", "Programme")
    Theme = apps.get_model("programmes", "Theme")
    Activity = apps.get_model("programmes", "Activity")
    Programme.objects.using(db).filter(end_date__isnull=False).update(end_state="ended")
    Programme.objects.using(db).filter(end_date__isnull=True).update(end_state="not-known")
    themes = Theme.objects.filter(pk=OuterRef("theme_id"))
    Activity.objects.using(db).update(programme=Subquery(themes.values("programme_id")))


def backward(apps, schema_editor):
    db = schema_editor.connection.alias
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.using(db).exclude(end_state="ended").update(end_date=None)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_periods")]

    operations = [migrations.RunPython(forward, backward)]
