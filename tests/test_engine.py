"""The widgets' engine (``overrides/assets/javascripts/momentum-engine.js``) computes what the package computes.

The engine is run in Node, a real JavaScript engine, on thousands of settings drawn by a seeded
generator: momentum and Nesterov on quadratics of one to four coordinates, runs that diverge until
they overflow to infinity and NaN, points on and next to the stability boundary and the ends of the
ripple band, the ball page's landscape. Every number must agree with the package to 1e-12 relative,
element by element, and be non-finite exactly where the package's is (the same NaN or the same
signed infinity). Bad arguments must raise errors that name the argument and its range, as
``momentum_docs/validation.py`` does.

The widgets load the engine as a classic script, ``momentum-engine.classic.js``, because browsers
do not load ES modules from ``file://``. That file is generated from the module:
``python tests/test_engine.py --write`` rewrites it, and a test here fails when it is stale. The
Node driver runs every call through both files and requires identical results.

Node is required under ``CI=true``; elsewhere the engine tests are skipped without it.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from momentum_docs import (
    GradientDescent,
    Momentum,
    MovementMomentum,
    Nesterov,
    NoisyQuadratic,
    Quadratic,
    ball_landscape,
    optimize,
    theory,
)
from momentum_docs.ema import effective_window, ema_weights
from momentum_docs.optimizers import DivergenceWarning

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "overrides" / "assets" / "javascripts" / "momentum-engine.js"
CLASSIC = ENGINE.with_name("momentum-engine.classic.js")
ON_CI = os.environ.get("CI", "").lower() == "true"
RTOL = 1e-12

#: the exports the issue fixes (the contract); the engine may export more
CONTRACT = ("run", "spectralRadius", "regime", "runBall", "ballLoss", "ballGradient")


# ---------------------------------------------------------------- the classic twin


def classic_twin(module: str) -> str:
    """The module as a classic script: its code in a function, the exports as the global ``MomentumEngine``."""
    match = re.search(r"^export \{([^}]*)\};\n\Z", module, re.MULTILINE)
    if match is None:
        raise ValueError(f"{ENGINE.name} must end with one `export {{ ... }};` statement")
    names = [name.strip() for name in match.group(1).split(",") if name.strip()]
    # comment lines and blank lines dropped: the twin is what pages load (the module keeps them)
    lines = module[: match.start()].splitlines()
    body = "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("//"))
    exports = ",\n".join(f"    {name}: {name}" for name in names)
    return (
        "// Generated from momentum-engine.js by `python tests/test_engine.py --write`: do not edit.\n"
        "// The same code as a classic script, for pages opened from file:// (no ES modules there),\n"
        "// without the comments: read them in momentum-engine.js.\n"
        "var MomentumEngine = (function () {\n"
        '  "use strict";\n\n'
        f"{body}\n\n"
        f"  return Object.freeze({{\n{exports},\n  }});\n"
        "})();\n"
    )


def test_the_classic_twin_is_generated_from_the_module() -> None:
    expected = classic_twin(ENGINE.read_text(encoding="utf-8"))
    assert CLASSIC.exists() and CLASSIC.read_text(encoding="utf-8") == expected, (
        f"{CLASSIC.relative_to(ROOT)} is stale: run `python tests/test_engine.py --write`"
    )


def test_the_module_exports_the_contract_and_imports_nothing() -> None:
    module = ENGINE.read_text(encoding="utf-8")
    assert not re.search(r"^\s*import\b|\bimport\(|\brequire\(", module, re.MULTILINE)
    names = re.search(r"^export \{([^}]*)\};", module, re.MULTILINE).group(1)
    assert set(CONTRACT) <= {name.strip() for name in names.split(",")}


# ---------------------------------------------------------------- running the engine in Node


def require_node() -> str:
    node = shutil.which("node")
    if node is None:
        reason = "the engine test needs Node.js (`node` on PATH; apt-get install nodejs)"
        if ON_CI:
            pytest.fail(reason + "; on CI it must run", pytrace=False)
        pytest.skip(reason)
    return node


#: reads [[function, args], ...] as JSON on stdin, calls each in the module and in the classic twin,
#: prints [{"value": ...} or {"error": [type, message]}, ...] and whether the two files agreed
DRIVER = r"""
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

