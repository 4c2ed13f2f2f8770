from django.db import migrations


def load(apps, schema_editor):
    from arenas.playbooks import SHIPPED

    Playbook = apps.get_model("arenas", "Playbook")
    for playbook in SHIPPED:
        Playbook.objects.update_or_create(
            slug=playbook["slug"],
            defaults={
                "name": playbook["name"],
                "description": playbook["description"],
                "phases": playbook["phases"],
                "starter_threads": playbook["starter_threads"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("arenas", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
