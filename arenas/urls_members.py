"""The members page, what it posts to (all POST, names prefixed ``member-``), and the ways in."""

from django.urls import path

from .views import invitations, members, members_actions

MEMBERS = "arenas/<slug:slug>/members/"

urlpatterns = [
    path(MEMBERS, members.members, name="members"),
    path(f"{MEMBERS}invite/", members_actions.invite_one, name="member-invite"),
    path(f"{MEMBERS}invite-many/", members_actions.invite_many, name="member-invite-many"),
    path(f"{MEMBERS}invite-many/template.csv", members.invitation_template, name="member-invite-template"),
    path(
        f"{MEMBERS}invitations/<int:pk>/resend/",
        members_actions.invitation_resend_view,
        name="member-invitation-resend",
    ),
    path(
        f"{MEMBERS}invitations/<int:pk>/revoke/",
        members_actions.invitation_revoke_view,
        name="member-invitation-revoke",
    ),
    path(f"{MEMBERS}invitations/", members_actions.invitations_bulk_view, name="member-invitations-bulk"),
    path(f"{MEMBERS}join-links/", members_actions.join_link_create_view, name="member-join-link-create"),
    path(
        f"{MEMBERS}join-links/<int:pk>/revoke/",
        members_actions.join_link_revoke_view,
        name="member-join-link-revoke",
    ),
    path(
        f"{MEMBERS}join-requests/<int:pk>/decide/",
        members_actions.join_request_decide_view,
        name="member-join-request-decide",
    ),
    path(f"{MEMBERS}<int:pk>/role/", members_actions.member_role, name="member-role"),
    path(f"{MEMBERS}<int:pk>/remove/", members_actions.member_remove, name="member-remove"),
    path(f"{MEMBERS}<int:pk>/ban/", members_actions.member_ban, name="member-ban"),
    path(f"{MEMBERS}<int:pk>/unban/", members_actions.member_unban, name="member-unban"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("join/<str:token>/", invitations.join_link, name="join-link"),
]