const [modulePath, classicPath] = process.argv.slice(1);
const engine = await import(pathToFileURL(modulePath).href);
const context = {};
vm.runInNewContext(readFileSync(classicPath, "utf8") + "\nthis.MomentumEngine = MomentumEngine;", context);
const classic = context.MomentumEngine;

const MARK = "__nonfinite__:";
const revive = (key, value) =>
  typeof value === "string" && value.startsWith(MARK) ? Number(value.slice(MARK.length)) : value;
const calls = JSON.parse(readFileSync(0, "utf8"), revive);

function call(library, name, args) {
  try {
    return { value: library[name](...args) };
  } catch (error) {
    return { error: [error.constructor.name, error.message] };
  }
}
function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && typeof a === "object") return b !== null && typeof b === "object" &&
    Object.keys(a).length === Object.keys(b).length && Object.keys(a).every(k => same(a[k], b[k]));
  return Object.is(a, b);
}
let disagreements = 0;
const results = calls.map(([name, args]) => {
  const fromModule = call(engine, name, args);
  if (!same(fromModule, call(classic, name, args))) disagreements++;
  return fromModule;
});
const text = JSON.stringify({ results, disagreements, exports: Object.keys(engine).sort() },
  (key, value) => typeof value === "number" && !Number.isFinite(value) ? MARK + value : value);
