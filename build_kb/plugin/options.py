"""The plugin's options, and its diagnostics as MkDocs logs them."""

from __future__ import annotations

import logging

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from build_kb.diagnostics import Diagnostic, Severity

log = logging.getLogger("mkdocs.plugins.build_kb")


class KnowledgeBaseConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options; the same names and checks as the CLI (:func:`build_kb.config.apply_options`)."""

    concepts_dir = c.Optional(c.Type(object))
    references_dir = c.Optional(c.Type(object))
    locales_dir = c.Optional(c.Type(object))
    languages = c.Optional(c.Type(object))
    max_file_bytes = c.Optional(c.Type(object))
    max_bib_bytes = c.Optional(c.Type(object))
    csl_style = c.Optional(c.Type(object))
    private_fields = c.Optional(c.Type(object))
    per_page = c.Optional(c.Type(object))
    paginate_above = c.Optional(c.Type(object))
    list_cap = c.Optional(c.Type(object))
    relation_cap = c.Optional(c.Type(object))
    local_graph_neighbours = c.Optional(c.Type(object))
    local_graph_outer = c.Optional(c.Type(object))
    translations = c.Optional(c.Type(object))
    kinds = c.Optional(c.Type(object))
    evidence_levels = c.Optional(c.Type(object))
    relations = c.Optional(c.Type(object))
    sections = c.Optional(c.Type(object))


def project_urls(config: MkDocsConfig) -> dict[str, object]:
    """The settings Material writes into every page's HTML as they are."""
    return {"site_url": config.site_url, "repo_url": config.repo_url, "edit_uri": config.edit_uri}


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``path:line:col: error[code]: message (hint)``: one line, as editors and CI read it."""
    pos = diagnostic.position
    where = f"{diagnostic.path}:{pos.line}:{pos.column}"
    text = f"{where}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"
    return f"{text} ({diagnostic.hint})" if diagnostic.hint else text


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """Errors at ERROR, warnings at WARNING: MkDocs' ``--strict`` counts both."""
    level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
    log.log(level, format_diagnostic(diagnostic))
