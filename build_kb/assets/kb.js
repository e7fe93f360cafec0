/* build_kb: the reader's language for bilingual pages.
 *
 * Every generated page holds each site language in a <div class="kb-lang" lang="..">.
 * This script adds a language switch to the header, remembers the choice in
 * localStorage and sets it on <html data-kb-lang="..">, where kb.css hides the other
 * languages. Material's instant navigation swaps pages without reloading this script,
 * so it re-applies itself on each page through Material's document$ observable.
 * Without JavaScript nothing is hidden: every language shows, each under its name.
 */
(function () {
  "use strict";
  var KEY = "build_kb.lang";
  var LANGUAGES = /*KB_LANGUAGES*/["fr", "en"];
  var NAMES = /*KB_NAMES*/{"fr": "Français", "en": "English"};

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null;
    }
  }

  function save(lang) {
    try {
      window.localStorage.setItem(KEY, lang);
    } catch (error) {
      /* Private mode: the choice lasts for this page only. */
    }
  }

  function chosen() {
    var lang = stored();
    if (LANGUAGES.indexOf(lang) !== -1) {
      return lang;
    }
    var page = (document.documentElement.getAttribute("lang") || "").split("-")[0];
    return LANGUAGES.indexOf(page) !== -1 ? page : LANGUAGES[0];
  }

  function apply(lang) {
    document.documentElement.setAttribute("data-kb-lang", lang);
    var buttons = document.querySelectorAll(".kb-lang-switch button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-lang") === lang));
    }
  }

  function ensureSwitch() {
    if (LANGUAGES.length < 2 || document.querySelector(".kb-lang-switch")) {
      return;
    }
    var box = document.createElement("div");
    box.className = "kb-lang-switch";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Langue / Language");
    LANGUAGES.forEach(function (lang) {
      var button = document.createElement("button");
      button.type = "button";
      button.lang = lang;
      button.title = NAMES[lang] || lang;
      button.setAttribute("data-lang", lang);
      button.textContent = lang.toUpperCase();
      button.addEventListener("click", function () {
        save(lang);
        apply(lang);
      });
      box.appendChild(button);
    });
    var header = document.querySelector(".md-header__inner");
    var search = header && header.querySelector(".md-search");
    if (search) {
      header.insertBefore(box, search);
    } else if (header) {
      header.appendChild(box);
    } else {
      document.body.insertBefore(box, document.body.firstChild);
    }
  }

  function refresh() {
    ensureSwitch();
    apply(chosen());
  }

  apply(chosen());
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(refresh);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})();
