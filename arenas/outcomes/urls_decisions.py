"""The decisions routes of the outcomes pages (included by ``urls``, in the ``outcomes`` namespace)."""

from django.urls import re_path

from .views import decisions

urlpatterns = [
    re_path(
        r"^arenas/(?P<slug>[-a-zA-Z0-9_]+)/outcomes/decide/(?P<kind>thread|prototype)/(?P<subject_id>[0-9]+)/$",
        decisions.decide_view,
        name="decide",
    ),
]
