"""Renames every handle that shows its owner's email address (``anna.berg@…`` → ``@anna-berg``, the old
way handles were made) to one made from the display name, or ``member-`` and a number, and records the
change so that the person is told (``accounts.tell_handle_changes``) and links to the old handle still
lead to them. Mentions in posts follow in ``deliberation.0002``."""

from django.db import migrations
from django.utils import timezone

from platform_core.accounts.handles import handle_new, reveals_email


def rename_revealing_handles(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    HandleChange = apps.get_model("accounts", "HandleChange")
    renamed = set()

    def taken(candidates):
        candidates = list(candidates)
        used = set(User.objects.filter(handle__in=candidates).values_list("handle", flat=True))
        return used | (renamed & set(candidates))

    now = timezone.now()
    for user in User.objects.only("pk", "email", "handle", "display_name").order_by("pk").iterator():
        if not reveals_email(user.handle, user.email):
            continue
        old = user.handle
        user.handle = handle_new(display_name=user.display_name, email=user.email, taken=taken)
        renamed.add(user.handle)
        User.objects.filter(pk=user.pk).update(handle=user.handle)
        HandleChange.objects.create(
            user_id=user.pk, old_handle=old, new_handle=user.handle, reason="email", created=now
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_handle_change")]

    operations = [migrations.RunPython(rename_revealing_handles, migrations.RunPython.noop)]
