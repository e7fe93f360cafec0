"""The concept graph: RDF/SKOS for machines, a 2-D layout and ``graph.json`` for the picture.

Everything here starts from a :class:`~build_kb.model.KnowledgeBase` and knows nothing of
MkDocs, so the CLI exports and the site's downloads come from the same code.
"""

from __future__ import annotations

QUERY_FORMATS = ("table", "csv", "json")
"""``query --format`` values; here, not in :mod:`.query`, so the command line starts without rdflib."""
