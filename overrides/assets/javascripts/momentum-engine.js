// The mathematics of the site's interactive figures, as the Python package computes it.
//
// An ES module with no imports and no DOM: pure functions on numbers and arrays. Each mirrors a
// function of momentum_docs operation for operation, in the same order, so that the IEEE doubles
// agree with NumPy's bit for bit (tests/test_engine.py runs this file in Node against the package
// and requires agreement to 1e-12 relative, element by element). A diverging run returns the huge,
// infinite or NaN values NumPy computes and does not throw; a bad argument throws an error that
// names the argument and its range, like momentum_docs/validation.py.
//
// The exports of the contract (issue 11): run, spectralRadius, regime, runBall, ballLoss,
// ballGradient. The others serve the widgets and are tested the same way.
//
// The widgets load this file as a classic script (ES modules do not load from file://):
// momentum-engine.classic.js is this file with the export line replaced by a global
// MomentumEngine. tests/test_engine.py checks that it is up to date and regenerates it with
// `python tests/test_engine.py --write`.

// ---------------------------------------------------------------- argument checks

function describe(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(describe).join(", ") + "]";
  return String(value);
}

function realNumber(value, name, accepted) {
  if (typeof value !== "number") {
    throw new TypeError(name + " must be a real number in " + accepted + ", got " + describe(value));
  }
  return value;
}

// momentum_docs.validation.check_learning_rate
function checkLearningRate(lr, name) {
  realNumber(lr, name, "(0, inf)");
  if (!(Number.isFinite(lr) && lr > 0)) throw new RangeError(name + " must be finite and > 0, got " + describe(lr));
  return lr;
}

// momentum_docs.validation.check_momentum
function checkMomentum(momentum, name) {
  realNumber(momentum, name, "[0, 1)");
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(name + " must lie in [0, 1), got " + describe(momentum));
  return momentum;
}

// momentum_docs.validation.check_steps
function checkSteps(steps, name) {
  if (typeof steps !== "number" || !Number.isInteger(steps)) {
    throw new TypeError(name + " must be a whole number >= 0, got " + describe(steps));
  }
  if (steps < 0) throw new RangeError(name + " must be >= 0, got " + describe(steps));
  return steps;
}

function checkFinite(value, name) {
  realNumber(value, name, "(-inf, inf)");
  if (!Number.isFinite(value)) throw new RangeError(name + " must be finite, got " + describe(value));
  return value;
}

// momentum_docs.validation.check_finite_array, for a list of numbers
function checkFiniteList(values, name) {
  if (!Array.isArray(values) || values.length === 0) {
    throw new TypeError(name + " must be a non-empty array of real numbers, got " + describe(values));
  }
  values.forEach(function (value, index) {
    if (typeof value !== "number") {
      throw new TypeError(name + " must be an array of real numbers; entry " + index + " is " + describe(value));
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(name + " must be finite everywhere; entry " + index + " is " + describe(value));
    }
  });
  return values.slice();
}

function checkBoolean(value, name) {
  if (typeof value !== "boolean") throw new TypeError(name + " must be true or false, got " + describe(value));
  return value;
}

function options(given, allowed, caller) {
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    throw new TypeError(caller + "() takes one object of named arguments, got " + describe(given));
  }
  Object.keys(given).forEach(function (key) {
    if (allowed.indexOf(key) < 0) {
      throw new TypeError(caller + "() got an unknown argument " + describe(key) + "; it takes " + allowed.join(", "));
    }
  });
  return given;
}

function required(given, name, caller) {
  if (given[name] === undefined) throw new TypeError(caller + "() needs the argument " + name);
  return given[name];
}

// ---------------------------------------------------------------- momentum on a quadratic

