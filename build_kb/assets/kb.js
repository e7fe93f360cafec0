/* build_kb: Material's language selector leads to the same page in the other language, and
 * links to cards show a preview.
 *
 * Each language has its own page tree (the first at the site's root, the others under
 * /<lang>/), the same pages in each. Material's selector (extra.alternate) links each
 * tree's home page; a click on it goes to the page the reader is on, in that tree (the
 * current page's path within its tree, read from Material's base URL), and stores the
 * choice, so that the home page (the script the plugin puts in its <head>) sends the
 * reader to their tree on their next visit.
 *
 * Link previews: hovering or focusing a link to a card (a long press on a touch screen)
 * shows the card's kind, summary and strongest evidence level in a popover, in the page
 * tree's language, as Quartz's popovers do. It is a role="tooltip" the link names with
 * aria-describedby while it shows; it takes no focus, Esc closes it, and the pointer can
 * move onto it. Its data are this site's JSON files (build_kb/render/previews.py), fetched
 * once, on the first preview; nothing is written into the pages. The listeners sit on the
 * document, so they outlive Material's instant navigation, which closes the popover.
 */
(function () {
  "use strict";
  var KEY = "build_kb.lang";
  var TREES = /*KB_TREES*/{"fr": "", "en": "en/"};

  function save(lang) {
    try {
      window.localStorage.setItem(KEY, lang);
    } catch (error) {
      /* Private mode: the choice is not kept. */
    }
  }

  /* This tree's root, as Material reads it: once, from the page first loaded (instant
     navigation stays within a tree, and its base is relative to that first page). */
  var TREE = (function () {
    var config = document.getElementById("__config");
    if (!config) {
      return null;
    }
    var tree = new URL(JSON.parse(config.textContent).base, window.location.href).href;
    return tree.charAt(tree.length - 1) === "/" ? tree : tree + "/";
  })();

  /* The same page in another tree, or null when the page is not in a known tree. */
  function samePage(lang) {
    var here = (document.documentElement.getAttribute("lang") || "").split("-")[0];
    var tree = TREE;
    if (!tree || !(here in TREES) || !(lang in TREES)) {
      return null;
    }
    if (window.location.href.indexOf(tree) !== 0 || tree.slice(tree.length - TREES[here].length) !== TREES[here]) {
      return null;
    }
    var root = tree.slice(0, tree.length - TREES[here].length);
    return root + TREES[lang] + window.location.href.slice(tree.length);
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (!link || event.metaKey || event.ctrlKey) {
      return;
    }
    var lang = link.getAttribute("hreflang");
    save(lang);
    var target = samePage(lang);
    if (target) {
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.assign(target);
    }
  }, true);

  var PREVIEW_FILES = /*KB_PREVIEW_FILES*/1;
  var SHOW_DELAY = 300;
  var HIDE_DELAY = 300;
  var LONG_PRESS = 500;
  var CARD_URL = /^(?:concepts|themes)\/[^/]+(?:\/|\.html)$/;
  var script = document.currentScript;
  var DATA = script && script.src ? script.src.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + "previews/" : null;
  var files = {};
  var tip = null;
  var current = null;
  var pending = null;
  var showTimer = 0;
  var hideTimer = 0;
  var pressTimer = 0;
  var pressed = null;
  var pressAt = null;
  var lastTouch = -Infinity;
  var lastPress = -Infinity;

  function treeLanguage() {
    var lang = (document.documentElement.getAttribute("lang") || "").split("-")[0];
    return lang in TREES ? lang : null;
  }

  /* The card page a link leads to, from its tree's root ("concepts/x/"), or null. */
  function cardKey(link) {
    if (!TREE || link.hasAttribute("download")) {
      return null;
    }
    var url;
    try {
      url = new URL(link.href, window.location.href);
    } catch (error) {
      return null;
    }
    var path = url.origin + url.pathname;
    if (path.indexOf(TREE) !== 0 || path === window.location.origin + window.location.pathname) {
      return null;
    }
    var key = path.slice(TREE.length);
    return CARD_URL.test(key) ? key : null;
  }

  /* A link to a card in the page's content (not in a graph picture, which shows its own). */
  function cardLink(target) {
    var link = target instanceof Element ? target.closest("a[href]") : null;
    if (!link || !link.closest(".md-content") || link.closest("svg, .kb-graph")) {
      return null;
    }
    return cardKey(link) ? link : null;
  }

  /* The same hash as build_kb.render.previews.file_number: which file holds the card. */
  function fileNumber(key) {
    var hash = 0;
    for (var i = 0; i < key.length; i++) {
      hash = (Math.imul(hash, 31) + key.charCodeAt(i)) >>> 0;
    }
    return hash % PREVIEW_FILES;
  }

  function previews(lang, key) {
    var name = lang + "/" + fileNumber(key) + ".json";
    if (!(name in files)) {
      files[name] = window.fetch(DATA + name)
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .catch(function () {
          return null; /* No preview; the link works as ever. */
        });
    }
    return files[name];
  }

  function popover() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.id = "kb-preview";
      tip.className = "kb-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () {
        window.clearTimeout(hideTimer);
      });
      tip.addEventListener("mouseleave", laterHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  /* The card's label and kind, its summary, its strongest evidence as the pages' badge. */
  function fill(box, entry, data) {
    box.textContent = "";
    var head = element("p", "kb-preview-head");
    head.appendChild(element("strong", "", entry.label));
    head.appendChild(document.createTextNode(" · "));
    head.appendChild(element("span", "kb-preview-kind", entry.kind));
    box.appendChild(head);
    if (entry.summary) {
      box.appendChild(element("p", "kb-preview-summary", entry.summary));
    }
    var level = entry.level && data.levels ? data.levels[entry.level] : null;
    if (level) {
      var line = element("p", "kb-preview-evidence", data.words.evidence);
      var badge = element("span", "kb-evidence kb-evidence--" + entry.level);
      if (level.title) {
        badge.title = level.title;
      }
      if (level.marks) {
        var marks = element("span", "kb-marks", level.marks);
        marks.setAttribute("aria-hidden", "true");
        badge.appendChild(marks);
        badge.appendChild(document.createTextNode(" "));
      }
      badge.appendChild(document.createTextNode(level.name));
      line.appendChild(badge);
      box.appendChild(line);
    }
  }

  /* Below the link (above it when there is no room below), within the window's width. */
  function place(box, link) {
    var rect = link.getClientRects()[0] || link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    box.style.left = "0px";
    box.style.top = "0px";
    box.hidden = false;
    var left = Math.max(8, Math.min(rect.left, width - box.offsetWidth - 8));
    var top = rect.bottom + 6;
    if (top + box.offsetHeight > window.innerHeight && rect.top - box.offsetHeight - 6 > 0) {
      top = rect.top - box.offsetHeight - 6;
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var lang = treeLanguage();
    var key = cardKey(link);
    if (!lang || !key || !DATA || !window.fetch) {
      return;
    }
    window.clearTimeout(hideTimer);
    pending = link;
    previews(lang, key).then(function (data) {
      var entry = data && data.cards ? data.cards[key] : null;
      if (pending !== link || !entry || !document.contains(link)) {
        return;
      }
      if (current && current !== link) {
        release();
      }
      var box = popover();
      fill(box, entry, data);
      box.setAttribute("lang", lang);
      place(box, link);
      current = link;
      link.setAttribute("aria-describedby", box.id);
    });
  }

  function release() {
    if (current && current.getAttribute("aria-describedby") === "kb-preview") {
      current.removeAttribute("aria-describedby");
    }
    current = null;
  }

  /* Close the popover; with everything, also a preview about to show (Esc, a new page). */
  function hide(everything) {
    window.clearTimeout(hideTimer);
    if (everything === true) {
      window.clearTimeout(showTimer);
      window.clearTimeout(pressTimer);
      pending = null;
    } else if (pending === current) {
      pending = null;
    }
    release();
    if (tip) {
      tip.hidden = true;
    }
  }

  function laterHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  document.addEventListener("mouseover", function (event) {
    if (Date.now() - lastTouch < 1000) {
      return; /* The mouse events a browser makes up after a tap. */
    }
    var link = cardLink(event.target);
    if (!link) {
      return;
    }
    if (link === current) {
      window.clearTimeout(hideTimer);
      return;
    }
    window.clearTimeout(showTimer);
    showTimer = window.setTimeout(function () {
      show(link);
    }, SHOW_DELAY);
  });

  document.addEventListener("mouseout", function (event) {
    var link = cardLink(event.target);
    if (!link || (event.relatedTarget instanceof Node && link.contains(event.relatedTarget))) {
      return;
    }
    window.clearTimeout(showTimer);
    if (pending === link && current !== link) {
      pending = null;
    }
    if (link === current) {
      laterHide();
    }
  });

  document.addEventListener("focusin", function (event) {
    var link = cardLink(event.target);
    if (link && Date.now() - lastPress < 500) {
      return; /* Focused by a click or a tap, which opens the card: the keyboard's focus previews. */
    }
    if (link) {
      window.clearTimeout(showTimer);
      show(link);
    } else if (current || pending) {
      hide(true);
    }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target === current || event.target === pending) {
      hide(true);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (current || pending)) {
      hide(true);
    }
  });

  /* Touch: a long press on a card link shows its preview (and does not open the card). */
  document.addEventListener("pointerdown", function (event) {
    lastPress = Date.now();
    pressed = null;
    window.clearTimeout(pressTimer);
    if (current && !(event.target instanceof Node && tip && tip.contains(event.target))) {
      hide(true);
    }
    if (event.pointerType !== "touch") {
      return;
    }
    lastTouch = Date.now();
    var link = cardLink(event.target);
    if (!link) {
      return;
    }
    pressAt = [event.clientX, event.clientY];
    pressTimer = window.setTimeout(function () {
      pressed = link;
      show(link);
    }, LONG_PRESS);
  });

  document.addEventListener("pointermove", function (event) {
    if (pressAt && Math.abs(event.clientX - pressAt[0]) + Math.abs(event.clientY - pressAt[1]) > 10) {
      window.clearTimeout(pressTimer);
      pressAt = null;
    }
  });

  function endPress(event) {
    window.clearTimeout(pressTimer);
    pressAt = null;
    if (event.pointerType === "touch") {
      lastTouch = Date.now();
    }
  }
  document.addEventListener("pointerup", endPress);
  document.addEventListener("pointercancel", endPress);

  /* The link a long press previewed neither opens nor shows the browser's link menu. */
  function heldLink(event) {
    return pressed && event.target instanceof Node && pressed.contains(event.target);
  }
  document.addEventListener("contextmenu", function (event) {
    if (heldLink(event) || (pressAt && cardLink(event.target))) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (heldLink(event)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      pressed = null;
    }
  }, true);

  /* Material's instant navigation: a new page closes the popover. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      hide(true);
    });
  }
})();
