// The rolling ball (the page "A ball rolling downhill"): gradient descent and momentum in the
// movement form on the page's 1-D landscape, from theta = -3 with eta = 0.2, animated step by step,
// with the next movement drawn as lambda m^t (dashed) plus -eta g^t (thin) = m^(t+1) (thick).
// Play, pause, step and reset; a lambda slider. With prefers-reduced-motion it never plays by itself.
(function () {
  "use strict";
  var kit = MomentumWidgets.kit, t = kit.t, E = MomentumEngine;
  var LR = 0.2, START = -3, STEPS = 300, PER_SECOND = 12;
  var POINTS = [[-2, "saddle"], [0, "shallow minimum"], [1, "hill"], [3, "deep minimum"]];

  MomentumWidgets.register("ball", function (placeholder) {
    var body = kit.root(placeholder, t("Gradient descent (orange) and momentum (blue) from θ = −3 with η = 0.2. " +
      "Below the curve, the next movement of the momentum ball: λ times its last movement (dashed) " +
      "plus the gradient step −ηg (thin) gives the new movement (thick)."));
    var state = { momentum: 0.9, step: 0, playing: false, timer: null };
    var runs = {};
    var controls = kit.html("div", { class: "mw-controls" }, body);
    kit.slider(controls, {
      label: t("momentum λ"), min: 0, max: 0.99, step: 0.01, value: state.momentum, key: "momentum",
      format: function (value) { return kit.fixed(value, 2); },
      onInput: function (value) { state.momentum = value; compute(); update(); },
    });
    var buttons = kit.html("div", { class: "mw-buttons" }, controls);
    var play = kit.button(buttons, t("play"), function () { setPlaying(!state.playing); }, { "aria-pressed": "false" });
    kit.button(buttons, t("step"), function () { setPlaying(false); advance(); }, { "data-key": "step" });
    kit.button(buttons, t("reset"), function () { setPlaying(false); state.step = 0; update(); }, { "data-key": "reset" });
    var counter = kit.html("span", { class: "mw-number", "data-key": "t", "aria-live": "off" }, buttons);
    var figure = kit.plot(body, t("the landscape with both balls"), draw);
    var readout = kit.html("div", { class: "mw-readout" }, body);

    function compute() {
      runs.gd = E.runBallStates({ lr: LR, momentum: 0, start: START, steps: STEPS });
      runs.momentum = E.runBallStates({ lr: LR, momentum: state.momentum, start: START, steps: STEPS });
    }

    function advance() {
      if (state.step < STEPS) state.step += 1;
      if (state.step >= STEPS) setPlaying(false);
      update();
    }

    function setPlaying(playing) {
      state.playing = playing;
      play.textContent = playing ? t("pause") : t("play");
      play.setAttribute("aria-pressed", String(playing));
      clearInterval(state.timer);
      if (playing) {
        if (state.step >= STEPS) state.step = 0;
        state.timer = setInterval(advance, 1000 / PER_SECOND);
      }
    }

    function draw(svg, width, height) {
      var x = kit.linear([-3.4, 3.75], [36, width - 8]);
      var y = kit.linear([-0.55, 1.75], [height - 34, 16]);
      var curve = [];
      for (var k = 0; k <= 200; k++) {
        var theta = -3.4 + 7.15 * k / 200;
        curve.push([x(theta), y(E.ballLoss(theta))]);
      }
      kit.axes(svg, x, y, { xTitle: "θ", yTitle: t("loss L(θ)"), yTicks: [0, 0.5, 1, 1.5] });
      kit.svg("path", { class: "mw-line mw-curve", d: kit.path(curve), "clip-path": kit.clipTo(svg, x, y) }, svg);
      POINTS.forEach(function (point) {
        kit.svg("text", { class: "mw-note", x: x(point[0]), y: y(E.ballLoss(point[0])) + (point[0] === 1 || point[0] === -2 ? -9 : 15),
          "text-anchor": "middle" }, svg).textContent = t(point[1]);
      });
      ["gd", "momentum"].forEach(function (name) {
        var theta = runs[name].theta;
        var trail = kit.svg("g", { class: "mw-" + name, opacity: 0.3 }, svg);
        for (var s = 0; s < state.step; s++) {
          if (Number.isFinite(theta[s])) kit.svg("circle", { cx: x(theta[s]), cy: y(E.ballLoss(theta[s])), r: 2 }, trail);
        }
      });
      ["gd", "momentum"].forEach(function (name) {
        var theta = runs[name].theta[state.step];
        kit.svg("circle", { class: "mw-" + name + " mw-ball", "data-key": "ball-" + name, cx: x(theta),
          cy: y(E.ballLoss(theta)) - 7, r: 6.5 }, svg);
      });
      drawMovement(svg, x, y);
    }

    // m^(t+1) = lambda m^t - eta g^t as arrows along theta, below the curve
    function drawMovement(svg, x, y) {
      var step = state.step;
      if (step >= STEPS) return;
      var theta = runs.momentum.theta[step], carried = state.momentum * runs.momentum.movement[step];
      var pushed = -LR * E.ballGradient(theta), next = runs.momentum.theta[step + 1];
      var lane = y(-0.22), lane2 = y(-0.42);
      var group = kit.svg("g", { class: "mw-momentum", "data-key": "arrows" }, svg);
      arrow(group, x(theta), x(theta + carried), lane, "mw-arrow-dashed");
      arrow(group, x(theta + carried), x(theta + carried + pushed), lane, "mw-arrow-thin");
      arrow(group, x(theta), x(next), lane2, "mw-arrow-thick");
      kit.svg("line", { class: "mw-reference", x1: x(theta), x2: x(theta), y1: lane2 + 6, y2: y(E.ballLoss(theta)) }, svg);
    }

    function arrow(group, from, to, lane, className) {
      if (!Number.isFinite(from) || !Number.isFinite(to)) return;
      var head = Math.min(6, Math.abs(to - from)) * Math.sign(to - from);
      kit.svg("path", { class: "mw-arrow " + className,
        d: "M" + from.toFixed(1) + " " + lane + "H" + to.toFixed(1) + "M" + (to - head).toFixed(1) + " " + (lane - 4) +
          "L" + to.toFixed(1) + " " + lane + "L" + (to - head).toFixed(1) + " " + (lane + 4) }, group);
    }

    function update() {
      var step = state.step;
      counter.textContent = t("step t = {0}", step);
      kit.clear(readout);
      [["gd", t("gradient descent")], ["momentum", t("momentum")]].forEach(function (pair) {
        var theta = runs[pair[0]].theta[step];
        var line = kit.html("p", {}, readout);
        kit.html("span", { class: "mw-legend mw-" + pair[0] }, line);
        line.append(pair[1] + ": θ = ", kit.number(pair[0] + "-theta", kit.fixed(theta, 4)),
          ", L(θ) = ", kit.number(pair[0] + "-loss", kit.fixed(E.ballLoss(theta), 4)));
      });
      if (step < STEPS) {
        var movement = runs.momentum.movement;
        var line = kit.html("p", {}, readout);
        line.append(t("next movement"), " = λ·m + (−η·g) = ",
          kit.number("carried", kit.fixed(state.momentum * movement[step], 4)), " + ",
          kit.number("pushed", kit.fixed(-LR * E.ballGradient(runs.momentum.theta[step]), 4)), " = ",
          kit.number("movement", kit.fixed(movement[step + 1], 4)));
      }
      figure.redraw();
    }

    compute();
    update();
    // play once the ball comes into view, unless the reader prefers reduced motion
    if (!kit.reducedMotion()) {
      var seen = new IntersectionObserver(function (entries) {
        if (entries[0].isIntersecting) {
          seen.disconnect();
          if (state.step === 0 && !state.playing) setPlaying(true);
        }
      }, { threshold: 0.6 });
      seen.observe(body);
    }
  });
})();
