"""The graph pictures as inline SVG, drawn at build time from the deterministic layout.

Two pictures share one look: the whole graph (``/graph/``) and the neighbourhood of a
card (on its page). Both work without JavaScript: nodes are SVG links to the card pages,
edges carry a line style per relation type, labels exist in every site language
(``<text lang="..">``, the other languages hidden by ``kb.css`` like the rest of the page).
``assets/build_kb/graph.js`` adds zoom, pan, highlight, filters and search on top.

Labels cannot all show at once on a graph of thousands of cards, so each node gets a
*label level* at build time: the smallest zoom step (``2 ** level``) at which its label
overlaps no label of higher priority (themes first, then by number of links) and, on
``/graph/``, no node's circle (a label over a circle would take the pointer from that node).
The script shows the labels of the current step by setting one attribute on the ``<svg>``.

Everything is sorted and rounded, so two builds give the same bytes.
"""

from __future__ import annotations

import html
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from build_kb.graph.edges import Edge, relation_edges
from build_kb.graph.export import theme_colors
from build_kb.graph.layout import SIZE, Point
from build_kb.model import Card
from build_kb.relations import RELATION_TYPES
from build_kb.render import urls
from build_kb.render.context import SiteContext, in_language
from build_kb.render.i18n import word

LEVELS = 7
"""Label levels 0..6: level ``l`` shows from zoom ``2 ** l`` (times the picture's smallest zoom)."""
HIDDEN_LEVEL = LEVELS - 1
"""A label that fits at no zoom step shows only on hover, focus or search."""
CHAR_WIDTH = 0.6
"""Average glyph width, in ems, used to estimate how wide a label is."""
LINE_HEIGHT = 1.3
"""Label height, in ems, including the room kept between two labels."""
LABEL_GAP = 3.0
"""Space between a circle and its label, in layout units (scaled with the circle)."""
NODE_GROWTH = 0.25
"""On screen, circles grow as ``zoom ** NODE_GROWTH`` (text keeps its size): the script scales each
node's content by ``zoom ** (NODE_GROWTH - 1)`` in layout units."""
DENSE_EDGES = 1500
"""Above this many edges the picture draws them faint and plain (``kb-dense``, see ``graph.css``)."""
GLOBAL_FONT = 13.0
"""Label size on ``/graph/``, in layout units at zoom 1 (the picture is 1000 units wide)."""
LOCAL_FONT = 14.0
LOCAL_LABEL_CHARS = 34
"""Labels of the local graph longer than this are cut (with "…"); the full label is in the tooltip."""
DEPTH1_CAP = 40
DEPTH2_CAP = 60
"""Most neighbours (and neighbours of neighbours) a card's local graph draws: its page stays small."""
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
"""One style per type of :data:`~build_kb.relations.RELATION_TYPES` (a test holds them together).

Symmetric types have no arrow; directed ones an arrow at the middle of the edge, pointing
from the card that writes the relation (``broader``: towards the broader card).
"""


def _num(value: float) -> str:
    """A coordinate as short, stable text: one decimal, no trailing zero, no ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Label:
    """A label to place: its node's position and radius, its widest text, and which side it is on.

    Attributes:
        either: The label may go on the other side of its node when its own side is taken
            (a card on ``/graph/``); a local graph keeps its labels outwards.
        layer: Which nodes' circles the label keeps clear of: those of its layer and the
            layers below (a higher layer is one shown on demand, whose circles are hidden
            when the label shows without it). ``None``: no circle, only other labels; the
            node's circle is then no obstacle either.
    """

    x: float
    y: float
    radius: float
    chars: int
    left: bool = False
    either: bool = False
    layer: int | None = None


Box = tuple[float, float, float, float]


def _label_box(label: Label, font: float, zoom: float, left: bool | None = None) -> Box:
    """Where a label lies at ``zoom``, in layout units (node content scales by ``zoom ** (NODE_GROWTH - 1)``).

    ``left`` puts it on that side of its node rather than on its own.
    """
    offset = (label.radius + LABEL_GAP) * zoom ** (NODE_GROWTH - 1)
    width = label.chars * CHAR_WIDTH * font / zoom
    height = font * LINE_HEIGHT / zoom
    x0 = label.x - offset - width if (label.left if left is None else left) else label.x + offset
    return (x0, label.y - height / 2, x0 + width, label.y + height / 2)


class _BoxGrid:
    """Boxes hashed into square cells, to test a new box against its neighbours only.

    Below :data:`_GRID_MIN` boxes one cell holds them all: comparing with each is faster.
    """

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        if self.cell <= 0:
            return [(0, 0)]
        cell = self.cell
        xs = range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1)
        ys = range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1)
        return [(i, j) for i in xs for j in ys]

    def free(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        for key in self._keys(box):
            for o in self.cells.get(key, ()):
                if x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:
                    return False
        return True

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)


Disc = tuple[float, float, float, int, int]
"""A node's circle: centre, radius, the index of its label and its layer."""


