"""An index for lists sorted oldest first (undated last), built without locking
writes: at a million articles the sort it replaces took seconds."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("archive", "0019_vocabulary"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(
                models.OrderBy(models.F("date"), nulls_last=True),
                models.F("id"),
                name="article_date_oldest",
            ),
        ),
    ]
