"""Two functions of two variables with a saddle point at the origin, with exact gradients and Hessians.

Both have the form ``f(x) = a/2 x1^2 + h(x2)``: a bowl along ``x1`` and a
profile ``h`` along ``x2`` that goes *down* from the origin to two minima
at ``x2 = -1`` and ``x2 = 1``.

* :class:`StrictSaddle`, ``h(x2) = c (x2^4/4 - x2^2/2)``: the Hessian at the
  origin is ``diag(a, -c)``, with one negative eigenvalue, so the origin is a
  *strict* saddle. Near it the iterates grow along ``x2`` by a constant
  factor per step (``1 + lr c`` for gradient descent; for momentum the
  spectral radius of :mod:`momentum_docs.theory` with ``lam = -c``).
* :class:`PlateauSaddle`, ``h(x2) = c (x2^6/6 - x2^4/4)``: the Hessian at the
  origin is ``diag(a, 0)``. The slope along ``x2`` is ``c (x2^5 - x2^3)``,
  cubic near 0, so the function is flat there: a plateau that the
  second-order theory cannot see (its rate is exactly 1 for ``lam = 0``).

The **stable manifold** of the saddle, the set of starting points from
which the gradient flow runs into the saddle, is the ``x1`` axis
(``x2 = 0``) for both: there the slope along ``x2`` is zero, so ``x2`` stays
zero, while ``x1`` shrinks. Gradient descent and momentum keep ``x2 = 0``
exactly too, so from the axis they converge to the saddle (when
``lr * a`` is stable for them); from anywhere off it they leave, eventually.

>>> f = StrictSaddle()
>>> f(f.saddle), f.gradient(f.saddle).tolist(), np.linalg.eigvalsh(f.hessian(f.saddle)).tolist()
(0.0, [0.0, 0.0], [-0.25, 1.0])
>>> f.minima.tolist(), [f(m) for m in f.minima]
([[0.0, -1.0], [0.0, 1.0]], [-0.0625, -0.0625])
"""

from __future__ import annotations

import numbers

import numpy as np

from .validation import check_finite_array

__all__ = ["PlateauSaddle", "StrictSaddle", "steps_to_escape"]


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


