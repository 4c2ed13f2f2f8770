from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created", "actor_label", "action", "target_type", "target_label", "group_key"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "group_key", "action"]
    date_hierarchy = "created"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
