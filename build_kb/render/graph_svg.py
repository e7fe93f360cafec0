"""The graph pictures as inline SVG, drawn at build time from the deterministic layout.

Two pictures share one look: the whole graph (``/graph/``) and the neighbourhood of a
card (on its page). Both work without JavaScript: nodes are SVG links to the card pages,
edges carry a line style per relation type, labels exist in every site language
(``<text lang="..">``, the other languages hidden by ``kb.css`` like the rest of the page).
``assets/build_kb/graph.js`` adds zoom, pan, highlight, filters and search on top.

Labels cannot all show at once on a graph of thousands of cards, so each node gets a
*label level* at build time: the smallest zoom step (``2 ** level``) at which its label
does not overlap a label of higher priority (themes first, then by number of links).
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
from typing import NamedTuple

from build_kb.graph.edges import Edge, relation_edges
from build_kb.graph.export import theme_colors
from build_kb.graph.layout import SIZE, Point
from build_kb.model import Card
from build_kb.render import urls
from build_kb.render.context import SiteContext, SiteOptions, in_language
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
DEPTH1_CAP = SiteOptions().local_graph_neighbours
DEPTH2_CAP = SiteOptions().local_graph_outer
"""Most neighbours (and neighbours of neighbours) a card's local graph draws by default, so a hub's
page is no bigger than any other's however many links it has (the site's options say otherwise);
which ones are kept: :func:`local_graph`."""
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


def _num(value: float) -> str:
    """A coordinate as short, stable text: one decimal, no trailing zero, no ``-0``."""
    text = f"{value:.1f}"
    if text[-2:] == ".0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text


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
    """Boxes hashed into square cells, to test a new box against its neighbours only."""

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
"""From this many labels on, :func:`label_levels` hashes boxes into a grid; below, it compares pairs."""


def _fast_levels(labels: Sequence[Label], font: float, base_zoom: float = 1.0) -> list[int]:
    """:func:`place_labels` for labels that avoid only each other (no circle, one side): the first step with no overlap.

    At zoom ``k`` the script draws circles at ``k ** (NODE_GROWTH - 1)`` and text at ``1/k``
    of their size in layout units (nodes grow slowly on screen, text keeps its size): the
    boxes are computed the same way here. A label placed at one step stays at the next ones.

    Args:
        labels: In priority order (the first always gets level 0).
        font: The label size in layout units at zoom 1.
        base_zoom: The zoom of level 0 (below 1 for a local graph shown zoomed out).
    """
    if len(labels) >= _GRID_MIN:
        return _grid_levels(labels, font, base_zoom)
    return _pair_levels(
        [label.x for label in labels],
        [label.y for label in labels],
        [label.radius for label in labels],
        [label.chars for label in labels],
        [label.left for label in labels],
        font,
        base_zoom,
    )


def _grid_levels(labels: Sequence[Label], font: float, base_zoom: float) -> list[int]:
    """:func:`label_levels` for many labels: each new label is tested against the boxes of its grid cells."""
    levels = [HIDDEN_LEVEL] * len(labels)
    zooms = [base_zoom * 2**level for level in range(HIDDEN_LEVEL)]
    widest = max((label.chars for label in labels), default=1) * CHAR_WIDTH * font
    grids = [_BoxGrid(min(widest, font * LINE_HEIGHT * 8) / zoom) for zoom in zooms]
    all_boxes = [[_label_box(label, font, zoom) for zoom in zooms] for label in labels]
    for level in range(HIDDEN_LEVEL):
        for index in range(len(labels)):
            if levels[index] != HIDDEN_LEVEL:
                continue
            # Shown from this step on, the label must fit at every larger zoom too (boxes do not
            # shrink evenly: circles and text scale differently).
            boxes = all_boxes[index][level:]
            if all(grid.free(box) for grid, box in zip(grids[level:], boxes, strict=True)):
                levels[index] = level
                for grid, box in zip(grids[level:], boxes, strict=True):
                    grid.add(box)
        if HIDDEN_LEVEL not in levels:
            break
    return levels


_STEPS = range(HIDDEN_LEVEL)
_STEPS_DOWN = tuple(reversed(_STEPS))


def _pair_levels(
    xs: Sequence[float],
    ys: Sequence[float],
    radii: Sequence[float],
    chars: Sequence[int],
    lefts: Sequence[bool],
    font: float,
    base_zoom: float,
) -> list[int]:
    """:func:`label_levels` for a few labels (a local graph): the same levels, several times faster.

    Each pair of labels that can meet is looked at once, for the highest step where their
    boxes overlap (``top``); a label fits at step ``l`` when every label placed before it
    has ``top < l`` with it. Candidate pairs come from a sweep in ``y`` (all labels are
    equally tall) and a test on the union of each label's boxes over the steps (the boxes
    shrink towards the node as the zoom grows, so the union spans the first and the last
    step), so labels far apart cost nothing. Boxes are those of :func:`_label_box`, made
    with the same operations: the levels are the same, bit for bit (a test compares them).
    """
    count = len(xs)
    levels = [HIDDEN_LEVEL] * count
    if not count:
        return levels
    zooms = [base_zoom * 2**level for level in _STEPS]
    shrinks = [zoom ** (NODE_GROWTH - 1) for zoom in zooms]
    halves = [font * LINE_HEIGHT / zoom / 2 for zoom in zooms]
    widths = [n * CHAR_WIDTH * font for n in chars]
    gaps = [radius + LABEL_GAP for radius in radii]

    # The union of a label's boxes: the far edge at the first step, the near edge at the last.
    zoom0, shrink0, shrink_last = zooms[0], shrinks[0], shrinks[-1]
    low: list[float] = []
    high: list[float] = []
    for x, gap, width, left in zip(xs, gaps, widths, lefts, strict=True):
        if left:
            low.append(x - gap * shrink0 - width / zoom0)
            high.append(x - gap * shrink_last)
        else:
            low.append(x + gap * shrink_last)
            high.append(x + gap * shrink0 + width / zoom0)
    half = halves[0]
    by_y = sorted(range(count), key=ys.__getitem__)
    conflicts: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for position, i in enumerate(by_y):
        xi, yi, gap_i, width_i, left_i, low_i, high_i = xs[i], ys[i], gaps[i], widths[i], lefts[i], low[i], high[i]
        for j in by_y[position + 1 :]:
            yj = ys[j]
            if yj - half >= yi + half:
                break  # every later label is lower still
            if not (low_i < high[j] and low[j] < high_i):
                continue
            for step in _STEPS_DOWN:
                h = halves[step]
                if yi - h < yj + h and yj - h < yi + h:
                    # x0 and x1 of both boxes at this step, as _label_box makes them.
                    zoom, shrink = zooms[step], shrinks[step]
                    wide_i = width_i / zoom
                    i0 = xi - gap_i * shrink - wide_i if left_i else xi + gap_i * shrink
                    wide_j = widths[j] / zoom
                    j0 = xs[j] - gaps[j] * shrink - wide_j if lefts[j] else xs[j] + gaps[j] * shrink
                    if i0 < j0 + wide_j and j0 < i0 + wide_i:
                        conflicts[i].append((j, step))
                        conflicts[j].append((i, step))
                        break
    blocked = [-1] * count  # the highest step at which a placed label overlaps this one
    pending = list(range(count))
    for level in _STEPS:
        waiting = []
        for index in pending:
            if blocked[index] < level:
                levels[index] = level
                for other, top in conflicts[index]:
                    if top > blocked[other]:
                        blocked[other] = top
            else:
                waiting.append(index)
        if not waiting:
            break
        pending = waiting
    return levels


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
    if all(label.layer is None and not label.either for label in labels):
        return [(level, label.left) for level, label in zip(_fast_levels(labels, font, base_zoom), labels, strict=True)]
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

        The rule that picks the neighbours a capped local graph draws (see :func:`local_graph`):
        the relations a card writes itself (a symmetric one counts from both ends) in the
        vocabulary's order of its relation types (``broader`` first),
        then those other cards write to it (``narrower``, "has part", "examples"...) in the
        same order: a hub's few own links are never crowded out by its many inverse ones.
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
        return max((len(_cut(text, limit) if limit else text) for text in self.labels(card).values()), default=1)

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

    @cached_property
    def made_nodes(self) -> dict[tuple[str, str, bool, str, float, bool, int], tuple[str, str, str]]:
        """The markup :meth:`node_parts` made, by card id, extra class, side, prefix, radius, summary, limit."""
        return {}

    def node_parts(self, node: _Node, prefix: str, limit: int) -> tuple[str, str, str]:
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
                link = f' role="link" xlink:href="{_esc(prefix + target)}"'
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


class _Node(NamedTuple):
    """One node to draw: where, how big, which label level, and extra classes (a tuple: cheap to make)."""

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
    return "../" * urls.url_folder(urls.page_url(page, directory_urls)).count("/")


ARROW_STEP = 0.01
"""Each arrow is a tiny segment at the middle of its edge, drawn by the markers at its two ends
(they coincide): the direction comes from the segment, the size from the marker."""


def _arrow(a: Point, b: Point) -> str:
    """The tiny segment at the middle of ``a -> b`` that carries its arrow (empty when a == b)."""
    ax, ay = a
    bx, by = b
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return ""
    mx, my = (ax + bx) / 2, (ay + by) / 2
    ux, uy = (bx - ax) / length * ARROW_STEP, (by - ay) / length * ARROW_STEP
    return f"M{_num(mx)} {_num(my)}l{_tiny(ux)} {_tiny(uy)}"


def _tiny(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _edges(
    edges: Sequence[Edge],
    index: Mapping[str, int],
    points: Mapping[str, Point],
    coords: Mapping[str, str],
    marker: str,
    depth2: set[str],
    styles: Mapping[str, RelationStyle],
) -> str:
    """Edges as a few paths: per relation type, one path of lines and one of arrows (directed types).

    Thousands of ``<path>`` elements, one per edge, made a large graph slow to show and to
    restyle; a handful of paths draws the same. ``data-edges`` lists the edges as pairs of
    node numbers (the order of the nodes in the picture), for the script: it draws a
    node's edges above the others when highlighting it, and redraws the paths without the
    edges of hidden cards when filtering. Edges that touch a neighbour of a neighbour (on
    a local graph) go to paths of their own, hidden until the switch. ``coords`` holds each
    node's position as text (``x y``), made once per node rather than once per edge end;
    the edges are read once, into the pieces of their type's group.
    """
    # Per type: node-number pairs, then lines and arrows near (depth 0-1) and far (depth 2).
    parts: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}
    for edge in edges:
        name, source, target = edge.type, edge.source, edge.target
        found = parts.get(name)
        if found is None:
            found = parts[name] = ([], [], [], [], [])
        found[0].append(f"{index[source]} {index[target]}")
        far = source in depth2 or target in depth2
        found[2 if far else 1].append(f"M{coords[source]}L{coords[target]}")
        if styles[name].arrow:
            found[4 if far else 3].append(_arrow(points[source], points[target]))
    url = f"url(#{marker})"
    ends = f'stroke-dasharray="none" marker-start="{url}" marker-mid="{url}" marker-end="{url}"'
    groups: list[str] = []
    for name, style in styles.items():
        found = parts.get(name)
        if found is None:
            continue
        pairs, near_lines, far_lines, near_arrows, far_arrows = found
        paths = []
        if near_lines:
            paths.append(f'<path class="kb-lines" d="{"".join(near_lines)}"/>')
            if near_arrows:
                paths.append(f'<path class="kb-arrows" d="{"".join(near_arrows)}" {ends}/>')
        if far_lines:
            paths.append(f'<path class="kb-lines kb-d2" d="{"".join(far_lines)}"/>')
            if far_arrows:
                paths.append(f'<path class="kb-arrows kb-d2" d="{"".join(far_arrows)}" {ends}/>')
        group_style = f' stroke-width="{_num(style.width)}"' + (
            f' stroke-dasharray="{style.dash}"' if style.dash else ""
        )
        opening = f'<g class="kb-rel kb-rel-{name}" data-rel="{name}"'
        groups.append(f'{opening} data-edges="{" ".join(pairs)}"{group_style}>{"".join(paths)}</g>')
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


def _drawing_order(node: _Node) -> tuple[int, bool, str]:
    """Nodes with the most visible labels last: drawn on top, their labels are not hidden by other circles."""
    return (-node.level, node.extra == "kb-center", node.card.id)


def _svg(
    view: GraphView,
    nodes: Sequence[_Node],
    edges: Sequence[Edge],
    page: str,
    frame: _Frame,
    limit: int = 0,
    ordered: bool = False,
    places: Sequence[str] = (),
) -> str:
    """The ``<svg>`` of a picture: arrows, edges under nodes, one root ``<g>`` the script transforms.

    The picture opens at zoom 1; ``data-z`` is the label step of that zoom, so the labels
    of levels up to it show without the script. ``ordered``: the nodes already come in
    :func:`_drawing_order`; ``places``: their positions as text (``x y``), when made already.
    """
    if not ordered:
        nodes = sorted(nodes, key=_drawing_order)
    prefix = root_prefix(page, view.site.options.directory_urls)
    index: dict[str, int] = {}
    points: dict[str, Point] = {}
    coords: dict[str, str] = {}
    depth2: set[str] = set()
    markup: list[str] = []
    made = view.made_nodes
    for number, (card, x, y, radius, level, extra, left, summary) in enumerate(nodes):
        card_id = card.id
        index[card_id] = number
        points[card_id] = (x, y)
        coords[card_id] = xy = places[number] if places else f"{_num(x)} {_num(y)}"
        if extra == "kb-d2":
            depth2.add(card_id)
        parts = made.get((card_id, extra, left, prefix, radius, summary, limit))
        if parts is None:
            parts = view.node_parts(nodes[number], prefix, limit)
        markup.append(f"{parts[0]}{level}{parts[1]}{xy}{parts[2]}")
    marker = f"kb-arrow-{frame.scope}"
    level = max(0, min(HIDDEN_LEVEL - 1, math.floor(math.log2(1 / frame.smallest) + 1e-9)))
    dense = " kb-dense" if len(edges) > DENSE_EDGES else ""
    head = (
        f'<svg class="kb-graph-svg{dense}" role="group" aria-label="{_esc(view.title(frame.title))}" '
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
            _edges(edges, index, points, coords, marker, depth2, view.styles),
            "</g>",
            f'<g class="kb-nodes" font-size="{_num(frame.font)}">',
            "\n".join(markup),
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
        more1: Neighbours left out by the cap (:data:`DEPTH1_CAP` by default).
        more2: Neighbours of neighbours left out by theirs (:data:`DEPTH2_CAP`).
        relations: The relation types drawn, in schema order (for the legend).
    """

    svg: str
    depth1: int = 0
    depth2: int = 0
    more1: int = 0
    more2: int = 0
    relations: tuple[str, ...] = ()


