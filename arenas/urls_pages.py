from django.urls import path

from .views import arena, audit, directory, organisations, people, search, settings

urlpatterns = [
    path("arenas/", directory.arena_list, name="list"),
    path("arenas/new/", directory.arena_create_view, name="create"),
    path("arenas/<slug:slug>/", arena.arena_detail, name="detail"),
    path("arenas/<slug:slug>/join/", arena.arena_join_view, name="join"),
    path("arenas/<slug:slug>/leave/", arena.arena_leave_view, name="leave"),
    path("arenas/<slug:slug>/mute/", arena.arena_mute_view, name="mute"),
    path("arenas/<slug:slug>/settings/", settings.arena_settings, name="settings"),
    path("arenas/<slug:slug>/audit/", audit.arena_audit, name="audit"),
    path("arenas/<slug:slug>/settings/phases/", settings.arena_settings_phases, name="settings-phases"),
    path("arenas/<slug:slug>/settings/phase/", settings.arena_settings_phase, name="settings-phase"),
    path("arenas/<slug:slug>/settings/status/", settings.arena_settings_status, name="settings-status"),
    path("arenas/<slug:slug>/settings/playbook/", settings.arena_settings_playbook, name="settings-playbook"),
    path("search/", search.search_page, name="search"),
    path("people/<slug:handle>/", people.person_detail, name="person"),
    path("orgs/<slug:slug>/", organisations.organisation_detail, name="organisation"),
]
