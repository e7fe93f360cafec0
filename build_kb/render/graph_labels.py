"""Where each graph label shows: a zoom step per label, chosen at build time so labels do not overlap.

Labels cannot all show at once on a graph of thousands of cards, so each node gets a
*label level* at build time: the smallest zoom step (``2 ** level``) at which its label
does not overlap a label of higher priority (themes first, then by number of links).
The script (``assets/build_kb/graph.js``) shows the labels of the current step by setting
one attribute on the ``<svg>``. Pure geometry: no card, no markup.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def label_box(label: Label, font: float, zoom: float, left: bool | None = None) -> Box:
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


GRID_MIN = 200
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
    if len(labels) >= GRID_MIN:
        return grid_levels(labels, font, base_zoom)
    return pair_levels(
        [label.x for label in labels],
        [label.y for label in labels],
        [label.radius for label in labels],
        [label.chars for label in labels],
        [label.left for label in labels],
        font,
        base_zoom,
    )


def grid_levels(labels: Sequence[Label], font: float, base_zoom: float) -> list[int]:
    """:func:`label_levels` for many labels: each new label is tested against the boxes of its grid cells."""
    levels = [HIDDEN_LEVEL] * len(labels)
    zooms = [base_zoom * 2**level for level in range(HIDDEN_LEVEL)]
    widest = max((label.chars for label in labels), default=1) * CHAR_WIDTH * font
    grids = [_BoxGrid(min(widest, font * LINE_HEIGHT * 8) / zoom) for zoom in zooms]
    all_boxes = [[label_box(label, font, zoom) for zoom in zooms] for label in labels]
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


def pair_levels(
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
    step), so labels far apart cost nothing. Boxes are those of :func:`label_box`, made
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
                    # x0 and x1 of both boxes at this step, as label_box makes them.
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
    big = len(labels) >= GRID_MIN
    grids = [_BoxGrid(min(widest, font * LINE_HEIGHT * 8) / zoom if big else 0.0) for zoom in zooms[:HIDDEN_LEVEL]]
    own = [[label_box(label, font, zoom) for zoom in zooms[:HIDDEN_LEVEL]] for label in labels]
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
            upper = boxes[step + 1] if step + 1 < HIDDEN_LEVEL else label_box(labels[index], font, zooms[-1], left)
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
