"""The outcomes' part of ``/api/v1/`` (included without a namespace: every name starts with ``outcomes-``)."""

from . import urls_dashboard, urls_decisions, urls_export, urls_map

urlpatterns = [
    *urls_map.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_dashboard.urlpatterns,
    *urls_export.urlpatterns,
]
