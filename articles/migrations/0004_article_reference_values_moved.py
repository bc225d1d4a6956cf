"""The values of a literature row now live in its record (0003)."""

import django.db.models.deletion
from django.db import migrations, models

ROW_FIELDS = ("authors", "et_al", "year", "title", "journal", "volume", "issue", "pages", "doi", "pmid")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_literature_records")]

    operations = [
        *[migrations.RemoveField(model_name="articlereference", name=name) for name in ROW_FIELDS],
        migrations.AlterField(
            model_name="articlereference",
            name="reference",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citing_entries",
                to="references.reference",
                verbose_name="Reference",
            ),
        ),
    ]