// The iterates of momentum on f(x) = 1/2 sum_i curvatures[i] x_i^2 from `start`, velocity zero:
// momentum_docs.Momentum (v <- momentum v + lr g; x <- x - v) or, with nesterov, momentum_docs.Nesterov
// (v <- momentum v + lr g; x <- x - (lr g + momentum v)); the gradient is curvatures[i] * x[i], as
// in momentum_docs.NoisyQuadratic without noise. Returns steps + 1 points, the start first.
// momentum = 0 is gradient descent.
function run(given) {
  const caller = "run";
  options(given, ["lr", "momentum", "nesterov", "curvatures", "start", "steps"], caller);
  const lr = checkLearningRate(required(given, "lr", caller), "lr");
  const momentum = checkMomentum(given.momentum === undefined ? 0 : given.momentum, "momentum");
  const nesterov = checkBoolean(given.nesterov === undefined ? false : given.nesterov, "nesterov");
  const curvatures = checkFiniteList(required(given, "curvatures", caller), "curvatures");
  const start = checkFiniteList(required(given, "start", caller), "start");
  const steps = checkSteps(required(given, "steps", caller), "steps");
  if (curvatures.length !== start.length) {
    throw new RangeError("curvatures must have one entry per coordinate of start (" + start.length +
      "), got " + curvatures.length);
  }
  const n = start.length;
  let x = start;
  let velocity = new Array(n).fill(0);
  const points = [x.slice()];
  for (let t = 1; t <= steps; t++) {
    const nextX = new Array(n);
    const nextVelocity = new Array(n);
    for (let i = 0; i < n; i++) {
      const gradient = curvatures[i] * x[i];
      if (nesterov) {
        const step = lr * gradient;
        nextVelocity[i] = momentum * velocity[i] + step;
        nextX[i] = x[i] - (step + momentum * nextVelocity[i]);
      } else {
        nextVelocity[i] = momentum * velocity[i] + lr * gradient;
        nextX[i] = x[i] - nextVelocity[i];
      }
    }
    x = nextX;
    velocity = nextVelocity;
    points.push(x.slice());
  }
  return points;
}

// ---------------------------------------------------------------- closed forms (momentum_docs.theory)

function checkTheory(lr, momentum, curvature, nesterov) {
  checkFinite(lr, "lr");
  if (!(lr > 0)) throw new RangeError("lr must be > 0, got " + describe(lr));
  checkFinite(momentum, "momentum");
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError("momentum must lie in [0, 1), got " + describe(momentum));
  checkFinite(curvature, "curvature");
  checkBoolean(nesterov, "nesterov");
}

// theory.characteristic_coefficients: [trace, determinant] of the iteration matrix
function coefficients(lr, momentum, curvature, nesterov) {
  const a = lr * curvature;
  if (nesterov) return [(1 + momentum) * (1 - a), momentum * (1 - a)];
  return [1 + momentum - a, momentum];
}

function radius(trace, det) {
  const disc = trace * trace - 4 * det;
  const real = (Math.abs(trace) + Math.sqrt(Math.max(disc, 0))) / 2;
  const complex = Math.sqrt(Math.max(det, 0));
  return disc < 0 ? complex : real;
}

// theory.spectral_radius: the rate per step along a direction of curvature `curvature`
function spectralRadius(lr, momentum, curvature, nesterov) {
  if (nesterov === undefined) nesterov = false;
  checkTheory(lr, momentum, curvature, nesterov);
  const c = coefficients(lr, momentum, curvature, nesterov);
  return radius(c[0], c[1]);
}

// theory.regime: "divergent", "ripples", "monotone" or "oscillating"
function regime(lr, momentum, curvature, nesterov) {
  if (nesterov === undefined) nesterov = false;
  checkTheory(lr, momentum, curvature, nesterov);
  const c = coefficients(lr, momentum, curvature, nesterov);
  const trace = c[0];
  const disc = trace * trace - 4 * c[1];
  const name = disc < 0 ? "ripples" : trace >= 0 ? "monotone" : "oscillating";
  return radius(c[0], c[1]) >= 1 ? "divergent" : name;
}

// theory.stability_bound: the largest lr * curvature that converges
function stabilityBound(momentum, nesterov) {
  if (nesterov === undefined) nesterov = false;
  checkMomentum(momentum, "momentum");
  checkBoolean(nesterov, "nesterov");
  return nesterov ? 2 * (1 + momentum) / (1 + 2 * momentum) : 2 * (1 + momentum);
}

