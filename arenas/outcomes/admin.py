"""The outcomes in the admin: read-mostly. Decisions are published from the thread and prototype pages
(``decision_create`` tells the contributors and audits); here staff find and read them, and may correct a
typo or a review date."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Decision, StakeholderGroup


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["subject_shown", "outcome", "arena", "created", "review_on"]
    list_filter = ["outcome", "arena"]
    search_fields = ["reason"]
    list_select_related = ["arena", "thread", "prototype"]
    raw_id_fields = ["arena", "thread", "prototype", "decided_by"]
    readonly_fields = ["arena", "thread", "prototype", "decided_by", "created", "review_reminded_at"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False  # a decision is published where people read it, and they are told

    @admin.display(description=_("answers"))
    def subject_shown(self, decision):
        return decision.subject


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["arena", "stakeholder_type", "description", "target", "order"]
    list_filter = ["stakeholder_type", "arena"]
    search_fields = ["description", "arena__title"]
    list_select_related = ["arena"]
    raw_id_fields = ["arena"]
