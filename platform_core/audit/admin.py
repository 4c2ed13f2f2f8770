from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from platform_core.admin_records import RecordAdmin

from .models import AuditEntry
from .words import action_said


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    list_display = ["created", "actor_label", "what", "target_type", "target_label", "group_key"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "group_key", "action"]
    date_hierarchy = "created"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    @admin.display(description=_("what"), ordering="action")
    def what(self, entry):
        return action_said(entry.action)