process.stdout.write(text);
"""


def _encode(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "__nonfinite__:" + ("NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("__nonfinite__:"):
        return float(value.removeprefix("__nonfinite__:").replace("Infinity", "inf"))
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    return value


def call_engine(calls: list[tuple[str, list[Any]]]) -> list[dict[str, Any]]:
    """Call engine functions in Node; each result is ``{"value": ...}`` or ``{"error": [type, message]}``."""
    node = require_node()
    result = subprocess.run(
        [node, "--input-type=module", "-e", DRIVER, str(ENGINE), str(CLASSIC)],
        input=json.dumps(_encode([[name, args] for name, args in calls])),
        capture_output=True, text=True, check=False, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"node failed:\n{result.stderr}", pytrace=False)
    output = json.loads(result.stdout)
    assert output["disagreements"] == 0, "momentum-engine.classic.js computes differently from the module"
    assert set(CONTRACT) <= set(output["exports"])
    return [_decode(item) for item in output["results"]]


def values(calls: list[tuple[str, list[Any]]]) -> list[Any]:
    results = call_engine(calls)
    errors = [(call, result["error"]) for call, result in zip(calls, results) if "error" in result]
    assert not errors, f"the engine raised on valid arguments, first: {errors[0]}"
    return [result["value"] for result in results]


def assert_agree(engine: Any, package: Any, what: object) -> None:
    """Equal to 1e-12 relative element by element; NaN and each signed infinity exactly where the package has them."""
    got = np.asarray(engine, dtype=float)
    want = np.asarray(package, dtype=float)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, package {want.shape}"
    assert np.array_equal(np.isnan(got), np.isnan(want)), f"{what}: NaN in different places"
    assert np.array_equal(np.isposinf(got), np.isposinf(want)), f"{what}: +inf in different places"
    assert np.array_equal(np.isneginf(got), np.isneginf(want)), f"{what}: -inf in different places"
    finite = np.isfinite(want)
    error = np.abs(got[finite] - want[finite])
    bad = error > RTOL * np.abs(want[finite])
    assert not bad.any(), (
        f"{what}: {bad.sum()} of {finite.sum()} numbers differ by more than 1e-12 relative; first: "
        f"engine {got[finite][bad][0]!r}, package {want[finite][bad][0]!r}"
    )


# ---------------------------------------------------------------- the package's side


def package_run(lr: float, momentum: float, nesterov: bool, curvatures: list[float], start: list[float],
                steps: int) -> np.ndarray:
    """The package's update rule stepped without the runner's divergence checks, so overflow shows as inf and NaN.

    The objective is ``NoisyQuadratic`` without noise, whose gradient is ``curvatures * x`` entry by
    entry: the formula of the engine. (``Quadratic(diag)`` computes ``x @ Q``: the same numbers while
    they are finite, but ``inf * 0`` there spreads NaN to the other coordinates.)
    """
    optimizer = (Nesterov if nesterov else Momentum)(lr, momentum)
    if min(curvatures) > 0:
        gradient = NoisyQuadratic(curvatures, noise=0.0).gradient
    else:  # NoisyQuadratic takes positive curvatures only; these runs are checked to stay finite
        gradient = Quadratic(np.diag(curvatures)).gradient
    x = np.array([start], dtype=float)
    state = optimizer.init_state(x)
    points = [x[0]]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            x, state = optimizer.step(x, state, gradient, t)
            points.append(x[0])
    return np.array(points)


def package_ball(lr: float, momentum: float, start: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    landscape = ball_landscape()
    optimizer = MovementMomentum(lr, momentum)
    theta = np.asarray(start, dtype=float)  # as optimize() holds a scalar start: a 0-d array
    movement = optimizer.init_state(theta)
    thetas, movements = [float(theta)], [float(movement)]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            theta, movement = optimizer.step(theta, movement, landscape.gradient, t)
            thetas.append(float(theta))
            movements.append(float(movement))
    return np.array(thetas), np.array(movements)


# ---------------------------------------------------------------- the settings


def run_settings(seed: int = 11, count: int = 900) -> list[dict[str, Any]]:
    """Random settings of ``run``, a third of them on or next to a boundary or diverging to overflow."""
    rng = np.random.default_rng(seed)
    settings = []
    for k in range(count):
        n = int(rng.integers(1, 5))
        curvatures = (10.0 ** rng.uniform(-3, 3, n)).tolist()
        if k % 10 == 0:
            curvatures, n = [0.2, 4.0], 2
        nesterov = bool(rng.random() < 0.5)
        kinds = ["plain", "boundary", "ripple-ends", "overflow", "momentum-edge"]
        kind = rng.choice(kinds, p=[0.5, 0.15, 0.1, 0.15, 0.1])
        momentum = float(rng.choice([0.0, rng.uniform(0, 1)], p=[0.1, 0.9]))
        top = max(curvatures)
        if kind == "momentum-edge":
            momentum = float(rng.choice([0.0, 1 - 1e-9, 1 - 1e-3, np.nextafter(1.0, 0.0)]))
        bound = float(theory.stability_bound(momentum, nesterov=nesterov))
        if kind == "plain":
            a = float(rng.uniform(1e-3, 1.2 * bound))
        elif kind == "boundary":  # the steepest direction on, just inside or just outside the stability boundary
            a = bound * (1 + float(rng.choice([0.0, 1e-15, -1e-15, 1e-9, -1e-9, 1e-4, -1e-4])))
        elif kind == "ripple-ends":  # the discriminant is zero (heavy ball): double eigenvalues
            low, high = (float(b) for b in theory.critical_damping_bounds(momentum))
            a = float(rng.choice([low, high])) or 1e-3
        elif kind == "overflow":
            a = float(10.0 ** rng.uniform(0.7, 3))
        else:
            a = float(rng.uniform(1e-3, bound))
        lr = a / top
        scale = 10.0 ** rng.uniform(-3, 3)
        start = (rng.normal(size=n) * scale).tolist()
        if k % 17 == 0:
            start = [0.0] * n
        if k % 10 == 0:
            start = [-5.0, -2.0]
        steps = int(rng.integers(0, 300))
        if kind == "overflow":
            steps = int(rng.integers(200, 2500))
        if k % 50 == 0:
            steps = 0
        settings.append({"lr": lr, "momentum": momentum, "nesterov": nesterov, "curvatures": curvatures,
                         "start": start, "steps": steps, "kind": str(kind)})
    return settings


def test_run_agrees_with_the_package() -> None:
    settings = run_settings()
    engine = values([("run", [{key: s[key] for key in s if key != "kind"}]) for s in settings])
    nonfinite = overflowed_to_nan = 0
    for setting, points in zip(settings, engine):
        want = package_run(setting["lr"], setting["momentum"], setting["nesterov"], setting["curvatures"],
                           setting["start"], setting["steps"])
        assert_agree(points, want, setting)
        nonfinite += not np.all(np.isfinite(want))
        overflowed_to_nan += bool(np.isnan(want).any())
    # the generator must reach what the test is about: overflow to inf and on to NaN
    assert nonfinite >= 60 and overflowed_to_nan >= 30, (nonfinite, overflowed_to_nan)


def test_run_agrees_with_the_runner_of_the_site() -> None:
    """Where ``optimize`` does not stop a run, the engine's points are the runner's on ``Quadratic(diag(...))``."""
    settings = [s for s in run_settings(seed=12, count=300) if s["kind"] != "overflow"][:150]
    engine = values([("run", [{key: s[key] for key in s if key != "kind"}]) for s in settings])
    compared = 0
    for setting, points in zip(settings, engine):
        optimizer = (Nesterov if setting["nesterov"] else Momentum)(setting["lr"], setting["momentum"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # a growing run is compared all the same
            objective = Quadratic(np.diag(setting["curvatures"]))
            trajectory = optimize(optimizer, objective, setting["start"], setting["steps"])
        assert_agree(points, trajectory.x, setting)
        compared += 1
    assert compared == 150


def test_run_with_curvatures_of_any_sign() -> None:
    """A zero or negative curvature (a flat or a saddle direction) runs too, as on ``Quadratic``."""
    rng = np.random.default_rng(13)
    settings = []
    for _ in range(60):
        curvatures = rng.uniform(-2, 2, 3).round(1).tolist()
        settings.append({"lr": float(rng.uniform(0.01, 0.5)), "momentum": float(rng.uniform(0, 0.95)),
                         "nesterov": bool(rng.random() < 0.5), "curvatures": curvatures,
                         "start": rng.normal(size=3).tolist(), "steps": 60})
    for setting, points in zip(settings, values([("run", [s]) for s in settings])):
        want = package_run(**setting)
        assert np.all(np.isfinite(want))
        assert_agree(points, want, setting)
    assert any(min(s["curvatures"]) < 0 for s in settings) and any(0.0 in s["curvatures"] for s in settings)


def test_run_defaults_to_gradient_descent() -> None:
    f = Quadratic(np.diag([0.2, 4.0]))
    (points,) = values([("run", [{"lr": 0.4, "curvatures": [0.2, 4.0], "start": [-5.0, -2.0], "steps": 40}])])
    assert_agree(points, optimize(GradientDescent(0.4), f, [-5.0, -2.0], 40).x, "momentum 0")


def theory_points(seed: int = 14) -> list[tuple[float, float, float, bool]]:
    rng = np.random.default_rng(seed)
    points = []
    for _ in range(6000):
        momentum = float(rng.choice([0.0, rng.uniform(0, 1)], p=[0.1, 0.9]))
        curvature = float(rng.choice([10.0 ** rng.uniform(-3, 3), rng.uniform(-3, 0), 0.0], p=[0.85, 0.1, 0.05]))
        lr = float(10.0 ** rng.uniform(-3, 1.5))
        points.append((lr, momentum, curvature, bool(rng.random() < 0.5)))
    for _ in range(3000):  # on the boundaries, where a last-bit difference changes the answer
        momentum = float(rng.uniform(0, 1))
        curvature = float(10.0 ** rng.uniform(-2, 2))
        nesterov = bool(rng.random() < 0.3)
        low, high = (float(b) for b in theory.critical_damping_bounds(momentum))
        bound = float(theory.stability_bound(momentum, nesterov=nesterov))
        a = float(rng.choice([low, high, bound, np.nextafter(bound, 0), np.nextafter(high, 0)]))
        if a > 0:
            points.append((a / curvature, momentum, curvature, nesterov))
    points += [(1e200, 0.0, 1e200, True), (1e200, 0.5, 1e200, False), (1e-300, 0.5, 1e-300, False)]
    return points


def test_spectral_radius_and_regime_agree_with_the_package() -> None:
    points = theory_points()
    calls = [("spectralRadius", list(p)) for p in points] + [("regime", list(p)) for p in points]
    got = values(calls)
    rho, names = got[: len(points)], got[len(points) :]
    with np.errstate(all="ignore"):
        # one point at a time, as a reader calls it (the array path gives the same bits: tested below)
        want_rho = [float(theory.spectral_radius(*p)) for p in points]
        want_names = [str(theory.regime(*p)) for p in points]
    assert_agree(rho, want_rho, "spectral radius")
    mismatched = [(p, g, w) for p, g, w in zip(points, names, want_names) if g != w]
    assert not mismatched, f"{len(mismatched)} regimes differ, first: {mismatched[0]}"
    assert {"monotone", "ripples", "oscillating", "divergent"} <= set(want_names)


def test_the_package_gives_the_same_bits_for_numbers_and_arrays() -> None:
    """What lets the engine mirror the package: no ``x ** 2`` (C's pow) on a NumPy scalar in these paths."""
    points = theory_points(seed=15)
    lr, momentum, curvature, nesterov = (np.array(column) for column in zip(*points))
    with np.errstate(all="ignore"):
        for flag in (False, True):
            rows = nesterov == flag
            array_rho = theory.spectral_radius(lr[rows], momentum[rows], curvature[rows], nesterov=flag)
            scalar_rho = [float(theory.spectral_radius(*p[:3], nesterov=flag)) for p in np.array(points)[rows]]
            assert np.array_equal(array_rho, scalar_rho, equal_nan=True)
    thetas = np.random.default_rng(16).normal(size=5000) * 2
    landscape = ball_landscape()
    assert np.array_equal(landscape.gradient(thetas), [float(landscape.gradient(t)) for t in thetas])


def test_the_other_closed_forms_agree_with_the_package() -> None:
    rng = np.random.default_rng(17)
    momenta = rng.uniform(0, 1, 300).tolist() + [0.0, 0.5, 0.9]
    pairs = [sorted(float(v) for v in 10.0 ** rng.uniform(-3, 3, 2)) for _ in range(300)] + [[0.2, 4.0], [1.0, 1.0]]
    calls = ([("stabilityBound", [g, False]) for g in momenta] + [("stabilityBound", [g, True]) for g in momenta]
             + [("criticalDampingBounds", [g]) for g in momenta] + [("optimalParameters", p) for p in pairs])
    got = iter(values(calls))
    for flag in (False, True):
        assert_agree([next(got) for _ in momenta], theory.stability_bound(np.array(momenta), nesterov=flag), flag)
    bounds = [next(got) for _ in momenta]
    assert_agree(bounds, np.stack(theory.critical_damping_bounds(np.array(momenta)), axis=1), "critical damping")
    for pair in pairs:
        assert_agree(next(got), theory.optimal_parameters(*pair), pair)


def ball_settings(seed: int = 18) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    page = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99)  # the ball page's settings
    settings = [{"lr": 0.2, "momentum": lam, "start": -3.0, "steps": 300} for lam in page]
    settings += [{"lr": 0.2, "momentum": 0.0, "start": -3.0, "steps": 10_000},
                 {"lr": 0.2, "momentum": 0.9, "start": -2.0, "steps": 50}]
    for _ in range(400):
        settings.append({"lr": float(10.0 ** rng.uniform(-3, 0)), "momentum": float(rng.uniform(0, 1)),
                         "start": float(rng.uniform(-3.4, 3.75)), "steps": int(rng.integers(0, 400))})
    for _ in range(40):  # too large a step: the ball leaves the landscape, to inf and NaN
        settings.append({"lr": float(10.0 ** rng.uniform(0.3, 2)), "momentum": float(rng.uniform(0, 1)),
                         "start": float(rng.uniform(-3.4, 3.75)), "steps": 200})
    return settings


