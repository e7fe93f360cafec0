"""The pipeline, readable in one place: load -> index -> check (cards, then docs pages).

Loading is :mod:`build_kb.load` (files, YAML, the schema, cards, BibTeX), the checks are
:mod:`build_kb.checks`. Later stages (pages, graph, exports) start from the
:class:`Loaded` result. The CLI and the MkDocs plugin both call :func:`load_project`, so
they see the same problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_kb.bibliography.biblatex import prepare_library
from build_kb.bibliography.style import style_diagnostics
from build_kb.checks import run_checks
from build_kb.codes import report
from build_kb.collector import paused_gc
from build_kb.config import ProjectConfig, load_config
from build_kb.diagnostics import Diagnostic, Position, Severity, safe_text, sort_diagnostics
from build_kb.docpages import check_pages
from build_kb.load.bibtex import find_bib_files
from build_kb.load.bibtex_cache import parse_bibtex_cached
from build_kb.load.cards import find_cards, load_card
from build_kb.load.catalogs import load_catalogs
from build_kb.load.sources import read_text
from build_kb.model import Card, KnowledgeBase, Reference
from build_kb.store import committed_cache


@dataclass(frozen=True)
class Loaded:
    """A project after loading and checking: the knowledge base and every problem."""

    config: ProjectConfig
    kb: KnowledgeBase
    diagnostics: list[Diagnostic]
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Each language's interface words, from the catalogs (:mod:`build_kb.load.catalogs`)."""

    def failed(self, strict: bool = False) -> bool:
        """Whether anything should fail the run (warnings too under ``strict``)."""
        return any(d.is_error(strict) for d in self.diagnostics)

    def good_cards(self) -> dict[str, Card]:
        """Cards whose file has no error, by path: what a live preview falls back on.

        A diagnostic's path is made safe to print (:func:`safe_text`): a card's is compared in that form.
        """
        broken = {d.path for d in self.diagnostics if d.severity is Severity.ERROR}
        return {card.path: card for card in self.kb.cards.values() if safe_text(card.path) not in broken}


def load_cards(
    config: ProjectConfig, last_good: Mapping[str, Card] | None = None
) -> tuple[dict[str, Card], list[Diagnostic]]:
    """Stage 1: read every card; index them by id, reporting duplicate ids.

    Args:
        config: The project's settings.
        last_good: For a live preview, the last error-free version of each card by path:
            a card that now has errors is reported, and its last good version is used,
            so the page being edited stays readable until the card is fixed.
    """
    cards: dict[str, Card] = {}
    found = find_cards(config)
    diagnostics = list(found.diagnostics)
    for file, shown in found.files:
        card, problems = load_card(file, config, shown)
        diagnostics.extend(problems)
        if last_good and any(p.severity is Severity.ERROR for p in problems):
            card = last_good.get(shown, card)
        if card is None:
            continue
        if card.id in cards:
            first = cards[card.id]
            diagnostics.append(
                report(
                    "duplicate-id",
                    card.path,
                    card.doc.value_position(("id",)),
                    f"card id '{card.id}' is already used by {first.path}",
                    "give each card its own id (and file name)",
                )
            )
            continue
        cards[card.id] = card
    return dict(sorted(cards.items())), diagnostics


def load_references(config: ProjectConfig) -> tuple[dict[str, Reference], list[Diagnostic]]:
    """Stage 2: read every .bib file; index entries by key, reporting duplicates across files.

    A file parsed by an earlier build with the same text is read from the build cache
    (:mod:`build_kb.load.bibtex_cache`): the same references and problems, without the parse.
    """
    references: dict[str, Reference] = {}
    found = find_bib_files(config)
    diagnostics = list(found.diagnostics)
    macros: dict[str, str] = {}  # @string definitions, from file to file in path order, as BibTeX reads them.
    for file, shown in found.files:
        text, problems = read_text(file, shown, config.max_bib_bytes)
        diagnostics.extend(problems)
        if text is None:
            continue
        entries, problems, defined = parse_bibtex_cached(text, shown, config.root, macros)
        diagnostics.extend(problems)
        macros.update(defined)
        for reference in entries:
            if reference.key in references:
                first = references[reference.key]
                diagnostics.append(
                    report(
                        "duplicate-reference",
                        reference.path,
                        Position(reference.line),
                        f"BibTeX key '{reference.key}' is already used at {first.path}:{first.line}",
                        "keep one entry per key",
                    )
                )
                continue
            references[reference.key] = reference
    # The one place private fields are removed and crossref/xdata resolved: every later stage reads this.
    prepared, problems = prepare_library(dict(sorted(references.items())), config.private_fields)
    diagnostics.extend(problems)
    return prepared, diagnostics


def load_project(
    root: Path, config: ProjectConfig | None = None, last_good: Mapping[str, Card] | None = None
) -> Loaded:
    """Run load -> index -> check on a project folder.

    Args:
        root: The project folder.
        config: Settings to use; read from ``root/mkdocs.yml`` when None.
        last_good: Cards to fall back on when their file now has errors (live preview).
    """
    with paused_gc():  # Tens of thousands of objects per thousand cards: a quarter of the time was the collector's.
        return _load_project(root, config, last_good)


def _load_project(root: Path, config: ProjectConfig | None, last_good: Mapping[str, Card] | None) -> Loaded:
    diagnostics: list[Diagnostic] = []
    if config is None:
        config, problems = load_config(root)
        diagnostics.extend(problems)
    cards, problems = load_cards(config, last_good)
    diagnostics.extend(problems)
    references, problems = load_references(config)
    diagnostics.extend(problems)
    kb = KnowledgeBase(cards=cards, references=references, languages=config.languages, vocabulary=config.vocabulary)
    diagnostics.extend(run_checks(kb))
    diagnostics.extend(check_pages(config, references))
    diagnostics.extend(style_diagnostics(config))
    diagnostics.extend(committed_cache(config.root))
    catalogs = load_catalogs(config)
    diagnostics.extend(catalogs.diagnostics)
    if last_good:
        kb = _fall_back(kb, diagnostics, last_good)
    return Loaded(config, kb, sort_diagnostics(diagnostics), catalogs.words)


def _fall_back(kb: KnowledgeBase, diagnostics: list[Diagnostic], last_good: Mapping[str, Card]) -> KnowledgeBase:
    """The knowledge base with each card that has an error replaced by its last good version.

    :func:`load_cards` already falls back for errors found while a card is read; this does
    it for those the checks find later (an unknown card or reference, raw HTML, a relation
    to itself...): the diagnostics stay those of the files as written, the pages show the
    last good version of every card with an error.
    """
    broken = {d.path for d in diagnostics if d.severity is Severity.ERROR}
    swaps = {
        card.id: good
        for card in kb.cards.values()
        if safe_text(card.path) in broken and (good := last_good.get(card.path)) is not None and good is not card
    }
    if not swaps:
        return kb
    cards = {card_id: card for card_id, card in kb.cards.items() if card_id not in swaps}
    for card_id, good in sorted(swaps.items()):
        if good.id in cards:  # Its old id is another card's now: keep the card as it is.
            cards[card_id] = kb.cards[card_id]
        else:
            cards[good.id] = good
    return KnowledgeBase(
        cards=dict(sorted(cards.items())), references=kb.references, languages=kb.languages, vocabulary=kb.vocabulary
    )
