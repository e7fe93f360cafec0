"""Hand-written pages can show generated lists and counts, and cite like cards do.

Syntax, in any page of ``docs/``: ``{{ kb.count.cards }}``, ``{{ kb.count.references }}``,
``{{ kb.count.themes }}``, ``{{ kb.count.<kind> }}`` (e.g. ``kb.count.method``): numbers;
``{{ kb.themes }}``: the themes with their summaries; ``{{ kb.evidence }}``: the evidence
levels with their meaning; ``{{ kb.field_reference }}`` and ``{{ kb.diagnostic_codes }}``:
the card fields and diagnostic codes for the contributing guide. Lists and tables are
blocks: put them alone on their line. Only
the ``kb.`` namespace is ours (lists come as HTML blocks, links written final); other
``{{ ... }}`` are left alone, and a placeholder in a
code span is shown as written. Pandoc citations (``[@key, p. 3]``) become links too, in the
CSL style and in the language of the ``<div lang="..">`` block they stand in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from build_kb.citations import mask_code
from build_kb.docpages import PLACEHOLDER_RE
from build_kb.markdown_scan import find_citations
from build_kb.reference_docs import diagnostic_codes, field_reference
from build_kb.render import tags
from build_kb.render.card_page import card_link, evidence_badge, to_rubric
from build_kb.render.cite import block_language, cite_html
from build_kb.render.context import SiteContext, in_language
from build_kb.render.i18n import evidence_meaning, word
from build_kb.render.layout import lang_blocks
from build_kb.render.markdown import colon
from build_kb.render.overviews import level_link, level_starts

Expander = Callable[[SiteContext, str], str]


def _count(select: Callable[[SiteContext], int]) -> Expander:
    return lambda site, uri: str(select(site))


def _themes(site: SiteContext, uri: str) -> str:
    themes = [card for card in site.kb.themes() if card.id in site.card_uris]

    def body(lang: str) -> str:
        lines = []
        for theme in sorted(themes, key=lambda c: site.sort_key(c, lang)):
            summary, _ = in_language(theme.summary, lang, site.languages)
            count = word("cards_count", lang, n=len(site.theme_members.get(theme.id, ())))
            lines.append(
                f"{tags.strong(card_link(site, theme.id, lang, uri))} ({tags.text(count)}) — {tags.text(summary)}"
            )
        return tags.ul(lines) or tags.p(tags.text(word("no_cards", lang)))

    return "\n" + lang_blocks(site.languages, body) + "\n"


def _evidence(site: SiteContext, uri: str) -> str:
    """Each evidence level: its badge, what it means, and how many findings it holds (a link to them)."""
    starts = level_starts(site)

    def line(level: str, lang: str) -> str:
        vocabulary = site.kb.vocabulary
        badge = evidence_badge(level, lang, vocabulary)
        badge = to_rubric(site, badge, f"level-{level}", lang, uri, word("level_title", lang))
        text = f"{badge}{colon(lang)}{tags.text(evidence_meaning(level, lang, vocabulary))}"
        if level in starts:
            count, page = starts[level]
            text += " — " + level_link(site, level, lang, uri, page, word("findings_count", lang, n=count))
        return text

    def body(lang: str) -> str:
        return tags.ul(line(level, lang) for level in (*site.kb.vocabulary.level_names, "theory"))

    return "\n" + lang_blocks(site.languages, body) + "\n"


def _expanders() -> dict[str, Expander]:
    table: dict[str, Expander] = {
        "kb.count.cards": _count(lambda site: len(site.card_uris)),
        "kb.count.references": _count(lambda site: len(site.reference_uris)),
        "kb.count.themes": _count(lambda site: sum(card.kind == "theme" for card in site.kb.cards.values())),
        "kb.themes": _themes,
        "kb.evidence": _evidence,
        "kb.field_reference": lambda site, uri: "\n" + field_reference(site.kb.vocabulary),
        "kb.diagnostic_codes": lambda site, uri: "\n" + diagnostic_codes(),
    }
    return table


def _kind_count(site: SiteContext, kind: str) -> int:
    return sum(card.kind == kind for card in site.kb.cards.values())


EXPANDERS = _expanders()
"""The fixed placeholders; ``kb.count.<kind>`` is made for each kind of the project's vocabulary (:func:`expander`)."""


def expander(name: str, site: SiteContext) -> Expander | None:
    """What replaces placeholder ``name`` on ``site``'s pages, or None for one it does not know."""
    found = EXPANDERS.get(name)
    if found is None and name.startswith("kb.count."):
        kind = name.removeprefix("kb.count.")
        if site.kb.vocabulary.kind(kind) is not None:
            return _count(partial(_kind_count, kind=kind))
    return found


def expand_page(text: str, site: SiteContext, uri: str) -> str:
    """Replace placeholders and citations in a hand-written page at ``uri``.

    Problems (unknown placeholder or key) are the checker's job (:mod:`build_kb.docpages`);
    here an unknown placeholder is left as written and an unknown key as plain text.
    """
    masked = mask_code(text)
    edits: list[tuple[int, int, str]] = []
    for match in PLACEHOLDER_RE.finditer(masked):
        expand = expander(match.group("name"), site)
        if expand is not None:
            edits.append((match.start(), match.end(), expand(site, uri)))
    citations, _ = find_citations(text, page=True)
    language = block_language(text, site.languages[0])  # French terms in the French block
    for citation in citations:
        if any(start < citation.end and citation.start < end for start, end, _ in edits):
            continue
        edits.append((citation.start, citation.end, cite_html(site, citation, language(citation.start), uri)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