def test_the_ball_agrees_with_the_package() -> None:
    settings = ball_settings()
    got = values([("runBall", [s]) for s in settings] + [("runBallStates", [s]) for s in settings])
    positions, states = got[: len(settings)], got[len(settings) :]
    diverged = 0
    for setting, theta, state in zip(settings, positions, states):
        want_theta, want_movement = package_ball(**setting)
        assert_agree(theta, want_theta, setting)
        assert_agree(state["theta"], want_theta, setting)
        assert_agree(state["movement"], want_movement, setting)
        diverged += not np.all(np.isfinite(want_theta))
    assert diverged >= 20, diverged
    # momentum 0 is the page's GradientDescent, through the runner itself
    landscape = ball_landscape()
    assert_agree(positions[0], optimize(GradientDescent(0.2), landscape, landscape.start, 300).x, "gradient descent")
    assert_agree(positions[5], optimize(MovementMomentum(0.2, 0.9), landscape, landscape.start, 300).x, "lambda 0.9")


def test_the_ball_landscape_agrees_with_the_package() -> None:
    rng = np.random.default_rng(19)
    thetas = rng.uniform(-4, 4, 3000).tolist() + [-3.0, -2.0, 0.0, 1.0, 3.0, 1e80, -1e80, 1e300]
    got = values([("ballLoss", [t]) for t in thetas] + [("ballGradient", [t]) for t in thetas])
    landscape = ball_landscape()
    with np.errstate(all="ignore"):
        assert_agree(got[: len(thetas)], [float(landscape(t)) for t in thetas], "loss")
        assert_agree(got[len(thetas) :], [float(landscape.gradient(t)) for t in thetas], "gradient")


