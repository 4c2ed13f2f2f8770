from django.contrib import admin


class RecordAdmin(admin.ModelAdmin):
    """An admin for a record of what happened (the audit log, consents): read, filtered, never added,
    changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
