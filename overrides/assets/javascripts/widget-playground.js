// The momentum playground (its own page): momentum and gradient descent on
// f(x) = (lambda1 x1^2 + lambda2 x2^2) / 2 with sliders for eta, gamma, both curvatures and the
// steps, a Nesterov switch, presets for the settings the pages discuss, the start point set by
// clicking or dragging on the contour plot (or by arrow keys on its handle), the loss over the
// steps on a log scale, the two eigen-directions on the (eta lambda, gamma) map, and the final
// points and rates as the package prints them, with the Python line that reproduces them.
(function () {
  "use strict";
  var kit = MomentumWidgets.kit, t = kit.t, E = MomentumEngine;
  var X1 = 6, X2 = 3, A_MAX = 4.5, G_MAX = 0.99;
  var PAGE = { curvatures: [0.2, 4.0], start: [-5, -2], steps: 20 }; // the running example of the pages

  function loss(curvatures, x) {
    return 0.5 * (curvatures[0] * x[0] * x[0] + curvatures[1] * x[1] * x[1]);
  }

  function tenth(value, limit) {
    return Math.min(limit, Math.max(-limit, Math.round(value * 10) / 10));
  }

  MomentumWidgets.register("playground", function (placeholder) {
    var body = kit.root(placeholder, t("Drag the start point or click the contour plot; each dot is one step. " +
      "Momentum is blue (green with Nesterov), gradient descent with the same η orange."));
    var state = { lr: 0.4, momentum: 0.5, curvatures: [0.2, 4.0], start: [-5, -2], steps: 20, nesterov: false };
    var runs = {};
    var controls = kit.html("div", { class: "mw-controls mw-two" }, body);
    var two = function (value) { return kit.fixed(value, 2); };
    var sliders = {
      lr: kit.slider(controls, { label: t("learning rate η"), min: 0.01, max: 1.5, step: 0.01, value: state.lr, key: "lr",
        format: two, onInput: function (value) { state.lr = value; update(); } }),
      momentum: kit.slider(controls, { label: t("momentum γ"), min: 0, max: G_MAX, step: 0.01, value: state.momentum,
        key: "momentum", format: two, onInput: function (value) { state.momentum = value; update(); } }),
      c0: kit.slider(controls, { label: t("curvature λ₁"), min: 0.05, max: 5, step: 0.05, value: state.curvatures[0],
        key: "c0", format: two, onInput: function (value) { state.curvatures[0] = value; update(); } }),
      c1: kit.slider(controls, { label: t("curvature λ₂"), min: 0.05, max: 5, step: 0.05, value: state.curvatures[1],
        key: "c1", format: two, onInput: function (value) { state.curvatures[1] = value; update(); } }),
      steps: kit.slider(controls, { label: t("steps"), min: 1, max: 200, step: 1, value: state.steps, key: "steps",
        format: String, onInput: function (value) { state.steps = value; update(); } }),
    };
    var nesterov = kit.checkbox(controls, { label: t("Nesterov momentum"), checked: false,
      onChange: function (checked) { state.nesterov = checked; update(); } });
    var presets = kit.html("div", { class: "mw-buttons", role: "group", "aria-label": t("settings from the pages") }, body);
    [[0.4, 0.5], [0.6, 0.5], [0.6, 0.25]].forEach(function (pair) {
      kit.button(presets, "η " + pair[0] + ", γ " + pair[1], function () { load(pair[0], pair[1]); });
    });
    kit.button(presets, t("Polyak's optimum"), function () {
      var best = E.optimalParameters(Math.min.apply(null, PAGE.curvatures), Math.max.apply(null, PAGE.curvatures));
      load(best[0], best[1]);
    });

    var panels = kit.html("div", { class: "mw-panels mw-three" }, body);
    var contour = kit.plot(panels, t("contours of f with both runs"), drawContour, "mw-contours");
    var map = kit.plot(panels, t("the two directions on the (ηλ, γ) map"), drawMap, "mw-small-map");
    var losses = kit.plot(panels, t("the loss f over the steps, log scale"), drawLoss, "mw-losses");
    var readout = kit.html("div", { class: "mw-readout", "aria-live": "polite" }, body);
    var code = kit.html("pre", { class: "mw-code", tabindex: "0", "aria-label": t("the same runs in Python") }, body);

    function load(lr, momentum) {
      state.lr = lr;
      state.momentum = momentum;
      state.curvatures = PAGE.curvatures.slice();
      state.start = PAGE.start.slice();
      state.steps = PAGE.steps;
      state.nesterov = false;
      nesterov.checked = false;
      sliders.lr.set(lr);
      sliders.momentum.set(momentum);
      sliders.c0.set(state.curvatures[0]);
      sliders.c1.set(state.curvatures[1]);
      sliders.steps.set(state.steps);
      update();
    }

    function compute() {
      var common = { lr: state.lr, curvatures: state.curvatures, start: state.start, steps: state.steps };
      runs.gd = E.run(common);
      runs.momentum = E.run(Object.assign({ momentum: state.momentum, nesterov: state.nesterov }, common));
    }

    var methodClass = function () { return state.nesterov ? "mw-nesterov" : "mw-momentum"; };

    function drawRun(group, points, className, x, y) {
      var shown = points.filter(function (point) { return Number.isFinite(point[0]) && Number.isFinite(point[1]); })
        .map(function (point) { return [x(clamp(point[0], 50)), y(clamp(point[1], 50))]; });
      var g = kit.svg("g", { class: className }, group);
      kit.svg("path", { class: "mw-line", d: kit.path(shown), "data-key": "path-" + className }, g);
      shown.forEach(function (point) { kit.svg("circle", { cx: point[0], cy: point[1], r: 2.2 }, g); });
    }

    function clamp(value, limit) { return Math.max(-limit, Math.min(limit, value)); }

    function drawContour(svg, width, height) {
      var x = kit.linear([-X1, X1], [32, width - 6]), y = kit.linear([-X2, X2], [height - 30, 16]);
      var clip = kit.clipTo(svg, x, y);
      var group = kit.svg("g", { "clip-path": clip }, svg);
      var top = loss(state.curvatures, [X1, X2]);
      for (var k = 1; k <= 9; k++) {
        var level = top * (k / 9) * (k / 9);
        kit.svg("ellipse", { class: "mw-contour", cx: x(0), cy: y(0),
          rx: x(Math.sqrt(2 * level / state.curvatures[0])) - x(0), ry: y(0) - y(Math.sqrt(2 * level / state.curvatures[1])) }, group);
      }
      drawRun(group, runs.gd, "mw-gd", x, y);
      drawRun(group, runs.momentum, methodClass(), x, y);
      kit.axes(svg, x, y, { xTitle: "x₁", yTitle: "x₂", xTicks: [-6, -4, -2, 0, 2, 4, 6], yTicks: [-3, -2, -1, 0, 1, 2, 3] });
      var handle = kit.svg("g", { tabindex: "0", role: "group", class: "mw-start", "data-key": "start-handle",
        "aria-roledescription": t("draggable point"),
        "aria-label": t("start point x₁ = {0}, x₂ = {1}; arrow keys move it", kit.fixed(state.start[0], 1), kit.fixed(state.start[1], 1)),
      }, svg);
      kit.svg("circle", { class: "mw-handle", cx: x(state.start[0]), cy: y(state.start[1]), r: 7 }, handle);
      function place(event) {
        var at = kit.pointer(svg, event);
        state.start = [tenth(x.invert(at[0]), X1), tenth(y.invert(at[1]), X2)];
        update();
      }
      svg.onpointerdown = function (event) {
        svg.setPointerCapture(event.pointerId);
        place(event);
      };
      svg.onpointermove = function (event) { if (event.buttons) place(event); };
      handle.onkeydown = function (event) {
        var moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, 0.1], ArrowDown: [0, -0.1] };
        var move = moves[event.key];
        if (!move) return;
        event.preventDefault();
        state.start = [tenth(state.start[0] + move[0], X1), tenth(state.start[1] + move[1], X2)];
        update();
        var again = contour.svg.querySelector("[data-key=start-handle]");
        if (again) again.focus();
      };
    }

    function drawLoss(svg, width, height) {
      var series = [["mw-gd", runs.gd], [methodClass(), runs.momentum]].map(function (pair) {
        return [pair[0], pair[1].map(function (point) { return loss(state.curvatures, point); })];
      });
      var positive = [];
      series.forEach(function (s) { s[1].forEach(function (v) { if (v > 0 && Number.isFinite(v)) positive.push(v); }); });
      var high = Math.min(1e12, Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, positive.concat([1]))))));
      var low = Math.max(1e-12, Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, positive.concat([high / 10]))))));
      if (high / low < 100) low = high / 100;
      var x = kit.linear([0, state.steps], [40, width - 6]), y = kit.log10([low, high], [height - 30, 16]);
      var clip = kit.clipTo(svg, x, y);
      kit.axes(svg, x, y, { xTitle: t("step t"), yTitle: "f(xₜ)", xCount: 5 });
      series.forEach(function (s) {
        var points = [];
        s[1].forEach(function (v, step) {
          if (Number.isFinite(v)) points.push([x(step), y(Math.min(Math.max(v, low / 10), high * 10))]);
        });
        kit.svg("path", { class: "mw-line " + s[0], d: kit.path(points), "clip-path": clip }, svg);
      });
    }

    function drawMap(svg, width, height) {
      var x = kit.linear([0, A_MAX], [30, width - 6]), y = kit.linear([0, G_MAX], [height - 30, 16]);
      var clip = kit.clipTo(svg, x, y);
      var group = kit.svg("g", { "clip-path": clip }, svg);
      kit.boundaries(group, x, y, state.nesterov);
      kit.axes(svg, x, y, { xTitle: "ηλ", yTitle: "γ", yTicks: [0, 0.5] , xTicks: [0, 1, 2, 3, 4] });
      [["mw-gd", 0], [methodClass(), state.momentum]].forEach(function (pair) {
        state.curvatures.forEach(function (c, i) {
          var a = state.lr * c, px = x(Math.min(a, A_MAX)), py = y(pair[1]);
          kit.svg("circle", { class: pair[0], cx: px, cy: py, r: 5, "data-key": "map-" + pair[0] + "-" + i }, svg);
          kit.svg("text", { class: "mw-label", x: px + 6, y: py - 6 }, svg).textContent = String(i + 1);
        });
      });
    }

    function update() {
      compute();
      var name = state.nesterov ? t("Nesterov momentum") : t("momentum");
      kit.clear(readout);
      var methods = [["gd", t("gradient descent"), 0, false, "mw-gd"],
        ["momentum", name, state.momentum, state.nesterov, methodClass()]];
      var table = kit.html("table", {}, readout);
      var head = kit.html("tr", {}, kit.html("thead", {}, table));
      kit.html("th", {}, head, t("after {0} steps", state.steps));
      methods.forEach(function (method) {
        var th = kit.html("th", {}, head);
        kit.html("span", { class: "mw-legend " + method[4] }, th);
        th.append(method[1]);
      });
      var rows = kit.html("tbody", {}, table);
      var finals = methods.map(function (method) { return runs[method[0]][state.steps]; });
      [["x₁", 0], ["x₂", 1]].forEach(function (coordinate) {
        var row = kit.html("tr", {}, rows);
        kit.html("td", {}, row, coordinate[0]);
        methods.forEach(function (method, m) {
          cell(row, method[0] + "-x" + coordinate[1], kit.sig(finals[m][coordinate[1]], 4));
        });
      });
      var lossRow = kit.html("tr", {}, rows);
      kit.html("td", {}, lossRow, "f");
      methods.forEach(function (method, m) { cell(lossRow, method[0] + "-loss", kit.sig(loss(state.curvatures, finals[m]), 4)); });
      state.curvatures.forEach(function (c, i) {
        var row = kit.html("tr", {}, rows);
        kit.html("td", {}, row, "ρ" + "₁₂"[i]);
        methods.forEach(function (method) {
          var rho = E.spectralRadius(state.lr, method[2], c, method[3]);
          var regime = E.regime(state.lr, method[2], c, method[3]);
          var td = cell(row, method[0] + "-rho-" + i, kit.fixed(rho, 4));
          td.append(" ", kit.html("span", { class: "mw-regime", "data-key": method[0] + "-regime-" + i }, null, t(regime)));
        });
      });
      var note = kit.html("p", {}, readout);
      note.append("η = ", kit.number("lr", String(+state.lr.toPrecision(4))), ", γ = ", kit.number("momentum", String(+state.momentum.toPrecision(4))),
        ", ηλ₁ = ", kit.number("a-0", kit.fixed(state.lr * state.curvatures[0], 4)),
        ", ηλ₂ = ", kit.number("a-1", kit.fixed(state.lr * state.curvatures[1], 4)));
      code.textContent = python();
      contour.redraw();
      map.redraw();
      losses.redraw();
    }

    function cell(row, key, text) {
      var td = kit.html("td", {}, row);
      td.append(kit.number(key, text));
      return td;
    }

    // JavaScript and Python print a double as the same shortest string that reads back exactly
    function python() {
      var q = "Quadratic([[" + state.curvatures[0] + ", 0], [0, " + state.curvatures[1] + "]])";
      var start = "[" + state.start[0] + ", " + state.start[1] + "]";
      var method = (state.nesterov ? "Nesterov" : "Momentum") + "(lr=" + state.lr + ", momentum=" + state.momentum + ")";
      return "from momentum_docs import " + (state.nesterov ? "Nesterov" : "Momentum") + ", GradientDescent, Quadratic, optimize\n" +
        "f = " + q + "\n" +
        "gd = optimize(GradientDescent(lr=" + state.lr + "), f, " + start + ", steps=" + state.steps + ")\n" +
        "run = optimize(" + method + ", f, " + start + ", steps=" + state.steps + ")\n" +
        "print(gd.x[-1], run.x[-1])";
    }

    update();
  });
})();
