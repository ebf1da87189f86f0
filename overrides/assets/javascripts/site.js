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
