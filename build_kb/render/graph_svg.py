"""The graph pictures as inline SVG, drawn at build time from the deterministic layout.

Two pictures share one look: the whole graph (``/graph/``, :func:`global_svg`) and the
neighbourhood of a card (on its page, :mod:`build_kb.render.local_graph`). Both work
without JavaScript: nodes are SVG links to the card pages, edges carry a line style per
relation type. ``assets/build_kb/graph.js`` adds zoom, pan, highlight, filters and search
on top. Which labels show at which zoom: :mod:`build_kb.render.graph_labels`; each
node's markup: :mod:`build_kb.render.graph_view`.

Everything is sorted and rounded, so two builds give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from build_kb.graph.edges import Edge
from build_kb.graph.layout import SIZE, Point
from build_kb.render import urls
from build_kb.render.graph_labels import CHAR_WIDTH, HIDDEN_LEVEL, LABEL_GAP, NODE_GROWTH, Label, place_labels
from build_kb.render.graph_view import GraphView, Node, RelationStyle, esc, num

DENSE_EDGES = 1500
"""Above this many edges the picture draws them faint and plain (``kb-dense``, see ``graph.css``)."""
GLOBAL_FONT = 13.0
"""Label size on ``/graph/``, in layout units at zoom 1 (the picture is 1000 units wide)."""


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
    return f"M{num(mx)} {num(my)}l{_tiny(ux)} {_tiny(uy)}"


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
        group_style = f' stroke-width="{num(style.width)}"' + (
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
class Frame:
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


def drawing_order(node: Node) -> tuple[int, bool, str]:
    """Nodes with the most visible labels last: drawn on top, their labels are not hidden by other circles."""
    return (-node.level, node.extra == "kb-center", node.card.id)


def picture(
    view: GraphView,
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    page: str,
    frame: Frame,
    limit: int = 0,
    ordered: bool = False,
    places: Sequence[str] = (),
) -> str:
    """The ``<svg>`` of a picture: arrows, edges under nodes, one root ``<g>`` the script transforms.

    The picture opens at zoom 1; ``data-z`` is the label step of that zoom, so the labels
    of levels up to it show without the script. ``ordered``: the nodes already come in
    :func:`drawing_order`; ``places``: their positions as text (``x y``), when made already.
    """
    if not ordered:
        nodes = sorted(nodes, key=drawing_order)
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
        coords[card_id] = xy = places[number] if places else f"{num(x)} {num(y)}"
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
        f'<svg class="kb-graph-svg{dense}" role="group" aria-label="{esc(view.title(frame.title))}" '
        f'viewBox="{" ".join(num(v) for v in frame.box)}" '
        f'data-kmin="{_scale(frame.smallest)}" data-kmax="{_scale(frame.largest)}" '
        f'data-font="{num(frame.font)}" data-growth="{NODE_GROWTH}" data-z="{level}" '
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
            f'<g class="kb-nodes" font-size="{num(frame.font)}">',
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
    nodes = [Node(kb.cards[i], *view.position(i), radius[i], placed[i][0], left=placed[i][1]) for i in sorted(kb.cards)]
    return picture(view, nodes, view.edges, page, Frame((0, 0, SIZE, SIZE), "global", GLOBAL_FONT, "graph_title"))
