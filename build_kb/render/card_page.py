"""The page of one card: labels, definition, evidence, implications, relations, references.

Card Markdown passes through :func:`~build_kb.render.cite.card_markdown` (defused by
:func:`~build_kb.render.markdown.defuse_markdown`, citations formatted by the CSL style
and linked); plain-text fields through :func:`~build_kb.render.markdown.escape_text`.
Nothing from a card reaches the page another way.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.model import EVIDENCE_LEVELS, Card, Claim, LangText
from build_kb.relations import RELATION_TYPES
from build_kb.render import urls
from build_kb.render.cite import card_markdown, sources_html
from build_kb.render.context import SiteContext, in_language
from build_kb.render.entries import by_rank, entry_lines
from build_kb.render.i18n import evidence_name, kind_name, language_name, relation_name, word
from build_kb.render.markdown import colon, escape_attr, escape_text, indent, url_link
from build_kb.safety import SAFE_SCHEMES, link_scheme


def card_link(site: SiteContext, card_id: str, lang: str, from_uri: str) -> str:
    """A card's label linked to its page; plain text when it has none."""
    card = site.kb.cards.get(card_id)
    label = escape_text(site.label(card, lang) if card else card_id)
    uri = site.card_uris.get(card_id)
    return f"[{label}]({urls.link(from_uri, uri)})" if uri else label


def _markdown(site: SiteContext, text: LangText, lang: str, uri: str) -> str:
    """A card's Markdown in ``lang`` (or a fallback, flagged), citations linked, defused."""
    value, used = in_language(text, lang, site.languages)
    body = card_markdown(site, value, lang, uri).strip()
    if used and used != lang:
        note = f"*({escape_text(word('untranslated', lang))} — {escape_text(language_name(used))})*"
        body = f"{note}\n\n{body}"
    return body


def evidence_badge(level: str, lang: str) -> str:
    """The evidence level as a coloured badge (the level is one of the schema's, or 'unknown')."""
    css = level if level in EVIDENCE_LEVELS else "unknown"
    return f'<span class="kb-evidence kb-evidence--{css}">{escape_attr(evidence_name(level, lang))}</span>'


def _sources(site: SiteContext, claim: Claim, lang: str, uri: str) -> str:
    return f"{word('sources', lang)}{colon(lang)}{sources_html(site, claim.sources, lang, uri)}"


def _claims(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    if not card.claims:
        return f"*{escape_text(word('no_claims', lang))}*"
    blocks = []
    for claim in card.claims:
        parts = [f"{evidence_badge(claim.evidence, lang)} {_markdown(site, claim.statement, lang, uri)}"]
        if claim.note:
            parts.append(f"*{word('note', lang)}* — {_markdown(site, claim.note, lang, uri)}")
        if claim.sources:
            parts.append(_sources(site, claim, lang, uri))
        first, *rest = parts
        blocks.append("- " + indent(first).lstrip() + "".join("\n\n" + indent(part) for part in rest))
    return "\n\n".join(blocks)


def _relation_groups(site: SiteContext, card: Card) -> Iterator[tuple[str, bool, list[str]]]:
    """``(type, inverse, card ids)`` for every non-empty group, in a fixed order."""
    incoming = site.incoming.get(card.id, {})
    for name, relation in RELATION_TYPES.items():
        written = list(dict.fromkeys(card.relations.get(name, ())))
        received = [i for i in incoming.get(name, ()) if i not in written]
        if relation.symmetric:
            if written or received:
                yield name, False, written + received
            continue
        if written:
            yield name, False, written
        if received:
            yield name, True, received


def _relations(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    lines = []
    cap = site.options.list_cap
    for name, inverse, ids in _relation_groups(site, card):
        links = [card_link(site, target, lang, uri) for target in ids[:cap]]
        if len(ids) > cap:
            links.append(escape_text(word("more", lang, n=len(ids) - cap)))
        lines.append(f"- **{escape_text(relation_name(name, lang, inverse))}**{colon(lang)}{', '.join(links)}")
    return "\n".join(lines)


def _external_links(card: Card) -> str:
    lines = []
    for item in card.links:
        if link_scheme(item.url) in SAFE_SCHEMES:
            lines.append(f"- {url_link(escape_text(item.title or item.url), item.url)}")
    return "\n".join(lines)


def _references(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    """The works the card cites, formatted, in the style's bibliography order, each linked to its page."""
    keys = {c.item.key for c in site.citations(card.id) if c.item.key in site.kb.references}
    return entry_lines(site, by_rank(site, keys, lang), lang, uri)


def _header(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    lines: list[str] = []
    others = [
        f"*{escape_text(language_name(other))}*{colon(lang)}{escape_text(card.label[other])}"
        for other in site.languages
        if other != lang and card.label.get(other)
    ]
    facts = [f"**{word('kind', lang)}**{colon(lang)}{escape_text(kind_name(card.kind, lang))}"]
    themes = [card_link(site, theme, lang, uri) for theme in card.themes]
    if themes:
        facts.append(f"**{word('themes', lang)}**{colon(lang)}{', '.join(themes)}")
    lines.append(" · ".join(facts + others))
    aliases = card.aliases.get(lang, ())
    if aliases:
        lines += ["", f"**{word('aliases', lang)}**{colon(lang)}{', '.join(escape_text(a) for a in aliases)}"]
    summary, _ = in_language(card.summary, lang, site.languages)
    if summary:
        lines += ["", escape_text(summary), "{: .kb-summary }"]
    return "\n".join(lines)


def card_body(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    """One language's part of a card page (also the top of a theme page), below its title."""
    sections = [_header(site, card, lang, uri)]

    def section(key: str, body: str) -> None:
        if body.strip():
            sections.append(f"## {word(key, lang)} {{#{lang}-{key}}}\n\n{body}")

    section("definition", _markdown(site, card.definition, lang, uri))
    section("research", _claims(site, card, lang, uri))
    if card.implications:
        section("implications", _markdown(site, card.implications, lang, uri))
    section("relations", _relations(site, card, lang, uri))
    section("links", _external_links(card))
    section("references", _references(site, card, lang, uri))
    if site.options.edit_base:
        edit = url_link(escape_text(word("edit", lang)), site.options.edit_base + card.path)
        sections.append(f"{edit}\n{{: .kb-edit }}")
    return "\n\n".join(sections)
