// What the four widgets share: labels in the page's language, SVG and form helpers, scales and
// axes, number formats, and the mounting of a widget on its placeholder. No DOM library: plain
// SVG, colours from CSS (widgets.css maps them to Material's variables, light and dark).
(function () {
  "use strict";
  var W = (window.MomentumWidgets = window.MomentumWidgets || {});
  var SVG = "http://www.w3.org/2000/svg";
  var language = /^zh\b/.test(document.documentElement.lang || "") ? "zh" : "en";
  var counter = 0;

  // The label of `text` in the page's language, with {0}, {1} ... filled from the arguments.
  // Chinese comes from widget-labels.js; a missing entry throws, naming the string.
  function t(text) {
    var args = Array.prototype.slice.call(arguments, 1);
    var label = text;
    if (language === "zh") {
      var table = (W.labels && W.labels.zh) || {};
      if (!Object.prototype.hasOwnProperty.call(table, text)) {
        throw new Error("no zh label for " + JSON.stringify(text) + ": add it to widget-labels.js");
      }
      label = table[text];
    }
    return label.replace(/\{(\d+)\}/g, function (_, index) { return String(args[Number(index)]); });
  }

  function svg(tag, attributes, parent) {
    var element = document.createElementNS(SVG, tag);
    set(element, attributes);
    if (parent) parent.appendChild(element);
    return element;
  }

  function html(tag, attributes, parent, text) {
    var element = document.createElement(tag);
    set(element, attributes);
    if (text !== undefined) element.textContent = text;
    if (parent) parent.appendChild(element);
    return element;
  }

  function set(element, attributes) {
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === null || value === undefined || value === false) element.removeAttribute(key);
      else element.setAttribute(key, value === true ? "" : String(value));
    });
    return element;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
    return element;
  }

  function uid(name) {
    counter += 1;
    return "mw-" + name + "-" + counter;
  }

  // ---------------------------------------------------------------- numbers

  // Numbers are printed as Python's format() prints them, digit for digit: from the exact decimal
  // value of the double, rounded half to even (JavaScript's toFixed rounds exact ties away from 0).

  // |x| = digits * 10^-scale exactly (digits a BigInt)
  function exactDecimal(x) {
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    var high = view.getUint32(0), low = view.getUint32(4);
    var exponent = high >>> 20;
    var mantissa = (BigInt(high & 0xfffff) << 32n) + BigInt(low);
    if (exponent === 0) exponent = 1;
    else mantissa += 1n << 52n;
    var power = exponent - 1075;
    if (power >= 0) return { digits: mantissa << BigInt(power), scale: 0 };
    return { digits: mantissa * 5n ** BigInt(-power), scale: -power };
  }

  // |x| rounded half to even to a multiple of 10^-places: the BigInt k with |x| ~ k * 10^-places
  function roundTo(x, places) {
    var exact = exactDecimal(x), drop = exact.scale - places;
    if (drop <= 0) return exact.digits * 10n ** BigInt(-drop);
    var unit = 10n ** BigInt(drop), kept = exact.digits / unit, rest = exact.digits % unit;
    if (2n * rest > unit || (2n * rest === unit && kept % 2n === 1n)) kept += 1n;
    return kept;
  }

  function withPoint(kept, places) {
    var text = kept.toString();
    if (places <= 0) return text;
    text = text.padStart(places + 1, "0");
    return text.slice(0, text.length - places) + "." + text.slice(text.length - places);
  }

  function special(x) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    return null;
  }

  function negative(x) {
    return x < 0 || Object.is(x, -0) ? "-" : "";
  }

  // f"{x:.{places}f}"
  function fixed(x, places) {
    return special(x) || negative(x) + withPoint(roundTo(x, places), places);
  }

  // f"{x:#.{digits}g}": digits significant digits, exponent form below 1e-4 and from 10^digits on
  function sig(x, digits) {
    if (special(x)) return special(x);
    if (x === 0) return negative(x) + withPoint(0n, digits - 1);
    var exact = exactDecimal(x);
    var exponent = exact.digits.toString().length - 1 - exact.scale; // of the leading digit
    var kept = roundTo(x, digits - 1 - exponent);
    if (kept.toString().length > digits) { // rounding carried into a new digit: 9.9996 -> 10.00
      exponent += 1;
      kept = roundTo(x, digits - 1 - exponent);
    }
    if (exponent < -4 || exponent >= digits) {
      var mantissa = kept.toString();
      var power = Math.abs(exponent).toString().padStart(2, "0");
      return negative(x) + mantissa[0] + "." + mantissa.slice(1) + "e" + (exponent < 0 ? "-" : "+") + power;
    }
    var places = digits - 1 - exponent;
    return negative(x) + withPoint(kept, places) + (places === 0 ? "." : ""); // '#' keeps the point
  }

  function percent(share, digits) {
    return fixed(100 * share, digits) + "%";
  }

  // ---------------------------------------------------------------- scales and axes

  function linear(domain, range) {
    var d0 = domain[0], d1 = domain[1], r0 = range[0], r1 = range[1];
    var scale = function (value) { return r0 + (value - d0) * (r1 - r0) / (d1 - d0); };
    scale.invert = function (pixel) { return d0 + (pixel - r0) * (d1 - d0) / (r1 - r0); };
    scale.domain = domain;
    scale.range = range;
    return scale;
  }

  // base-10 logarithmic: values are positive
  function log10(domain, range) {
    var inner = linear([Math.log10(domain[0]), Math.log10(domain[1])], range);
    var scale = function (value) { return inner(Math.log10(value)); };
    scale.invert = function (pixel) { return Math.pow(10, inner.invert(pixel)); };
    scale.domain = domain;
    scale.range = range;
    scale.log = true;
    return scale;
  }

  // about `count` round values between low and high
  function ticks(low, high, count) {
    var span = high - low;
    if (!(span > 0)) return [low];
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var error = span / count / step;
    if (error >= 5) step *= 5;
    else if (error >= 2) step *= 2;
    var values = [];
    for (var k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) values.push(+(k * step).toPrecision(12));
    return values;
  }

  function tickLabel(value) {
    return String(+value.toPrecision(6));
  }

  // Axes along the bottom and the left of a plot: ticks, tick labels and axis titles.
  function axes(group, x, y, options) {
    options = options || {};
    var g = svg("g", { class: "mw-axes" }, group);
    var bottom = y.range[0];
    var left = x.range[0];
    svg("line", { x1: x.range[0], x2: x.range[1], y1: bottom, y2: bottom }, g);
    svg("line", { x1: left, x2: left, y1: y.range[0], y2: y.range[1] }, g);
    (options.xTicks || ticks(x.domain[0], x.domain[1], options.xCount || 5)).forEach(function (value) {
      var px = x(value);
      svg("line", { x1: px, x2: px, y1: bottom, y2: bottom + 4 }, g);
      svg("text", { x: px, y: bottom + 15, "text-anchor": "middle" }, g).textContent = tickLabel(value);
    });
    var yTicks = options.yTicks || (y.log ? logTicks(y.domain) : ticks(y.domain[0], y.domain[1], options.yCount || 4));
    yTicks.forEach(function (value) {
      var py = y(value);
      svg("line", { x1: left - 4, x2: left, y1: py, y2: py }, g);
      var label = y.log ? "1e" + Math.round(Math.log10(value)) : tickLabel(value);
      svg("text", { x: left - 6, y: py + 4, "text-anchor": "end" }, g).textContent = label;
    });
    if (options.xTitle) {
      svg("text", { x: x.range[1], y: bottom + 30, "text-anchor": "end", class: "mw-title" }, g).textContent = options.xTitle;
    }
    if (options.yTitle) {
      svg("text", { x: left + 4, y: y.range[1] - 5, class: "mw-title" }, g).textContent = options.yTitle;
    }
    return g;
  }

  function logTicks(domain) {
    var low = Math.ceil(Math.log10(domain[0]) - 1e-9), high = Math.floor(Math.log10(domain[1]) + 1e-9);
    var every = Math.max(1, Math.ceil((high - low + 1) / 5));
    var values = [];
    for (var k = low; k <= high; k += every) values.push(Math.pow(10, k));
    return values;
  }

  // a clip path to the plot area of scales x and y; returns the value of a clip-path attribute
  function clipTo(svgElement, x, y) {
    var id = uid("clip");
    var clip = svg("clipPath", { id: id }, svgElement);
    svg("rect", { x: Math.min(x.range[0], x.range[1]), y: Math.min(y.range[0], y.range[1]),
      width: Math.abs(x.range[1] - x.range[0]), height: Math.abs(y.range[1] - y.range[0]) }, clip);
    return "url(#" + id + ")";
  }

  function path(points) {
    var d = "";
    points.forEach(function (point, index) {
      d += (index ? "L" : "M") + point[0].toFixed(1) + " " + point[1].toFixed(1);
    });
    return d;
  }

  // ---------------------------------------------------------------- controls

  // A labelled range input with its value printed beside it; arrow keys move it by one step.
  function slider(parent, options) {
    var id = uid("slider");
    var row = html("div", { class: "mw-slider" }, parent);
    html("label", { for: id }, row, options.label);
    var input = html("input", {
      type: "range", id: id, min: options.min, max: options.max, step: options.step, value: options.value,
    }, row);
    var output = html("output", { for: id, "data-key": options.key ? "slider-" + options.key : null }, row);
    var format = options.format || String;
    function show(value) {
      output.textContent = format(value);
      input.setAttribute("aria-valuetext", format(value));
    }
    input.addEventListener("input", function () {
      var value = parseFloat(input.value);
      show(value);
      options.onInput(value);
    });
    show(options.value);
    return {
      input: input,
      // show `value` (which may lie between the steps, like a preset's) without an input event
      set: function (value) {
        input.value = value;
        show(value);
      },
    };
  }

  function checkbox(parent, options) {
    var id = uid("check");
    var row = html("div", { class: "mw-check" }, parent);
    var input = html("input", { type: "checkbox", id: id, checked: !!options.checked }, row);
    html("label", { for: id }, row, options.label);
    input.addEventListener("change", function () { options.onChange(input.checked); });
    return input;
  }

  function button(parent, label, onClick, attributes) {
    var element = html("button", Object.assign({ type: "button", class: "mw-button" }, attributes || {}), parent, label);
    element.addEventListener("click", onClick);
    return element;
  }

  // a printed number; tests find it by its key
  function number(key, text) {
    return html("span", { class: "mw-number", "data-key": key }, null, text);
  }

  // ---------------------------------------------------------------- plots

  // On the (eta lambda, gamma) plane: the ends of the ripple band (dashed), the stability boundary
  // (solid) and, with nesterov, Nesterov's boundary; returns the path of Nesterov's boundary.
  function boundaries(group, x, y, nesterov) {
    var E = MomentumEngine, top = y.domain[1], right = x.domain[1] * 1.05;
    function curve(f) {
      var points = [];
      for (var k = 0; k <= 80; k++) points.push([x(Math.min(f(top * k / 80), right)), y(top * k / 80)]);
      return path(points);
    }
    [0, 1].forEach(function (end) {
      svg("path", { class: "mw-band", d: curve(function (g) { return E.criticalDampingBounds(g)[end]; }) }, group);
    });
    svg("path", { class: "mw-boundary", d: curve(function (g) { return E.stabilityBound(g); }) }, group);
    if (!nesterov) return null;
    var edge = curve(function (g) { return E.stabilityBound(g, true); });
    svg("path", { class: "mw-nesterov mw-line mw-edge", d: edge }, group);
    return edge;
  }


  // An SVG that fills its box and draws in CSS pixels; `draw(svg, width, height)` runs again on resize.
  function plot(parent, label, draw, className) {
    var box = html("div", { class: "mw-plot " + (className || "") }, parent);
    var element = svg("svg", { role: "img", "aria-label": label, width: "100%", height: "100%" }, box);
    var size = { width: 0, height: 0 };
    function redraw() {
      if (!size.width || !size.height) return;
      set(element, { viewBox: "0 0 " + size.width + " " + size.height });
      clear(element);
      draw(element, size.width, size.height);
    }
    new ResizeObserver(function (entries) {
      var rect = entries[0].contentRect;
      var width = Math.round(rect.width), height = Math.round(rect.height);
      if (width !== size.width || height !== size.height) {
        size.width = width;
        size.height = height;
        redraw();
      }
    }).observe(box);
    return { box: box, svg: element, redraw: redraw, size: size };
  }

  // the pointer's position in an SVG drawn in CSS pixels
  function pointer(element, event) {
    var rect = element.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  // Material's palette toggle sets data-md-color-scheme on <body>: redraw what CSS cannot recolour
  function onSchemeChange(callback) {
    new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // ---------------------------------------------------------------- mounting

  // The widget's root inside the placeholder; the placeholder's other children (the build-drawn
  // figure) stay for print and are hidden on screen by widgets.css once the class is set.
  function root(placeholder, caption) {
    var figure = html("figure", { class: "mw-root" });
    var body = html("div", { class: "mw-body" }, figure);
    html("figcaption", { class: "mw-caption" }, figure, caption);
    placeholder.appendChild(figure);
    placeholder.classList.add("mw-mounted");
    return body;
  }

  var mounts = {};
  W.register = function (name, mount) {
    mounts[name] = mount;
    document.querySelectorAll('.momentum-widget[data-widget="' + name + '"]').forEach(function (placeholder) {
      if (placeholder.classList.contains("mw-mounted")) return;
      if (placeholder.getAttribute("data-load") === "click" && !placeholder.classList.contains("mw-requested")) return;
      try {
        mount(placeholder);
      } catch (error) {
        placeholder.classList.add("mw-failed"); // the build-drawn figure shows instead
        throw error;
      }
    });
  };

  W.kit = {
    language: language,
    t: t,
    svg: svg,
    html: html,
    set: set,
    clear: clear,
    uid: uid,
    sig: sig,
    fixed: fixed,
    percent: percent,
    linear: linear,
    log10: log10,
    ticks: ticks,
    axes: axes,
    path: path,
    clipTo: clipTo,
    number: number,
    boundaries: boundaries,
    slider: slider,
    checkbox: checkbox,
    button: button,
    plot: plot,
    pointer: pointer,
    reducedMotion: reducedMotion,
    onSchemeChange: onSchemeChange,
    root: root,
  };
})();
