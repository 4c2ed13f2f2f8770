"""Reads for prototypes, by page: ``board``, ``prototype``, ``evidence``, ``portfolio``. Each selector takes
the viewer where it matters and brings its own joins and aggregates."""
