"""The decisions part of the outcomes' ``/api/v1/`` (every name starts with ``outcomes-``)."""

urlpatterns = []
