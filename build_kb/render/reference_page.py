"""The page of one reference: the formatted entry, its links, who cites it, its BibTeX."""

from __future__ import annotations

from build_kb.model import Reference
from build_kb.render.card_page import card_link
from build_kb.render.context import SiteContext
from build_kb.render.i18n import word
from build_kb.render.layout import lang_blocks
from build_kb.render.markdown import colon, escape_text, front_matter, heading1, indent
from build_kb.render.reference_text import author_label, format_reference, reference_heading, year_label

_PART_WORDS = {"definition": "definition", "claim": "research", "note": "research", "implications": "implications"}
_PART_ORDER = ("definition", "claim", "note", "implications")


def _fence_free(raw: str) -> str:
    """The BibTeX as an indented code block: Markdown shows it verbatim, escaped."""
    return indent(raw.replace("\t", "    ").replace("\r", ""), 4)


def reference_page(site: SiteContext, reference: Reference, uri: str) -> str:
    """The Markdown of ``references/<slug>.md``."""
    heading = reference_heading(reference)
    short = f"{author_label(reference)} ({year_label(reference, site.languages[0])})"
    citing = site.cited_by.get(reference.key, ())
    cap = site.options.list_cap

    def cited_by(lang: str) -> str:
        lines = [f"## {word('cited_by', lang)} {{#{lang}-cited-by}}", ""]
        for card_id, parts in citing[:cap]:
            ordered = sorted(parts, key=lambda p: _PART_ORDER.index(p) if p in _PART_ORDER else len(_PART_ORDER))
            where = ", ".join(dict.fromkeys(word(_PART_WORDS.get(part, "definition"), lang) for part in ordered))
            lines.append(f"- {card_link(site, card_id, lang, uri)} — {escape_text(where.lower())}")
        if len(citing) > cap:
            lines.append(f"- {escape_text(word('more', lang, n=len(citing) - cap))}")
        if not citing:
            lines.append(f"*{escape_text(word('cited_by_none', lang))}*")
        return "\n".join(lines)

    def label(lang: str) -> str:
        return f"**{word('reference', lang)}**{colon(lang)}{escape_text(short)}"

    parts = [
        front_matter(f"{short} — {heading}" if reference.title else short),
        heading1(heading, "reference-title") + "\n",
        lang_blocks(site.languages, label),
        format_reference(reference) + "\n",
        lang_blocks(site.languages, cited_by),
    ]
    if reference.raw:
        parts.append(f"## BibTeX {{#bibtex}}\n\n{_fence_free(reference.raw)}\n")
    return "\n".join(parts)