class _SeparableSaddle:
    """``f(x) = a/2 x1^2 + h(x2)``; subclasses give ``h``, ``h'`` and ``h''``."""

    def __init__(self, stable: float, depth: float) -> None:
        self.stable = _positive(stable, "stable")
        self.depth = _positive(depth, "depth")
        #: the saddle point, the origin
        self.saddle = np.zeros(2)
        self.saddle.setflags(write=False)

    @property
    def minima(self) -> np.ndarray:
        """The two minimisers ``(0, -1)`` and ``(0, 1)``, one per row."""
        return np.array([[0.0, -1.0], [0.0, 1.0]])

    def _coords(self, x: object) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.shape[-1:] != (2,):
            raise ValueError(f"x must have last axis of length 2, got shape {array.shape}")
        return array

    def _h(self, x2: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _dh(self, x2: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _d2h(self, x2: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, x: object) -> float | np.ndarray:
        """The value; ``x`` may carry leading batch axes (the last axis is ``(x1, x2)``)."""
        x = self._coords(x)
        value = self.stable / 2 * x[..., 0] ** 2 + self._h(x[..., 1])
        return float(value) if value.ndim == 0 else value

    def gradient(self, x: object) -> np.ndarray:
        """``(a x1, h'(x2))``."""
        x = self._coords(x)
        return np.stack([self.stable * x[..., 0], self._dh(x[..., 1])], axis=-1)

    def hessian(self, x: object) -> np.ndarray:
        """``[[a, 0], [0, h''(x2)]]``, shape ``(..., 2, 2)``."""
        x = self._coords(x)
        result = np.zeros((*x.shape[:-1], 2, 2))
        result[..., 0, 0] = self.stable
        result[..., 1, 1] = self._d2h(x[..., 1])
        return result

    def distance_to_saddle(self, x: object) -> np.ndarray:
        """Euclidean distance from the saddle point (the origin)."""
        return np.linalg.norm(self._coords(x), axis=-1)

    def distance_to_stable_manifold(self, x: object) -> np.ndarray:
        """``|x2|``: the distance from the ``x1`` axis, along which the iterates run into the saddle."""
        return np.abs(self._coords(x)[..., 1])


class StrictSaddle(_SeparableSaddle):
    """``f(x) = a/2 x1^2 + c (x2^4/4 - x2^2/2)``: a strict saddle at the origin, minima at ``(0, -1)``, ``(0, 1)``.

    ``a = stable`` is the curvature along ``x1`` and ``-c = -depth`` the
    curvature along ``x2`` at the saddle; the minima lie ``c/4`` below it,
    with curvature ``2c`` along ``x2``.

    >>> f = StrictSaddle(stable=1.0, depth=0.25)
    >>> f.gradient([0.0, 0.5]).tolist()  # c (x2^3 - x2) at x2 = 1/2
    [0.0, -0.09375]
    """

    def __init__(self, stable: float = 1.0, depth: float = 0.25) -> None:
        super().__init__(stable, depth)

    def _h(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (x2**4 / 4 - x2**2 / 2)

    def _dh(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (x2**3 - x2)

    def _d2h(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (3 * x2**2 - 1)

    def __repr__(self) -> str:
        return f"StrictSaddle(stable={self.stable}, depth={self.depth})"


class PlateauSaddle(_SeparableSaddle):
    """``f(x) = a/2 x1^2 + c (x2^6/6 - x2^4/4)``: a degenerate saddle on a plateau, minima at ``(0, -1)``, ``(0, 1)``.

    The curvature along ``x2`` is ``c (5 x2^4 - 3 x2^2)``: zero at the saddle,
    so the Hessian there is ``diag(a, 0)`` and the slope grows only like
    ``x2^3``. The minima lie ``c/12`` below the saddle, with curvature ``2c``.

    >>> f = PlateauSaddle()
    >>> np.linalg.eigvalsh(f.hessian(f.saddle)).tolist()
    [0.0, 1.0]
    >>> round(float(f.gradient([0.0, 0.1])[1]), 8)  # the slope at x2 = 0.1: about a thousandth
    -0.00099
    """

    def __init__(self, stable: float = 1.0, depth: float = 1.0) -> None:
        super().__init__(stable, depth)

    def _h(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (x2**6 / 6 - x2**4 / 4)

    def _dh(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (x2**5 - x2**3)

    def _d2h(self, x2: np.ndarray) -> np.ndarray:
        return self.depth * (5 * x2**4 - 3 * x2**2)

    def __repr__(self) -> str:
        return f"PlateauSaddle(stable={self.stable}, depth={self.depth})"


def steps_to_escape(function: _SeparableSaddle, x: object, distance: float = 0.5) -> int | None:
    """The first step ``t`` at which ``x[t]`` is at least ``distance`` from the stable manifold, or None.

    ``x`` holds the iterates of a run, one per row (``Trajectory.x``).

    >>> from momentum_docs import GradientDescent, Momentum, optimize
    >>> f = StrictSaddle()
    >>> gd = optimize(GradientDescent(0.1), f, [2.0, 1e-4], steps=500)
    >>> momentum = optimize(Momentum(0.1, 0.9), f, [2.0, 1e-4], steps=500)
    >>> steps_to_escape(f, gd.x), steps_to_escape(f, momentum.x)
    (351, 76)
    """
    if not isinstance(function, _SeparableSaddle):
        raise TypeError(f"function must be a StrictSaddle or PlateauSaddle, got {type(function).__name__}")
    points = check_finite_array(x, "x")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"x must hold one point (x1, x2) per row, got shape {points.shape}")
    distance = _positive(distance, "distance")
    away = np.flatnonzero(function.distance_to_stable_manifold(points) >= distance)
    return int(away[0]) if away.size else None
