"""Site names outlets print in their own mastheads and title bars."""

from django.db import migrations

ALIASES = {
    "BBC Arabic": ["BBC News عربي", "BBC Arabic", "بي بي سي نيوز عربي"],
    "CNN Arabic": ["CNN Arabic", "سي إن إن عربية", "سي ان ان بالعربية"],
    "France 24 Arabic": ["France 24 Arabic", "فرانس 24 عربي", "فرانس 24 / France 24"],
    "Sky News Arabia": ["Sky News Arabia", "سكاي نيوز عربية - أبوظبي"],
    "Al Arabiya": ["Al Arabiya", "العربية نت", "alarabiya.net"],
    "Al Jazeera": ["Al Jazeera", "aljazeera.net"],
    "RT Arabic": ["RT Arabic", "روسيا اليوم RT", "arabic.rt.com"],
    "Sputnik Arabic": ["Sputnik Arabic", "سبوتنيك عربي"],
    "Jawhara FM": ["Jawhara FM"],
    "Xinhua": ["شينخوا العربية", "وكالة أنباء الصين الجديدة"],
    "SANA": ["سانا - الوكالة العربية السورية للأنباء"],
}


def add(apps, schema_editor):
    Outlet = apps.get_model("archive", "Outlet")
    for latin, aliases in ALIASES.items():
        for outlet in Outlet.objects.filter(name_latin=latin):
            outlet.aliases = list(dict.fromkeys([*outlet.aliases, *aliases]))
            outlet.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_seed_titles")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
