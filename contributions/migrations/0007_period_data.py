"""Existing periods and mandates in the new representation. A stored end date meant the contribution ended then;
an empty one meant nothing more than that no end was recorded, so it becomes "not known" (never "under way",
which needs a confirmation the old data does not have). The single mandate becomes the first of the list."""

from django.db import migrations


def forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Contribution = apps.get_model("contributions", "Contribution")
    Authorisation = apps.get_model("contributions", "Authorisation")
    contributions = Contribution.objects.using(db)
    contributions.filter(end_date__isnull=False).update(end_state="ended")
    contributions.filter(end_date__isnull=True).update(end_state="not-known")
    Authorisation.objects.using(db).bulk_create(
        Authorisation(contribution_id=pk, mandate_id=mandate_id, order=1)
        for pk, mandate_id in contributions.filter(mandate__isnull=False).values_list("pk", "mandate_id")
    )


def backward(apps, schema_editor):
    db = schema_editor.connection.alias
    Contribution = apps.get_model("contributions", "Contribution")
    Authorisation = apps.get_model("contributions", "Authorisation")
    contributions = Contribution.objects.using(db)
    for authorisation in Authorisation.objects.using(db).order_by("contribution_id", "-order"):
        contributions.filter(pk=authorisation.contribution_id).update(mandate_id=authorisation.mandate_id)
    # The old representation has no end states: an end that is not a date becomes empty.
    contributions.exclude(end_state="ended").update(end_date=None)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0006_periods")]

    operations = [migrations.RunPython(forward, backward)]
