"""The card graph as the pictures draw it (:class:`GraphView`), and each node's markup, made once per build.

Labels exist in every site language (``<text lang="..">``, the other languages hidden by
``kb.css`` like the rest of the page). Everything is sorted and rounded, so two builds
give the same bytes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from build_kb.graph.edges import Edge, relation_edges
from build_kb.graph.export import theme_colors
from build_kb.graph.layout import SIZE, Point
from build_kb.model import Card
from build_kb.render import urls
from build_kb.render.context import SiteContext, in_language
from build_kb.render.graph_labels import LABEL_GAP
from build_kb.render.i18n import word

LOCAL_LABEL_CHARS = 34
"""Labels of the local graph longer than this are cut (with "…"); the full label is in the tooltip."""
SUMMARY_CHARS = 160
"""Summaries in a local graph's tooltips are cut to this length (its page stays small)."""
GREY = "#9e9e9e"
"""Fill of a card that belongs to no theme."""


@dataclass(frozen=True, slots=True)
class RelationStyle:
    """How one relation type is drawn: a dash pattern (empty: solid) and an arrow for directed types."""

    dash: str
    arrow: bool
    width: float = 1.0


RELATION_STYLES: dict[str, RelationStyle] = {
    "broader": RelationStyle("", True, 1.4),
    "related": RelationStyle("6 4", False),
    "contrasts_with": RelationStyle("1.5 3", False, 1.6),
    "builds_on": RelationStyle("12 4", True),
    "part_of": RelationStyle("8 3 2 3", True),
    "example_of": RelationStyle("3 3", True),
    "uses": RelationStyle("10 3 2 3 2 3", True),
    "leads_to": RelationStyle("", True, 2.2),
}
"""One style per type of the default vocabulary's relations (a test holds them together).

Symmetric types have no arrow; directed ones an arrow at the middle of the edge, pointing
from the card that writes the relation (``broader``: towards the broader card). A type of a
project's own vocabulary without a style of its own is drawn by :func:`relation_style`.
"""


def relation_style(name: str, symmetric: bool) -> RelationStyle:
    """How a relation type is drawn: its own style, else a dashed line, with an arrow unless symmetric."""
    return RELATION_STYLES.get(name) or RelationStyle("4 2 1 2", not symmetric)


def num(value: float) -> str:
    """A coordinate as short, stable text: one decimal, no trailing zero, no ``-0``."""
    text = f"{value:.1f}"
    if text[-2:] == ".0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def aria_label(labels: Mapping[str, str]) -> str:
    return " / ".join(dict.fromkeys(labels.values()))


def label_texts(labels: Mapping[str, str], x: float, languages: Sequence[str], limit: int = 0) -> str:
    """The label once when every language says the same, else one ``<text lang>`` per language.

    ``kb-alt`` marks the languages after the first, hidden until the reader's choice is known.
    """
    shown = {lang: cut(text, limit) if limit else text for lang, text in labels.items()}
    position = f'x="{num(x)}"'
    if len(set(shown.values())) <= 1:
        return f"<text {position}>{html.escape(next(iter(shown.values()), ''), quote=False)}</text>"
    parts = []
    for index, lang in enumerate(languages):
        css = "kb-lang kb-alt" if index else "kb-lang"
        parts.append(f'<text {position} lang="{lang}" class="{css}">{html.escape(shown[lang], quote=False)}</text>')
    return "".join(parts)


class Node(NamedTuple):
    """One node to draw: where, how big, which label level, and extra classes (a tuple: cheap to make)."""

    card: Card
    x: float
    y: float
    radius: float
    level: int
    extra: str = ""
    left: bool = False
    summary: bool = False


