/* build_kb: remembers the reader's language.
 *
 * Each language has its own page tree (the first at the site's root, the others under
 * /<lang>/); Material's language selector (extra.alternate) leads to the same page in
 * another tree. This script stores the reader's choice when they pick a language there,
 * so that the home page (see the script the plugin puts in its <head>) sends them to
 * their tree on their next visit. It changes nothing in the page.
 */
(function () {
  "use strict";
  var KEY = "build_kb.lang";

  function save(lang) {
    try {
      window.localStorage.setItem(KEY, lang);
    } catch (error) {
      /* Private mode: the choice is not kept. */
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (target) {
      save(target.getAttribute("hreflang"));
    }
  }, true);
})();
