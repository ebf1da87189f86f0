"""Momentum beyond quadratics: Nesterov's method for smooth convex functions, its test functions and its bounds.

A function is *smooth* (``lam_max``-smooth) when its gradient is
``lam_max``-Lipschitz: on a twice differentiable function, every curvature
is at most ``lam_max``. Without strong convexity (the smallest curvature may
be 0) no method converges at a fixed rate per step, and the guarantees are
bounds on ``f(x_t) - f*`` that fall like a power of ``t``:

* gradient descent with ``lr <= 1/lam_max``:
  ``f(x_t) - f* <= ||x_0 - x*||^2 / (2 lr t)`` (:func:`gradient_descent_bound`);
* Nesterov's method with the momentum ``(t - 1)/(t + 2)``
  (:class:`AcceleratedGradient`, :func:`nesterov_momentum`):
  ``f(x_t) - f* <= 2 ||x_0 - x*||^2 / (lr (t + 1)^2)`` (:func:`accelerated_bound`),
  proved by an energy that never increases (:func:`accelerated_energy`).

Two test functions make these bounds tight, up to constants:
:class:`HuberFunction` is gradient descent's worst case (Drori and Teboulle,
2014), and :class:`ChainQuadratic` is Nesterov's function on which no
first-order method beats ``3 lam_max ||x_0 - x*||^2 / (32 (t + 1)^2)``.
:func:`heavy_ball_cycle` finds the exact cycles of heavy ball on a
piecewise quadratic such as :class:`~momentum_docs.CyclingCounterexample`.

>>> [round(nesterov_momentum(t), 4) for t in range(1, 6)]
[0.0, 0.25, 0.4, 0.5, 0.5714]
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .optimizers import Gradient, GradientDescent, LearningRate, _Schedule, optimize
from .validation import (
    check_finite_array,
    check_learning_rate,
    check_momentum,
    check_positive_int,
    check_steps,
)

__all__ = [
    "HORIZONS",
    "AcceleratedGradient",
    "ChainQuadratic",
    "HeavyBallCycle",
    "HuberFunction",
    "ManyStarts",
    "accelerated_bound",
    "accelerated_energy",
    "gradient_descent_bound",
    "heavy_ball_cycle",
    "nesterov_momentum",
    "worst_case_gaps",
]


def nesterov_momentum(t: int) -> float:
    """``(t - 1)/(t + 2)`` for ``t >= 1``, and 0 for ``t = 0``: the momentum that forms the look-ahead point ``y_t``.

    The method (:class:`AcceleratedGradient`) is, with ``y_0 = x_0``,

        x_t = y_(t-1) - lr grad f(y_(t-1)),    y_t = x_t + (t - 1)/(t + 2) (x_t - x_(t-1)),

    so step ``t`` uses ``nesterov_momentum(t - 1)``. At ``t = 0`` the formula
    would give ``-1/2``, but it multiplies ``x_0 - x_(-1) = 0``; 0 is returned.

    >>> nesterov_momentum(0), nesterov_momentum(1), nesterov_momentum(2), nesterov_momentum(98)
    (0.0, 0.0, 0.25, 0.97)
    """
    t = check_steps(t, "t")
    return 0.0 if t == 0 else (t - 1) / (t + 2)


class AcceleratedGradient:
    """Nesterov's accelerated gradient method for smooth convex functions, in the site's velocity form.

    With ``beta_k = momentum(k)`` (by default ``(k - 1)/(k + 2)``, see
    :func:`nesterov_momentum`), step ``t`` is

        v_t = beta_(t-1) v_(t-1) + lr grad f(x_(t-1) - beta_(t-1) v_(t-1)),    x_t = x_(t-1) - v_t,

    which is ``y_(t-1) = x_(t-1) + beta_(t-1) (x_(t-1) - x_(t-2))`` and
    ``x_t = y_(t-1) - lr grad f(y_(t-1))`` written with ``v_t = x_(t-1) - x_t``.
    It is Sutskever's look-ahead form of the Nesterov page with a momentum
    that changes with the step; :func:`~momentum_docs.optimize` records
    ``x_t``, the points the convergence bounds are about. ``momentum`` may
    also be a constant in [0, 1) (the strongly convex tuning, for example).

    >>> from momentum_docs import Quadratic, optimize
    >>> run = optimize(AcceleratedGradient(lr=1.0), Quadratic([[1.0]]), [3.0], steps=2)
    >>> run.x.ravel().tolist()  # lr = 1/lam: the first step lands on the minimum
    [3.0, 0.0, 0.0]
    """

    state_name = "velocity"

    def __init__(self, lr: LearningRate, momentum: float | Callable[[int], float] = nesterov_momentum) -> None:
        self.lr = _Schedule(lr)
        if callable(momentum):
            self.momentum: float | Callable[[int], float] = momentum
        else:
            self.momentum = check_momentum(momentum)

    def beta(self, k: int) -> float:
        """The momentum that forms ``y_k`` (checked to lie in [0, 1))."""
        if callable(self.momentum):
            return check_momentum(self.momentum(k), f"momentum({k})")
        return self.momentum

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(
        self, x: np.ndarray, velocity: np.ndarray, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        beta = self.beta(t - 1)
        velocity = beta * velocity + self.lr(t) * gradient(x - beta * velocity)
        return x - velocity, velocity

    def __repr__(self) -> str:
        momentum = getattr(self.momentum, "__name__", self.momentum)
        return f"AcceleratedGradient(lr={self.lr!r}, momentum={momentum})"


def _distance_squared(distance_squared: object) -> np.ndarray:
    value = check_finite_array(distance_squared, "distance_squared")
    if np.any(value < 0):
        raise ValueError(f"distance_squared must be >= 0, got {distance_squared!r}")
    return value


def _positive_steps(steps: object) -> np.ndarray:
    t = np.asarray(steps)
    if t.dtype.kind not in "iu" or np.any(t < 1):
        raise ValueError(f"steps must be whole numbers >= 1, got {steps!r}")
    return t


def accelerated_bound(steps: object, lr: float, distance_squared: float) -> np.ndarray:
    """``2 ||x_0 - x*||^2 / (lr (t + 1)^2)``: the bound on ``f(x_t) - f*`` of :class:`AcceleratedGradient`.

    Valid for every convex ``f`` whose gradient is ``(1/lr)``-Lipschitz (or
    less), with the default momentum ``(t - 1)/(t + 2)``.

    >>> accelerated_bound([1, 9], lr=1.0, distance_squared=1.0).tolist()
    [0.5, 0.02]
    """
    return 2 * _distance_squared(distance_squared) / (check_learning_rate(lr) * (_positive_steps(steps) + 1) ** 2)


def gradient_descent_bound(steps: object, lr: float, distance_squared: float) -> np.ndarray:
    """``||x_0 - x*||^2 / (2 lr t)``: the bound on ``f(x_t) - f*`` of gradient descent with ``lr <= 1/lam_max``.

    >>> gradient_descent_bound([1, 10], lr=1.0, distance_squared=1.0).tolist()
    [0.5, 0.05]
    """
    return _distance_squared(distance_squared) / (2 * check_learning_rate(lr) * _positive_steps(steps))


def accelerated_energy(x: object, loss: object, minimizer: object, minimum: float, lr: float) -> np.ndarray:
    """The energy ``E_t = lr (t + 1)^2 / 2 (f(x_t) - f*) + ||w_t - x*||^2`` along a run of :class:`AcceleratedGradient`.

    ``w_t = x_(t-1) + (t + 1)/2 (x_t - x_(t-1))`` (and ``w_0 = x_0``). For a
    convex ``f`` with ``lr <= 1/lam_max`` the energy never increases, and
    ``E_1 <= ||x_0 - x*||^2``, which gives :func:`accelerated_bound`.
    ``x`` is ``run.x`` (one row per step) and ``loss`` is ``run.loss``.

    >>> from momentum_docs import Quadratic, optimize
    >>> f = Quadratic(np.diag([1.0, 0.01]))
    >>> run = optimize(AcceleratedGradient(lr=1.0), f, [1.0, 1.0], steps=50)
    >>> energy = accelerated_energy(run.x, run.loss, [0.0, 0.0], 0.0, lr=1.0)
    >>> bool(np.all(np.diff(energy) <= 1e-12)), bool(energy[1] <= 2.0)
    (True, True)
    """
    xs = check_finite_array(x, "x")
    losses = check_finite_array(loss, "loss")
    if xs.ndim < 1 or losses.shape != (len(xs),):
        raise ValueError(f"x must have one row per entry of loss, got shapes {xs.shape} and {losses.shape}")
    star = check_finite_array(minimizer, "minimizer")
    lr = check_learning_rate(lr)
    t = np.arange(len(xs))
    previous = np.concatenate([xs[:1], xs[:-1]])
    tau = ((t + 1) / 2).reshape(-1, *([1] * (xs.ndim - 1)))
    w = previous + tau * (xs - previous)
    distance = np.sum((w - star) ** 2, axis=tuple(range(1, xs.ndim)))
    return lr * (t + 1) ** 2 / 2 * (losses - float(minimum)) + distance


class ChainQuadratic:
    """Nesterov's function on which no first-order method is fast: ``lam_max/4 (x^T A x / 2 - x_1)``.

    ``A`` is the ``dim x dim`` tridiagonal matrix with 2 on the diagonal and
    -1 beside it, so ``x^T A x = x_1^2 + sum (x_i - x_(i+1))^2 + x_dim^2``
    (Nesterov, *Lectures on Convex Optimization*, 2018, section 2.1). Its
    curvatures lie in ``(0, lam_max)``, its minimiser is
    ``x*_i = 1 - i/(dim + 1)`` and its minimum ``lam_max/8 (-1 + 1/(dim + 1))``.

    The gradient at a point whose coordinates after the ``k``-th are zero is
    zero after the ``(k+1)``-th, so a method that moves along gradients and
    starts at 0 has ``x_t`` zero after coordinate ``t``; :meth:`krylov_floor`
    is the least ``f`` such a point can have. On ``dim = 2t + 1`` this gives
    ``f(x_t) - f* >= 3 lam_max ||x_0 - x*||^2 / (32 (t + 1)^2)`` for every
    such method.

    >>> f = ChainQuadratic(3, lam_max=4.0)
    >>> f.minimizer.tolist(), f.minimum
    ([0.75, 0.5, 0.25], -0.375)
    >>> f.gradient(f.minimizer).round(12).tolist()
    [0.0, 0.0, 0.0]
    """

    def __init__(self, dim: int, lam_max: float = 1.0) -> None:
        self.dim = check_positive_int(dim, "dim")
        self.lam_max = check_learning_rate(lam_max, "lam_max")

    def _coords(self, x: object) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.shape[-1:] != (self.dim,):
            raise ValueError(f"x must have last axis of length {self.dim}, got shape {array.shape}")
        return array

    def _A(self, x: np.ndarray) -> np.ndarray:
        ax = 2 * x
        ax[..., 1:] -= x[..., :-1]
        ax[..., :-1] -= x[..., 1:]
        return ax

    def __call__(self, x: object) -> float | np.ndarray:
        x = self._coords(x)
        value = self.lam_max / 4 * (0.5 * np.sum(x * self._A(x), axis=-1) - x[..., 0])
        return float(value) if np.ndim(value) == 0 else value

    def gradient(self, x: object) -> np.ndarray:
        x = self._coords(x)
        grad = self._A(x)
        grad[..., 0] -= 1
        return self.lam_max / 4 * grad

    @property
    def minimizer(self) -> np.ndarray:
        return 1 - np.arange(1, self.dim + 1) / (self.dim + 1)

    @property
    def minimum(self) -> float:
        return self.lam_max / 8 * (-1 + 1 / (self.dim + 1))

    def krylov_floor(self, t: int) -> float:
        """The least value of ``f`` over points that are zero after coordinate ``t``: ``lam_max/8 (-1 + 1/(t + 1))``."""
        t = check_steps(t, "t")
        return self.lam_max / 8 * (-1 + 1 / (min(t, self.dim) + 1))

    def __repr__(self) -> str:
        return f"ChainQuadratic(dim={self.dim}, lam_max={self.lam_max})"


class HuberFunction:
    """``sum_i h(x_i)`` with ``h(u) = lam_max u^2 / 2`` for ``|u| <= width`` and ``lam_max width (|u| - width/2)`` beyond.

    Convex and ``lam_max``-smooth, with its minimum 0 at 0, quadratic near
    it and linear far from it (so not strongly convex). With
    ``width = ||x_0|| / (2t + 1)`` and the start on one axis, gradient descent
    with ``lr = 1/lam_max`` spends all ``t`` steps on the linear part and ends
    at ``f(x_t) = lam_max ||x_0||^2 / (4t + 2)``: the largest value any
    ``lam_max``-smooth convex function allows after ``t`` steps (Drori and
    Teboulle, 2014).

    >>> h = HuberFunction(width=1.0, lam_max=2.0)
    >>> h([0.5]), h([3.0]), h.gradient([-3.0]).tolist()
    (0.25, 5.0, [-2.0])
    """

    def __init__(self, width: float, lam_max: float = 1.0) -> None:
        self.width = check_learning_rate(width, "width")
        self.lam_max = check_learning_rate(lam_max, "lam_max")

    def __call__(self, x: object) -> float | np.ndarray:
        x = np.asarray(x, dtype=float)
        a = np.abs(x)
        value = np.where(a <= self.width, 0.5 * self.lam_max * x**2, self.lam_max * self.width * (a - self.width / 2))
        total = np.sum(value, axis=-1)
        return float(total) if np.ndim(total) == 0 else total

    def gradient(self, x: object) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        return self.lam_max * np.clip(x, -self.width, self.width)

    @classmethod
    def worst_for_gradient_descent(cls, steps: int, distance: float, lam_max: float = 1.0) -> HuberFunction:
        """The Huber function on which ``steps`` steps of gradient descent (``lr = 1/lam_max``) from ``distance`` end highest."""
        steps = check_positive_int(steps, "steps")
        return cls(check_learning_rate(distance, "distance") / (2 * steps + 1), lam_max)

    def __repr__(self) -> str:
        return f"HuberFunction(width={self.width}, lam_max={self.lam_max})"


class HeavyBallCycle(tuple):
    """The points of a cycle of heavy ball, with the factor by which a small deviation shrinks per turn."""

    multiplier: float

    def __new__(cls, points: np.ndarray, multiplier: float) -> HeavyBallCycle:
        cycle = super().__new__(cls, (float(p) for p in points))
        cycle.multiplier = multiplier
        return cycle


def heavy_ball_cycle(objective: object, lr: float, momentum: float, points: object) -> HeavyBallCycle:
    """The exact cycle of heavy ball near ``points`` on a 1-D function whose gradient is piecewise affine.

    Heavy ball in the form ``x_t = x_(t-1) - lr f'(x_(t-1)) + momentum (x_(t-1) - x_(t-2))``
    visits ``points`` (approximately, in order) for ever. Near each point the
    gradient is ``c_i x + d_i``; the slope and offset are read off the
    objective by differences, the periodic system of equations is solved,
    and the solution is checked to be a cycle of the real objective. The
    ``multiplier`` is the spectral radius of the product of the linear parts
    over one turn: below 1, nearby starts are drawn into the cycle. (Where
    the linear parts have a double eigenvalue, as on the counterexample, the
    multiplier is only accurate to about six digits: a double eigenvalue
    moves by the square root of a rounding error.)

    >>> from momentum_docs import CyclingCounterexample
    >>> cycle = heavy_ball_cycle(CyclingCounterexample(), 1 / 9, 4 / 9, [-1.8, 2.1, 0.6])
    >>> [round(p, 4) for p in cycle], round(cycle.multiplier, 4)
    ([-1.8024, 2.1159, 0.6465], 0.2963)
    """
    lr = check_learning_rate(lr)
    momentum = check_momentum(momentum)
    guess = check_finite_array(points, "points")
    if guess.ndim != 1 or len(guess) < 2:
        raise ValueError(f"points must be a 1-D sequence of at least 2 numbers, got shape {guess.shape}")
    n = len(guess)
    h = 1e-4 * max(1.0, float(np.abs(guess).max()))

    at = np.asarray(objective.gradient(guess), dtype=float)
    forward = (np.asarray(objective.gradient(guess + h)) - at) / h
    backward = (at - np.asarray(objective.gradient(guess - h))) / h
    if not np.allclose(forward, backward, rtol=1e-6, atol=1e-9):
        raise ValueError(
            f"the gradient is not affine around each of the points {guess.tolist()} (a point sits on a kink)"
        )
    slopes = (forward + backward) / 2
    offsets = at - slopes * guess
    # x_(i+1) = (1 + momentum - lr c_i) x_i - momentum x_(i-1) - lr d_i, indices modulo n
    system = np.zeros((n, n))
    for i in range(n):
        system[(i + 1) % n, (i + 1) % n] += 1.0
        system[(i + 1) % n, i] -= 1 + momentum - lr * slopes[i]
        system[(i + 1) % n, (i - 1) % n] += momentum
    cycle = np.linalg.solve(system, -lr * np.roll(offsets, 1))  # row i + 1 carries -lr d_i
    # check against the objective itself: one turn of heavy ball from (x_(n-1), x_0) returns there
    previous, current = cycle[-1], cycle[0]
    for i in range(n):
        nxt = current - lr * float(objective.gradient(current)) + momentum * (current - previous)
        if not math.isclose(nxt, cycle[(i + 1) % n], rel_tol=1e-9, abs_tol=1e-12):
            raise ValueError(
                f"no cycle of heavy ball near {guess.tolist()}: the pieces of the gradient change along it"
            )
        previous, current = current, nxt
    product = np.eye(2)
    for i in range(n):
        product = np.array([[1 + momentum - lr * slopes[i], -momentum], [1.0, 0.0]]) @ product
    return HeavyBallCycle(cycle, float(np.abs(np.linalg.eigvals(product)).max()))


class ManyStarts:
    """One objective of a scalar ``x``, run from many starts at once: ``x`` has shape ``(runs,)``.

    The value is the mean of ``f`` over the runs (what :func:`~momentum_docs.optimize`
    records) and the gradient is taken run by run, so each row of the
    trajectory is an independent run.

    >>> from momentum_docs import CyclingCounterexample, optimize
    >>> run = optimize(AcceleratedGradient(0.04, 2 / 3), ManyStarts(CyclingCounterexample()), [0.5, 3.0], steps=3)
    >>> run.x.shape
    (4, 2)
    """

    def __init__(self, objective: object) -> None:
        if not callable(objective) or not callable(getattr(objective, "gradient", None)):
            raise TypeError(f"objective must be callable and have a .gradient(x) method, got {objective!r}")
        self.objective = objective

    def _runs(self, x: object) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.ndim != 1:
            raise ValueError(f"x must have shape (runs,), got {array.shape}")
        return array

    def __call__(self, x: object) -> float:
        return float(np.mean(self.objective(self._runs(x))))

    def gradient(self, x: object) -> np.ndarray:
        return np.asarray(self.objective.gradient(self._runs(x)), dtype=float)

    def __repr__(self) -> str:
        return f"ManyStarts({self.objective!r})"


#: the horizons ``t`` of the worst-case measurements on the page *Beyond quadratics*
HORIZONS = (1, 2, 4, 8, 16, 32, 64, 128, 256)


def worst_case_gaps(horizons: tuple[int, ...] = HORIZONS) -> dict[str, np.ndarray]:
    """``(f(x_t) - f*) / (lam_max ||x_0 - x*||^2)`` on each method's hard function, for each horizon ``t``.

    ``"gd_huber"``: gradient descent (``lr = 1/lam_max``) on its worst
    :class:`HuberFunction`; ``"nesterov_chain"``: :class:`AcceleratedGradient`
    on the :class:`ChainQuadratic` of dimension ``2t + 1`` from 0;
    ``"gd_chain"``: gradient descent on the same chain.

    >>> gaps = worst_case_gaps((1, 10))
    >>> gaps["gd_huber"].round(4).tolist()  # 1 / (4t + 2)
    [0.1667, 0.0238]
    """
    gd_huber, nesterov_chain, gd_chain = [], [], []
    for t in horizons:
        t = check_positive_int(t, "horizon")
        huber = HuberFunction.worst_for_gradient_descent(t, distance=1.0)
        gd_huber.append(optimize(GradientDescent(1.0), huber, [1.0], t).loss[-1])
        chain = ChainQuadratic(2 * t + 1)
        distance = float(np.sum(chain.minimizer**2))
        start = np.zeros(2 * t + 1)
        nesterov_chain.append((optimize(AcceleratedGradient(1.0), chain, start, t).loss[-1] - chain.minimum) / distance)
        gd_chain.append((optimize(GradientDescent(1.0), chain, start, t).loss[-1] - chain.minimum) / distance)
    return {"gd_huber": np.array(gd_huber), "nesterov_chain": np.array(nesterov_chain), "gd_chain": np.array(gd_chain)}
