"""The prototypes' part of ``/api/v1/`` (included without a namespace: every name starts with
``prototype-``)."""

from django.urls import path

from . import views, views_evidence, views_iterations

urlpatterns = [
    path("arenas/<slug:slug>/prototypes/", views.PrototypeListView.as_view(), name="prototype-list"),
    path("prototypes/<int:prototype_id>/", views.PrototypeDetailView.as_view(), name="prototype-detail"),
    path(
        "prototypes/<int:prototype_id>/transitions/",
        views.TransitionView.as_view(),
        name="prototype-transitions",
    ),
    path("prototypes/<int:prototype_id>/timeline/", views.TimelineView.as_view(), name="prototype-timeline"),
    path(
        "prototypes/<int:prototype_id>/iterations/",
        views_iterations.IterationListView.as_view(),
        name="prototype-iterations",
    ),
    path(
        "prototypes/<int:prototype_id>/iterations/<int:number>/",
        views_iterations.IterationDetailView.as_view(),
        name="prototype-iteration-detail",
    ),
    path(
        "prototypes/<int:prototype_id>/feedback/",
        views_evidence.FeedbackListView.as_view(),
        name="prototype-feedback",
    ),
    path(
        "prototypes/<int:prototype_id>/indicators/",
        views_evidence.IndicatorListView.as_view(),
        name="prototype-indicators",
    ),
    path(
        "prototypes/<int:prototype_id>/indicators/<int:indicator_id>/measurements/",
        views_evidence.MeasurementListView.as_view(),
        name="prototype-measurements",
    ),
]
