from django.urls import path

from .views import prototypes

app_name = "prototypes"

urlpatterns = [
    path("arenas/<slug:slug>/prototypes/<int:prototype_id>/", prototypes.prototype_detail, name="detail"),
]