class _Discs:
    """Every node's circle at one zoom step: the places no label may cover, whatever their priority.

    In rows as high as a label, each sorted by ``x``: a label box is a flat strip that
    meets two or three rows, where the circles within its reach are found by bisection.
    """

    def __init__(self, row: float, discs: Iterable[Disc]) -> None:
        self.row = row
        found: dict[int, list[Disc]] = {}
        self.reach = 0.0
        for disc in sorted(discs):
            found.setdefault(math.floor(disc[1] / row), []).append(disc)
            self.reach = max(self.reach, disc[2])
        self.rows = {key: ([disc[0] for disc in row_discs], row_discs) for key, row_discs in found.items()}

    def clear(self, box: Box, owner: int, layer: int) -> bool:
        """Whether ``box`` touches no circle of ``layer`` or below but its own label's (which it lies beside)."""
        x0, y0, x1, y1 = box
        reach, row = self.reach, self.row
        for key in range(math.floor((y0 - reach) / row), math.floor((y1 + reach) / row) + 1):
            found = self.rows.get(key)
            if found is None:
                continue
            xs, discs = found
            for number in range(bisect_left(xs, x0 - reach), bisect_right(xs, x1 + reach)):
                x, y, r, index, below = discs[number]
                dx = x - (x0 if x < x0 else x1 if x > x1 else x)
                dy = y - (y0 if y < y0 else y1 if y > y1 else y)
                if dx * dx + dy * dy < r * r and index != owner and below <= layer:
                    return False
        return True


_GRID_MIN = 200


