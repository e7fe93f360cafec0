"""Hand-written pages of ``docs/``: their placeholders and citations, checked like cards.

``python -m build_kb check`` and ``mkdocs build`` must agree, so the check of a page
lives here, in the pipeline, and the plugin only expands what this module accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from build_kb.checks.citations import bad_citation, unknown_reference
from build_kb.citations import mask_code
from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic
from build_kb.load.schema import suggest
from build_kb.load.sources import read_text
from build_kb.load.yamlmarks import SourceText
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

PLACEHOLDER_RE = re.compile(r"\{\{\s*(?P<name>kb\.[^{}]*?)\s*\}\}")
"""``{{ kb.name }}``; other ``{{ ... }}`` belong to other tools and are left alone."""

PLACEHOLDER_NAMES = frozenset(
    {
        "kb.count.cards",
        "kb.count.references",
        "kb.count.themes",
        "kb.themes",
        "kb.evidence",
        "kb.field_reference",
        "kb.diagnostic_codes",
    }
)
"""The placeholders of every project; ``kb.count.<kind>`` adds one per kind of its vocabulary."""


def placeholder_names(vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> frozenset[str]:
    """Every placeholder a project's pages may use: the fixed ones and a count per kind of its vocabulary."""
    return PLACEHOLDER_NAMES | {f"kb.count.{kind}" for kind in vocabulary.kind_names}


def page_files(config: ProjectConfig) -> list[Path]:
    """Every Markdown page of the docs folder, sorted."""
    folder = config.docs_path
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def check_page(
    text: str, path: str, references: Mapping[str, Reference], vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> Iterator[Diagnostic]:
    """Unknown placeholders, unknown citation keys and malformed citations in one page."""
    source = SourceText(text)
    names = placeholder_names(vocabulary)
    for match in PLACEHOLDER_RE.finditer(mask_code(text)):
        name = match.group("name")
        if name not in names:
            yield report(
                "unknown-placeholder",
                path,
                source.position(match.start()),
                f"unknown placeholder '{{{{ {name} }}}}'",
                suggest(name, names) or "put it in `code` to show it as written",
            )
    citations, problems = find_citations(text, page=True)
    for problem in problems:
        yield bad_citation(problem, path, source.position(problem.start))
    for citation in citations:
        for item in citation.items:
            if item.key not in references:
                yield unknown_reference(item.key, references, path, source.position(item.start))


def check_pages(config: ProjectConfig, references: Mapping[str, Reference]) -> list[Diagnostic]:
    """Check every page of the docs folder."""
    diagnostics: list[Diagnostic] = []
    for file in page_files(config):
        shown = config.relative(file)
        text, problems = read_text(file, shown, config.max_file_bytes)
        diagnostics.extend(problems)
        if text is not None:
            diagnostics.extend(check_page(text, shown, references, config.vocabulary))
    return diagnostics
