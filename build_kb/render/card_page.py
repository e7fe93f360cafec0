"""The page of one card: labels, definition, evidence, the vocabulary's sections, relations, references.

Written as HTML. Card Markdown passes through :func:`~build_kb.render.cite.card_text_html`
(read by markdown-it, cleaned by nh3, citations formatted by the CSL style and linked); plain-text
fields through :func:`~build_kb.render.tags.text`.
Nothing from a card reaches the page another way.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.model import Card, Claim, LangText
from build_kb.render import tags, urls
from build_kb.render.cite import card_text_html, sources_html
from build_kb.render.context import SiteContext, in_language
from build_kb.render.entries import by_rank, entry_list
from build_kb.render.i18n import (
    basis_name,
    evidence_meaning,
    evidence_name,
    kind_name,
    language_name,
    relation_name,
    section_text,
    word,
)
from build_kb.render.markdown import colon
from build_kb.render.page import late
from build_kb.safety import SAFE_SCHEMES, link_scheme
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary


def card_link(site: SiteContext, card_id: str, lang: str, from_uri: str) -> str:
    """A card's label linked to its page; plain text when it has none."""
    card = site.kb.cards.get(card_id)
    label = tags.text(site.label(card, lang) if card else card_id)
    uri = site.card_uris.get(card_id)
    return tags.a(site.href(from_uri, uri), label) if uri else label


def card_markdown(site: SiteContext, text: LangText, lang: str, uri: str) -> str:
    """A card's Markdown in ``lang`` (or a fallback, flagged) as HTML, citations linked."""
    value, used = in_language(text, lang, site.languages)
    body = card_text_html(site, value, lang, uri).strip()
    if used and used != lang:
        note = tags.p(tags.em(f"({tags.text(word('untranslated', lang))} — {tags.text(language_name(used))})"))
        body = f"{note}\n{body}"
    return body