def _hull(a: Box, b: Box) -> Box:
    """The smallest box holding both: the room a label takes at every zoom between those of ``a`` and ``b``."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def place_labels(labels: Sequence[Label], font: float, base_zoom: float = 1.0) -> list[tuple[int, bool]]:
    """The level and side of each label, given in priority order: the first zoom step where it fits.

    A label fits at a step when it overlaps no label placed before it and covers no node's
    circle (below). At zoom ``k`` the script draws circles at ``k ** (NODE_GROWTH - 1)`` and text
    at ``1/k`` of their size in layout units (nodes grow slowly on screen, text keeps its
    size): the boxes are computed the same way here. A label placed at one step stays at
    the next ones, so it must fit at every larger step too. At each step a label tries its
    own side, then (``either``) the other one; the side it gets is kept at every zoom.

    Circles: labels are drawn above them and take the pointer, so a label over another
    node's circle would catch the pointing and the click meant for that node. A label with
    a ``layer`` keeps clear of the circles of that layer and below (``labels`` holds one
    label per node drawn, so these are all the nodes' circles) at every zoom where it
    shows: from its step to the next one's zoom (every edge of a box moves one way as the
    zoom grows, so the boxes at both ends bound the ones between), and from the last step
    up to ``2 ** HIDDEN_LEVEL`` times the smallest zoom (the largest on ``/graph/``). A label
    that covers a circle even then shows only on hover, focus or search.

    Args:
        labels: In priority order; one per node drawn, at the node's position and radius.
        font: The label size in layout units at zoom 1.
        base_zoom: The zoom of level 0 (below 1 for a local graph shown zoomed out).

    Returns:
        Per label, its level (:data:`HIDDEN_LEVEL` when it fits at no step) and whether it
        is on the left of its node.
    """
    zooms = [base_zoom * 2**level for level in range(LEVELS)]
    widest = max((label.chars for label in labels), default=1) * CHAR_WIDTH * font
    big = len(labels) >= _GRID_MIN
    grids = [_BoxGrid(min(widest, font * LINE_HEIGHT * 8) / zoom if big else 0.0) for zoom in zooms[:HIDDEN_LEVEL]]
    own = [[_label_box(label, font, zoom) for zoom in zooms[:HIDDEN_LEVEL]] for label in labels]
    other: dict[int, list[Box]] = {}  # boxes on the other side, made when first tried
    sides = [(label.left, not label.left) if label.either else (label.left,) for label in labels]
    discs: list[_Discs | None] = [None] * HIDDEN_LEVEL  # made on first use
    layered: list[Disc] = [(o.x, o.y, o.radius, i, o.layer) for i, o in enumerate(labels) if o.layer is not None]
    # Per candidate (a label on one side, at 2 * index + left): the step from which it is known
    # to cover no circle, and the first step that no circle rules out.
    clear_from = [HIDDEN_LEVEL] * (2 * len(labels))
    first = [0] * (2 * len(labels))

    def boxes_of(index: int, left: bool) -> list[Box]:
        label = labels[index]
        if left == label.left:
            return own[index]
        found = other.get(index)
        if found is None:  # the boxes of its own side, mirrored about the node
            x = 2 * label.x
            found = other[index] = [(x - x1, y0, x - x0, y1) for x0, y0, x1, y1 in own[index]]
        return found

    def covers_no_circle(index: int, left: bool, level: int, layer: int) -> bool:
        """Checked from the top step down, each step once: a circle at one step rules out those below."""
        key = 2 * index + left
        boxes = boxes_of(index, left)
        for step in range(clear_from[key] - 1, level - 1, -1):
            grid = discs[step]
            if grid is None:
                scale = zooms[step] ** (NODE_GROWTH - 1)
                circles = [(x, y, r * scale, i, below) for x, y, r, i, below in layered]
                grid = discs[step] = _Discs(font * LINE_HEIGHT / zooms[step], circles)
            upper = boxes[step + 1] if step + 1 < HIDDEN_LEVEL else _label_box(labels[index], font, zooms[-1], left)
            if not grid.clear(_hull(boxes[step], upper), index, layer):
                first[key] = clear_from[key] = step + 1
                return False
            clear_from[key] = step
        return True

    placed = [(HIDDEN_LEVEL, label.left) for label in labels]
    pending = list(range(len(labels)))
    for level in range(HIDDEN_LEVEL):
        above = grids[level:]
        waiting = []
        for index in pending:
            label = labels[index]
            candidates = sides[index]
            for left in candidates:
                if level < first[2 * index + left]:
                    continue
                # Shown from this step on, the label must fit at every larger zoom too (boxes do not
                # shrink evenly: circles and text scale differently).
                boxes = (own[index] if left == label.left else boxes_of(index, left))[level:]
                if (label.layer is None or covers_no_circle(index, left, level, label.layer)) and all(
                    grid.free(box) for grid, box in zip(above, boxes, strict=True)
                ):
                    placed[index] = (level, left)
                    for grid, box in zip(above, boxes, strict=True):
                        grid.add(box)
                    break
            else:
                # Still to place, unless a circle rules out every step on every side.
                if first[2 * index + candidates[0]] < HIDDEN_LEVEL or first[2 * index + candidates[-1]] < HIDDEN_LEVEL:
                    waiting.append(index)
        pending = waiting
        if not pending:
            break
    return placed


def label_levels(labels: Sequence[Label], font: float, base_zoom: float = 1.0) -> list[int]:
    """The level of each label, given in priority order (see :func:`place_labels`)."""
    return [level for level, _ in place_labels(labels, font, base_zoom)]


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
        return len(self.neighbours.get(card_id, ()))

    def radius(self, card: Card) -> float:
        """Themes big; other cards grow with their number of links, within bounds."""
        if card.kind == "theme":
            return 11.0
        return round(min(9.0, 3.5 + 1.1 * math.sqrt(self.degree(card.id))), 1)

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
        return max((len(_cut(text, limit) if limit else text) for text in self.labels(card).values()), default=1)

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
            attrs = [f'data-id="{_esc(card.id)}"', f'data-themes="{_esc(" ".join(self.themes_of(card)))}"']
            if summaries:
                for lang in self.site.languages:
                    summary, _ = in_language(card.summary, lang, self.site.languages)
                    if summary:
                        attrs.append(f'data-summary-{lang}="{_esc(_cut(" ".join(summary.split()), SUMMARY_CHARS))}"')
            attrs.append(f'aria-label="{_esc(_aria(self.labels(card)))}"')
            found = self._attributes[key] = " ".join(attrs)
        return found

    def content(self, card: Card, radius: float, left: bool, limit: int) -> str:
        """The node's circles and labels (the ring marks a theme)."""
        key = (card.id, radius, left, limit)
        found = self._contents.get(key)
        if found is None:
            ring = f'<circle class="kb-ring" r="{_num(radius + 3.5)}"/>' if card.kind == "theme" else ""
            x = -(radius + LABEL_GAP) if left else radius + LABEL_GAP
            texts = _texts(self.labels(card), x, self.site.languages, limit)
            found = self._contents[key] = f'{ring}<circle r="{_num(radius)}" fill="{self.color(card)}"/>{texts}'
        return found


