// Copying a selection that holds formulas puts their TeX on the clipboard ($…$ inline, $$…$$ display).
// The build (hooks/typeset_math.py) writes each formula as MathML that carries its TeX in alttext.
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
    var tex = math.getAttribute("alttext");
    if (tex === null) return;
    var display = math.getAttribute("display") === "block";
    math.replaceWith(document.createTextNode(display ? "$$" + tex + "$$" : "$" + tex + "$"));
  });
  var holder = document.createElement("div");
  holder.appendChild(fragment);
  event.clipboardData.setData("text/plain", holder.textContent);
  event.preventDefault();
});

// A box that scrolls sideways (code, display math, a table, a notebook output) can be reached with
// the keyboard: it gets tabindex="0" while it scrolls, and loses it when it fits again. An inline
// formula wider than its paragraph (a phone, a long formula) cannot wrap: it gets a class that makes
// it scroll in its own box (site.css) instead of making the page scroll sideways. All sizes are read
// first and all changes written after, so the page is laid out once, not once per element.
(function () {
  var BOXES = "pre > code, .md-typeset div.arithmatex, .md-typeset__scrollwrap, .jp-OutputArea-output pre, " +
    ".jp-Notebook .highlight-ipynb, .md-typeset p";
  var own = new WeakSet();  // boxes that had tabindex="0" in the markup keep it
  function update() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(BOXES));
    var inline = Array.prototype.slice.call(document.querySelectorAll(".md-typeset span.arithmatex"));
    var scrolls = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    var wide = inline.map(function (span) {
      var parent = span.parentElement;
      // a formula that scrolls already is as wide as its paragraph: compare its content instead
      var width = span.classList.contains("arithmatex--scroll") ? span.scrollWidth : span.getBoundingClientRect().width;
      return parent !== null && width > parent.clientWidth + 1;
    });
    boxes.forEach(function (box, index) {
      if (own.has(box)) return;
      if (scrolls[index]) box.setAttribute("tabindex", "0");
      else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
    });
    inline.forEach(function (span, index) {
      span.classList.toggle("arithmatex--scroll", wide[index]);
      if (wide[index]) span.setAttribute("tabindex", "0");
      else span.removeAttribute("tabindex");
    });
  }
  function start() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (box.getAttribute("tabindex") === "0") own.add(box);
    });
    update();
    if (document.fonts) document.fonts.ready.then(update);  // once fonts have settled the layout
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(update, 150);
  });
  // after Material has wrapped tables in their scrolling box (its document$ emits once it has)
  if (typeof document$ !== "undefined") document$.subscribe(function () { setTimeout(start, 0); });
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
