"""The MkDocs plugin: event glue between MkDocs and the build_kb pipeline.

MkDocs types stay in this package: :mod:`~build_kb.plugin.events` (the plugin and its
events), :mod:`~build_kb.plugin.trees` (the language trees as MkDocs sees them),
:mod:`~build_kb.plugin.pages` (generated pages as MkDocs pages) and
:mod:`~build_kb.plugin.options` (the options and the diagnostics' log lines). The entry
point ``build_kb.plugin:KnowledgeBasePlugin`` (pyproject.toml) is imported from here.
"""

from build_kb.plugin.events import KnowledgeBasePlugin
from build_kb.plugin.options import KnowledgeBaseConfig, format_diagnostic, log_diagnostic

__all__ = ["KnowledgeBaseConfig", "KnowledgeBasePlugin", "format_diagnostic", "log_diagnostic"]
