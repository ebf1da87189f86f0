// EMA weights (the page "Exponentially weighted moving averages"): a slider for gamma, the relative
// weights gamma^tau of the values tau steps back, the window n = 1/(1 - gamma) shaded, and the share
// of the weight that the last n, 2n and 3n values carry, as in the page's table.
(function () {
  "use strict";
  var kit = MomentumWidgets.kit, t = kit.t, E = MomentumEngine;

  MomentumWidgets.register("ema", function (placeholder) {
    var body = kit.root(placeholder, t("Move γ: the bars are the weights γ^τ of the values τ steps back, " +
      "relative to the newest; the shaded bars are the last n = 1/(1 − γ) values."));
    var state = { gamma: 0.9 };
    var controls = kit.html("div", { class: "mw-controls" }, body);
    kit.slider(controls, {
      label: t("EMA weight γ"), min: 0, max: 0.99, step: 0.01, value: state.gamma, key: "gamma",
      format: function (value) { return kit.fixed(value, 2); },
      onInput: function (value) { state.gamma = value; update(); },
    });
    var figure = kit.plot(body, t("weights of the last values"), draw);
    var readout = kit.html("div", { class: "mw-readout", "aria-live": "polite" }, body);

    // Python's round(effective_window(gamma)), as the page's table computes n
    function windowLength() {
      return E.roundHalfEven(E.effectiveWindow(state.gamma));
    }

    function draw(svg, width, height) {
      var gamma = state.gamma, n = E.effectiveWindow(gamma), whole = windowLength();
      var horizon = Math.max(12, Math.ceil(3.5 * n));
      var x = kit.linear([0, horizon], [44, width - 10]);
      var y = kit.linear([0, 1.05], [height - 34, 16]);
      var inside = "", outside = "";
      var bar = Math.max(0.6, (x(1) - x(0)) * 0.8);
      for (var tau = 0; tau < horizon; tau++) {
        var top = y(Math.pow(gamma, tau)), left = x(tau + 0.5) - bar / 2;
        var rectangle = "M" + left.toFixed(2) + " " + y(0).toFixed(2) + "V" + top.toFixed(2) + "h" + bar.toFixed(2) +
          "V" + y(0).toFixed(2) + "Z";
        if (tau < whole) inside += rectangle;
        else outside += rectangle;
      }
      kit.svg("rect", { class: "mw-window", x: x(0), y: y(1.05), width: x(n) - x(0), height: y(0) - y(1.05) }, svg);
      kit.svg("path", { class: "mw-bars-outside", d: outside || "M0 0" }, svg);
      kit.svg("path", { class: "mw-bars-inside", "data-key": "bars-inside", d: inside || "M0 0" }, svg);
      kit.svg("line", { class: "mw-reference", x1: x(0), x2: x(horizon), y1: y(Math.exp(-1)), y2: y(Math.exp(-1)) }, svg);
      kit.svg("text", { class: "mw-note", x: x(horizon) - 2, y: y(Math.exp(-1)) - 4, "text-anchor": "end" }, svg)
        .textContent = "e⁻¹";
      kit.svg("text", { class: "mw-note", x: x(n) + 3, y: y(1.05) + 12 }, svg).textContent = "n = " + kit.fixed(n, 1);
      kit.axes(svg, x, y, { xTitle: t("steps back τ"), yTicks: [0, 0.5, 1] });
    }

    function update() {
      var gamma = state.gamma, whole = windowLength();
      var shares = [1, 2, 3].map(function (k) {
        return E.emaWeights(gamma, k * whole).reduce(function (sum, weight) { return sum + weight; }, 0);
      });
      kit.clear(readout);
      var first = kit.html("p", {}, readout);
      first.append(t("window n = 1/(1 − γ) = "), kit.number("window", kit.fixed(E.effectiveWindow(gamma), 1)),
        t(", rounded to {0} values", whole));
      var second = kit.html("p", {}, readout);
      second.append(t("weight of the last n: "), kit.number("last-n", kit.percent(shares[0], 1)),
        t(", 2n: "), kit.number("last-2n", kit.percent(shares[1], 1)), t(", 3n: "), kit.number("last-3n", kit.percent(shares[2], 1)));
      figure.redraw();
    }

    update();
  });
})();
