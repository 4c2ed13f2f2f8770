from django.urls import path

from .views import arena

urlpatterns = [
    path("arenas/<slug:slug>/", arena.arena_detail, name="detail"),
]