def test_the_ema_numbers_agree_with_the_package() -> None:
    gammas = [0.0, 0.5, 0.6, 0.9, 0.95, 0.99, 0.999] + np.random.default_rng(20).uniform(0, 1, 200).tolist()
    calls = ([("effectiveWindow", [g]) for g in gammas] + [("emaWeights", [g, 300]) for g in gammas]
             + [("roundHalfEven", [v]) for v in (0.5, 1.5, 2.5, 2.4999999999999996, 3.5000000000000004, 7.0)])
    got = iter(values(calls))
    assert_agree([next(got) for _ in gammas], [effective_window(g) for g in gammas], "window")
    for g in gammas:
        assert_agree(next(got), ema_weights(g, 300), g)
    assert list(got) == [round(v) for v in (0.5, 1.5, 2.5, 2.4999999999999996, 3.5000000000000004, 7.0)]


# ---------------------------------------------------------------- bad arguments


def _package_message(check: Any) -> str:
    with pytest.raises((ValueError, TypeError)) as error:
        check()
    return str(error.value)


def _claim(message: str) -> str:
    """The part of an error message that names the argument and its range: everything before ", got"."""
    return message.split(", got")[0].split("; entry")[0].replace(" everywhere", "")


GOOD_RUN = {"lr": 0.4, "momentum": 0.5, "curvatures": [0.2, 4.0], "start": [-5.0, -2.0], "steps": 10}
GOOD_BALL = {"lr": 0.2, "momentum": 0.9, "start": -3.0, "steps": 10}
NAN, INF = float("nan"), float("inf")


