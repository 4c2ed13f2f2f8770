from django.urls import path

from .views import invitations

urlpatterns = [
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("join/<str:token>/", invitations.join_link, name="join-link"),
]
