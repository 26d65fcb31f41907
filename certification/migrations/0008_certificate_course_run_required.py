from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("certification", "0007_certificate_course_run"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="course_run",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="courses.courserun",
            ),
        ),
    ]
