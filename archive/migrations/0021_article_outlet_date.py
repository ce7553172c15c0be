"""One outlet's articles in date order, read from an index (built without locking
writes): a common word within one outlet walks that outlet's rows only."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("archive", "0020_article_date_oldest"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(
                models.F("outlet"),
                models.OrderBy(models.F("date"), descending=True, nulls_last=True),
                models.F("id"),
                name="article_outlet_date",
            ),
        ),
    ]