def bad_calls() -> list[tuple[str, list[Any], Any]]:
    """(engine function, arguments, the package call that fails alike, or None where it has no such argument)."""
    from momentum_docs import validation as v

    def check_x0(value: Any) -> Any:
        return lambda: v.check_finite_array(value, "x0")

    return [
        ("run", [{**GOOD_RUN, "steps": -1}], lambda: v.check_steps(-1)),
        ("run", [{**GOOD_RUN, "steps": 2.5}], lambda: v.check_steps(2.5)),
        ("run", [{**GOOD_RUN, "momentum": 1.0}], lambda: v.check_momentum(1.0)),
        ("run", [{**GOOD_RUN, "momentum": -0.1}], lambda: v.check_momentum(-0.1)),
        ("run", [{**GOOD_RUN, "momentum": NAN}], lambda: v.check_momentum(NAN)),
        ("run", [{**GOOD_RUN, "lr": 0.0}], lambda: v.check_learning_rate(0.0)),
        ("run", [{**GOOD_RUN, "lr": -1.0}], lambda: v.check_learning_rate(-1.0)),
        ("run", [{**GOOD_RUN, "lr": INF}], lambda: v.check_learning_rate(INF)),
        ("run", [{**GOOD_RUN, "lr": True}], lambda: v.check_learning_rate(True)),
        ("run", [{**GOOD_RUN, "start": [-5.0, NAN]}], check_x0([-5.0, NAN])),
        ("run", [{**GOOD_RUN, "start": [INF, 1.0]}], check_x0([INF, 1.0])),
        ("run", [{**GOOD_RUN, "curvatures": [0.2, NAN]}], lambda: v.check_finite_array([0.2, NAN], "curvatures")),
        ("run", [{**GOOD_RUN, "curvatures": [0.2]}], None),
        ("run", [{**GOOD_RUN, "nesterov": "yes"}], None),
        ("run", [{**GOOD_RUN, "learning_rate": 0.1}], None),
        ("run", [{k: val for k, val in GOOD_RUN.items() if k != "steps"}], None),
        ("runBall", [{**GOOD_BALL, "steps": -3}], lambda: v.check_steps(-3)),
        ("runBall", [{**GOOD_BALL, "momentum": 1.5}], lambda: v.check_momentum(1.5)),
        ("runBall", [{**GOOD_BALL, "lr": 0.0}], lambda: v.check_learning_rate(0.0)),
        ("runBall", [{**GOOD_BALL, "start": NAN}], check_x0(NAN)),
        ("runBall", [{**GOOD_BALL, "start": -INF}], check_x0(-INF)),
        ("spectralRadius", [0.0, 0.5, 4.0], lambda: theory.spectral_radius(0.0, 0.5, 4.0)),
        ("spectralRadius", [0.4, 1.0, 4.0], lambda: theory.spectral_radius(0.4, 1.0, 4.0)),
        ("spectralRadius", [0.4, 0.5, NAN], lambda: theory.spectral_radius(0.4, 0.5, NAN)),
        ("regime", [0.4, -0.5, 4.0], lambda: theory.regime(0.4, -0.5, 4.0)),
        ("regime", [INF, 0.5, 4.0], lambda: theory.regime(INF, 0.5, 4.0)),
        ("ballGradient", ["1"], None),
    ]