ASPECT = 1.5
"""Rings are ellipses this much wider than tall: labels are wide, pages are wider than tall."""


def _ring(placed: dict[str, Point], ids: Sequence[str], radius: float, start: float) -> None:
    """Place ``ids`` evenly on an ellipse, the first at angle ``start``."""
    count = len(ids)
    wide = radius * ASPECT
    for position, node_id in enumerate(ids):
        theta = start + 2 * math.pi * position / count
        placed[node_id] = (round(wide * math.cos(theta), 1) + 0.0, round(radius * math.sin(theta), 1) + 0.0)


def _snapped(start: float, cap: int) -> float:
    """``start`` rounded to a multiple of ``2 pi / cap``: where a ring of at most ``cap`` nodes begins.

    A full ring's nodes are ``2 pi / cap`` apart, so its places are then the same whatever
    the direction (as on a hub's page): the size of a capped picture depends on what it
    draws, not on where the global layout put the card. The first node stays within half
    a step of its direction on the whole graph (7.5 degrees for the default 24).
    """
    steps = max(1, cap)
    step = 2 * math.pi / steps
    return (round(start / step) % steps) * step


def _coordinate(texts: dict[float, str], value: float) -> str:
    """:func:`_num` of ``value``, kept in ``texts`` for the next picture that has a node there."""
    text = texts[value] = _num(value)
    return text


