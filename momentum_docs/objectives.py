"""Objective functions with exact gradients.

An objective here is a callable ``f(x)`` with a method ``f.gradient(x)``.
The optimizers in :mod:`momentum_docs.optimizers` need nothing else.

The running example of the site is the ill-conditioned quadratic of
*Dive into Deep Learning*, ``f(x) = 0.1 x1^2 + 2 x2^2``:

>>> f = ill_conditioned_quadratic()
>>> f([-5.0, -2.0])
10.5
>>> f.gradient([-5.0, -2.0])
array([-1., -8.])
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import polynomial as P

from .validation import check_finite_array

__all__ = [
    "BallLandscape",
    "CyclingCounterexample",
    "NoisyQuadratic",
    "Quadratic",
    "ball_landscape",
    "ill_conditioned_quadratic",
]


class Quadratic:
    """The quadratic ``f(x) = 1/2 x^T Q x`` for a symmetric matrix ``Q``.

    Its gradient is ``Q x`` and its minimiser is the origin when ``Q`` is
    positive definite. ``x`` may carry leading batch axes (the last axis is
    the coordinate axis), which is how contour plots evaluate it on a grid.

    >>> q = Quadratic([[2.0, 0.0], [0.0, 8.0]])
    >>> q.eigenvalues
    array([2., 8.])
    >>> q.condition_number
    4.0
    """

    def __init__(self, Q: object) -> None:
        matrix = check_finite_array(Q, "Q")
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"Q must be a square matrix, got shape {matrix.shape}")
        if not np.allclose(matrix, matrix.T, rtol=0, atol=1e-12 * max(1.0, np.abs(matrix).max())):
            raise ValueError("Q must be symmetric (Q == Q.T)")
        matrix.setflags(write=False)
        self.Q = matrix

    @property
    def dim(self) -> int:
        """Number of coordinates."""
        return self.Q.shape[0]

    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of ``Q`` in increasing order (the curvatures)."""
        return np.linalg.eigvalsh(self.Q)

    @property
    def condition_number(self) -> float:
        """``lambda_max / lambda_min``; requires ``Q`` positive definite."""
        eig = self.eigenvalues
        if eig[0] <= 0:
            raise ValueError("condition_number needs a positive definite Q")
        return float(eig[-1] / eig[0])

    def _coords(self, x: object) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.shape[-1:] != (self.dim,):
            raise ValueError(f"x must have last axis of length {self.dim}, got shape {array.shape}")
        return array

    def __call__(self, x: object) -> float | np.ndarray:
        array = self._coords(x)
        value = 0.5 * np.einsum("...i,ij,...j->...", array, self.Q, array)
        return float(value) if value.ndim == 0 else value

    def gradient(self, x: object) -> np.ndarray:
        """``Q x`` (``x @ Q``, which is the same for symmetric ``Q``)."""
        return self._coords(x) @ self.Q

    def __repr__(self) -> str:
        return f"Quadratic(Q={self.Q.tolist()})"


def ill_conditioned_quadratic() -> Quadratic:
    """``f(x) = 0.1 x1^2 + 2 x2^2``, i.e. ``Q = diag(0.2, 4)``: condition number 20.

    >>> ill_conditioned_quadratic().condition_number
    20.0
    """
    return Quadratic(np.diag([0.2, 4.0]))


class BallLandscape:
    """A 1-D loss with a flat saddle, a shallow minimum, a hill and a deep minimum.

    ``L(t) = (2 t^6 - 27 t^4 - 16 t^3 + 72 t^2 + 513) / 625`` with derivative
    ``L'(t) = 6 t (t + 2)^2 (t - 1)(t - 3) / 312.5``. Reading the factors of
    ``L'`` from left to right gives the story of the second lecture note:

    * ``t = -2``: a double root, so the slope touches zero without changing
      sign: a flat saddle (an inflection point) at height 1;
    * ``t = 0``: a shallow local minimum at height 0.8208;
    * ``t = 1``: the top of a small hill at height 0.8704;
    * ``t = 3``: the deep (global) minimum at height 0.

    From :attr:`start` ``= -3`` with learning rate 0.2, gradient descent
    creeps towards the saddle and never passes it, while momentum 0.9
    crosses the saddle, the shallow minimum and the hill and settles in the
    deep minimum (see the page *A ball rolling downhill*).

    Values and gradients are taken entry by entry, so ``t`` may be an array.

    >>> L = ball_landscape()
    >>> [float(L(t)) for t in (L.saddle, L.shallow_minimum, L.hill, L.deep_minimum)]
    [1.0, 0.8208, 0.8704, 0.0]
    >>> bool(np.all(L.gradient([L.saddle, L.shallow_minimum, L.hill, L.deep_minimum]) == 0))
    True
    """

    #: integer coefficients of 625 L(t), lowest degree first
    coefficients_625 = np.array([513.0, 0.0, 72.0, -16.0, -27.0, 0.0, 2.0])
    saddle = -2.0
    shallow_minimum = 0.0
    hill = 1.0
    deep_minimum = 3.0
    #: the documented start point of the ball's story
    start = -3.0

    def __call__(self, t: object) -> np.ndarray:
        # integer coefficients keep the values at the critical points exact
        return P.polyval(np.asarray(t, dtype=float), self.coefficients_625) / 625.0

    def gradient(self, t: object) -> np.ndarray:
        # the factored form is exactly zero at each critical point; (t + 2)(t + 2), not (t + 2) ** 2,
        # which on a NumPy scalar calls the C library's pow(), not always exactly rounded (see theory)
        t = np.asarray(t, dtype=float)
        return 6.0 * t * ((t + 2.0) * (t + 2.0)) * (t - 1.0) * (t - 3.0) / 312.5

    def curvature(self, t: object) -> np.ndarray:
        """Second derivative ``L''(t)``."""
        return P.polyval(np.asarray(t, dtype=float), P.polyder(self.coefficients_625, 2)) / 625.0

    def __repr__(self) -> str:
        return "BallLandscape()"