#: the package's name for an argument where the engine's differs
RENAMED = {"x0": "start", "lam": "curvature"}


def test_bad_arguments_raise_errors_that_name_the_argument_and_its_range() -> None:
    cases = bad_calls()
    results = call_engine([(name, args) for name, args, _ in cases])
    for (name, args, package_call), result in zip(cases, results):
        assert "error" in result, f"{name}({args}) did not raise"
        kind, message = result["error"]
        assert kind in {"TypeError", "RangeError"}, (name, args, kind)
        if package_call is None:
            continue
        expected = _claim(_package_message(package_call))
        for old, new in RENAMED.items():
            expected = re.sub(rf"^{old}\b", new, expected)
        assert _claim(message) == expected, f"{name}({args}): engine says {message!r}, package {expected!r}"


def test_an_error_names_what_is_wrong() -> None:
    results = call_engine([(name, args) for name, args, _ in bad_calls()])
    messages = [result["error"][1] for result in results]
    assert "curvatures must have one entry per coordinate of start (2), got 1" in messages
    assert 'nesterov must be true or false, got "yes"' in messages
    assert any(m.startswith('run() got an unknown argument "learning_rate"') for m in messages)
    assert "run() needs the argument steps" in messages


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_engine.py --write   (regenerates momentum-engine.classic.js)")
    CLASSIC.write_text(classic_twin(ENGINE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {CLASSIC.relative_to(ROOT)}")
