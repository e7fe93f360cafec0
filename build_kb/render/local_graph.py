"""A card's local graph: its neighbours on an inner ring, theirs on an outer one, capped for hubs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from build_kb.graph.layout import SIZE, Point
from build_kb.render.context import SiteOptions
from build_kb.render.graph_labels import CHAR_WIDTH, GRID_MIN, LINE_HEIGHT, Label, label_levels, pair_levels
from build_kb.render.graph_svg import Frame, picture
from build_kb.render.graph_view import LOCAL_LABEL_CHARS, GraphView, Node, num

LOCAL_FONT = 14.0
DEPTH1_CAP = SiteOptions().local_graph_neighbours
DEPTH2_CAP = SiteOptions().local_graph_outer
"""Most neighbours (and neighbours of neighbours) a card's local graph draws by default, so a hub's
page is no bigger than any other's however many links it has (the site's options say otherwise);
which ones are kept: :func:`local_graph`."""


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
    """:func:`num` of ``value``, kept in ``texts`` for the next picture that has a node there."""
    text = texts[value] = num(value)
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
    if len(ids) < GRID_MIN:
        found = pair_levels(
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
    drawing = sorted(range(len(ids)), key=lambda k: (-levels[k], not k, ids[k]))  # as drawing_order
    # Ring positions are rounded to tenths within a few hundred units: their texts are few, made once.
    texts = view.coordinate_texts
    xt = [texts.get(x) or _coordinate(texts, x) for x in xs]
    yt = [texts.get(y) or _coordinate(texts, y) for y in ys]
    nodes = [
        Node(
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
    frame = Frame(box, "local", font, "neighbourhood", smallest, 8.0)
    places = [f"{xt[k]} {yt[k]}" for k in drawing]
    svg = picture(view, nodes, drawn, page, frame, LOCAL_LABEL_CHARS, ordered=True, places=places)
    types = {e.type for e in drawn}
    return LocalGraph(
        svg,
        len(first),
        len(second),
        len(neighbours) - len(first),
        len(links_in) - len(second),
        tuple(name for name in view.site.kb.vocabulary.relation_types if name in types),
    )