def _aria(labels: Mapping[str, str]) -> str:
    return " / ".join(dict.fromkeys(labels.values()))


def _texts(labels: Mapping[str, str], x: float, languages: Sequence[str], limit: int = 0) -> str:
    """The label once when every language says the same, else one ``<text lang>`` per language.

    ``kb-alt`` marks the languages after the first, hidden until the reader's choice is known.
    """
    shown = {lang: _cut(text, limit) if limit else text for lang, text in labels.items()}
    position = f'x="{_num(x)}"'
    if len(set(shown.values())) <= 1:
        return f"<text {position}>{html.escape(next(iter(shown.values()), ''), quote=False)}</text>"
    parts = []
    for index, lang in enumerate(languages):
        css = "kb-lang kb-alt" if index else "kb-lang"
        parts.append(f'<text {position} lang="{lang}" class="{css}">{html.escape(shown[lang], quote=False)}</text>')
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Node:
    """One node to draw: where, how big, which label level, and extra classes."""

    card: Card
    x: float
    y: float
    radius: float
    level: int
    extra: str = ""
    left: bool = False
    summary: bool = False


def root_prefix(page: str, directory_urls: bool = True) -> str:
    """From a page to the site root: ``../../`` for ``concepts/x.md`` (``concepts/x/``); empty at the root."""
    url = urls.page_url(page, directory_urls)
    folder = url if url.endswith("/") else url.rpartition("/")[0] + "/"
    return "../" * folder.strip("/").count("/") + ("../" if folder.strip("/") else "")


def _node(view: GraphView, node: _Node, prefix: str, limit: int = 0) -> str:
    """A node: an SVG link to the card's page holding its circle and labels.

    The link is ``xlink:href``, not ``href``: Material's instant navigation rewrites every
    ``[href]`` element with ``el.href = el.href``, which throws on an SVG link (read-only).
    """
    card = node.card
    classes = f"kb-node kb-l{node.level}"
    if card.kind == "theme":
        classes += " kb-theme-node"
    if node.left:
        classes += " kb-left"
    if node.extra:
        classes += " " + node.extra
    target = view.page_urls.get(card.id)
    link = f' xlink:href="{_esc(prefix + target)}"' if target is not None else ' tabindex="0"'
    tag = "a" if target is not None else "g"
    position = f'transform="translate({_num(node.x)} {_num(node.y)})"'
    content = view.content(card, node.radius, node.left, limit)
    return f'<{tag} class="{classes}"{link} {view.attributes(card, node.summary)} {position}>{content}</{tag}>'


ARROW_STEP = 0.01
"""Each arrow is a tiny segment at the middle of its edge, drawn by the markers at its two ends
(they coincide): the direction comes from the segment, the size from the marker."""


def _segment(a: Point, b: Point) -> str:
    return f"M{_num(a[0])} {_num(a[1])}L{_num(b[0])} {_num(b[1])}"


def _arrow(a: Point, b: Point) -> str:
    """The tiny segment at the middle of ``a -> b`` that carries its arrow (empty when a == b)."""
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length == 0:
        return ""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    ux, uy = (b[0] - a[0]) / length * ARROW_STEP, (b[1] - a[1]) / length * ARROW_STEP
    return f"M{_num(mx)} {_num(my)}l{_tiny(ux)} {_tiny(uy)}"