// theory.critical_damping_bounds: heavy ball's eigenvalues are complex for lr * curvature between
function criticalDampingBounds(momentum) {
  checkMomentum(momentum, "momentum");
  const root = Math.sqrt(momentum);
  return [(1 - root) * (1 - root), (1 + root) * (1 + root)];
}

// theory.optimal_parameters: Polyak's [lr, momentum, rate] for curvatures in [lamMin, lamMax]
function optimalParameters(lamMin, lamMax) {
  checkFinite(lamMin, "lamMin");
  checkFinite(lamMax, "lamMax");
  if (!(lamMin > 0 && lamMin <= lamMax)) {
    throw new RangeError("need 0 < lamMin <= lamMax, got lamMin=" + describe(lamMin) + ", lamMax=" + describe(lamMax));
  }
  const rootLow = Math.sqrt(lamMin);
  const rootHigh = Math.sqrt(lamMax);
  const rate = (rootHigh - rootLow) / (rootHigh + rootLow);
  const rootSum = rootHigh + rootLow;
  return [4 / (rootSum * rootSum), rate * rate, rate];
}

// ---------------------------------------------------------------- the ball page's landscape

// integer coefficients of 625 L(t), lowest degree first (objectives.BallLandscape.coefficients_625)
const BALL_COEFFICIENTS = [513, 0, 72, -16, -27, 0, 2];

// BallLandscape.__call__: numpy.polynomial.polynomial.polyval (Horner, from c[-1] + t * 0) / 625
function ballLoss(t) {
  realNumber(t, "t", "(-inf, inf)");
  const c = BALL_COEFFICIENTS;
  let value = c[c.length - 1] + t * 0;
  for (let i = 2; i <= c.length; i++) value = c[c.length - i] + value * t;
  return value / 625;
}

// BallLandscape.gradient: 6 t (t + 2)^2 (t - 1)(t - 3) / 312.5, left to right
function ballGradient(t) {
  realNumber(t, "t", "(-inf, inf)");
  return 6 * t * ((t + 2) * (t + 2)) * (t - 1) * (t - 3) / 312.5;
}

// momentum_docs.MovementMomentum on the landscape: m <- momentum m - lr g(theta); theta <- theta + m.
// Returns {theta, movement}, each steps + 1 numbers (movement[0] = 0).
function runBallStates(given) {
  const caller = "runBall";
  options(given, ["lr", "momentum", "start", "steps"], caller);
  const lr = checkLearningRate(required(given, "lr", caller), "lr");
  const momentum = checkMomentum(required(given, "momentum", caller), "momentum");
  const start = checkFinite(required(given, "start", caller), "start");
  const steps = checkSteps(required(given, "steps", caller), "steps");
  const theta = [start];
  const movement = [0];
  let position = start;
  let moved = 0;
  for (let t = 1; t <= steps; t++) {
    moved = momentum * moved - lr * ballGradient(position);
    position = position + moved;
    theta.push(position);
    movement.push(moved);
  }
  return { theta: theta, movement: movement };
}

// the positions theta^0, ..., theta^steps; momentum = 0 is gradient descent
function runBall(given) {
  return runBallStates(given).theta;
}

// ---------------------------------------------------------------- EMA weights (momentum_docs.ema)

// ema.effective_window: n = 1 / (1 - gamma)
function effectiveWindow(gamma) {
  return 1.0 / (1.0 - checkMomentum(gamma, "gamma"));
}

// ema.ema_weights: (1 - gamma) gamma^i for i = 0..n-1 (Math.pow may differ from C's pow in the last bit)
function emaWeights(gamma, n) {
  checkMomentum(gamma, "gamma");
  checkSteps(n, "n");
  const weights = [];
  for (let i = 0; i < n; i++) weights.push((1 - gamma) * Math.pow(gamma, i));
  return weights;
}

// Python's round(): halves go to the even neighbour (round(2.5) == 2)
function roundHalfEven(value) {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export {
  run,
  spectralRadius,
  regime,
  runBall,
  ballLoss,
  ballGradient,
  runBallStates,
  stabilityBound,
  criticalDampingBounds,
  optimalParameters,
  effectiveWindow,
  emaWeights,
  roundHalfEven,
};
