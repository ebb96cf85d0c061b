(function () {
  "use strict";
  var body = document.body, bar = document.getElementById("toolbar");
  var langButtons = bar.querySelectorAll("button[data-lang]");
  function setLang(lang) {
    body.classList.remove("show-vi", "show-en");
    body.classList.add("show-" + lang);
    document.documentElement.lang = lang;
    for (var i = 0; i < langButtons.length; i++) {
      langButtons[i].setAttribute("aria-pressed", String(langButtons[i].dataset.lang === lang));
    }
    // A chart's tooltip holds both languages; it shows the one chosen.
    var tips = document.querySelectorAll("title[data-vi]");
    for (var j = 0; j < tips.length; j++) { tips[j].textContent = tips[j].dataset[lang]; }
  }
  function expandAll(open) {
    var all = document.querySelectorAll("details");
    for (var i = 0; i < all.length; i++) { all[i].open = open; }
  }
  // The switch is shown only when this script runs: without it the default language stays.
  bar.hidden = false;
  bar.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    if (b.dataset.lang) { setLang(b.dataset.lang); }
    if (b.dataset.expand) { expandAll(b.dataset.expand === "1"); }
  });
  // A link may ask for a language: report.html#lang=en
  var m = /(?:^#|&)lang=(vi|en)(?:&|$)/.exec(location.hash);
  if (m) { setLang(m[1]); }
  // Opening a linked unit's explanation saves a click after following the ranking table.
  function openTarget() {
    var id = location.hash.slice(1), el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // Browsers without ::details-content print only summaries; open everything for the print.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [];
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) { closed[i].open = true; opened.push(closed[i]); }
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < opened.length; i++) { opened[i].open = false; }
    opened = [];
  });
}());
