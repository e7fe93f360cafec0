/* build_kb: Material's language selector leads to the same page in the other language.
 *
 * Each language has its own page tree (the first at the site's root, the others under
 * /<lang>/), the same pages in each. Material's selector (extra.alternate) links each
 * tree's home page; a click on it goes to the page the reader is on, in that tree (the
 * current page's path within its tree, read from Material's base URL), and stores the
 * choice, so that the home page (the script the plugin puts in its <head>) sends the
 * reader to their tree on their next visit.
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
})();