def ball_landscape() -> BallLandscape:
    """The 1-D landscape of the page *A ball rolling downhill*."""
    return BallLandscape()


class NoisyQuadratic:
    """Many independent runs on ``f(x) = 1/2 sum_i lam_i x_i^2`` with noisy gradients, in one array.

    ``x`` has shape ``(runs, n)``: each row is one run. The gradient is
    ``lam * x + noise * xi`` with ``xi`` standard normal, fresh at every call
    and independent across runs and coordinates (drawn from a generator
    seeded with ``seed``, so a run is reproducible). The value is the
    *average* loss over the runs, which is what :func:`~momentum_docs.optimize`
    records, so ``optimize(...).loss`` is an estimate of ``E[f(x_t)]``.

    >>> f = NoisyQuadratic([1.0, 10.0], noise=0.0)
    >>> f(np.array([[1.0, 1.0], [1.0, -1.0]]))
    5.5
    """

    def __init__(self, curvatures: object, noise: float, seed: int = 0) -> None:
        self.curvatures = check_finite_array(curvatures, "curvatures")
        if self.curvatures.ndim != 1 or np.any(self.curvatures <= 0):
            raise ValueError("curvatures must be a 1-D sequence of numbers > 0")
        if not (np.isfinite(noise) and noise >= 0):
            raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
        self.noise = float(noise)
        self.rng = np.random.default_rng(seed)

    def _runs(self, x: object) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.ndim != 2 or array.shape[1] != len(self.curvatures):
            raise ValueError(f"x must have shape (runs, {len(self.curvatures)}), got {array.shape}")
        return array

    def __call__(self, x: object) -> float:
        return float(np.mean(0.5 * np.sum(self.curvatures * self._runs(x) ** 2, axis=1)))

    def gradient(self, x: object) -> np.ndarray:
        array = self._runs(x)
        return self.curvatures * array + self.noise * self.rng.standard_normal(array.shape)

    def __repr__(self) -> str:
        return f"NoisyQuadratic(curvatures={self.curvatures.tolist()}, noise={self.noise})"


class CyclingCounterexample:
    """A smooth, strongly convex 1-D function on which tuned heavy-ball momentum cycles for ever.

    Lessard, Recht and Packard (2016, SIAM J. Optim. 26(1)) give this piecewise quadratic:

    * ``25 t^2 / 2`` for ``t < 1``,
    * ``t^2 / 2 + 24 t - 12`` for ``1 <= t < 2``,
    * ``25 t^2 / 2 - 24 t + 36`` for ``t >= 2``.

    Its gradient is continuous and its curvature lies between 1 and 25, so it
    is 1-strongly convex and 25-smooth, with its minimum at 0. Heavy ball with
    the parameters that are optimal for quadratics with those curvatures
    (``lr = 1/9``, ``momentum = 4/9``) does not converge from some starts: it
    settles into a cycle of three points. Started at rest from ``x0`` in
    [0, 6] (a scan every 0.001), it cycles for ``x0`` in about

    * [0.971, 1.038],
    * [2.751, 2.920], except for a narrow gap around 2.856 (2.856 and 2.857 converge),
    * [3.062, 3.463],
    * [5.394, 5.555],

    and converges from every other start there, ``x0 = 3.0`` included
    (``tests/test_objectives.py`` checks these intervals).

    >>> f = CyclingCounterexample()
    >>> [round(float(f.gradient(t)), 9) for t in (1 - 1e-12, 1.0, 2 - 1e-12, 2.0)]  # continuous at the joins
    [25.0, 25.0, 26.0, 26.0]
    >>> from momentum_docs import Momentum, optimize, theory
    >>> lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    >>> optimize(Momentum(lr, momentum), f, 3.2, steps=300).x[-3:].round(4).tolist()  # the cycle
    [-1.8024, 2.1159, 0.6465]
    >>> bool(abs(optimize(Momentum(lr, momentum), f, 3.0, steps=300).x[-1]) < 1e-40)  # converges
    True
    """

    strong_convexity = 1.0
    smoothness = 25.0

    def __call__(self, t: object) -> np.ndarray:
        t = np.asarray(t, dtype=float)
        return np.where(t < 1, 12.5 * t**2, np.where(t < 2, 0.5 * t**2 + 24 * t - 12, 12.5 * t**2 - 24 * t + 36))

    def gradient(self, t: object) -> np.ndarray:
        t = np.asarray(t, dtype=float)
        return np.where(t < 1, 25 * t, np.where(t < 2, t + 24, 25 * t - 24))

    def __repr__(self) -> str:
        return "CyclingCounterexample()"