def evidence_badge(level: str, lang: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """The evidence level as a badge: marks, the level's name, and what it means in a tooltip (``theory`` too:
    not graded, it has no marks).

    The marks stand before the level's name, so levels differ by more than colour (WCAG
    1.4.1); the vocabulary gives them (the default: filled dots count the strength).
    """
    known = vocabulary.level(level)
    css = level if known is not None or level == "theory" else "unknown"
    marks = tags.text(known.marks) if known is not None else ""
    marks_html = f'<span class="kb-marks" aria-hidden="true">{marks}</span> ' if marks else ""
    title = f' title="{tags.attr(evidence_meaning(level, lang, vocabulary))}"' if css != "unknown" else ""
    name = tags.text(evidence_name(level, lang, vocabulary))
    return f'<span class="kb-evidence kb-evidence--{css}"{title}>{marks_html}{name}</span>'


def rubric_href(site: SiteContext, anchor: str, lang: str, uri: str) -> str:
    """The rubric page's ``anchor`` in ``lang`` (``level-moderate``: ``#en-level-moderate``); "" without the page."""
    if not site.options.rubric:
        return ""
    return f"{site.href(uri, site.options.rubric)}#{lang}-{anchor}"


def to_rubric(site: SiteContext, badge: str, anchor: str, lang: str, uri: str, title: str) -> str:
    """``badge`` as a link to its ``anchor`` on the rubric page (``title`` on hover); as it is without the page."""
    href = rubric_href(site, anchor, lang, uri)
    return tags.a(href, badge, "kb-rubric", title) if href else badge


def claim_badges(site: SiteContext, claim: Claim, lang: str, uri: str) -> str:
    """A claim's evidence badge and basis badge (a theory claim: the theory badge alone), each linked
    to its anchor on the rubric page; then "our reading" when the attribution is inferred."""
    level = claim.level
    anchor = f"level-{level or 'unknown'}"
    badge = evidence_badge(level, lang, site.kb.vocabulary)
    badges = [to_rubric(site, badge, anchor, lang, uri, word("level_title", lang))]
    if claim.basis and level != "theory":
        name = tags.text(basis_name(claim.basis, lang))
        badge = f'<span class="kb-basis kb-basis--{tags.attr(claim.basis)}">{name}</span>'
        badges.append(to_rubric(site, badge, f"basis-{claim.basis}", lang, uri, word("basis_title", lang)))
    if claim.inferred:
        marker = f'<span class="kb-inferred">{tags.text(word("inferred", lang))}</span>'
        badges.append(to_rubric(site, marker, "inferred", lang, uri, word("inferred_title", lang)))
    return " ".join(badges)


def claim_sources(site: SiteContext, claim: Claim, lang: str, uri: str) -> str:
    """ "Sources: (...)", a second-hand one the APA way: "(Macià & García, 2016, as cited in Crinon, 2021)"."""
    cited = sources_html(site, claim.sources, lang, uri, claim.via)
    return f"{tags.text(word('sources', lang))}{colon(lang)}{cited}"


def lead(badge: str, body: str) -> str:
    """``badge`` at the start of HTML ``body``: inside its first paragraph, else a paragraph of its own."""
    if body.startswith("<p>"):
        return f"<p>{badge} {body[3:]}"
    return tags.p(badge) + body


def claim_parts(site: SiteContext, claim: Claim, lang: str, uri: str) -> list[str]:
    """A claim's badges and statement, then its note: the same on its card, a card that refers to it, and /research/."""
    parts = [lead(claim_badges(site, claim, lang, uri), card_markdown(site, claim.statement, lang, uri))]
    if claim.note:
        parts.append(lead(f"{tags.em(tags.text(word('note', lang)))} —", card_markdown(site, claim.note, lang, uri)))
    return parts


def cards_line(site: SiteContext, key: str, card_ids: list[str], lang: str, uri: str) -> str:
    """``From the card: X`` or ``Also bears on: X, Y``, each card linked to its findings.

    At most ``list_cap`` cards, the rest counted, so a finding many cards refer to keeps a
    line of bounded length on every page that shows it.
    """
    cap = site.options.list_cap
    links = [research_link(site, card_id, lang, uri) for card_id in card_ids[:cap]]
    if len(card_ids) > cap:
        links.append(tags.text(word("more", lang, n=len(card_ids) - cap)))
    return f"{tags.text(word(key, lang))}{colon(lang)}{', '.join(links)}"


def research_link(site: SiteContext, card_id: str, lang: str, uri: str) -> str:
    """A card's label linked to its "what research says" section in ``lang``."""
    target = site.card_uris.get(card_id)
    if target is None:
        return card_link(site, card_id, lang, uri)
    card = site.kb.cards[card_id]
    return tags.a(f"{site.href(uri, target)}#{lang}-research", tags.text(site.label(card, lang)))


def _claims(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    if not card.claims:
        return tags.p(tags.em(tags.text(word("no_claims", lang))))
    items = []
    for written in card.claims:
        claim = site.kb.resolve(written)
        if claim is None:  # A ref to no claim: the checker reports it.
            continue
        parts = claim_parts(site, claim, lang, uri)
        facts = [claim_sources(site, claim, lang, uri)] if claim.sources else []
        if written.ref:
            home = site.kb.claim_homes[written.ref][0]
            facts.insert(0, cards_line(site, "claim_home", [home.id], lang, uri))
        elif claim.id:
            others = [i for i in site.kb.claim_refs.get(claim.id, ()) if i != card.id]
            if others:
                facts.append(cards_line(site, "claim_also", others, lang, uri))
        if facts:
            parts.append(tags.p(" · ".join(facts)))
        items.append("\n".join(parts))
    return tags.ul(items, "kb-claims") or tags.p(tags.em(tags.text(word("no_claims", lang))))


def _relation_groups(
    site: SiteContext, card: Card, own_sections: bool = False
) -> Iterator[tuple[str, bool, list[str]]]:
    """``(type, inverse, card ids)`` for every non-empty group, in the vocabulary's order: the types listed
    under "Related cards", or (``own_sections``) those shown as sections of their own.

    A card listed under a typed relation (either way) is not listed again under "related":
    the typed relation says more (``check`` warns about it: ``related-also-typed``).
    """
    incoming = site.incoming.get(card.id, {})
    groups: list[tuple[str, bool, list[str]]] = []
    for name, relation in site.kb.vocabulary.relation_types.items():
        if not relation.shown or relation.section != own_sections:
            continue
        written = list(dict.fromkeys(card.relations.get(name, ())))
        received = [i for i in incoming.get(name, ()) if i not in written]
        if relation.symmetric:
            groups.append((name, False, written + received))
            continue
        groups += [(name, False, written), (name, True, received)]
    typed = {i for name, _, ids in groups if name != "related" for i in ids}
    for name, inverse, ids in groups:
        shown = [i for i in ids if i not in typed] if name == "related" else ids
        if shown:
            yield name, inverse, shown


def _capped_links(site: SiteContext, ids: list[str], budget: int, lang: str, uri: str) -> list[str]:
    """Links to the first ``budget`` cards of ``ids``, then how many more, linked to the whole graph."""
    shown = ids[:budget]
    links = [card_link(site, target, lang, uri) for target in shown]
    if len(ids) > len(shown):
        more = word("more", lang, n=len(ids) - len(shown))
        links.append(tags.a(site.href(uri, urls.GRAPH_INDEX), tags.text(more)))
    return links


def _relations(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    items = []
    budget = site.options.relation_cap  # shared by the groups, in their order
    for name, inverse, ids in _relation_groups(site, card):
        links = _capped_links(site, ids, budget, lang, uri)
        budget -= min(budget, len(ids))
        label = relation_name(name, lang, inverse, site.kb.vocabulary)
        items.append(tags.label(label, colon(lang), ", ".join(links)))
    return tags.ul(items)


def _relation_sections(site: SiteContext, card: Card, lang: str, uri: str) -> Iterator[tuple[str, str, str]]:
    """``(anchor, title, HTML list)`` of each relation type shown as a section of its own (each its own cap)."""
    for name, inverse, ids in _relation_groups(site, card, own_sections=True):
        links = _capped_links(site, ids, site.options.relation_cap, lang, uri)
        anchor = f"rel-{name}-inverse" if inverse else f"rel-{name}"
        yield anchor, relation_name(name, lang, inverse, site.kb.vocabulary), tags.ul(links)


def _external_links(card: Card) -> str:
    items = []
    for item in card.links:
        if link_scheme(item.url) in SAFE_SCHEMES:
            items.append(tags.a(tags.url(item.url), tags.text(item.title or item.url)))
    return tags.ul(items)


def _references(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    """The works the card cites, formatted, in the style's bibliography order, each linked to its page."""
    keys = {c.item.key for c in site.citations(card.id) if c.item.key in site.kb.references}
    return entry_list(site, by_rank(site, keys, lang), lang, uri)


def _header(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    others = [
        f"{tags.em(tags.text(language_name(other)))}{colon(lang)}{tags.text(card.label[other])}"
        for other in site.all_languages
        if other != lang and card.label.get(other)
    ]
    kind = kind_name(card.kind, lang, site.kb.vocabulary)
    facts = [tags.label(word("kind", lang), colon(lang), tags.text(kind))]
    themes = [card_link(site, theme, lang, uri) for theme in card.themes]
    if themes:
        facts.append(tags.label(word("themes", lang), colon(lang), ", ".join(themes)))
    lines = [tags.p(" · ".join(facts))]
    if others:  # the label in the other languages: for the reader, kept out of this language's search index
        lines.append(late(tags.p(" · ".join(others), "kb-other-labels")))
    aliases = card.aliases.get(lang, ())
    if aliases:
        lines.append(tags.p(tags.label(word("aliases", lang), colon(lang), ", ".join(tags.text(a) for a in aliases))))
    summary, _ = in_language(card.summary, lang, site.languages)
    if summary:
        lines.append(tags.p(tags.text(summary), "kb-summary"))
    return "\n".join(lines)


def card_body(site: SiteContext, card: Card, lang: str, uri: str, first: str = "") -> str:
    """One language's part of a card page (also a theme page's), below its title, as HTML.

    ``first``: what comes right after the header (kind, themes, summary), before the
    definition: a theme page's list of cards, which a reader comes for.
    """
    sections = [_header(site, card, lang, uri)]
    if first:
        sections.append(first)

    def section(key: str, body: str, links: bool = False, title: str = "") -> None:
        """A titled section; one that lists links to other pages is late (kept out of the search index)."""
        if body.strip():
            html = tags.heading(2, f"{lang}-{key}", tags.text(title or word(key, lang))) + "\n" + body
            sections.append(late(html) if links else html)

    section("definition", card_markdown(site, card.definition, lang, uri))
    section("research", _claims(site, card, lang, uri))
    for written in site.kb.vocabulary.sections:
        if card.sections.get(written.name):
            body = card_markdown(site, card.sections[written.name], lang, uri)
            section(written.name, body, title=section_text(written, "label", lang))
    for anchor, title, body in _relation_sections(site, card, lang, uri):
        section(anchor, body, links=True, title=title)
    section("relations", _relations(site, card, lang, uri), links=True)
    section("links", _external_links(card), links=True)
    section("references", _references(site, card, lang, uri), links=True)
    if site.options.edit_base:
        edit = tags.a(tags.url(site.options.edit_base + card.path), tags.text(word("edit", lang)))
        sections.append(late(tags.p(edit, "kb-edit")))
    return "\n".join(sections)
