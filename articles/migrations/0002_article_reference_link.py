"""Literature rows get a link to a shared record (filled in by 0003).

The steps are three migrations, so that on PostgreSQL the rows written by 0003 are
committed before any table is altered again.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("references", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlereference",
            name="reference",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citing_entries",
                to="references.reference",
                verbose_name="Reference",
            ),
        ),
        # Nullable before they go, so that going back can add them again to a table with
        # rows, fill them (0003) and only then make them required again.
        migrations.AlterField(model_name="articlereference", name="authors", field=models.TextField(null=True)),
        migrations.AlterField(
            model_name="articlereference", name="year", field=models.PositiveSmallIntegerField(null=True)
        ),
        migrations.AlterField(
            model_name="articlereference", name="title", field=models.CharField(max_length=500, null=True)
        ),
        migrations.AlterField(
            model_name="articlereference", name="journal", field=models.CharField(max_length=200, null=True)
        ),
    ]
