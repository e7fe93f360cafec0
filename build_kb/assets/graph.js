/* build_kb: zoom, pan, highlight, filters and search on the graph pictures.
 *
 * The pictures are inline SVG drawn at build time (they work without this script):
 * nodes are SVG links, the edges of each relation type are one path (their list is in
 * the group's data-edges), labels carry a level that says from which zoom step they
 * show. This script only
 *   - sets one transform on the root <g class="kb-view"> to zoom and pan (no re-layout),
 *   - once the zoom pauses, sets --kb-cs (node size), the font size and data-z (label
 *     step) on the <svg>: three writes, whatever the number of nodes,
 *   - toggles classes to highlight a node's neighbours and to filter themes and types,
 *     draws a highlighted node's edges in a layer of their own, and redraws the few edge
 *     paths without the hidden cards' edges when a theme is filtered.
 * Material's instant navigation swaps pages without reloading scripts, so pictures are
 * set up again on each page through Material's document$ observable.
 * Nothing is loaded from another host; the summaries of /graph/ come from graph.json,
 * fetched from this site on the first hover.
 */
(function () {
  "use strict";

  const STEP = 1.5; // zoom factor of a button or a key press
  const SETTLE_MS = 120; // node sizes and labels follow the zoom once it pauses
  const MAX_RESULTS = 8;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function readerLanguage() {
    // Each page tree is in one language, the page's own (<html lang>).
    return (document.documentElement.getAttribute("lang") || "").split("-")[0];
  }

  const MIN_LABEL_PX = 12; // WCAG-readable labels: never smaller on screen, at any zoom
  const LABEL_GAP = 3; // viewBox units between a circle and its label (graph_labels.LABEL_GAP)
  const ROW = 22; // CSS px between two rows of a neighbourhood laid out in rows (labels are 12 px)

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  class Picture {
    constructor(figure) {
      this.figure = figure;
      this.svg = figure.querySelector("svg.kb-graph-svg");
      this.view = this.svg.querySelector(".kb-view");
      this.layer = this.svg.querySelector(".kb-nodes");
      this.local = figure.classList.contains("kb-graph--local");
      const data = this.svg.dataset;
      this.font = parseFloat(data.font) || 13;
      this.growth = parseFloat(data.growth) || 0.25;
      this.kmin = parseFloat(data.kmin) || 1;
      this.kmax = parseFloat(data.kmax) || 32;
      const box = this.svg.viewBox.baseVal;
      this.centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      this.state = { k: 1, x: 0, y: 0 }; // zoom 1 frames the picture (a card's neighbours on its page)
      this.nodes = null; // built on first use: reading 5,000 nodes is not needed to show them
      this.hot = null;
      this.found = null;
      this.summaries = null;
      this.timer = 0;
      this.drag = null;
      this.suppressClick = false;
      this.touched = false; // the last pointer was a finger
      this.tapped = null; // the node a first tap showed
      this.pinch = null; // two fingers: their distance and middle
      this.tip = document.createElement("div");
      this.tip.className = "kb-graph-tip";
      this.tip.hidden = true;
      this.tip.setAttribute("aria-hidden", "true");
      this.svg.parentNode.appendChild(this.tip);
      // One Tab stop for the picture (roving tabindex): the first node (a theme, or the
      // card itself on its page) takes it; the arrow keys move between nodes.
      this.svg.setAttribute("tabindex", "-1");
      const nodes = Array.from(this.layer.children);
      const first = this.layer.querySelector(".kb-center") || this.layer.querySelector(".kb-theme-node") || nodes[0];
      for (const el of nodes) {
        el.setAttribute("tabindex", el === first ? "0" : "-1");
      }
      this.bind();
      this.updateLanguage();
      // Labels sized and placed for the width the picture is drawn at, and again when it changes
      // (a card's neighbourhood is laid out again: rows or ring, see arrange).
      this.width = this.svg.clientWidth;
      this.arrange();
      window.addEventListener("resize", () => {
        if (!this.figure.isConnected) {
          return;
        }
        if (this.local && this.svg.clientWidth !== this.width) {
          this.width = this.svg.clientWidth;
          this.arrange();
        } else {
          this.apply(false);
        }
      });
    }

    /* A card's neighbourhood: the ring drawn at build time when the label of every node
       shown (the card, its neighbours, theirs once switched on) fits whole in the frame
       without overlapping another, else rows (a phone, a hub). Decided again when the
       width changes or the neighbours of neighbours are switched on or off. */
    arrange() {
      if (!this.local) {
        this.settle();
        return;
      }
      this.rows(false);
      this.fit();
      if (this.crowded) {
        this.rows(true);
        this.fit();
      }
    }

    /* Rows, or back to the ring. In rows each shown node has a line of its own, its label
       on its right: the card in the middle of its neighbours, which bend in an arc around
       it (the edges between them stay apart), then the neighbours of neighbours when
       shown, below (a taller picture, not a smaller one). One viewBox unit is one CSS px. */
    rows(on) {
      const nodes = this.index();
      this.measure();
      if (!this.home) {
        const box = this.svg.viewBox.baseVal;
        this.home = { box: [box.x, box.y, box.width, box.height], kmin: this.kmin, xy: nodes.map((n) => [n.x, n.y]) };
      }
      this.figure.classList.toggle("kb-rows", on);
      let box = this.home.box;
      if (!on) {
        nodes.forEach((node, i) => this.moveNode(node, this.home.xy[i][0], this.home.xy[i][1]));
        this.kmin = this.home.kmin;
      } else {
        const width = Math.max(this.svg.clientWidth, 200);
        const byPlace = (a, b) => this.home.xy[a.i][1] - this.home.xy[b.i][1] || this.home.xy[a.i][0] - this.home.xy[b.i][0];
        nodes.forEach((node, i) => (node.i = i));
        const centre = nodes.find((node) => node.el.classList.contains("kb-center")) || nodes[0];
        const near = nodes.filter((node) => node !== centre && !node.far).sort(byPlace);
        const far = this.figure.classList.contains("kb-show-d2") ? nodes.filter((node) => node.far).sort(byPlace) : [];
        const pad = 16;
        const x0 = pad + (centre.r || 5) + 4;
        const text = Math.max(...nodes.map((node) => node.em)) * MIN_LABEL_PX + LABEL_GAP + 16;
        const bend = clamp(width - x0 - pad - text, 12, width * 0.3);
        let y = pad;
        const arc = (list, middle) => {
          // middle: the row left free for the card (its label runs across the arc there).
          const count = list.length + (middle ? 1 : 0);
          const mid = Math.floor((count - 1) / 2);
          const reach = (Math.max(mid, count - 1 - mid) + 1) * ROW;
          let j = 0;
          for (let row = 0; row < count; row++) {
            const ry = y + ROW / 2 + row * ROW;
            if (middle && row === mid) {
              this.moveNode(centre, x0, ry);
              continue;
            }
            const dy = (row - mid) * ROW;
            this.moveNode(list[j++], x0 + bend * Math.sqrt(1 - (dy / reach) ** 2), ry);
          }
          y += count * ROW;
        };
        arc(near, true);
        if (far.length) {
          y += ROW / 2;
          arc(far, false);
        }
        box = [0, 0, width, y + pad];
        this.kmin = 1;
      }
      this.svg.setAttribute("viewBox", box.map((v) => +v.toFixed(1)).join(" "));
      this.centre = { x: box[0] + box[2] / 2, y: box[1] + box[3] / 2 };
      // The edges follow the nodes: each type's paths drawn again, near and far apart.
      for (const group of this.groups) {
        const near = this.paths(group.edges.filter((edge) => !nodes[edge.s].far && !nodes[edge.t].far));
        const far = this.paths(group.edges.filter((edge) => nodes[edge.s].far || nodes[edge.t].far));
        for (const [selector, d] of [
          [".kb-lines:not(.kb-d2)", near.lines],
          [".kb-arrows:not(.kb-d2)", near.arrows],
          [".kb-lines.kb-d2", far.lines],
          [".kb-arrows.kb-d2", far.arrows],
        ]) {
          const path = group.el.querySelector(selector);
          if (path) {
            path.setAttribute("d", d);
          }
        }
      }
    }

    moveNode(node, x, y) {
      node.x = Math.round(x * 10) / 10;
      node.y = Math.round(y * 10) / 10;
      node.el.setAttribute("transform", `translate(${node.x} ${node.y})`);
    }

    /* What placing a node's label needs, read once: circle radius, label width per px of
       font (the widest of its languages, measured in the page's font), side, whether it
       must show (a theme; the card and its neighbours on its page). */
    measure() {
      const nodes = this.index();
      if (this.order) {
        return;
      }
      const canvas = document.createElement("canvas").getContext("2d");
      const css = getComputedStyle(this.layer);
      this.order = nodes.map((node, i) => {
        const circle = node.el.querySelector("circle:last-of-type");
        const texts = Array.from(node.el.querySelectorAll(":scope > text"));
        node.r = circle ? parseFloat(circle.getAttribute("r")) || 5 : 5;
        node.chars = Math.max(0, ...texts.map((text) => text.textContent.length));
        node.left = node.el.classList.contains("kb-left");
        node.theme = node.el.classList.contains("kb-theme-node");
        node.must = node.theme || node.el.classList.contains("kb-center") || node.el.classList.contains("kb-d1");
        const bold = node.theme || node.el.classList.contains("kb-center") ? "700 " : "";
        canvas.font = `${bold}100px ${css.fontFamily}`;
        node.em = Math.max(0, ...texts.map((text) => canvas.measureText(text.textContent).width / 100));
        return i;
      });
      this.order.sort((a, b) => {
        const na = nodes[a];
        const nb = nodes[b];
        return Number(nb.must) - Number(na.must) || nb.r - na.r || a - b;
      });
    }

    /* The nodes (position, themes, edges) and edges, indexed once. */
    index() {
      if (this.nodes) {
        return this.nodes;
      }
      const round = (value) => Math.round(value * 10) / 10;
      this.nodes = Array.from(this.layer.children, (el) => {
        const matrix = el.transform.baseVal.consolidate().matrix;
        const themes = (el.getAttribute("data-themes") || "").split(" ").filter(Boolean);
        const far = el.classList.contains("kb-d2");
        return { el: el, x: round(matrix.e), y: round(matrix.f), themes: themes, far: far, edges: [], off: false, keys: null };
      });
      this.byElement = new Map(this.nodes.map((node, i) => [node.el, i]));
      this.groups = Array.from(this.svg.querySelectorAll(".kb-edges .kb-rel"), (el) => {
        const group = { el: el, edges: [], directed: el.querySelector(".kb-arrows") !== null };
        const numbers = (el.getAttribute("data-edges") || "").split(" ").filter(Boolean).map(Number);
        for (let k = 0; k + 1 < numbers.length; k += 2) {
          const edge = { s: numbers[k], t: numbers[k + 1], group: group };
          group.edges.push(edge);
          this.nodes[edge.s].edges.push(edge);
          this.nodes[edge.t].edges.push(edge);
        }
        return group;
      });
      return this.nodes;
    }

    /* ---- zoom and pan: one transform on the root group ---- */

    apply(settleNow) {
      const s = this.state;
      this.view.setAttribute("transform", `translate(${s.x.toFixed(2)} ${s.y.toFixed(2)}) scale(${s.k.toFixed(4)})`);
      window.clearTimeout(this.timer);
      if (settleNow) {
        this.settle();
      } else {
        this.timer = window.setTimeout(() => this.settle(), SETTLE_MS);
      }
    }

    /* Circles grow as k ** growth on screen, text keeps its size: node content is scaled
       by k ** (growth - 1), and its font set so that the scaled text is font / k. */
    settle() {
      const k = this.state.k;
      const scale = Math.pow(k, this.growth - 1);
      // The frame's geometry, read before any write (a read after one would lay the page out again).
      const ctm = this.svg.getScreenCTM();
      const rect = this.svg.getBoundingClientRect();
      const box = this.svg.viewBox.baseVal;
      const unit = ctm && ctm.a > 0 ? ctm.a : 1; // screen px per viewBox unit
      const frame = {
        width: rect.width || 1,
        height: rect.height || 1,
        // Where the viewBox's origin is drawn, in px from the frame's corner: the picture is
        // centred in a frame of another shape (preserveAspectRatio), e.g. /graph/ on a wide screen.
        x: ctm ? ctm.e - rect.left : -box.x * unit,
        y: ctm ? ctm.f - rect.top : -box.y * unit,
      };
      this.svg.style.setProperty("--kb-cs", scale.toFixed(4));
      // The label's screen size: at least MIN_LABEL_PX CSS px whatever the zoom and the
      // width the picture is drawn at (a phone shrinks the viewBox about three times).
      const rows = this.figure.classList.contains("kb-rows");
      const px = rows ? MIN_LABEL_PX : Math.max(this.font * unit, MIN_LABEL_PX);
      this.layer.setAttribute("font-size", (px / unit / (k * scale)).toFixed(3));
      const step = Math.floor(Math.log2(k / this.kmin) + 1e-6);
      this.svg.setAttribute("data-z", String(clamp(step, 0, 5)));
      // Timed with the User Timing API (a standard, read by bench/graph_page_bench.py).
      const start = performance.now();
      this.placeLabels(px, unit, frame);
      if (performance.measure) {
        performance.measure("kb-labels", { start: start, end: performance.now() });
      }
      if (this.hot !== null) {
        this.placeTip(this.hot);
      }
    }

    /* Labels placed on screen at this zoom, greedily and without overlap: themes first,
       then (on a card page) the card and its direct neighbours, which always show, then
       the biggest circles; a label that would overlap one already placed waits for a
       closer zoom. A grid of cells keeps the test near-linear at 5,000 nodes. */
    placeLabels(px, unit, frame) {
      const nodes = this.index();
      const s = this.state;
      const grow = Math.pow(s.k, this.growth);
      this.measure();
      const rows = this.figure.classList.contains("kb-rows");
      let crowded = false; // a label that must show overlaps another or leaves the frame
      const width = frame.width;
      const height = frame.height;
      const ox = frame.x;
      const oy = frame.y;
      const cell = 64;
      const labels = new Map(); // grid cell -> boxes of the labels placed
      const dotGrid = new Map(); // grid cell -> boxes of the dots drawn
      const hits = (b, grid) => {
        for (let gx = Math.floor(b.x0 / cell); gx <= Math.floor(b.x1 / cell); gx++) {
          for (let gy = Math.floor(b.y0 / cell); gy <= Math.floor(b.y1 / cell); gy++) {
            for (const o of grid.get(gx * 100003 + gy) || []) {
              if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) {
                return true;
              }
            }
          }
        }
        return false;
      };
      const add = (b, grid) => {
        for (let gx = Math.floor(b.x0 / cell); gx <= Math.floor(b.x1 / cell); gx++) {
          for (let gy = Math.floor(b.y0 / cell); gy <= Math.floor(b.y1 / cell); gy++) {
            const key = gx * 100003 + gy;
            const list = grid.get(key);
            if (list) {
              list.push(b);
            } else {
              grid.set(key, [b]);
            }
          }
        }
      };
      // The circles first: a label shown by its zoom covers no other card's dot.
      const dots = [];
      for (const node of nodes) {
        if (this.local && node.far && !this.figure.classList.contains("kb-show-d2")) {
          continue;
        }
        const r = (node.r || 5) * grow * unit;
        const cx = (node.x * s.k + s.x) * unit + ox;
        const cy = (node.y * s.k + s.y) * unit + oy;
        if (cx + r > 0 && cx - r < width && cy + r > 0 && cy - r < height) {
          dots.push({ x0: cx - r, x1: cx + r, y0: cy - r, y1: cy + r });
        }
      }
      dots.forEach((b) => add(b, dotGrid));
      for (const i of this.order) {
        const node = nodes[i];
        const hidden = this.local && node.far && !this.figure.classList.contains("kb-show-d2");
        const cx = (node.x * s.k + s.x) * unit + ox;
        const cy = (node.y * s.k + s.y) * unit + oy;
        const gap = (node.r + LABEL_GAP) * grow * unit;
        const w = node.em * px + 2;
        const half = px * 0.62;
        // Right or left of the circle (the build's side first), then above, then below; in rows, right.
        const sides = rows ? ["start"] : node.left ? ["end", "start", "above", "below"] : ["start", "end", "above", "below"];
        // Clear of labels and dots; a label that must show (a theme, the card, its
        // neighbours) may then lie over a dot, never over another label if a side is free.
        const boxes = sides.map((side) => {
          let b;
          if (side === "start") {
            b = { x0: cx + gap, x1: cx + gap + w, y0: cy - half, y1: cy + half };
          } else if (side === "end") {
            b = { x0: cx - gap - w, x1: cx - gap, y0: cy - half, y1: cy + half };
          } else {
            // Centred on the dot, or moved sideways to lie whole in the frame (still over the dot).
            const y = side === "above" ? cy - gap - half : cy + gap + half;
            const x0 = w <= width ? clamp(cx - w / 2, 0, width - w) : cx - w / 2;
            b = { x0: x0, x1: x0 + w, y0: y - half, y1: y + half, dx: x0 + w / 2 - cx };
          }
          b.side = side;
          return b;
        });
        // Whole in the frame: a label the frame cuts cannot be read (it shows once panned in).
        const whole = (b) => b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height;
        let chosen = boxes.find((b) => whole(b) && !hits(b, labels) && !hits(b, dotGrid));
        if (!chosen && this.local && !node.must && !hidden) {
          crowded = true; // a neighbour of a neighbour shown without its label
        }
        if (!chosen && node.must && !hidden) {
          chosen = boxes.find((b) => whole(b) && !hits(b, labels));
          if (!chosen) {
            crowded = true;
            chosen = boxes.find((b) => !hits(b, labels)) || boxes[0];
          }
        }
        const show = Boolean(chosen && node.chars && !hidden);
        if (show) {
          add(chosen, labels);
          this.moveLabel(node, chosen.side, gap / (unit * grow), half / (unit * grow), (chosen.dx || 0) / (unit * grow));
        }
        node.el.classList.toggle("kb-lab", show);
      }
      this.crowded = crowded;
      this.svg.classList.add("kb-placed");
    }

    /* The node that takes the picture's one Tab stop. */
    rove(el) {
      const current = this.layer.querySelector('.kb-node[tabindex="0"]');
      if (current && current !== el) {
        current.setAttribute("tabindex", "-1");
      }
      el.setAttribute("tabindex", "0");
    }

    /* The nearest shown node in an arrow's direction (dx, dy): distance, with the sideways part weighed double. */
    step(el, dx, dy) {
      const nodes = this.index();
      const from = nodes[this.byElement.get(el)];
      let best = null;
      let bestScore = Infinity;
      for (const node of nodes) {
        if (node === from || node.off || node.el.getClientRects().length === 0) {
          continue;
        }
        const vx = node.x - from.x;
        const vy = node.y - from.y;
        const along = vx * dx + vy * dy;
        if (along <= 0) {
          continue;
        }
        const score = along + 2 * Math.abs(vx * dy - vy * dx);
        if (score < bestScore) {
          bestScore = score;
          best = node;
        }
      }
      return best;
    }

    /* Puts a node's label on one side of its circle (local units of the node's content);
       dx moves a label above or below sideways. */
    moveLabel(node, side, gap, half, dx) {
      const key = side + gap.toFixed(2) + half.toFixed(2) + dx.toFixed(2);
      if (node.side === key) {
        return;
      }
      node.side = key;
      for (const text of node.el.querySelectorAll("text")) {
        const vertical = side === "above" || side === "below";
        text.setAttribute("x", (vertical ? dx : side === "end" ? -gap : gap).toFixed(2));
        text.setAttribute("y", vertical ? (side === "above" ? -(gap + half) : gap + half).toFixed(2) : "0");
        text.style.textAnchor = vertical ? "middle" : side;
      }
    }

    zoomAt(point, k) {
      const s = this.state;
      const next = clamp(k, this.kmin, this.kmax);
      s.x = point.x - ((point.x - s.x) * next) / s.k;
      s.y = point.y - ((point.y - s.y) * next) / s.k;
      s.k = next;
      this.apply(false);
    }

    zoomBy(factor) {
      this.zoomAt(this.centre, this.state.k * factor);
    }

    /* Back to the whole picture: zoom 1, or on a card page with the switch on, the zoom
       that shows the neighbours of neighbours too (the smallest). */
    fit() {
      const k = this.figure.classList.contains("kb-show-d2") ? this.kmin : 1;
      this.state = { k: k, x: this.centre.x * (1 - k), y: this.centre.y * (1 - k) };
      this.apply(true);
    }

    /* A pointer position in the coordinates of the viewBox. */
    toView(clientX, clientY) {
      const ctm = this.svg.getScreenCTM();
      return ctm ? new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse()) : this.centre;
    }

    centreOn(i, minZoom) {
      const node = this.index()[i];
      const s = this.state;
      s.k = clamp(Math.max(s.k, minZoom), this.kmin, this.kmax);
      s.x = this.centre.x - node.x * s.k;
      s.y = this.centre.y - node.y * s.k;
      this.apply(true);
    }

    /* ---- highlight and tooltip ---- */

    highlight(el) {
      if (this.hot === el) {
        return;
      }
      this.clear();
      const nodes = this.index();
      const i = this.byElement.get(el);
      if (i === undefined) {
        return;
      }
      this.hot = el;
      el.classList.add("kb-hot");
      const shown = nodes[i].edges.filter(
        (edge) => this.shown(nodes[edge.s]) && this.shown(nodes[edge.t]) && !edge.group.el.classList.contains("kb-off"),
      );
      for (const edge of shown) {
        nodes[edge.s === i ? edge.t : edge.s].el.classList.add("kb-near");
      }
      this.drawEdges(this.overlay(), shown);
      this.svg.classList.add("kb-hl-on");
      this.showTip(el);
    }

    clear() {
      if (this.hot === null) {
        return;
      }
      this.hot.classList.remove("kb-hot");
      for (const near of this.layer.querySelectorAll(".kb-near")) {
        near.classList.remove("kb-near");
      }
      this.overlay().textContent = "";
      this.svg.classList.remove("kb-hl-on");
      this.hot = null;
      this.tip.hidden = true;
    }

    /* Whether a node shows: not filtered out, and not a hidden neighbour of a neighbour. */
    shown(node) {
      return !node.off && (!node.far || this.figure.classList.contains("kb-show-d2"));
    }

    /* The layer, between edges and nodes, where a highlighted node's edges are drawn. */
    overlay() {
      if (!this.top) {
        this.top = document.createElementNS("http://www.w3.org/2000/svg", "g");
        this.top.setAttribute("class", "kb-hl-edges");
        this.view.insertBefore(this.top, this.layer);
      }
      return this.top;
    }

    /* The path data of some edges: lines, and the tiny segments that carry the arrows. */
    paths(edges) {
      const nodes = this.nodes;
      let lines = "";
      let arrows = "";
      for (const edge of edges) {
        const a = nodes[edge.s];
        const b = nodes[edge.t];
        lines += `M${a.x} ${a.y}L${b.x} ${b.y}`;
        const length = Math.hypot(b.x - a.x, b.y - a.y);
        if (edge.group.directed && length > 0) {
          const mx = ((a.x + b.x) / 2).toFixed(1);
          const my = ((a.y + b.y) / 2).toFixed(1);
          arrows += `M${mx} ${my}l${(((b.x - a.x) / length) * 0.01).toFixed(4)} ${(((b.y - a.y) / length) * 0.01).toFixed(4)}`;
        }
      }
      return { lines: lines, arrows: arrows };
    }

    /* Edges drawn into a layer, one group per relation type, styled like the type's group. */
    drawEdges(layer, edges) {
      const byGroup = new Map();
      for (const edge of edges) {
        if (!byGroup.has(edge.group)) {
          byGroup.set(edge.group, []);
        }
        byGroup.get(edge.group).push(edge);
      }
      for (const [group, list] of byGroup) {
        const copy = group.el.cloneNode(false);
        copy.removeAttribute("data-edges");
        const d = this.paths(list);
        const lines = group.el.querySelector(".kb-lines").cloneNode(false);
        lines.setAttribute("class", "kb-lines");
        lines.setAttribute("d", d.lines);
        copy.appendChild(lines);
        if (group.directed) {
          const arrows = group.el.querySelector(".kb-arrows").cloneNode(false);
          arrows.setAttribute("class", "kb-arrows");
          arrows.setAttribute("d", d.arrows);
          copy.appendChild(arrows);
        }
        layer.appendChild(copy);
      }
    }

    /* A node's label in a language, whole: a local graph cuts long labels, its
       aria-label ("fr / en", one part when they are the same) does not. */
    label(el, lang) {
      const texts = Array.from(el.querySelectorAll("text"));
      const parts = (el.getAttribute("aria-label") || "").split(" / ");
      const j = Math.max(0, texts.findIndex((text) => text.getAttribute("lang") === lang));
      if (parts.length === texts.length) {
        return parts[j];
      }
      return texts[j] ? texts[j].textContent : parts[0];
    }

    summary(el, lang) {
      const own = el.getAttribute("data-summary-" + lang);
      if (own !== null || this.local) {
        return own || "";
      }
      if (this.summaries === null) {
        this.loadSummaries();
        return "";
      }
      const texts = this.summaries.get(el.getAttribute("data-id")) || {};
      return texts[lang] || Object.values(texts)[0] || "";
    }

    /* /graph/ keeps its page small: summaries come from graph.json, once, on the first hover. */
    loadSummaries() {
      const url = this.figure.getAttribute("data-graph-json");
      this.summaries = new Map();
      if (!url) {
        return;
      }
      fetch(url)
        .then((response) => (response.ok ? response.json() : { nodes: [] }))
        .then((data) => {
          for (const node of data.nodes || []) {
            this.summaries.set(node.id, node.summary || {});
          }
          if (this.hot !== null) {
            this.showTip(this.hot);
          }
        })
        .catch(() => {
          /* Without summaries the tooltip shows the label only. */
        });
    }

    language() {
      const chosen = readerLanguage();
      if (chosen) {
        return chosen;
      }
      const first = this.svg.querySelector("text[lang]");
      return first ? first.getAttribute("lang") : "";
    }

    showTip(el) {
      const lang = this.language();
      const tip = this.tip;
      tip.textContent = "";
      const title = document.createElement("strong");
      title.textContent = this.label(el, lang);
      tip.appendChild(title);
      const summary = this.summary(el, lang);
      if (summary) {
        tip.appendChild(document.createTextNode(summary));
      }
      tip.hidden = false;
      this.placeTip(el);
    }

    placeTip(el) {
      const frame = this.svg.parentNode.getBoundingClientRect();
      const dot = el.querySelector("circle:last-of-type").getBoundingClientRect();
      const width = this.tip.offsetWidth;
      let left = dot.right - frame.left + 8;
      if (left + width > frame.width) {
        left = Math.max(0, dot.left - frame.left - width - 8);
      }
      this.tip.style.left = `${left}px`;
      this.tip.style.top = `${clamp(dot.bottom - frame.top + 4, 0, Math.max(0, frame.height - this.tip.offsetHeight))}px`;
    }

    /* ---- opening a card ---- */

    /* Through an HTML link, so Material's instant navigation handles it (it ignores SVG links). */
    open(el) {
      const href = el.href ? el.href.baseVal : "";
      if (!href) {
        return;
      }
      const link = document.createElement("a");
      link.href = new URL(href, window.location.href).href;
      link.hidden = true;
      this.figure.appendChild(link);
      link.click();
      link.remove();
    }

    /* ---- filters ---- */

    filterRelation(rel, shown) {
      const group = this.svg.querySelector(`.kb-edges .kb-rel[data-rel="${CSS.escape(rel)}"]`);
      if (group) {
        group.classList.toggle("kb-off", !shown);
      }
    }

    filterThemes() {
      const hidden = new Set();
      for (const input of this.figure.querySelectorAll("input[data-theme]")) {
        if (!input.checked) {
          hidden.add(input.getAttribute("data-theme"));
        }
      }
      const nodes = this.index();
      for (const node of nodes) {
        const off = node.themes.length > 0 && node.themes.every((theme) => hidden.has(theme));
        if (off !== node.off) {
          node.off = off;
          node.el.classList.toggle("kb-off", off);
        }
      }
      // Each type's edges are one path: redraw it without the edges of hidden cards.
      for (const group of this.groups) {
        const near = group.edges.filter((edge) => !nodes[edge.s].far && !nodes[edge.t].far);
        const d = this.paths(near.filter((edge) => !nodes[edge.s].off && !nodes[edge.t].off));
        const lines = group.el.querySelector(".kb-lines:not(.kb-d2)");
        const arrows = group.el.querySelector(".kb-arrows:not(.kb-d2)");
        if (lines) {
          lines.setAttribute("d", d.lines);
        }
        if (arrows) {
          arrows.setAttribute("d", d.arrows);
        }
      }
    }

    showDepth2(shown) {
      this.clear();
      this.figure.classList.toggle("kb-show-d2", shown);
      this.arrange();
    }

    /* ---- search ---- */

    search(query) {
      const list = this.figure.querySelector(".kb-graph-results");
      const q = fold(query.trim());
      list.textContent = "";
      this.selected = -1;
      if (!q) {
        list.hidden = true;
        return;
      }
      const lang = this.language();
      const matches = [];
      for (const [i, node] of this.index().entries()) {
        if (node.keys === null) {
          node.keys = Array.from(node.el.querySelectorAll("text"), (text) => fold(text.textContent));
          node.keys.push(fold(node.el.getAttribute("aria-label") || ""));
        }
        let rank = -1;
        for (const key of node.keys) {
          const at = key.indexOf(q);
          if (at !== -1) {
            const score = at === 0 ? 0 : 1;
            rank = rank === -1 ? score : Math.min(rank, score);
          }
        }
        if (rank !== -1) {
          matches.push({ i: i, rank: rank, label: this.label(node.el, lang) });
        }
      }
      matches.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label));
      for (const match of matches.slice(0, MAX_RESULTS)) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = "kb-graph-option-" + list.children.length;
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-i", String(match.i));
        item.textContent = match.label;
        list.appendChild(item);
      }
      list.hidden = list.children.length === 0;
      this.expand(!list.hidden);
    }

    /* The search box is a combobox: it says whether its list is open and which option is selected. */
    expand(open) {
      const input = this.figure.querySelector(".kb-graph-search");
      if (input) {
        input.setAttribute("aria-expanded", String(open));
        if (!open) {
          input.removeAttribute("aria-activedescendant");
        }
      }
    }

    select(delta) {
      const items = this.figure.querySelectorAll(".kb-graph-results li");
      if (!items.length) {
        return;
      }
      this.selected = (this.selected + delta + items.length) % items.length;
      items.forEach((item, n) => item.setAttribute("aria-selected", String(n === this.selected)));
      this.figure.querySelector(".kb-graph-search").setAttribute("aria-activedescendant", items[this.selected].id);
    }

    pick(item) {
      const i = +item.getAttribute("data-i");
      const node = this.index()[i];
      const input = this.figure.querySelector(".kb-graph-search");
      input.value = item.textContent;
      this.figure.querySelector(".kb-graph-results").hidden = true;
      this.expand(false);
      this.rove(node.el);
      if (this.found) {
        this.found.classList.remove("kb-found");
      }
      this.found = node.el;
      node.el.classList.add("kb-found");
      this.centreOn(i, this.local ? 1 : 4);
      node.el.focus({ preventScroll: true });
      this.highlight(node.el);
    }

    updateLanguage() {
      const input = this.figure.querySelector(".kb-graph-search");
      const lang = this.language();
      if (input && input.getAttribute("data-placeholder-" + lang)) {
        input.placeholder = input.getAttribute("data-placeholder-" + lang);
      }
      if (this.hot !== null) {
        this.showTip(this.hot);
      }
    }

    /* ---- events ---- */

    bind() {
      const svg = this.svg;
      const figure = this.figure;

      svg.addEventListener(
        "wheel",
        (event) => {
          // On a card page the wheel scrolls the page unless the reader is in the picture.
          if (this.local && !event.ctrlKey && !event.metaKey && !figure.contains(document.activeElement)) {
            return;
          }
          event.preventDefault();
          const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
          this.zoomAt(this.toView(event.clientX, event.clientY), this.state.k * factor);
        },
        { passive: false },
      );

      // Touch: two fingers pinch to zoom and pan together (pointer events, one per finger).
      const fingers = new Map();
      const pinch = () => {
        const [a, b] = Array.from(fingers.values());
        return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      };
      svg.addEventListener("pointerdown", (event) => {
        this.touched = event.pointerType === "touch";
        if (event.pointerType === "touch") {
          fingers.set(event.pointerId, { x: event.clientX, y: event.clientY });
          if (fingers.size === 2) {
            this.drag = null;
            this.suppressClick = true;
            this.pinch = pinch();
            return;
          }
        }
        if (event.button !== 0) {
          return;
        }
        this.drag = { id: event.pointerId, x: event.clientX, y: event.clientY, moved: false };
      });
      svg.addEventListener("pointermove", (event) => {
        if (fingers.has(event.pointerId)) {
          fingers.set(event.pointerId, { x: event.clientX, y: event.clientY });
          if (fingers.size === 2 && this.pinch) {
            const now = pinch();
            const ctm = svg.getScreenCTM();
            const scale = ctm ? ctm.a : 1;
            this.state.x += (now.x - this.pinch.x) / scale;
            this.state.y += (now.y - this.pinch.y) / scale;
            this.zoomAt(this.toView(now.x, now.y), (this.state.k * now.d) / this.pinch.d);
            this.pinch = now;
            return;
          }
        }
        const drag = this.drag;
        if (!drag || drag.id !== event.pointerId) {
          return;
        }
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) < 4) {
          return;
        }
        if (!drag.moved) {
          drag.moved = true;
          svg.setPointerCapture(event.pointerId);
          svg.classList.add("kb-dragging");
          this.clear();
        }
        const ctm = svg.getScreenCTM();
        const scale = ctm ? ctm.a : 1;
        this.state.x += dx / scale;
        this.state.y += dy / scale;
        drag.x = event.clientX;
        drag.y = event.clientY;
        this.view.setAttribute(
          "transform",
          `translate(${this.state.x.toFixed(2)} ${this.state.y.toFixed(2)}) scale(${this.state.k.toFixed(4)})`,
        );
      });
      const endDrag = (event) => {
        fingers.delete(event.pointerId);
        if (fingers.size < 2) {
          this.pinch = null;
        }
        if (this.drag && this.drag.id === event.pointerId) {
          this.suppressClick = this.drag.moved;
          this.drag = null;
          svg.classList.remove("kb-dragging");
        }
      };
      svg.addEventListener("pointerup", endDrag);
      svg.addEventListener("pointercancel", endDrag);

      // Capture phase: a click that ends a drag opens nothing, and Material never sees an SVG link.
      svg.addEventListener(
        "click",
        (event) => {
          const node = event.target.closest(".kb-node");
          if (this.suppressClick) {
            this.suppressClick = false;
            event.preventDefault();
            event.stopPropagation();
            return;
          }
          if (!node) {
            return;
          }
          event.stopPropagation();
          if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
            event.preventDefault();
            // On touch there is no hover: a first tap shows the card's summary, a second opens it.
            if (this.touched && this.tapped !== node) {
              this.tapped = node;
              this.highlight(node);
              return;
            }
            this.tapped = null;
            this.open(node);
          }
        },
        true,
      );

      this.layer.addEventListener("pointerover", (event) => {
        const node = event.target.closest(".kb-node");
        if (node && !this.drag) {
          this.highlight(node);
        }
      });
      this.layer.addEventListener("pointerout", (event) => {
        const node = event.target.closest(".kb-node");
        if (node && !(event.relatedTarget && node.contains(event.relatedTarget)) && node !== document.activeElement) {
          this.clear();
        }
      });
      this.layer.addEventListener("focusin", (event) => {
        const node = event.target.closest(".kb-node");
        if (node) {
          this.rove(node);
          this.highlight(node);
        }
      });
      this.layer.addEventListener("focusout", () => this.clear());

      figure.addEventListener("keydown", (event) => this.onKey(event));

      figure.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (button && button.classList.contains("kb-zoom-in")) {
          this.zoomBy(STEP);
        } else if (button && button.classList.contains("kb-zoom-out")) {
          this.zoomBy(1 / STEP);
        } else if (button && button.classList.contains("kb-fit")) {
          this.fit();
        }
      });

      figure.addEventListener("change", (event) => {
        const input = event.target;
        if (input.hasAttribute("data-rel")) {
          this.filterRelation(input.getAttribute("data-rel"), input.checked);
        } else if (input.hasAttribute("data-theme")) {
          this.filterThemes();
        } else if (input.classList.contains("kb-depth-switch")) {
          this.showDepth2(input.checked);
        }
      });

      const input = figure.querySelector(".kb-graph-search");
      if (input) {
        input.addEventListener("input", () => this.search(input.value));
        const list = figure.querySelector(".kb-graph-results");
        // mousedown, not click: the input keeps its focus until the pick.
        list.addEventListener("mousedown", (event) => {
          const item = event.target.closest("li");
          if (item) {
            event.preventDefault();
            this.pick(item);
          }
        });
      }
    }

    onKey(event) {
      const target = event.target;
      if (target.classList && target.classList.contains("kb-graph-search")) {
        const items = this.figure.querySelectorAll(".kb-graph-results li");
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          this.select(event.key === "ArrowDown" ? 1 : -1);
        } else if (event.key === "Enter" && items.length) {
          event.preventDefault();
          this.pick(items[Math.max(0, this.selected)]);
        } else if (event.key === "Escape") {
          this.figure.querySelector(".kb-graph-results").hidden = true;
          this.expand(false);
        }
        return;
      }
      if (target.tagName === "INPUT" || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      const node = target.closest && target.closest(".kb-node");
      const pan = 40 / this.state.k;
      const arrow = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
      if (node && arrow) {
        // On a node the arrows go to the nearest node that way (roving tabindex).
        event.preventDefault();
        const next = this.step(node, arrow[0], arrow[1]);
        if (next) {
          this.rove(next.el);
          next.el.focus({ preventScroll: true });
          const box = next.el.getBoundingClientRect();
          const frame = this.svg.getBoundingClientRect();
          if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) {
            this.centreOn(this.byElement.get(next.el), this.state.k);
          }
        }
        return;
      }
      switch (event.key) {
        case "Enter":
          if (node) {
            event.preventDefault();
            this.open(node);
          }
          return;
        case "+":
        case "=":
          this.zoomBy(STEP);
          break;
        case "-":
        case "_":
          this.zoomBy(1 / STEP);
          break;
        case "0":
          this.fit();
          break;
        case "ArrowLeft":
          this.state.x += pan * this.state.k;
          this.apply(false);
          break;
        case "ArrowRight":
          this.state.x -= pan * this.state.k;
          this.apply(false);
          break;
        case "ArrowUp":
          this.state.y += pan * this.state.k;
          this.apply(false);
          break;
        case "ArrowDown":
          this.state.y -= pan * this.state.k;
          this.apply(false);
          break;
        default:
          return;
      }
      event.preventDefault();
    }
  }

  let pictures = [];

  function setup() {
    pictures = pictures.filter((picture) => picture.figure.isConnected);
    for (const figure of document.querySelectorAll("figure.kb-graph")) {
      if (figure.hasAttribute("data-kb-ready") || !figure.querySelector("svg.kb-graph-svg .kb-view")) {
        continue;
      }
      figure.setAttribute("data-kb-ready", "");
      pictures.push(new Picture(figure));
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
