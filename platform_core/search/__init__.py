"""One search over every part of the site (DESIGN.md "Search and people").

The index knows no arena: each app registers its searchable kinds (``registry.SearchKind``) and keeps its
documents current from its services (``services.documents_put`` / ``documents_remove``). ``selectors.search``
answers a query for a viewer with only what the kinds' visibility filters let them see."""
