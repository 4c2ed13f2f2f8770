"""The prototype pages: the board, starting one, its page, and the actions on it (all POST)."""

from django.urls import path

from .views import board, evidence, iterations, prototypes, team

app_name = "prototypes"

ARENA = "arenas/<slug:slug>/prototypes/"
PROTOTYPE = ARENA + "<int:prototype_id>/"

urlpatterns = [
    path(ARENA, board.prototype_board_view, name="board"),
    path(ARENA + "new/", prototypes.prototype_create_view, name="create"),
    path(PROTOTYPE, prototypes.prototype_detail, name="detail"),
    path(PROTOTYPE + "edit/", prototypes.prototype_edit_view, name="edit"),
    path(PROTOTYPE + "move/", board.prototype_move_view, name="move"),
    path(PROTOTYPE + "sources/", prototypes.prototype_sources_view, name="sources"),
    path(PROTOTYPE + "team/join/", team.team_request_view, name="team-request"),
    path(PROTOTYPE + "team/requests/<int:request_id>/", team.team_request_decide_view, name="team-decide"),
    path(PROTOTYPE + "team/<int:member_id>/remove/", team.team_member_remove_view, name="team-remove"),
    path(PROTOTYPE + "team/<int:member_id>/lead/", team.team_lead_view, name="team-lead"),
    path(PROTOTYPE + "iterations/", iterations.iteration_create_view, name="iteration-create"),
    path(PROTOTYPE + "iterations/<int:number>/", iterations.iteration_edit_view, name="iteration-edit"),
    path(
        PROTOTYPE + "iterations/<int:number>/status/",
        iterations.iteration_status_view,
        name="iteration-status",
    ),
    path(
        PROTOTYPE + "iterations/<int:number>/finish/",
        iterations.iteration_finish_view,
        name="iteration-finish",
    ),
    path(PROTOTYPE + "feedback/", evidence.feedback_view, name="feedback"),
    path(PROTOTYPE + "indicators/", evidence.indicator_create_view, name="indicator-create"),
    path(
        PROTOTYPE + "indicators/<int:indicator_id>/measurements/",
        evidence.measurement_add_view,
        name="measurement-add",
    ),
]