def _ring_radius(count: int, font: float, minimum: float) -> float:
    """Room for ``count`` labels about one line apart around the ring."""
    return max(minimum, count * font * LINE_HEIGHT * 1.2 / math.pi)


def local_graph(view: GraphView, card_id: str, page: str) -> LocalGraph:
    """The neighbourhood of one card: depth 1 on an inner ring, depth 2 on an outer one (hidden at first).

    Positions come from a small radial layout rather than the global one (where neighbours
    may be far apart or piled up): each ring is spread evenly, in the order of the
    directions the nodes have from the card on the whole graph, so the local picture
    keeps the orientation of the big one (to within 7.5 degrees: :func:`_snapped`). Zoom
    1 frames depth 1; the script zooms out to the picture's smallest zoom to show depth 2.
    Tooltips of depth 1 carry the summary.

    The picture is capped so a hub's page is no bigger than any other's: at most
    ``local_graph_neighbours`` (:data:`DEPTH1_CAP`) neighbours, the closest by :attr:`GraphView.ranks` (the card's own
    relations, ``broader`` first, before the inverse ones such as ``narrower``), then the
    best linked, then by id; and at most ``local_graph_outer`` neighbours of those, the ones
    linked to most drawn neighbours first, then by the same relation rank seen from the
    neighbour, then the best linked, then by id. A neighbour left out is not drawn on the
    outer ring either; the caption says how many cards are left out.

    It runs once per card page, so what does not depend on the page (degree, radius, label
    width, node markup, links) comes from ``view``, made once per build, and the rest is
    built with plain lists and strings.
    """
    neighbours = view.neighbours.get(card_id, ())
    if not neighbours:
        return LocalGraph("")
    near_of = view.neighbours
    degrees = view.degrees
    layout = view.layout
    middle = (SIZE / 2, SIZE / 2)
    ox, oy = layout.get(card_id, middle)
    turn = 2 * math.pi

    def angle(node_id: str) -> float:
        """The direction of a card seen from this one on the whole graph, in ``[0, 2pi)``."""
        x, y = layout.get(node_id, middle)
        if (x, y) == (ox, oy):
            return 0.0
        return math.atan2(y - oy, x - ox) % turn

    cap1, cap2 = view.caps
    if len(neighbours) > cap1:
        own = view.ranks[card_id]
        first = sorted(neighbours, key=lambda i: (own[i], -degrees[i], i))[:cap1]
        # A neighbour left out is not drawn on the outer ring either: it is no neighbour's neighbour.
        every_near = view.near_sets[card_id]
    else:
        first = list(neighbours)
        every_near = frozenset()
    first.sort(key=lambda i: (angle(i), i))
    slot = {near: number for number, near in enumerate(first)}
    links_in: dict[str, int] = {}
    parent: dict[str, int] = {}
    # Pairs of linked cards met on the way, for the edges: depth 1 - depth 1 and depth 1 - depth 2.
    inner_pairs: list[tuple[str, str]] = []
    outer_pairs: list[tuple[str, str]] = []
    for number, near in enumerate(first):
        for far in near_of[near]:
            if far in links_in:
                links_in[far] += 1
                outer_pairs.append((near, far))
            elif far in slot:
                if near < far:
                    inner_pairs.append((near, far))
            elif far != card_id and far not in every_near:
                links_in[far] = 1
                parent[far] = number
                outer_pairs.append((near, far))
    if len(links_in) > cap2:
        closest: dict[str, int] = {}
        for near in first:
            for far, rank in view.ranks[near].items():
                if far in links_in and rank < closest.get(far, rank + 1):
                    closest[far] = rank
        second = sorted(links_in, key=lambda i: (-links_in[i], closest[i], -degrees[i], i))[:cap2]
    else:
        second = list(links_in)
    second.sort(key=lambda i: (parent[i], angle(i), i))

    font = LOCAL_FONT
    r1 = _ring_radius(len(first), font, 100.0)
    r2 = max(r1 + 110.0, _ring_radius(len(second), font, 0.0))
    positions: dict[str, Point] = {card_id: (0.0, 0.0)}
    start = angle(first[0])
    _ring(positions, first, r1, _snapped(start, cap1))
    _ring(positions, second, r2, _snapped(start, cap2))
    ids = list(positions)  # the card, depth 1, depth 2
    inner = 1 + len(first)
    drawn_as = view.local_nodes
    infos = [drawn_as[i] for i in ids]
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    radius = [info[1] for info in infos]
    chars = [info[2] for info in infos]
    # Half width and half height that hold each node and its label.
    widths = [abs(x) + r + n * CHAR_WIDTH * font + 8 for x, r, n in zip(xs, radius, chars, strict=True)]
    heights = [abs(y) + r + font for y, r in zip(ys, radius, strict=True)]
    half_w1 = max(widths[:inner])
    half_h1 = max(max(heights[:inner]), half_w1 * 0.45)
    half_w2 = max(widths)
    half_h2 = max(max(heights), half_w2 * 0.45)
    smallest = min(1.0, half_w1 / half_w2, half_h1 / half_h2)
    # Label priority: the card, then depth 1, then depth 2; in each, as GraphView.priority.
    order = [
        0,
        *sorted(range(1, inner), key=lambda k: infos[k][3]),
        *sorted(range(inner, len(ids)), key=lambda k: infos[k][3]),
    ]
    lefts = [x < 0 for x in xs]
    if len(ids) < _GRID_MIN:
        found = _pair_levels(
            [xs[k] for k in order],
            [ys[k] for k in order],
            [radius[k] for k in order],
            [chars[k] for k in order],
            [lefts[k] for k in order],
            font,
            smallest,
        )
    else:
        labels = [Label(xs[k], ys[k], radius[k], chars[k], lefts[k]) for k in order]
        found = label_levels(labels, font, smallest)
    levels = [0] * len(ids)
    for k, level in zip(order, found, strict=True):
        levels[k] = level
    drawing = sorted(range(len(ids)), key=lambda k: (-levels[k], not k, ids[k]))  # as _drawing_order
    # Ring positions are rounded to tenths within a few hundred units: their texts are few, made once.
    texts = view.coordinate_texts
    xt = [texts.get(x) or _coordinate(texts, x) for x in xs]
    yt = [texts.get(y) or _coordinate(texts, y) for y in ys]
    nodes = [
        _Node(
            infos[k][0],
            xs[k],
            ys[k],
            infos[k][1],
            levels[k],
            "kb-center" if not k else "kb-d1" if k < inner else "kb-d2",
            lefts[k],
            k < inner,
        )
        for k in drawing
    ]
    # The edges between drawn cards, by the pairs of cards they join: the card and depth 1,
    # the pairs met above (depth 1 - depth 2 ones if that card is drawn), then depth 2 among
    # themselves; in the order of view.edges, by their numbers (cheaper than comparing Edges).
    pairs = [(card_id, near) for near in first]
    pairs += inner_pairs
    outer = set(second)
    pairs += [pair for pair in outer_pairs if pair[1] in outer]
    near_sets = view.near_sets
    pairs += [(far, other) for far in second for other in near_sets[far] & outer if far < other]
    links = view.links
    numbers = [n for a, b in pairs for n in links[a][b]]
    edges = view.edges
    drawn = [edges[number] for number in sorted(numbers)]
    box = (-half_w1, -half_h1, 2 * half_w1, 2 * half_h1)
    frame = _Frame(box, "local", font, "neighbourhood", smallest, 8.0)
    places = [f"{xt[k]} {yt[k]}" for k in drawing]
    svg = _svg(view, nodes, drawn, page, frame, LOCAL_LABEL_CHARS, ordered=True, places=places)
    types = {e.type for e in drawn}
    return LocalGraph(
        svg,
        len(first),
        len(second),
        len(neighbours) - len(first),
        len(links_in) - len(second),
        tuple(name for name in view.site.kb.vocabulary.relation_types if name in types),
    )
