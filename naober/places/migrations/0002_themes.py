from django.db import migrations

CODES = [
    "housing", "care", "welfare", "money", "language",
    "work", "safety", "carers", "newcomers", "youth",
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("places", "Theme")
    for code in CODES:
        Theme.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