def _tiny(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _edges(
    edges: Sequence[Edge], index: Mapping[str, int], points: Mapping[str, Point], marker: str, depth2: set[str]
) -> str:
    """Edges as a few paths: per relation type, one path of lines and one of arrows (directed types).

    Thousands of ``<path>`` elements, one per edge, made a large graph slow to show and to
    restyle; a handful of paths draws the same. ``data-edges`` lists the edges as pairs of
    node numbers (the order of the nodes in the picture), for the script: it draws a
    node's edges above the others when highlighting it, and redraws the paths without the
    edges of hidden cards when filtering. Edges that touch a neighbour of a neighbour (on
    a local graph) go to paths of their own, hidden until the switch.
    """
    by_type: dict[str, list[Edge]] = {}
    for edge in edges:
        by_type.setdefault(edge.type, []).append(edge)
    groups: list[str] = []
    for name in RELATION_TYPES:
        if name not in by_type:
            continue
        style = RELATION_STYLES[name]
        pairs = " ".join(f"{index[e.source]} {index[e.target]}" for e in by_type[name])
        attrs = [
            f'class="kb-rel kb-rel-{name}"',
            f'data-rel="{name}"',
            f'data-edges="{pairs}"',
            f'stroke-width="{_num(style.width)}"',
        ]
        if style.dash:
            attrs.append(f'stroke-dasharray="{style.dash}"')
        paths = []
        for far in (False, True):
            chosen = [e for e in by_type[name] if (e.source in depth2 or e.target in depth2) == far]
            if not chosen:
                continue
            extra = " kb-d2" if far else ""
            lines = "".join(_segment(points[e.source], points[e.target]) for e in chosen)
            paths.append(f'<path class="kb-lines{extra}" d="{lines}"/>')
            if style.arrow:
                arrows = "".join(_arrow(points[e.source], points[e.target]) for e in chosen)
                ends = f'marker-start="url(#{marker})" marker-mid="url(#{marker})" marker-end="url(#{marker})"'
                paths.append(f'<path class="kb-arrows{extra}" d="{arrows}" stroke-dasharray="none" {ends}/>')
        groups.append(f"<g {' '.join(attrs)}>" + "".join(paths) + "</g>")
    return "\n".join(groups)


def _marker(marker: str) -> str:
    return (
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5" '
        'orient="auto"><path d="M0 1L10 5L0 9z"/></marker></defs>'
    )


def _scale(value: float) -> str:
    """A zoom or scale factor, with enough digits for the script to read it back."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


@dataclass(frozen=True, slots=True)
class _Frame:
    """What the ``<svg>`` element says: its viewBox, label size and zoom range.

    Attributes:
        box: ``(x, y, width, height)`` of the viewBox.
        scope: ``global`` or ``local``: names the arrow marker, unique on a page.
        font: Label size in layout units at zoom 1.
        smallest: The smallest zoom (level 0 of the labels); the largest is ``largest``.
        title: The picture's accessible name, a key of the page words.
    """

    box: tuple[float, float, float, float]
    scope: str
    font: float
    title: str
    smallest: float = 1.0
    largest: float = 64.0


def _svg(
    view: GraphView, nodes: Sequence[_Node], edges: Sequence[Edge], page: str, frame: _Frame, limit: int = 0
) -> str:
    """The ``<svg>`` of a picture: arrows, edges under nodes, one root ``<g>`` the script transforms.

    The picture opens at zoom 1; ``data-z`` is the label step of that zoom, so the labels
    of levels up to it show without the script.
    """
    # Nodes with the most visible labels last: drawn on top, their labels are not hidden by other circles.
    nodes = sorted(nodes, key=lambda node: (-node.level, node.extra == "kb-center", node.card.id))
    index = {node.card.id: number for number, node in enumerate(nodes)}
    points = {node.card.id: (node.x, node.y) for node in nodes}
    marker = f"kb-arrow-{frame.scope}"
    depth2 = {node.card.id for node in nodes if node.extra == "kb-d2"}
    level = max(0, min(HIDDEN_LEVEL - 1, math.floor(math.log2(1 / frame.smallest) + 1e-9)))
    prefix = root_prefix(page, view.site.options.directory_urls)
    dense = " kb-dense" if len(edges) > DENSE_EDGES else ""
    title = " · ".join(dict.fromkeys(word(frame.title, lang) for lang in view.site.languages))
    head = (
        f'<svg class="kb-graph-svg{dense}" role="group" aria-label="{_esc(title)}" '
        f'viewBox="{" ".join(_num(v) for v in frame.box)}" '
        f'data-kmin="{_scale(frame.smallest)}" data-kmax="{_scale(frame.largest)}" '
        f'data-font="{_num(frame.font)}" data-growth="{NODE_GROWTH}" data-z="{level}" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    )
    return "\n".join(
        [
            head,
            _marker(marker),
            '<g class="kb-view">',
            '<g class="kb-edges" fill="none">',
            _edges(edges, index, points, marker, depth2),
            "</g>",
            f'<g class="kb-nodes" font-size="{_num(frame.font)}">',
            "\n".join(_node(view, node, prefix, limit) for node in nodes),
            "</g>",
            "</g>",
            "</svg>",
        ]
    )


def global_svg(view: GraphView, page: str) -> str:
    """The whole graph: every card at its layout position, in the ``[0, SIZE]`` square.

    Circles are sized to the room the layout gives each card: up to twice as big on a
    small graph, down to 0.6 times on a dense one. A label goes on the right of its card,
    or on the left when it would leave the picture on the right and there is more room on
    the left; it moves to the other side when its own is taken (by another label or a
    circle) and the other side stays in the picture.
    """
    kb = view.site.kb
    spacing = SIZE / math.sqrt(max(1, len(kb.cards)))
    grow = max(0.6, min(2.0, spacing / 35))
    radius = {card_id: round(view.radius(card) * grow, 1) for card_id, card in kb.cards.items()}

    def label(card_id: str) -> Label:
        x, y = view.position(card_id)
        chars = view.widest(kb.cards[card_id])
        width = radius[card_id] + LABEL_GAP + chars * CHAR_WIDTH * GLOBAL_FONT
        right, left = x + width <= SIZE, x - width >= 0
        on_left = not right and x > SIZE - x
        return Label(x, y, radius[card_id], chars, on_left, right and left, layer=0)

    order = sorted(kb.cards, key=view.priority)
    placed = dict(zip(order, place_labels([label(i) for i in order], GLOBAL_FONT), strict=True))
    nodes = [
        _Node(kb.cards[i], *view.position(i), radius[i], placed[i][0], left=placed[i][1]) for i in sorted(kb.cards)
    ]
    return _svg(view, nodes, view.edges, page, _Frame((0, 0, SIZE, SIZE), "global", GLOBAL_FONT, "graph_title"))


@dataclass(frozen=True, slots=True)
class LocalGraph:
    """A card's neighbourhood picture and what it left out.

    Attributes:
        svg: The ``<svg>`` (empty when the card has no neighbour).
        depth1: How many neighbours are drawn.
        depth2: How many neighbours of neighbours are drawn (hidden until the switch).
        more1: Neighbours left out by :data:`DEPTH1_CAP`.
        more2: Neighbours of neighbours left out by :data:`DEPTH2_CAP`.
        relations: The relation types drawn, in schema order (for the legend).
    """

    svg: str
    depth1: int = 0
    depth2: int = 0
    more1: int = 0
    more2: int = 0
    relations: tuple[str, ...] = ()


def _angle(view: GraphView, origin: str, card_id: str) -> float:
    """The direction of ``card_id`` seen from ``origin`` on the whole graph, in ``[0, 2pi)``."""
    ox, oy = view.position(origin)
    x, y = view.position(card_id)
    if (x, y) == (ox, oy):
        return 0.0
    return math.atan2(y - oy, x - ox) % (2 * math.pi)


ASPECT = 1.5
"""Rings are ellipses this much wider than tall: labels are wide, pages are wider than tall."""


def _ring(ids: Sequence[str], radius: float, start: float) -> dict[str, Point]:
    """``ids`` spread evenly on an ellipse, the first at angle ``start``."""
    placed: dict[str, Point] = {}
    for position, node_id in enumerate(ids):
        theta = start + 2 * math.pi * position / len(ids)
        placed[node_id] = (round(radius * ASPECT * math.cos(theta), 1) + 0.0, round(radius * math.sin(theta), 1) + 0.0)
    return placed


def _ring_radius(count: int, font: float, minimum: float) -> float:
    """Room for ``count`` labels about one line apart around the ring."""
    return max(minimum, count * font * LINE_HEIGHT * 1.2 / math.pi)


def local_graph(view: GraphView, card_id: str, page: str) -> LocalGraph:
    """The neighbourhood of one card: depth 1 on an inner ring, depth 2 on an outer one (hidden at first).

    Positions come from a small radial layout rather than the global one (where neighbours
    may be far apart or piled up): each ring is spread evenly, in the order of the
    directions the nodes have from the card on the whole graph, so the local picture
    keeps the orientation of the big one. Zoom 1 frames depth 1; the script zooms out to
    the picture's smallest zoom to show depth 2. Tooltips of depth 1 carry the summary.
    """
    neighbours = view.neighbours.get(card_id, ())
    if not neighbours:
        return LocalGraph("")
    kb = view.site.kb
    first_all = sorted(neighbours, key=lambda i: (-view.degree(i), i))
    first = sorted(first_all[:DEPTH1_CAP], key=lambda i: (_angle(view, card_id, i), i))
    slot = {near: position for position, near in enumerate(first)}
    links_in: dict[str, int] = {}
    parent: dict[str, int] = {}
    for near in first:
        for far in view.neighbours.get(near, ()):
            if far != card_id and far not in slot:
                links_in[far] = links_in.get(far, 0) + 1
                parent.setdefault(far, slot[near])
    second_all = sorted(links_in, key=lambda i: (-links_in[i], -view.degree(i), i))
    second = sorted(second_all[:DEPTH2_CAP], key=lambda i: (parent[i], _angle(view, card_id, i), i))

    font = LOCAL_FONT
    r1 = _ring_radius(len(first), font, 100.0)
    r2 = max(r1 + 110.0, _ring_radius(len(second), font, 0.0))
    start = _angle(view, card_id, first[0])
    positions: dict[str, Point] = {card_id: (0.0, 0.0), **_ring(first, r1, start), **_ring(second, r2, start)}
    cards = {i: kb.cards[i] for i in positions}
    radius = {i: view.radius(cards[i]) for i in cards}
    chars = {i: view.widest(cards[i], LOCAL_LABEL_CHARS) for i in cards}

    def frame(ids: Iterable[str]) -> tuple[float, float]:
        """Half width and half height that hold these nodes and their labels."""
        half_w = max(abs(positions[i][0]) + radius[i] + chars[i] * CHAR_WIDTH * font + 8 for i in ids)
        half_h = max(abs(positions[i][1]) + radius[i] + font for i in ids)
        return half_w, max(half_h, half_w * 0.45)

    half_w1, half_h1 = frame([card_id, *first])
    half_w2, half_h2 = frame(positions)
    smallest = min(1.0, half_w1 / half_w2, half_h1 / half_h2)
    depth = {card_id: 0, **dict.fromkeys(first, 1), **dict.fromkeys(second, 2)}
    order = sorted(positions, key=lambda i: (depth[i], *view.priority(i)))
    labels = [Label(*positions[i], radius[i], chars[i], positions[i][0] < 0) for i in order]
    levels = dict(zip(order, label_levels(labels, font, smallest), strict=True))
    extra = ("kb-center", "kb-d1", "kb-d2")
    nodes = [
        _Node(cards[i], *positions[i], radius[i], levels[i], extra[depth[i]], positions[i][0] < 0, depth[i] < 2)
        for i in (card_id, *first, *second)
    ]
    edges = sorted({e for i in positions for e in view.incident[i] if e.source in positions and e.target in positions})
    box = (-half_w1, -half_h1, 2 * half_w1, 2 * half_h1)
    svg = _svg(view, nodes, edges, page, _Frame(box, "local", font, "neighbourhood", smallest, 8.0), LOCAL_LABEL_CHARS)
    types = {e.type for e in edges}
    return LocalGraph(
        svg,
        len(first),
        len(second),
        len(first_all) - len(first),
        len(second_all) - len(second),
        tuple(name for name in RELATION_TYPES if name in types),
    )
