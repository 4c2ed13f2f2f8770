"""The export routes of the outcomes pages (included by ``urls``, in the ``outcomes`` namespace)."""

ARENA = "arenas/<slug:slug>/"

urlpatterns = []
