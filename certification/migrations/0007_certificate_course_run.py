"""Each certificate keeps its enrolment's run (see Certificate.course_run).

Added empty and filled from the enrolments in one UPDATE; 0008 makes it
required, in a transaction of its own (PostgreSQL refuses to alter a table
with the deferred foreign-key checks of the UPDATE still pending). Reversible:
going back drops the column.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_course_run(apps, schema_editor):
    Certificate = apps.get_model("certification", "Certificate")
    Enrolment = apps.get_model("courses", "Enrolment")
    run_of_enrolment = Enrolment.objects.filter(pk=OuterRef("enrolment_id")).values(
        "course_run_id"
    )[:1]
    Certificate.objects.update(course_run_id=Subquery(run_of_enrolment))


class Migration(migrations.Migration):

    dependencies = [
        ("certification", "0006_certificate_not_valid_idx"),
        ("courses", "0007_enrolment_inactive_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="course_run",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="courses.courserun",
            ),
        ),
        migrations.RunPython(fill_course_run, migrations.RunPython.noop, elidable=True),
    ]
