"""The "editors" group: may add, change, delete and view archive content, and nothing
about users or groups. Only superusers manage accounts."""

from django.db import migrations

ARCHIVE_MODELS = [
    "article", "outlet", "person", "theme", "quote", "speakersuggestion",
    "articleperson", "articletheme",
]  # fmt: skip
GROUP = "editors"


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; editors need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        f"{action}_{model}"
        for model in ARCHIVE_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_seed_themes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create, remove)]
