// Copying a selection that holds formulas puts their TeX on the clipboard ($…$ inline, $$…$$ display).
// The build (hooks/typeset_math.py) writes each formula as MathML that carries its TeX as an annotation.
document.addEventListener("copy", function (event) {
  var selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
  var fragment = selection.getRangeAt(0).cloneContents();
  var start = selection.getRangeAt(0).startContainer;
  var inside = start.nodeType === 1 ? start.closest("math") : start.parentElement && start.parentElement.closest("math");
  if (inside) {  // a selection within one formula: copy that formula whole
    fragment = document.createDocumentFragment();
    fragment.appendChild(inside.cloneNode(true));
  }
  var formulas = fragment.querySelectorAll("math");
  if (formulas.length === 0) return;
  formulas.forEach(function (math) {
    var tex = math.querySelector('annotation[encoding="application/x-tex"]');
    if (!tex) return;
    var display = math.getAttribute("display") === "block";
    math.replaceWith(document.createTextNode(display ? "$$" + tex.textContent + "$$" : "$" + tex.textContent + "$"));
  });
  var holder = document.createElement("div");
  holder.appendChild(fragment);
  event.clipboardData.setData("text/plain", holder.textContent);
  event.preventDefault();
});

// A box that scrolls sideways (code, display math, a table, a notebook output) can be reached with
// the keyboard: it gets tabindex="0" while it scrolls, and loses it when it fits again.
(function () {
  var SELECTOR = "pre > code, .md-typeset div.arithmatex, .md-typeset__scrollwrap, .jp-OutputArea-output pre, " +
    ".jp-Notebook .highlight-ipynb";
  function update(element) {
    if (element.scrollWidth > element.clientWidth + 1) {
      if (element.getAttribute("tabindex") !== "0") element.setAttribute("tabindex", "0");
    } else if (element.getAttribute("tabindex") === "0" && !element.hasAttribute("data-tabindex-own")) {
      element.removeAttribute("tabindex");
    }
  }
  function watch() {
    var elements = document.querySelectorAll(SELECTOR);
    elements.forEach(function (element) {
      if (element.getAttribute("tabindex") === "0") element.setAttribute("data-tabindex-own", "");
      update(element);
    });
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      });
      elements.forEach(function (element) { observer.observe(element); });
    }
  }
  // after Material has wrapped tables in their scrolling box (its document$ emits once it has)
  if (typeof document$ !== "undefined") document$.subscribe(function () { setTimeout(watch, 0); });
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();

// An inline formula wider than its paragraph (a phone, a long formula) cannot wrap: it scrolls in its
// own box instead of making the page scroll sideways, and can be reached with the keyboard.
(function () {
  function fit() {
    document.querySelectorAll(".md-typeset span.arithmatex").forEach(function (span) {
      span.classList.remove("arithmatex--scroll");
      var parent = span.parentElement;
      if (parent && span.getBoundingClientRect().width > parent.clientWidth) {
        span.classList.add("arithmatex--scroll");
        span.setAttribute("tabindex", "0");
      } else if (span.getAttribute("tabindex") === "0") {
        span.removeAttribute("tabindex");
      }
    });
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(fit, 100);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fit);
  else fit();
  window.addEventListener("load", fit);  // again once fonts and images have settled the layout
  if (document.fonts) document.fonts.ready.then(fit);
})();
