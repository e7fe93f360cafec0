"""build_kb: turn YAML concept cards and a BibTeX library into a citable knowledge base.

The package is a pipeline (see :mod:`build_kb.pipeline`): load cards and references,
check them, then render pages, graph and exports. The CLI (``python -m build_kb``) and
the MkDocs plugin run the same pipeline.
"""

from __future__ import annotations

__version__ = "0.1.0"
