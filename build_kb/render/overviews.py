"""Two overviews for people who design training, gathered from the cards.

- ``research/``: every research finding, once, from the best established to the least
  (theoretical statements, not graded, after them), each with its badges, its sources and
  links to every card it bears on (its home card and those that refer to it with ``ref``),
  to see at a glance what is solid.
- ``design/``: every card's implications for designing training, card by card (A–Z), to
  read them as one guide.

Nothing here is written anew: each item is the card's own text, formatted as on its page.
Both are paginated like every list, by :data:`PER_PAGE` items (paragraphs, not one-line
entries: a page of them reads like a card page and weighs no more), and kept out of the
search index (a search hit leads to the card, where the finding or implication is explained).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from build_kb.model import Card, Claim
from build_kb.render import tags, urls
from build_kb.render.card_page import (
    card_link,
    card_markdown,
    cards_line,
    claim_parts,
    claim_sources,
    evidence_badge,
    rubric_href,
    to_rubric,
)
from build_kb.render.context import SiteContext
from build_kb.render.i18n import evidence_name, section_text, word
from build_kb.render.layout import PageSlot, count_line, lang_blocks, list_title, page_count, page_items, pager
from build_kb.render.markdown import colon
from build_kb.render.page import Page
from build_kb.vocabulary import Section

PER_PAGE = 20
"""Findings or implications per page: at most the site's ``per_page``."""


def _levels(site: SiteContext) -> tuple[str, ...]:
    """Evidence levels in the vocabulary's order (the strongest first), then theory (not graded); ``""`` for a
    level the vocabulary does not know."""
    return (*site.kb.vocabulary.level_names, "theory", "")


@dataclass(frozen=True, slots=True)
class _Finding:
    card: Card
    claim: Claim
    cards: tuple[str, ...]
    """Its home card's id, then those of the cards that refer to it."""
    level: str
    """Its badge: the claim's level, ``""`` for one the vocabulary does not know."""


def _per_page(site: SiteContext) -> int:
    return min(PER_PAGE, site.options.per_page)


def _findings(site: SiteContext) -> list[_Finding]:
    """Every claim written on a card with a page, once: a ``ref`` adds its card to the claim's, not a finding."""
    found = []
    levels = _levels(site)
    for card_id in site.card_uris:
        for _, claim in site.kb.cards[card_id].home_claims():
            refs = site.kb.claim_refs.get(claim.id, ()) if claim.id else ()
            others = tuple(i for i in refs if i != card_id and i in site.card_uris)
            level = claim.level if claim.level in levels else ""
            found.append(_Finding(site.kb.cards[card_id], claim, (card_id, *others), level))
    return found


def _card_order(site: SiteContext, lang: str, finding: _Finding) -> tuple[str, str, str]:
    return site.sort_key(finding.card, lang)


