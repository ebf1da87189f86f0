// Fold the exercise solutions of notebook pages. nbconvert marks a cell tagged "solution" with the
// class celltag_solution (on the cell itself for code cells, on its rendered Markdown for Markdown
// cells); each run of consecutive solution cells goes into one <details> element. The cells are
// executed by the build like any other, so a wrong solution fails the build.
(function () {
  function isSolution(cell) {
    return cell.classList.contains("celltag_solution") || cell.querySelector(".celltag_solution") !== null;
  }
  function fold(root) {
    root.querySelectorAll(".jp-Notebook").forEach(function (notebook) {
      var details = null;
      Array.from(notebook.children).forEach(function (cell) {
        if (!isSolution(cell)) {
          details = null;
          return;
        }
        if (details === null) {
          details = document.createElement("details");
          details.className = "notebook-solution";
          var summary = document.createElement("summary");
          summary.textContent = document.documentElement.lang === "zh" ? "答案" : "Solution";
          details.appendChild(summary);
          notebook.insertBefore(details, cell);
        }
        details.appendChild(cell);
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { fold(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { fold(document.body); });
  }
})();
