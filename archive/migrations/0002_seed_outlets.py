"""The starting registry of outlets: the seeds', the corpus's, and the agencies and
sites that cover China and Russia in Arabic. Editors extend it in the admin."""

from django.db import migrations
from django.utils.text import slugify

# (Arabic name, Latin name, aliases, is a wire agency quoted by other sites)
OUTLETS = [
    ("سانا", "SANA", ["الوكالة العربية السورية للأنباء", "وكالة سانا", "SANA"], False),
    ("Next News", "Next News", ["نكست نيوز"], False),
    ("اتحاد العالم الإسلامي", "Ittihad Al-Alam Al-Islami", [], False),
    ("العربية", "Al Arabiya", ["العربية.نت", "العربية نت", "قناة العربية"], False),
    ("بي بي سي عربي", "BBC Arabic", ["بي بي سي", "BBC", "BBC عربي", "بي بي سي العربية"], False),
    ("سي إن إن بالعربية", "CNN Arabic", ["سي إن إن", "CNN", "CNN بالعربية"], False),
    ("فرانس 24", "France 24 Arabic", ["France 24", "فرانس24"], False),
    ("سكاي نيوز عربية", "Sky News Arabia", ["سكاي نيوز", "Sky News"], False),
    ("جوهرة أف أم", "Jawhara FM", ["جوهرة اف ام", "جوهرة FM"], False),
    ("روسيا اليوم", "RT Arabic", ["RT عربي", "آر تي", "RT"], False),
    ("سبوتنيك عربي", "Sputnik Arabic", ["سبوتنيك"], False),
    ("الجزيرة", "Al Jazeera", ["الجزيرة نت", "قناة الجزيرة"], False),
    ("CGTN العربية", "CGTN Arabic", ["سي جي تي إن العربية"], False),
    ("شبكة الصين", "China.org.cn Arabic", ["arabic.china.org.cn"], False),
    ("صحيفة الشعب اليومية أونلاين", "People's Daily Online Arabic", ["الشعب اليومية"], False),
    ("إذاعة الصين الدولية", "CRI Arabic", ["CRI", "الإذاعة الصينية الدولية"], False),
    ("الأهرام", "Al-Ahram", ["بوابة الأهرام", "الأهرام اليومي"], False),
    ("اليوم السابع", "Youm7", [], False),
    ("الشرق الأوسط", "Asharq Al-Awsat", [], False),
    ("العربي الجديد", "Al-Araby Al-Jadeed", [], False),
    ("الميادين", "Al Mayadeen", ["قناة الميادين"], False),
    ("واس", "Saudi Press Agency", ["وكالة الأنباء السعودية", "SPA"], False),
    ("وام", "Emirates News Agency", ["وكالة أنباء الإمارات", "WAM"], False),
    ("شينخوا", "Xinhua", ["وكالة أنباء شينخوا", "وكالة الأنباء الصينية شينخوا", "شينخوا نت", "Xinhua"], True),
    ("رويترز", "Reuters", ["وكالة رويترز", "Reuters"], True),
    ("فرانس برس", "AFP", ["أ ف ب", "أ.ف.ب", "وكالة فرانس برس", "وكالة الصحافة الفرنسية", "AFP"], True),
    ("أسوشيتد برس", "Associated Press", ["أسوشييتد برس", "أ ب", "AP"], True),
    ("تاس", "TASS", ["وكالة تاس", "TASS"], True),
    ("ريا نوفوستي", "RIA Novosti", ["وكالة ريا نوفوستي", "نوفوستي"], True),
    ("إنترفاكس", "Interfax", ["انترفاكس"], True),
    ("الأناضول", "Anadolu Agency", ["وكالة الأناضول"], True),
    ("د ب أ", "dpa", ["د.ب.أ", "وكالة الأنباء الألمانية"], True),
]


def seed(apps, schema_editor):
    Outlet = apps.get_model("archive", "Outlet")
    for name, latin, aliases, is_wire in OUTLETS:
        Outlet.objects.get_or_create(
            name=name,
            defaults={
                "name_latin": latin,
                "aliases": aliases,
                "is_wire": is_wire,
                "slug": slugify(latin) or slugify(name, allow_unicode=True),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
