from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from platform_core.erasure import AccountDeletionBlocked
from platform_core.organisations.models import OrganisationMember

from .erasure import account_delete
from .models import HandleChange, User


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    autocomplete_fields = ["organisation"]
    verbose_name_plural = _("organisations")


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "handle"]


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "handle", "display_name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "handle", "display_name"]
    readonly_fields = ["last_login", "date_joined", "deleted_at"]
    inlines = [OrganisationMembershipInline]
    actions = ["delete_accounts"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["handle", "display_name", "language", "time_zone"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "handle", "usable_password", "password1", "password2"]},
        ),
    ]

    @admin.action(description=_("Delete these accounts (their contributions stay, anonymous)"))
    def delete_accounts(self, request, queryset):
        """The same deletion as a person's own (``account_delete``), one account at a time."""
        deleted = 0
        for user in queryset:
            try:
                account_delete(user=user, actor=request.user, how="admin")
            except AccountDeletionBlocked as blocked:
                self.message_user(request, f"{user.email}: {' '.join(blocked.messages)}", messages.ERROR)
            else:
                deleted += 1
        if deleted:
            self.message_user(
                request, _("%(count)d accounts deleted.") % {"count": deleted}, messages.SUCCESS
            )


@admin.register(HandleChange)
class HandleChangeAdmin(admin.ModelAdmin):
    """Who had which handle (links to an old @handle lead to its person); read-only, the record of it."""

    list_display = ["old_handle", "new_handle", "user", "reason", "created", "told_at"]
    list_filter = ["reason"]
    search_fields = ["old_handle", "new_handle", "user__email"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