@dataclass(frozen=True)
class GraphView:
    """The card graph as the pictures draw it: positions, colours, edges, neighbours; derived once per build.

    Each card's markup that does not depend on the page (labels, summary, circle) is
    made once and reused by the whole graph and by every local graph that shows it.

    Attributes:
        site: The knowledge base and page options.
        layout: Card id -> position in ``[0, SIZE]`` (``ExportSource.layout``, shared with ``graph.json``).
    """

    site: SiteContext
    layout: Mapping[str, Point] = field(default_factory=dict)

    @property
    def caps(self) -> tuple[int, int]:
        """Most neighbours and neighbours of neighbours a local graph draws (the site's options)."""
        return self.site.options.local_graph_neighbours, self.site.options.local_graph_outer

    @cached_property
    def styles(self) -> Mapping[str, RelationStyle]:
        """How each relation type of the vocabulary is drawn, in the vocabulary's order."""
        return {r.name: relation_style(r.name, r.symmetric) for r in self.site.kb.vocabulary.relations}

    @cached_property
    def edges(self) -> list[Edge]:
        """Every written relation, as ``graph.json`` lists it."""
        return relation_edges(self.site.kb)

    @cached_property
    def incident(self) -> Mapping[str, tuple[Edge, ...]]:
        """Card id -> the edges that touch it."""
        found: dict[str, list[Edge]] = {card_id: [] for card_id in self.site.kb.cards}
        for edge in self.edges:
            found[edge.source].append(edge)
            found[edge.target].append(edge)
        return {card_id: tuple(edges) for card_id, edges in found.items()}

    @cached_property
    def neighbours(self) -> Mapping[str, tuple[str, ...]]:
        """Card id -> ids of the cards a relation links it to, either way, sorted."""
        return {
            card_id: tuple(sorted({e.target if e.source == card_id else e.source for e in edges}))
            for card_id, edges in sorted(self.incident.items())
        }

    @cached_property
    def degrees(self) -> Mapping[str, int]:
        """Card id -> how many cards it is linked to (looked up for every node of every local graph)."""
        return {card_id: len(near) for card_id, near in self.neighbours.items()}

    @cached_property
    def near_sets(self) -> Mapping[str, frozenset[str]]:
        """Card id -> :attr:`neighbours` as a set: intersected with a local graph's cards to find its edges."""
        return {card_id: frozenset(near) for card_id, near in self.neighbours.items()}

    @cached_property
    def links(self) -> Mapping[str, Mapping[str, list[int]]]:
        """Card id -> neighbour id -> the positions in :attr:`edges` of the edges between the two cards."""
        found: dict[str, dict[str, list[int]]] = {card_id: {} for card_id in self.site.kb.cards}
        for number, edge in enumerate(self.edges):
            found[edge.source].setdefault(edge.target, []).append(number)
            found[edge.target].setdefault(edge.source, []).append(number)
        return found

    @cached_property
    def ranks(self) -> Mapping[str, Mapping[str, int]]:
        """Card id -> neighbour id -> how close the strongest relation between them is (lower: closer).

        The rule that picks the neighbours a capped local graph draws
        (:func:`~build_kb.render.local_graph.local_graph`): the relations a card writes itself
        (a symmetric one counts from both ends) in the vocabulary's order of its relation types
        (``broader`` first), then those other cards write to it (``narrower``, "has part",
        "examples"...) in the same order: a hub's few own links are never crowded out by its
        many inverse ones.
        """
        relation_types = self.site.kb.vocabulary.relation_types
        order = {name: position for position, name in enumerate(relation_types)}
        inverse = len(order)
        found: dict[str, dict[str, int]] = {card_id: {} for card_id in self.site.kb.cards}
        for edge in self.edges:
            rank = order[edge.type]
            back = rank if relation_types[edge.type].symmetric else inverse + rank
            own, other = found[edge.source], found[edge.target]
            own[edge.target] = min(own.get(edge.target, rank), rank)
            other[edge.source] = min(other.get(edge.source, back), back)
        return found

    @cached_property
    def colors(self) -> Mapping[str, str]:
        """Theme id -> colour, as ``graph.json`` gives it."""
        return theme_colors(self.site.kb)

    @cached_property
    def page_urls(self) -> Mapping[str, str]:
        """Card id -> its page's URL from the site root (``concepts/x/``), for cards with a page."""
        directory = self.site.options.directory_urls
        return {card_id: urls.page_url(uri, directory) for card_id, uri in self.site.card_uris.items()}

    def themes_of(self, card: Card) -> tuple[str, ...]:
        """The themes a card is drawn in: its own id for a theme, else its listed themes that exist."""
        if card.kind == "theme":
            return (card.id,)
        return tuple(dict.fromkeys(theme for theme in card.themes if theme in self.colors))

    def color(self, card: Card) -> str:
        themes = self.themes_of(card)
        return self.colors[themes[0]] if themes else GREY

    def degree(self, card_id: str) -> int:
        return self.degrees.get(card_id, 0)

    def radius(self, card: Card) -> float:
        """Themes big; other cards grow with their number of links, in whole steps from 4 to 9.

        Whole steps are six sizes a reader tells apart, and they keep a picture's text as long
        whatever the degrees of the cards in it: a capped local graph is no bigger in a large
        base than in a small one.
        """
        if card.kind == "theme":
            return 11.0
        return float(min(9, round(3.5 + 1.1 * math.sqrt(self.degree(card.id)))))

    def position(self, card_id: str) -> Point:
        return self.layout.get(card_id, (SIZE / 2, SIZE / 2))

    def priority(self, card_id: str) -> tuple[int, int, str]:
        """Label priority: themes first, then the cards with most links, then by id."""
        return (0 if self.site.kb.cards[card_id].kind == "theme" else 1, -self.degree(card_id), card_id)

    @cached_property
    def _labels(self) -> dict[str, dict[str, str]]:
        return {}

    def labels(self, card: Card) -> dict[str, str]:
        """The card's label per site language (falling back like its page does), on one line."""
        found = self._labels.get(card.id)
        if found is None:
            found = {lang: " ".join(self.site.label(card, lang).split()) for lang in self.site.languages}
            self._labels[card.id] = found
        return found

    def widest(self, card: Card, limit: int = 0) -> int:
        """The length of the card's longest label (cut at ``limit``): how wide its label may be."""
        return max((len(cut(text, limit) if limit else text) for text in self.labels(card).values()), default=1)

    @cached_property
    def local_nodes(self) -> Mapping[str, tuple[Card, float, int, tuple[int, int, str]]]:
        """Card id -> what every local graph needs of it: card, radius, label width, label priority.

        Made once per build: a card is drawn on the local graphs of all its neighbours and
        of theirs, and looking four things up in one place is most of what that costs.
        """
        return {
            card_id: (card, self.radius(card), self.widest(card, LOCAL_LABEL_CHARS), self.priority(card_id))
            for card_id, card in self.site.kb.cards.items()
        }

    @cached_property
    def coordinate_texts(self) -> dict[float, str]:
        """Local graph coordinate -> its text: tenths within the rings, a few thousand at most."""
        return {}

    @cached_property
    def _titles(self) -> dict[str, str]:
        return {}

    def title(self, key: str) -> str:
        """A picture's accessible name in every site language (a page word), the same on every page."""
        found = self._titles.get(key)
        if found is None:
            languages = self.site.languages
            found = self._titles[key] = " · ".join(dict.fromkeys(word(key, lang) for lang in languages))
        return found

    @cached_property
    def _attributes(self) -> dict[tuple[str, bool], str]:
        return {}

    @cached_property
    def _contents(self) -> dict[tuple[str, float, bool, int], str]:
        return {}

    def attributes(self, card: Card, summaries: bool) -> str:
        """The node's attributes that no page changes: id, themes, summary, accessible name."""
        key = (card.id, summaries)
        found = self._attributes.get(key)
        if found is None:
            attrs = [f'data-id="{esc(card.id)}"', f'data-themes="{esc(" ".join(self.themes_of(card)))}"']
            if summaries:
                for lang in self.site.languages:
                    summary, _ = in_language(card.summary, lang, self.site.languages)
                    if summary:
                        attrs.append(f'data-summary-{lang}="{esc(cut(" ".join(summary.split()), SUMMARY_CHARS))}"')
            attrs.append(f'aria-label="{esc(aria_label(self.labels(card)))}"')
            found = self._attributes[key] = " ".join(attrs)
        return found

    def content(self, card: Card, radius: float, left: bool, limit: int) -> str:
        """The node's circles and labels (the ring marks a theme)."""
        key = (card.id, radius, left, limit)
        found = self._contents.get(key)
        if found is None:
            ring = f'<circle class="kb-ring" r="{num(radius + 3.5)}"/>' if card.kind == "theme" else ""
            x = -(radius + LABEL_GAP) if left else radius + LABEL_GAP
            texts = label_texts(self.labels(card), x, self.site.languages, limit)
            found = self._contents[key] = f'{ring}<circle r="{num(radius)}" fill="{self.color(card)}"/>{texts}'
        return found

    @cached_property
    def made_nodes(self) -> dict[tuple[str, str, bool, str, float, bool, int], tuple[str, str, str]]:
        """The markup :meth:`node_parts` made, by card id, extra class, side, prefix, radius, summary, limit."""
        return {}

    def node_parts(self, node: Node, prefix: str, limit: int) -> tuple[str, str, str]:
        """A node's markup around its label level and position, made once per way it is drawn.

        A card is drawn on the local graphs of all its neighbours and of theirs, always in
        one of a few ways (side of its label, depth, page folder): the markup is
        ``parts[0] + level + parts[1] + "x y" + parts[2]``. The link is ``xlink:href``, not
        ``href``: Material's instant navigation rewrites every ``[href]`` element with
        ``el.href = el.href``, which throws on an SVG link (read-only).
        """
        card = node.card
        key = (card.id, node.extra, node.left, prefix, node.radius, node.summary, limit)
        found = self.made_nodes.get(key)
        if found is None:
            classes = " kb-theme-node" if card.kind == "theme" else ""
            if node.left:
                classes += " kb-left"
            if node.extra:
                classes += " " + node.extra
            target = self.page_urls.get(card.id)
            # An explicit role: an SVG <a> linked by xlink:href has none for axe and screen
            # readers, and aria-label is prohibited on an element without a role.
            if target is not None:
                link = f' role="link" xlink:href="{esc(prefix + target)}"'
            else:
                link = ' role="img" tabindex="0"'
            tag = "a" if target is not None else "g"
            content = self.content(card, node.radius, node.left, limit)
            found = self.made_nodes[key] = (
                f'<{tag} class="kb-node kb-l',
                f'{classes}"{link} {self.attributes(card, node.summary)} transform="translate(',
                f')">{content}</{tag}>',
            )
        return found
