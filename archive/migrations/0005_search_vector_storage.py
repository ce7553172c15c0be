"""Keep search vectors in the table row (compressed) rather than out of line.

Every matching row's vector is read to recheck and rank a search; out-of-line
(TOAST) storage costs a second lookup per row. Measured in PERFORMANCE-NOTES.md:
2-3.5x faster for everything that reads vectors.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_seed_people")]
    operations = [
        migrations.RunSQL(
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STORAGE MAIN",
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STORAGE EXTENDED",
        )
    ]