def level_starts(site: SiteContext) -> dict[str, tuple[int, str]]:
    """Evidence level -> how many findings it holds and the overview page where it starts.

    Levels run from the strongest and each level's findings follow each other, so a level
    starts after the findings of the stronger ones, on the same page in every language.
    Levels without findings are left out.
    """
    counts = {level: 0 for level in _levels(site)}
    for finding in _findings(site):
        counts[finding.level] += 1
    pages = page_count(sum(counts.values()), _per_page(site))
    found, before = {}, 0
    for level, count in counts.items():
        if count:
            found[level] = (count, PageSlot(urls.FINDINGS_INDEX, before // _per_page(site) + 1, pages).uri)
        before += count
    return found


def level_link(site: SiteContext, level: str, lang: str, from_uri: str, page: str, text: str) -> str:
    """A link to where ``level`` starts on the overview (its heading on that page)."""
    return tags.a(f"{site.href(from_uri, page)}#{lang}-evidence-{level or 'unknown'}", tags.text(text))


def _level_counts(site: SiteContext, slot: PageSlot, starts: dict[str, tuple[int, str]], lang: str) -> str:
    """How many findings each level holds, each count a link to where its level starts, each badge
    to its level on the rubric page.

    On every page: the same line, of a constant size.
    """
    title = word("level_title", lang)
    parts = [
        to_rubric(
            site,
            evidence_badge(level or "unknown", lang, site.kb.vocabulary),
            f"level-{level or 'unknown'}",
            lang,
            slot.uri,
            title,
        )
        + colon(lang)
        + level_link(site, level, lang, slot.uri, page, str(count))
        for level, (count, page) in starts.items()
    ]
    return tags.p(" · ".join(parts), "kb-level-counts")


def _section_link(site: SiteContext, card: Card, lang: str, uri: str, section: str) -> str:
    """A card's label linked to one section of its page (``research``, ``implications``) in ``lang``."""
    target = site.card_uris.get(card.id)
    if target is None:
        return card_link(site, card.id, lang, uri)
    return tags.a(f"{site.href(uri, target)}#{lang}-{section}", tags.text(site.label(card, lang)))


def _finding_item(site: SiteContext, finding: _Finding, lang: str, uri: str) -> str:
    claim = finding.claim
    parts = claim_parts(site, claim, lang, uri)
    where = cards_line(site, "card" if len(finding.cards) == 1 else "cards", list(finding.cards), lang, uri)
    if claim.sources:
        where += f" · {claim_sources(site, claim, lang, uri)}"
    parts.append(tags.p(where))
    return "\n".join(parts)


def _findings_body(
    site: SiteContext, slot: PageSlot, ordered: dict[str, list[_Finding]], starts: dict[str, tuple[int, str]], lang: str
) -> str:
    findings = ordered[lang]
    items = page_items(findings, slot.number, _per_page(site))
    groups: list[tuple[str, list[str]]] = []
    for finding in items:
        if not groups or groups[-1][0] != finding.level:
            groups.append((finding.level, []))
        groups[-1][1].append(_finding_item(site, finding, lang, slot.uri))
    listing = "\n".join(
        tags.heading(
            3, f"{lang}-evidence-{level or 'unknown'}", tags.text(evidence_name(level, lang, site.kb.vocabulary))
        )
        + "\n"
        + tags.ul(lines, "kb-claims")
        for level, lines in groups
    )
    paging = pager(slot, lang, site.href)
    rubric = rubric_href(site, "levels", lang, slot.uri)
    intro = tags.text(word("findings_intro", lang))
    if rubric:
        intro += " " + tags.a(rubric, tags.text(word("rubric_link", lang))) + "."
    return tags.join(
        [
            tags.p(intro),
            count_line(lang, "findings_count", len(findings), slot),
            _level_counts(site, slot, starts, lang),
            paging,
            listing or tags.p(tags.em(tags.text(word("no_claims", lang)))),
            paging,
        ]
    )


def findings_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``research/index.md`` and its later pages: every finding, strongest evidence first.

    Within a level, findings follow their cards' A–Z order in each language, then the card's
    own order.
    """
    findings = _findings(site)
    levels = _levels(site)
    ordered: dict[str, list[_Finding]] = {}
    for lang in site.languages:
        by_label = sorted(findings, key=partial(_card_order, site, lang))
        ordered[lang] = sorted(by_label, key=lambda finding: levels.index(finding.level))  # Stable: A–Z kept.
    starts = level_starts(site)
    count = page_count(len(ordered[site.languages[0]]), _per_page(site))
    for number in range(1, count + 1):
        slot = PageSlot(urls.FINDINGS_INDEX, number, count)
        body = partial(_findings_body, site, slot, ordered, starts)
        render = partial(lang_blocks, site.languages, body, partial(word, "findings_title"))
        yield slot.uri, Page(list_title(site.languages, "findings_title"), render, {"search": {"exclude": True}})


def _design_item(site: SiteContext, section: Section, card: Card, lang: str, uri: str) -> str:
    heading = tags.heading(3, f"{lang}-design-{card.id}", _section_link(site, card, lang, uri, section.name))
    themes = [card_link(site, theme, lang, uri) for theme in card.themes]
    facts = tags.p(tags.label(word("themes", lang), colon(lang), ", ".join(themes))) if themes else ""
    text = card_markdown(site, card.sections[section.name], lang, uri)
    return "\n".join(part for part in (heading, facts, text) if part)


def _design_body(site: SiteContext, section: Section, slot: PageSlot, ordered: dict[str, list[Card]], lang: str) -> str:
    cards = ordered[lang]
    items = page_items(cards, slot.number, _per_page(site))
    paging = pager(slot, lang, site.href)
    listing = "\n".join(_design_item(site, section, card, lang, slot.uri) for card in items)
    intro = section_text(section, "intro", lang)
    empty = section_text(section, "empty", lang)
    return tags.join(
        [
            tags.p(tags.text(intro)) if intro else "",
            count_line(lang, "cards_count", len(cards), slot),
            paging,
            listing or (tags.p(tags.em(tags.text(empty))) if empty else ""),
            paging,
        ]
    )


def design_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``design/index.md`` and its later pages: each card's text of the vocabulary's overview section
    (``implications`` in the default one), cards A–Z; none when no section has ``overview``."""
    section = site.kb.vocabulary.overview
    if section is None:
        return
    cards = [site.kb.cards[card_id] for card_id in site.card_uris if site.kb.cards[card_id].sections.get(section.name)]
    ordered = {lang: sorted(cards, key=partial(site.sort_key, lang=lang)) for lang in site.languages}
    count = page_count(len(cards), _per_page(site))

    def title(lang: str) -> str:
        return section_text(section, "title", lang)

    page_title = " · ".join(dict.fromkeys(title(lang) for lang in site.languages))
    for number in range(1, count + 1):
        slot = PageSlot(urls.DESIGN_INDEX, number, count)
        body = partial(_design_body, site, section, slot, ordered)
        render = partial(lang_blocks, site.languages, body, title)
        yield slot.uri, Page(page_title, render, {"search": {"exclude": True}})
