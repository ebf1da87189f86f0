// Loads the interactive figures of a page, and nothing on pages without one.
//
// A page asks for a widget with a placeholder that wraps the build-drawn figure (the fallback
// without JavaScript and in print), an image with loading=lazy so that it is not fetched where the
// widget shows (widgets.css):
//
//   <div class="momentum-widget" data-widget="ema" markdown>
//
//   ![...](../figures/ema-weights.svg){ loading=lazy }
//   /// caption ...
//
//   </div>
//
// This script (on every page, from extra_javascript) then loads the widgets' stylesheet, the
// engine, the labels, the kit and each widget named on the page, as classic scripts next to itself:
// classic, because browsers do not load ES modules from file://, where the offline site must work.
(function () {
  "use strict";
  var KNOWN = ["playground", "phase-map", "ball", "ema"];
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  var placeholders = document.querySelectorAll(".momentum-widget[data-widget]");
  if (placeholders.length === 0) return;
  var names = [];
  placeholders.forEach(function (element) {
    var name = element.getAttribute("data-widget");
    if (KNOWN.indexOf(name) < 0) throw new Error("unknown widget " + JSON.stringify(name) + "; known: " + KNOWN.join(", "));
    if (names.indexOf(name) < 0) names.push(name);
  });
  var chinese = /^zh\b/.test(document.documentElement.lang || "");
  var files = ["momentum-engine.classic.js"].concat(chinese ? ["widget-labels.js"] : [], ["widget-kit.js"],
    names.map(function (name) { return "widget-" + name + ".js"; }));
  // a widget that cannot load leaves its build-drawn figure in place, and says so in the console
  function failed(what) {
    placeholders.forEach(function (element) { element.classList.add("mw-failed"); });
    throw new Error("widgets.js: " + what + " did not load; the build-drawn figures stay");
  }
  // the widgets' look first (pages without a widget never load it), then the scripts in this order
  var look = document.createElement("link");
  look.rel = "stylesheet";
  look.href = here.replace(/javascripts\/$/, "stylesheets/") + "widget-look.css";
  look.onerror = function () { failed(look.href); };
  look.onload = function () {
    files.forEach(function (file) {
      var script = document.createElement("script");
      script.src = here + file;
      script.async = false;
      script.onerror = function () { failed(script.src); };
      document.body.appendChild(script);
    });
  };
  document.head.appendChild(look);
})();
