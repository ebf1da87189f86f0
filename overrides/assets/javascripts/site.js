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
// formula wider than its paragraph (a phone, a long formula) cannot wrap: it gets a box of its own
// that scrolls (site.css), made when first needed, instead of making the page scroll sideways. All sizes are read
// first and all changes written after, so the page is laid out once, not once per element.
(function () {
  // (notebook code cells are pre > code too: hooks/notebooks.py gives them Material's markup)
  var BOXES = "pre > code, .md-typeset div.arithmatex, .md-typeset__scrollwrap, .jp-OutputArea-output pre, " +
    ".md-typeset p";
  var own = new WeakSet();  // boxes that had tabindex="0" in the markup keep it
  function update() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(BOXES));
    // inline formulas: every <math> of the content outside display math
    var inline = Array.prototype.slice.call(document.querySelectorAll(".md-typeset math:not([display='block'])"))
      .filter(function (math) { return !math.closest("div.arithmatex"); });
    var scrolls = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    function boxOf(math) {
      var parent = math.parentElement;
      return parent !== null && parent.classList.contains("math-scroll") ? parent : null;
    }
    var wide = inline.map(function (math) {
      var box = boxOf(math);
      var paragraph = (box || math).parentElement;
      // a formula that scrolls already is as wide as its paragraph: compare its content instead
      var width = box !== null && box.classList.contains("math-scroll--on") ? box.scrollWidth : math.getBoundingClientRect().width;
      return paragraph !== null && width > paragraph.clientWidth + 1;
    });
    boxes.forEach(function (box, index) {
      if (own.has(box)) return;
      if (scrolls[index]) box.setAttribute("tabindex", "0");
      else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
    });
    inline.forEach(function (math, index) {
      var box = boxOf(math);
      if (wide[index] && box === null) {  // its own box, made the first time it is too wide
        box = document.createElement("span");
        box.className = "math-scroll";
        math.parentNode.insertBefore(box, math);
        box.appendChild(math);
      }
      if (box === null) return;
      box.classList.toggle("math-scroll--on", wide[index]);
      if (wide[index]) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
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
