// The (learning rate, momentum) map (the page of that name): the rate rho(eta lambda, gamma) of
// heavy-ball momentum as a colour map with the stability boundary and the ends of the ripple band.
// Pointing at or tapping a point (or the two sliders) shows that point's run on f = x^2/2, its rate
// and its regime; a switch overlays the region where Nesterov momentum converges.
(function () {
  "use strict";
  var kit = MomentumWidgets.kit, t = kit.t, E = MomentumEngine;
  var A_MAX = 4.5, G_MAX = 0.99, STEPS = 40;
  // viridis at 0, 1/8, ..., 1 (matplotlib's colour map of the build-drawn figure)
  var VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129],
    [92, 200, 99], [170, 220, 50], [253, 231, 37]];

  function viridis(value) {
    var position = Math.min(Math.max(value, 0), 1) * 8, low = Math.min(Math.floor(position), 7), f = position - low;
    var a = VIRIDIS[low], b = VIRIDIS[low + 1];
    return "rgb(" + [0, 1, 2].map(function (i) { return Math.round(a[i] + (b[i] - a[i]) * f); }).join(",") + ")";
  }

  function snap(value, low, high) {
    return Math.min(high, Math.max(low, Math.round(value * 100) / 100));
  }

  MomentumWidgets.register("phase-map", function (placeholder) {
    var body = kit.root(placeholder, t("The rate ρ of momentum over ηλ (learning rate times curvature) and γ: darker is faster, grey " +
      "diverges. Point at the map, tap it or move the sliders: beside it runs momentum on f = x²/2 from x = 1 " +
      "at that point, with the envelope ±ρ^t dotted."));
    var state = { a: 1.0, gamma: 0.5, nesterov: false };
    var controls = kit.html("div", { class: "mw-controls mw-two" }, body);
    var sliders = {
      a: kit.slider(controls, {
        label: "ηλ", min: 0.01, max: A_MAX, step: 0.01, value: state.a, key: "a",
        format: function (value) { return kit.fixed(value, 2); },
        onInput: function (value) { state.a = value; update(); },
      }),
      gamma: kit.slider(controls, {
        label: t("momentum γ"), min: 0, max: G_MAX, step: 0.01, value: state.gamma, key: "gamma",
        format: function (value) { return kit.fixed(value, 2); },
        onInput: function (value) { state.gamma = value; update(); },
      }),
    };
    kit.checkbox(controls, { label: t("show where Nesterov momentum converges"), checked: false,
      onChange: function (checked) { state.nesterov = checked; update(); } });
    var panels = kit.html("div", { class: "mw-panels" }, body);
    var map = kit.plot(panels, t("the rate over the plane of ηλ and γ"), drawMap, "mw-map");
    var canvas = kit.html("canvas", { "aria-hidden": "true" });
    map.box.insertBefore(canvas, map.svg);
    var run = kit.plot(panels, t("the run at the chosen point"), drawRun, "mw-run");
    var readout = kit.html("div", { class: "mw-readout", "aria-live": "polite" }, body);
    var scales = null;

    function mapScales(width, height) {
      return { x: kit.linear([0, A_MAX], [36, width - 6]), y: kit.linear([0, G_MAX], [height - 32, 16]) };
    }

    var painted = "";
    function paint(width, height) {
      var ratio = window.devicePixelRatio || 1, cell = 3;
      var divergent = getComputedStyle(map.box).getPropertyValue("--mw-fg-lightest").trim() || "#eee";
      var key = [width, height, ratio, divergent].join(" ");
      if (key === painted) return; // the colours depend on the size and the colour scheme only
      painted = key;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = width + "px";
      canvas.style.height = height + "px";
      var context = canvas.getContext("2d");
      context.scale(ratio, ratio);
      var x = scales.x, y = scales.y;
      for (var px = x.range[0]; px < x.range[1]; px += cell) {
        var a = Math.max(x.invert(px + cell / 2), 1e-3);
        for (var py = y.range[1]; py < y.range[0]; py += cell) {
          var rho = E.spectralRadius(a, Math.min(Math.max(y.invert(py + cell / 2), 0), G_MAX), 1);
          context.fillStyle = rho < 1 ? viridis(rho) : divergent;
          context.fillRect(px, py, cell, cell);
        }
      }
    }

    function drawMap(svg, width, height) {
      scales = mapScales(width, height);
      paint(width, height);
      var x = scales.x, y = scales.y, clip = kit.clipTo(svg, x, y);
      var group = kit.svg("g", { "clip-path": clip }, svg);
      var edge = kit.boundaries(group, x, y, state.nesterov);
      if (edge) {
        kit.svg("path", { class: "mw-nesterov mw-region", "data-key": "nesterov-region",
          d: edge + "L" + x(0) + " " + y(G_MAX) + "L" + x(0) + " " + y(0) + "Z" }, group);
      }
      kit.axes(svg, x, y, { xTitle: "ηλ", yTitle: "γ", yTicks: [0, 0.25, 0.5, 0.75] });
      kit.svg("circle", { class: "mw-handle", "data-key": "point", cx: x(state.a), cy: y(state.gamma), r: 6 }, svg);
      function choose(event) {
        var at = kit.pointer(svg, event);
        state.a = snap(x.invert(at[0]), 0.01, A_MAX);
        state.gamma = snap(y.invert(at[1]), 0, G_MAX);
        sliders.a.set(state.a);
        sliders.gamma.set(state.gamma);
        update();
      }
      svg.onpointermove = function (event) { if (event.pointerType === "mouse" || event.buttons) choose(event); };
      svg.onpointerdown = function (event) { choose(event); };
    }

    function drawRun(svg, width, height) {
      var x = kit.linear([0, STEPS], [36, width - 6]), y = kit.linear([-1.15, 1.15], [height - 32, 16]);
      var clip = kit.clipTo(svg, x, y);
      kit.svg("line", { class: "mw-grid", x1: x(0), x2: x(STEPS), y1: y(0), y2: y(0) }, svg);
      kit.axes(svg, x, y, { xTitle: t("step t"), yTitle: "xₜ", yTicks: [-1, 0, 1] });
      var methods = [["momentum", false]].concat(state.nesterov ? [["nesterov", true]] : []);
      methods.forEach(function (method) {
        var rho = E.spectralRadius(state.a, state.gamma, 1, method[1]);
        var envelope = [], mirrored = [];
        for (var s = 0; s <= STEPS; s++) {
          envelope.push([x(s), y(Math.min(Math.pow(rho, s), 2))]);
          mirrored.push([x(s), y(-Math.min(Math.pow(rho, s), 2))]);
        }
        var group = kit.svg("g", { class: "mw-" + method[0], "clip-path": clip }, svg);
        kit.svg("path", { class: "mw-line mw-envelope", d: kit.path(envelope) + kit.path(mirrored) }, group);
        var points = E.run({ lr: state.a, momentum: state.gamma, nesterov: method[1], curvatures: [1], start: [1], steps: STEPS })
          .map(function (point, s) { return [x(s), y(Math.max(-3, Math.min(3, point[0])))]; });
        kit.svg("path", { class: "mw-line", "data-key": "run-" + method[0], d: kit.path(points) }, group);
        points.forEach(function (point) { kit.svg("circle", { cx: point[0], cy: point[1], r: 1.8 }, group); });
      });
    }

    function update() {
      kit.clear(readout);
      var heading = kit.html("p", {}, readout);
      heading.append("ηλ = ", kit.number("a", kit.fixed(state.a, 2)), ", γ = ", kit.number("gamma", kit.fixed(state.gamma, 2)));
      [["momentum", false, t("momentum")], ["nesterov", true, t("Nesterov momentum")]].forEach(function (method) {
        if (method[1] && !state.nesterov) return;
        var line = kit.html("p", {}, readout);
        kit.html("span", { class: "mw-legend mw-" + method[0] }, line);
        var rho = E.spectralRadius(state.a, state.gamma, 1, method[1]);
        var name = E.regime(state.a, state.gamma, 1, method[1]);
        line.append(method[2] + ": ", kit.number(method[0] + "-regime", t(name)), ", ρ = ", kit.number(method[0] + "-rho", kit.fixed(rho, 4)));
      });
      map.redraw();
      run.redraw();
    }

    kit.onSchemeChange(function () { map.redraw(); });
    update();
  });
})();
