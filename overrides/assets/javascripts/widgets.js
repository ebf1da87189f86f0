// Loads the interactive figures of a page, and nothing on pages without one (every page loads this
// file). A placeholder <div class="momentum-widget" data-widget="NAME"> wraps the build-drawn
// figure, an image with loading=lazy (see widgets.css); this script loads widget-look.css, the
// engine, the Chinese labels (zh pages), the kit and widget-NAME.js as classic scripts, which
// unlike ES modules also load from file://. With data-load="click" the figure (then not lazy)
// shows with a button and the widget loads when the reader presses it.
(function () {
  "use strict";
  var KNOWN = ["playground", "phase-map", "ball", "ema"];
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  var chinese = /^zh\b/.test(document.documentElement.lang || "");
  var placeholders = Array.prototype.slice.call(document.querySelectorAll(".momentum-widget[data-widget]"));
  var requested = [];

  placeholders.forEach(function (element) {
    var name = element.getAttribute("data-widget");
    if (KNOWN.indexOf(name) < 0) throw new Error("unknown widget " + JSON.stringify(name) + "; known: " + KNOWN.join(", "));
    if (element.getAttribute("data-load") !== "click") return load(element);
    var open = document.createElement("button");
    open.type = "button";
    open.className = "mw-open";
    open.textContent = chinese ? "打开交互式图形" : "Open the interactive figure";
    open.addEventListener("click", function () {
      open.remove();
      element.classList.add("mw-requested");
      load(element);
    });
    element.appendChild(open);
  });

  // a widget that cannot load leaves its build-drawn figure in place, and says so in the console
  function failed(what) {
    placeholders.forEach(function (element) { element.classList.add("mw-failed"); });
    throw new Error("widgets.js: " + what + " did not load; the build-drawn figures stay");
  }

  function add(file, parent, make) {
    if (requested.indexOf(file) >= 0) return null;
    requested.push(file);
    var element = make();
    element.onerror = function () { failed(file); };
    parent.appendChild(element);
    return element;
  }

  // the widgets' look first, then the scripts, in this order
  function load(placeholder) {
    var files = ["momentum-engine.classic.js"].concat(chinese ? ["widget-labels.js"] : [], ["widget-kit.js",
      "widget-" + placeholder.getAttribute("data-widget") + ".js"]);
    function scripts() {
      files.forEach(function (file) {
        add(file, document.body, function () {
          var script = document.createElement("script");
          script.src = here + file;
          script.async = false;
          return script;
        });
      });
    }
    var look = add("widget-look.css", document.head, function () {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = here.replace(/javascripts\/$/, "stylesheets/") + "widget-look.css";
      return link;
    });
    if (look) look.onload = scripts;
    else scripts(); // the look is loaded or loading; scripts after it keep their order
  }
})();
