"""An arena's open data (DESIGN.md "Open data"): one definition of each table (``tables``) serves the zip
of CSV files with its ``datapackage.json`` (``zipfile``, ``datapackage``) and the JSON (``stream``) alike;
people appear only as pseudonyms (``pseudonyms``). Everything is written as it is read, so an arena of
100,000 posts never sits in memory."""
