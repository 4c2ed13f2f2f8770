from django.urls import path

from .views import threads

app_name = "deliberation"

urlpatterns = [
    path("arenas/<slug:slug>/threads/<int:thread_id>/", threads.thread_detail, name="thread"),
]
