// Typeset math with the KaTeX that ships with the site (no CDN).
// Markdown pages: pymdownx.arithmatex wraps math in .arithmatex as \( \) or \[ \].
// Notebook pages: nbconvert leaves $...$ and $$...$$ in the Markdown cells.
(function () {
  function typeset(root) {
    root.querySelectorAll(".arithmatex").forEach(function (element) {
      var tex = element.textContent.trim();
      var display = tex.startsWith("\\[");
      katex.render(tex.slice(2, -2), element, { displayMode: display, throwOnError: true });
    });
    root.querySelectorAll(".jp-MarkdownOutput").forEach(function (cell) {
      renderMathInElement(cell, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
        ],
        throwOnError: true,
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { typeset(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { typeset(document.body); });
  }
})();
